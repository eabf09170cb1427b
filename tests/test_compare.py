from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.compare import judge, overlaps
from factcheck.model import Claim, ClaimGroup, Kind, Status, Value


def v(low, high, unit="USD", low_open=False, high_open=True, direction=""):
    return Value(low, high, unit, False, f"{low}-{high}", low_open=low_open, high_open=high_open, direction=direction)


@pytest.mark.parametrize(
    "a,b,expected",
    [
        (v(13.5e9, 14.5e9), v(14.25e9, 14.35e9), True),  # $14 billion vs $14.3 billion
        (v(835e6, 845e6), v(0.85e9, 0.95e9), False),  # $840 million vs $0.9 billion
        (v(51.5, 52.5, "points"), v(52.5, 53.5, "points"), False),  # 52 vs 53: rounding ends touch, no overlap
        (v(29, 29, "year", high_open=False), v(28, 28, "year", high_open=False), False),
        (v(10, None, "x"), v(10, None, "x"), True),  # over 10x vs 10x+
        (v(2.5e9, 3.5e9, "users"), v(3.15e9, 3.25e9, "users"), True),
        (v("2025-06-01", "2025-06-30", "date"), v("2025-05-01", "2025-08-31", "date"), True),
        (v(2, 2, "year", high_open=False), v(24, 24, "month", high_open=False), True),
        (v(49, 49, "%"), v(49, 49, "pp"), None),
    ],
)
def test_overlap_semantics(a, b, expected):
    assert overlaps(a, b) is expected and overlaps(b, a) is expected


def _claim(cid, source, value, as_of=None, scoped=False):
    return Claim(cid, source, 0, 1, "x", "s " + cid, "Jane", "age", "", Kind.AGE, value, as_of, 0.9, "t", scoped=scoped)


def test_conflict_is_explainable_when_times_differ():
    a = _claim("a", "s1", Value(28, 28, "year", False, "28"), as_of="2025-06", scoped=True)
    b = _claim("b", "s2", Value(29, 29, "year", False, "29"))
    verdict = judge(ClaimGroup("g", "Jane", "age", Kind.AGE, None, ("a", "b")), [a, b], {})
    assert verdict.status is Status.CONFLICT and verdict.severity == "explainable"
    assert "28" in verdict.explanation and "29" in verdict.explanation


def test_one_source_only_is_single_source():
    a = _claim("a", "s1", Value(28, 28, "year", False, "28"))
    verdict = judge(ClaimGroup("g", "Jane", "age", Kind.AGE, None, ("a",)), [a], {})
    assert verdict.status is Status.SINGLE_SOURCE


def test_copied_sentences_count_once_in_consensus():
    claims = [_claim(c, s, Value(9, 9, "year", False, "9")) for c, s in (("a", "s1"), ("b", "s2"))]
    claims.append(_claim("c", "s3", Value(8, 8, "year", False, "8")))
    group = ClaimGroup("g", "Jane", "age", Kind.AGE, None, ("a", "b", "c"), copies=(("b", "a"),))
    verdict = judge(group, claims, {})
    nine = next(s for s in verdict.values if s.value.text == "9")
    assert nine.source_ids == ("s1", "s2") and nine.independent_sources == 1


def _count(cid, source, low, high, running=True):
    from factcheck.model import Evidence

    return Claim(
        cid,
        source,
        0,
        1,
        "x",
        "s " + cid,
        "",
        "deaths",
        "",
        Kind.COUNT,
        Value(low, high, "people", False, f"{low}+" if high is None else str(low)),
        None,
        0.9,
        "t",
        evidence=Evidence(measured=("people",), running=running),
    )


@pytest.mark.parametrize(
    "a,b,status,severity",
    [
        ((41, None), (380, None), Status.CONFLICT, "explainable"),  # at least 41 / at least 380: the toll rose
        ((95, 95), (88, 88), Status.CONFLICT, "explainable"),  # rose to 95 / now stands at 88: revised
        ((41, None), (41, 41), Status.CONSISTENT, ""),  # at least 41 / 41
        ((17, None), (16.5, 17.5), Status.CONSISTENT, ""),  # at least 17 / 17 as the words allow it
    ],
)
def test_running_counts(a, b, status, severity):
    from datetime import date

    first, second = _count("a", "s1", *a), _count("b", "s2", *b)
    verdict = judge(
        ClaimGroup("g", "", "deaths", Kind.COUNT, None, ("a", "b")),
        [first, second],
        {"s1": date(2024, 1, 2), "s2": date(2024, 1, 3)},
    )
    assert verdict.status is status and verdict.severity == severity
    if status is Status.CONFLICT:
        assert verdict.explanation.index(f"({'s2'}, 2024-01-03)") < verdict.explanation.index("(s1, 2024-01-02)")


