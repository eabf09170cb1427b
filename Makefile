# Two commands set everything up on a fresh machine with Python 3.11+ and make:
#   make run   - build .venv, install factcheck, check the sample corpus in sources/
#   make test  - build .venv with test extras, run the linters (make lint), then the test suite
#   make lint  - ruff (lint + format check), mypy on factcheck/, import-linter's layer contracts
#   make format - ruff check --fix, then ruff format (after a merge, run it before make lint)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP)

# Conflicts (exit 1) are the expected outcome on the sample corpus, not a make error; 2 (bad input)
# and 3 (a bug) fail. Old reports are removed first so a failed run never leaves them looking current.
run: $(STAMP)
	@rm -f reports/factcheck.json reports/factcheck.md reports/factcheck.html reports/claims.csv reports/groups.csv
	@$(BIN)/factcheck run sources/ --report-dir reports ; status=$$?; \
	if [ $$status -eq 1 ]; then echo "factcheck: conflicts found (exit 1 is how CI is told)"; exit 0; fi; \
	exit $$status

test: lint
	$(BIN)/python -m pytest

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(TEST_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Speed on 1x, 4x and 16x the repository's articles against bare spaCy (minutes; not part of test).
bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) reports/*.json reports/*.md reports/*.html reports/*.csv
