"""What two values allow together: can both be true (`overlaps`), do two facts in words agree
(`facets_agree`), can one state follow another (`follows`).

Plain functions of `model.Value`s, below every stage; split from model.py, which holds the types.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date, datetime

from factcheck.model import DAYS_PER_UNIT, Value

# ------------------------------------------------------------------ comparing values


def _within(x: float, bounds: tuple[float, float, bool, bool]) -> bool:
    return bounds[0] <= x <= bounds[1]


def _bounds(value: Value) -> tuple[float, float, bool, bool] | None:
    """Numeric (low, high, low_open, high_open) on one scale per kind; None when not comparable."""
    if value.relative:
        return None
    low, high = value.low, value.high
    if value.unit == "date":
        low = date.fromisoformat(low).toordinal() if isinstance(low, str) else None
        high = date.fromisoformat(high).toordinal() if isinstance(high, str) else None
    factor = DAYS_PER_UNIT.get(value.unit, 1.0)
    lo = float("-inf") if low is None else float(low) * factor
    hi = float("inf") if high is None else float(high) * factor
    return lo, hi, value.low_open, value.high_open


PAST_MODIFIERS = ("former ", "ex ", "then ")


def facets_agree(a: Value, b: Value) -> bool | None:
    """Facts in words: a facet the other excludes (or, for "family:*", any other facet of that family)
    conflicts; a shared facet without a clash agrees; anything else is a different fact (None)."""
    mine, theirs = set(a.facets.split("|")), set(b.facets.split("|"))

    def clash(facets: set[str], excludes: str, own: set[str]) -> bool:
        for word in filter(None, excludes.split("|")):
            if word.endswith(":*"):  # one-valued: any other value, unless one names the other in fewer words
                family = word[:-1]
                if any(
                    f.startswith(family)
                    and not f.startswith(f"{family}not ")
                    and not any(_names_one(f, o) for o in own)
                    for f in facets
                ):
                    return True
            elif word in facets:
                return True
        return False

    if clash(theirs, a.excludes, mine) or clash(mine, b.excludes, theirs):
        return False
    if mine & theirs or (len(mine) == len(theirs) == 1 and a.excludes.endswith(":*") and _names_one(*mine, *theirs)):
        return True  # one shared facet ("CEO" in "co-founder and CEO"; a family's stage) and no clash
    return None


def _names_one(a: str, b: str) -> bool:
    """ "acquirer:harlow" and "acquirer:harlow foods" name one doer: the words of one are in the other."""
    family_a, _, words_a = a.partition(":")
    family_b, _, words_b = b.partition(":")
    shorter, longer = sorted((words_a.split(), words_b.split()), key=len)
    return family_a == family_b and bool(shorter) and set(shorter) <= set(longer)


def follows(later: Value, earlier: Value) -> bool:
    """Can `later` come after `earlier` in time (an order lifted after it was in force)?"""
    after = set(filter(None, later.follows.split("|")))
    return bool(after & set(earlier.facets.split("|")))


def states_agree(a: str, b: str) -> bool | None:
    """States in words without facets: the same words agree; "former X" and "X" exclude each other;
    otherwise (different facets) None."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    past_a, past_b = a.startswith(PAST_MODIFIERS), b.startswith(PAST_MODIFIERS)
    strip = lambda s: s.split(" ", 1)[1] if s.startswith(PAST_MODIFIERS + ("current ",)) else s  # noqa: E731
    if past_a != past_b and strip(a) == strip(b):
        return False  # "former CEO" vs "CEO": not both at once
    return None


def _is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isalpha() and unit.isupper()


_CLOCK = re.compile(r"(?:\d{4}-\d\d-\d\dT)?\d\d:\d\d")


def is_clock(value: Value) -> bool:
    """Clock times hold "HH:MM" or an ISO date-time in low/high."""
    return any(isinstance(x, str) and _CLOCK.fullmatch(x) for x in (value.low, value.high))


def _minutes(text: str | None, offset: str, keep: str, end: float) -> float:
    """A clock time as minutes: since the epoch in UTC ("instant"), on its local calendar ("wall")
    or after local midnight ("day")."""
    if text is None:
        return end
    stamp = datetime.fromisoformat(text if "T" in text else f"2000-01-01T{text}")
    if keep == "day":
        return stamp.hour * 60 + stamp.minute
    if keep == "instant":
        if "T" not in text:
            stamp = stamp.replace(year=2000, month=1, day=1)
        return datetime.fromisoformat(stamp.isoformat() + offset).timestamp() / 60
    return (stamp - datetime(2000, 1, 1)).total_seconds() / 60


