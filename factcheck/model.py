"""Every domain type that passes between pipeline stages.

Plain frozen values only: no spaCy docs, DataFrames or rich objects, so stages can run in other
processes (or machines) and results can be cached by content hash. Imports nothing from factcheck.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, IntEnum

DAYS_PER_UNIT = {
    "second": 1 / 86400,
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1.0,
    "week": 7.0,
    "month": 365.25 / 12,
    "year": 365.25,
    "decade": 3652.5,
}
"""How long each duration unit is, so "two years" and "24 months" compare equal."""


class Kind(str, Enum):
    """What sort of value a claim states; claims of different kinds never group."""

    MONEY = "money"
    PERCENT = "percent"
    COUNT = "count"
    AGE = "age"
    DATE = "date"
    DURATION = "duration"
    RANK = "rank"
    SCORE = "score"
    MULTIPLIER = "multiplier"
    STATUS = "status"
    """A state asserted in words ("is over", "was cancelled"); the value is text."""
    ROLE = "role"
    """A person's position ("former CEO of X")."""
    QUANTITY = "quantity"
    """A physical measurement ("30 km", "38C") or a reading on a named scale ("magnitude 5.9")."""
    TIME = "time"
    """A clock time ("9:12 pm IST"), an instant when the day is known."""


class Status(str, Enum):
    """Where a group stands after comparison."""

    CONFLICT = "conflict"
    CONSISTENT = "consistent"
    SINGLE_SOURCE = "single_source"


class ExitCode(IntEnum):
    """Named process exit codes (the CI contract)."""

    OK = 0
    CONFLICTS = 1
    USAGE_ERROR = 2
    """Bad usage or input: nothing readable, bad config or decisions file, unwritable output."""
    INTERNAL_ERROR = 3
    """A bug in factcheck: one line on stderr, the traceback in a log file (or with --debug)."""


@dataclass(frozen=True)
class Source:
    """One article, decoded and stripped to the text every offset indexes."""

    id: str
    """Stable id from the path relative to the input root, e.g. "reuters-quake"."""
    path: str
    """Path as given on the command line (joined with the file's relative path)."""
    text: str
    """Extracted article text; every claim offset points into this string."""
    format: str
    """"txt", "md" or "html"."""
    sha256: str
    """Digest of the raw file bytes, for caches and the decisions file."""
    title: str | None = None
    """Headline when one can be found."""
    published: date | None = None
    """Publication date, the anchor for relative dates; None when unknown."""
    site: str | None = None
    """Outlet or site name when the page says it."""
    label: str = ""
    """What editors call it, unique in the run: the outlet, else a short headline, else the file name."""


@dataclass(frozen=True)
class SkippedFile:
    """A file that was not read, and why (shown to the user as one line)."""

    path: str
    reason: str
    detail: str = field(default="", compare=False)
    """For an article that broke the analysis: the traceback, shown only with --debug."""

    @classmethod
    def analysis_failure(cls, path: str, exc: BaseException, stage: str) -> SkippedFile:
        """An article that broke a stage: a one-line reason, the traceback kept for --debug."""
        detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        return cls(path, f"could not analyse: {type(exc).__name__} at {stage}", detail)


@dataclass(frozen=True)
class Evidence:
    """What the parse says a value is about, as comparable pieces rather than one key.

    The matcher weighs these against another claim's; none of them alone decides a group.
    """

    measured: tuple[str, ...] = ()
    """Lemmas of the measured noun phrase: what the number counts or measures ("death", "toll")."""
    context: tuple[str, ...] = ()
    """Content lemmas a few tokens either side of the value, numbers left out."""
    sentence: tuple[str, ...] = ()
    """Content lemmas of the whole sentence, numbers left out."""
    entities: tuple[str, ...] = ()
    """Named entities of the sentence as "LABEL:text" (lower case), the value's own span left out."""
    stance: str = "actual"
    """"actual", "estimate" (forecast, expectation) or "change" (a rise or fall, not a level)."""
    running: bool = False
    """The value counts something that grows as news comes in (a toll, arrests, cases)."""
    basis: str = ""
    """What a change is measured against: "year", "quarter", "month"; "" when not said."""
    qualifiers: tuple[str, ...] = ()
    """The kind of measure the sentence names, as "family:kind" ("accounting:adjusted",
    "period:year"): two claims with different kinds of one family are two facts."""


@dataclass(frozen=True)
class Mention:
    """A located value with what the parse says it is about; not yet a number.

    Produced by extract/, consumed by normalize/. `groups` holds the named pieces the pattern
    matched (number text, scale word, qualifier, unit ...), so normalisation never re-parses text.
    """

    source_id: str
    start: int
    end: int
    text: str
    """Exactly source.text[start:end]."""
    kind: Kind
    pattern: str
    """Id of the pattern that matched, e.g. "money.scale_word.v1"."""
    parts: tuple[tuple[str, str], ...]
    """Named pieces of the match as (name, text) pairs."""
    sentence_start: int
    sentence_end: int
    subject: str
    """The entity the value describes, as written in this sentence ("" when not found)."""
    attribute: str
    """What is measured, canonical form ("age", "downloads", "score on MMLU")."""
    attribute_words: str
    """The words of the sentence that decided the attribute, for the report."""
    confidence: float
    """How sure the extractor is of subject and attribute (0..1)."""
    time_text: str = ""
    """An explicit time expression in the sentence that scopes the claim ("June 2025")."""
    role: str = ""
    """"from"/"to" for the two ends of a change, "whole" for the total a part is counted out of ("six" in
    "two of the nine crew"), "conversion" for a figure restated in other units; "" otherwise."""
    evidence: Evidence = Evidence()
    """The pieces the matcher compares (measured noun, context, entities, stance)."""

    def part(self, name: str) -> str:
        for key, value in self.parts:
            if key == name:
                return value
        return ""


