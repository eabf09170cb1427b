"""GitHub Actions workflow commands: one ::error per claim of each open conflict."""

from __future__ import annotations

from factcheck.ledger import Reviewed
from factcheck.model import RunResult
from factcheck.report.locations import line_and_column


def _escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def to_github(result: RunResult, reviewed: tuple[Reviewed, ...]) -> str:
    sources = {s.id: s for s in result.sources}
    claims = {c.id: c for c in result.claims}
    lines = []
    for item in reviewed:
        if not item.open:
            continue
        verdict = item.verdict
        group = verdict.group
        stale = " (decision is stale: the evidence changed)" if item.decision else ""
        title = f"{group.subject or 'unknown subject'}: {group.attribute} conflict {group.id}"
        for claim_id in group.claim_ids:
            claim = claims[claim_id]
            source = sources[claim.source_id]
            line, column = line_and_column(source, claim)
            message = f"{claim.text!r} gives {claim.value.text}; {verdict.explanation}{stale}"
            lines.append(
                f"::error file={_escape(source.path, True)},line={line},col={column},"
                f"title={_escape(title, True)}::{_escape(message)}"
            )
    return "\n".join(lines) + ("\n" if lines else "")
