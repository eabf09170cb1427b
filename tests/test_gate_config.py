from __future__ import annotations

import dataclasses
import re

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


@pytest.mark.parametrize(
    "state,fail_on,code",
    [
        (None, "conflict", ExitCode.CONFLICTS),  # undecided
        (DecisionState.CURRENT, "conflict", ExitCode.OK),  # decided
        (DecisionState.STALE, "conflict", ExitCode.CONFLICTS),
        (None, "stale", ExitCode.OK),  # --fail-on stale ignores undecided ones
        (DecisionState.STALE, "stale", ExitCode.CONFLICTS),
        (None, "never", ExitCode.OK),
        (DecisionState.STALE, "never", ExitCode.OK),
    ],
)
def test_gate(state, fail_on, code):
    assert decide([reviewed(state)], fail_on) is code


def test_no_conflicts_pass_the_gate():
    assert decide([], "conflict") is ExitCode.OK


def test_config_file_overrides_defaults_and_flags_override_file(tmp_path):
    (tmp_path / "factcheck.toml").write_text('approx_tolerance = 0.2\nfail_on = "never"\n')
    settings = load_settings(cwd=tmp_path, fail_on="conflict")
    assert settings.approx_tolerance == 0.2 and settings.fail_on == "conflict"


def test_pyproject_tool_table_is_read(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.factcheck]\nsubject_similarity = 95\n")
    assert load_settings(cwd=tmp_path).subject_similarity == 95


def test_unknown_key_names_the_file(tmp_path):
    (tmp_path / "factcheck.toml").write_text("tolerance = 3\n")
    with pytest.raises(ConfigError, match="factcheck.toml: unknown key tolerance = 3; .*known keys: approx_tolerance"):
        load_settings(cwd=tmp_path)


def test_defaults_live_in_settings():
    assert Settings().fail_on == "conflict" and Settings().max_article_mb == 5.0


