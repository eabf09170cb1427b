"""The command line: parse, call the pipeline, render, exit. Commands about decisions live in
`decide.py`; what they all share in `common.py`."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from factcheck import gate
from factcheck.cli.common import (
    Checked,
    ClaimsFormat,
    ConfigOpt,
    DebugOpt,
    DecisionsOpt,
    EngineOpt,
    FailOn,
    Format,
    JobsOpt,
    NoCacheOpt,
    SchedulerOpt,
    app,
    check,
    check_writable,
    debugging,
    emit,
    engine_overrides,
    guarded,
    print_terminal,
    show_version,
    stderr_console,
    stdout_console,
)
from factcheck.model import ExitCode
from factcheck.report import (
    claims_frame,
    json_chunks,
    render_claims,
    render_summary,
    to_claims_csv,
    to_github,
    to_groups_csv,
    to_html,
    to_markdown,
    to_sarif,
)


@app.callback()
def main_options(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=show_version, is_eager=True, help="Show the version and exit."),
    ] = None,
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
    report_dir: Annotated[
        Optional[Path], typer.Option("--report-dir", help="Also write every report file into DIR.")
    ] = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to load.")] = None,
    config: ConfigOpt = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List consistent and single-source groups.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary or progress on stderr.")] = False,
    jobs: JobsOpt = None,
    engine: EngineOpt = None,
    scheduler: SchedulerOpt = None,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Extract claims from PATHS, group them and report conflicts (exit 1 while any is open)."""

    debugging(debug)

    def body() -> ExitCode:
        if output is not None:
            check_writable(output)
        if report_dir is not None:
            check_writable(report_dir, folder=True)
        checked = check(
            paths,
            decisions,
            config,
            quiet,
            fail_on=fail_on.value if fail_on else None,
            model=model,
            **engine_overrides(jobs, engine, scheduler, no_cache),
        )
        result, reviewed = checked.result, checked.reviewed
        err = stderr_console()
        if not quiet:
            for warning in result.warnings:
                err.print(f"warning: {warning}", style="yellow", highlight=False, soft_wrap=True)
        if format is Format.terminal and output is None:
            print_terminal(stdout_console(), result, verbose, reviewed)
        elif format is Format.terminal:
            buffer = io.StringIO()
            print_terminal(Console(file=buffer, width=120, no_color=True), result, verbose, reviewed)
            emit(buffer.getvalue(), output)
        else:
            emit(RENDERERS[format](checked), output)
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


RENDERERS: dict[Format, Callable[[Checked], str | Iterable[str]]] = {
    Format.json: lambda c: json_chunks(c.result, c.settings, c.reviewed),
    Format.markdown: lambda c: to_markdown(c.result, c.reviewed),
    Format.html: lambda c: to_html(c.result, c.reviewed),
    Format.csv: lambda c: to_claims_csv(c.result, c.reviewed),
    Format.github: lambda c: to_github(c.result, c.reviewed),
    Format.sarif: lambda c: to_sarif(c.result, c.reviewed),
}


REPORT_FILES = {
    "factcheck.json": RENDERERS[Format.json],
    "factcheck.md": RENDERERS[Format.markdown],
    "factcheck.html": RENDERERS[Format.html],
    "claims.csv": RENDERERS[Format.csv],
    "groups.csv": lambda c: to_groups_csv(c.result, c.reviewed),
}


def write_reports(checked: Checked, folder: Path) -> list[Path]:
    written = []
    for name, render in REPORT_FILES.items():
        emit(render(checked), folder / name)
        written.append(folder / name)
    return written


@app.command()
def claims(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    format: Annotated[ClaimsFormat, typer.Option("--format", "-f")] = ClaimsFormat.terminal,
    kind: Annotated[Optional[list[str]], typer.Option("--kind", help="Only these kinds (repeatable).")] = None,
    source: Annotated[Optional[list[str]], typer.Option("--source", help="Only these source ids (repeatable).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,
    config: ConfigOpt = None,
    decisions: DecisionsOpt = None,
    jobs: JobsOpt = None,
    engine: EngineOpt = None,
    scheduler: SchedulerOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """List every extracted claim, filterable by kind and source."""

    def body() -> ExitCode:
        if output is not None:
            check_writable(output)
        checked = check(paths, decisions, config, **engine_overrides(jobs, engine, scheduler, no_cache))
        frame = claims_frame(checked.result, checked.reviewed)
        if kind:
            frame = frame[frame["kind"].isin(kind)]
        if source:
            frame = frame[frame["source"].isin(source)]
        if format is ClaimsFormat.terminal and output is None:
            stdout_console().print(render_claims(frame))
        elif format is ClaimsFormat.terminal:
            buffer = io.StringIO()
            Console(file=buffer, width=160, no_color=True).print(render_claims(frame))
            emit(buffer.getvalue(), output)
        else:
            payload = (
                frame.to_csv(index=False, lineterminator="\n")
                if format is ClaimsFormat.csv
                else frame.to_json(orient="records", indent=2, force_ascii=False) + "\n"
            )
            emit(payload, output)
        return ExitCode.OK

    guarded(body)


# registers the decision commands after run and claims, so --help lists them in that order
from factcheck.cli import cache as _cache_commands  # noqa: E402,F401  (registers `cache info` and `cache clear`)
from factcheck.cli.decide import review_loop  # noqa: E402

__all__ = ["app", "check", "main", "review_loop"]


def main() -> None:
    app()
