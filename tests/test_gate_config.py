from __future__ import annotations

import pytest

from factcheck.config import Settings, load_settings
from factcheck.errors import ConfigError
from factcheck.gate import decide
from factcheck.model import ClaimGroup, ExitCode, GroupVerdict, Kind, RunResult, Status


def result_with(status):
    verdict = GroupVerdict(ClaimGroup("g", "X", "age", Kind.AGE, None, ()), status, (), "")
    return RunResult((), (), (), (verdict,), "blank")


@pytest.mark.parametrize("status,fail_on,code", [
    (Status.CONFLICT, "conflict", ExitCode.CONFLICTS),
    (Status.CONFLICT, "never", ExitCode.OK),
    (Status.CONSISTENT, "conflict", ExitCode.OK),
])
def test_gate(status, fail_on, code):
    assert decide(result_with(status), fail_on) is code


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
