"""The `factcheck_values` spaCy component: finds every stated value in a Doc.

Patterns are data (patterns.toml) matched on the Doc's own text, not on tokens: spaCy's tokenizer
keeps "2.4B." or "28K+" whole and splits "420K" in two, so token patterns would miss figures
that a character pattern sees. The parse is still used where a pattern needs it (`check`):
an age given as "Name, 29," must follow a person, a count must end in the noun it counts.
Results go to `doc.spans["factcheck_values"]` (for displaCy and debugging) and, with exact
character offsets and the matched pieces, to `doc.user_data["factcheck_values"]`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span

from factcheck import vocabulary
from factcheck.extract.measures import (
    MEASURE_CHECKS,
    Accepted,
    attach_days,
    borrow_half_of_day,
    mark_stated_conversions,
)
from factcheck.extract.scan import Hit, find_hits
from factcheck.extract.states import STATE_CHECKS
from factcheck.extract.states import pattern_entries as state_pattern_entries
from factcheck.extract.surface import after_name as _after_name
from factcheck.extract.surface import glued as _glued
from factcheck.extract.surface import text_of
from factcheck.extract.tables import CELL_VALUE, TableCell, read_tables

SPAN_KEY = "factcheck_values"
HITS_KEY = "factcheck_hits"
"""`doc.user_data` key of the pattern hits when they were found before the parse (extract/candidates.py)."""


@dataclass(frozen=True)
class Pattern:
    id: str
    kind: str
    priority: int
    regex: re.Pattern[str]
    check: str
    constants: tuple[tuple[str, str], ...] = ()
    """Fixed pieces a pattern asserts whatever it matched (a state and its family)."""
    needs: re.Pattern[str] | None = None
    """What every match contains (case aside): the scan runs only near it (extract/scan.py)."""


@dataclass(frozen=True)
class ValueMatch:
    """A value found in the text: exact offsets, the pattern, and its named pieces."""

    start: int
    end: int
    kind: str
    pattern: str
    priority: int
    parts: tuple[tuple[str, str], ...]
    table_subject: str = ""
    table_attribute: str = ""


@lru_cache(maxsize=1)
def load_patterns() -> tuple[Pattern, ...]:
    data = tomllib.loads(resources.files("factcheck.extract").joinpath("patterns.toml").read_text("utf-8"))
    macros: dict[str, str] = {**vocabulary.pattern_macros(), **data["macros"]}

    def expand(regex: str) -> str:
        for _ in range(3):
            regex = re.sub(r"\{([A-Z]+)\}", lambda m: macros.get(m.group(1), m.group(0)), regex)
        return regex

    compiled = []
    for entry in data["pattern"] + state_pattern_entries():
        flags = re.IGNORECASE if entry.get("ignorecase") else 0
        constants = tuple((key, entry[key]) for key in ("state", "family") if key in entry)
        needs = re.compile(expand(entry["needs"]), re.IGNORECASE) if entry.get("needs") else None
        compiled.append(
            Pattern(
                entry["id"],
                entry["kind"],
                int(entry.get("priority", 50)),
                re.compile(expand(entry["regex"]), flags),
                entry.get("check", ""),
                constants,
                needs,
            )
        )
    return tuple(compiled)


@Language.component("factcheck_line_breaks")
def mark_line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, list items and table rows have no full stop."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws and not token.is_space:
            token.is_sent_start = True
    return doc


@Language.factory("factcheck_values", assigns=["doc.spans"], requires=["doc.sents"])
def make_value_finder(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return ValueFinder()


class ValueFinder:
    """Runs every pattern, validates with the parse, keeps the best non-overlapping matches."""

    def __call__(self, doc: Doc) -> Doc:
        matches = find_values(doc)
        doc.user_data[SPAN_KEY] = matches
        spans = []
        for match in matches:
            span = doc.char_span(match.start, match.end, label=match.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


def find_values(doc: Doc) -> list[ValueMatch]:
    text = text_of(doc)
    tables = read_tables(text)
    blocked = [(c.start, c.end) for c in tables.cells] + list(tables.unreadable)
    candidates: list[ValueMatch] = [_cell_match(text, cell) for cell in tables.cells]
    patterns = {pattern.id: pattern for pattern in load_patterns()}
    hits: list[Hit] | None = doc.user_data.pop(HITS_KEY, None)
    if hits is None:
        hits = find_hits(patterns.values(), text)
    for pattern_id, hit_start, hit_end, parts in hits:
        pattern = patterns[pattern_id]
        if hit_end <= hit_start:
            continue
        start, end = _value_bounds(text, hit_start, hit_end)
        checked = CHECKS[pattern.check](doc, start, end, dict(parts)) if pattern.check else (start, end, {})
        if checked is None:
            continue
        start, end, extra = checked
        if any(start < b and a < end for a, b in blocked):
            continue
        candidates.append(
            ValueMatch(
                start, end, pattern.kind, pattern.id, pattern.priority, parts + tuple(extra.items()) + pattern.constants
            )
        )
    chosen: list[ValueMatch] = []
    for match in sorted(candidates, key=lambda m: (-m.priority, -(m.end - m.start), m.start)):
        if all(match.end <= other.start or other.end <= match.start for other in chosen):
            chosen.append(match)
    chosen = attach_days(doc, borrow_half_of_day(text, mark_stated_conversions(text, chosen)))
    chosen.extend(
        _elapsed(text, m) for m in list(chosen) if m.pattern == "date.relative.v1" and dict(m.parts).get("unit")
    )
    chosen = [part for m in chosen for part in _split_change(text, m)]
    return sorted(chosen, key=lambda m: (m.start, m.end, m.kind))


CHANGE_VERBS = (
    r"\b(?:rose|rise[sn]?|rising|fell|fall(?:s|en|ing)?|increased?|increasing|decreased?|decreasing|grew|grow(?:s|n|ing)?|"
    r"dropped|drops?|dropping|climbed|climbs?|jumped|jumps?|went|go(?:es)?|cut|raised|lifted|lowered|"
    r"doubled|halved|swelled|shrank|shrunk|slipped|slid|surged|soared|plunged|tumbled|changed|moved)"
)


def _split_change(text: str, match: ValueMatch) -> list[ValueMatch]:
    """ "rose from $3 million to $5 million" is a change: two values with roles, never one range."""
    parts = dict(match.parts)
    surface = text[match.start : match.end]
    before = text[max(0, match.start - 40) : match.start]
    if not parts.get("num2") or not re.search(CHANGE_VERBS + r"\s+(?:\w+\s+)?from\s*$", before, re.I):
        return [match]
    cut = re.search(r"\s+to\s+", surface)
    if not cut:
        return [match]
    shared = {k: v for k, v in parts.items() if k in ("cur", "noun", "unit")}
    first = {
        **shared,
        "num": parts["num"],
        "scale": parts.get("scale") or parts.get("scale2", ""),
        "suffix": parts.get("suffix") or parts.get("suffix2", ""),
    }
    second = {
        **shared,
        "cur": parts.get("cur2") or parts.get("cur", ""),
        "num": parts["num2"],
        "scale": parts.get("scale2") or parts.get("scale", ""),
        "suffix": parts.get("suffix2") or parts.get("suffix", ""),
    }
    clean = lambda d: tuple((k, v) for k, v in d.items() if v)  # noqa: E731
    return [
        ValueMatch(match.start, match.start + cut.start(), match.kind, match.pattern, match.priority, clean(first)),
        ValueMatch(match.start + cut.end(), match.end, match.kind, match.pattern, match.priority, clean(second)),
    ]


def _elapsed(text: str, match: ValueMatch) -> ValueMatch:
    """ "hired nine months ago" also states how long ago: a duration over the same words."""
    parts = dict(match.parts)
    end = match.start + text[match.start : match.end].lower().rindex(" ago")
    return ValueMatch(
        match.start,
        end,
        "duration",
        "duration.elapsed.v1",
        match.priority,
        (("num", parts.get("n", "")), ("unit", parts["unit"])),
    )


def _value_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the value itself: a leading qualifier stays in the surface ("over 10x")."""
    while end > start and text[end - 1] in " \t,;":
        end -= 1
    while start < end and text[start] in " \t":
        start += 1
    return start, end


