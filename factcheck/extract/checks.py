"""Checks that validate a value pattern's match with the parse: each gets the Doc, the value's
offsets and its pieces, and returns (start, end, extra pieces) to accept, possibly with a wider
span, or None to reject. Split from component.py, which runs the patterns.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span

from factcheck import vocabulary
from factcheck.extract.measures import Accepted
from factcheck.extract.surface import after_name as _after_name
from factcheck.extract.surface import glued as _glued
from factcheck.extract.surface import text_of

# ------------------------------------------------------------------------------------ checks
# Each check gets the Doc, the value's offsets and its pieces; it returns (start, end, extra
# pieces) to accept, possibly with a wider span, or None to reject.

Check = Callable[[Doc, int, int, dict[str, str]], "Accepted | None"]


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def check_after_person(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    span = _tokens(doc, start, end)
    if span is None or span.start < 2:
        return None
    previous = doc[span.start - 2]
    if previous.ent_type_ == "PERSON" or (
        previous.is_title and (previous.pos_ == "PROPN" or not doc.has_annotation("TAG"))
    ):
        return start, end, {}
    return None


def check_iso_date(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    text = text_of(doc)
    if text[start].isdigit() and start < end and not text[start : start + 4].startswith(("19", "20")):
        start += 1  # "Model 22023-07": the first digit belongs to the name before it
    return start, end, {}


def check_bare_year(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    text = text_of(doc)
    after = text[end : end + 30]
    if re.match(r"\s+[a-z]+s\b", after) and not re.match(
        r"\s+(?:was|has|is|as|years|levels|figures|numbers|results|guidance|plans|targets)\b", after
    ):
        return None  # "2000 employees" is a count
    if _after_name(text, start) and not re.search(
        r"(?:in|since|by|of|from|until|to|and|through|early|late|mid)\s$", text[max(0, start - 10) : start], re.I
    ):
        return None
    return start, end, {}


_DURATION_VERBS = re.compile(
    r"\b(?:for|over|past|last|in|within|after|under|nearly|almost|about|roughly|spent|took|lasted|taking|than)\s+(?:the\s+)?(?:past\s+|last\s+|next\s+|first\s+|roughly\s+|about\s+|nearly\s+|almost\s+|just\s+|over\s+|compressed\s+)*$",
    re.I,
)


def check_duration(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    text = text_of(doc)
    if _glued(text, start) or _after_name(text, start):
        return None
    surface = text[start:end].lower()
    number = parts.get("num", "").lower()
    if number in ("a", "an") and not parts.get("qual"):
        before = text[max(0, start - 30) : start]
        if not _DURATION_VERBS.search(before):
            return None  # "once a year", "a year of turmoil" state no length
    if re.match(r"[\s-]+(?:old|olds)\b", text[end : end + 8]) or surface.endswith("old"):
        return None
    qual = (parts.get("qual") or "").strip().lower()
    if qual == "under" and re.match(r"\s+of\b", text[end : end + 5]):
        # "under nine months of pressure": subject to, not less than
        return start + surface.lower().index("under") + len("under "), end, {"qual": ""}
    return start, end, {}


def _head_noun_after(doc: Doc, start: int, end: int) -> tuple[int, str] | None:
    """The noun a figure counts: its syntactic head if the parse has one, else the next noun."""
    span = _tokens(doc, start, end)
    if span is None:
        return None
    last = span[-1]
    candidates = []
    if doc.has_annotation("DEP"):
        head = last
        for _ in range(3):
            if head.dep_ in ("nummod", "quantmod", "compound", "nmod", "amod") and head.head.i > head.i:
                head = head.head
            else:
                break
        counted_verb = last.dep_ == "nummod" and head.tag_ in ("VBZ", "NNS") and head.is_lower  # "691K+ HF downloads"
        if head.i != last.i and (head.pos_ in ("NOUN", "PROPN") or counted_verb) and head.i - last.i <= 4:
            candidates.append(head)
        # "28K+ downloads" is sometimes parsed as a verb: take a plural-looking word right after
        following = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if (
            not candidates
            and following is not None
            and following.is_alpha
            and following.is_lower
            and not following.is_stop
            and following.tag_ in ("NN", "NNS", "VBZ")
        ):
            candidates.append(following)
        # "hundreds of thousands of developers": the noun hangs off "of"
        if not candidates:
            for tok in doc[last.i + 1 : last.i + 5]:
                if tok.pos_ in ("NOUN", "PROPN") and tok.is_lower:
                    candidates.append(tok)
                    break
                if tok.pos_ not in ("ADJ", "ADP", "NOUN", "PROPN", "VERB", "NUM") or tok.is_punct:
                    break
    else:
        for tok in doc[last.i + 1 : last.i + 4]:
            if tok.is_alpha and tok.is_lower and len(tok) > 2 and not tok.is_stop:
                candidates.append(tok)
                break
            if not tok.is_alpha:
                break
    if not candidates:
        return None
    noun = candidates[0]
    while noun.i + 1 < len(doc) and noun.dep_ == "compound" and doc[noun.i + 1].pos_ == "NOUN" and noun.head.i > noun.i:
        noun = doc[noun.i + 1]
    if any(t.text[:1].isupper() and not t.text.isupper() for t in doc[last.i + 1 : noun.i + 1]):
        return None  # "52 Quality Index jump": a name, not what is counted ("691K+ HF downloads" is fine)
    if noun.is_punct or not noun.is_alpha and "-" not in noun.text:
        return None
    return noun.idx + len(noun.text), noun.lemma_.lower() if noun.lemma_ else noun.lower_


_NOT_COUNTED = {
    "percent",
    "year",
    "month",
    "week",
    "day",
    "hour",
    "minute",
    "second",
    "time",
    "times",
    "point",
    "per",
    "cent",
    "order",
    "of",
    "am",
    "pm",
    "x",
    "fold",
    "page",
    "p",
    "the",
    "and",
    "or",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "a",
    "an",
    "decade",
}


_PERIOD_BEFORE = re.compile(
    r"\b(?:quarter|fiscal|half|calendar|FY|year|" + "|".join(vocabulary.MONTH_NAMES) + r")\W*$", re.I
)
"""A word that makes the four-digit number after it a year: "second-quarter 2031 orders"."""


def check_count_noun(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    text = text_of(doc)
    if _glued(text, start) or (not parts.get("vague") and _after_name(text, start)):
        return None
    if "." in parts.get("num", "") and not (parts.get("scale") or parts.get("suffix")):
        return None  # "a magnitude 8.8 tremor": things are counted in whole numbers
    if re.fullmatch(r"(?:19|20)\d\d", parts.get("num", "")) and _PERIOD_BEFORE.search(text[max(0, start - 20) : start]):
        return None  # "second-quarter 2031 orders", "fiscal 2030 revenue": a year, not a count
    number_end = end
    found = _head_noun_after(doc, start, number_end)
    if found is None:
        counted = _counted_by_clause(doc, start, end)
        return (start, end, {"noun": counted}) if counted else None
    noun_end, lemma = found
    if lemma in _NOT_COUNTED or noun_end <= number_end:
        return None
    if noun_end - number_end > 45:
        return None
    return start, noun_end, {"noun": lemma}


def _counted_by_clause(doc: Doc, start: int, end: int) -> str | None:
    """A number that is itself the subject of a verb ("212 survived", "six were taken to hospital",
    "11 of the guests had fallen ill"): what it counts is the noun of its "of", else what the
    verb says of them. Not "the two met" (people named before) nor a year."""
    span = _tokens(doc, start, end)
    if span is None or not doc.has_annotation("DEP"):
        return None
    number = span[-1]
    if number.dep_ not in ("nsubj", "nsubjpass") or number.head.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ in ("det", "poss") for c in number.children) or re.fullmatch(r"(?:1[89]|20)\d\d", number.text):
        return None
    preps = [c for c in number.children if c.dep_ == "prep" and c.lower_ in ("of", "out")]
    preps += [c for p in preps if p.lower_ == "out" for c in p.children if c.dep_ == "prep" and c.lower_ == "of"]
    for noun in (o for p in preps for o in p.children if o.dep_ == "pobj" and o.pos_ == "NOUN"):
        return noun.lemma_.lower() or noun.lower_
    if number.lower_ == "one":
        return None  # "one said": a person, not a count
    return number.head.lemma_.lower() or number.head.lower_


_BENCHMARK_WORDS = re.compile(
    r"\b(?:scor\w*|index|benchmark\w*|points?|rank\w*|leaderboard|tied|behind|ahead|"
    r"trails?|leads?|exam|eval\w*|tests?|bench)\b",
    re.I,
)


def check_benchmark_context(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    text = text_of(doc)
    if _glued(text, start):
        return None
    span = _tokens(doc, start, end)
    sentence = (
        span.sent.text
        if span is not None and doc.has_annotation("SENT_START")
        else text[max(0, start - 200) : end + 200]
    )
    if not _BENCHMARK_WORDS.search(sentence):
        return None
    return start, end, {}


def check_release_ordinal(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    before = text_of(doc)[max(0, start - 12) : start].lower()
    if re.search(r"\b(?:at|the very|one of the)\s*$", before) or re.search(
        r"one of (?:the|its)\s*$", text_of(doc)[max(0, start - 16) : start].lower()
    ):
        return None
    return start, end, {}


def check_not_nominal(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    """'the current #1' names whoever holds a rank; it does not rank the subject."""
    if re.search(
        r"\b(?:the|a|its|their|new|current|former)\s+(?:\w+\s+)?$", text_of(doc)[max(0, start - 20) : start], re.I
    ):
        return None
    return start, end, {}


def check_not_after_one_of(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    """'one of the largest ... ever' does not claim first place."""
    if re.search(r"\bone of\s*$", text_of(doc)[max(0, start - 10) : start], re.I):
        return None
    return start, end, {}


def check_value_only(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    """Keep only the figure as the surface ("the death toll rose to 14" -> "14")."""
    number = parts.get("num", "")
    at = text_of(doc).rfind(number, start, end)
    return (at, at + len(number), {}) if at >= 0 else None


VALUE_CHECKS: dict[str, Check] = {
    "value_only": check_value_only,
    "not_after_one_of": check_not_after_one_of,
    "not_nominal": check_not_nominal,
    "after_person": check_after_person,
    "iso_date": check_iso_date,
    "bare_year": check_bare_year,
    "duration": check_duration,
    "count_noun": check_count_noun,
    "benchmark_context": check_benchmark_context,
    "release_ordinal": check_release_ordinal,
}
"""The checks of figures named in patterns.toml `check` (measurements and states have their own)."""
