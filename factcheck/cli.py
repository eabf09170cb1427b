"""The command line: parse, call the pipeline, render, exit.

A user's mistake (a FactcheckError) is one line and exit 2; a bug in factcheck is one line naming a
log file that holds the traceback, and exit 3, so it can never pass for "conflicts found" (1).
"""

from __future__ import annotations

import getpass
import io
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from factcheck import __version__, gate, lastrun, ledger, pipeline
from factcheck.config import Settings, load_settings
from factcheck.errors import FactcheckError, OutputError
from factcheck.model import ExitCode, RunResult
from factcheck.report import (
    claims_frame,
    render_claims,
    render_conflict,
    render_header,
    render_summary,
    render_terminal,
    to_claims_csv,
    to_github,
    to_groups_csv,
    to_html,
    to_json,
    to_markdown,
    to_sarif,
)

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Reconcile numeric claims across news articles about one story.")
decisions_app = typer.Typer(no_args_is_help=True, help="List or prune editors' decisions.")
app.add_typer(decisions_app, name="decisions")


class Format(str, Enum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    html = "html"
    csv = "csv"
    github = "github"
    sarif = "sarif"


class ClaimsFormat(str, Enum):
    terminal = "terminal"
    csv = "csv"
    json = "json"


class FailOn(str, Enum):
    conflict = "conflict"
    stale = "stale"
    never = "never"


PathsArg = Annotated[Optional[list[Path]], typer.Argument(help="Article files or folders; default: those of the last run.")]
DecisionsOpt = Annotated[Optional[Path], typer.Option("--decisions", help="Decisions file (default factcheck.decisions.json).")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="Settings file (factcheck.toml).")]
NoteOpt = Annotated[str, typer.Option("--note", help="Why: shown with the decision, kept in the file.")]
ByOpt = Annotated[Optional[str], typer.Option("--by", help="Who decided (default: git user name or $USER).")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Print tracebacks (of a crash, or of an article that could "
                                                         "not be analysed) instead of pointing at a log file.")]


def _stderr() -> Console:
    return Console(stderr=True, no_color="NO_COLOR" in os.environ or None, highlight=False)


