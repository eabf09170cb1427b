"""The JSON report: the public contract in shared/report-schema.md (schema factcheck-report/1).

Same input, same bytes, apart from `generated`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from factcheck import __version__
from factcheck.ledger import Decision, Reviewed
from factcheck.model import Claim, GroupVerdict, RunResult, Status, Value

if TYPE_CHECKING:  # pydantic (under Settings) is not needed to write a report
    from factcheck.config import Settings

SCHEMA = "factcheck-report/1"


def value_dict(value: Value) -> dict[str, Any]:
    out: dict[str, Any] = {
        "low": value.low,
        "high": value.high,
        "unit": value.unit,
        "approx": value.approx,
        "text": value.text,
    }
    if value.low_open:
        out["low_open"] = True
    if value.high_open:
        out["high_open"] = True
    if value.direction:
        out["direction"] = value.direction
    if value.relative:
        out["relative"] = True
    if value.dimension:
        out["si_low"], out["si_high"], out["dimension"] = value.si_low, value.si_high, value.dimension
    if value.utc_offset:
        out["utc_offset"] = value.utc_offset
    if value.facets:  # a fact in words: what it asserts, as "family:state" keys
        out["facets"] = [f for f in value.facets.split("|") if ":" in f]
    return out


def claim_dict(claim: Claim, group_of: dict[str, str], status_of: dict[str, str]) -> dict[str, Any]:
    return {
        "id": claim.id,
        "source": claim.source_id,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "sentence": claim.sentence,
        "subject": claim.subject,
        "attribute": claim.attribute,
        "kind": claim.kind.value,
        "value": value_dict(claim.value),
        "as_of": claim.as_of,
        "confidence": claim.confidence,
        "attribute_words": claim.attribute_words,
        "pattern": claim.pattern,
        "role": claim.role or None,
        "group": group_of.get(claim.id),
        "status": status_of.get(claim.id),
        "evidence": {
            "measured": list(claim.evidence.measured),
            "stance": claim.evidence.stance,
            "basis": claim.evidence.basis or None,
            "qualifiers": list(claim.evidence.qualifiers),
            "running": claim.evidence.running,
        },
    }


def decision_dict(decision: Decision) -> dict[str, Any]:
    out = {
        "action": decision.action.value,
        "note": decision.note,
        "by": decision.by,
        "date": decision.decided_on,
        "values_seen": list(decision.values_seen),
    }
    if decision.value is not None:
        out["value"] = decision.value
    if decision.history:
        out["history"] = list(decision.history)
    return out


def group_dict(verdict: GroupVerdict, reviewed: Reviewed | None = None) -> dict[str, Any]:
    group = verdict.group
    out: dict[str, Any] = {
        "id": group.id,
        "subject": group.subject,
        "attribute": group.attribute,
        "kind": group.kind.value,
        "status": verdict.status.value,
        "claims": list(group.claim_ids),
        "values": [
            {
                "value": value_dict(v.value),
                "claims": list(v.claim_ids),
                "sources": list(v.source_ids),
                "independent_sources": v.independent_sources,
            }
            for v in verdict.values
        ],
        "explanation": verdict.explanation,
        "as_of": group.as_of,
        "subject_aliases": list(group.subject_aliases),
        "confidence": group.confidence,
    }
    if group.story:
        out["story"] = group.story
    if verdict.status is Status.CONFLICT:
        out["severity"] = verdict.severity
        out["checks"] = list(verdict.checks)
    if verdict.consensus:
        out["consensus"] = verdict.consensus
    if reviewed is not None and reviewed.decision is not None:
        out["decision"] = decision_dict(reviewed.decision)
        out["decision_state"] = reviewed.state.value if reviewed.state else None
        out["shown_as"] = reviewed.shown_as
        if reviewed.shown_as == "resolved":  # the schema's one decided status
            out["status"] = "resolved"
            out["wrong_sources"] = list(reviewed.wrong_sources)
    return out


def report_dict(
    result: RunResult, settings: Settings, reviewed: tuple[Reviewed, ...] = (), generated: datetime | None = None
) -> dict[str, Any]:
    by_id = {r.verdict.group.id: r for r in reviewed}
    groups = [group_dict(v, by_id.get(v.group.id)) for v in result.verdicts]
    group_of = {cid: g["id"] for g in groups for cid in g["claims"]}
    status_of = {cid: g["status"] for g in groups for cid in g["claims"]}
    conflicts = len(result.conflicts)
    story_of = _stories(result)
    unresolved = sum(1 for v in result.conflicts if v.group.id not in by_id or by_id[v.group.id].open)
    return {
        "schema": SCHEMA,
        "tool": {"name": "factcheck", "version": __version__, "model": result.model},
        "generated": (generated or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "config": settings.findings_dict(),
        "sources": [
            {
                "id": s.id,
                "label": s.label or s.id,
                "path": s.path,
                "title": s.title,
                "published": s.published.isoformat() if s.published else None,
                "sha256": s.sha256,
                "format": s.format,
                "site": s.site,
                **({"story": story_of[s.id]} if s.id in story_of else {}),
            }
            for s in result.sources
        ],
        "skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
        "claims": [claim_dict(c, group_of, status_of) for c in result.claims],
        "groups": groups,
        "summary": {
            "sources": len(result.sources),
            "claims": len(result.claims),
            "groups": len(result.verdicts),
            "conflicts": conflicts,
            "unresolved": unresolved,
            "consistent": sum(v.status is Status.CONSISTENT for v in result.verdicts),
            "single_source": sum(v.status is Status.SINGLE_SOURCE for v in result.verdicts),
        },
        "warnings": list(result.warnings),
    }


def _stories(result: RunResult) -> dict[str, str]:
    """Source id -> story, when the run found more than one story (read off the groups)."""
    source_of = {c.id: c.source_id for c in result.claims}
    return {source_of[cid]: v.group.story for v in result.verdicts if v.group.story for cid in v.group.claim_ids}


def to_json(
    result: RunResult, settings: Settings, reviewed: tuple[Reviewed, ...] = (), generated: datetime | None = None
) -> str:
    return "".join(json_chunks(result, settings, reviewed, generated))


def json_chunks(
    result: RunResult, settings: Settings, reviewed: tuple[Reviewed, ...] = (), generated: datetime | None = None
) -> Iterator[str]:
    """The JSON report piece by piece, to be written as it is made: a large archive's report is
    never held as one string (the same text as `to_json`). Each source, claim and group is one line:
    diffs stay readable, and the C encoder (which `indent` would switch off) writes it."""
    data = report_dict(result, settings, reviewed, generated)
    compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
    yield "{\n"
    for n, (key, value) in enumerate(data.items()):
        yield f"{',' if n else ''}\n  {compact.encode(key)}: " if n else f"  {compact.encode(key)}: "
        if isinstance(value, list) and value:
            yield "[\n"
            yield ",\n".join("    " + compact.encode(item) for item in value)
            yield "\n  ]"
        else:
            yield compact.encode(value)
    yield "\n}\n"
