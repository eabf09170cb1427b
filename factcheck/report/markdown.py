"""GitHub-flavoured Markdown for pull requests and CMS notes: a summary table, then details."""

from __future__ import annotations

from factcheck.ledger import Reviewed
from factcheck.model import RunResult, Status


def _cell(text: str) -> str:
    """Table cells: no pipes or line breaks, and HTML-looking text shown as text."""
    return " ".join(str(text).split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _state(item: Reviewed | None) -> str:
    if item is None or item.decision is None:
        return "open"
    if item.open:
        return f"stale ({item.decision.action.value}d before)"
    return item.decision.action.past


def to_markdown(result: RunResult, reviewed: tuple[Reviewed, ...] = ()) -> str:
    by_id = {r.verdict.group.id: r for r in reviewed}
    claims = {c.id: c for c in result.claims}
    conflicts = [v for v in result.verdicts if v.status is Status.CONFLICT]
    counts = {s: sum(v.status is s for v in result.verdicts) for s in Status}
    lines = [
        "# factcheck report",
        "",
        f"{len(result.sources)} sources · {len(result.claims)} claims · {len(result.verdicts)} groups · "
        f"**{counts[Status.CONFLICT]} conflicts** · {counts[Status.CONSISTENT]} consistent · "
        f"{counts[Status.SINGLE_SOURCE]} single-source",
        "",
    ]
    if not conflicts:
        lines += ["No conflicts found.", ""]
        return "\n".join(lines)
    lines += ["| id | subject | attribute | values by source | state |", "|---|---|---|---|---|"]
    for verdict in conflicts:
        values = "; ".join(f"{v.value.text} ({', '.join(v.source_ids)})" for v in verdict.values)
        lines.append(
            f"| `{verdict.group.id}` | {_cell(verdict.group.subject)} | {_cell(verdict.group.attribute)} | "
            f"{_cell(values)} | {_state(by_id.get(verdict.group.id))} |"
        )
    lines.append("")
    for verdict in conflicts:
        item = by_id.get(verdict.group.id)
        lines += [
            "<details>",
            f"<summary><code>{verdict.group.id}</code> {_cell(verdict.group.subject)} · "
            f"{_cell(verdict.group.attribute)} ({verdict.severity})</summary>",
            "",
        ]
        for support in verdict.values:
            lines.append(
                f"- **{_cell(support.value.text)}** — {', '.join(support.source_ids)}"
                f" ({support.independent_sources} independent)"
            )
            for claim_id in support.claim_ids:
                claim = claims[claim_id]
                sentence = _cell(claim.sentence)
                surface = _cell(claim.text)
                lines.append(f"  - {claim.source_id}: {sentence.replace(surface, f'**{surface}**', 1)}")
        lines += ["", f"_{_cell(verdict.explanation)}_"]
        if item is not None and item.decision is not None:
            d = item.decision
            lines.append(
                f"\nDecision: {d.action.value}{' → ' + _cell(d.value) if d.value else ''} by {_cell(d.by)} "
                f"on {d.decided_on}: {_cell(d.note)}" + (" **(stale)**" if item.open else "")
            )
        lines += ["", "</details>", ""]
    return "\n".join(lines)
