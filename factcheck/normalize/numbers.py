"""Numbers as newsrooms write them -> (value, half-width of the stated precision).

"2.4B" is 2.4e9 stated to 0.1e9, so it stands for [2.35e9, 2.45e9); "a dozen" is 12 exactly.
Precision is what lets "$2 billion" agree with "$2.4 billion" while "$840 million" and
"$0.9 billion" stay apart.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
}
SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mm": 1e6,
    "mil": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trillion": 1e12,
    "hundred": 1e2,
    "dozen": 12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "lakh crore": 1e12,
    "lakh crores": 1e12,  # Indian
}
# "hundreds of thousands" covers [1e5, 1e6): the magnitude phrase is a range, not a point.
VAGUE = {
    "dozens": (24, 144),
    "hundreds": (100, 1000),
    "thousands": (1e3, 1e6),
    "millions": (1e6, 1e9),
    "billions": (1e9, 1e12),
    "trillions": (1e12, 1e15),
    "tens of thousands": (1e4, 1e5),
    "hundreds of thousands": (1e5, 1e6),
    "tens of millions": (1e7, 1e8),
    "hundreds of millions": (1e8, 1e9),
    "tens of billions": (1e10, 1e11),
    "hundreds of billions": (1e11, 1e12),
    "a handful": (2, 6),
    "a few": (2, 6),
    "several": (3, 10),
}


def word_number(text: str) -> float | None:
    """'twenty-four' -> 24, 'one and a half' -> 1.5, 'a dozen' -> 12; None when not a number word."""
    words = re.sub(r"[-\u2010-\u2013]", " ", text.lower()).split()
    if not words:
        return None
    if "half" in words and len(words) >= 4:
        at = words.index("half")
        if words[at - 2 : at] == ["and", "a"]:
            base = word_number(" ".join(words[: at - 2]))
            scale = words[at + 1 :]
            factor = SCALES.get(scale[0], None) if len(scale) == 1 else 1 if not scale else None
            if base is None or factor is None:
                return None
            return (base + 0.5) * factor
    if words == ["a", "dozen"] or words == ["dozen"]:
        return 12
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in ("thousand", "million", "billion", "trillion"):
            total += (current or 1) * SCALES[word]
            current = 0
        elif word == "and":
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> tuple[float, float] | None:
    """A figure as written -> (value, half unit of the last stated digit).

    Digits: "2.96" -> (2.96, 0.005); "691,000" -> (691000, 500) since whole groups of zeros read
    as rounding to thousands, while "1,250" is stated to the unit; "29" -> (29, 0.5).
    Words: exact (half-width 0).
    """
    raw = text.strip().replace("\u2009", "").replace("\u00a0", "")
    match = re.fullmatch(r"(\d{1,2}(?:,\d\d)+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?", raw)  # Indian "1,20,000" too
    if match:
        whole, decimals = match.group(1), match.group(2) or ""
        value = float(whole.replace(",", "") + ("." + decimals if decimals else ""))
        if decimals:
            half = 0.5 * 10 ** -len(decimals)
        elif whole.endswith(",000"):
            zero_groups = len(re.search(r"(?:,000)+$", whole).group(0)) // 4
            half = 0.5 * 1000**zero_groups
        else:
            half = 0.5
        return value, half
    word = word_number(raw)
    if word is not None:
        return word, 0.0
    return None


def scale_of(text: str | None) -> float:
    """Multiplier for a scale word or suffix ('B', 'bn', 'million'); 1 when absent."""
    if not text:
        return 1.0
    return SCALES.get(text.strip().lower().rstrip("."), 1.0)


def ordinal_value(text: str) -> int | None:
    """'fourth' -> 4, '4th' -> 4, 'No. 2' handled by callers as plain digits."""
    lowered = text.lower().strip()
    if lowered in ORDINALS:
        return ORDINALS[lowered]
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", lowered)
    return int(match.group(1)) if match else None
