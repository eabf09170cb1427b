"""Words as the matcher compares them: one term per class of interchangeable news words, else the
word's Snowball stem.

Outlets name one quantity differently ("the toll", "86 lives"; "the budget", "the cost";
"injuries", "injured"), and an exact-word overlap misses it. Lemmas join inflections only; the stem
joins derivations ("landing"/"land"), and `terms.toml` joins the words that share no stem.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources

import snowballstemmer

__all__ = ["term", "terms"]


@cache
def _classes() -> dict[str, str]:
    data = tomllib.loads(resources.files("factcheck.group").joinpath("terms.toml").read_text("utf-8"))
    out: dict[str, str] = {}
    for name, words in data.items():
        for word in words:
            out[word.lower()] = f"={name}"
    return out


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def term(word: str) -> str:
    """ "injuries" -> "=injured"; "landing" -> "=landing"; "reactor" -> "reactor"."""
    word = word.lower()
    known = _classes().get(word)
    if known is not None:
        return known
    stem = _stemmer().stemWord(word)
    return _classes().get(stem, stem)


def terms(words: Iterable[str]) -> frozenset[str]:
    """The terms of a phrase or word set; a multi-word attribute ("stock rise") gives each word's."""
    return frozenset(term(w) for phrase in words for w in phrase.split() if w)
