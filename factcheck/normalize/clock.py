"""Clock times -> the interval of minutes the words allow, on a day when one is known.

"9:12 pm" is the minute [21:12, 21:13); "7pm" is stated to the hour, so rounding gives
[18:30, 19:30); "around 3 p.m." widens by 15 minutes either side and "shortly before 6" is
[5:45, 6:00). A zone turns the time into an instant ("0700 GMT" and "9.40am EAT" compare);
with a day named in the sentence it becomes a full date-time. The unit names the zone as printed
("IST", "GMT"; "local" when none is), the offset goes in `utc_offset`.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo

APPROX_MINUTES = 15
"""How far "around", "about", "shortly before/after" stretch a clock time."""
JUST_MINUTES = 5
"""How far "just before/after" stretch a clock time."""


@lru_cache(maxsize=1)
def _zones() -> dict[str, dict[str, str]]:
    return tomllib.loads(resources.files("factcheck.normalize").joinpath("timezones.toml").read_text("utf-8"))


def zone_of(text: str, day: date | None) -> timezone | None:
    """A printed zone ("IST", "GMT+8", "ET") as a fixed offset; None for "local time" or unknown."""
    text = (text or "").strip()
    offset = re.fullmatch(r"(?:GMT|UTC)\s?([+-])\s?(\d{1,2})(?::?(\d\d))?", text)
    if offset:
        sign = -1 if offset.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=int(offset.group(2)), minutes=int(offset.group(3) or 0)))
    fixed = _zones()["offsets"].get(text)
    if fixed:
        sign = -1 if fixed[0] == "-" else 1
        hours, minutes = fixed[1:].split(":")
        return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
    region = _zones()["regions"].get(text)
    if region:
        when = datetime.combine(day or date(2000, 1, 15), datetime.min.time())
        return timezone(ZoneInfo(region).utcoffset(when))  # type: ignore[arg-type]  # a zone always has an offset
    return None


def minute_of_day(parts: dict[str, str]) -> tuple[int, bool] | None:
    """(minutes after midnight, stated to the minute) or None when the hour is impossible."""
    named = (parts.get("named") or "").lower()
    if named:
        return (0 if named == "midnight" else 720), True
    try:
        hour = int(parts.get("h", ""))
    except ValueError:
        return None
    minute = int(parts["min"]) if parts.get("min") else 0
    ampm = (parts.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return hour * 60 + minute, bool(parts.get("min"))


def interval(parts: dict[str, str]) -> tuple[float | None, float | None, bool, bool, bool] | None:
    """(low, high, low_open, high_open, approx) in minutes after midnight; None ends are open."""
    found = minute_of_day(parts)
    if found is None:
        return None
    at, to_minute = found
    qual = re.sub(r"\s+", " ", (parts.get("tqual") or "").lower()).strip()
    if qual in ("shortly before", "some time before"):
        return at - APPROX_MINUTES, at, False, True, True
    if qual == "just before":
        return at - JUST_MINUTES, at, False, True, True
    if qual in ("shortly after", "soon after"):
        return at, at + APPROX_MINUTES, True, False, True
    if qual == "just after":
        return at, at + JUST_MINUTES, True, False, True
    if qual == "before":
        return None, at, False, True, False
    if qual in ("by", "until"):
        return None, at, False, False, False
    if qual in ("after", "some time after"):
        return at, None, True, False, False
    low, high = (at, at + 1) if to_minute else (at - 30, at + 30)
    if qual:  # around, about, at about, approximately, roughly
        return low - APPROX_MINUTES, high + APPROX_MINUTES, False, True, True
    return low, high, False, True, False


def stamp(minutes: float | None, day: date | None) -> str | None:
    """Minutes after midnight as ISO text: "YYYY-MM-DDTHH:MM" with a day, "HH:MM" without."""
    if minutes is None:
        return None
    base = datetime.combine(day or date(2000, 1, 1), datetime.min.time()) + timedelta(minutes=minutes)
    return base.isoformat(timespec="minutes") if day is not None else base.strftime("%H:%M")


def offset_text(zone: timezone) -> str:
    """ "+05:30" for India Standard Time."""
    seconds = int(zone.utcoffset(None).total_seconds())
    sign = "-" if seconds < 0 else "+"
    return f"{sign}{abs(seconds) // 3600:02d}:{abs(seconds) % 3600 // 60:02d}"


def display(parts: dict[str, str], minutes: int, zone_text: str) -> str:
    qual = (parts.get("tqual") or "").lower()
    mark = (
        "~"
        if qual in ("around", "about", "at about", "at around", "approximately", "roughly")
        else f"{qual} "
        if qual
        else ""
    )
    return f"{mark}{minutes // 60:02d}:{minutes % 60:02d}" + (f" {zone_text}" if zone_text else "")
