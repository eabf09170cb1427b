from __future__ import annotations

import pytest

from factcheck.normalize.numbers import ordinal_value, parse_number, word_number


@pytest.mark.parametrize(
    "text,value,half",
    [
        ("29", 29, 0.5),
        ("2.96", 2.96, 0.005),
        ("14.3", 14.3, 0.05),
        ("691,000", 691000, 500),
        ("12,000", 12000, 500),
        ("1,234,567", 1234567, 0.5),
        ("three", 3, 0),
        ("twenty-four", 24, 0),
    ],
)
def test_parse_number_gives_value_and_rounding(text, value, half):
    parsed = parse_number(text)
    assert parsed[0] == pytest.approx(value) and parsed[1] == pytest.approx(half)


@pytest.mark.parametrize(
    "text,value",
    [
        ("one and a half million", 1_500_000),
        ("a dozen", 12),
        ("two hundred", 200),
        ("ninety-nine", 99),
        ("five thousand", 5000),
        ("may", None),
        ("first", None),
    ],
)
def test_word_numbers(text, value):
    assert word_number(text) == value


@pytest.mark.parametrize("text,value", [("fourth", 4), ("4th", 4), ("21st", 21), ("first", 1), ("fourths", None)])
def test_ordinals(text, value):
    assert ordinal_value(text) == value


# ------------------------------------------------------------------ measurements (pint)

from datetime import date  # noqa: E402

from hypothesis import HealthCheck, given  # noqa: E402
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from factcheck.config import Settings  # noqa: E402
from factcheck.extract import extract_mentions  # noqa: E402
from factcheck.model import Source  # noqa: E402
from factcheck.normalize import (  # noqa: E402
    clock,
    normalize_mentions,  # noqa: E402
    quantities,
)

PRINTED_UNITS = [
    "km",
    "kilometres",
    "miles",
    "feet",
    "ft",
    "m",
    "mm",
    "tonnes",
    "kg",
    "pounds",
    "°C",
    "°F",
    "mph",
    "km/h",
    "sq ft",
    "cubic metres",
    "acres",
    "MW",
    "GWh",
    "kWh",
    "GB",
    "TB",
    "hPa",
    "litres",
]


@pytest.mark.parametrize("printed", PRINTED_UNITS)
def test_every_printed_unit_is_read_by_pint(printed):
    unit = quantities.parse_unit(printed)
    assert unit is not None and quantities.dimension(unit)


@hyp_settings(max_examples=60, deadline=None)
@given(st.sampled_from(PRINTED_UNITS), st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_conversion_to_si_round_trips(printed, value):
    unit = quantities.parse_unit(printed)
    si = quantities.to_si(value, unit)
    back = quantities.registry().Quantity(si, quantities.registry().Quantity(1, unit).to_base_units().units).to(unit)
    assert back.magnitude == pytest.approx(value, rel=1e-9, abs=1e-6)


@hyp_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["km", "miles", "feet", "tonnes", "kg", "mph", "MW", "GB", "°C", "sq ft", "cubic metres"]),
    st.integers(min_value=1, max_value=99_999),
    st.sampled_from(["", ".5", ".25"]),
    st.sampled_from(["", "about ", "over ", "nearly ", "up to "]),
)
def test_si_interval_holds_the_stated_value(blank_pipeline, printed, whole, decimals, qualifier):
    text = f"The survey measured {qualifier}{whole}{decimals} {printed} at the site."
    source = Source(id="t", path="t.txt", text=text, format="txt", sha256="")
    claims = [
        c
        for c in normalize_mentions(extract_mentions([source], blank_pipeline).mentions, {"t": source}, Settings())
        if c.kind.value == "quantity"
    ]
    assert len(claims) == 1
    value = claims[0].value
    stated_si = quantities.to_si(float(f"{whole}{decimals}"), quantities.parse_unit(printed))
    low = float("-inf") if value.si_low is None else value.si_low
    high = float("inf") if value.si_high is None else value.si_high
    assert low <= high
    assert value.low is None or value.high is None or value.low <= value.high
    assert low - 1e-9 * abs(low) <= stated_si <= high + 1e-9 * abs(high)


@pytest.mark.parametrize("zone,offset_hours", [("GMT", 0), ("IST", 5.5), ("EAT", 3), ("GMT+8", 8), ("UTC-5", -5)])
def test_printed_zones_are_offsets(zone, offset_hours):
    assert clock.zone_of(zone, date(2024, 1, 2)).utcoffset(None).total_seconds() == offset_hours * 3600


def test_region_zones_follow_summer_time():
    assert clock.zone_of("ET", date(2024, 1, 15)).utcoffset(None).total_seconds() == -5 * 3600
    assert clock.zone_of("ET", date(2024, 7, 15)).utcoffset(None).total_seconds() == -4 * 3600
