"""Checks and tidying for measurements, clock times and dates without a year.

Kept apart from component.py, which runs the patterns: these decide whether "75m" is a length,
whether "38C" is a temperature, which tense a "on Thursday" is told in, which day a clock time
falls on, and that "30 km (19 miles)" is one claim said twice.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol

from spacy.tokens import Doc

from factcheck.extract.surface import after_name, glued, text_of

Accepted = tuple[int, int, dict[str, str]]
"""What a check returns for a match it accepts: the (possibly wider) span and pieces to add."""


class Located(Protocol):
    start: int
    end: int
    kind: str
    parts: tuple[tuple[str, str], ...]


_TEMPERATURE_WORDS = re.compile(
    r"\b(?:temperatures?|heat\w*|degrees?|hot(?:test)?|cold(?:est)?|warm\w*|cool\w*|weather|forecast\w*|highs?|lows?|"
    r"mercury|freez\w*|thermometers?|sizzl\w*|swelter\w*|celsius|fahrenheit|fever|climate|scorch\w*)\b",
    re.I,
)
_COUNTED_AFTER_M = re.compile(r"\s+(?:[a-z]+s|people|children|men|women|staff|aid)\b")
_NETWORK_AFTER_G = re.compile(
    r"\s*(?:network|phone|mobile|technology|service|connectivity|coverage|spectrum|rollout)", re.I
)
_RATIO_AFTER = re.compile(r"\s*(?:scale|ratio|odds|split|majority|margin|aspect)\b", re.I)
_RATIO_BEFORE = re.compile(r"\b(?:ratio|odds|score|scores|scored|won|lost|beat|drew)\s+(?:of\s+)?$", re.I)
_FUTURE = re.compile(
    r"\b(?:will|shall|won[’']t|(?:is|are|was|were)\s+(?:due|set|scheduled|expected|slated|poised|planned)|"
    r"set\s+(?:for|to)|scheduled|due\s+to|plans?\s+to|planning\s+to|going\s+to|expected\s+to|"
    r"slated|aims?\s+to|upcoming|next)\b",
    re.I,
)
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "’ll"}


def check_measurement(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    """A number and a unit: not a name ("F-35", "Route 66"), not a count ("4m people")."""
    text = text_of(doc)
    number_at = text.find(parts.get("num", ""), start, end)
    at = number_at if number_at >= 0 else start
    if glued(text, at) and text[at - 1] not in "-−" or glued(text, start):
        return None
    if not parts.get("qual") and after_name(text, start):
        return None
    unit = parts.get("unit", "")
    after = text[end : end + 24]
    if unit == "m" and (_COUNTED_AFTER_M.match(after) or parts.get("scale")):
        return None  # "4m people": millions, not metres
    if unit == "g" and _NETWORK_AFTER_G.match(after):
        return None
    if unit.lower().startswith("pound") and (parts.get("scale") or re.match(r"\s+sterling", after)):
        return None  # "2 million pounds" is money
    if re.fullmatch(r"[CF]", unit):
        sentence = _sentence_text(doc, start, end)
        if not _TEMPERATURE_WORDS.search(sentence):
            return None  # "Section 5F", "Type 2C": a name, not a temperature
    return start, end, {}


def check_clock(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    """A clock time, not a ratio or a version; the pieces of the alternative forms are merged."""
    text = text_of(doc)
    if glued(text, start) or after_name(text, start):
        return None
    if not (parts.get("ampm") or parts.get("zone") or parts.get("tqual")) and (
        _RATIO_AFTER.match(text[end : end + 12]) or _RATIO_BEFORE.search(text[max(0, start - 16) : start])
    ):
        return None  # "a 1:50 scale model", "odds of 5:30": a ratio
    extra: dict[str, str] = {}
    if parts.get("min2"):
        extra["min"] = parts["min2"]
    zone = parts.get("zone2") or parts.get("zone3")
    if zone:
        extra["zone"] = zone
    return start, end, extra


def check_tense(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    """Past or future: resolves "on Thursday" or "April 2" against the publication date."""
    return start, end, {"tense": clause_tense(doc, start, end)}


def clause_tense(doc: Doc, start: int, end: int) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    verb = span.root
    if doc.has_annotation("DEP"):
        for _ in range(6):
            if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
                break
            verb = verb.head
        if verb.pos_ in ("VERB", "AUX"):
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in verb.children):
                return "future"
    sentence_start = span.sent.start_char if doc.has_annotation("SENT_START") else max(0, start - 200)
    if _FUTURE.search(text_of(doc)[sentence_start:start]):
        return "future"
    if doc.has_annotation("TAG") and verb.tag_ in ("VBD", "VBN"):
        return "past"
    return ""


def _sentence_text(doc: Doc, start: int, end: int) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and doc.has_annotation("SENT_START"):
        return span.sent.text
    text = text_of(doc)
    return text[max(0, start - 200) : end + 200]


MEASURE_CHECKS = {"measurement": check_measurement, "clock": check_clock, "tense": check_tense}


# ------------------------------------------------------------------------ after choosing

_OPENS_CONVERSION = re.compile(
    r"\s*[(\[]\s*(?:(?:about|around|approximately|approx\.|roughly|some|nearly|or|c\.|~)\s*)?$", re.I
)
_OR_CONVERSION = re.compile(r"\s*,?\s*or\s+(?:(?:about|around|approximately|roughly|some|nearly)\s+)?$", re.I)
_NEXT_IN_BRACKETS = re.compile(r"\s*[,;/]\s*(?:or\s+)?$")


def mark_stated_conversions(text: str, matches: list) -> list:
    """ "30 km (19 miles)", "50 million euros ($54 million, £43 million)": one claim said twice.

    The conversion stays a claim (outlets quote it) but carries a `conversion_of` piece, so it is
    never grouped with, nor compared against, the figure it converts.
    """
    ordered = sorted(matches, key=lambda m: (m.start, m.end))
    out: list = []
    anchor, in_brackets, previous_end = None, False, -1
    for match in ordered:
        if anchor is not None and match.kind == anchor.kind and match.kind in ("money", "quantity", "time"):
            gap = text[previous_end : match.start]
            said_again = (
                _NEXT_IN_BRACKETS.fullmatch(gap)
                if in_brackets
                else (_OPENS_CONVERSION.fullmatch(gap) or _OR_CONVERSION.fullmatch(gap))
            )
            if said_again:
                out.append(replace(match, parts=match.parts + (("conversion_of", text[anchor.start : anchor.end]),)))
                in_brackets = in_brackets or bool(re.search(r"[(\[]", gap))
                previous_end = match.end
                continue
        out.append(match)
        anchor, in_brackets, previous_end = match, False, match.end
    return out


def borrow_half_of_day(text: str, matches: list) -> list:
    """ "at 9:12" after "9:12 p.m." in the same article: a bare clock time takes the half of the
    day that the article gives the same time elsewhere."""
    stated: dict[tuple[int, str], str] = {}
    for match in matches:
        parts = dict(match.parts)
        if match.kind == "time" and parts.get("ampm") and parts.get("h"):
            stated.setdefault((int(parts["h"]), parts.get("min", "")), parts["ampm"])
    out = []
    for match in matches:
        parts = dict(match.parts)
        key = (int(parts["h"]), parts.get("min", "")) if parts.get("h", "").isdigit() else None
        if (
            match.kind == "time"
            and key is not None
            and key in stated
            and not parts.get("ampm")
            and not parts.get("zone")
            and not parts["h"].startswith("0")
            and key[0] <= 12
        ):
            match = replace(match, parts=match.parts + (("ampm", stated[key]),))
        out.append(match)
    return out


_COMPARED_BARE = re.compile(
    r"(?:\s+(?:a|per)\s+share)?[,;]?\s+(?:against|versus|vs\.?|compared (?:with|to)|than)\s+(?:(?:a|an|the)\s+)?(?:[a-z'’-]+\s+){0,3}?(?:of\s+)?"
    r"(?P<num>\d+\.\d+)(?=[.!?]\s+[A-Z\"“]|[.,;:)]?\s*$|[,;:)]|\s+(?:a year|a share|per share|in|on|for|from|the|last|previous|prior|a quarter|and|but)\b)"
)
"""A bare decimal set against a figure just stated: "$8.2 billion, against an estimate of 7.9"."""
COMPARED_RATIO = 2.0
"""The bare figure must lie within this factor of the stated one to share its unit and scale."""


def borrow_unit_of_compared(text: str, matches: list) -> list:
    """ "sales reached $8.2 billion, against a consensus estimate of 7.9": a bare decimal set
    against a money figure in the same sentence is in that figure's currency and scale, which the
    writer did not repeat."""
    taken = [(m.start, m.end) for m in matches]
    out = list(matches)
    for match in matches:
        parts = dict(match.parts)
        if (
            match.kind != "money"
            or not parts.get("cur")
            or parts.get("num2")
            or not re.fullmatch(r"\d+(?:\.\d+)?", parts.get("num", ""))  # "1,200", "five": not a decimal to set beside
            or float(parts["num"]) <= 0
        ):
            continue
        found = _COMPARED_BARE.match(text, match.end)
        if not found:
            continue
        start, end = found.span("num")
        stated, bare = float(parts["num"]), float(found.group("num"))
        if any(start < b and a < end for a, b in taken) or not 1 / COMPARED_RATIO <= bare / stated <= COMPARED_RATIO:
            continue
        borrowed = tuple((k, v) for k, v in match.parts if k not in ("num", "qual", "plus"))
        out.append(replace(match, start=start, end=end, parts=(("num", found.group("num")), *borrowed)))
    return sorted(out, key=lambda m: (m.start, m.end))


_DAY_PIECES = ("y", "mon", "m", "d", "wd", "which", "tense", "rel")


def attach_days(doc: Doc, matches: list) -> list:
    """A clock time takes its day from a date in the same sentence ("at 9:12 pm on March 3")."""
    dates = [
        m
        for m in matches
        if m.kind == "date"
        and (
            dict(m.parts).get("d")
            or dict(m.parts).get("wd")
            or dict(m.parts).get("rel", "").lower() in ("today", "yesterday", "tomorrow")
        )
    ]
    if not dates:
        return matches
    out = []
    for match in matches:
        if match.kind != "time":
            out.append(match)
            continue
        bounds = _sentence_bounds(doc, match.start, match.end)
        near = [d for d in dates if bounds[0] <= d.start < bounds[1]]
        if not near:
            out.append(match)
            continue
        day = min(near, key=lambda d: abs(d.start - match.start))
        pieces = tuple((f"day_{k}", v) for k, v in day.parts if k in _DAY_PIECES)
        out.append(replace(match, parts=match.parts + pieces))
    return out


def _sentence_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and doc.has_annotation("SENT_START"):
        return span.sent.start_char, span.sent.end_char
    return max(0, start - 200), end + 200
