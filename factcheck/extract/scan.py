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
from typing import Protocol

REACH_BEFORE = 200
"""How far before its key a match may start: a qualifier, a currency and a range end fit easily."""
REACH_AFTER = 300
"""How far past its key a match and its lookaheads may read ("... behind only A, B and C")."""
WHOLE_SCAN_SHARE = 0.6
"""Where the windows cover more of the text than this, one whole-text scan is cheaper."""


def windows(needs: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Merged (start, end) windows around every occurrence of the key, in text order."""
    out: list[tuple[int, int]] = []
    for key in needs.finditer(text):
        start, end = max(0, key.start() - REACH_BEFORE), min(len(text), key.end() + REACH_AFTER)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def scan(regex: re.Pattern[str], needs: re.Pattern[str] | None, text: str) -> Iterator[re.Match[str]]:
    """The matches of `regex` in `text`, as `regex.finditer(text)` would give them."""
    spans = windows(needs, text) if needs is not None else None
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
    """Every pattern's matches in `text`, pattern by pattern, each in text order."""
    return [(pattern.id, found.start(), found.end(), tuple((k, v) for k, v in found.groupdict().items() if v))
            for pattern in patterns for found in scan(pattern.regex, pattern.needs, text)]
