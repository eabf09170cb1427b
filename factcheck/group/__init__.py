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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from itertools import combinations

from factcheck.config import Settings
from factcheck.group import keyed
from factcheck.group.keyed import (
    TIME_SCOPED_KINDS,
    make_group,
    same_attribute,
    same_subject,
    subject_key,
    unique_ids,
)
from factcheck.group.linkage import FORBIDDEN, Linkage, Reciprocal, Verdict
from factcheck.group.pairs import FEATURES, Rarity, Weights, comparable, compare, shipped_weights, subjects_differ
from factcheck.group.stories import find_stories
from factcheck.model import Claim, ClaimGroup, Kind, Source
from factcheck.values import nearly, overlaps

__all__ = [
    "group_claims",
    "group_story",
    "split_stories",
    "unique_ids",
    "same_attribute",
    "same_subject",
    "subject_key",
    "scored_pairs",
]


def group_claims(
    claims: Iterable[Claim],
    settings: Settings,
    weights: Weights | None = None,
    sources: Sequence[Source] = (),
    *,
    blocking: bool = True,
) -> tuple[ClaimGroup, ...]:
    """`sources` give the full article texts that stories are told apart by; without them, the
    sentences of each article's claims stand in. `blocking=False` scores every pair of claims
    (`linkage.py`): the reference the blocked run is tested against."""
    weights = weights or shipped_weights()
    groups = [
        group
        for story, told, several in split_stories(claims, sources)
        for group in group_story(told, settings, weights, story if several else "", blocking=blocking)
    ]
    return tuple(sorted(unique_ids(groups), key=lambda g: g.id))


def split_stories(claims: Iterable[Claim], sources: Sequence[Source] = ()) -> list[tuple[str, list[Claim], bool]]:
    """Each story's claims in a fixed order, and whether the folder holds several stories (then each
    group is labelled with its story). The stories are told apart on the whole corpus; grouping
    within one (`group_story`) needs nothing from the others, so stories can be grouped apart."""
    claims = sorted(claims, key=lambda c: (c.source_id, c.start, c.id))
    texts = {s.id: s.text for s in sources} or _sentences_by_source(claims)
    stories = find_stories(texts)
    several = len(set(stories.values())) > 1
    return [
        (story, [c for c in claims if stories.get(c.source_id, "st-1") == story], several)
        for story in sorted(set(stories.values()) | {"st-1"})
    ]


