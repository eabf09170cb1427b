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
from spacy.tokens import Doc

from factcheck import vocabulary
from factcheck.extract.checks import VALUE_CHECKS, Check
from factcheck.extract.measures import (
    MEASURE_CHECKS,
    attach_days,
    borrow_half_of_day,
    borrow_unit_of_compared,
    mark_stated_conversions,
)
from factcheck.extract.scan import Hit, find_hits
from factcheck.extract.states import STATE_CHECKS
from factcheck.extract.states import pattern_entries as state_pattern_entries
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
    chosen = attach_days(
        doc, borrow_half_of_day(text, mark_stated_conversions(text, borrow_unit_of_compared(text, chosen)))
    )
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


CHECKS: dict[str, Check] = {**VALUE_CHECKS, **MEASURE_CHECKS, **STATE_CHECKS}