def _cell_match(text: str, cell: TableCell) -> ValueMatch:
    value = CELL_VALUE.fullmatch(text[cell.start : cell.end])
    parts = tuple((k, v) for k, v in (value.groupdict().items() if value else ()) if v)
    unit = dict(parts).get("unit", "")
    if cell.benchmark:
        kind = "score"
    elif dict(parts).get("cur"):
        kind = "money"
    elif unit == "%":
        kind = "percent"
    elif unit == "x":
        kind = "multiplier"
    else:
        kind = "count"
        parts = parts + (("noun", cell.attribute),)
    return ValueMatch(cell.start, cell.end, kind, "table.cell.v1", 100, parts, cell.subject, cell.attribute)


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


def check_count_noun(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    text = text_of(doc)
    if _glued(text, start) or (not parts.get("vague") and _after_name(text, start)):
        return None
    if "." in parts.get("num", "") and not (parts.get("scale") or parts.get("suffix")):
        return None  # "a magnitude 8.8 tremor": things are counted in whole numbers
    number_end = end
    found = _head_noun_after(doc, start, number_end)
    if found is None:
        return None
    noun_end, lemma = found
    if lemma in _NOT_COUNTED or noun_end <= number_end:
        return None
    if noun_end - number_end > 45:
        return None
    return start, noun_end, {"noun": lemma}


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


CHECKS: dict[str, Check] = {
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
    **MEASURE_CHECKS,
    **STATE_CHECKS,
}
