"""Claims -> ClaimGroups: which claims, across articles, state the same fact.

Record linkage rather than exact keys: articles are split into stories; within a story, claims of
one kind whose values can be compared are scored in pairs on their evidence (measured noun,
context, names, time scope, value, role; `pairs.py`, weights fitted by `tools/fit_matcher.py`);
pairs are then clustered under constraints (two disjoint values from one article are two facts;
the two ends of a change are two facts; no group spans two stories). Everything is sorted so the
same input gives the same groups whatever the file order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from factcheck import fingerprint
from factcheck.config import Settings
from factcheck.group import keyed
from factcheck.group.keyed import (
    TIME_SCOPED_KINDS,
    copies,
    display_names,
    same_attribute,
    same_subject,
    subject_key,
    unique_ids,
)
from factcheck.group.pairs import Rarity, Weights, comparable, compare, shipped_weights
from factcheck.group.stories import find_stories
from factcheck.model import Claim, ClaimGroup, Kind, Source, overlaps

__all__ = ["group_claims", "same_attribute", "same_subject", "subject_key", "scored_pairs"]


def group_claims(
    claims: Iterable[Claim], settings: Settings, weights: Weights | None = None, sources: Sequence[Source] = ()
) -> tuple[ClaimGroup, ...]:
    """`sources` give the full article texts that stories are told apart by; without them, the
    sentences of each article's claims stand in."""
    weights = weights or shipped_weights()
    claims = sorted(claims, key=lambda c: (c.source_id, c.start, c.id))
    texts = {s.id: s.text for s in sources} or _sentences_by_source(claims)
    stories = find_stories(texts)
    several = len(set(stories.values())) > 1
    groups: list[ClaimGroup] = []
    for story in sorted(set(stories.values()) | {"st-1"}):
        told = [c for c in claims if stories.get(c.source_id, "st-1") == story]
        by_id = {c.id: c for c in told}
        keyed_groups = [part for g in keyed.group_claims(told, settings) for part in _split_on_evidence(g, by_id)]
        for kind in sorted({g.kind for g in keyed_groups}, key=lambda k: k.value):
            first = [g for g in keyed_groups if g.kind is kind]
            block = [by_id[cid] for g in first for cid in g.claim_ids]
            index = {c.id: n for n, c in enumerate(block)}
            scores, forbidden = scored_pairs(block, settings, weights)
            clusters = _cluster(
                [[index[cid] for cid in g.claim_ids] for g in first],
                scores,
                forbidden,
                [c.source_id for c in block],
                weights.threshold,
            )
            for members in clusters:
                confidence = _confidence(block, members, scores)
                original = next((g for g in first if set(g.claim_ids) == {block[i].id for i in members}), None)
                if original is not None:
                    groups.append(replace(original, confidence=confidence, story=story if several else ""))
                else:
                    groups.append(_make_group([block[i] for i in members], confidence, story if several else ""))
    return tuple(sorted(unique_ids(groups), key=lambda g: g.id))


def _sentences_by_source(claims: Sequence[Claim]) -> dict[str, str]:
    out: dict[str, list[str]] = defaultdict(list)
    for claim in claims:
        if claim.sentence not in out[claim.source_id]:
            out[claim.source_id].append(claim.sentence)
    return {source: "\n".join(sentences) for source, sentences in out.items()}


def scored_pairs(
    block: Sequence[Claim], settings: Settings, weights: Weights
) -> tuple[dict[tuple[int, int], float], set[tuple[int, int]]]:
    """Probability that claims i and j (i < j) of different articles state one fact, for every
    comparable pair, and the pairs the constraints forbid ever to share a group. Pairs within one
    article are neither scored nor listed (they never join; `_cluster` checks that itself), so one
    long article costs nothing here."""
    rarity = Rarity(block)
    contrasted = _contrasted_subjects(block, settings)
    by_source: dict[str, list[int]] = defaultdict(list)
    for n, claim in enumerate(block):
        by_source[claim.source_id].append(n)
    articles = sorted(by_source)
    scores, forbidden = {}, set()
    for x, first in enumerate(articles):
        for second in articles[x + 1 :]:
            for i in by_source[first]:
                for j in by_source[second]:
                    pair = (i, j) if i < j else (j, i)
                    a, b = block[pair[0]], block[pair[1]]
                    if not allowed(a, b) or frozenset((subject_key(a.subject), subject_key(b.subject))) in contrasted:
                        forbidden.add(pair)
                    elif comparable(a, b):
                        scores[pair] = weights.probability(compare(a, b, rarity, settings))
    return scores, forbidden


def _contrasted_subjects(block: Sequence[Claim], settings: Settings) -> set[frozenset[str]]:
    """Pairs of named subjects the story measures the same way (two models' scores, two companies'
    revenues): there the subject disambiguates, so their claims are never one fact. Elsewhere a
    subject is only evidence, since outlets name the same fact's subject differently."""
    attributes: dict[str, set[str]] = defaultdict(set)
    for claim in block:
        if key := subject_key(claim.subject):
            attributes[key].add(claim.attribute.lower())
    names = sorted(attributes)
    return {
        frozenset((x, y))
        for n, x in enumerate(names)
        for y in names[n + 1 :]
        if attributes[x] & attributes[y] and not same_subject(x, y, settings)
    }


