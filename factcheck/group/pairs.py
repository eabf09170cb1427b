"""Comparison vectors for pairs of claims, and the fitted weights that turn one into a probability.

Each comparison is a small pure function of two claims (and the story's word rarities); the
weights come from `weights.toml`, fitted by `tools/fit_matcher.py` on labelled pairs from gold
lists. Nothing here names a word of any story: evidence is compared, not looked up.
"""

from __future__ import annotations

import math
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz

from factcheck.config import Settings
from factcheck.group.keyed import same_attribute, same_subject, subject_key
from factcheck.group.terms import terms
from factcheck.model import Claim
from factcheck.values import overlaps, stated_ratio

FEATURES = (
    "attribute_same",
    "attribute_similar",
    "subject_same",
    "subject_differs",
    "measured_overlap",
    "measured_missing",
    "context_overlap",
    "sentence_overlap",
    "entity_overlap",
    "scope_same",
    "scope_differs",
    "value_overlap",
    "value_gap",
    "role_differs",
    "estimate_differs",
    "change_differs",
    "same_source",
    "about_overlap",
    "value_far",
)
"""The comparisons, in the order of the fitted coefficients."""


@dataclass(frozen=True)
class Weights:
    """A logistic model over the comparisons: p = 1 / (1 + exp(-(intercept + sum w_i x_i)))."""

    intercept: float
    coefficients: tuple[float, ...]
    threshold: float
    """Pairs at or above this probability may join one group."""
    reciprocal_floor: float = 1.0
    """Weaker pairs down to this probability may join when each is the other's clear best match
    (`linkage.Linkage.reciprocal_pairs`); 1.0 turns that pass off."""
    reciprocal_margin: float = 0.0
    """How far such a best match must lead the second best."""

    def probability(self, vector: Sequence[float]) -> float:
        z = self.intercept + sum(w * x for w, x in zip(self.coefficients, vector))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def shipped_weights() -> Weights:
    data = tomllib.loads(resources.files("factcheck.group").joinpath("weights.toml").read_text("utf-8"))
    return weights_from(data)


def weights_from(data: Mapping) -> Weights:
    coefficients = data["coefficients"]
    return Weights(
        float(data["intercept"]),
        tuple(float(coefficients.get(name, 0.0)) for name in FEATURES),
        float(data.get("threshold", 0.5)),
        float(data.get("reciprocal_floor", 1.0)),
        float(data.get("reciprocal_margin", 0.0)),
    )


class Rarity:
    """How much a shared word says, from how few of the story's sentences use it (inverse document
    frequency): a shared "toll" says more than a shared "said"."""

    def __init__(self, claims: Iterable[Claim]):
        sentences = {(c.source_id, c.sentence): terms(c.evidence.sentence) for c in claims}
        self.total = max(1, len(sentences))
        self.counts = Counter(w for words in sentences.values() for w in set(words))
        self._weights: dict[str, float] = {}

    def weight(self, word: str) -> float:
        known = self._weights.get(word)
        if known is None:  # every pair of a block asks again: compute each word's weight once
            known = self._weights[word] = math.log((1 + self.total) / (1 + self.counts.get(word, 0))) + 1.0
        return known


def weighted_overlap(a: Iterable[str], b: Iterable[str], rarity: Rarity) -> float:
    """Rarity-weighted Jaccard overlap of two word sets (0..1)."""
    sa, sb = set(a), set(b)
    shared = sa & sb
    if not shared:
        return 0.0  # also an empty union
    return sum(rarity.weight(w) for w in shared) / sum(rarity.weight(w) for w in sa | sb)


FAR_APART = 0.45
"""Two values about a factor of three or more apart (log10 0.45; 0.15, 0.3 and 0.6 scored worse
left out): outlets rarely misreport one figure that far,
except a running count (a toll that rises between reports), which is exempt. Only negative
evidence: close values never make two claims one fact."""


def value_gap(a: Claim, b: Claim) -> float:
    """How far apart two values are on a log scale, capped at 1 (0 when they overlap)."""
    if overlaps(a.value, b.value):
        return 0.0
    distance = _log_distance(a, b)
    return 1.0 if distance is None else min(1.0, distance)


def _far_apart(a: Claim, b: Claim) -> bool:
    """The stated figures, not the intervals: "over 691,000" and "1.2 billion" overlap as bounds
    but are not one figure misreported."""
    distance = _log_distance(a, b)
    return distance is not None and distance >= FAR_APART


def _log_distance(a: Claim, b: Claim) -> float | None:
    """log10 of the ratio of the two stated figures (`values.stated_ratio`)."""
    ratio = stated_ratio(a.value, b.value)
    return None if ratio is None else math.log10(ratio)


def comparable(a: Claim, b: Claim) -> bool:
    """Blocking: only claims of one kind whose values can be set side by side are compared."""
    return a.kind == b.kind and overlaps(a.value, b.value) is not None


WEAK_SUBJECT = 0.5
"""Below this confidence a subject is a guess (the nearest name, or the last sentence's subject):
it is left out of the comparison rather than counted as a different subject."""


def _subjects(a: Claim, b: Claim, settings: Settings) -> tuple[bool, bool]:
    """(both name a subject with confidence, the subjects are the same)."""
    ka, kb = subject_key(a.subject), subject_key(b.subject)
    named = bool(ka and kb) and min(a.confidence, b.confidence) >= WEAK_SUBJECT
    return named, named and same_subject(ka, kb, settings)


def subjects_differ(a: Claim, b: Claim, settings: Settings) -> bool:
    """Both claims name a subject with confidence, and not the same one."""
    named, same = _subjects(a, b, settings)
    return named and not same


def compare(a: Claim, b: Claim, rarity: Rarity, settings: Settings) -> tuple[float, ...]:
    named, subject_same = _subjects(a, b, settings)
    attribute_a, attribute_b = a.attribute.lower(), b.attribute.lower()
    ea, eb = a.evidence, b.evidence
    scope_a, scope_b = _scope(a), _scope(b)
    return (
        float(same_attribute(attribute_a, attribute_b, settings)),
        fuzz.token_set_ratio(attribute_a, attribute_b) / 100,
        float(subject_same),
        float(named and not subject_same),
        weighted_overlap(terms(ea.measured), terms(eb.measured), rarity),
        float(not ea.measured or not eb.measured),
        weighted_overlap(terms(ea.context), terms(eb.context), rarity),
        weighted_overlap(terms(ea.sentence), terms(eb.sentence), rarity),
        weighted_overlap(ea.entities, eb.entities, rarity),
        float(scope_a is not None and scope_a == scope_b),
        float(scope_a is not None and scope_b is not None and scope_a != scope_b),
        float(bool(overlaps(a.value, b.value))),
        value_gap(a, b),
        float(a.role != b.role),
        float((ea.stance == "estimate") != (eb.stance == "estimate")),
        float((ea.stance == "change") != (eb.stance == "change")),
        float(a.source_id == b.source_id),
        weighted_overlap(terms((attribute_a, *ea.measured)), terms((attribute_b, *eb.measured)), rarity),
        float(_far_apart(a, b) and not (ea.running and eb.running)),
    )


def _scope(claim: Claim) -> str | None:
    """The period a claim speaks of when its sentence names one: a quarter or half, else a year."""
    if not claim.scoped or not claim.as_of:
        return None
    return claim.as_of if any(ch in claim.as_of for ch in "QHF") else claim.as_of[:4]
