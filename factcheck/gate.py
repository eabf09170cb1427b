"""Policy: what a reviewed run means for the exit code. Pure, so it is tested on its own."""

from __future__ import annotations

from collections.abc import Iterable

from factcheck.ledger import DecisionState, Reviewed
from factcheck.model import ExitCode


def decide(reviewed: Iterable[Reviewed], fail_on: str) -> ExitCode:
    """`conflict`: any undecided or stale conflict fails; `stale`: only stale decisions fail;
    `never`: report only."""
    reviewed = list(reviewed)
    if fail_on == "never":
        return ExitCode.OK
    if fail_on == "stale":
        return ExitCode.CONFLICTS if any(r.state is DecisionState.STALE for r in reviewed) else ExitCode.OK
    return ExitCode.CONFLICTS if any(r.open for r in reviewed) else ExitCode.OK
