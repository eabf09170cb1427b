"""The part of an article worth parsing: sentences that hold a value, with the context they need.

Most sentences of a news article state no figure, date, status or role, and parsing them is most of
the cost of a run. A sentence is a candidate when a value pattern (patterns.toml, found by the same
scan as the value finder) matches in it. The model then reads the candidates plus, for each, the
sentence before (pronouns and the tagger's window reach back) and the one after (the window reaches
forward), the opening lines (the headline and lede name the story's main entities), and any earlier
sentence that gives in full a name a kept sentence shortens. An article with a table is read whole.
The pieces are joined by a paragraph break, and `Excerpt.span` maps every offset back to the text it
came from. The patterns' hits found here travel with the excerpt, so the value finder does not scan
the text a second time. tests/test_candidates.py checks that every corpus yields the very mentions
of a full parse; where one did not, the context was widened until it did.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from factcheck.extract.component import load_patterns
from factcheck.extract.scan import Hit, find_hits
from factcheck.extract.tables import read_tables

CONTEXT_BEFORE = 1
"""Sentences kept before each candidate."""
CONTEXT_AFTER = 1
"""Sentences kept after each candidate."""
OPENING_LINES = 2
"""Non-empty lines kept from the top: the headline and the first paragraph."""
SEPARATOR = "\n\n"
"""What joins two pieces: a paragraph break, so no pattern and no sentence runs across the gap."""

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*[ \t]+(?=[\"“‘(\[]?[A-Z0-9])|\n+")


@dataclass(frozen=True)
class Excerpt:
    """The text the model reads, made of pieces of a longer text, and where each piece came from."""

    text: str
    starts: tuple[int, ...] = (0,)
    """Where each piece starts in `text`."""
    origins: tuple[int, ...] = (0,)
    """Where each piece starts in the full text."""
    hits: tuple[Hit, ...] | None = None
    """The value patterns' hits, at their offsets in `text`; None when not looked for."""

    def full(self, position: int) -> int:
        """The offset in the full text of a position in `text`."""
        index = max(0, bisect.bisect_right(self.starts, position) - 1)
        return self.origins[index] + position - self.starts[index]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The full-text offsets of the span [start, end) of `text`."""
        if end <= start:
            return self.full(start), self.full(start)
        return self.full(start), self.full(end - 1) + 1


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, cut cheaply at line breaks and at a full stop before a capital;
    the spans cover the text, each with the whitespace after it."""
    spans, start = [], 0
    for cut in _SENTENCE_END.finditer(text):
        if cut.end() > start:
            spans.append((start, cut.end()))
            start = cut.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


_NAME_RUN = re.compile(r"\b(?:[A-Z][\w.&'’-]*\s+){1,3}([A-Z][\w&-]*)")
_CAPITALISED = re.compile(r"\b[A-Z][\w&-]*")


def _keep_full_names(text: str, spans: list[tuple[int, int]], keep: list[bool]) -> None:
    """Keep each earlier sentence that gives in full a name a kept sentence shortens: "Lindqvist" is
    resolved to "Maria Lindqvist" only if the parse has seen "Maria Lindqvist"."""
    seen: set[str] = set()
    for index in range(len(spans) - 1, -1, -1):
        start, end = spans[index]
        if keep[index]:
            seen.update(_CAPITALISED.findall(text, start, end))
        elif any(run.group(1) in seen for run in _NAME_RUN.finditer(text, start, end)):
            keep[index] = True


def excerpt(
    text: str, before: int = CONTEXT_BEFORE, after: int = CONTEXT_AFTER, opening_lines: int = OPENING_LINES
) -> Excerpt:
    """The candidate sentences of `text` with their context, or the whole text when that is all.
    A text with a table is read whole: a table's header gives its cells their meaning."""
    spans = sentences(text)
    hits = find_hits(load_patterns(), text)
    tables = read_tables(text)
    if not spans or tables.cells or tables.unreadable:
        return Excerpt(text, hits=tuple(hits))
    keep = [False] * len(spans)
    lines = 0
    for index, (start, end) in enumerate(spans):
        if lines >= opening_lines:
            break
        keep[index] = True
        if "\n" in text[start:end] and text[start:end].strip():
            lines += 1
    ends = [end for _, end in spans]
    for first, last in sorted({(start, max(start, end - 1)) for _, start, end, _ in hits}):
        index, stop = bisect.bisect_right(ends, first), bisect.bisect_right(ends, last)
        # a hit that runs over a line break ("$0\n-\n0") keeps every sentence it touches
        for near in range(max(0, index - before), min(len(spans), stop + after + 1)):
            keep[near] = True
    _keep_full_names(text, spans, keep)
    if all(keep):
        return Excerpt(text, hits=tuple(hits))
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    length = 0
    index = 0
    while index < len(spans):
        if not keep[index]:
            index += 1
            continue
        first = index
        while index < len(spans) and keep[index]:
            index += 1
        start, end = spans[first][0], spans[index - 1][1]
        if pieces:
            pieces.append(SEPARATOR)
            length += len(SEPARATOR)
        starts.append(length)
        origins.append(start)
        pieces.append(text[start:end])
        length += end - start
    moved = tuple((pattern, *_moved(origins, starts, start, end), parts) for pattern, start, end, parts in hits)
    return Excerpt("".join(pieces), tuple(starts), tuple(origins), moved)


def _moved(origins: list[int], starts: list[int], start: int, end: int) -> tuple[int, int]:
    """A hit's offsets in the excerpt: every hit lies inside a kept piece, with a sentence around it."""
    index = bisect.bisect_right(origins, start) - 1
    return starts[index] + start - origins[index], starts[index] + end - origins[index]
