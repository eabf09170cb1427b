"""The JSON report: the public contract in shared/report-schema.md (schema factcheck-report/1).

Same input, same bytes, apart from `generated`.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from factcheck import __version__
from factcheck.config import Settings
from factcheck.model import Claim, GroupVerdict, RunResult, Status, Value

SCHEMA = "factcheck-report/1"


def value_dict(value: Value) -> dict[str, Any]:
    out: dict[str, Any] = {"low": value.low, "high": value.high, "unit": value.unit, "approx": value.approx,
                           "text": value.text}
    if value.low_open:
        out["low_open"] = True
    if value.high_open:
        out["high_open"] = True
    if value.direction:
        out["direction"] = value.direction
    if value.relative:
        out["relative"] = True
    return out


def claim_dict(claim: Claim, group_of: dict[str, str], status_of: dict[str, str]) -> dict[str, Any]:
    return {
        "id": claim.id, "source": claim.source_id, "start": claim.start, "end": claim.end, "text": claim.text,
        "sentence": claim.sentence, "subject": claim.subject, "attribute": claim.attribute, "kind": claim.kind.value,
        "value": value_dict(claim.value), "as_of": claim.as_of, "confidence": claim.confidence,
        "attribute_words": claim.attribute_words, "pattern": claim.pattern, "role": claim.role or None,
        "group": group_of.get(claim.id), "status": status_of.get(claim.id),
    }


def group_dict(verdict: GroupVerdict) -> dict[str, Any]:
    group = verdict.group
    out: dict[str, Any] = {
        "id": group.id, "subject": group.subject, "attribute": group.attribute, "kind": group.kind.value,
        "status": verdict.status.value, "claims": list(group.claim_ids),
        "values": [{"value": value_dict(v.value), "claims": list(v.claim_ids), "sources": list(v.source_ids),
                    "independent_sources": v.independent_sources} for v in verdict.values],
        "explanation": verdict.explanation, "as_of": group.as_of,
        "subject_aliases": list(group.subject_aliases),
    }
    if verdict.status is Status.CONFLICT:
        out["severity"] = verdict.severity
        out["checks"] = list(verdict.checks)
    if verdict.consensus:
        out["consensus"] = verdict.consensus
    return out


def report_dict(result: RunResult, settings: Settings, generated: datetime | None = None) -> dict[str, Any]:
    group_of = {cid: v.group.id for v in result.verdicts for cid in v.group.claim_ids}
    status_of = {cid: v.status.value for v in result.verdicts for cid in v.group.claim_ids}
    conflicts = len(result.conflicts)
    return {
        "schema": SCHEMA,
        "tool": {"name": "factcheck", "version": __version__, "model": result.model},
        "generated": (generated or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "config": settings.to_dict(),
        "sources": [{"id": s.id, "path": s.path, "title": s.title,
                     "published": s.published.isoformat() if s.published else None,
                     "sha256": s.sha256, "format": s.format, "site": s.site} for s in result.sources],
        "skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
        "claims": [claim_dict(c, group_of, status_of) for c in result.claims],
        "groups": [group_dict(v) for v in result.verdicts],
        "summary": {
            "sources": len(result.sources), "claims": len(result.claims), "groups": len(result.verdicts),
            "conflicts": conflicts, "unresolved": conflicts,
            "consistent": sum(v.status is Status.CONSISTENT for v in result.verdicts),
            "single_source": sum(v.status is Status.SINGLE_SOURCE for v in result.verdicts),
        },
        "warnings": list(result.warnings),
    }


def to_json(result: RunResult, settings: Settings, generated: datetime | None = None) -> str:
    return json.dumps(report_dict(result, settings, generated), indent=2, ensure_ascii=False) + "\n"
