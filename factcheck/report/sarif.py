"""SARIF 2.1.0, with partialFingerprints from the conflict id so code scanning keeps dismissals
across edits (a fingerprint with a line number would reopen them whenever text moves)."""

from __future__ import annotations

import json

from factcheck import __version__
from factcheck.ledger import Reviewed
from factcheck.model import RunResult
from factcheck.report.locations import line_and_column

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def to_sarif(result: RunResult, reviewed: tuple[Reviewed, ...]) -> str:
    sources = {s.id: s for s in result.sources}
    claims = {c.id: c for c in result.claims}
    kinds = sorted({r.verdict.group.kind.value for r in reviewed})
    rules = [
        {
            "id": f"conflict.{kind}",
            "name": f"Conflicting{kind.title()}",
            "shortDescription": {"text": f"Sources state incompatible {kind} values for the same thing"},
            "defaultConfiguration": {"level": "error"},
        }
        for kind in kinds
    ]
    results = []
    for item in reviewed:
        verdict = item.verdict
        group = verdict.group
        locations = []
        for claim_id in group.claim_ids:
            claim = claims[claim_id]
            line, column = line_and_column(sources[claim.source_id], claim)
            locations.append(
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": sources[claim.source_id].path},
                        "region": {
                            "startLine": line,
                            "startColumn": column,
                            "endColumn": column + len(claim.text),
                            "snippet": {"text": claim.text},
                        },
                    }
                }
            )
        entry = {
            "ruleId": f"conflict.{group.kind.value}",
            "level": "error" if item.open else "note",
            "message": {"text": f"{group.subject or 'unknown subject'} · {group.attribute}: {verdict.explanation}"},
            "locations": locations[:1],
            "relatedLocations": [dict(loc, id=i) for i, loc in enumerate(locations[1:], start=1)],
            "partialFingerprints": {"factcheckConflict/v1": group.id},
            "properties": {"severity": verdict.severity, "values": [v.value.text for v in verdict.values]},
        }
        if item.decision is not None and not item.open:
            entry["suppressions"] = [
                {
                    "kind": "external",
                    "status": "accepted",
                    "justification": f"{item.decision.action.value}: {item.decision.note}",
                }
            ]
        results.append(entry)
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {"tool": {"driver": {"name": "factcheck", "version": __version__, "rules": rules}}, "results": results}
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
