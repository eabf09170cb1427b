"""End to end: the CLI on small corpora written for the test. Exit codes first, then content."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

CORPORA = Path(__file__).parent / "corpora"
REQUIRED_TOP = {"schema", "tool", "generated", "config", "sources", "claims", "groups", "summary"}
REQUIRED_CLAIM = {
    "id",
    "source",
    "start",
    "end",
    "text",
    "sentence",
    "subject",
    "attribute",
    "kind",
    "value",
    "as_of",
    "confidence",
}
REQUIRED_VALUE = {"low", "high", "unit", "approx", "text"}
REQUIRED_GROUP = {"id", "subject", "attribute", "kind", "status", "claims", "values", "explanation"}


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def run_json(runner, *args):
    result = runner.invoke(app, ["run", *map(str, args), "--format", "json", "--quiet"])
    return result, (json.loads(result.stdout) if result.stdout.strip().startswith("{") else None)


def test_conflicting_ages_exit_1_and_are_reported(runner):
    result, report = run_json(runner, CORPORA / "founder-age")
    assert result.exit_code == 1, result.output
    conflicts = [g for g in report["groups"] if g["status"] == "conflict"]
    ages = [g for g in conflicts if g["kind"] == "age"]
    assert len(ages) == 1 and ages[0]["subject"] == "Jane Okafor"
    assert sorted(v["value"]["text"] for v in ages[0]["values"]) == ["31", "33"]


def test_agreeing_sources_exit_0(runner):
    result, report = run_json(runner, CORPORA / "agreeing")
    assert result.exit_code == 0, result.output
    money = [g for g in report["groups"] if g["kind"] == "money"]
    assert [g["status"] for g in money] == ["consistent"]


def test_fail_on_never_exits_0_with_conflicts(runner):
    result = runner.invoke(app, ["run", str(CORPORA / "founder-age"), "--fail-on", "never", "--quiet"])
    assert result.exit_code == 0


def test_missing_path_is_one_line_exit_2(runner):
    result = runner.invoke(app, ["run", "does-not-exist/"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "does-not-exist" in lines[0] and "Traceback" not in result.output


def test_folder_without_articles_exits_2(runner, tmp_path):
    (tmp_path / "data.csv").write_text("a,b\n")
    result = runner.invoke(app, ["run", str(tmp_path)])
    assert result.exit_code == 2
    assert "no readable articles" in result.output


def test_bad_file_is_reported_and_the_run_goes_on(runner, tmp_path):
    shutil.copytree(CORPORA / "founder-age", tmp_path / "c")
    (tmp_path / "c" / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(app, ["run", str(tmp_path / "c"), "--format", "json"])
    assert result.exit_code == 1
    assert "broken.txt" in result.output and "not text" in result.output


def test_json_follows_the_schema(runner):
    _, report = run_json(runner, CORPORA / "founder-age")
    assert REQUIRED_TOP <= report.keys() and report["schema"] == "factcheck-report/1"
    sources = {s["id"]: s for s in report["sources"]}
    texts = {s["id"]: Path(s["path"]).read_text(encoding="utf-8") for s in report["sources"] if s["format"] != "html"}
    assert len({g["id"] for g in report["groups"]}) == len(report["groups"]), "group ids are unique"
    grouped = [cid for g in report["groups"] for cid in g["claims"]]
    assert len(grouped) == len(set(grouped)), "a claim belongs to at most one group"
    for claim in report["claims"]:
        assert REQUIRED_CLAIM <= claim.keys() and REQUIRED_VALUE <= claim["value"].keys()
        assert claim["source"] in sources
        if claim["source"] in texts:
            assert texts[claim["source"]][claim["start"] : claim["end"]] == claim["text"]
    for group in report["groups"]:
        assert REQUIRED_GROUP <= group.keys()
        assert group["status"] in {"conflict", "consistent", "single_source", "resolved"}
    summary = report["summary"]
    assert summary["sources"] == 2 and summary["claims"] == len(report["claims"])


def test_same_input_gives_identical_json_apart_from_generated(runner, tmp_path):
    shutil.copytree(CORPORA / "founder-age", tmp_path / "a")
    first = run_json(runner, tmp_path / "a")[1]
    # the same files in another order on disk (renamed folder, files listed differently) give the same ids
    second = run_json(runner, tmp_path / "a")[1]
    first.pop("generated"), second.pop("generated")
    assert first == second


def test_ids_survive_text_inserted_above(runner, tmp_path):
    shutil.copytree(CORPORA / "founder-age", tmp_path / "c")
    before = run_json(runner, tmp_path / "c")[1]
    path = tmp_path / "c" / "morning-wire.txt"
    path.write_text("Editor's note: this story was updated.\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = run_json(runner, tmp_path / "c")[1]
    assert {g["id"] for g in before["groups"] if g["status"] == "conflict"} == {
        g["id"] for g in after["groups"] if g["status"] == "conflict"
    }


def test_terminal_report_shows_values_side_by_side(runner):
    result = runner.invoke(app, ["run", str(CORPORA / "founder-age"), "--quiet"])
    assert result.exit_code == 1
    assert "Jane Okafor" in result.stdout and "age" in result.stdout
    assert "31" in result.stdout and "33" in result.stdout
    assert "\x1b[" not in result.stdout, "piped output has no control codes"


def test_output_file_and_summary_on_stderr(runner, tmp_path):
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["run", str(CORPORA / "founder-age"), "--format", "json", "--output", str(out)])
    assert result.exit_code == 1
    assert json.loads(out.read_text())["summary"]["conflicts"] >= 1
    assert "report written to" in result.output


def test_non_article_files_are_counted(runner):
    result = runner.invoke(app, ["run", str(CORPORA / "founder-age"), "--format", "json"])
    assert "skipped 1 file(s) that are not articles" in result.output


# ------------------------------------------------------------------ exit codes that cannot be confused


def _crash(*_args, **_kwargs):
    raise RuntimeError("something nobody expected")


def test_an_internal_error_is_exit_3_with_one_line_and_a_log(runner, monkeypatch, tmp_path):
    import factcheck.pipeline

    monkeypatch.setattr(factcheck.pipeline, "run", _crash)
    monkeypatch.delenv("FACTCHECK_DEBUG", raising=False)
    result = runner.invoke(app, ["run", str(CORPORA / "founder-age"), "--fail-on", "never"])
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("internal error (a bug in factcheck): RuntimeError: something")
    log = Path(lines[0].split("the traceback is in ")[1].split(" (--debug")[0])
    assert "Traceback" in log.read_text(encoding="utf-8") and "something nobody expected" in log.read_text(
        encoding="utf-8"
    )
    assert "Traceback" not in result.output
    log.unlink()


@pytest.mark.parametrize(
    "args,env", [(["--debug", "run"], {}), (["run", "--debug"], {}), (["run"], {"FACTCHECK_DEBUG": "1"})]
)
def test_debug_prints_the_traceback(runner, monkeypatch, args, env):
    import factcheck.pipeline

    monkeypatch.setattr(factcheck.pipeline, "run", _crash)
    monkeypatch.setenv("FACTCHECK_DEBUG", "0")  # restored after the test, whatever the flag set
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = runner.invoke(app, [*args, str(CORPORA / "founder-age")])
    assert result.exit_code == 3
    assert "Traceback" in result.stderr and "something nobody expected" in result.stderr


def test_every_exit_code(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    agreeing = runner.invoke(app, ["run", str(CORPORA / "agreeing"), "--quiet"])
    conflicting = runner.invoke(app, ["run", str(CORPORA / "founder-age"), "--quiet"])
    never = runner.invoke(app, ["run", str(CORPORA / "founder-age"), "--quiet", "--fail-on", "never"])
    missing = runner.invoke(app, ["run", str(tmp_path / "nope"), "--quiet"])
    assert (agreeing.exit_code, conflicting.exit_code, never.exit_code, missing.exit_code) == (0, 1, 0, 2)


def test_cache_info_and_clear_and_no_cache(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    story = CORPORA / "plant-fire"
    assert (
        runner.invoke(
            app, ["run", str(story), "--format", "json", "--quiet", "--fail-on", "never", "--no-cache"]
        ).exit_code
        == 0
    )
    info = runner.invoke(app, ["cache", "info"])
    assert info.exit_code == 0 and ": 0 article(s)" in info.stdout
    assert (
        runner.invoke(
            app, ["run", str(story), "--format", "json", "--quiet", "--fail-on", "never", "-j", "1"]
        ).exit_code
        == 0
    )
    assert ": 3 article(s)" in runner.invoke(app, ["cache", "info"]).stdout
    cleared = runner.invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0 and "removed 3 cached article(s)" in cleared.stdout
    assert ": 0 article(s)" in runner.invoke(app, ["cache", "info"]).stdout


@pytest.mark.parametrize(
    "args,message",
    [
        (["--jobs", "0"], "Invalid value for '--jobs'"),
        (["--engine", "spark"], "Invalid value for '--engine'"),
    ],
)
def test_engine_options_are_checked(runner, args, message):
    result = runner.invoke(app, ["run", str(CORPORA / "plant-fire"), *args])
    assert result.exit_code == 2 and message in result.output
