"""Runs the bad-input catalogue (tests/bad_inputs/*.py) through the real CLI."""

from __future__ import annotations

import importlib
import json
import pkgutil

import pytest
from typer.testing import CliRunner

import tests.bad_inputs as catalogue
from factcheck.cli import app

CASES = [
    case
    for module in pkgutil.iter_modules(catalogue.__path__)
    for case in importlib.import_module(f"tests.bad_inputs.{module.name}").CASES
]


def test_case_names_are_unique():
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case, tmp_path, monkeypatch):
    work = tmp_path / "case"
    work.mkdir()
    monkeypatch.chdir(work)
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    args = case.build(work)
    result = CliRunner().invoke(app, args)
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    assert result.exit_code == case.exit_code, (
        result.exit_code,
        result.stdout[-2000:],
        result.stderr[-2000:],
        result.exception,
    )
    assert not [p for p in work.rglob("*") if p.name.endswith(".tmp")], "temporary files left behind"
    for expected in case.stderr:
        assert expected in result.stderr, (expected, result.stderr)
    if case.check is not None:
        report_path = work / catalogue.REPORT
        assert report_path.exists(), result.stderr
        case.check(json.loads(report_path.read_text(encoding="utf-8")))
