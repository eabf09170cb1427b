"""When: the period a claim speaks of (`as_of`), and clock times and dates as values.

Split from normalize/__init__.py, which reads every other kind of figure.
"""

from __future__ import annotations

import re
from datetime import date

from factcheck import vocabulary
from factcheck.config import Settings
from factcheck.model import Mention, Value
from factcheck.normalize import clock, dates


def as_of(time_text: str, published: date | None) -> str | None:
    """The period a claim speaks about: an explicit month/year in its sentence, else publication."""
    if time_text:
        relative = vocabulary.relative_year(time_text)
        if relative is not None and published:  # "next year" in an article of 2024 is 2025
            return str(published.year + relative)
        period = _period(time_text)
        match = re.search(r"(?:19|20)\d{2}", time_text)
        if period and not match:
            return f"{published.year}-{period}" if published else period
        month = re.search("(" + "|".join(m.capitalize() for m in vocabulary.MONTH_NAMES) + ")", time_text)
        if match:
            if month:
                return f"{match.group(0)}-{vocabulary.month_number(month.group(1)):02d}"
            return match.group(0)
    return published.isoformat() if published else None


def _period(text: str) -> str:
    """'second quarter' -> 'Q2', 'first half' -> 'H1', 'full-year' -> 'FY'."""
    lowered = text.lower()
    quarter = re.search(r"\b(first|second|third|fourth)[- ]quarter\b|\bq([1-4])\b", lowered)
    if quarter:
        return "Q" + (quarter.group(2) or str(["first", "second", "third", "fourth"].index(quarter.group(1)) + 1))
    half = re.search(r"\b(first|second) half\b", lowered)
    if half:
        return "H1" if half.group(1) == "first" else "H2"
    return "FY" if re.search(r"full[- ]year", lowered) else ""


def time_value(mention: Mention, parts: dict[str, str], published: date | None, settings: Settings) -> Value | None:
    """A clock time; a full timestamp when the sentence names the day, else a time of day."""
    found = clock.interval(parts)
    at = clock.minute_of_day(parts)
    if found is None or at is None:
        return None
    day = _day_of(parts, published)
    zone = clock.zone_of(parts.get("zone", ""), day or published)
    low, high, low_open, high_open, approx = found
    zone_text = re.sub(r"\s+", "", parts.get("zone", "")).upper() if zone is not None else ""
    return Value(
        clock.stamp(low, day),
        clock.stamp(high, day),
        zone_text or "local",
        approx,
        clock.display(parts, at[0], zone_text),
        low_open=low_open,
        high_open=high_open,
        utc_offset=clock.offset_text(zone) if zone is not None else "",
    )


def _day_of(parts: dict[str, str], published: date | None) -> date | None:
    """The day a date in the same sentence names (pieces "day_*" attached by the extractor)."""
    day_parts = {k[4:]: v for k, v in parts.items() if k.startswith("day_")}
    if not day_parts:
        return None
    found = dates.absolute(day_parts) if day_parts.get("y") else None
    if found is None:
        relative = dates.relative(day_parts, day_parts.get("rel", ""), published)
        found = (relative[0], relative[1]) if relative[0] is not None else None
    if found is None or found[0][0] != found[0][1]:
        return None
    return found[0][0]


def date_value(mention: Mention, parts: dict[str, str], published: date | None, settings: Settings) -> Value | None:
    if parts.get("rel") or parts.get("wd") or (parts.get("d") and not parts.get("y")):
        interval, granularity = dates.relative(parts, mention.text, published)
        if interval is None:
            return Value(None, None, "date", False, mention.text, relative=True)
        return Value(
            interval[0].isoformat(),
            interval[1].isoformat(),
            "date",
            granularity in ("month", "year", "relative"),
            _date_text(interval, granularity),
            relative=False,
        )
    found = dates.absolute(parts)
    if found is None:
        return None
    interval, granularity = found
    return Value(interval[0].isoformat(), interval[1].isoformat(), "date", False, _date_text(interval, granularity))


def _date_text(interval: tuple[date, date], granularity: str) -> str:
    first, last = interval
    if first == last:
        return first.isoformat()
    if granularity == "year" and first.month == 1 and last.month == 12:
        return str(first.year)
    if granularity == "month" and first.day == 1:
        return first.strftime("%Y-%m")
    return f"{first.isoformat()}..{last.isoformat()}"
