"""Claims and groups as pandas DataFrames, and their CSV files. The only module that imports pandas."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.ledger import Reviewed
from factcheck.model import RunResult
from factcheck.report.locations import line_and_column

if TYPE_CHECKING:  # pandas takes half a second to import: only the commands that make frames pay it
    import pandas as pd

CLAIM_COLUMNS = [
    "id",
    "source",
    "path",
    "start",
    "end",
    "line",
    "text",
    "sentence",
    "subject",
    "attribute",
    "kind",
    "low",
    "high",
    "unit",
    "approx",
    "as_of",
    "group",
    "status",
    "value_text",
]
GROUP_COLUMNS = ["id", "subject", "attribute", "kind", "status", "sources", "values", "consensus"]


def _status_of(result: RunResult, reviewed: tuple[Reviewed, ...]) -> dict[str, str]:
    """Group status as the report shows it: a current `resolve` decision makes a conflict resolved."""
    decided = {r.verdict.group.id: r for r in reviewed}
    out = {}
    for verdict in result.verdicts:
        item = decided.get(verdict.group.id)
        status = verdict.status.value
        if item is not None and item.decision is not None and not item.open:
            status = item.decision.action.past
        out[verdict.group.id] = status
    return out


def claims_frame(result: RunResult, reviewed: tuple[Reviewed, ...] = ()) -> pd.DataFrame:
    sources = {s.id: s for s in result.sources}
    group_of = {cid: v.group.id for v in result.verdicts for cid in v.group.claim_ids}
    status = _status_of(result, reviewed)
    rows = []
    for claim in result.claims:
        value = claim.value
        numeric = value.unit != "date" and (isinstance(value.low, (int, float)) or isinstance(value.high, (int, float)))
        rows.append(
            {
                "id": claim.id,
                "source": claim.source_id,
                "path": sources[claim.source_id].path,
                "start": claim.start,
                "end": claim.end,
                "line": line_and_column(sources[claim.source_id], claim)[0],
                "text": claim.text,
                "sentence": claim.sentence,
                "subject": claim.subject,
                "attribute": claim.attribute,
                "kind": claim.kind.value,
                "low": value.low if numeric else None,
                "high": value.high if numeric else None,
                "unit": value.unit,
                "approx": value.approx,
                "as_of": claim.as_of,
                "value_text": value.text,
                "group": group_of.get(claim.id),
                "status": status.get(group_of.get(claim.id, ""), ""),
            }
        )
    import pandas as pd

    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    return frame.astype(
        {"start": "int64", "end": "int64", "line": "int64", "low": "float64", "high": "float64", "approx": "bool"}
    )


def groups_frame(result: RunResult, reviewed: tuple[Reviewed, ...] = ()) -> pd.DataFrame:
    status = _status_of(result, reviewed)
    rows = [
        {
            "id": v.group.id,
            "subject": v.group.subject,
            "attribute": v.group.attribute,
            "kind": v.group.kind.value,
            "status": status[v.group.id],
            "sources": len({s for value in v.values for s in value.source_ids}),
            "values": " | ".join(f"{value.value.text} ({', '.join(value.source_ids)})" for value in v.values),
            "consensus": v.consensus,
        }
        for v in result.verdicts
    ]
    import pandas as pd

    return pd.DataFrame(rows, columns=GROUP_COLUMNS).astype({"sources": "int64"})


def to_claims_csv(result: RunResult, reviewed: tuple[Reviewed, ...] = ()) -> str:
    return claims_frame(result, reviewed).to_csv(index=False, lineterminator="\n")


def to_groups_csv(result: RunResult, reviewed: tuple[Reviewed, ...] = ()) -> str:
    return groups_frame(result, reviewed).to_csv(index=False, lineterminator="\n")
