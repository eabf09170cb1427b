"""The loops around the matcher (group/linkage.py): same groups as scoring every pair, at a cost
that does not grow with copies of a sentence or with pairs that share nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from factcheck.analyse import analyse_batch
from factcheck.config import Settings
from factcheck.group import blocking_is_safe, group_claims, pair_verdict
from factcheck.group.assign import merge_order
from factcheck.group.linkage import FORBIDDEN, Linkage, Reciprocal
from factcheck.group.pairs import shipped_weights
from factcheck.ingest import read_sources
from factcheck.model import Claim, Evidence, Kind, Value

ROOT = Path(__file__).resolve().parent.parent
GOLD = [
    ROOT / "sources",
    *sorted(p for p in (ROOT / "tests" / "corpora").iterdir() if p.is_dir()),
    *sorted(p for p in (ROOT.parent / "shared" / "corpus" / "real-dev").glob("*") if p.is_dir()),
]


def make(index: int, source: str, text: str, words: tuple[str, ...] = ()) -> Claim:
    return Claim(
        id=f"c{index}",
        source_id=source,
        start=index,
        end=index + 1,
        text=text,
        sentence=text,
        subject="",
        attribute="toll",
        attribute_words="",
        kind=Kind.COUNT,
        value=Value(1, 1, "people", False, "1"),
        as_of=None,
        confidence=0.9,
        pattern="t",
        evidence=Evidence(sentence=words),
    )


# ---------------------------------------------------------------- the reference: every pair scored


def reference_cluster(block, verdict, initial, threshold):
    """The quadratic agglomeration grouping used before linkage.py, kept here as the oracle."""
    scores, forbidden = {}, set()
    for i in range(len(block)):
        for j in range(i + 1, len(block)):
            if block[i].source_id != block[j].source_id:
                p = verdict(block[i], block[j])
                if p == FORBIDDEN:
                    forbidden.add((i, j))
                elif p is not None:
                    scores[(i, j)] = p
    members = {n: sorted(c) for n, c in enumerate(initial)}
    cluster_of = {i: n for n, c in members.items() for i in c}
    # the same order of trial as linkage (a one-to-one assignment between two articles first): what
    # is compared here is which pairs are scored and how, not the order (tests/test_assign.py)
    strong = {pair: p for pair, p in scores.items() if cluster_of[pair[0]] != cluster_of[pair[1]]}
    for i, j in merge_order(strong, [c.source_id for c in block], threshold):
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        cross = [(min(x, y), max(x, y)) for x in members[ci] for y in members[cj]]
        if any(pair in forbidden or block[pair[0]].source_id == block[pair[1]].source_id for pair in cross):
            continue
        if sum(scores.get(pair, 0.0) for pair in cross) / len(cross) < threshold:
            continue
        members[ci] = sorted(members[ci] + members.pop(cj))
        for x in members[ci]:
            cluster_of[x] = ci
    clusters = [members[n] for n in sorted(members)]
    confidences = []
    for c in clusters:
        inner = [
            scores[(x, y)]
            for n, x in enumerate(c)
            for y in c[n + 1 :]
            if (x, y) in scores and block[x].source_id != block[y].source_id
        ]
        confidences.append(round(sum(inner) / len(inner), 2) if inner else 1.0)
    return clusters, confidences


# probabilities with exact sums in any order (multiples of 1/8), so the oracle's order of addition
# and linkage's cannot differ by a rounding
PROBABILITIES = st.sampled_from([None, FORBIDDEN, 0.0, 0.25, 0.5, 0.75, 0.875, 1.0])


@hypothesis_settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 4)), min_size=1, max_size=24),
    st.dictionaries(st.tuples(st.integers(0, 5), st.integers(0, 5)), PROBABILITIES),
    st.integers(1, 6),
    st.booleans(),
)
# ties that a one-to-one assignment and a strongest-first order break differently
@example([(0, 0), (0, 2), (0, 0), (1, 1), (1, 1)], {(0, 0): None, (0, 1): 0.875}, 1, False)
@example([(0, 2), (0, 1), (0, 0), (2, 1)], {(0, 2): 1.0}, 1, False)
def test_linkage_groups_as_scoring_every_pair_does(claims, table, start_size, blocking):
    block = [make(n, f"s{source}", f"t{text}", (f"w{text}",)) for n, (text, source) in enumerate(claims)]

    def verdict(a: Claim, b: Claim):
        x, y = sorted((int(a.text[1:]), int(b.text[1:])))
        return table.get((x, y), 0.875 if x == y else None)

    initial = [list(range(n, min(n + start_size, len(block)))) for n in range(0, len(block), start_size)]
    linkage = Linkage(block, verdict, blocking=False)
    clusters = linkage.cluster(initial, 0.875)
    expected, confidences = reference_cluster(block, verdict, initial, 0.875)
    # the same partition; the order of the clusters is the order of the merges, which the two
    # take in a different order when a one-to-one assignment goes first (groups are sorted by id)
    assert sorted(clusters) == sorted(expected)
    assert sorted(zip(clusters, (linkage.confidence(c) for c in clusters))) == sorted(zip(expected, confidences))


def test_copies_of_one_sentence_are_scored_once():
    asked = []

    def verdict(a, b):
        asked.append((a.id, b.id))
        return 1.0

    block = [make(n, f"s{n}", "the same sentence", ("same",)) for n in range(60)]
    linkage = Linkage(block, verdict)
    assert linkage.cluster([[n] for n in range(60)], 0.9) == [list(range(60))]
    assert linkage.confidence(list(range(60))) == 1.0
    assert len(asked) == 1


def test_claims_sharing_no_evidence_are_never_scored():
    asked = []

    def verdict(a, b):
        asked.append((a.text, b.text))
        return 0.95

    block = [
        replace(make(0, "s1", "one", ("alpha",)), attribute="age"),
        replace(make(1, "s2", "two", ("beta",)), attribute="weight"),
        replace(make(2, "s3", "three", ("alpha", "gamma")), attribute="height"),
    ]
    clusters = Linkage(block, verdict).cluster([[0], [1], [2]], 0.9)
    assert clusters == [[0, 2], [1]]
    assert ("two", "one") not in asked and ("one", "two") not in asked and ("two", "three") not in asked


def test_the_shipped_weights_leave_pairs_sharing_no_word_below_the_threshold():
    assert blocking_is_safe(shipped_weights())


def test_weights_that_could_join_pairs_sharing_no_word_switch_blocking_off():
    weights = shipped_weights()
    assert not blocking_is_safe(replace(weights, intercept=weights.intercept + 5))


# ---------------------------------------------------------------- the real matcher on gold corpora


@pytest.fixture(scope="module")
def analysed(pipeline):
    """Sources and claims of every gold corpus, analysed once."""
    out = {}
    for folder in GOLD:
        sources = read_sources([folder]).sources
        results = analyse_batch(sources, pipeline, Settings())
        out[folder.name] = (sources, tuple(c for r in results for c in r.claims))
    return out


def test_blocked_grouping_is_exhaustive_grouping_on_every_gold_corpus(analysed):
    pooled_sources, pooled_claims = [], []
    for name, (sources, claims) in analysed.items():
        blocked = group_claims(claims, Settings(), sources=sources)
        assert blocked == group_claims(claims, Settings(), sources=sources, blocking=False), name
        pooled_sources.extend(sources)
        pooled_claims.extend(claims)
    pooled = group_claims(pooled_claims, Settings(), sources=pooled_sources)  # several stories in one folder
    assert pooled == group_claims(pooled_claims, Settings(), sources=pooled_sources, blocking=False)


def test_the_matcher_is_symmetric_as_linkage_assumes(analysed):
    """Up to the order a sum adds its terms in: linkage scores one pair per two signatures."""
    sources, claims = analysed["sources"]
    by_kind: dict[Kind, list[Claim]] = {}
    for claim in claims:
        by_kind.setdefault(claim.kind, []).append(claim)
    for block in by_kind.values():
        verdict = pair_verdict(block, Settings(), shipped_weights())
        for n, a in enumerate(block):
            for b in block[n + 1 :]:
                if a.source_id != b.source_id:
                    there, back = verdict(a, b), verdict(b, a)
                    assert there == back or there == pytest.approx(back, rel=1e-9), (a.text, b.text)


def test_common_words_left_out_of_blocking_lose_no_group(analysed, monkeypatch):
    """Gold stories are too small for a word to count as common (COMMON_FLOOR): lowered to where it
    bites on them (15 signatures: the matcher compares terms, so a word class is shared more widely than
    a word), blocking still loses nothing."""
    import factcheck.group.linkage as linkage

    monkeypatch.setattr(linkage, "COMMON_FLOOR", 15)
    for name, (sources, claims) in analysed.items():
        blocked = group_claims(claims, Settings(), sources=sources)
        assert blocked == group_claims(claims, Settings(), sources=sources, blocking=False), name


# ---------------------------------------------------------------- the weaker pass: reciprocal best match


def _reciprocal_block(table: dict[tuple[int, int], float]):
    """Claims 0, 1 from article s1 and 2, 3 from s2, all sharing a word; `table` gives the pairs."""
    block = [make(n, "s1" if n < 2 else "s2", f"t{n}", ("shared",)) for n in range(4)]

    def verdict(a: Claim, b: Claim):
        x, y = sorted((int(a.text[1:]), int(b.text[1:])))
        return table.get((x, y), 0.1)

    return block, verdict


@pytest.mark.parametrize(
    "table,reciprocal,joined",
    [
        # 0 and 2 point at each other, well ahead of any rival: one fact worded apart
        ({(0, 2): 0.8, (0, 3): 0.6, (1, 2): 0.5}, Reciprocal(0.75, 0.1), True),
        # below the floor
        ({(0, 2): 0.7, (0, 3): 0.5}, Reciprocal(0.75, 0.1), False),
        # a rival within the margin: the evidence does not say which
        ({(0, 2): 0.8, (0, 3): 0.75}, Reciprocal(0.75, 0.1), False),
        # ... unless the rival states the same value as the best (the fact said twice)
        ({(0, 2): 0.8, (0, 3): 0.75}, Reciprocal(0.75, 0.1, same=lambda a, b: True), True),
        # values too far apart for weak evidence to join them
        ({(0, 2): 0.8}, Reciprocal(0.75, 0.1, near=lambda a, b: False), False),
        # the pass turned off
        ({(0, 2): 0.8}, None, False),
    ],
)
def test_reciprocal_best_matches_join_below_the_threshold(table, reciprocal, joined):
    block, verdict = _reciprocal_block(table)
    for blocking in (True, False):
        clusters = Linkage(block, verdict, blocking=blocking).cluster([[n] for n in range(4)], 0.94, reciprocal)
        assert ([0, 2] in clusters) is joined, blocking