@dataclass(frozen=True)
class Value:
    """The interval of values the words allow; None is an open end."""

    low: float | str | None
    high: float | str | None
    unit: str
    """USD, %, year, x, downloads ...; "date" for dates (low/high are ISO strings)."""
    approx: bool
    text: str
    """Normalised display form, e.g. "$2.4B", "31", "≥10x", "2025-06"."""
    low_open: bool = False
    high_open: bool = False
    direction: str = ""
    """For multipliers and changes: "less"/"more"; "" when not stated."""
    relative: bool = False
    """A relative date that could not be resolved (no publication date)."""
    si_low: float | None = None
    """For quantities: `low` in the SI base unit of its dimension (kelvin, metre, kilogram ...)."""
    si_high: float | None = None
    dimension: str = ""
    """For quantities: what is measured ("length", "temperature", or a scale: "magnitude")."""
    utc_offset: str = ""
    """For clock times in a stated zone: its offset from UTC ("+05:30"); the unit names the zone."""
    facets: str = ""
    """For facts in words: what the value asserts, as "family:state" keys joined by "|"."""
    excludes: str = ""
    """For facts in words: keys that cannot hold with it ("family:*": any other value of that family)."""
    follows: str = ""
    """For facts in words: keys of states this one can come after in time (a lifted order, a charge)."""


@dataclass(frozen=True)
class Claim:
    """A normalised statement: subject, attribute, value, and the evidence it came from."""

    id: str
    source_id: str
    start: int
    end: int
    text: str
    sentence: str
    subject: str
    attribute: str
    attribute_words: str
    kind: Kind
    value: Value
    as_of: str | None
    """ISO date or period ("2025-06") the claim speaks about, when known."""
    confidence: float
    pattern: str
    role: str = ""
    scoped: bool = False
    """True when `as_of` comes from the sentence itself, not from the publication date."""
    evidence: Evidence = Evidence()
    """The pieces the matcher compares (measured noun, context, entities, stance)."""


@dataclass(frozen=True)
class ArticleResult:
    """What analysing one article yields: its claims, or why it could not be analysed.

    The unit that engines (in-process, process pool, Dask) return and the cache stores."""

    source_id: str
    claims: tuple[Claim, ...]
    failure: SkippedFile | None = None
    """Set when a stage broke on this article; its claims are then empty."""


@dataclass(frozen=True)
class ClaimGroup:
    """Claims that speak of the same thing (kind, subject, attribute, time scope)."""

    id: str
    subject: str
    attribute: str
    kind: Kind
    as_of: str | None
    claim_ids: tuple[str, ...]
    subject_aliases: tuple[str, ...] = ()
    copies: tuple[tuple[str, str], ...] = ()
    """(claim id, id of the earlier claim it copies): near-identical sentences in two sources."""
    confidence: float = 1.0
    """How sure the matcher is that these claims are one fact (0..1); 1.0 for a lone claim."""
    story: str = ""
    """The story (articles sharing names and vocabulary) the claims belong to; "" when one story."""


@dataclass(frozen=True)
class ValueSupport:
    """One distinct value in a group and the sources that state it."""

    value: Value
    claim_ids: tuple[str, ...]
    source_ids: tuple[str, ...]
    independent_sources: int
    """Sources counted once per cluster of near-identical sentences (copies)."""


@dataclass(frozen=True)
class GroupVerdict:
    """The comparison of one group: status, the values side by side, and why."""

    group: ClaimGroup
    status: Status
    values: tuple[ValueSupport, ...]
    explanation: str
    severity: str = ""
    """For conflicts: "hard" or "explainable" (both may be true at their own times)."""
    consensus: str = ""
    """Text of the value most independent sources support, when three or more speak."""
    checks: tuple[str, ...] = ()
    """Dotted names of the checks that fired, e.g. "value.disjoint"."""


@dataclass(frozen=True)
class RunResult:
    """Everything one run found, in a deterministic order."""

    sources: tuple[Source, ...]
    skipped: tuple[SkippedFile, ...]
    claims: tuple[Claim, ...]
    verdicts: tuple[GroupVerdict, ...]
    model: str
    """Name and version of the language model used, or "blank" when none was found."""
    warnings: tuple[str, ...] = field(default=())

    @property
    def conflicts(self) -> tuple[GroupVerdict, ...]:
        return tuple(v for v in self.verdicts if v.status is Status.CONFLICT)

    @property
    def labels(self) -> dict[str, str]:
        """Source id -> the label every report shows for it."""
        return {s.id: s.label or s.id for s in self.sources}
