"""Which articles tell one story: a folder may hold several unrelated stories (an analyst's daily
drop), and claims of two stories must never be compared.

Each article becomes a rarity-weighted bag of its names (capitalised runs not opening a sentence,
counted double) and content words; articles are joined by average-link clustering on the cosine
of those bags, so one shared generic word cannot chain two stories together. Measured on nine
stories mixed in one folder: all nine separated at 0.10-0.12 and none of them split when alone.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

import numpy as np

STORY_SIMILARITY = 0.11
"""Mean cosine between two groups of articles above which they are one story."""
NAME_WEIGHT = 2.0
"""A name weighs this many times a content word: names identify a story best."""
FEW_ARTICLES = 2
"""With this many articles or fewer, the folder is taken as one story."""
WORDS_PER_PRODUCT = 2048
"""Vocabulary columns per matrix product: 5,000 articles then hold 80 MB of word weights at a time."""

_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][\w&'’-]+(?:\s+[A-Z][\w&'’-]+)*", re.M)
_WORD = re.compile(r"\b[a-z][a-z-]{3,}\b")


def _bag(text: str) -> Counter[str]:
    bag = Counter(_WORD.findall(text))
    bag.update("@" + m.group(0).lower() for m in _NAME.finditer(text))
    return bag


def find_stories(texts: Mapping[str, str]) -> dict[str, str]:
    """Source id -> story label: a slug of the name its articles share most ("harbor-bridge"),
    stories in order of their first source id; "st-1" when the folder holds one story."""
    sources = sorted(texts)
    if len(sources) <= FEW_ARTICLES:
        return {s: "st-1" for s in sources}
    bags = {s: _bag(texts[s]) for s in sources}
    spread = Counter(w for bag in bags.values() for w in bag)
    rarity = {w: math.log((1 + len(sources)) / (1 + n)) + 1.0 for w, n in spread.items()}
    clusters = [[sources[i] for i in cluster] for cluster in _average_link([bags[s] for s in sources], rarity)]
    clusters.sort(key=lambda c: c[0])
    if len(clusters) == 1:
        return {s: "st-1" for s in sources}
    labels: list[str] = []
    for n, cluster in enumerate(clusters, 1):
        label = _name_of(cluster, bags, rarity) or f"st-{n}"
        labels.append(label if label not in labels else f"{label}-{n}")
    return {s: label for label, cluster in zip(labels, clusters) for s in cluster}


def _cosines(bags: list[Counter[str]], rarity: Mapping[str, float]) -> np.ndarray:
    """Cosine of every pair of bags as a matrix, computed once per distinct bag (copies of an
    article share one row) over the words at least two articles use."""
    distinct: dict[tuple, int] = {}
    row_of = [distinct.setdefault(tuple(sorted(bag.items())), len(distinct)) for bag in bags]
    unique = [dict(items) for items in distinct]
    vectors = [
        {w: (1 + math.log(c)) * rarity[w] * (NAME_WEIGHT if w[0] == "@" else 1.0) for w, c in bag.items()}
        for bag in unique
    ]
    norms = np.array([math.sqrt(sum(x * x for x in v.values())) or 1.0 for v in vectors])
    copies = Counter(row_of)
    shared: Counter[str] = Counter()  # articles using each word: copies of one article share all of theirs
    for row, vector in enumerate(vectors):
        for w in vector:
            shared[w] += copies[row]
    column = {w: n for n, w in enumerate(sorted(w for w, k in shared.items() if k > 1))}
    entries = [(row, column[w], x) for row, vector in enumerate(vectors) for w, x in vector.items() if w in column]
    rows, columns, weights = (np.array(part) for part in zip(*entries)) if entries else (np.zeros(0, int),) * 3
    dots = np.zeros((len(vectors), len(vectors)))
    for first in range(0, len(column), WORDS_PER_PRODUCT):  # a slice of the vocabulary at a time bounds memory
        inside = (columns >= first) & (columns < first + WORDS_PER_PRODUCT)
        matrix = np.zeros((len(vectors), min(WORDS_PER_PRODUCT, len(column) - first)))
        matrix[rows[inside], columns[inside] - first] = weights[inside]
        dots += matrix @ matrix.T
    cosine = dots / np.outer(norms, norms)
    return cosine[np.ix_(row_of, row_of)]


def _average_link(bags: list[Counter[str]], rarity: Mapping[str, float]) -> list[list[int]]:
    """Average-link clusters of the articles (by position), closest pair of clusters first, down to
    STORY_SIMILARITY. Sums of cosines between clusters are kept and added on a merge, so a step
    costs one pass over the cluster pairs rather than over all article pairs."""
    count = len(bags)
    sums = _cosines(bags, rarity)
    sums = np.triu(sums) + np.triu(sums, 1).T  # exactly symmetric, so either half reads the same
    sizes = np.ones(count)
    alive = np.ones(count, dtype=bool)
    members = {n: [n] for n in range(count)}
    means = np.where(np.triu(alive[:, None] & alive[None, :], k=1), sums, -np.inf)
    while len(members) > 1:
        i, j = divmod(int(np.argmax(means)), count)
        if means[i, j] < STORY_SIMILARITY:
            break
        sums[i, :] += sums[j, :]
        sums[:, i] += sums[:, j]
        sizes[i] += sizes[j]
        alive[j] = False
        means[j, :] = means[:, j] = -np.inf
        row = np.where(alive, sums[i, :] / (sizes[i] * sizes), -np.inf)
        means[i, i + 1 :] = row[i + 1 :]
        means[:i, i] = row[:i]
        members[i] = sorted(members[i] + members.pop(j))
    return list(members.values())


def _name_of(cluster: list[str], bags: Mapping[str, Counter[str]], rarity: Mapping[str, float]) -> str:
    """The name the story's articles use most widely, weighted by how rare it is in the folder (so
    "Corp", found in several stories, does not name one), as a slug."""
    spread: Counter[str] = Counter()
    uses: Counter[str] = Counter()
    for source in cluster:
        for word, count in bags[source].items():
            if word[0] == "@" and len(word) > 3:
                spread[word] += 1
                uses[word] += count
    if not spread:
        return ""
    best = min(spread, key=lambda w: (-spread[w] * rarity[w], -uses[w], w))
    return re.sub(r"[^a-z0-9]+", "-", best[1:]).strip("-")