def test_floors_of_a_count_that_does_not_grow_agree():
    first, second = _count("a", "s1", 41, None, running=False), _count("b", "s2", 380, None, running=False)
    verdict = judge(ClaimGroup("g", "", "seats", Kind.COUNT, None, ("a", "b")), [first, second], {})
    assert verdict.status is Status.CONSISTENT


def test_conflicts_are_ordered_by_severity_then_confidence():
    from factcheck.compare import compare_groups

    claims = {
        c.id: c
        for c in (
            _claim("a", "s1", Value(28, 28, "year", False, "28")),
            _claim("b", "s2", Value(29, 29, "year", False, "29")),
            _claim("c", "s1", Value(40, 40, "year", False, "40")),
            _claim("d", "s2", Value(45, 45, "year", False, "45")),
        )
    }
    low = ClaimGroup("g-low", "Jane", "age", Kind.AGE, None, ("a", "b"), confidence=0.6)
    high = ClaimGroup("g-high", "Jane", "age", Kind.AGE, None, ("c", "d"), confidence=0.9)
    assert [v.group.id for v in compare_groups([low, high], claims, {})] == ["g-high", "g-low"]


# ------------------------------------------------------------------ distinct values, not claim pairs


from factcheck.compare import check_direction_opposite, check_value_disjoint  # noqa: E402

_VALUES = [
    v(28, 28, "year", high_open=False),
    v(29, 29, "year", high_open=False),
    v(27, 30, "year"),
    v(10, None, "x", direction="less"),
    v(10, None, "x", direction="more"),
    v(5, 5, "%", high_open=False),
    v(5, 5, "pp", high_open=False),
    v(3, 3, "year", low_open=True, high_open=True),
]


def _every_pair(claims, clash):
    """What the checks computed before: every pair in order; the verdict used the first."""
    return [(a, b) for i, a in enumerate(claims) for b in claims[i + 1 :] if clash(a.value, b.value)]


@given(st.lists(st.sampled_from(range(len(_VALUES))), max_size=30))
def test_the_first_clashing_pair_is_the_one_every_pair_gave_first(indices):
    claims = [_claim(f"c{n}", f"s{n % 3}", _VALUES[i]) for n, i in enumerate(indices)]
    disjoint = _every_pair(claims, lambda a, b: overlaps(a, b) is False)[:1]
    opposite = _every_pair(claims, lambda a, b: bool(a.direction and b.direction and a.direction != b.direction))[:1]
    assert check_value_disjoint(claims) == disjoint
    assert check_direction_opposite(claims) == opposite


def test_a_large_group_compares_its_distinct_values_only(monkeypatch):
    import factcheck.compare as compare

    calls = []
    monkeypatch.setattr(compare, "overlaps", lambda a, b: calls.append(1) or overlaps(a, b))
    claims = [_claim(f"c{n}", f"s{n}", _VALUES[n % 2]) for n in range(2000)]
    assert check_value_disjoint(claims) == [(claims[0], claims[1])]
    assert len(calls) == 4


# ---------------------------------------------------------------- the running count without every pair


def every_moving_pair(claims):
    """The check as it was: every pair, in claim order (the oracle)."""
    from factcheck.compare import _floor

    return [
        (a, b)
        for i, a in enumerate(claims)
        for b in claims[i + 1 :]
        if a.kind is Kind.COUNT
        and b.kind is Kind.COUNT
        and a.source_id != b.source_id
        and (a.evidence.running or b.evidence.running)
        and overlaps(a.value, b.value)
        and (a.value.high is None or b.value.high is None)
        and _floor(a) != _floor(b)
    ]


def first_naming(pairs):
    seen, out = set(), []
    for a, b in pairs:
        if a.id not in seen or b.id not in seen:
            out.append((a, b))
            seen.update((a.id, b.id))
    return out


