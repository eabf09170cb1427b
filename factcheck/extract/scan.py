"""Running a value pattern only where it can match, with the hits `finditer` over the whole text gives.

A pattern that opens with optional qualifiers ("about", "more than" ...) is tried at every position
of the text, which makes a whole-text scan slow (under 0.1 MB/s for all patterns). Every pattern
declares in patterns.toml what each of its matches contains (`needs`: a digit, a key word), so the
scan skips a pattern whose key is absent from the text and otherwise runs it only in windows around
each occurrence of the key. Lookbehinds still see the text before a window (`pos` does not cut the
string); a window reaches far enough past its key for any lookahead the patterns use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Protocol

REACH_BEFORE = 200
"""How far before its key a match may start: a qualifier, a currency and a range end fit easily."""
REACH_AFTER = 300
"""How far past its key a match and its lookaheads may read ("... behind only A, B and C")."""
WHOLE_SCAN_SHARE = 0.6
"""Where the windows cover more of the text than this, one whole-text scan is cheaper."""


def windows(needs: re.Pattern[str], text: str, lowered: str | None = None) -> list[tuple[int, int]]:
    """Merged (start, end) windows around every occurrence of the key, in text order. Keys that are
    plain words are found with `str.find` in the lower-cased text (`lowered`, when offsets agree)."""
    words = _literal_words(needs.pattern)
    if lowered is None:
        lowered = text.lower()
    if words is not None and len(lowered) == len(text):
        keys = sorted((at, at + len(word)) for word in words for at in _occurrences(lowered, word))
    else:
        keys = [key.span() for key in _runs(needs.pattern, needs.flags).finditer(text)]
    out: list[tuple[int, int]] = []
    for key_start, key_end in keys:
        start, end = key_start - REACH_BEFORE, key_end + REACH_AFTER
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((max(0, start), end))
    if out:
        out[-1] = (out[-1][0], min(len(text), out[-1][1]))
    return out


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at != -1:
        yield at
        at = text.find(word, at + 1)


@lru_cache(maxsize=256)
def _literal_words(needs: str) -> tuple[str, ...] | None:
    """The words of a key made only of alternative plain words ("cancel|scrapped"), else None."""
    words = needs.split("|")
    if all(re.fullmatch(r"[a-z %]+", word, re.IGNORECASE) for word in words):
        return tuple(word.lower() for word in words)
    return None


@lru_cache(maxsize=256)
def _runs(needs: str, flags: int) -> re.Pattern[str]:
    """Adjacent keys ("2024") give one window: one match per run, not per character."""
    return re.compile(f"(?:{needs})+", flags)


def scan(regex: re.Pattern[str], needs: re.Pattern[str] | None, text: str) -> Iterator[re.Match[str]]:
    """The matches of `regex` in `text`, as `regex.finditer(text)` would give them."""
    return _in_windows(regex, windows(needs, text) if needs is not None else None, text)


def _in_windows(regex: re.Pattern[str], spans: list[tuple[int, int]] | None, text: str) -> Iterator[re.Match[str]]:
    if spans is None or sum(end - start for start, end in spans) > WHOLE_SCAN_SHARE * len(text):
        yield from regex.finditer(text)
        return
    reached = 0
    for start, end in spans:
        for found in regex.finditer(text, max(start, reached), end):
            reached = found.end()
            yield found


class Scanned(Protocol):
    id: str
    regex: re.Pattern[str]
    needs: re.Pattern[str] | None


Hit = tuple[str, int, int, tuple[tuple[str, str], ...]]
"""(pattern id, start, end, the named pieces that matched): plain data, so it can go on a Doc."""


def find_hits(patterns: Iterable[Scanned], text: str) -> list[Hit]:
    """Every pattern's matches in `text`, pattern by pattern, each in text order. Patterns with the
    same key (a digit, most of them) share its windows."""
    shared: dict[str, list[tuple[int, int]]] = {}
    lowered = text.lower()
    hits: list[Hit] = []
    for pattern in patterns:
        spans = None
        if pattern.needs is not None:
            key = pattern.needs.pattern
            if key not in shared:
                shared[key] = windows(pattern.needs, text, lowered)
            spans = shared[key]
        hits.extend(
            (pattern.id, found.start(), found.end(), tuple((k, v) for k, v in found.groupdict().items() if v))
            for found in _in_windows(pattern.regex, spans, text)
        )
    return hits