def group_story(
    told: Sequence[Claim], settings: Settings, weights: Weights | None = None, label: str = "", *, blocking: bool = True
) -> list[ClaimGroup]:
    """The groups of one story's claims (`split_stories`), each labelled `label`; ids are made
    unique over all stories afterwards (`keyed.unique_ids`)."""
    weights = weights or shipped_weights()
    groups: list[ClaimGroup] = []
    by_id = {c.id: c for c in told}
    keyed_groups = [
        piece
        for g in keyed.group_claims(told, settings)
        for part in _split_on_evidence(g, by_id)
        for piece in _split_two_values_of_one_article(part, by_id)
    ]
    for kind in sorted({g.kind for g in keyed_groups}, key=lambda k: k.value):
        first = [g for g in keyed_groups if g.kind is kind]
        block = [by_id[cid] for g in first for cid in g.claim_ids]
        index = {c.id: n for n, c in enumerate(block)}
        safe = blocking and blocking_is_safe(weights)
        linkage = Linkage(block, pair_verdict(block, settings, weights), blocking=safe)
        reciprocal = Reciprocal(
            weights.reciprocal_floor,
            weights.reciprocal_margin,
            # weak evidence joins figures near in value whose named subjects do not disagree
            near=lambda a, b: nearly(a.value, b.value) and not subjects_differ(a, b, settings),
            same=lambda a, b: bool(overlaps(a.value, b.value)),
        )
        clusters = linkage.cluster([[index[cid] for cid in g.claim_ids] for g in first], weights.threshold, reciprocal)
        originals = {frozenset(g.claim_ids): g for g in first}
        for members in clusters:
            confidence = linkage.confidence(members)
            original = originals.get(frozenset(block[i].id for i in members))
            if original is not None:
                groups.append(replace(original, confidence=confidence, story=label))
            else:
                groups.append(_make_group([block[i] for i in members], confidence, label))
    return groups


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
    comparable pair, and the pairs the constraints forbid ever to share a group: every pair
    scored, for inspecting a block (grouping itself scores only the pairs it needs, `linkage.py`)."""
    verdict = pair_verdict(block, settings, weights)
    scores, forbidden = {}, set()
    for i, a in enumerate(block):
        for j in range(i + 1, len(block)):
            if a.source_id == block[j].source_id:
                continue
            p = verdict(a, block[j])
            if p == FORBIDDEN:
                forbidden.add((i, j))
            elif p is not None:
                scores[(i, j)] = p
    return scores, forbidden


WORD_OVERLAPS = ("measured_overlap", "context_overlap", "sentence_overlap", "entity_overlap", "about_overlap")
"""The comparisons that are 0 for two claims sharing no word of their evidence."""


def blocking_is_safe(weights: Weights) -> bool:
    """Whether two claims that share no evidence word stay below the threshold whatever else they
    share: every comparison lies in [0, 1], so the most such a pair reaches is every positive
    weight outside the word overlaps at 1. Weights refitted beyond that switch blocking off rather
    than lose a pair."""
    best = tuple(1.0 if name not in WORD_OVERLAPS and w > 0 else 0.0 for name, w in zip(FEATURES, weights.coefficients))
    return weights.probability(best) < weights.threshold


def pair_verdict(block: Sequence[Claim], settings: Settings, weights: Weights) -> Verdict:
    """The matcher's verdict on two claims of the block from different articles: FORBIDDEN when the
    constraints keep them apart, None when their values cannot be compared, else a probability."""
    rarity = Rarity(block)
    contrasted = _contrasted_subjects(block, settings)

    def verdict(a: Claim, b: Claim) -> float | None:
        if not allowed(a, b) or frozenset((subject_key(a.subject), subject_key(b.subject))) in contrasted:
            return FORBIDDEN
        if not comparable(a, b):
            return None
        return weights.probability(compare(a, b, rarity, settings))

    return verdict


def _contrasted_subjects(block: Sequence[Claim], settings: Settings) -> set[frozenset[str]]:
    """Pairs of named subjects one article measures the same way (two models' scores, two companies'
    revenues): there the subject disambiguates, so their claims are never one fact. Elsewhere a
    subject is only evidence, since outlets name the same fact's subject differently."""
    named: dict[tuple[str, str], set[str]] = defaultdict(set)  # (article, attribute) -> its subjects
    for claim in block:
        if key := subject_key(claim.subject):
            named[(claim.source_id, claim.attribute.lower())].add(key)
    pairs = {(x, y) for names in named.values() for x, y in combinations(sorted(names), 2)}
    return {frozenset(pair) for pair in pairs if not same_subject(*pair, settings)}


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
    ("up 8% on the previous quarter" / "up 40% on a year earlier"), different kinds of one measure
    ("adjusted" / "GAAP" earnings, "fourth-quarter" / "full-year" revenue)."""
    if a.evidence.basis and b.evidence.basis and a.evidence.basis != b.evidence.basis:
        return False
    mine = dict(q.split(":", 1) for q in a.evidence.qualifiers)
    return all(mine.get(family, kind) == kind for family, kind in (q.split(":", 1) for q in b.evidence.qualifiers))


def _same_plan(a: Claim, b: Claim) -> bool:
    """A scheduled date and the date it happened are two facts ("due to open in 2027", "opened on
    3 May 2029"); dates meet only in the keyed pass, so the matcher's own stance rule never sees them."""
    return a.kind is not Kind.DATE or (a.evidence.stance == "estimate") == (b.evidence.stance == "estimate")


def _split_on_evidence(group: ClaimGroup, by_id: dict[str, Claim]) -> list[ClaimGroup]:
    """A keyed group whose claims the evidence says are different facts is split, first fit."""
    parts = _first_fit(
        [by_id[c] for c in group.claim_ids],
        lambda part, claim: all(compatible_evidence(o, claim) and _same_plan(o, claim) for o in part),
    )
    return _pieces(group, parts, "")


def _split_two_values_of_one_article(group: ClaimGroup, by_id: dict[str, Claim]) -> list[ClaimGroup]:
    """A keyed group holding two different values from one article holds two facts that share a
    key ("the company's revenue" this month and next year): its claims go back to the matcher, one
    piece per article and value, and are clustered on their evidence like any others."""
    claims = [by_id[c] for c in group.claim_ids]
    if group.kind in (Kind.STATUS, Kind.ROLE):
        return [group]  # two phrasings of one state in one article are one claim, not two values
    if not any(
        a.source_id == b.source_id and not overlaps(a.value, b.value)
        for n, a in enumerate(claims)
        for b in claims[n + 1 :]
    ):
        return [group]
    parts = _first_fit(
        claims,
        lambda part, claim: part[0].source_id == claim.source_id and all(overlaps(o.value, claim.value) for o in part),
    )
    return _pieces(group, parts, "v")


def _first_fit(claims: list[Claim], fits: Callable[[list[Claim], Claim], bool]) -> list[list[Claim]]:
    """Each claim into the first part it fits, else a part of its own, in order."""
    parts: list[list[Claim]] = []
    for claim in claims:
        part = next((p for p in parts if fits(p, claim)), None)
        if part is None:
            parts.append([claim])
        else:
            part.append(claim)
    return parts


def _pieces(group: ClaimGroup, parts: list[list[Claim]], tag: str) -> list[ClaimGroup]:
    """The group cut along `parts`; the first piece keeps its id, the others get "-{tag}{n}"."""
    if len(parts) == 1:
        return [group]
    return [
        replace(
            group,
            id=f"{group.id}-{tag}{n}" if n else group.id,
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


def _make_group(claims: list[Claim], confidence: float, story: str) -> ClaimGroup:
    """A group the matcher formed: keyed by its shown subject and attribute and its commonest scope."""
    scopes = Counter(c.as_of for c in claims if c.scoped and c.as_of)
    scope = min(scopes, key=lambda s: (-scopes[s], s)) if scopes else None
    return replace(make_group(claims[0].kind, None, "", scope, claims, story), confidence=confidence)
