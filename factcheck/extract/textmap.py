"""What the language model reads, and the way back to the article's own offsets.

Invisible characters inside a number ("$1<ZWSP>4.3 billion", "1,<LRM>200") split it for every
pattern and for the tokenizer, so format characters (Unicode category Cf: zero-width spaces and
joiners, direction marks, BOMs, soft hyphens) are removed before anything reads the text. Runs of
punctuation or symbols far longer than prose ever has are cut short, since the tokenizer is
quadratic on them. Thin and narrow no-break spaces become plain spaces, or a comma where they group
thousands ("1<THIN>200" is 1,200). Every change is recorded so that a span found in the clean text
maps back to the untouched article: `source.text[start:end]` stays the claim's exact surface.

Long articles are cut into paragraph chunks below the model's length limit, each with its offset.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

SPACE_LIKE = "\u2009\u202f\u2007\u200a\u00a0"
"""Thin, narrow no-break, figure, hair and no-break spaces: read as spaces (or digit grouping)."""
LONGEST_SYMBOL_RUN = 200
"""Runs of punctuation/symbols longer than this are cut to KEPT_OF_RUN characters."""
KEPT_OF_RUN = 16
CHUNK_CHARS = 50_000
"""Articles longer than this are analysed in paragraph chunks: spaCy holds about 3.5 kB per character
of a Doc being parsed, so this bounds memory (its own hard limit is 1,000,000 characters)."""

_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{LONGEST_SYMBOL_RUN + 1},}}")
_GROUPING_SPACE = re.compile(f"(?<=\\d)[{SPACE_LIKE}](?=\\d{{3}}(?!\\d))")
_SPACES = str.maketrans({ch: " " for ch in SPACE_LIKE})


@dataclass(frozen=True)
class CleanText:
    """The text the model reads, and where each of its characters came from."""

    text: str
    cut_at: tuple[int, ...] = ()
    """Positions in `text` at which characters of the original were removed, ascending."""
    removed_before: tuple[int, ...] = ()
    """How many original characters were removed before each `cut_at` position (cumulative)."""

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the clean span [start, end)."""
        if not self.cut_at:
            return start, end
        if end <= start:
            return self._shift(start), self._shift(start)
        return self._shift(start), self._shift(end - 1) + 1

    def _shift(self, position: int) -> int:
        index = bisect.bisect_right(self.cut_at, position) - 1
        return position + (self.removed_before[index] if index >= 0 else 0)


@lru_cache(maxsize=1)
def _format_characters() -> re.Pattern[str]:
    """Every Cf character of the Basic Multilingual Plane and the tag block (the others are
    ancient-script controls no news text holds)."""
    code_points = [*range(0x10000), *range(0xE0000, 0xE0080)]
    found = "".join(chr(c) for c in code_points if unicodedata.category(chr(c)) == "Cf")
    return re.compile(f"[{re.escape(found)}]+")


def clean(text: str) -> CleanText:
    """Remove format characters, cut symbol runs, normalise odd spaces; record every removal."""
    text = _GROUPING_SPACE.sub(",", text).translate(_SPACES)
    removals: list[tuple[int, int]] = [(m.start(), m.end()) for m in _format_characters().finditer(text)]
    removals += [(m.start() + KEPT_OF_RUN, m.end()) for m in _SYMBOL_RUN.finditer(text)]
    if not removals:
        return CleanText(text)
    removals = _merged(sorted(removals))
    pieces, cut_at, removed_before = [], [], []
    kept_until, removed = 0, 0
    for start, end in removals:
        pieces.append(text[kept_until:start])
        removed += end - start
        cut_at.append(start - (removed - (end - start)))
        removed_before.append(removed)
        kept_until = end
    pieces.append(text[kept_until:])
    return CleanText("".join(pieces), tuple(cut_at), tuple(removed_before))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering `text`, each at most `limit` long, cut at paragraph breaks,
    else at line or sentence ends, else where the limit falls."""
    if len(text) <= limit:
        return [(0, text)]
    out = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            window = text[start:end]
            for breaker in ("\n\n", "\n", ". ", " "):
                at = window.rfind(breaker, limit // 2)
                if at != -1:
                    end = start + at + len(breaker)
                    break
        out.append((start, text[start:end]))
        start = end
    return out