COUNTS = [
    Value(41, None, "people", False, "≥41", high_open=True),
    Value(41, 41, "people", False, "41"),
    Value(380, None, "people", False, "≥380", high_open=True),
    Value(38.4, None, "people", False, "≥38.4"),
    Value(400, 400, "people", False, "400"),
    Value(12, 15, "people", False, "12-15"),
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, len(COUNTS) - 1), st.integers(0, 3), st.booleans()), max_size=30),
    st.dictionaries(st.integers(0, 3), st.dates(), max_size=4),
)
def test_running_counts_name_the_claims_every_pair_names(spec, dates):
    from factcheck.compare import check_running_count
    from factcheck.model import Evidence

    claims = [
        Claim(
            f"c{n}",
            f"s{source}",
            n,
            n + 1,
            "x",
            f"s{n}",
            "",
            "deaths",
            "",
            Kind.COUNT,
            COUNTS[value],
            None,
            0.9,
            "t",
            evidence=Evidence(running=running),
        )
        for n, (value, source, running) in enumerate(spec)
    ]
    assert check_running_count(claims) == first_naming(every_moving_pair(claims))
    published = {f"s{k}": d for k, d in dates.items()}
    group = ClaimGroup("g", "", "deaths", Kind.COUNT, None, tuple(c.id for c in claims))
    if claims:
        assert judge(group, claims, published) == _judged_with_every_pair(group, claims, published)


def _judged_with_every_pair(group, claims, published):
    import factcheck.compare as compare

    real = compare.CHECKS["count.running"]
    compare.CHECKS["count.running"] = every_moving_pair
    try:
        return judge(group, claims, published)
    finally:
        compare.CHECKS["count.running"] = real


@pytest.mark.parametrize(
    "a,b,near",
    [
        (Value(20.55e9, 20.55e9, "USD", False, "a"), Value(20.62e9, 20.62e9, "USD", False, "b"), True),
        (Value(4.63, 4.63, "USD", False, "a"), Value(4.64, 4.64, "USD", False, "b"), True),
        (Value(29, 29, "year", False, "a"), Value(59, 59, "year", False, "b"), False),
        (Value(22, 22, "%", False, "a"), Value(27, 27, "%", False, "b"), False),  # a fifth apart
        (Value(23, None, "people", False, "a"), Value(412, 412, "people", False, "b"), False),  # as stated
        (Value(5, 5, "USD", False, "a"), Value(5, 5, "EUR", False, "b"), False),  # not comparable
        (Value("18:04", "18:04", "IST", False, "a"), Value("18:05", "18:05", "IST", False, "b"), True),
        (Value("17:20", "17:20", "IST", False, "a"), Value("17:45", "17:45", "IST", False, "b"), True),
        (Value("09:00", "09:00", "GMT", False, "a"), Value("21:00", "21:00", "GMT", False, "b"), False),
    ],
)
def test_values_near_enough_to_be_one_figure(a, b, near):
    from factcheck.values import nearly

    assert nearly(a, b) is near
    assert nearly(b, a) is near


@pytest.mark.parametrize(
    "first,second,severity",
    [
        (("09:12", "09:13"), ("09:13", "09:14"), "soft"),  # a minute apart
        (("09:12", "09:13"), ("09:16", "09:17"), "soft"),  # four minutes
        (("17:20", "17:21"), ("17:45", "17:46"), "hard"),  # a quarter of an hour and more
    ],
)
def test_clock_times_minutes_apart_are_a_soft_conflict(first, second, severity):
    claims = [
        Claim(
            cid,
            source,
            0,
            1,
            low,
            "s " + cid,
            "",
            "opening",
            "",
            Kind.TIME,
            Value(low, high, "local", False, low, high_open=True),
            None,
            0.9,
            "t",
        )
        for cid, source, (low, high) in (("a", "s1", first), ("b", "s2", second))
    ]
    verdict = judge(ClaimGroup("g", "", "opening", Kind.TIME, None, ("a", "b")), claims, {})
    assert verdict.status is Status.CONFLICT and verdict.severity == severity


@pytest.mark.parametrize(
    "a,b,ratio",
    [
        (Value(40, 40, "day", False, "a"), Value(40, 40, "day", False, "b"), 1.0),
        (Value(1, 1, "week", False, "a"), Value(7, 7, "day", False, "b"), 1.0),  # one scale for durations
        (Value(20, None, "people", False, "a"), Value(400, 400, "people", False, "b"), 20.0),  # as stated
        (Value("09:12", "09:13", "local", False, "a"), Value("09:13", "09:14", "local", False, "b"), None),
        (Value(0, 0, "USD", False, "a"), Value(5, 5, "USD", False, "b"), None),
    ],
)
def test_the_ratio_of_two_stated_figures(a, b, ratio):
    from factcheck.values import stated_ratio

    assert stated_ratio(a, b) == (None if ratio is None else pytest.approx(ratio))