def allowed(a: Claim, b: Claim) -> bool:
    """Hard constraints on joining two keyed groups: the matcher links claims across articles only
    (within one article, repetition is the keyed pass's business and two values are two facts);
    figures their sentences place in different years are two facts; the two ends of a change ("from 41 to 380") are two facts; states that neither
    agree nor exclude each other ("CEO", "chief data officer") are different facts, and a state is
    compared only with states of the same subject and attribute."""
    if a.source_id == b.source_id:
        return False
    if a.kind is Kind.DATE:
        return False  # a date is joined only through the event it dates (the keyed pass)
    if (a.evidence.stance == "estimate") != (b.evidence.stance == "estimate"):
        return False  # a forecast never joins an actual
    if not compatible_evidence(a, b):
        return False
    if a.role != b.role and (a.role or b.role) and a.source_id == b.source_id:
        return False
    if a.scoped and b.scoped and a.as_of and b.as_of and a.kind in TIME_SCOPED_KINDS and a.as_of[:4] != b.as_of[:4]:
        return False  # "revenue of $800 million in 2025" / "$950 million in 2026"
    if a.kind in (Kind.STATUS, Kind.ROLE):
        return overlaps(a.value, b.value) is not None and _same_keys(a, b)
    return True


def compatible_evidence(a: Claim, b: Claim) -> bool:
    """Evidence that makes two facts of claims whatever their keys: changes against different bases
    ("up 22% on the previous quarter" / "up 265% on a year earlier")."""
    return not (a.evidence.basis and b.evidence.basis and a.evidence.basis != b.evidence.basis)


def _split_on_evidence(group: ClaimGroup, by_id: dict[str, Claim]) -> list[ClaimGroup]:
    """A keyed group whose claims the evidence says are different facts is split, first fit."""
    parts: list[list[Claim]] = []
    for claim in (by_id[c] for c in group.claim_ids):
        part = next((p for p in parts if all(compatible_evidence(o, claim) for o in p)), None)
        if part is None:
            parts.append([claim])
        else:
            part.append(claim)
    if len(parts) == 1:
        return [group]
    return [
        replace(
            group,
            id=f"{group.id}-{n}" if n else group.id,
            claim_ids=tuple(c.id for c in part),
            copies=tuple(pair for pair in group.copies if pair[0] in {c.id for c in part}),
        )
        for n, part in enumerate(parts)
    ]


def _same_keys(a: Claim, b: Claim) -> bool:
    settings = Settings()
    ka, kb = subject_key(a.subject), subject_key(b.subject)
    return (
        bool(ka and kb)
        and same_subject(ka, kb, settings)
        and same_attribute(a.attribute.lower(), b.attribute.lower(), settings)
    )


def _cluster(
    initial: list[list[int]],
    scores: dict[tuple[int, int], float],
    forbidden: set[tuple[int, int]],
    sources: Sequence[str],
    threshold: float,
) -> list[list[int]]:
    """Average-link agglomeration from the keyed groups: two clusters merge, strongest pair first,
    when the mean probability over all their cross pairs (an incomparable pair counts as 0) reaches
    the threshold and no cross pair is forbidden."""
    members = {n: sorted(c) for n, c in enumerate(initial)}
    cluster_of = {i: n for n, c in members.items() for i in c}
    for (i, j), p in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        if p < threshold:
            break
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        cross = [(min(x, y), max(x, y)) for x in members[ci] for y in members[cj]]
        if any(pair in forbidden or sources[pair[0]] == sources[pair[1]] for pair in cross):
            continue
        if sum(scores.get(pair, 0.0) for pair in cross) / len(cross) < threshold:
            continue
        members[ci] = sorted(members[ci] + members.pop(cj))
        for x in members[ci]:
            cluster_of[x] = ci
    return [members[n] for n in sorted(members)]


def _confidence(block: Sequence[Claim], members: list[int], scores: dict[tuple[int, int], float]) -> float:
    """Mean pair probability between the group's claims from different sources; 1.0 for one source."""
    inner = [
        scores[(x, y)]
        for n, x in enumerate(members)
        for y in members[n + 1 :]
        if (x, y) in scores and block[x].source_id != block[y].source_id
    ]
    return round(sum(inner) / len(inner), 2) if inner else 1.0


def _make_group(claims: list[Claim], confidence: float, story: str) -> ClaimGroup:
    claims = sorted(claims, key=lambda c: (c.source_id, c.start, c.id))
    kind = claims[0].kind
    display, attribute, aliases = display_names(claims)
    scopes = Counter(c.as_of for c in claims if c.scoped and c.as_of)
    scope = min(scopes, key=lambda s: (-scopes[s], s)) if scopes else None
    key = f"{attribute.lower()}|{story}" if story else attribute.lower()
    return ClaimGroup(
        id=fingerprint.group_id(kind.value, subject_key(display), key, scope),
        subject=display,
        attribute=attribute,
        kind=kind,
        as_of=scope,
        claim_ids=tuple(c.id for c in claims),
        subject_aliases=aliases,
        copies=copies(claims),
        confidence=confidence,
        story=story,
    )
