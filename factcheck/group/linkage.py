"""The loops around the pair matcher, kept near-linear for a story of a thousand articles.

`pairs.compare` says how alike two claims are; this module decides which pairs it is asked about
and clusters the answers. Three things keep the cost down without changing a group:
- claims whose comparison inputs are identical (one syndicated sentence in many outlets) share a
  signature, and a pair's probability is computed once per pair of signatures, when first needed;
- only signatures that share a piece of evidence (the attribute, a term of a measured, context or
  sentence word, a name) are scored up front to find the pairs strong enough to start a merge: pairs sharing
  no word cannot reach the threshold under the weights (`group.blocking_is_safe`, else every pair
  is scored), and a word found in more than COMMON_SHARE of a large block's signatures is not a
  link (tests/test_linkage.py compares blocked and exhaustive grouping on every gold corpus);
- clusters count their members by signature, so testing a merge costs its distinct signatures and
  a merge refused once is not tested again until one side has grown.
After the pairs at the threshold, a weaker pass joins reciprocal best matches (`reciprocal_pairs`),
reading the same cached probabilities.
The probability of a pair must therefore depend only on what two claims say, never on their ids,
sources or offsets (beyond the two sources being different, which is all the matcher compares).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from factcheck.group.assign import merge_order
from factcheck.group.terms import terms
from factcheck.model import Claim

FORBIDDEN = -1.0
"""What a verdict returns for a pair the constraints keep apart whatever their score."""
COMMON_SHARE = 0.2
"""A word found in more than this share of a block's signatures links nothing..."""
COMMON_FLOOR = 200
"""...once it is found in more than this many: in a story of ordinary size every word links."""


@dataclass(frozen=True)
class Reciprocal:
    """The weaker pass of the clusterer (`Linkage.reciprocal_pairs`): the lowest pair probability it
    reads and how far a claim's best match must lead its second best."""

    floor: float
    margin: float
    near: Callable[[Claim, Claim], bool] = lambda a, b: True
    """Whether two claims' values are near enough for the weaker evidence to join them."""
    same: Callable[[Claim, Claim], bool] = lambda a, b: False
    """Whether two claims of one article state one value: the second is no rival of the first."""


Verdict = Callable[[Claim, Claim], float | None]
"""Probability that two claims of different articles state one fact; None when their values cannot
be compared; FORBIDDEN when the constraints forbid them ever to share a group."""


def signature(claim: Claim) -> Claim:
    """What a comparison reads of a claim: everything but its id, article and position."""
    return replace(claim, id="", source_id="", start=0, end=0)


