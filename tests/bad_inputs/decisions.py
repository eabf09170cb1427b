"""Decisions files that are broken, locked down or in the wrong place, and the commands that meet them.

A decisions file we cannot read, or may not change, is exit 2 with one line naming it, and is left
as it was. Cases that record a decision need a conflict: `_story` writes two articles giving one
person two ages, and `_conflict_id` finds its id with a real run, as an editor would.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.bad_inputs import SENTENCE, Case, json_run, write

DECISIONS = "factcheck.decisions.json"
EMPTY = '{"version": 1, "decisions": {}}\n'


def _story(folder: Path) -> Path:
    write(folder, "in/a.txt", f"Jane Doe, 31, founded the firm.\n{SENTENCE}\n")
    write(folder, "in/b.txt", f"Jane Doe, 33, founded the firm.\n{SENTENCE}\n")
    return folder / "in"


def _cli(*args: str) -> str:
    from factcheck.cli import app  # late: the catalogue is imported before any case runs

    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), (args, result.output)
    return result.stdout


def _conflict_id(folder: Path) -> str:
    report = json.loads(
        _cli(
            "run",
            str(_story(folder)),
            "--format",
            "json",
            "--quiet",
            "--fail-on",
            "never",
            "--decisions",
            str(folder / "scratch.decisions.json"),
        )
    )
    (conflict,) = [g["id"] for g in report["groups"] if g["status"] == "conflict"]
    return conflict


def _run_with_decisions(name: str, content: str | bytes, expected: str) -> Case:
    """`run` meeting a decisions file it cannot read: exit 2 before any article is read."""

    def build(folder):
        write(folder, DECISIONS, content)
        return json_run(folder, _story(folder))

    return Case(name, build, exit_code=2, stderr=(DECISIONS, expected))


def _read_only(folder):
    conflict = _conflict_id(folder)
    path = write(folder, DECISIONS, EMPTY)
    path.chmod(0o444)
    return ["accept", conflict, "--note", "n", "--by", "ed"]


def _read_only_run(folder):
    write(folder, DECISIONS, EMPTY).chmod(0o444)
    return json_run(folder, _story(folder))


def _folder(folder):
    (folder / DECISIONS).mkdir()
    return json_run(folder, _story(folder))


def _folder_option(folder):
    (folder / "decisions").mkdir()
    return ["accept", "g-", "--note", "n", "--decisions", "decisions", str(_story(folder))]


def _under_a_file(folder):
    conflict = _conflict_id(folder)
    write(folder, "plain", "not a folder\n")
    return ["accept", conflict, "--note", "n", "--by", "ed", "--decisions", "plain/decisions.json"]


def _empty_file(folder):
    conflict = _conflict_id(folder)
    write(folder, DECISIONS, "")
    return ["accept", conflict, "--note", "n", "--by", "ed"]


def _paragraph_inserted_above(folder):
    """Field notes §4, 33: line numbers drift; a decision must stay current."""
    conflict = _conflict_id(folder)
    _cli("accept", conflict, "--note", "estimates vary", "--by", "ed")
    article = folder / "in" / "a.txt"
    article.write_text("An editor's note added later.\n\nAnother paragraph.\n\n" + article.read_text())
    return json_run(folder, folder / "in")


def _still_current(report):
    (group,) = [g for g in report["groups"] if g["status"] == "conflict"]
    assert group["decision_state"] == "current" and report["summary"]["unresolved"] == 0, group


CASES = [
    _run_with_decisions("decisions-corrupt-json", "{ not json", "cannot read the decisions file"),
    _run_with_decisions(
        "decisions-unknown-version", '{"version": 99, "decisions": {}}', "unknown decisions file version 99"
    ),
    _run_with_decisions("decisions-not-an-object", "[]", "not a decisions file"),
    _run_with_decisions(
        "decisions-malformed-entry", '{"version": 1, "decisions": {"g-1": {"action": "accept"}}}', "malformed decision"
    ),
    _run_with_decisions(
        "decisions-unknown-action",
        '{"version": 1, "decisions": {"g-1": {"action": "shrug", "decided_on": "2026-01-01", "evidence": "e"}}}',
        "malformed decision",
    ),
    _run_with_decisions(
        "decisions-not-utf8",
        b'{"version": 1, "decisions": {"g-1": {"note": "\xff"}}}',
        "cannot read the decisions file",
    ),
    Case(
        "decisions-read-only-accept",
        _read_only,
        exit_code=2,
        stderr=(DECISIONS, "read-only (mode 0444)", "it was not changed"),
    ),
    Case(
        "decisions-read-only-run-still-reads",
        _read_only_run,
        exit_code=0,
        check=lambda report: report["summary"]["conflicts"] == 1 or report,
    ),
    Case("decisions-path-is-a-folder", _folder, exit_code=2, stderr=(DECISIONS, "is a folder")),
    Case("decisions-option-is-a-folder", _folder_option, exit_code=2, stderr=("decisions: is a folder",)),
    Case(
        "decisions-path-under-a-file",
        _under_a_file,
        exit_code=2,
        stderr=("plain/decisions.json", "cannot write the decisions file"),
    ),
    Case("decisions-empty-file-is-empty", _empty_file, exit_code=0, stderr=(f"in {DECISIONS}",)),
    Case("decision-survives-paragraph-inserted-above", _paragraph_inserted_above, exit_code=0, check=_still_current),
]
