"""Editors' decisions and the CI gate, end to end through the CLI on a small corpus."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from filelock import FileLock
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


# ----------------------------------------------------------------------------- the file, under stress

REPO = Path(__file__).resolve().parents[1]
RECORDER = """
import sys, time
from pathlib import Path
from factcheck import ledger
path, conflict_id, folder = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
(folder / f"ready-{conflict_id}").touch()
while not (folder / "go").exists():
    time.sleep(0.001)
decision = ledger.Decision(conflict_id, ledger.Action.ACCEPT, "n", "ed", "2026-12-01", "evidence")
def slowly(book):
    time.sleep(0.05)  # widen the read-change-write window: without the lock one decision is lost every time
    return book.with_decision(decision)
ledger.update(path, slowly)
"""


@pytest.mark.parametrize("round_number", range(10))
def test_two_processes_recording_at_the_same_moment_keep_both_decisions(tmp_path, round_number):
    """Real processes, released together: the decisions file is read, changed and written under a lock."""
    path = tmp_path / "factcheck.decisions.json"
    ledger.save(
        path, ledger.Ledger((ledger.Decision("g-earlier", ledger.Action.DISMISS, "", "ed", "2026-01-01", "e"),))
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    ids = ("g-first", "g-second")
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", RECORDER, str(path), cid, str(tmp_path)], env=env, stderr=subprocess.PIPE, text=True
        )
        for cid in ids
    ]
    deadline = time.monotonic() + 30
    while not all((tmp_path / f"ready-{cid}").exists() for cid in ids) and time.monotonic() < deadline:
        time.sleep(0.005)
    (tmp_path / "go").touch()
    for worker in workers:
        assert worker.wait(timeout=30) == 0, worker.stderr.read()
    kept = {d.conflict_id for d in ledger.load(path).decisions}
    assert kept == {"g-earlier", *ids}


def test_a_decision_saved_after_this_command_read_the_file_is_kept(story, monkeypatch):
    """`accept` reads the decisions before its slow run; a rival command saving meanwhile must survive."""
    _, ids, _ = conflict_ids()
    rival = ledger.Decision("g-rival", ledger.Action.DISMISS, "", "sam", "2026-12-01", "e")
    real_update = ledger.update

    def rival_saves_first(path, change, **options):
        real_update(path, lambda book: book.with_decision(rival))
        return real_update(path, change, **options)

    monkeypatch.setattr(ledger, "update", rival_saves_first)
    assert invoke("accept", ids[0], "--note", "n", "--by", "ed").exit_code == 0
    kept = ledger.load(Path("factcheck.decisions.json"))
    assert {d.conflict_id for d in kept.decisions} == {ids[0], "g-rival"}


DECISION = ledger.Decision("g-000000000001", ledger.Action.ACCEPT, "n", "ed", "2026-12-01", "e")


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o644])
def test_rewriting_keeps_the_file_mode(tmp_path, mode):
    path = tmp_path / "factcheck.decisions.json"
    path.write_text('{"version": 1, "decisions": {}}\n')
    path.chmod(mode)
    ledger.update(path, lambda book: book.with_decision(DECISION))
    assert stat.S_IMODE(path.stat().st_mode) == mode and ledger.load(path).get(DECISION.conflict_id)


def test_a_new_file_follows_the_umask_and_ends_with_a_newline(tmp_path):
    path = tmp_path / "sub" / "factcheck.decisions.json"
    old = os.umask(0o022)
    try:
        ledger.update(path, lambda book: book.with_decision(DECISION))
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert path.read_text().endswith("}\n")


def test_a_read_only_file_is_refused_even_for_root(tmp_path):
    path = tmp_path / "factcheck.decisions.json"
    path.write_text('{"version": 1, "decisions": {}}\n')
    path.chmod(0o444)
    with pytest.raises(ledger.LedgerError, match=r"decisions.json: the decisions file is read-only \(mode 0444\)"):
        ledger.update(path, lambda book: book.with_decision(DECISION))
    assert path.read_text() == '{"version": 1, "decisions": {}}\n'


def test_a_read_only_file_through_the_cli_is_exit_2_and_untouched(story):
    _, ids, _ = conflict_ids()
    path = Path("factcheck.decisions.json")
    path.write_text('{"version": 1, "decisions": {}}\n')
    path.chmod(0o444)
    result = invoke("accept", ids[0], "--note", "n", "--by", "ed")
    assert result.exit_code == 2 and "read-only" in result.output and "factcheck.decisions.json" in result.output
    assert path.read_text() == '{"version": 1, "decisions": {}}\n'
    assert invoke("run", "story", "--quiet", "--fail-on", "never").exit_code == 0  # reading it is fine


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("failure", [KeyboardInterrupt, OSError, RuntimeError])
def test_temporary_files_are_removed_on_every_path(tmp_path, monkeypatch, failure):
    path = tmp_path / "factcheck.decisions.json"
    ledger.save(path, ledger.Ledger())
    before = path.read_text()

    def fail(*args):
        raise failure("interrupted at the rename")

    monkeypatch.setattr(ledger.os, "replace", fail)
    with pytest.raises((failure, ledger.LedgerError)):
        ledger.update(path, lambda book: book.with_decision(DECISION))
    assert _temporaries(tmp_path) == [] and path.read_text() == before


def test_an_interrupt_while_changing_writes_nothing(tmp_path):
    path = tmp_path / "factcheck.decisions.json"

    def interrupted(book):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ledger.update(path, interrupted)
    assert not path.exists() and _temporaries(tmp_path) == []
    ledger.update(path, lambda book: book.with_decision(DECISION))  # the lock was released
    assert ledger.load(path).get(DECISION.conflict_id)


def test_a_lock_held_too_long_is_a_clear_error(tmp_path):
    path = tmp_path / "factcheck.decisions.json"
    with FileLock(ledger.lock_path(path)):
        with pytest.raises(ledger.LedgerError, match="another factcheck command has been writing it"):
            ledger.update(path, lambda book: book.with_decision(DECISION), timeout=0.05)
    assert not path.exists()


@pytest.mark.parametrize(
    "content,expected",
    [
        ("", None),  # an empty file is an empty ledger
        ("\n  \n", None),
        ("[]", "not a decisions file"),
        ('{"decisions": {}}', "unknown decisions file version None"),
        ('{"version": 1, "decisions": {"g-1": {"action": "accept"}}}', "malformed decision"),
        (
            '{"version": 1, "decisions": {"g-1": {"action": "shrug", "decided_on": "x", "evidence": "e"}}}',
            "malformed decision",
        ),
        ('{"version": 1, "decisions": []}', "malformed decision"),
        (b"\xff\xfe{", "cannot read the decisions file"),
    ],
)
def test_loading_odd_files(tmp_path, content, expected):
    path = tmp_path / "factcheck.decisions.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    if expected is None:
        assert ledger.load(path) == ledger.Ledger()
        return
    with pytest.raises(ledger.LedgerError, match=expected):
        ledger.load(path)


def test_a_folder_is_not_a_decisions_file(tmp_path):
    with pytest.raises(ledger.LedgerError, match="is a folder"):
        ledger.load(tmp_path)
    with pytest.raises(ledger.LedgerError, match="is a folder"):
        ledger.update(tmp_path, lambda book: book)


def test_a_decisions_path_under_a_file_is_exit_2_naming_it(tmp_path):
    (tmp_path / "plain").write_text("x")
    with pytest.raises(ledger.LedgerError, match="plain/factcheck.decisions.json: cannot write the decisions file"):
        ledger.update(tmp_path / "plain" / "factcheck.decisions.json", lambda book: book.with_decision(DECISION))


def test_run_never_writes_the_decisions_file(story):
    """A run with other settings must not rewrite accepted findings (field notes §4, 35)."""
    _, ids, _ = conflict_ids()
    invoke("accept", ids[0], "--note", "n", "--by", "ed")
    path = Path("factcheck.decisions.json")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    Path("factcheck.toml").write_text("approx_tolerance = 0.5\nsubject_similarity = 60\n")
    invoke("run", "story", "--quiet")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
