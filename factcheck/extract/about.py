"""What a value is about: its subject, its attribute, and the time expression that scopes it.

Subjects come from `subjects.py`, attributes from `attributes.py`, names from `names.py`; this
module puts them together for each value the component found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from factcheck import vocabulary
from factcheck.extract.attributes import find_attribute
from factcheck.extract.component import ValueMatch, text_of
from factcheck.extract.evidence import evidence_of, names_a_forecaster
from factcheck.extract.names import DocNames
from factcheck.extract.subjects import (
    costed_thing,
    dated_thing,
    find_subject,
    holder,
    nearest_name_before,
    owned,
    possessor,
    stated_of,
)
from factcheck.model import Evidence

__all__ = ["About", "describe"]


@dataclass(frozen=True)
class About:
    subject: str
    attribute: str
    attribute_words: str
    confidence: float
    sentence_start: int
    sentence_end: int
    time_text: str
    role: str
    evidence: Evidence = Evidence()


def describe(doc: Doc, match: ValueMatch, names: DocNames) -> About | None:
    span = doc.char_span(match.start, match.end, alignment_mode="expand")
    if span is None:
        return None
    sentence = span.sent if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else doc[:]
    if match.table_subject:
        subject, confidence = match.table_subject, 0.85
    elif match.kind == "role" and holder(span, names):
        subject, confidence = holder(span, names), 0.85
    elif match.kind == "status" and dict(match.parts).get("holder"):
        subject, confidence = dict(match.parts)["holder"], 0.8  # found by the parse in states.py
    elif match.kind == "status" and dict(match.parts).get("family") == "allegation":
        # an allegation is about the accused: "Developers accused Acme of ...", "Allegations ...: Acme had"
        subject, confidence = nearest_name_before(span, sentence, names, fallback_confidence=0.6)
    elif match.kind == "status" and dict(match.parts).get("family") == "ownership" and owned(span, names):
        # ownership is about what is owned: "the Acme acquisition", "a stake in Acme", "acquire ... of Acme"
        subject, confidence = owned(span, names), 0.7
    elif match.kind == "money" and (made := costed_thing(span, names)):
        subject, confidence = made, 0.75  # the thing built, not its builder
    elif match.kind == "status" and stated_of(span, names):
        subject, confidence = stated_of(span, names), 0.7
    else:
        subject, confidence = find_subject(doc, span, sentence, names)
    evidence = evidence_of(doc, span, sentence, match.kind)
    if evidence.stance == "estimate" and names_a_forecaster(subject):
        subject, confidence = "", 0.3  # "the Wall Street consensus called for $1.05": Wall Street made the forecast
    names.remember(subject, confidence)
    attribute, words = find_attribute(doc, span, sentence, match, names)
    if match.kind == "duration" and not match.table_subject:
        owner = possessor(span, sentence, names)
        if owner:
            subject, confidence = owner, 0.7
    if match.kind == "date" and not match.table_subject:
        dated = dated_thing(doc, span, sentence, names)
        if dated:
            subject, confidence = dated, 0.8
    role = _role(doc, match)
    if role == "whole" and evidence.measured:
        # "two of the nine crew members died": the nine count the crew, the dying is the two's
        attribute = words = " ".join(evidence.measured)
    return About(
        subject=subject,
        attribute=attribute,
        attribute_words=words,
        confidence=round(confidence, 2),
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
        time_text=_time_scope(doc, sentence, match),
        role=role,
        evidence=evidence,
    )


_PERIOD = re.compile(
    r"\b(?:first|second|third|fourth)[- ]quarter\b|\bQ[1-4]\b|\b(?:first|second) half\b|"
    r"\bfull[- ]year\b",
    re.I,
)

_YEAR_AFTER = re.compile(
    r"^\W{0,3}(?:[a-z]+ ){0,3}?(?:(?:in|for|during|over|by) )?(" + vocabulary.RELATIVE_YEAR + r")\b", re.I
)
_YEAR_BEFORE = re.compile(r"\b(" + vocabulary.RELATIVE_YEAR + r")(?:['’]s)?(?: \w+){0,3}\W{0,3}$", re.I)


def _time_scope(doc: Doc, sentence: Span, match: ValueMatch) -> str:
    """An explicit month or year in the sentence other than the value: "In June 2025, ...", or a
    year named relative to publication right beside the value ("$11.6 billion next year",
    "this year's revenue of $3.7 billion")."""
    if match.kind == "date":
        return ""
    text = text_of(doc)
    beside = _YEAR_AFTER.search(text[match.end : min(sentence.end_char, match.end + 30)]) or _YEAR_BEFORE.search(
        text[max(sentence.start_char, match.start - 40) : match.start]
    )
    if beside:
        return beside.group(1)
    offset = match.start - sentence.start_char
    periods = sorted(_PERIOD.finditer(sentence.text), key=lambda m: abs(m.start() - offset))
    period = periods[0] if periods else None  # the period nearest the value
    if period and not any(
        o.kind == "date" and sentence.start_char <= o.start < sentence.end_char
        for o in doc.user_data.get("factcheck_values", [])
    ):
        return period.group(0)  # "In the second quarter, revenue was ..." (year from the publication date)
    for other in doc.user_data.get("factcheck_values", []):
        if other.kind != "date" or other is match or not (sentence.start_char <= other.start < sentence.end_char):
            continue
        parts = dict(other.parts)
        if not (parts.get("y") or parts.get("y2")):
            continue
        opens_sentence = len(text_of(doc)[sentence.start_char : other.start].split()) <= 2
        right_after = 0 <= other.start - match.end <= 30 and "," not in text_of(doc)[match.end : other.start]
        right_before = 0 <= match.start - other.end <= 30  # "since March 2025, when the stock jumped 9%"
        if opens_sentence or right_after or right_before:
            return text_of(doc)[other.start : other.end]
    return ""


_PART_OF = re.compile(
    r"\b(?:\d[\d,.]*|" + "|".join(vocabulary.UNIT_WORDS | vocabulary.TENS_WORDS) + r"|all|both|none|most|many|some)"
    r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|our\s+)?$",
    re.I,
)


_PART_WORDS = {"all", "both", "none", "most", "many", "some", "half", "each", "one"}


def _whole_of_part(doc: Doc, match: ValueMatch) -> bool:
    """Through the parse, when words stand between ("two of the ship's nine crew members"): the
    counted noun is the object of an "of" that hangs on a number or a quantifier."""
    if not doc.has_annotation("DEP"):
        return False
    span = doc.char_span(match.start, match.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    noun = root.head if root.dep_ in ("nummod", "quantmod", "compound") and root.head.pos_ == "NOUN" else root
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    part = noun.head.head
    if part.lower_ == "out" and part.head.i != part.i:
        part = part.head
    return part.i < root.i and (part.like_num or part.pos_ == "NUM" or part.lower_ in _PART_WORDS)


def _role(doc: Doc, match: ValueMatch) -> str:
    """ "rose from $3 million to $5 million": the two ends of a change are different roles; in
    "two of the nine crew members" the nine is the whole the two are part of, another fact."""
    if _PART_OF.search(text_of(doc)[max(0, match.start - 40) : match.start]) or _whole_of_part(doc, match):
        return "whole"
    before = text_of(doc)[max(0, match.start - 6) : match.start].lower()
    if re.search(r"\bfrom\s*$", before):
        return "from"
    if re.search(r"\bto\s*$", before) and re.search(
        r"\bfrom\b", text_of(doc)[max(0, match.start - 60) : match.start].lower()
    ):
        return "to"
    return ""
