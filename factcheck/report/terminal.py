"""The terminal report (rich): conflicts first with their evidence, then compact sections."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.ledger import Reviewed
from factcheck.model import Claim, GroupVerdict, RunResult, Status


def render_summary(result: RunResult) -> Text:
    counts = {status: sum(v.status is status for v in result.verdicts) for status in Status}
    line = Text()
    line.append(f"{len(result.sources)} sources", style="bold")
    line.append(f" · {len(result.claims)} claims · {len(result.verdicts)} groups · ")
    line.append(f"{counts[Status.CONFLICT]} conflicts", style="bold red" if counts[Status.CONFLICT] else "green")
    line.append(f" · {counts[Status.CONSISTENT]} consistent · {counts[Status.SINGLE_SOURCE]} single-source")
    stories = sorted({v.group.story for v in result.verdicts if v.group.story})
    if stories:
        line.append(f" · {len(stories)} stories: {', '.join(stories)}")
    return line


def render_header(result: RunResult) -> Table:
    """The corpus: each source with its title or outlet and publication date."""
    table = Table(box=None, show_header=True, header_style="bold", padding=(0, 1), expand=False)
    table.add_column("source", style="cyan", no_wrap=True)
    table.add_column("title / outlet")
    table.add_column("published", no_wrap=True)
    table.add_column("claims", justify="right")
    counts = {s.id: 0 for s in result.sources}
    for claim in result.claims:
        counts[claim.source_id] += 1
    source_of = {c.id: c.source_id for c in result.claims}
    story = {source_of[cid]: v.group.story for v in result.verdicts if v.group.story for cid in v.group.claim_ids}
    if story:  # several stories in one folder: say which article tells which
        table.add_column("story", no_wrap=True)
    for source in result.sources:
        title = " — ".join(p for p in (source.site, source.title) if p) or "(untitled)"
        row = [
            source.id,
            title,
            source.published.isoformat() if source.published else "unknown",
            str(counts[source.id]),
        ]
        table.add_row(*row, *([story.get(source.id, "")] if story else []))
    return table


def render_claims(frame) -> Table:
    """A claims DataFrame (see report.frames) as a compact table."""
    table = Table(show_header=True, header_style="bold", expand=True)
    for column in ("source", "line", "kind", "text", "value", "subject", "attribute", "status"):
        table.add_column(column, overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(
            row.source, str(row.line), row.kind, row.text, row.value_text, row.subject, row.attribute, row.status
        )
    return table


def highlighted_sentence(claim: Claim) -> Text:
    """The claim's sentence with the value in bold, located by the claim's own text."""
    return _highlight(Text(claim.sentence), claim)


def _highlight(text: Text, claim: Claim) -> Text:
    surface = " ".join(claim.text.split())
    at = text.plain.find(surface)
    if at >= 0:
        text.stylize("bold yellow", at, at + len(surface))
    return text


def render_conflict(verdict: GroupVerdict, claims: dict[str, Claim], reviewed: Reviewed | None = None) -> Panel:
    """One conflict: the values side by side, each source's sentence, the explanation, the decision."""
    group = verdict.group
    table = Table(show_header=True, header_style="bold", expand=True, box=None, padding=(0, 1))
    table.add_column("value", no_wrap=True)
    table.add_column("sources")
    table.add_column("indep.", justify="right")
    for support in verdict.values:
        mark = " ✓" if verdict.consensus and support.value.text == verdict.consensus else ""
        table.add_row(support.value.text + mark, ", ".join(support.source_ids), str(support.independent_sources))
    # one line per sentence: two values from one sentence are both highlighted on it
    sentences: dict[tuple[str, str], Text] = {}
    for support in verdict.values:
        for claim_id in support.claim_ids:
            claim = claims[claim_id]
            _highlight(sentences.setdefault((claim.source_id, claim.sentence), Text(claim.sentence)), claim)
    evidence = [Text.assemble((f"{source}: ", "cyan"), sentence) for (source, _), sentence in sentences.items()]
    parts: list[RenderableType] = [table, Text(""), *evidence, Text(""), Text(verdict.explanation, style="italic")]
    if verdict.consensus:
        parts.append(Text(f"consensus of independent sources: {verdict.consensus}", style="green"))
    if reviewed is not None and reviewed.decision is not None:
        d = reviewed.decision
        stale = " — STALE: the evidence changed since; decide again" if reviewed.open else ""
        chosen = f" → {d.value}" if d.value else ""
        parts.append(
            Text(
                f"decision: {d.action.value}{chosen} by {d.by} on {d.decided_on}: {d.note}{stale}",
                style="bold yellow" if reviewed.open else "dim",
            )
        )
        if d.value:
            wrong = sorted({s for v in verdict.values if v.value.text != d.value for s in v.source_ids})
            parts.append(Text(f"sources stating another value: {', '.join(wrong) or 'none'}", style="dim"))
        for line in d.history:
            parts.append(Text(f"earlier: {line}", style="dim"))
    kind = "" if group.attribute == group.kind.value else f"{group.kind.value} · "
    title = f"[bold]{group.subject or '(unknown subject)'}[/] · {group.attribute}  [dim]{kind}{group.id}[/]"
    style = "yellow" if verdict.severity == "explainable" else "red"
    subtitle = " · ".join(filter(None, (verdict.severity, f"confidence {group.confidence:.2f}")))
    return Panel(
        Group(*parts), title=title, title_align="left", border_style=style, subtitle=subtitle, subtitle_align="right"
    )


