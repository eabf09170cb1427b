from __future__ import annotations

import pytest

from factcheck.normalize.numbers import ordinal_value, parse_number, word_number


@pytest.mark.parametrize("text,value,half", [
    ("29", 29, 0.5), ("2.96", 2.96, 0.005), ("14.3", 14.3, 0.05), ("691,000", 691000, 500),
    ("12,000", 12000, 500), ("1,234,567", 1234567, 0.5), ("three", 3, 0), ("twenty-four", 24, 0),
])
def test_parse_number_gives_value_and_rounding(text, value, half):
    parsed = parse_number(text)
    assert parsed[0] == pytest.approx(value) and parsed[1] == pytest.approx(half)


@pytest.mark.parametrize("text,value", [
    ("one and a half million", 1_500_000), ("a dozen", 12), ("two hundred", 200), ("ninety-nine", 99),
    ("five thousand", 5000), ("may", None), ("first", None),
])
def test_word_numbers(text, value):
    assert word_number(text) == value


@pytest.mark.parametrize("text,value", [("fourth", 4), ("4th", 4), ("21st", 21), ("first", 1), ("fourths", None)])
def test_ordinals(text, value):
    assert ordinal_value(text) == value
