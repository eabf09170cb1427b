"""The words of dates, numbers and hedges, once: extraction builds its pattern macros from them and
normalisation its tables, so a word one side knows the other side knows too (`vocabulary.toml`)."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return tomllib.loads(resources.files("factcheck").joinpath("vocabulary.toml").read_text("utf-8"))


def _months() -> dict[str, list[str]]:
    months: dict[str, list[str]] = _data()["months"]
    return months


MONTH_NAMES: tuple[str, ...] = tuple(_months())
""""january" ... "december", in calendar order."""
MONTHS: dict[str, int] = {
    spelling: number for number, (name, short) in enumerate(_months().items(), start=1) for spelling in (name, *short)
}
"""Every spelling of a month, lower case and without a full stop -> its number ("sept" -> 9)."""
WEEKDAYS: tuple[str, ...] = tuple(_data()["calendar"]["weekdays"])
UNIT_WORDS: dict[str, int] = {word: n for n, word in enumerate(_data()["numbers"]["units"], start=1)}
""""one" -> 1 ... "nineteen" -> 19."""
TENS_WORDS: dict[str, int] = {word: 10 * n for n, word in enumerate(_data()["numbers"]["tens"], start=2)}
ORDINALS: dict[str, int] = {word: n for n, word in enumerate(_data()["numbers"]["ordinals"], start=1)} | {
    "twentieth": int(_data()["numbers"]["twentieth"])
}
QUALIFIERS: dict[str, frozenset[str]] = {effect: frozenset(words) for effect, words in _data()["qualifiers"].items()}
"""Effect ("approx", "over", "at_least", "nearly", "at_most", "under") -> the qualifiers that have it."""
RELATIVE_YEARS: dict[str, int] = {words: int(n) for words, n in _data()["relative_years"].items()}
""""next" -> 1, "the previous" -> -1: years counted from the year an article was published."""
RELATIVE_YEAR = (
    "(?:" + "|".join(sorted(RELATIVE_YEARS, key=len, reverse=True)) + ") (?:fiscal |financial |calendar )?year"
)
""""next year", "the previous fiscal year": a regex (no groups) of a year named relative to publication."""
_RELATIVE_YEAR_WORDS = re.compile(
    r"\b(" + "|".join(sorted(RELATIVE_YEARS, key=len, reverse=True)) + r") (?:fiscal |financial |calendar )?year\b",
    re.I,
)


def relative_year(text: str) -> int | None:
    """How many years from publication the first relative year in `text` names ("next year" -> 1)."""
    found = _RELATIVE_YEAR_WORDS.search(text)
    return RELATIVE_YEARS[found.group(1).lower()] if found else None


def month_number(name: str) -> int:
    """ "Sept." -> 9, "september" -> 9; a KeyError for a word that is no month."""
    lowered = name.lower().rstrip(".")
    return MONTHS[lowered] if lowered in MONTHS else MONTHS[lowered[:3]]


def _capitalised(word: str) -> str:
    """ "about" -> "[Aa]bout": a capital first letter, as at the start of a sentence, and no other."""
    return f"[{word[0].upper()}{word[0]}]{re.escape(word[1:])}" if word[0].isalpha() else re.escape(word)


def pattern_macros() -> dict[str, str]:
    """Regex macros for the extraction patterns: MONTH, WEEKDAY, WORDNUM, QUALWORDS, QUALSIGNS."""
    full = "|".join(name.capitalize() for name in MONTH_NAMES)
    short = "|".join(s.capitalize() + r"\.?" for shorts in _months().values() for s in shorts)
    units = "|".join(UNIT_WORDS)
    qualifiers = [q for words in _data()["qualifiers"].values() for q in words]
    words = sorted((q for q in qualifiers if len(q) > 1), key=len, reverse=True)
    signs = "".join(q for q in qualifiers if len(q) == 1)
    return {
        "MONTH": f"(?:{full}|{short})",
        "WEEKDAY": "(?:" + "|".join(day.capitalize() for day in WEEKDAYS) + ")",
        "WORDNUM": "(?i:(?:"
        + "|".join(TENS_WORDS)
        + ")(?:[- ](?:"
        + "|".join(list(UNIT_WORDS)[:9])
        + "))?|"
        + units
        + "|a dozen|dozen)",
        "QUALWORDS": "|".join(_capitalised(q) for q in words),
        "QUALSIGNS": "[" + re.escape(signs) + "]",
    }


def month_regex() -> str:
    """Every spelling of a month, for case-insensitive matching outside the patterns."""
    spellings = sorted(MONTHS, key=len, reverse=True)
    return "(?:" + "|".join(s + (r"\.?" if s not in MONTH_NAMES else "") for s in spellings) + ")"