def _time_bounds(a: Value, b: Value) -> tuple[tuple[float, float, bool, bool], tuple[float, float, bool, bool]] | None:
    """Clock times compare as instants when both name a zone, else as wall-clock times (an article
    that names no zone speaks in local time); with their days only when both sides name one."""
    if a.relative or b.relative:
        return None
    stated = [x for v in (a, b) for x in (v.low, v.high) if isinstance(x, str)]
    dated = all("T" in x for x in stated)
    zoned = bool(a.utc_offset and b.utc_offset)
    keep = "instant" if zoned else "wall" if dated else "day"
    out = []
    for v in (a, b):
        on_day = lambda x: x if dated or x is None else x.split("T")[-1]  # noqa: E731
        lo = _minutes(on_day(v.low), v.utc_offset, keep, float("-inf"))
        hi = _minutes(on_day(v.high), v.utc_offset, keep, float("inf"))
        if hi < lo:  # "shortly before midnight" wraps past the end of the day
            hi += 1440
        out.append((lo, hi, v.low_open, v.high_open))
    return out[0], out[1]


def overlaps(a: Value, b: Value) -> bool | None:
    """Can both be true? None when the two values cannot be compared (units differ, unresolved)."""
    if a.unit == "state" or b.unit == "state":
        if a.unit != b.unit:
            return None
        if a.facets and b.facets:
            return facets_agree(a, b)
        return states_agree(a.text, b.text) if not (a.facets or b.facets) else None
    if a.dimension or b.dimension:
        # quantities compare in SI: "500 feet" agrees with "152 m"; other dimensions never compare
        if (
            a.dimension != b.dimension
            or a.si_low is None
            and a.si_high is None
            or b.si_low is None
            and b.si_high is None
        ):
            return None
        a = replace(a, low=a.si_low, high=a.si_high, unit="si")
        b = replace(b, low=b.si_low, high=b.si_high, unit="si")
    if is_clock(a) != is_clock(b):
        return None
    ba: tuple[float, float, bool, bool] | None
    bb: tuple[float, float, bool, bool] | None
    if is_clock(a):
        both = _time_bounds(a, b)
        if both is None:
            return None
        ba, bb = both
    else:
        if a.unit != b.unit and (_is_currency(a.unit) or _is_currency(b.unit)):
            return None  # currencies are not compared across; a stated conversion links them instead
        if (a.unit in DAYS_PER_UNIT) != (b.unit in DAYS_PER_UNIT) or (
            a.unit not in DAYS_PER_UNIT and a.unit != b.unit and {a.unit, b.unit} & {"%", "pp", "date", "x", "rank"}
        ):
            return None
        ba, bb = _bounds(a), _bounds(b)
    if ba is None or bb is None:
        return None
    if a.approx and b.approx and not is_clock(a) and all(math.isfinite(x) for x in (*ba[:2], *bb[:2])):
        # "about 250" and "around 215": each widening alone would take in the other figure only when
        # the two are close; both widenings together would let 20% through. One stated figure must
        # fall within the other's reach.
        return _within((ba[0] + ba[1]) / 2, bb) or _within((bb[0] + bb[1]) / 2, ba)
    lo = max(ba[0], bb[0])
    hi = min(ba[1], bb[1])
    if lo < hi:
        return True
    if lo > hi:
        return False
    # touching ends: both must include the shared point
    a_has = (ba[0] < lo or not ba[2]) and (ba[1] > lo or not ba[3])
    b_has = (bb[0] < lo or not bb[2]) and (bb[1] > lo or not bb[3])
    return a_has and b_has


NEAR_RATIO = 1.1
"""Two figures within this factor of each other are near: one figure misreported, or rounded."""
NEAR_MINUTES = 60.0
"""Two clock times within this many minutes of each other are near."""


def clock_gap(a: Value, b: Value) -> float | None:
    """Minutes between two clock times that do not overlap (0 when they do); None when either is
    not a clock time or the two cannot be compared."""
    if not (is_clock(a) and is_clock(b)):
        return None
    both = _time_bounds(a, b)
    if both is None:
        return None
    (a_low, a_high, *_), (b_low, b_high, *_) = both
    return max(0.0, b_low - a_high, a_low - b_high)


def stated_ratio(a: Value, b: Value) -> float | None:
    """How many times the larger stated figure is the smaller (>= 1), on one scale (SI for
    quantities, days for durations). Figures as stated, not intervals: "at least 20" states 20.
    None for clock times and dates, and unless both figures are positive numbers."""
    middles = []
    for value in (a, b):
        if is_clock(value) or value.unit == "date":
            return None
        low, high, factor = value.low, value.high, DAYS_PER_UNIT.get(value.unit, 1.0)
        if value.dimension:
            low, high, factor = value.si_low, value.si_high, 1.0
        ends = [float(x) * factor for x in (low, high) if isinstance(x, (int, float)) and math.isfinite(x)]
        if not ends:
            return None
        middles.append(sum(ends) / len(ends))
    small, large = sorted(middles)
    return large / small if small > 0 else None


def nearly(a: Value, b: Value) -> bool:
    """Whether two values are the same or near enough to be one figure told two ways ("$8.2
    billion" and "$8.1 billion", "9:12 pm" and "9:13 pm"); never for values that cannot be
    compared. Figures are compared as stated ("at least 20" is not near 400, though it allows it)."""
    if overlaps(a, b) is None:
        return False
    if is_clock(a):
        gap = clock_gap(a, b)
        return gap is not None and gap <= NEAR_MINUTES
    ratio = stated_ratio(a, b)
    return ratio is not None and ratio <= NEAR_RATIO
