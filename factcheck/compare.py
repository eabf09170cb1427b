"""ClaimGroups -> GroupVerdicts: do the values in a group agree, and if not, why might that be?

Checks are small named functions in a registry; each returns the first pair of claims (in the
group's order) it finds incompatible, or none. A group conflicts when any check fires, is consistent when two or more sources
agree, and is single-source otherwise.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date

from factcheck.model import (
    Claim,
    ClaimGroup,
    GroupVerdict,
    Kind,
    Status,
    Value,
    ValueSupport,
)
from factcheck.values import clock_gap, facets_agree, follows, overlaps

Pair = tuple[Claim, Claim]


def check_value_disjoint(claims: list[Claim]) -> list[Pair]:
    """Two stated intervals that cannot both hold.

    Conflict: "the 29-year-old founder" / "the 28-year-old founder".
    No conflict: "$2 billion deal" / "$2.4 billion deal" (rounding covers 2.4).
    """
    return _first_pair(claims, lambda a, b: overlaps(a, b) is False and not (a.facets and b.facets))


def check_state_excludes(claims: list[Claim]) -> list[Pair]:
    """Facts in words that cannot hold together: states the state model excludes, a predicate
    asserted and denied, two doers or speakers, two places.

    Conflict: "the deal was completed on Monday" / "the deal is still under regulatory review".
    No conflict: "the engineer was arrested" / "the engineer has been charged" (one can follow the other).
    """
    return _first_pair(claims, lambda a, b: bool(a.facets and b.facets) and facets_agree(a, b) is False)


def check_direction_opposite(claims: list[Claim]) -> list[Pair]:
    """A multiplier stated as a reduction in one place and an increase in another.

    Conflict: "10x less compute" / "10x more compute".  No conflict: "10x less" / "over 10x less".
    """
    return _first_pair(claims, lambda a, b: bool(a.direction and b.direction and a.direction != b.direction))


def _first_pair(claims: list[Claim], clash: Callable[[Value, Value], bool]) -> list[Pair]:
    """The first clashing pair in claim order (the one the verdict explains), as a one-item list.

    Compares distinct values, not claims: a group of a thousand claims stating three values costs
    nine comparisons, not half a million."""
    positions: dict[Value, list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        positions[claim.value].append(index)
    distinct = list(positions)
    clashing = {v: [w for w in distinct if clash(v, w)] for v in distinct}
    for index, claim in enumerate(claims):
        later = [
            positions[w][at]
            for w in clashing[claim.value]
            if (at := bisect_right(positions[w], index)) < len(positions[w])
        ]
        if later:
            return [(claim, claims[min(later)])]
    return []


def check_running_count(claims: list[Claim]) -> list[Pair]:
    """Different floors for a count that grows as news comes in (a toll, the injured, arrests):
    both may be true, but an editor must see that the figure moved.

    Conflict: "at least 41 people died" / "the toll rose to at least 380".
    No conflict: "at least 41 people died" / "at least 41 were killed"; "$41 million" / "over $38 million".

    Every claim in a moving pair is listed, in the order the pairs (in claim order) first name it,
    through the pairs that first name one: as many pairs as claims, not every moving pair. Claims
    are compared by their distinct (value, running) classes.
    """
    if not any(c.kind is Kind.COUNT and c.evidence.running for c in claims):
        return []  # the common case, without looking at any pair
    classes: dict[tuple[Value, bool], list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        if claim.kind is Kind.COUNT:
            classes[(claim.value, claim.evidence.running)].append(index)
    keys = list(classes)
    partners = {u: [w for w in keys if _moved(u, w)] for u in keys}
    class_of = {i: key for key, members in classes.items() for i in members}
    unseen = {key: list(members) for key, members in classes.items()}  # ascending; shrinks as claims are named
    seen: set[int] = set()
    out: list[Pair] = []

    def name(i: int, j: int) -> None:
        out.append((claims[i], claims[j]))
        for x in (i, j):
            if x not in seen:
                seen.add(x)
                unseen[class_of[x]].remove(x)

    for i in sorted(class_of):
        source = claims[i].source_id
        if i not in seen:
            first = min((j for w in partners[class_of[i]] for j in _after(classes[w], i, source, claims)), default=None)
            if first is None:
                continue
            name(i, first)
        later = sorted(
            j
            for w in partners[class_of[i]]
            for j in unseen[w][bisect_right(unseen[w], i) :]
            if claims[j].source_id != source
        )
        for j in later:
            name(i, j)
    return out


def _moved(u: tuple[Value, bool], w: tuple[Value, bool]) -> bool:
    """Two classes of counts whose claims (from different sources) make a moving pair."""
    (a, running_a), (b, running_b) = u, w
    return bool(
        (running_a or running_b)
        and overlaps(a, b)
        and (a.high is None or b.high is None)
        and _floor_of(a) != _floor_of(b)
    )


def _after(members: list[int], i: int, source: str, claims: list[Claim]) -> Iterable[int]:
    """The first of `members` after claim i from another source, if any."""
    for j in members[bisect_right(members, i) :]:
        if claims[j].source_id != source:
            yield j
            return


def _floor(claim: Claim) -> float | None:
    return _floor_of(claim.value)


def _floor_of(value: Value) -> float | None:
    low = value.low
    # half up: an exact count of 17 spans [16.5, 17.5), and round() would take 16.5 to 16
    return math.floor(float(low) + 0.5) if isinstance(low, (int, float)) else None


CHECKS: dict[str, Callable[[list[Claim]], list[Pair]]] = {
    "value.disjoint": check_value_disjoint,
    "state.excludes": check_state_excludes,
    "multiplier.direction": check_direction_opposite,
    "count.running": check_running_count,
}


def compare_groups(
    groups: Iterable[ClaimGroup], claims: Mapping[str, Claim], published: Mapping[str, date | None]
) -> tuple[GroupVerdict, ...]:
    return ordered(judge(group, [claims[c] for c in group.claim_ids], published) for group in groups)


def ordered(verdicts: Iterable[GroupVerdict]) -> tuple[GroupVerdict, ...]:
    """Conflicts first, the hardest and surest first; verdicts judged apart (one story each) merge
    into the very order of one `compare_groups` over all groups."""
    order = {Status.CONFLICT: 0, Status.CONSISTENT: 1, Status.SINGLE_SOURCE: 2}
    severity = {"hard": 0, "explainable": 1, "soft": 2}
    return tuple(
        sorted(
            verdicts,
            key=lambda v: (
                order[v.status],
                severity.get(v.severity, 3),
                -v.group.confidence,
                v.group.kind.value,
                v.group.subject.lower(),
                v.group.id,
            ),
        )
    )


def judge(group: ClaimGroup, members: list[Claim], published: Mapping[str, date | None]) -> GroupVerdict:
    values = supports(group, members)
    fired = {name: pairs for name, check in CHECKS.items() if (pairs := check(members))}
    sources = {c.source_id for c in members}
    if fired:
        pairs = [pair for found in fired.values() for pair in found]
        severity, why = _explain(group, pairs, published)
        return GroupVerdict(
            group,
            Status.CONFLICT,
            values,
            _side_by_side(values) + (f"; {why}" if why else ""),
            severity=severity,
            consensus=_consensus(values),
            checks=tuple(sorted(fired)),
        )
    status = Status.CONSISTENT if len(sources) >= 2 else Status.SINGLE_SOURCE
    explanation = (
        f"{len(sources)} sources agree on {values[0].value.text}"
        if status is Status.CONSISTENT
        else f"only {next(iter(sources))} states this"
    )
    return GroupVerdict(group, status, values, explanation, consensus=_consensus(values))


def supports(group: ClaimGroup, members: list[Claim]) -> tuple[ValueSupport, ...]:
    copy_of = dict(group.copies)
    by_value: dict[str, list[Claim]] = defaultdict(list)
    first_value: dict[str, Value] = {}
    for claim in members:
        state = claim.value.text if claim.value.unit == "state" else ""
        key = f"{claim.value.low}|{claim.value.high}|{claim.value.unit}|{claim.value.direction}|{claim.value.relative and claim.text}|{state}"
        by_value[key].append(claim)
        first_value.setdefault(key, claim.value)
    out = []
    for key, claims in by_value.items():
        sources = sorted({c.source_id for c in claims})
        originals = {
            c.source_id for c in claims if c.id not in copy_of or claims_source(copy_of[c.id], members) not in sources
        }
        out.append(ValueSupport(first_value[key], tuple(c.id for c in claims), tuple(sources), max(1, len(originals))))
    return tuple(sorted(out, key=lambda v: (-v.independent_sources, -len(v.source_ids), v.value.text)))


def claims_source(claim_id: str, members: list[Claim]) -> str:
    return next((c.source_id for c in members if c.id == claim_id), "")


def _side_by_side(values: tuple[ValueSupport, ...]) -> str:
    return " vs ".join(f"{v.value.text} ({', '.join(v.source_ids)})" for v in values)


def _consensus(values: tuple[ValueSupport, ...]) -> str:
    speaking = {s for v in values for s in v.source_ids}
    if len(speaking) < 3 or len(values) < 2:
        return ""
    best = values[0]
    if len(values) > 1 and values[1].independent_sources == best.independent_sources:
        return ""
    return best.value.text


def _count_moved(pairs: list[Pair], published: Mapping[str, date | None]) -> str:
    """ "the count moved between reports: 380 (s2, 2024-01-03), 41 (s1, 2024-01-02)", latest first
    when the articles are dated, else highest first."""
    claims = {c.id: c for pair in pairs for c in pair}.values()
    latest = sorted(claims, key=lambda c: (published.get(c.source_id) or date.min, _floor(c) or 0), reverse=True)
    seen, parts = set(), []
    for claim in latest:
        if (claim.value.text, claim.source_id) in seen:
            continue
        seen.add((claim.value.text, claim.source_id))
        when = published.get(claim.source_id)
        parts.append(f"{claim.value.text} ({claim.source_id}{', ' + when.isoformat() if when else ''})")
    dated = all(published.get(c.source_id) for c in claims)
    return (
        "the count moved between reports, latest first: "
        if dated
        else "a running count that may have moved between reports: "
    ) + ", ".join(parts)


def _state_moved(pairs: list[Pair], published: Mapping[str, date | None]) -> str:
    """ "the order was in force (s1, 2026-03-01), then lifted (s2, 2026-03-02)": a later state reported
    later than the state it can follow; both can be true, each on its day."""
    for a, b in pairs:
        da, db = published.get(a.source_id), published.get(b.source_id)
        if not (da and db) or da == db:
            continue
        earlier, later = (a, b) if da < db else (b, a)
        if follows(later.value, earlier.value):
            return (
                f"a state that can follow another: {earlier.value.text} ({earlier.source_id}, "
                f"{min(da, db)}), then {later.value.text} ({later.source_id}, {max(da, db)})"
            )
    return ""


SOFT_MINUTES = 5
"""Clock times of one event less than this many minutes apart (between the ends of what each
allows) are a soft conflict: worth a look, rarely an error of fact."""


def _explain(group: ClaimGroup, pairs: list[Pair], published: Mapping[str, date | None]) -> tuple[str, str]:
    """Severity and a reason the data offers: different reference times, rounding, updates."""
    a, b = pairs[0]
    moved = _state_moved(pairs, published)
    if moved:
        return "explainable", moved
    running = [c for pair in pairs for c in pair if c.evidence.running]
    if group.kind is Kind.COUNT and running:
        return "explainable", _count_moved(pairs, published)
    da, db = published.get(a.source_id), published.get(b.source_id)
    if group.kind is Kind.COUNT and da and db and da != db:
        later, earlier = (a, b) if da > db else (b, a)
        if (later.value.low or 0) > (earlier.value.low or 0):  # type: ignore[operator]  # counts: numbers
            return "explainable", (
                f"the later article ({later.source_id}, {max(da, db)}) may update the earlier "
                f"figure ({earlier.source_id}, {min(da, db)})"
            )
    if group.kind in (Kind.AGE, Kind.COUNT, Kind.MONEY, Kind.ROLE, Kind.STATUS) and (
        a.as_of != b.as_of or a.scoped != b.scoped
    ):
        when = lambda c: f"{c.source_id} speaks of {c.as_of}" if c.as_of else f"{c.source_id} gives no date"  # noqa: E731
        if group.kind is Kind.AGE:
            gap = abs(float(a.value.low) - float(b.value.low))  # type: ignore[arg-type]  # ages: numbers
            if gap <= 1:
                return "explainable", f"{when(a)}, {when(b)}: an age stated at different times may differ by a year"
            return "hard", ""
        if a.scoped or b.scoped:
            return "explainable", f"{when(a)}, {when(b)}: different reference times"
    minutes = clock_gap(a.value, b.value)  # exact minutes are intervals a minute long: 9:12 and 9:13 touch
    if minutes is not None and minutes < SOFT_MINUTES:
        return "soft", "the times are minutes apart: one moment read off two clocks, or rounded"
    if a.value.approx or b.value.approx:
        return "hard", "values differ beyond the stated approximation"
    if group.kind is Kind.STATUS:
        return "soft", "the articles describe the state in words that exclude each other"
    return "hard", ""
