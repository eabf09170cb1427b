from __future__ import annotations

import pytest

from factcheck.config import Settings, load_settings
from factcheck.errors import ConfigError
from factcheck.gate import decide
from factcheck.ledger import Action, Decision, DecisionState, Reviewed
from factcheck.model import ClaimGroup, ExitCode, GroupVerdict, Kind, Status

VERDICT = GroupVerdict(ClaimGroup("g", "X", "age", Kind.AGE, None, ()), Status.CONFLICT, (), "")
DECISION = Decision("g", Action.ACCEPT, "estimates vary", "ed", "2026-11-24", "digest")


def reviewed(state):
    return Reviewed(VERDICT, DECISION if state else None, state)


@pytest.mark.parametrize("state,fail_on,code", [
    (None, "conflict", ExitCode.CONFLICTS),               # undecided
    (DecisionState.CURRENT, "conflict", ExitCode.OK),     # decided
    (DecisionState.STALE, "conflict", ExitCode.CONFLICTS),
    (None, "stale", ExitCode.OK),                         # --fail-on stale ignores undecided ones
    (DecisionState.STALE, "stale", ExitCode.CONFLICTS),
    (None, "never", ExitCode.OK),
    (DecisionState.STALE, "never", ExitCode.OK),
])
def test_gate(state, fail_on, code):
    assert decide([reviewed(state)], fail_on) is code


def test_no_conflicts_pass_the_gate():
    assert decide([], "conflict") is ExitCode.OK


def test_config_file_overrides_defaults_and_flags_override_file(tmp_path):
    (tmp_path / "factcheck.toml").write_text('approx_tolerance = 0.2\nfail_on = "never"\n')
    settings = load_settings(cwd=tmp_path, fail_on="conflict")
    assert settings.approx_tolerance == 0.2 and settings.fail_on == "conflict"


def test_pyproject_tool_table_is_read(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nsubject_similarity = 95\n')
    assert load_settings(cwd=tmp_path).subject_similarity == 95


def test_unknown_key_names_the_file(tmp_path):
    (tmp_path / "factcheck.toml").write_text("tolerance = 3\n")
    with pytest.raises(ConfigError, match="factcheck.toml: unknown setting"):
        load_settings(cwd=tmp_path)


def test_defaults_live_in_settings():
    assert Settings().fail_on == "conflict"