@pytest.mark.parametrize(
    "toml,expected",
    [
        ('approx_tolerance = "lots"', 'approx_tolerance = "lots": expected a number from 0 to 1'),
        ("approx_tolerance = -0.1", "approx_tolerance = -0.1: expected a number from 0 to 1"),
        ("nearly_tolerance = 1.5", "nearly_tolerance = 1.5: expected a number from 0 to 1"),
        ("nearly_tolerance = nan", "nearly_tolerance = NaN: expected a number from 0 to 1"),
        ("approx_tolerance = true", "approx_tolerance = true: expected a number"),
        ("subject_similarity = 150", "subject_similarity = 150: expected a whole number from 0 to 100"),
        ("attribute_similarity = 80.5", "attribute_similarity = 80.5: expected a whole number"),
        ('subject_similarity = "88"', 'subject_similarity = "88": expected a whole number'),
        ('fail_on = "bogus"', 'fail_on = "bogus": expected one of conflict, stale, never'),
        ("max_article_mb = 0", "max_article_mb = 0: expected a number of megabytes above 0"),
        ("max_article_mb = inf", "max_article_mb = Infinity: expected a number of megabytes above 0"),
        ('decisions = ""', 'decisions = "": expected a file path'),
        ("model = 3", "model = 3: expected a spaCy pipeline name"),
        ('aliases = ["Google"]', 'aliases = ["Google"]: expected a table of name = ["other name", ...]'),
        ('[aliases]\nAlphabet = "Google"', 'aliases.Alphabet = "Google": expected a table'),
        ('[aliases]\nAlphabet = ["Google", 3]', "aliases.Alphabet[1] = 3: expected a table"),
        ("approx_tolerence = 0.2", "unknown key approx_tolerence = 0.2; did you mean approx_tolerance?"),
        ("approx_tolerance = ", "cannot read config: Invalid value (at line 1"),
    ],
    ids=lambda v: v if len(v) < 40 else None,
)
def test_bad_settings_are_one_line_naming_file_key_value_and_what_is_allowed(tmp_path, toml, expected):
    (tmp_path / "factcheck.toml").write_text(toml + "\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(cwd=tmp_path)
    message = str(caught.value)
    assert f"{tmp_path / 'factcheck.toml'}: " in message and expected in message
    assert len(message.splitlines()) == 1


def test_every_problem_is_reported_at_once_one_line_each(tmp_path):
    (tmp_path / "factcheck.toml").write_text('approx_tolerance = "lots"\nfail_on = "x"\ncolour = 1\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(cwd=tmp_path)
    lines = str(caught.value).splitlines()
    assert len(lines) == 3 and all(line.startswith(str(tmp_path / "factcheck.toml")) for line in lines)


def test_a_valid_file_sets_every_key(tmp_path):
    (tmp_path / "factcheck.toml").write_text(
        "approx_tolerance = 0\nnearly_tolerance = 1\nsubject_similarity = 100\nattribute_similarity = 0\n"
        'model = "blank"\nfail_on = "stale"\ndecisions = "d.json"\nmax_article_mb = 0.5\n'
        '[aliases]\nAlphabet = ["Google"]\n'
    )
    settings = load_settings(cwd=tmp_path)
    assert settings.approx_tolerance == 0.0 and isinstance(settings.approx_tolerance, float)
    assert settings.max_article_mb == 0.5 and settings.aliases == {"Alphabet": ["Google"]}


def test_a_wrong_file_value_is_reported_even_when_the_command_line_overrides_it(tmp_path):
    (tmp_path / "factcheck.toml").write_text('fail_on = "bogus"\n')
    with pytest.raises(ConfigError, match='factcheck.toml: fail_on = "bogus"'):
        load_settings(cwd=tmp_path, fail_on="never")


def test_command_line_values_are_checked_too(tmp_path):
    with pytest.raises(ConfigError, match='^command line: fail_on = "x": expected one of'):
        load_settings(cwd=tmp_path, fail_on="x")


@pytest.mark.parametrize(
    "content,expected",
    [
        ("[tool]\nfactcheck = 3\n", "pyproject.toml: tool.factcheck = 3: expected a table of settings"),
        ("tool = 3\n", None),  # no [tool.factcheck]: defaults
        ("[tool.factcheck]\napprox_tolerance = 2\n", "pyproject.toml: approx_tolerance = 2: expected a number"),
    ],
)
def test_pyproject_tool_table_is_checked(tmp_path, content, expected):
    (tmp_path / "pyproject.toml").write_text(content)
    if expected is None:
        assert load_settings(cwd=tmp_path) == Settings()
        return
    with pytest.raises(ConfigError, match=re.escape(expected)):
        load_settings(cwd=tmp_path)


def test_config_option_may_name_a_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.factcheck]\nfail_on = "never"\n')
    assert load_settings(tmp_path / "pyproject.toml", cwd=tmp_path.parent).fail_on == "never"


@pytest.mark.parametrize("name", ["missing.toml", "."])
def test_an_unreadable_config_path_is_one_line(tmp_path, name):
    with pytest.raises(ConfigError, match="cannot read config: (No such file|Is a directory)"):
        load_settings(tmp_path / name)


def test_settings_are_frozen_and_checked_wherever_made():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().fail_on = "never"  # type: ignore[misc]
    with pytest.raises(ValueError):  # pydantic's ValidationError: a bug in our code, not a user's mistake
        Settings(approx_tolerance=-1)


@pytest.mark.parametrize(
    "line,message",
    [
        ("jobs = 0", "jobs = 0: expected a whole number of processes from 1 to 1024"),
        ('jobs = "4"', 'jobs = "4": expected a whole number of processes from 1 to 1024'),
        ('engine = "spark"', 'engine = "spark": expected one of local, dask'),
        ('scheduler = ""', 'scheduler = "": expected a Dask scheduler address'),
        ('cache = "yes"', 'cache = "yes": expected another value'),
    ],
)
def test_execution_settings_are_checked(tmp_path, line, message):
    (tmp_path / "factcheck.toml").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(cwd=tmp_path)


def test_execution_settings_stay_out_of_the_report_config():
    from factcheck.config import EXECUTION_KEYS

    shown = Settings(jobs=3, engine="dask", scheduler="tcp://h:8786").findings_dict()
    assert not set(shown) & set(EXECUTION_KEYS) and "approx_tolerance" in shown