def compact_table(verdicts: list[GroupVerdict], claims: dict[str, Claim], title: str) -> Table:
    table = Table(title=title, title_justify="left", show_header=True, header_style="bold", expand=True)
    table.add_column("subject")
    table.add_column("attribute")
    table.add_column("value")
    table.add_column("sources")
    for verdict in verdicts:
        table.add_row(
            verdict.group.subject or "—",
            verdict.group.attribute,
            " / ".join(v.value.text for v in verdict.values),
            ", ".join(sorted({s for v in verdict.values for s in v.source_ids})),
        )
    return table


SEVERITY_ORDER = {"hard": 0, "explainable": 1, "soft": 2}


def render_terminal(result: RunResult, verbose: bool = False, reviewed: tuple[Reviewed, ...] = ()) -> Group:
    claims = {c.id: c for c in result.claims}
    by_id = {r.verdict.group.id: r for r in reviewed}
    parts: list[RenderableType] = []
    conflicts = [v for v in result.verdicts if v.status is Status.CONFLICT]
    conflicts.sort(
        key=lambda v: (SEVERITY_ORDER.get(v.severity, 3), -v.group.confidence, v.group.subject.lower(), v.group.id)
    )
    open_ = [v for v in conflicts if v.group.id not in by_id or by_id[v.group.id].open]
    decided = [v for v in conflicts if v not in open_]
    if open_:
        parts.append(Text(f"Conflicts ({len(open_)})", style="bold red"))
        parts.extend(render_conflict(v, claims, by_id.get(v.group.id)) for v in open_)
    else:
        parts.append(Text("No open conflicts.", style="bold green"))
    if decided:
        parts.append(Text(""))
        table = Table(title=f"Decided ({len(decided)})", title_justify="left", expand=True, header_style="bold")
        for column in ("id", "subject · attribute", "decision", "by", "note"):
            table.add_column(column)
        for verdict in decided:
            d = by_id[verdict.group.id].decision
            wrong = sorted({s for v in verdict.values if d.value and v.value.text != d.value for s in v.source_ids})
            table.add_row(
                verdict.group.id,
                f"{verdict.group.subject} · {verdict.group.attribute}",
                d.action.value
                + (f" → {d.value}" if d.value else "")
                + (f" (wrong: {', '.join(wrong)})" if wrong else ""),
                f"{d.by}, {d.decided_on}",
                d.note,
            )
        parts.append(table)
    for status, label in ((Status.CONSISTENT, "Consistent"), (Status.SINGLE_SOURCE, "Single-source (unverified)")):
        chosen = [v for v in result.verdicts if v.status is status]
        parts.append(Text(""))
        if verbose and chosen:
            parts.append(compact_table(chosen, claims, f"{label} ({len(chosen)})"))
        else:
            parts.append(
                Text(
                    f"{label}: {len(chosen)} groups" + ("" if verbose or not chosen else " (--verbose lists them)"),
                    style="bold",
                )
            )
    return Group(*parts)
