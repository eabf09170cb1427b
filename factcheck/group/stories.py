"""Which articles tell one story: a folder may hold several unrelated stories (an analyst's daily
drop), and claims of two stories must never be compared.

Articles are described by the names and content words of their claims' sentences; two articles
belong together when those overlap (rarity-weighted), and stories are average-link clusters, so
one shared generic word cannot chain two stories together.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from factcheck.model import Claim

STORY_SIMILARITY = 0.12
"""Average rarity-weighted overlap above which two groups of articles are one story."""
NAME_WEIGHT = 3.0
"""A shared named entity counts this many times a shared content word."""


def find_stories(claims: Sequence[Claim]) -> dict[str, str]:
    """Source id -> story label ("st-1", "st-2" ... by first source id); one label when one story."""
    bags: dict[str, Counter[str]] = defaultdict(Counter)
    for claim in claims:
        bag = bags[claim.source_id]
        for word in claim.evidence.sentence:
            bag[word] = 1.0
        for entity in claim.evidence.entities:
            bag["@" + entity.split(":", 1)[-1]] = NAME_WEIGHT
    sources = sorted(bags)
    if len(sources) <= 2:
        return {s: "st-1" for s in sources}
    spread = Counter(w for bag in bags.values() for w in bag)
    rarity = {w: math.log((1 + len(sources)) / (1 + n)) + 1.0 for w, n in spread.items()}

    def similarity(a: str, b: str) -> float:
        ba, bb = bags[a], bags[b]
        shared = sum(rarity[w] * min(ba[w], bb[w]) for w in ba.keys() & bb.keys())
        union = sum(rarity[w] * max(ba.get(w, 0), bb.get(w, 0)) for w in ba.keys() | bb.keys())
        return shared / union if union else 0.0

    pair = {(a, b): similarity(a, b) for i, a in enumerate(sources) for b in sources[i + 1:]}
    clusters = [[s] for s in sources]
    while len(clusters) > 1:
        best, which = -1.0, None
        for i, ca in enumerate(clusters):
            for j in range(i + 1, len(clusters)):
                cb = clusters[j]
                mean = sum(pair[tuple(sorted((x, y)))] for x in ca for y in cb) / (len(ca) * len(cb))
                if mean > best:
                    best, which = mean, (i, j)
        if best < STORY_SIMILARITY or which is None:
            break
        i, j = which
        clusters[i] = sorted(clusters[i] + clusters[j])
        del clusters[j]
    clusters.sort(key=lambda c: c[0])
    return {s: f"st-{n}" for n, cluster in enumerate(clusters, 1) for s in cluster}
