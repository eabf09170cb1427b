"""Date expressions -> the interval of days they cover, relative ones against the publication date.

"June 2025" is 2025-06-01..2025-06-30, "mid-2025" May..August, "last year" the whole previous
year; with no publication date a relative expression stays unresolved and is marked relative.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from factcheck.model import DAYS_PER_UNIT
from factcheck.normalize.numbers import parse_number

MONTHS = {
    name: i
    for i, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# Which months a part of a year covers: "early" = Jan-Apr, "mid" = May-Aug, "late" = Sep-Dec.
PARTS = {
    "early": (1, 4),
    "mid": (5, 8),
    "late": (9, 12),
    "the end of": (10, 12),
    "end of": (10, 12),
    "the start of": (1, 3),
    "the beginning of": (1, 3),
    "the first half of": (1, 6),
    "the second half of": (7, 12),
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (1, 2),
}
QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
Interval = tuple[date, date]


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:3]]


def month_span(year: int, first_month: int, last_month: int | None = None) -> Interval:
    last_month = last_month or first_month
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def absolute(parts: dict[str, str]) -> tuple[Interval, str] | None:
    """The days an absolute expression covers, and its granularity."""
    try:
        if parts.get("decade"):
            start = int(parts["decade"])
            return (date(start, 1, 1), date(start + 9, 12, 31)), "decade"
        year = int(parts.get("y") or parts.get("y2") or 0)
        if not year:
            return None
        if parts.get("y2s"):  # fiscal "2024-25"
            last = int(str(year)[:2] + parts["y2s"])
            if last != year + 1:
                return None
            return (date(year, 1, 1), date(last, 12, 31)), "years"
        if parts.get("q") or parts.get("qw"):
            quarter = int(parts["q"]) if parts.get("q") else QUARTER_WORDS[parts["qw"].lower()]
            return month_span(year, 3 * quarter - 2, 3 * quarter), "quarter"
        month = int(parts["m"]) if parts.get("m") else month_number(parts["mon"]) if parts.get("mon") else 0
        if month and parts.get("d"):
            day = date(year, month, int(parts["d"]))
            return (day, day), "day"
        if month:
            interval = month_span(year, month)
            part = (parts.get("part") or "").lower()
            if part == "early":
                interval = (interval[0], interval[0] + timedelta(days=9))
            elif part == "mid":
                interval = (interval[0] + timedelta(days=10), interval[0] + timedelta(days=19))
            elif part == "late":
                interval = (interval[0] + timedelta(days=20), interval[1])
            return interval, "month"
        part = (parts.get("part") or "").lower()
        if part in PARTS:
            return month_span(year, *PARTS[part]), "part-year"
        return (date(year, 1, 1), date(year, 12, 31)), "year"
    except (ValueError, KeyError):
        return None


def relative(parts: dict[str, str], surface: str, published: date | None) -> tuple[Interval | None, str]:
    """Resolve against the publication date; (None, kind) when there is no date to resolve against."""
    text = surface.lower().strip()
    if published is None:
        return None, "relative"
    year = published.year
    if "coming" in text or "next few" in text:
        return (published, published + timedelta(days=90)), "future"
    if text in ("today",):
        return (published, published), "day"
    if text == "yesterday":
        day = published - timedelta(days=1)
        return (day, day), "day"
    if text == "tomorrow":
        day = published + timedelta(days=1)
        return (day, day), "day"
    if text.endswith("ago") and parts.get("unit"):
        number = parse_number(parts.get("n", "1"))
        count = number[0] if number else 1
        unit = parts["unit"].lower().rstrip("s")
        days = DAYS_PER_UNIT[unit] * count
        centre = published - timedelta(days=round(days))
        slack = timedelta(days=round({"day": 0, "week": 3, "month": 15, "year": 182, "decade": 1826}[unit]))
        return (centre - slack, centre + slack), unit
    if "year" in text:
        offset = -1 if "last" in text else 1 if "next" in text else 0
        if "earlier this" in text:
            return (date(year, 1, 1), published), "part-year"
        return (date(year + offset, 1, 1), date(year + offset, 12, 31)), "year"
    if "month" in text:
        first = published.replace(day=1)
        if "last" in text:
            end = first - timedelta(days=1)
            return (end.replace(day=1), end), "month"
        if "earlier this" in text:
            return (first, published), "month"
        return month_span(published.year, published.month), "month"
    if "week" in text:
        monday = published - timedelta(days=published.weekday())
        offset = -7 if "last" in text else 7 if "next" in text else 0
        start = monday + timedelta(days=offset)
        return (start, start + timedelta(days=6)), "week"
    if parts.get("d") and not parts.get("y"):
        return without_year(parts, published), "day"
    if parts.get("wd"):
        target = WEEKDAYS.index(parts["wd"].lower())
        which = (parts.get("which") or "on").lower()
        delta = (published.weekday() - target) % 7
        if which in ("on", "this") and parts.get("tense") == "future":
            day = published + timedelta(days=(target - published.weekday()) % 7)
        elif which == "next":
            day = published + timedelta(days=(target - published.weekday()) % 7 or 7)
        else:
            day = published - timedelta(days=delta or (7 if which == "last" else 0))
        return (day, day), "day"
    return None, "relative"


def without_year(parts: dict[str, str], published: date) -> Interval | None:
    """ "April 2", "17 May", "the 14th": the latest such day not after publication when the clause
    is in the past, the next one from publication when it speaks of the future."""
    future = parts.get("tense") == "future"
    day = int(parts["d"])
    month = month_number(parts["mon"]) if parts.get("mon") else None
    candidates = []
    for step in range(-13, 14):
        if month is not None:
            if step not in (-1, 0, 1):
                continue
            year, mon = published.year + step, month
        else:
            total = published.year * 12 + published.month - 1 + step
            year, mon = divmod(total, 12)
            mon += 1
        try:
            candidates.append(date(year, mon, day))
        except ValueError:
            continue
    chosen = [c for c in candidates if (c >= published if future else c <= published)]
    if not chosen:
        return None
    found = min(chosen) if future else max(chosen)
    return found, found
