"""Editors' decisions and the CI gate, end to end through the CLI on a small corpus."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from factcheck import ledger
from factcheck.cli import app, check, review_loop

CORPORA = Path(__file__).parent / "corpora"


@pytest.fixture
def story(tmp_path, monkeypatch):
    """A copy of the founder-age corpus in a fresh working directory."""
    shutil.copytree(CORPORA / "founder-age", tmp_path / "story")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def conflict_ids(*extra):
    result = invoke("run", "story", "--format", "json", "--quiet", *extra)
    report = json.loads(result.stdout)
    return result.exit_code, [g["id"] for g in report["groups"] if g["status"] in ("conflict", "resolved")], report


def test_undecided_conflict_fails_and_deciding_it_passes(story):
    code, ids, _ = conflict_ids()
    assert code == 1 and ids
    for conflict in ids:
        assert invoke("accept", conflict, "--note", "estimates vary", "--by", "ed").exit_code == 0
    code, _, report = conflict_ids()
    assert code == 0 and report["summary"]["unresolved"] == 0


def test_resolve_by_unique_prefix_marks_the_group_resolved_and_names_wrong_sources(story):
    _, ids, report = conflict_ids()
    age = next(g for g in report["groups"] if g["kind"] == "age")
    result = invoke("resolve", age["id"][:6], "--value", "31", "--note", "birth certificate", "--by", "ed")
    assert result.exit_code == 0, result.output
    _, _, report = conflict_ids()
    age = next(g for g in report["groups"] if g["kind"] == "age")
    assert age["status"] == "resolved" and age["decision"]["value"] == "31"
    assert age["wrong_sources"] == ["morning-wire"]


def test_decisions_file_is_versioned_sorted_and_diff_friendly(story):
    _, ids, _ = conflict_ids()
    invoke("accept", ids[0], "--note", "n", "--by", "ed")
    text = Path("factcheck.decisions.json").read_text()
    data = json.loads(text)
    assert data["version"] == 1 and list(data["decisions"]) == sorted(data["decisions"])
    entry = data["decisions"][ids[0]]
    assert entry["by"] == "ed" and entry["decided_on"] == date.today().isoformat() and entry["evidence"]
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_new_source_with_new_value_makes_the_decision_stale(story):
    _, ids, report = conflict_ids()
    age = next(g for g in report["groups"] if g["kind"] == "age")
    invoke("accept", age["id"], "--note", "estimates vary", "--by", "ed")
    (story / "story" / "third.txt").write_text("Qubitly founder Jane Okafor, 35, spoke at a conference.\n")
    code, _, report = conflict_ids()
    age = next(g for g in report["groups"] if g["id"] == age["id"])
    assert code == 1 and age["decision_state"] == "stale"
    assert invoke("run", "story", "--quiet", "--fail-on", "stale").exit_code == 1
    assert invoke("run", "story", "--quiet", "--fail-on", "never").exit_code == 0


def test_ids_survive_reordering_files(story):
    _, before, _ = conflict_ids()
    (story / "story" / "daily-planet.md").rename(story / "story" / "zz-daily-planet.md")
    (story / "story" / "morning-wire.txt").rename(story / "story" / "aa-morning-wire.txt")
    _, after, _ = conflict_ids()
    assert set(before) == set(after)


def test_corrupt_decisions_file_exits_2_and_is_left_untouched(story):
    Path("factcheck.decisions.json").write_text("{ not json")
    result = invoke("run", "story", "--quiet")
    assert result.exit_code == 2 and "factcheck.decisions.json" in result.output
    assert invoke("accept", "g-anything", "--note", "n").exit_code == 2
    assert Path("factcheck.decisions.json").read_text() == "{ not json"


def test_unknown_version_is_an_error(story):
    Path("factcheck.decisions.json").write_text('{"version": 99, "decisions": {}}')
    result = invoke("run", "story", "--quiet")
    assert result.exit_code == 2 and "unknown decisions file version 99" in result.output


def test_unknown_id_lists_the_closest(story):
    _, ids, _ = conflict_ids()
    result = invoke("accept", ids[0][:-1] + "x", "--note", "n")
    assert result.exit_code == 2 and ids[0] in result.output


def test_resolve_needs_one_of_the_values(story):
    _, ids, report = conflict_ids()
    age = next(g for g in report["groups"] if g["kind"] == "age")
    result = invoke("resolve", age["id"], "--value", "40", "--note", "n")
    assert result.exit_code == 2 and "not one of this conflict's values" in result.output


def test_commands_use_the_paths_of_the_last_run(story):
    _, ids, _ = conflict_ids()
    assert invoke("show", ids[0]).exit_code == 0
    Path(".factcheck/last-run.json").unlink()
    result = invoke("show", ids[0])
    assert result.exit_code == 2 and "no previous" in result.output


def test_decisions_list_and_prune(story):
    _, ids, _ = conflict_ids()
    invoke("accept", ids[0], "--note", "n", "--by", "ed")
    book = ledger.load(Path("factcheck.decisions.json"))
    orphan = ledger.Decision("g-000000000000", ledger.Action.DISMISS, "old", "ed", "2026-01-01", "x")
    ledger.save(Path("factcheck.decisions.json"), book.with_decision(orphan))
    listing = invoke("decisions", "list")
    assert "current" in listing.stdout and "orphaned" in listing.stdout
    assert invoke("decisions", "prune").exit_code == 0
    assert "g-000000000000" not in Path("factcheck.decisions.json").read_text()
    assert ids[0] in Path("factcheck.decisions.json").read_text()


def test_review_refuses_without_a_terminal(story):
    result = invoke("review", "story")
    assert result.exit_code == 2 and "needs a terminal" in result.output


def test_interactive_review_saves_each_decision_as_made(story):
    checked = check([Path("story")], None, None)
    keys = iter(["x", "1", "q"])
    notes = iter(["checked the filing"])
    console = Console(file=open("review.txt", "w"), width=100, color_system=None)
    book = review_loop(checked, console, lambda: next(keys), lambda prompt: next(notes), "ed", date(2026, 11, 24))
    saved = ledger.load(Path("factcheck.decisions.json"))
    assert book == saved and len(saved.decisions) == 1
    decision = saved.decisions[0]
    assert decision.action is ledger.Action.RESOLVE and decision.note == "checked the filing"
    assert decision.decided_on == "2026-11-24" and decision.value is not None
    console.file.close()
    assert "unknown key 'x'" in Path("review.txt").read_text()


def test_github_format_one_error_per_open_conflict_claim(story):
    result = invoke("run", "story", "--format", "github", "--quiet")
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert lines and all(line.startswith("::error file=") and ",line=" in line and "title=" in line for line in lines)
    morning = next(line for line in lines if "morning-wire.txt" in line and "33" in line)
    line_number = int(morning.split(",line=")[1].split(",")[0])
    text = (story / "story" / "morning-wire.txt").read_text().splitlines()
    assert "33" in text[line_number - 1]


def test_sarif_has_the_required_structure_and_stable_fingerprints(story):
    result = invoke("run", "story", "--format", "sarif", "--quiet")
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0" and "$schema" in sarif
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["name"] == "factcheck"
    rule_ids = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    for entry in run["results"]:
        assert entry["ruleId"] in rule_ids and entry["message"]["text"]
        assert entry["level"] in ("error", "warning", "note")
        region = entry["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert entry["partialFingerprints"]["factcheckConflict/v1"].startswith("g-")


def test_a_new_decision_keeps_the_old_one_as_history_and_show_prints_it(story):
    _, ids, _ = conflict_ids()
    invoke("accept", ids[0], "--note", "first look", "--by", "ed")
    invoke("dismiss", ids[0], "--note", "second look", "--by", "sam")
    decision = ledger.load(Path("factcheck.decisions.json")).get(ids[0])
    assert decision.action is ledger.Action.DISMISS and len(decision.history) == 1
    assert "accept by ed: first look" in decision.history[0]
    shown = invoke("show", ids[0])
    assert shown.exit_code == 0 and "earlier:" in shown.stdout and "second look" in shown.stdout
