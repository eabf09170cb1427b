"""The terminal report (rich): conflicts first with their evidence, then compact sections."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.model import Claim, GroupVerdict, RunResult, Status


def render_summary(result: RunResult) -> Text:
    counts = {status: sum(v.status is status for v in result.verdicts) for status in Status}
    line = Text()
    line.append(f"{len(result.sources)} sources", style="bold")
    line.append(f" · {len(result.claims)} claims · {len(result.verdicts)} groups · ")
    line.append(f"{counts[Status.CONFLICT]} conflicts", style="bold red" if counts[Status.CONFLICT] else "green")
    line.append(f" · {counts[Status.CONSISTENT]} consistent · {counts[Status.SINGLE_SOURCE]} single-source")
    return line


def highlighted_sentence(claim: Claim) -> Text:
    """The claim's sentence with the value in bold, located by the claim's own text."""
    return _highlight(Text(claim.sentence), claim)


def _highlight(text: Text, claim: Claim) -> Text:
    surface = " ".join(claim.text.split())
    at = text.plain.find(surface)
    if at >= 0:
        text.stylize("bold yellow", at, at + len(surface))
    return text


def conflict_panel(verdict: GroupVerdict, claims: dict[str, Claim]) -> Panel:
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
    parts: list[RenderableType] = [table, Text(""), *evidence, Text(""),
                                   Text(verdict.explanation, style="italic")]
    kind = "" if group.attribute == group.kind.value else f"{group.kind.value} · "
    title = f"[bold]{group.subject or '(unknown subject)'}[/] · {group.attribute}  [dim]{kind}{group.id}[/]"
    style = "yellow" if verdict.severity == "explainable" else "red"
    return Panel(Group(*parts), title=title, title_align="left", border_style=style,
                 subtitle=verdict.severity or None, subtitle_align="right")


def compact_table(verdicts: list[GroupVerdict], claims: dict[str, Claim], title: str) -> Table:
    table = Table(title=title, title_justify="left", show_header=True, header_style="bold", expand=True)
    table.add_column("subject")
    table.add_column("attribute")
    table.add_column("value")
    table.add_column("sources")
    for verdict in verdicts:
        table.add_row(verdict.group.subject or "—", verdict.group.attribute,
                      " / ".join(v.value.text for v in verdict.values),
                      ", ".join(sorted({s for v in verdict.values for s in v.source_ids})))
    return table


def render_terminal(result: RunResult, verbose: bool = False) -> Group:
    claims = {c.id: c for c in result.claims}
    parts: list[RenderableType] = []
    conflicts = [v for v in result.verdicts if v.status is Status.CONFLICT]
    conflicts.sort(key=lambda v: (v.severity != "hard", v.group.subject.lower(), v.group.id))
    if conflicts:
        parts.append(Text(f"Conflicts ({len(conflicts)})", style="bold red"))
        parts.extend(conflict_panel(v, claims) for v in conflicts)
    else:
        parts.append(Text("No conflicts found.", style="bold green"))
    for status, label in ((Status.CONSISTENT, "Consistent"), (Status.SINGLE_SOURCE, "Single-source (unverified)")):
        chosen = [v for v in result.verdicts if v.status is status]
        parts.append(Text(""))
        if verbose and chosen:
            parts.append(compact_table(chosen, claims, f"{label} ({len(chosen)})"))
        else:
            parts.append(Text(f"{label}: {len(chosen)} groups" + ("" if verbose or not chosen else " (--verbose lists them)"),
                              style="bold"))
    return Group(*parts)
