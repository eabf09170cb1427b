"""Extraction and normalisation, table-driven: one line per phrase in tests/cases/*.tsv."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from factcheck.config import Settings
from factcheck.extract import extract_mentions
from factcheck.model import Source
from factcheck.normalize import normalize_mentions
from factcheck.values import overlaps

CASES = Path(__file__).parent / "cases"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (CASES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def claims_of(text: str, pipeline, published=None):
    source = Source(id="t", path="t.txt", text=text, format="txt", sha256="", published=published)
    extracted = extract_mentions([source], pipeline)
    assert not extracted.failed, extracted.failed[0].detail
    return normalize_mentions(extracted.mentions, {"t": source}, Settings())


def _num(text: str):
    if text == "-":
        return None
    try:
        return float(text)
    except ValueError:
        return text


@pytest.mark.parametrize(
    "sentence,surface,kind,low,high,unit", _rows("extraction.tsv"), ids=[row[1] for row in _rows("extraction.tsv")]
)
def test_phrase_is_extracted_as_interval(pipeline, sentence, surface, kind, low, high, unit):
    claims = [c for c in claims_of(sentence, pipeline) if c.text == surface]
    assert claims, f"no claim with surface {surface!r}; got {[c.text for c in claims_of(sentence, pipeline)]}"
    claim = claims[0]
    assert claim.kind.value == kind
    for expected, actual in ((_num(low), claim.value.low), (_num(high), claim.value.high)):
        if isinstance(expected, float):
            assert actual == pytest.approx(expected, rel=1e-6)
        else:
            assert actual == expected
    if unit != "-":
        assert claim.value.unit == unit


PUBLISHED = date(2023, 8, 23)
"""The publication date every sentence of measurements.tsv and comparisons.tsv is read with."""


@pytest.mark.parametrize(
    "sentence,surface,kind,low,high,unit,si_low,si_high,dimension",
    _rows("measurements.tsv"),
    ids=[row[1] for row in _rows("measurements.tsv")],
)
def test_measurement_is_extracted_with_unit_and_si(
    pipeline, sentence, surface, kind, low, high, unit, si_low, si_high, dimension
):
    found = claims_of(sentence, pipeline, published=PUBLISHED)
    claims = [c for c in found if c.text == surface]
    assert claims, f"no claim with surface {surface!r}; got {[c.text for c in found]}"
    value = claims[0].value
    assert claims[0].kind.value == kind
    for expected, actual in ((low, value.low), (high, value.high), (si_low, value.si_low), (si_high, value.si_high)):
        if isinstance(_num(expected), float):
            assert actual == pytest.approx(_num(expected), rel=1e-6)
        elif expected != "-":
            assert actual == expected
    assert unit == "-" or value.unit == unit
    assert dimension == "-" or value.dimension == dimension
    # a conversion in brackets is the same claim said twice: marked, so it never groups with the first
    said = sorted((c for c in found if c.kind.value == kind), key=lambda c: c.start)
    assert not said[0].role and all(c.role == "conversion" or c.value.unit != said[0].value.unit for c in said[1:])
    assert all(overlaps(said[0].value, c.value) is not False for c in said[1:])


@pytest.mark.parametrize(
    "first,second,kind,expected",
    _rows("comparisons.tsv"),
    ids=[f"{row[0][:30]}|{row[1][:30]}" for row in _rows("comparisons.tsv")],
)
def test_two_statements_compare(pipeline, first, second, kind, expected):
    a, b = (
        [c for c in claims_of(s, pipeline, published=PUBLISHED) if c.kind.value == kind][0] for s in (first, second)
    )
    assert overlaps(a.value, b.value) is {"agree": True, "conflict": False, "apart": None}[expected]


@pytest.mark.parametrize("sentence,kind", _rows("negatives.tsv"), ids=[row[0][:40] for row in _rows("negatives.tsv")])
def test_non_claims_yield_nothing(pipeline, sentence, kind):
    assert [c.text for c in claims_of(sentence, pipeline) if c.kind.value == kind] == []


def test_age_subject_comes_from_the_apposition(pipeline):
    claim = next(
        c
        for c in claims_of("Jane Okafor, the 31-year-old founder of Qubitly, spoke on Monday.", pipeline)
        if c.kind.value == "age"
    )
    assert claim.subject == "Jane Okafor"


def test_later_surname_resolves_to_full_name(pipeline):
    text = "Jane Okafor founded Qubitly in 2020.\nOkafor, 31, now leads a staff of 120."
    claim = next(c for c in claims_of(text, pipeline) if c.kind.value == "age")
    assert claim.subject == "Jane Okafor"


def test_plain_text_table_cells_take_row_and_column_headers(pipeline):
    text = (
        "Alpha Model beat Beta Model on most tests, and Gamma Model trailed.\n"
        "Benchmark Alpha Model Beta Model Gamma Model\n"
        "Reading Test 81.5% 79.0% 60.2%\n"
        "Maths Test 70.1% 72.4% 55.0%\n"
    )
    cells = {(c.subject, c.attribute, c.value.text) for c in claims_of(text, pipeline) if c.pattern == "table.cell.v1"}
    assert ("Alpha Model", "score on Reading Test", "81.5%") in cells
    assert ("Gamma Model", "score on Maths Test", "55%") in cells


def test_table_row_that_does_not_fit_the_header_yields_nothing(pipeline):
    text = (
        "Alpha Model beat Beta Model, and Gamma Model trailed.\n"
        "Benchmark Alpha Model Beta Model Gamma Model\n"
        "Reading Test 81.5% 79.0% 60.2%\n"
        "Maths Test 70.1% 72.4%\n"
    )
    found = [c.text for c in claims_of(text, pipeline) if c.start > text.index("Maths")]
    assert found == []


def test_relative_date_resolves_against_publication(pipeline):
    from datetime import date

    claim = next(
        c
        for c in claims_of("Llama 4 debuted last year to mixed reviews.", pipeline, date(2026, 4, 8))
        if c.text == "last year"
    )
    assert (claim.value.low, claim.value.high) == ("2025-01-01", "2025-12-31")


def test_relative_date_without_publication_is_kept_unresolved(pipeline):
    claim = next(c for c in claims_of("Llama 4 debuted last year to mixed reviews.", pipeline) if c.text == "last year")
    assert claim.value.relative and claim.value.low is None


def test_blank_pipeline_still_finds_values(blank_pipeline):
    texts = {c.text for c in claims_of("The startup raised $40 million and hired 120 engineers.", blank_pipeline)}
    assert "$40 million" in texts


@hyp_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("0123456789$%.,- abcxKMB\n–Mayon")), max_size=80))
def test_extraction_never_raises_and_spans_are_exact(blank_pipeline, text):
    for claim in claims_of(text, blank_pipeline):
        assert text[claim.start : claim.end] == claim.text
        if isinstance(claim.value.low, (int, float)) and isinstance(claim.value.high, (int, float)):
            assert claim.value.low <= claim.value.high


def test_markdown_pipe_table_cells(pipeline):
    text = (
        "Quarterly results.\n\n| Company | Revenue | Staff |\n|---|---|---|\n"
        "| Acme | $4.2B | 1,200 |\n| Globex | $3.1B | 950 |\n"
    )
    cells = {
        (c.subject, c.attribute, c.kind.value, c.value.text)
        for c in claims_of(text, pipeline)
        if c.pattern == "table.cell.v1"
    }
    assert ("Acme", "revenue", "money", "$4.2B") in cells
    assert ("Globex", "staff", "count", "950 staff") in cells


def test_html_table_becomes_cells(pipeline, tmp_path):
    from factcheck.ingest import read_sources

    html = (
        "<html><body><article><h1>Flood toll</h1><p>Officials gave figures by town on Monday.</p>"
        "<table><tr><th>Town</th><th>Deaths</th></tr><tr><td>Alpha</td><td>12</td></tr>"
        "<tr><td>Beta</td><td>7</td></tr></table></article></body></html>"
    )
    (tmp_path / "a.html").write_text(html)
    source = read_sources([tmp_path]).sources[0]
    cells = {
        (c.subject, c.attribute, c.value.low) for c in claims_of(source.text, pipeline) if c.pattern == "table.cell.v1"
    }
    assert ("Alpha", "deaths", 11.5) in cells and ("Beta", "deaths", 6.5) in cells


def _subject_rows():
    rows = _rows("subjects.tsv")
    return [
        (text.replace("\\n", "\n"), surface, "" if subject == "-" else subject, attribute)
        for text, surface, subject, attribute in rows
    ]


@pytest.mark.parametrize(
    "text,surface,subject,attribute", _subject_rows(), ids=[r[1] + "->" + r[2] for r in _subject_rows()]
)
def test_subject_and_attribute_come_from_the_parse(pipeline, text, surface, subject, attribute):
    found = [c for c in claims_of(text, pipeline) if c.text == surface]
    assert found, [c.text for c in claims_of(text, pipeline)]
    assert (found[0].subject, found[0].attribute) == (subject, attribute)


@pytest.mark.parametrize(
    "sentence,surface,measured,stance,running,basis",
    _rows("evidence.tsv"),
    ids=[f"{row[1]} in {row[0][:30]}" for row in _rows("evidence.tsv")],
)
def test_evidence_of_what_a_value_measures(sentence, surface, measured, stance, running, basis, pipeline):
    claim = next(c for c in claims_of(sentence, pipeline) if c.text == surface)
    assert measured == "*" or claim.evidence.measured == tuple(measured.split())
    assert claim.evidence.stance == stance
    assert running == "*" or claim.evidence.running is (running == "yes")
    assert claim.evidence.basis == ("" if basis == "-" else basis)


@pytest.mark.parametrize(
    "sentence,surface,as_of,scoped",
    _rows("time_scopes.tsv"),
    ids=[f"{row[1]} in {row[0][:30]}" for row in _rows("time_scopes.tsv")],
)
def test_time_scope_of_a_value(sentence, surface, as_of, scoped, pipeline):
    claim = next(c for c in claims_of(sentence, pipeline, published=date(2024, 10, 3)) if c.text == surface)
    assert (claim.as_of, claim.scoped) == (as_of, scoped == "yes")


@pytest.mark.parametrize(
    "sentence,surface,role", _rows("roles.tsv"), ids=[f"{row[1]} in {row[0][:30]}" for row in _rows("roles.tsv")]
)
def test_role_of_a_value(sentence, surface, role, pipeline):
    claim = next(c for c in claims_of(sentence, pipeline) if c.text == surface)
    assert claim.role == ("" if role == "-" else role)


@pytest.mark.parametrize(
    "sentence,surface,qualifiers",
    _rows("qualifiers.tsv"),
    ids=[f"{row[1]} in {row[0][:30]}" for row in _rows("qualifiers.tsv")],
)
def test_qualifiers_name_the_kind_of_measure(sentence, surface, qualifiers, pipeline):
    claim = next(c for c in claims_of(sentence, pipeline) if c.text == surface)
    assert claim.evidence.qualifiers == (() if qualifiers == "-" else tuple(qualifiers.split()))


@pytest.mark.parametrize(
    "sentence,bare,borrowed",
    [
        ("Quarterly sales reached $8.2 billion, against a consensus estimate of 7.95.", "7.95", True),
        ("Revenue rose to $5.2 billion, compared with 4.8 a year earlier.", "4.8", True),
        ("Profit was $1.25 a share, versus 1.10. Shares rose.", "1.10", True),
        ("Its price was $3.10, against 2.5 times earnings.", "2.5", False),  # a multiple, not a price
        ("Revenue was $5.2 billion, compared with 1.5 a year earlier.", "1.5", False),  # too far to share a scale
        ("Revenue was $5.2 billion, against 4.8% a year earlier.", "4.8", False),  # a unit of its own
        ("Revenue was $5.2 billion, and 4.8 million users signed up.", "4.8", False),  # no comparison
        ("It cost $0, against 0.5 last year.", "0.5", False),  # nothing to scale by
        ("They paid five dollars, against 4.5 before.", "4.5", False),  # a figure in words
    ],
)
def test_a_bare_figure_set_against_money_borrows_its_unit(pipeline, sentence, bare, borrowed):
    money = [c for c in claims_of(sentence, pipeline) if c.kind.value == "money" and c.text == bare]
    assert bool(money) is borrowed
    if borrowed:
        stated = next(c for c in claims_of(sentence, pipeline) if c.kind.value == "money" and c.text != bare)
        assert money[0].value.unit == stated.value.unit
