"""What every command shares: the app, options, consoles, error handling, running the pipeline
joined with the decisions on file, and writing outputs safely.

A user's mistake (a FactcheckError) is one line and exit 2; a bug in factcheck is one line naming a
log file that holds the traceback, and exit 3, so it can never pass for "conflicts found" (1).
"""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from factcheck import __version__, lastrun, ledger
from factcheck.errors import FactcheckError, OutputError
from factcheck.model import ExitCode, RunResult
from factcheck.report import (
    render_header,
    render_summary,
    render_terminal,
)

if TYPE_CHECKING:  # settings (pydantic) and the pipeline load when a command runs, not for --help
    from factcheck.config import Settings


app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Reconcile numeric claims across news articles about one story.",
)


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


class Engine(str, Enum):
    local = "local"
    dask = "dask"


class FailOn(str, Enum):
    conflict = "conflict"
    stale = "stale"
    never = "never"


PathsArg = Annotated[
    Optional[list[Path]], typer.Argument(help="Article files or folders; default: those of the last run.")
]


DecisionsOpt = Annotated[
    Optional[Path], typer.Option("--decisions", help="Decisions file (default factcheck.decisions.json).")
]


ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="Settings file (factcheck.toml).")]


NoteOpt = Annotated[str, typer.Option("--note", help="Why: shown with the decision, kept in the file.")]


ByOpt = Annotated[Optional[str], typer.Option("--by", help="Who decided (default: git user name or $USER).")]


JobsOpt = Annotated[
    Optional[int],
    typer.Option("--jobs", "-j", min=1, help="Processes that analyse articles at once (default: one per CPU)."),
]


EngineOpt = Annotated[Optional[Engine], typer.Option("--engine", help="Analyse here (local) or on a Dask cluster.")]


SchedulerOpt = Annotated[
    Optional[str],
    typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); default: start a local cluster."),
]


NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Analyse every article again; read and write no cache.")]


def engine_overrides(jobs: int | None, engine: Engine | None, scheduler: str | None, no_cache: bool) -> dict:
    """Command-line settings about how the run is carried out (None: keep the config's)."""
    return {
        "jobs": jobs,
        "engine": engine.value if engine else None,
        "scheduler": scheduler,
        "cache": False if no_cache else None,
    }


DebugOpt = Annotated[
    bool,
    typer.Option(
        "--debug",
        help="Print tracebacks (of a crash, or of an article that could "
        "not be analysed) instead of pointing at a log file.",
    ),
]


def stderr_console() -> Console:
    return Console(stderr=True, no_color="NO_COLOR" in os.environ or None, highlight=False)


def stdout_console() -> Console:
    return Console(no_color="NO_COLOR" in os.environ or None, highlight=False)


def show_version(value: bool) -> None:
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
        stderr_console().print(f"[bold red]error:[/] {exc}", markup=True, highlight=False, soft_wrap=True)
        raise typer.Exit(ExitCode.USAGE_ERROR) from None
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        stderr_console().print("interrupted", highlight=False)
        raise typer.Exit(130) from None
    except Exception as exc:  # noqa: BLE001 - the one place a bug becomes a message
        raise typer.Exit(internal_error(exc)) from None
    raise typer.Exit(code)


def internal_error(exc: BaseException) -> ExitCode:
    """One line on stderr; the traceback in a log file, or on stderr with --debug."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    err = stderr_console()
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
    err.print(
        f"internal error (a bug in factcheck): {summary}; {where} (--debug prints it)",
        highlight=False,
        soft_wrap=True,
        markup=False,
    )
    return ExitCode.INTERNAL_ERROR


@dataclass(frozen=True)
class Checked:
    """A run joined with the decisions on file: what every command works from."""

    result: RunResult
    settings: Settings
    decisions_path: Path
    book: ledger.Ledger
    reviewed: tuple[ledger.Reviewed, ...]


def check(
    paths: list[Path] | None,
    decisions: Path | None,
    config: Path | None,
    quiet: bool = True,
    writes_decisions: bool = False,
    **overrides,
) -> Checked:
    from factcheck import pipeline
    from factcheck.config import load_settings

    settings = load_settings(config, **overrides)
    decisions_path = decisions or Path(settings.decisions)
    book = ledger.load(decisions_path)  # before the slow part: a bad file fails fast
    if writes_decisions:
        ledger.check_writable(decisions_path.resolve())
    paths = paths or lastrun.recall()
    err = stderr_console()
    if quiet or not err.is_terminal:
        result = pipeline.run(paths, settings)
    else:
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as bar:
            task = bar.add_task("starting", total=None)
            result = pipeline.run(
                paths,
                settings,
                progress=lambda stage, done, total: bar.update(
                    task, description=stage, completed=done, total=total or None
                ),
            )
    lastrun.remember(list(paths))
    debug = debugging()
    for skipped in result.skipped:
        err.print(f"skipped {skipped.path}: {skipped.reason}", highlight=False, soft_wrap=True, markup=False)
        if debug and skipped.detail:
            err.print(skipped.detail, highlight=False, soft_wrap=True, markup=False)
    return Checked(result, settings, decisions_path, book, ledger.review(result.verdicts, book))


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


def print_terminal(console: Console, result: RunResult, verbose: bool, reviewed) -> None:
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


def emit(payload: str | Iterable[str], output: Path | None) -> None:
    """Write to stdout, or atomically to `output`: a crash never leaves a half-written report, and
    the temporary file beside it is removed on every path. A payload given in pieces is written
    piece by piece, never joined into one string."""
    pieces = (payload,) if isinstance(payload, str) else payload
    if output is None:
        for piece in pieces:
            sys.stdout.write(piece)
        return
    if output.exists() and not output.is_file():  # /dev/null, a pipe: write through, never replace it
        try:
            with output.open("w", encoding="utf-8") as out:
                out.writelines(pieces)
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
            out.writelines(pieces)
        os.chmod(temporary, _mode_for(output))
        os.replace(temporary, output)
    except OSError as exc:
        raise OutputError(f"{output}: cannot write the report ({exc.strerror or exc})") from None
    finally:
        Path(temporary).unlink(missing_ok=True)
