"""Policy: what a run's result means for the exit code. Pure, so it is tested on its own."""

from __future__ import annotations

from factcheck.model import ExitCode, RunResult


def decide(result: RunResult, fail_on: str) -> ExitCode:
    """`conflict`: any conflict fails the gate; `never`: report only."""
    if fail_on == "never":
        return ExitCode.OK
    return ExitCode.CONFLICTS if result.conflicts else ExitCode.OK
