"""Editors' decisions: show a conflict, resolve/accept/dismiss it, review interactively, list and prune."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import Annotated

import typer
from rich.console import Console

from factcheck import ledger
from factcheck.cli.common import (
    ByOpt,
    Checked,
    ConfigOpt,
    DecisionsOpt,
    NoteOpt,
    PathsArg,
    app,
    check,
    decisions_app,
    default_author,
    guarded,
    stderr_console,
    stdout_console,
)
from factcheck.errors import FactcheckError
from factcheck.model import ExitCode
from factcheck.report import render_conflict


@app.command()
def show(
    conflict_id: Annotated[str, typer.Argument(metavar="ID", help="Conflict id, or a unique prefix of it.")],
    paths: PathsArg = None,
    decisions: DecisionsOpt = None,
    config: ConfigOpt = None,
) -> None:
    """One conflict in full: every claim, sentence, source, value, explanation and decision."""

    def body() -> ExitCode:
        checked = check(paths, decisions, config)
        item = _find(checked, conflict_id)
        claims = {c.id: c for c in checked.result.claims}
        console = stdout_console()
        console.print(render_conflict(item.verdict, claims, item))
        for claim_id in item.verdict.group.claim_ids:
            claim = claims[claim_id]
            console.print(
                f"  {claim.id}  {claim.source_id}  [{claim.start}:{claim.end}]  {claim.text!r} → "
                f"{claim.value.text}  (as of {claim.as_of or 'unknown'}, confidence {claim.confidence})",
                highlight=False,
                soft_wrap=True,
            )
        return ExitCode.OK

    guarded(body)


def _find(checked: Checked, query: str) -> ledger.Reviewed:
    ids = [r.verdict.group.id for r in checked.reviewed]
    wanted = ledger.find_conflict(query, ids)
    return next(r for r in checked.reviewed if r.verdict.group.id == wanted)


def _record(
    conflict_id: str,
    action: ledger.Action,
    note: str,
    by: str | None,
    paths,
    decisions,
    config,
    value: str | None = None,
) -> ExitCode:
    checked = check(paths, decisions, config, writes_decisions=True)
    item = _find(checked, conflict_id)
    if value is not None:
        known = [v.value.text for v in item.verdict.values]
        if value not in known:
            raise FactcheckError(f"{value!r} is not one of this conflict's values: {', '.join(known)}")
    decision = ledger.decide(item.verdict, action, note, by or default_author(), date.today(), value)
    ledger.update(checked.decisions_path, lambda book: book.with_decision(decision))
    stderr_console().print(
        f"{action.past} {item.verdict.group.id} ({item.verdict.group.subject} · "
        f"{item.verdict.group.attribute}) in {checked.decisions_path}",
        highlight=False,
        soft_wrap=True,
    )
    return ExitCode.OK


@app.command()
def resolve(
    conflict_id: Annotated[str, typer.Argument(metavar="ID")],
    value: Annotated[str, typer.Option("--value", help="The correct value, as shown in the report.")],
    note: NoteOpt,
    by: ByOpt = None,
    paths: PathsArg = None,
    decisions: DecisionsOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Record the correct value of a conflict; sources stating another value were wrong."""
    guarded(lambda: _record(conflict_id, ledger.Action.RESOLVE, note, by, paths, decisions, config, value))


