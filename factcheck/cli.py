"""The command line: parse, call the pipeline, render, exit. Errors become one line and exit 2."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from factcheck import __version__, gate, pipeline
from factcheck.config import load_settings
from factcheck.errors import FactcheckError
from factcheck.model import ExitCode
from factcheck.report import render_summary, render_terminal, to_json

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Reconcile numeric claims across news articles about one story.")


class Format(str, Enum):
    terminal = "terminal"
    json = "json"


class FailOn(str, Enum):
    conflict = "conflict"
    never = "never"


def _stderr() -> Console:
    return Console(stderr=True, no_color="NO_COLOR" in os.environ or None, highlight=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Show the version and exit.")] = None,
) -> None:
    """factcheck: extract, group and compare the numbers several articles state."""


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt, .md, .html).")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.terminal,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to FILE.")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="When to exit 1.")] = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to load.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Settings file (factcheck.toml).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List consistent and single-source groups.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary or progress on stderr.")] = False,
) -> None:
    """Extract claims from PATHS, group them and report conflicts (exit 1 when there are any)."""
    err = _stderr()
    try:
        settings = load_settings(config, fail_on=fail_on.value if fail_on else None, model=model)
        progress = None if quiet or not err.is_terminal else (lambda m: err.log(m))
        result = pipeline.run(paths, settings, progress=progress)
    except FactcheckError as exc:
        err.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False, soft_wrap=True)
        raise typer.Exit(ExitCode.USAGE_ERROR)
    for skipped in result.skipped:
        err.print(f"skipped {skipped.path}: {skipped.reason}", highlight=False, soft_wrap=True)
    if not quiet:
        for warning in result.warnings:
            err.print(f"warning: {warning}", style="yellow", highlight=False, soft_wrap=True)
    if format is Format.json:
        payload = to_json(result, settings)
        if output:
            _write(output, payload)
        else:
            sys.stdout.write(payload)
    else:
        if output:
            with output.open("w", encoding="utf-8") as handle:
                out = Console(file=handle, width=120, no_color=True)
                out.print(render_summary(result), soft_wrap=True)
                out.print(render_terminal(result, verbose))
        else:
            out = Console(no_color="NO_COLOR" in os.environ or None, highlight=False)
            out.print(render_summary(result), soft_wrap=True)
            out.print()
            out.print(render_terminal(result, verbose))
    if not quiet and (format is not Format.terminal or output):
        err.print(render_summary(result), soft_wrap=True)
    if output and not quiet:
        err.print(f"report written to {output}", highlight=False)
    raise typer.Exit(gate.decide(result, settings.fail_on))


def _write(path: Path, payload: str) -> None:
    """Write atomically: a crash never leaves a half-written report behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(payload, encoding="utf-8")
    temporary.replace(path)


def main() -> None:
    app()
