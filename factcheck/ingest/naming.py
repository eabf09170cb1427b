"""What an editor calls an article: its headline, and a short label naming who published it.

Pages open with furniture before the headline: the site's name, a section ("Opinion"), a
breadcrumb ("World · Asia"), a photo credit ("Jane Doe | Agency"). A headline is told apart by its
shape alone: several words, no sentence inside it, no separators between one-word segments. Plain
text copied from the web often starts with `# source: URL` / `# title: ...` lines; they are read as
metadata, and a URL's slug (made from the headline by most publishing systems) vetoes a line that
shares none of its words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath
from urllib.parse import urlsplit

LABEL_WIDTH = 32
"""Longest label: it must fit in a table column beside the values."""

MIN_HEADLINE_WORDS = 3
"""Fewer words read as a site, section or tag ("Quick Reads", "Almanac")."""
SHORT_HEADLINE_WORDS = 3
"""A headline this short needs a word in lower case that is not a small joining word ("Fed holds
rates"): in Title Case ("Table of Contents", "Science And Tech") it reads as a section name."""
JOINING_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"})
MAX_HEADLINE_WORDS = 25
HEADLINE_LOOKAHEAD = 6
"""Non-empty lines at the top of an article searched for a headline."""

UNKNOWN_VALUES = frozenset({"", "unknown", "none", "n/a", "null", "-"})
"""Metadata values that say "not known" rather than give one."""

HEADER_KEYS = frozenset(
    {"source", "url", "canonical", "title", "headline", "published", "date", "outlet", "site", "author", "byline"}
)
"""Keys of `# key: value` lines read as metadata at the top of a plain-text article."""

_HEADER_LINE = re.compile(r"#\s*(?P<key>[a-z_-]+)\s*:\s*(?P<value>.*?)\s*$", re.I)
_SEPARATORS = re.compile(r"\s[|·•»›/]\s|\s[|·•»›]$|^[|·•»›]\s")
_SENTENCE_INSIDE = re.compile(r"(?<=[a-z0-9]{2})[.!?]\s+[A-Z\"“‘']")  # "U.S. Stocks" is no sentence end
_WORD = re.compile(r"\w[\w'’.-]*")
_SLUG_WORDS = re.compile(r"[a-z]{3,}")
_DATELINE_START = re.compile(r"(published|updated|posted|date|by)\b", re.I)


def header_metadata(text: str) -> dict[str, str]:
    """`# key: value` lines at the very top of a plain-text article (known keys only); values that
    say "unknown" are left out."""
    meta: dict[str, str] = {}
    for line in text.lstrip("\ufeff").splitlines():
        match = _HEADER_LINE.match(line.strip())
        if not line.strip() and not meta:
            continue
        if match is None or match["key"].lower() not in HEADER_KEYS:
            break
        if match["value"].strip().lower() not in UNKNOWN_VALUES:
            meta.setdefault(match["key"].lower(), match["value"].strip())
    return meta


def known(value: str | None) -> str | None:
    """A metadata value, or None when it is missing or says "unknown"."""
    if value is None or value.strip().lower() in UNKNOWN_VALUES:
        return None
    return value.strip()


def is_headline(line: str) -> bool:
    """Shaped like a headline: enough words, not a sentence (nor two), not a label or breadcrumb,
    not a dateline or a `key: value` line."""
    words = [w for w in _WORD.findall(line) if any(ch.isalpha() for ch in w)]
    if not MIN_HEADLINE_WORDS <= len(words) <= MAX_HEADLINE_WORDS:
        return False
    if len(words) <= SHORT_HEADLINE_WORDS and not any(w.islower() and w not in JOINING_WORDS for w in words):
        return False
    if line.endswith((".", ":", ";", ",", "|")) or _SENTENCE_INSIDE.search(line) or _SEPARATORS.search(line):
        return False
    if _HEADER_LINE.match(line) or _DATELINE_START.match(line) or "://" in line:
        return False
    return True


def guess_title(text: str, url: str | None = None) -> str | None:
    """The first heading or headline-shaped line among the first lines of the article; None when
    there is none. With a URL whose slug has words, the headline must share one of them."""
    slug = _slug_words(url)
    lines = [line.strip() for line in text.splitlines() if line.strip() and not _HEADER_LINE.match(line.strip())]
    for line in lines[:HEADLINE_LOOKAHEAD]:
        if _is_prose(line):
            return None  # the body has begun: a later heading is a section's, not the article's
        candidate = line.lstrip("#").strip() if line.startswith("#") else line
        if not is_headline(candidate):
            continue
        if slug and not slug & {w.lower() for w in _SLUG_WORDS.findall(candidate.lower())}:
            continue
        return candidate
    return None


def _is_prose(line: str) -> bool:
    """A paragraph of the body: many words, or a sentence of eight words or more."""
    words = len(line.split())
    return words > MAX_HEADLINE_WORDS or (words >= 8 and line.rstrip("\"”’')").endswith((".", "!", "?")))


def _slug_words(url: str | None) -> set[str]:
    """Words of a URL's path (its slug), when it has at least three; else nothing to check."""
    if not url:
        return set()
    words = set(_SLUG_WORDS.findall(urlsplit(url).path.lower()))
    return words if len(words) >= 3 else set()


def domain(url: str | None) -> str | None:
    """The site of a URL, without "www." ("https://www.example.com/a" -> "example.com")."""
    if not url or "://" not in url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    host = re.sub(r"^(www\d?|amp|m)\.", "", host)
    return host or None


def shorten(text: str, width: int = LABEL_WIDTH) -> str:
    """At most `width` characters, cut at a word boundary with "…"."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,:;—-·|") + "…"


def source_label(site: str | None, url: str | None, title: str | None, path: str) -> str:
    """The outlet (site name or the URL's domain), else a short form of the headline, else the
    file name without its extension."""
    for choice in (known(site), domain(url), known(title)):
        if choice:
            return shorten(choice)
    return shorten(PurePath(path).stem) or "article"


def unique_labels(labels: Sequence[str]) -> list[str]:
    """The labels in order, numbered where two are alike ("example.com", "example.com (2)"),
    each still within LABEL_WIDTH."""
    out: list[str] = []
    taken: set[str] = set()
    for label in labels:
        label = shorten(label)
        chosen, number = label, 1
        while chosen.casefold() in taken:
            number += 1
            suffix = f" ({number})"
            chosen = shorten(label, LABEL_WIDTH - len(suffix)) + suffix
        taken.add(chosen.casefold())
        out.append(chosen)
    return out