@app.command()
def accept(
    conflict_id: Annotated[str, typer.Argument(metavar="ID")],
    note: NoteOpt,
    by: ByOpt = None,
    paths: PathsArg = None,
    decisions: DecisionsOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Acknowledge a real disagreement (e.g. "estimates vary"); it no longer fails the gate."""
    guarded(lambda: _record(conflict_id, ledger.Action.ACCEPT, note, by, paths, decisions, config))


@app.command()
def dismiss(
    conflict_id: Annotated[str, typer.Argument(metavar="ID")],
    note: NoteOpt,
    by: ByOpt = None,
    paths: PathsArg = None,
    decisions: DecisionsOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Mark a conflict as not the same fact (a grouping mistake)."""
    guarded(lambda: _record(conflict_id, ledger.Action.DISMISS, note, by, paths, decisions, config))


@app.command("review")
def review_command(
    paths: PathsArg = None,
    decisions: DecisionsOpt = None,
    config: ConfigOpt = None,
    by: ByOpt = None,
) -> None:
    """Walk through undecided and stale conflicts, one screen each, deciding with single keys."""

    def body() -> ExitCode:
        if not sys.stdin.isatty():
            raise FactcheckError(
                "review is interactive and needs a terminal; use `factcheck resolve/accept/dismiss ID` in scripts"
            )
        checked = check(paths, decisions, config, writes_decisions=True)
        review_loop(
            checked,
            stdout_console(),
            lambda: typer.getchar(),
            lambda prompt: typer.prompt(prompt),
            by or default_author(),
        )
        return ExitCode.OK

    guarded(body)


def review_loop(
    checked: Checked,
    console: Console,
    read_key: Callable[[], str],
    ask: Callable[[str], str],
    by: str,
    today: date | None = None,
) -> ledger.Ledger:
    """The interactive walk. Keys: 1-9 resolve to that value, a accept, d dismiss, s skip, q quit.
    Every decision is saved as it is made, so quitting loses nothing."""
    book = checked.book
    claims = {c.id: c for c in checked.result.claims}
    pending = [r for r in checked.reviewed if r.open]
    for number, item in enumerate(pending, start=1):
        console.rule(f"conflict {number} of {len(pending)}")
        console.print(render_conflict(item.verdict, claims, item))
        choices = [v.value.text for v in item.verdict.values]
        console.print(
            "  ".join(f"[{i}] resolve to {text}" for i, text in enumerate(choices, start=1))
            + "  [a] accept  [d] dismiss  [s] skip  [q] quit",
            highlight=False,
            soft_wrap=True,
            markup=False,
        )
        while True:
            key = read_key().strip().lower()
            if key == "q":
                return book
            if key == "s":
                break
            action, value = None, None
            if key.isdigit() and 1 <= int(key) <= len(choices):
                action, value = ledger.Action.RESOLVE, choices[int(key) - 1]
            elif key in ("a", "d"):
                action = ledger.Action.ACCEPT if key == "a" else ledger.Action.DISMISS
            if action is None:
                console.print(f"unknown key {key!r}", style="yellow")
                continue
            note = ask("note")
            decision = ledger.decide(item.verdict, action, note, by, today or date.today(), value)
            book = ledger.update(checked.decisions_path, lambda current: current.with_decision(decision))
            console.print(f"saved: {action.value}" + (f" → {value}" if value else ""), style="green")
            break
    console.print("no more open conflicts" if pending else "nothing to review: no open conflicts", style="bold")
    return book


@decisions_app.command("list")
def decisions_list(paths: PathsArg = None, decisions: DecisionsOpt = None, config: ConfigOpt = None) -> None:
    """Every decision with its state: current, stale (evidence changed) or orphaned (conflict gone)."""

    def body() -> ExitCode:
        checked = check(paths, decisions, config)
        states = {r.verdict.group.id: r.state.value for r in checked.reviewed if r.state}
        console = stdout_console()
        if not checked.book.decisions:
            console.print(f"no decisions in {checked.decisions_path}")
        for d in checked.book.decisions:
            state = states.get(d.conflict_id, ledger.DecisionState.ORPHANED.value)
            chosen = f" → {d.value}" if d.value else ""
            console.print(
                f"{d.conflict_id}  {state:<8}  {d.action.value}{chosen}  {d.subject} · {d.attribute}  "
                f"({d.by}, {d.decided_on}): {d.note}",
                highlight=False,
                soft_wrap=True,
            )
        return ExitCode.OK

    guarded(body)


@decisions_app.command("prune")
def decisions_prune(paths: PathsArg = None, decisions: DecisionsOpt = None, config: ConfigOpt = None) -> None:
    """Remove decisions whose conflict no longer exists."""

    def body() -> ExitCode:
        checked = check(paths, decisions, config)
        gone = ledger.orphaned(checked.result.verdicts, checked.book)
        if gone:
            ledger.update(checked.decisions_path, lambda book: book.without({d.conflict_id for d in gone}))
        stderr_console().print(
            f"pruned {len(gone)} orphaned decision(s) from {checked.decisions_path}", highlight=False
        )
        return ExitCode.OK

    guarded(body)
