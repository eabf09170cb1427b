"""Running a value pattern only where it can match, with the hits `finditer` over the whole text gives.

A pattern that opens with optional qualifiers ("about", "more than" ...) is tried at every position
of the text, which makes a whole-text scan slow (under 0.1 MB/s for all patterns). Every pattern
declares in patterns.toml what each of its matches contains (`needs`: a digit, a key word), so the
scan skips a pattern whose key is absent from the text and otherwise runs it only in windows around
each occurrence of the key. Lookbehinds still see the text before a window (`pos` does not cut the
string); a window reaches far enough past its key for any lookahead the patterns use. A key given
as a regex ("(?:is|was) still closed") is first reduced to the plain words one of which each of its
matches contains (`required_words`): where none is in the text, the pattern is skipped after a
`str` search instead of a regex pass.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, Protocol

REACH_BEFORE = 200
"""How far before its key a match may start: a qualifier, a currency and a range end fit easily."""
REACH_AFTER = 300
"""How far past its key a match and its lookaheads may read ("... behind only A, B and C")."""
WHOLE_SCAN_SHARE = 0.6
"""Where the windows cover more of the text than this, one whole-text scan is cheaper."""
SHORTEST_REQUIRED_WORD = 3
"""Required words shorter than this ("is", "a") are in nearly every text: no use as a filter."""
_CASE_ODDITIES = re.compile("[\u0131\u017f]")
"""Dotless i and long s: case-insensitive matching takes them for "i" and "s", `str.lower` does not."""


def windows(needs: re.Pattern[str], text: str, lowered: str | None = None) -> list[tuple[int, int]]:
    """Merged (start, end) windows around every occurrence of the key, in text order. Keys that are
    plain words are found with `str.find` in the lower-cased text (`lowered`, when offsets agree)."""
    words = _literal_words(needs.pattern)
    if lowered is None:
        lowered = text.lower()
    comparable = len(lowered) == len(text) and not _CASE_ODDITIES.search(lowered)
    if words is not None and comparable:
        keys = sorted((at, at + len(word)) for word in words for at in _occurrences(lowered, word))
    else:
        required = required_words(needs.pattern, needs.flags)
        if required and comparable and not any(word in lowered for word in required):
            return []
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
def required_words(needs: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lower-cased plain words one of which every match of `needs` contains ("closed" for
    "(?:is|was) (?:still )?closed", "is|are|was" for "(?:is|are|was) over"), the longest such
    choice; None when the regex promises no word of SHORTEST_REQUIRED_WORD letters."""
    try:
        parsed = sre_parse.parse(needs, flags)
    except (re.error, RecursionError):
        return None
    found = _required(list(parsed))
    if not found or min(map(len, found)) < SHORTEST_REQUIRED_WORD:
        return None
    return tuple(sorted(found))


def _required(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Best set of words for a sequence of parsed regex items: its longest run of literal characters,
    or the best set one of its items must contain."""
    choices: list[set[str]] = []
    run = ""
    for op, value in items:
        char = _literal(op, value)
        if char is not None:
            run += char
            continue
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the literal run goes on across it
        if run:
            choices.append({run})
        run = ""
        inner = _item_required(op, value)
        if inner:
            choices.append(inner)
    if run:
        choices.append({run})
    return max(choices, key=lambda words: (min(map(len, words)), -len(words)), default=None)


def _item_required(op: Any, value: Any) -> set[str] | None:
    if op is sre.SUBPATTERN:
        return _required(list(value[3]))
    if op is sre.ATOMIC_GROUP:
        return _required(list(value))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and value[0] >= 1:
        return _required(list(value[2]))
    if op is sre.BRANCH:
        branches = [_required(list(branch)) for branch in value[1]]
        if all(branches):
            return set().union(*branches)  # type: ignore[arg-type]
    return None


def _literal(op: Any, value: Any) -> str | None:
    """The lower-cased ASCII character an item always matches ("k", "[Kk]"), else None."""
    if op is sre.LITERAL:
        chars = {chr(value).lower()}
    elif op is sre.IN and value and all(kind is sre.LITERAL for kind, _ in value):
        chars = {chr(code).lower() for _, code in value}
    else:
        return None
    char = chars.pop()
    return char if not chars and char.isascii() else None


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
    @property
    def id(self) -> str: ...
    @property
    def regex(self) -> re.Pattern[str]: ...
    @property
    def needs(self) -> re.Pattern[str] | None: ...


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
