"""Mentions -> Claims: numbers, qualifiers and units become the interval the words allow.

A round figure covers what rounding allows ("$14 billion" is [13.5, 14.5) billion), qualifiers
open or widen the interval ("over 10x" is [10, ∞), "roughly 3 billion" is widened by the
configured tolerance), and relative dates are resolved against the source's publication date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import cast

from factcheck import fingerprint, vocabulary
from factcheck.config import Settings
from factcheck.model import DAYS_PER_UNIT as DURATION_UNITS
from factcheck.model import Claim, Kind, Mention, Source, Value
from factcheck.normalize import dates, quantities
from factcheck.normalize.numbers import VAGUE, ordinal_value, parse_number, scale_of, word_number
from factcheck.normalize.when import as_of, date_value, time_value

APPROX = vocabulary.QUALIFIERS["approx"]
OVER = vocabulary.QUALIFIERS["over"]
AT_LEAST = vocabulary.QUALIFIERS["at_least"]
NEARLY = vocabulary.QUALIFIERS["nearly"]
AT_MOST = vocabulary.QUALIFIERS["at_most"]
UNDER = vocabulary.QUALIFIERS["under"]
POSTFIX_AT_LEAST = {"more", "over", "above"}
POSTFIX_AT_MOST = {"fewer", "less"}
CURRENCIES = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "dollars": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pounds": "GBP",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "inr": "INR",
    "rupees": "INR",
}
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹"}
MULTIPLIER_VERBS = {
    "doubled": 2,
    "doubling": 2,
    "tripled": 3,
    "tripling": 3,
    "quadrupled": 4,
    "halved": 0.5,
    "halving": 0.5,
}
LESS_WORDS = {"less", "fewer", "slower", "cheaper", "smaller", "lower"}


def normalize_mentions(
    mentions: Iterable[Mention], sources: Mapping[str, Source], settings: Settings
) -> tuple[Claim, ...]:
    claims: list[Claim] = []
    seen: Counter[tuple[str, ...]] = Counter()
    mentions = list(mentions)
    anchors = _stated_anchors(mentions)
    for mention in mentions:
        source = sources[mention.source_id]
        yearless = mention.kind is Kind.DATE and mention.part("mon") and mention.part("d") and not mention.part("y")
        when = source.published or (anchors.get(mention.source_id) if yearless else None)
        value = to_value(mention, when, settings)
        if value is None:
            continue
        key = (mention.source_id, mention.kind.value, mention.subject, mention.attribute, value_key(value))
        seen[key] += 1
        claims.append(
            Claim(
                id=fingerprint.claim_id(*key, occurrence=seen[key]),
                source_id=mention.source_id,
                start=mention.start,
                end=mention.end,
                text=mention.text,
                sentence=" ".join(source.text[mention.sentence_start : mention.sentence_end].split()),
                subject=mention.subject,
                attribute=value.dimension
                if mention.part("scalename")
                else mention.attribute,  # a reading on a scale measures the scale
                attribute_words=mention.attribute_words,
                kind=mention.kind,
                value=value,
                as_of=as_of(mention.time_text, source.published),
                confidence=mention.confidence,
                pattern=mention.pattern,
                role=mention.role
                or ("conversion" if mention.part("conversion_of") and mention.kind is not Kind.MONEY else ""),
                scoped=bool(mention.time_text) and as_of(mention.time_text, source.published) is not None,
                evidence=mention.evidence,
            )
        )
    return tuple(claims)


# A conversion in brackets ("30 km (19 miles)") is the same claim said twice. A measurement's
# conversion gets the role "conversion" so it never groups with the figure it converts; a money
# conversion is in another currency, never compared with its anchor, and links the story to what
# other outlets say in that currency.


def _stated_anchors(mentions: list[Mention]) -> dict[str, date]:
    """With no publication date, "July 14" takes its year from the latest full date the article
    itself states ("August 23, 2023"); an article rarely spans a new year."""
    anchors: dict[str, date] = {}
    for mention in mentions:
        if mention.kind is Kind.DATE and mention.part("y") and mention.part("d"):
            found = dates.absolute(dict(mention.parts))
            if found is not None and found[0][0] == found[0][1]:
                anchors[mention.source_id] = max(found[0][0], anchors.get(mention.source_id, found[0][0]))
    return anchors


def value_key(value: Value) -> str:
    return f"{value.unit}:{value.low}:{value.high}:{value.direction}"


def to_value(mention: Mention, published: date | None, settings: Settings) -> Value | None:
    parts = dict(mention.parts)
    handler = _HANDLERS[mention.kind]
    return handler(mention, parts, published, settings)


# ------------------------------------------------------------------------------- numbers


def _figure(number: str, scale: str) -> tuple[float, float, float] | None:
    """(stated value, low, high) of a figure with its rounding interval."""
    parsed = parse_number(number)
    if parsed is None:
        return None
    value, half = parsed
    factor = scale_of(scale)
    return value * factor, (value - half) * factor, (value + half) * factor


def _qualified(
    parts: dict[str, str], stated: float, low: float, high: float, settings: Settings, plus: bool = False
) -> tuple[float | None, float | None, bool, bool, bool]:
    """Apply a qualifier: (low, high, low_open, high_open, approx)."""
    qual = (parts.get("qual") or "").strip().lower()
    post = (parts.get("post") or "").lower()
    if post in POSTFIX_AT_LEAST:
        qual = "at least"
    elif post in POSTFIX_AT_MOST:
        qual = "up to"
    tol = settings.approx_tolerance
    if plus or qual in OVER:
        return stated, None, qual in OVER and not plus, False, False
    if qual in AT_LEAST:
        return stated, None, False, False, False
    if qual in NEARLY:
        return stated * (1 - settings.nearly_tolerance), stated, False, True, True
    if qual in AT_MOST:
        return None, stated, False, False, False
    if qual in UNDER:
        return None, stated, False, True, False
    if qual in APPROX:
        return low * (1 - tol), high * (1 + tol), False, False, True
    open_high = high != low
    return low, high, False, open_high, False


def _tidy(x: float | None) -> float | None:
    if x is None:
        return None
    rounded = float(f"{x:.10g}")
    return int(rounded) if rounded.is_integer() else rounded


def _compact(x: float) -> str:
    for factor, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(x) >= factor:
            return f"{x / factor:.4g}{suffix}"
    return f"{x:.4g}"


def _display(prefix: str, stated: float, stated2: float | None, unit: str, parts: dict[str, str], plus: bool) -> str:
    qual = (parts.get("qual") or "").strip().lower()
    mark = (
        ">"
        if qual in OVER
        else "≥"
        if qual in AT_LEAST or plus
        else "<"
        if qual in UNDER
        else "≤"
        if qual in AT_MOST
        else "~"
        if qual in APPROX
        else "<~"
        if qual in NEARLY
        else ""
    )
    body = _compact(stated) + (f"–{_compact(stated2)}" if stated2 is not None else "")
    if unit in ("%", "x"):
        return f"{mark}{body}{unit}"
    return f"{mark}{prefix}{body}{(' ' + unit) if unit and not prefix else ''}"


def _numeric(
    mention: Mention, parts: dict[str, str], settings: Settings, unit: str, prefix: str = "", direction: str = ""
) -> Value | None:
    if parts.get("vague"):
        low, high = VAGUE[parts["vague"].lower()]
        return Value(
            _tidy(low),
            _tidy(high),
            unit,
            True,
            f"{parts['vague'].lower()} ({_compact(low)}–{_compact(high)})",
            high_open=True,
            direction=direction,
        )
    scale = parts.get("scale") or parts.get("suffix") or ""
    scale2 = parts.get("scale2") or parts.get("suffix2") or ""
    first = _figure(parts.get("num") or parts.get("word") or "", scale or scale2)
    if first is None:
        return None
    plus = bool(parts.get("plus"))
    if parts.get("num2"):
        second = _figure(parts["num2"], scale2 or scale)
        if second is None:
            return None
        low, high = min(first[1], second[1]), max(first[2], second[2])
        if (parts.get("qual") or "").strip().lower() in APPROX:
            low, high = low * (1 - settings.approx_tolerance), high * (1 + settings.approx_tolerance)
        return Value(
            _tidy(low),
            _tidy(high),
            unit,
            False,
            _display(prefix, first[0], second[0], unit, {}, False),
            direction=direction,
        )
    stated, low, high = first
    lo, hi, lo_open, hi_open, approx = _qualified(parts, stated, low, high, settings, plus)
    return Value(
        _tidy(lo),
        _tidy(hi),
        unit,
        approx,
        _display(prefix, stated, None, unit, parts, plus),
        low_open=lo_open,
        high_open=hi_open,
        direction=direction,
    )


def _money(mention: Mention, parts: dict[str, str], published: date | None, settings: Settings) -> Value | None:
    currency = CURRENCIES.get((parts.get("cur") or "$").strip().lower(), "USD")
    symbol = CURRENCY_SIGNS[currency]
    value = _numeric(mention, parts, settings, currency, prefix=symbol)
    return value


def _percent(mention: Mention, parts: dict[str, str], published: date | None, settings: Settings) -> Value | None:
    unit = "pp" if "point" in (parts.get("unit") or "") else "%"
    return _numeric(mention, parts, settings, unit)


def _count(mention: Mention, parts: dict[str, str], published: date | None, settings: Settings) -> Value | None:
    noun = parts.get("noun") or mention.attribute or "items"
    return _numeric(mention, parts, settings, noun)


def _score(mention: Mention, parts: dict[str, str], published: date | None, settings: Settings) -> Value | None:
    unit = "%" if parts.get("pct") or parts.get("unit") == "%" else "points"
    return _numeric(mention, parts, settings, unit)


def _age(mention: Mention, parts: dict[str, str], published: date | None, settings: Settings) -> Value | None:
    number = parse_number(parts.get("num", ""))
    if number is None:
        return None
    years = int(number[0])
    if not 0 < years < 130:
        return None
    return Value(years, years, "year", False, str(years))


def _multiplier(mention: Mention, parts: dict[str, str], published: date | None, settings: Settings) -> Value | None:
    direction = "less" if (parts.get("dir") or "").lower() in LESS_WORDS else "more" if parts.get("dir") else ""
    if parts.get("verb"):
        factor = MULTIPLIER_VERBS[parts["verb"].lower()]
        return Value(factor, factor, "x", False, f"{factor:g}x", direction=direction)
    if "magnitude" in mention.text.lower():
        orders = word_number(parts.get("word", "one")) or 1
        stated = 10.0**orders
        lo, hi, lo_open, hi_open, approx = _qualified(parts, stated, stated / 10**0.5, stated * 10**0.5, settings)
        return Value(
            _tidy(lo),
            _tidy(hi),
            "x",
            approx or not parts.get("qual"),
            _display("", stated, None, "x", parts, False),
            low_open=lo_open,
            high_open=hi_open,
            direction=direction,
        )
    return _numeric(mention, parts, settings, "x", direction=direction)


def _rank(mention: Mention, parts: dict[str, str], published: date | None, settings: Settings) -> Value | None:
    if parts.get("top"):
        n = parse_number(parts["top"]) or (word_number(parts["top"]) or 0, 0)
        top = int(n[0]) if isinstance(n, tuple) else int(n)
        return Value(1, top, "rank", False, f"top {top}") if top > 0 else None
    if parts.get("list") or parts.get("single"):
        ahead = 1 if parts.get("single") else len(re.split(r",\s+(?:and\s+)?|\s+and\s+", parts["list"].strip()))
        return Value(ahead + 1, ahead + 1, "rank", False, f"#{ahead + 1} (behind {ahead})")
    if parts.get("scope") and parts.get("sup"):  # "the largest jump ever": first place
        return Value(1, 1, "rank", False, f"#1 ({parts['sup'].lower()})")
    position = ordinal_value(parts.get("ord", "")) if parts.get("ord") else None
    if position is None and parts.get("num"):
        position = int(parts["num"])
    if not position:
        return None
    return Value(position, position, "rank", False, f"#{position}")


def _duration(mention: Mention, parts: dict[str, str], published: date | None, settings: Settings) -> Value | None:
    unit = (parts.get("unit") or "").lower().rstrip("s")
    unit = {"hr": "hour", "min": "minute", "sec": "second"}.get(unit, unit)  # "2 hrs", "45 mins"
    if unit not in DURATION_UNITS:
        return None
    number = parts.get("num", "")
    value = 1.0 if number.lower() in ("a", "an") else (parse_number(number) or (None, 0))[0]
    if value is None:
        return None
    rounding = {**parts, "num": "one" if number.lower() in ("a", "an") else number}
    result = _numeric(mention, rounding, settings, unit)
    if result is None or value == 1:
        return result
    return replace(result, text=result.text.replace(f" {unit}", f" {unit}s"))


def _quantity(mention: Mention, parts: dict[str, str], published: date | None, settings: Settings) -> Value | None:
    """A measurement in its stated unit, with the same interval in SI; or a reading on a named scale."""
    scale_name = parts.get("scalename") or parts.get("scalename2") or ""
    if scale_name:
        scale = quantities.scale_dimension(scale_name) or quantities.scale_dimension(parts.get("levelword", ""))
        number = parts.get("num") or parts.get("num2x") or ""
        if not scale or not number:
            return None
        rounding = {"num": number, "qual": parts.get("qual", "")}
        if "." in number or scale == "magnitude":
            read = _numeric(mention, rounding, settings, scale)
            if read is None:
                return None
            value = replace(read, text=f"{scale} {number}")
        else:  # categories and levels are whole steps
            value = Value(int(number), int(number), scale, False, f"{scale} {number}")
        low, high = _numbers(value)
        return replace(value, si_low=low, si_high=high, dimension=scale)
    unit = quantities.parse_unit(parts.get("unit", ""))
    if unit is None:
        return None
    measured = _numeric(mention, parts, settings, quantities.symbol(unit))
    if measured is None:
        return None
    value = measured
    low, high = _numbers(value)
    if parts.get("neg"):  # "minus 5C": the interval flips
        low, high = (None if high is None else -high), (None if low is None else -low)
        value = replace(
            value,
            low=low,
            high=high,
            low_open=value.high_open,
            high_open=value.low_open,
            text="-" + value.text.lstrip("~<>≤≥"),
        )
    return replace(
        value,
        si_low=quantities.to_si(low, unit),
        si_high=quantities.to_si(high, unit),
        dimension=quantities.dimension(unit),
    )


def _numbers(value: Value) -> tuple[float | None, float | None]:
    """The low and high of a measurement or a reading: numbers, never the ISO text of a date."""
    return cast("float | None", value.low), cast("float | None", value.high)


def _state(mention: Mention, parts: dict[str, str], published: date | None, settings: Settings) -> Value | None:
    if parts.get("facets"):  # a fact in words, with what it asserts and excludes (extract/states.py)
        return Value(
            None,
            None,
            "state",
            False,
            parts.get("shown", ""),
            facets=parts["facets"],
            excludes=parts.get("excludes", ""),
            follows=parts.get("follows", ""),
        )
    if mention.kind is Kind.ROLE:
        title = re.sub(r"\s+", " ", parts.get("title", "")).strip()
        modifier = (parts.get("mod") or "").lower().rstrip("-")
        return Value(None, None, "state", False, f"{modifier} {title}".strip())
    state = parts.get("state", "")
    return Value(None, None, "state", False, state) if state else None


_HANDLERS = {
    Kind.STATUS: _state,
    Kind.ROLE: _state,
    Kind.MONEY: _money,
    Kind.PERCENT: _percent,
    Kind.COUNT: _count,
    Kind.SCORE: _score,
    Kind.AGE: _age,
    Kind.MULTIPLIER: _multiplier,
    Kind.RANK: _rank,
    Kind.DURATION: _duration,
    Kind.DATE: date_value,
    Kind.QUANTITY: _quantity,
    Kind.TIME: time_value,
}
