"""Measurements -> values in the stated unit plus the same interval in SI, through pint.

Rounding and qualifiers apply in the unit the article used ("500 feet" is [499.5, 500.5) ft);
the SI bounds are those ends converted, so "500 feet" and "152 m" can be compared. A reading on
a named scale (earthquake magnitude, hurricane category) has the scale as its dimension.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def _data() -> dict[str, dict[str, str]]:
    return tomllib.loads(resources.files("factcheck.normalize").joinpath("units.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def registry() -> Any:
    """pint's registry takes about a second to build: only when a text states a measurement."""
    import pint

    return pint.UnitRegistry()


def scale_dimension(name: str) -> str:
    """'on the Richter scale' -> 'magnitude'; '' when the words name no scale we know."""
    return _data()["scales"].get(re.sub(r"\s+", " ", name.strip().lower()), "")


def _pint_expression(surface: str) -> list[str]:
    """Spellings to try, most literal first: symbols keep their case ("MW" is not "mW")."""
    text = re.sub(r"\s+", " ", surface.strip()).replace("º", "°").replace("° ", "°")
    lowered = text.lower()
    spellings = _data()["spellings"]
    if lowered in spellings:
        return [spellings[lowered]]
    lowered = re.sub(r"^degrees? ", "", lowered)
    if lowered in spellings:
        return [spellings[lowered]]
    per = re.match(r"(.+?)\s+(?:per|an?)\s+(second|minute|hour)$", text, re.I)
    if per:  # "m per second", "miles an hour"
        return [f"{per.group(1)}/{per.group(2).lower()}", f"{per.group(1).lower()}/{per.group(2).lower()}"]
    power = ""
    found = re.match(r"(square|sq\.?|cubic|cu\.?) ?(.+)$", text, re.I)
    if found:
        power = " ** 2" if found.group(1).lower().startswith("s") else " ** 3"
        text = found.group(2)
        lowered = text.lower()
    words = re.sub(r"[\s-]+", "_", text)
    lower_words = re.sub(r"[\s-]+", "_", lowered)
    candidates = [words, lower_words, lower_words.rstrip("s") if len(lower_words) > 3 else lower_words]
    return [c.replace("²", "**2").replace("³", "**3") + power for c in dict.fromkeys(candidates)]


@lru_cache(maxsize=256)
def parse_unit(surface: str) -> Any | None:
    """The pint unit a printed unit means, or None."""
    ureg = registry()
    for expression in _pint_expression(surface):
        try:
            return ureg.parse_units(expression)
        except Exception:  # pint raises several error types for unknown names
            continue
    return None


def symbol(unit: Any) -> str:
    return f"{unit:~}".replace(" ** 2", "²").replace(" ** 3", "³").replace(" / ", "/")


NAMED_DIMENSIONS = (
    "[length]",
    "[area]",
    "[volume]",
    "[mass]",
    "[time]",
    "[temperature]",
    "[velocity]",
    "[acceleration]",
    "[energy]",
    "[power]",
    "[pressure]",
    "[force]",
    "[frequency]",
)
"""Dimensions pint defines by name, reported by name rather than as base-unit products."""


def dimension(unit: Any) -> str:
    """'length', 'area', 'power' ...; data sizes are 'information'."""
    ureg = registry()
    dimensionality = ureg.Quantity(1, unit).dimensionality
    for name in NAMED_DIMENSIONS:
        if ureg.get_dimensionality(name) == dimensionality:
            return name.strip("[]")
    found = str(dimensionality)
    if found == "dimensionless":
        try:
            registry().Quantity(1, unit).to("bit")
            return "information"
        except Exception:
            return ""
    return found


def to_si(value: float | None, unit: Any) -> float | None:
    """One end of an interval in SI base units; temperatures convert as absolute values."""
    if value is None:
        return None
    converted = registry().Quantity(value, unit).to_base_units().magnitude
    return float(f"{converted:.12g}")