def _stdout() -> Console:
    return Console(no_color="NO_COLOR" in os.environ or None, highlight=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


def debugging(flag: bool = False) -> bool:
    """--debug (before or after the command) or FACTCHECK_DEBUG=1: print tracebacks instead of
    pointing at a log file. The flag is kept in the environment so worker processes see it too."""
    if flag:
        os.environ["FACTCHECK_DEBUG"] = "1"
    return os.environ.get("FACTCHECK_DEBUG", "") not in ("", "0")


def guarded(body: Callable[[], ExitCode]) -> None:
    """Run a command body; a FactcheckError becomes one red line on stderr and exit 2, anything
    unexpected one line, a log file and exit 3."""
    try:
        code = body()
    except FactcheckError as exc:
        _stderr().print(f"[bold red]error:[/] {exc}", markup=True, highlight=False, soft_wrap=True)
        raise typer.Exit(ExitCode.USAGE_ERROR) from None
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        _stderr().print("interrupted", highlight=False)
        raise typer.Exit(130) from None
    except Exception as exc:  # noqa: BLE001 - the one place a bug becomes a message
        raise typer.Exit(internal_error(exc)) from None
    raise typer.Exit(code)


def internal_error(exc: BaseException) -> ExitCode:
    """One line on stderr; the traceback in a log file, or on stderr with --debug."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    err = _stderr()
    summary = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
    if debugging():
        err.print(text, highlight=False, soft_wrap=True, markup=False)
        err.print(f"internal error (a bug in factcheck): {summary}", highlight=False, soft_wrap=True, markup=False)
        return ExitCode.INTERNAL_ERROR
    try:
        handle, log = tempfile.mkstemp(prefix=f"factcheck-crash-{time.strftime('%Y%m%d-%H%M%S')}-", suffix=".log")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(f"factcheck {__version__}\n{' '.join(sys.argv)}\n\n{text}")
        where = f"the traceback is in {log}"
    except OSError:
        where = "no log file could be written"
    err.print(f"internal error (a bug in factcheck): {summary}; {where} (--debug prints it)",
              highlight=False, soft_wrap=True, markup=False)
    return ExitCode.INTERNAL_ERROR


@dataclass(frozen=True)
class Checked:
    """A run joined with the decisions on file: what every command works from."""

    result: RunResult
    settings: Settings
    decisions_path: Path
    book: ledger.Ledger
    reviewed: tuple[ledger.Reviewed, ...]


def check(paths: list[Path] | None, decisions: Path | None, config: Path | None, quiet: bool = True,
          writes_decisions: bool = False, **overrides) -> Checked:
    settings = load_settings(config, **overrides)
    decisions_path = decisions or Path(settings.decisions)
    book = ledger.load(decisions_path)  # before the slow part: a bad file fails fast
    if writes_decisions:
        ledger.check_writable(decisions_path.resolve())
    paths = paths or lastrun.recall()
    err = _stderr()
    if quiet or not err.is_terminal:
        result = pipeline.run(paths, settings)
    else:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=err, transient=True) as bar:
            task = bar.add_task("starting", total=None)
            result = pipeline.run(paths, settings, progress=lambda stage, done, total: bar.update(
                task, description=stage, completed=done, total=total or None))
    lastrun.remember(list(paths))
    debug = debugging()
    for skipped in result.skipped:
        err.print(f"skipped {skipped.path}: {skipped.reason}", highlight=False, soft_wrap=True, markup=False)
        if debug and skipped.detail:
            err.print(skipped.detail, highlight=False, soft_wrap=True, markup=False)
    return Checked(result, settings, decisions_path, book, ledger.review(result.verdicts, book))


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Show the version and exit.")] = None,
    debug: DebugOpt = False,
) -> None:
    """factcheck: extract, group and compare the numbers several articles state."""
    debugging(debug)


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt, .md, .html).")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.terminal,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to FILE.")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="When to exit 1.")] = None,
    decisions: DecisionsOpt = None,
    report_dir: Annotated[Optional[Path], typer.Option("--report-dir", help="Also write every report file into DIR.")] = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to load.")] = None,
    config: ConfigOpt = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List consistent and single-source groups.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary or progress on stderr.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Extract claims from PATHS, group them and report conflicts (exit 1 while any is open)."""

    debugging(debug)

    def body() -> ExitCode:
        if output is not None:
            check_writable(output)
        if report_dir is not None:
            check_writable(report_dir, folder=True)
        checked = check(paths, decisions, config, quiet, fail_on=fail_on.value if fail_on else None, model=model)
        result, reviewed = checked.result, checked.reviewed
        err = _stderr()
        if not quiet:
            for warning in result.warnings:
                err.print(f"warning: {warning}", style="yellow", highlight=False, soft_wrap=True)
        if format is Format.terminal and output is None:
            _print_terminal(_stdout(), result, verbose, reviewed)
        elif format is Format.terminal:
            buffer = io.StringIO()
            _print_terminal(Console(file=buffer, width=120, no_color=True), result, verbose, reviewed)
            _emit(buffer.getvalue(), output)
        else:
            _emit(RENDERERS[format](checked), output)
        if report_dir is not None:
            written = write_reports(checked, report_dir)
            if not quiet:
                err.print(f"reports written to {report_dir}/: {', '.join(p.name for p in written)}", highlight=False)
        if not quiet and (format is not Format.terminal or output):
            err.print(render_summary(result), soft_wrap=True)
        if output and not quiet:
            err.print(f"report written to {output}", highlight=False)
        return gate.decide(reviewed, checked.settings.fail_on)

    guarded(body)


RENDERERS: dict[Format, Callable[[Checked], str]] = {
    Format.json: lambda c: to_json(c.result, c.settings, c.reviewed),
    Format.markdown: lambda c: to_markdown(c.result, c.reviewed),
    Format.html: lambda c: to_html(c.result, c.reviewed),
    Format.csv: lambda c: to_claims_csv(c.result, c.reviewed),
    Format.github: lambda c: to_github(c.result, c.reviewed),
    Format.sarif: lambda c: to_sarif(c.result, c.reviewed),
}
REPORT_FILES = {"factcheck.json": RENDERERS[Format.json], "factcheck.md": RENDERERS[Format.markdown],
                "factcheck.html": RENDERERS[Format.html], "claims.csv": RENDERERS[Format.csv],
                "groups.csv": lambda c: to_groups_csv(c.result, c.reviewed)}


def write_reports(checked: Checked, folder: Path) -> list[Path]:
    written = []
    for name, render in REPORT_FILES.items():
        _emit(render(checked), folder / name)
        written.append(folder / name)
    return written


@app.command()
def claims(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    format: Annotated[ClaimsFormat, typer.Option("--format", "-f")] = ClaimsFormat.terminal,
    kind: Annotated[Optional[list[str]], typer.Option("--kind", help="Only these kinds (repeatable).")] = None,
    source: Annotated[Optional[list[str]], typer.Option("--source", help="Only these source ids (repeatable).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,
    config: ConfigOpt = None, decisions: DecisionsOpt = None,
) -> None:
    """List every extracted claim, filterable by kind and source."""

    def body() -> ExitCode:
        if output is not None:
            check_writable(output)
        checked = check(paths, decisions, config)
        frame = claims_frame(checked.result, checked.reviewed)
        if kind:
            frame = frame[frame["kind"].isin(kind)]
        if source:
            frame = frame[frame["source"].isin(source)]
        if format is ClaimsFormat.terminal and output is None:
            _stdout().print(render_claims(frame))
        elif format is ClaimsFormat.terminal:
            buffer = io.StringIO()
            Console(file=buffer, width=160, no_color=True).print(render_claims(frame))
            _emit(buffer.getvalue(), output)
        else:
            payload = frame.to_csv(index=False, lineterminator="\n") if format is ClaimsFormat.csv else \
                frame.to_json(orient="records", indent=2, force_ascii=False) + "\n"
            _emit(payload, output)
        return ExitCode.OK

    guarded(body)


@app.command()
def show(
    conflict_id: Annotated[str, typer.Argument(metavar="ID", help="Conflict id, or a unique prefix of it.")],
    paths: PathsArg = None, decisions: DecisionsOpt = None, config: ConfigOpt = None,
) -> None:
    """One conflict in full: every claim, sentence, source, value, explanation and decision."""

    def body() -> ExitCode:
        checked = check(paths, decisions, config)
        item = _find(checked, conflict_id)
        claims = {c.id: c for c in checked.result.claims}
        console = _stdout()
        console.print(render_conflict(item.verdict, claims, item))
        for claim_id in item.verdict.group.claim_ids:
            claim = claims[claim_id]
            console.print(f"  {claim.id}  {claim.source_id}  [{claim.start}:{claim.end}]  {claim.text!r} → "
                          f"{claim.value.text}  (as of {claim.as_of or 'unknown'}, confidence {claim.confidence})",
                          highlight=False, soft_wrap=True)
        return ExitCode.OK

    guarded(body)


def _find(checked: Checked, query: str) -> ledger.Reviewed:
    ids = [r.verdict.group.id for r in checked.reviewed]
    wanted = ledger.find_conflict(query, ids)
    return next(r for r in checked.reviewed if r.verdict.group.id == wanted)


def _record(conflict_id: str, action: ledger.Action, note: str, by: str | None, paths, decisions, config,
            value: str | None = None) -> ExitCode:
    checked = check(paths, decisions, config, writes_decisions=True)
    item = _find(checked, conflict_id)
    if value is not None:
        known = [v.value.text for v in item.verdict.values]
        if value not in known:
            raise FactcheckError(f"{value!r} is not one of this conflict's values: {', '.join(known)}")
    decision = ledger.decide(item.verdict, action, note, by or default_author(), date.today(), value)
    ledger.update(checked.decisions_path, lambda book: book.with_decision(decision))
    _stderr().print(f"{action.past} {item.verdict.group.id} ({item.verdict.group.subject} · "
                    f"{item.verdict.group.attribute}) in {checked.decisions_path}", highlight=False, soft_wrap=True)
    return ExitCode.OK


@app.command()
def resolve(
    conflict_id: Annotated[str, typer.Argument(metavar="ID")],
    value: Annotated[str, typer.Option("--value", help="The correct value, as shown in the report.")],
    note: NoteOpt, by: ByOpt = None, paths: PathsArg = None, decisions: DecisionsOpt = None, config: ConfigOpt = None,
) -> None:
    """Record the correct value of a conflict; sources stating another value were wrong."""
    guarded(lambda: _record(conflict_id, ledger.Action.RESOLVE, note, by, paths, decisions, config, value))


@app.command()
def accept(
    conflict_id: Annotated[str, typer.Argument(metavar="ID")],
    note: NoteOpt, by: ByOpt = None, paths: PathsArg = None, decisions: DecisionsOpt = None, config: ConfigOpt = None,
) -> None:
    """Acknowledge a real disagreement (e.g. "estimates vary"); it no longer fails the gate."""
    guarded(lambda: _record(conflict_id, ledger.Action.ACCEPT, note, by, paths, decisions, config))


@app.command()
def dismiss(
    conflict_id: Annotated[str, typer.Argument(metavar="ID")],
    note: NoteOpt, by: ByOpt = None, paths: PathsArg = None, decisions: DecisionsOpt = None, config: ConfigOpt = None,
) -> None:
    """Mark a conflict as not the same fact (a grouping mistake)."""
    guarded(lambda: _record(conflict_id, ledger.Action.DISMISS, note, by, paths, decisions, config))


@app.command("review")
def review_command(
    paths: PathsArg = None, decisions: DecisionsOpt = None, config: ConfigOpt = None, by: ByOpt = None,
) -> None:
    """Walk through undecided and stale conflicts, one screen each, deciding with single keys."""

    def body() -> ExitCode:
        if not sys.stdin.isatty():
            raise FactcheckError("review is interactive and needs a terminal; use `factcheck resolve/accept/dismiss ID` "
                                 "in scripts")
        checked = check(paths, decisions, config, writes_decisions=True)
        review_loop(checked, _stdout(), lambda: typer.getchar(), lambda prompt: typer.prompt(prompt), by or default_author())
        return ExitCode.OK

    guarded(body)


def review_loop(checked: Checked, console: Console, read_key: Callable[[], str], ask: Callable[[str], str],
                by: str, today: date | None = None) -> ledger.Ledger:
    """The interactive walk. Keys: 1-9 resolve to that value, a accept, d dismiss, s skip, q quit.
    Every decision is saved as it is made, so quitting loses nothing."""
    book = checked.book
    claims = {c.id: c for c in checked.result.claims}
    pending = [r for r in checked.reviewed if r.open]
    for number, item in enumerate(pending, start=1):
        console.rule(f"conflict {number} of {len(pending)}")
        console.print(render_conflict(item.verdict, claims, item))
        choices = [v.value.text for v in item.verdict.values]
        console.print("  ".join(f"[{i}] resolve to {text}" for i, text in enumerate(choices, start=1))
                      + "  [a] accept  [d] dismiss  [s] skip  [q] quit", highlight=False, soft_wrap=True, markup=False)
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
        console = _stdout()
        if not checked.book.decisions:
            console.print(f"no decisions in {checked.decisions_path}")
        for d in checked.book.decisions:
            state = states.get(d.conflict_id, ledger.DecisionState.ORPHANED.value)
            chosen = f" → {d.value}" if d.value else ""
            console.print(f"{d.conflict_id}  {state:<8}  {d.action.value}{chosen}  {d.subject} · {d.attribute}  "
                          f"({d.by}, {d.decided_on}): {d.note}", highlight=False, soft_wrap=True)
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
        _stderr().print(f"pruned {len(gone)} orphaned decision(s) from {checked.decisions_path}", highlight=False)
        return ExitCode.OK

    guarded(body)


def default_author() -> str:
    try:
        name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    if name or os.environ.get("USER"):
        return name or os.environ["USER"]
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _print_terminal(console: Console, result: RunResult, verbose: bool, reviewed) -> None:
    console.print(render_summary(result), soft_wrap=True)
    console.print(render_header(result))
    console.print()
    console.print(render_terminal(result, verbose, reviewed))


def check_writable(path: Path, folder: bool = False) -> None:
    """Before the slow part: an output that cannot be written is one line and exit 2, not a
    traceback after the whole analysis."""
    if folder and path.exists() and not path.is_dir():
        raise OutputError(f"{path}: is a file, not a folder for the reports")
    if not folder and path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name for the report")
    existing = path if folder else path.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"{path}: cannot write there: {existing} is not a folder")
    try:
        tempfile.TemporaryFile(dir=existing).close()
    except OSError as exc:
        raise OutputError(f"{path}: cannot write there ({exc.strerror or exc})") from None


def _mode_for(path: Path) -> int:
    """A replaced report keeps its mode; a new one gets what the umask gives any new file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _emit(payload: str, output: Path | None) -> None:
    """Write to stdout, or atomically to `output`: a crash never leaves a half-written report, and
    the temporary file beside it is removed on every path."""
    if output is None:
        sys.stdout.write(payload)
        return
    if output.exists() and not output.is_file():  # /dev/null, a pipe: write through, never replace it
        try:
            with output.open("w", encoding="utf-8") as out:
                out.write(payload)
        except OSError as exc:
            raise OutputError(f"{output}: cannot write the report ({exc.strerror or exc})") from None
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    except OSError as exc:
        raise OutputError(f"{output}: cannot write the report ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(payload)
        os.chmod(temporary, _mode_for(output))
        os.replace(temporary, output)
    except OSError as exc:
        raise OutputError(f"{output}: cannot write the report ({exc.strerror or exc})") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def main() -> None:
    app()