class Linkage:
    """Pair probabilities of one block (claims of one kind in one story), by signature, on demand."""

    def __init__(self, block: Sequence[Claim], verdict: Verdict, *, blocking: bool = True):
        self.block = block
        self.verdict = verdict
        self.blocking = blocking
        ids: dict[Claim, int] = {}
        self.signature_of = [ids.setdefault(signature(c), len(ids)) for c in block]
        self.members: list[list[int]] = [[] for _ in ids]
        for index, sig in enumerate(self.signature_of):
            self.members[sig].append(index)
        self._known: dict[tuple[int, int], float | None] = {}
        self._near: dict[tuple[int, int], bool] = {}
        self._shared: list[tuple[int, int]] | None = None

    def probability(self, s: int, t: int) -> float | None:
        """The verdict on claims of signatures s and t from different articles (None when there
        are none such)."""
        key = (s, t) if s <= t else (t, s)
        if key not in self._known:
            pair = self._representatives(*key)
            self._known[key] = None if pair is None else self.verdict(self.block[pair[0]], self.block[pair[1]])
        return self._known[key]

    def _representatives(self, s: int, t: int) -> tuple[int, int] | None:
        for i in self.members[s]:
            for j in self.members[t]:
                if i != j and self.block[i].source_id != self.block[j].source_id:
                    return (i, j) if i < j else (j, i)
        return None

    def linked_signatures(self) -> Iterable[tuple[int, int]]:
        """Pairs of signatures (s <= t) worth scoring: every pair without blocking, else those that
        share an attribute or an evidence word no more common than COMMON_SHARE allows."""
        return self._sharing(self.blocking)

    def _sharing(self, blocking: bool) -> Iterable[tuple[int, int]]:
        count = len(self.members)
        if not blocking:
            return ((s, t) for s in range(count) for t in range(s, count))
        if self._shared is None:  # both passes read it: the evidence index is built once
            self._shared = self._sharing_evidence()
        return self._shared

    def _sharing_evidence(self) -> list[tuple[int, int]]:
        count = len(self.members)
        index: dict[str, list[int]] = defaultdict(list)
        for sig, members in enumerate(self.members):
            for key in _evidence_keys(self.block[members[0]]):
                index[key].append(sig)
        common = max(COMMON_FLOOR, COMMON_SHARE * count)
        linked = {(s, s) for s in range(count)}
        for sigs in index.values():
            if len(sigs) <= common:
                linked.update(combinations(sigs, 2))
        return sorted(linked)

    def strong_pairs(self, threshold: float, cluster_of: Sequence[int]) -> list[tuple[float, int, int]]:
        """(-probability, i, j) for every pair of claims i < j of different articles and different
        starting clusters whose probability reaches the threshold, strongest first."""
        out: list[tuple[float, int, int]] = []
        for s, t in self.linked_signatures():
            p = self.probability(s, t)
            if p is None or p < threshold:
                continue
            pairs = (
                combinations(self.members[s], 2)
                if s == t
                else ((i, j) if i < j else (j, i) for i in self.members[s] for j in self.members[t])
            )
            out.extend(
                (-p, i, j)
                for i, j in pairs
                if cluster_of[i] != cluster_of[j] and self.block[i].source_id != self.block[j].source_id
            )
        out.sort()
        return out

    def cluster(
        self, initial: list[list[int]], threshold: float, reciprocal: Reciprocal | None = None
    ) -> list[list[int]]:
        """Average-link agglomeration from the starting clusters: two clusters merge, the pairs of a
        best one-to-one assignment between two articles first, then strongest pair first
        (`assign.py`), when the mean probability over all their cross pairs (an incomparable pair counts as
        0) reaches the threshold, no cross pair is forbidden and no article is on both sides. Then,
        with `reciprocal`, weaker pairs that are each other's clear best match join the same way at
        its floor (`reciprocal_pairs`)."""
        members = {n: sorted(c) for n, c in enumerate(initial)}
        cluster_of = [0] * len(self.block)
        for n, claims in members.items():
            for i in claims:
                cluster_of[i] = n
        signatures = {n: Counter(self.signature_of[i] for i in c) for n, c in members.items()}
        sources = {n: {self.block[i].source_id for i in c} for n, c in members.items()}
        refused: dict[tuple[int, int], tuple[int, int, float]] = {}
        strong = {(i, j): -negative for negative, i, j in self.strong_pairs(threshold, cluster_of)}

        def merge(order: Iterable[tuple[int, int]], level: float, weak: Reciprocal | None) -> None:
            for i, j in order:
                ci, cj = cluster_of[i], cluster_of[j]
                if ci == cj:
                    continue
                sizes = (len(members[ci]), len(members[cj]))
                if refused.get((ci, cj)) == (*sizes, level):
                    continue
                if (
                    not sources[ci].isdisjoint(sources[cj])
                    or not self._mean_reaches(signatures[ci], signatures[cj], sizes, level)
                    or weak is not None
                    and not all(self.near(weak, x, y) for x in signatures[ci] for y in signatures[cj])
                ):
                    refused[(ci, cj)] = (*sizes, level)
                    continue
                moved = members.pop(cj)
                members[ci] = sorted(members[ci] + moved)
                for x in moved:
                    cluster_of[x] = ci
                signatures[ci].update(signatures.pop(cj))
                sources[ci] |= sources.pop(cj)

        merge(merge_order(strong, [c.source_id for c in self.block], threshold), threshold, None)
        if reciprocal is not None and reciprocal.floor < threshold:  # read off the clusters the strong pass left
            merge([(i, j) for _, i, j in self.reciprocal_pairs(reciprocal, cluster_of)], reciprocal.floor, reciprocal)
        return [members[n] for n in sorted(members)]

    def reciprocal_pairs(self, reciprocal: Reciprocal, cluster_of: Sequence[int]) -> list[tuple[float, int, int]]:
        """(-probability, i, j) for the pairs of different clusters, at or above the floor, in which
        each claim's best match among the other article's clusters is the other's, by at least the
        margin over its second best: record linkage's reciprocal best match. Between two articles a
        fact is stated once, so a claim whose evidence points clearly at one claim of the other
        article, and back, states that claim's fact even when the outlets worded it apart."""
        # claim, other article -> that article's clusters -> the best (probability, claim) in each
        best: dict[tuple[int, str], dict[int, tuple[float, int]]] = defaultdict(dict)
        candidates: list[tuple[float, int, int]] = []
        article = [claim.source_id for claim in self.block]
        for s, t in self._sharing(True):  # whether or not the strong pass blocked: part of the rule
            p = self.probability(s, t)
            if p is None or p == FORBIDDEN or p < reciprocal.floor:
                continue
            near = self.near(reciprocal, s, t)
            for i, j in self._cross_pairs(s, t):
                for a, b in ((i, j), (j, i)):
                    known = best[(a, article[b])]
                    held = known.get(cluster_of[b])
                    if held is None or (p, b) > held:
                        known[cluster_of[b]] = (p, b)
                if near and cluster_of[i] != cluster_of[j]:
                    candidates.append((-p, i, j))
        same: dict[tuple[int, int], bool] = {}

        def rival(first: int, other: int) -> bool:
            key = (self.signature_of[first], self.signature_of[other])
            if key not in same:
                same[key] = not reciprocal.same(self.block[first], self.block[other])
            return same[key]

        def clear_best(a: int, b: int) -> bool:
            """The other article's claim b is a's best match, ahead of any rival by the margin; a
            claim stating the same value as b there (the fact said twice) is no rival."""
            ranked = sorted(best[(a, self.block[b].source_id)].items(), key=lambda kv: (-kv[1][0], kv[0]))
            (top, (p_top, claim)), rivals = ranked[0], ranked[1:]
            runner_up = max(
                (p for _, (p, other) in rivals if rival(claim, other)),
                default=0.0,
            )
            return top == cluster_of[b] and p_top - runner_up >= reciprocal.margin

        return sorted(c for c in candidates if clear_best(c[1], c[2]) and clear_best(c[2], c[1]))

    def near(self, reciprocal: Reciprocal, s: int, t: int) -> bool:
        """`reciprocal.near` of claims of signatures s and t (what it reads is in the signature), once."""
        key = (s, t) if s <= t else (t, s)
        if key not in self._near:
            self._near[key] = reciprocal.near(self.block[self.members[key[0]][0]], self.block[self.members[key[1]][0]])
        return self._near[key]

    def _cross_pairs(self, s: int, t: int) -> Iterable[tuple[int, int]]:
        """Claim pairs i < j of signatures s and t from different articles."""
        pairs = (
            combinations(self.members[s], 2)
            if s == t
            else ((i, j) if i < j else (j, i) for i in self.members[s] for j in self.members[t])
        )
        return ((i, j) for i, j in pairs if self.block[i].source_id != self.block[j].source_id)

    def _mean_reaches(
        self, first: Counter[int], second: Counter[int], sizes: tuple[int, int], threshold: float
    ) -> bool:
        total = 0.0
        for s, ns in first.items():
            for t, nt in second.items():
                p = self.probability(s, t)
                if p == FORBIDDEN:
                    return False
                if p:
                    total += ns * nt * p
        return total / (sizes[0] * sizes[1]) >= threshold

    def confidence(self, members: Sequence[int]) -> float:
        """Mean pair probability between the group's claims from different sources; 1.0 for one source."""
        counts = Counter(self.signature_of[i] for i in members)
        by_source: dict[int, Counter[str]] = defaultdict(Counter)
        for i in members:
            by_source[self.signature_of[i]][self.block[i].source_id] += 1
        total, pairs = 0.0, 0
        sigs = sorted(counts)
        for n, s in enumerate(sigs):
            for t in sigs[n:]:
                if s == t:
                    cross = math.comb(counts[s], 2) - sum(math.comb(k, 2) for k in by_source[s].values())
                else:
                    cross = counts[s] * counts[t] - sum(k * by_source[t].get(src, 0) for src, k in by_source[s].items())
                if cross <= 0:
                    continue
                p = self.probability(s, t)
                if p is None or p == FORBIDDEN:
                    continue
                total += cross * p
                pairs += cross
        return round(total / pairs, 2) if pairs else 1.0


def _evidence_keys(claim: Claim) -> set[str]:
    """The words a comparison can find shared, as it compares them: terms (`terms.py`) for the
    attribute, measured, context and sentence words, names as they are."""
    evidence = claim.evidence
    keys = {"a:" + claim.attribute.lower()}
    keys.update("t:" + t for t in terms((claim.attribute, *evidence.measured, *evidence.context, *evidence.sentence)))
    keys.update("e:" + w for w in evidence.entities)
    return keys
