"""In which order the clusterer tries pairs: one-to-one between two articles first.

An article that breaks a figure down ("$40 million for the bridge, $25 million for the road")
is often matched against another that does the same: each of its claims resembles both of the
other's, and taking the single strongest pair first can pair the lander with the launch and strand
the rest. Between two articles each claim states at most one of the other's facts, so the pairs a
best one-to-one assignment picks (most total probability) are tried before the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

__all__ = ["merge_order"]

EXACT_LIMIT = 14
"""Edges in one connected part up to which the assignment is searched exactly; past it, greedily."""

Pair = tuple[int, int]


def merge_order(scores: Mapping[Pair, float], sources: Sequence[str], threshold: float) -> list[Pair]:
    """Pairs at or above `threshold`: those of a best one-to-one assignment between each two
    articles first, then the rest, each part strongest first (ties by index, for stable output)."""
    strong = {pair: p for pair, p in scores.items() if p >= threshold}
    between: dict[tuple[str, str], dict[Pair, float]] = defaultdict(dict)
    for (i, j), p in strong.items():
        between[tuple(sorted((sources[i], sources[j])))][(i, j)] = p  # type: ignore[index]
    chosen: set[Pair] = set()
    for edges in between.values():
        for part in _connected(edges):
            chosen |= _assignment(part)
    return sorted(strong, key=lambda pair: (pair not in chosen, -strong[pair], pair))


def _connected(edges: dict[Pair, float]) -> list[dict[Pair, float]]:
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        parent[root(i)] = root(j)
    parts: dict[int, dict[Pair, float]] = defaultdict(dict)
    for pair, p in edges.items():
        parts[root(pair[0])][pair] = p
    return [parts[k] for k in sorted(parts)]


def _assignment(edges: dict[Pair, float]) -> set[Pair]:
    """Edges sharing no claim with the largest total probability."""
    ordered = sorted(edges, key=lambda pair: (-edges[pair], pair))
    if len(ordered) > EXACT_LIMIT:
        used: set[int] = set()
        picked = set()
        for i, j in ordered:
            if i not in used and j not in used:
                picked.add((i, j))
                used |= {i, j}
        return picked
    best: tuple[float, frozenset[Pair]] = (0.0, frozenset())

    def search(k: int, used: frozenset[int], picked: frozenset[Pair], total: float) -> None:
        nonlocal best
        if total > best[0] + 1e-12:
            best = (total, picked)
        if k == len(ordered) or total + sum(edges[e] for e in ordered[k:]) <= best[0] + 1e-12:
            return
        i, j = ordered[k]
        if i not in used and j not in used:
            search(k + 1, used | {i, j}, picked | {(i, j)}, total + edges[(i, j)])
        search(k + 1, used, picked, total)

    search(0, frozenset(), frozenset(), 0.0)
    return set(best[1])
