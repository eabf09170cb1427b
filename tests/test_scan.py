"""The windowed value scan (extract/scan.py) gives exactly the hits of a whole-text `finditer`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.extract.component import load_patterns
from factcheck.extract.scan import REACH_AFTER, REACH_BEFORE, scan, windows
from factcheck.extract.textmap import clean
from factcheck.ingest import read_sources

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [
    ROOT / "sources",
    *sorted(p for p in (ROOT / "tests" / "corpora").iterdir() if p.is_dir()),
    *sorted(p for p in (ROOT.parent / "shared" / "corpus" / "real-dev").glob("*") if p.is_dir()),
]


def reference_hits(pattern, text: str) -> list[tuple[int, int, tuple]]:
    """The reference implementation: the pattern tried at every position of the whole text."""
    return [(m.start(), m.end(), tuple(sorted(m.groupdict().items()))) for m in pattern.regex.finditer(text)]


def fast_hits(pattern, text: str) -> list[tuple[int, int, tuple]]:
    return [
        (m.start(), m.end(), tuple(sorted(m.groupdict().items()))) for m in scan(pattern.regex, pattern.needs, text)
    ]


@pytest.mark.parametrize("folder", CORPORA, ids=[p.name for p in CORPORA])
def test_hits_are_those_of_the_whole_text_scan(folder):
    texts = [clean(source.text).text for source in read_sources([folder]).sources]
    assert texts, f"no articles in {folder}"
    for pattern in load_patterns():
        for text in texts:
            assert fast_hits(pattern, text) == reference_hits(pattern, text), pattern.id


# text -> (pattern id, the hits both scans must find)
PHRASES = [
    ("about 40 people died", "count.number_noun.v1"),
    ("it grew three-fold in a year", "multiplier.fold.v1"),
    ("no key word here at all", "multiplier.times.v1"),
    (
        "a" * (REACH_BEFORE + REACH_AFTER) + " 12 times as many " + "b" * 400 + " 3 times the size",
        "multiplier.times.v1",
    ),
    ("Revenue: $4.5 billion to $5 billion; then 7% and " + " " * 50 + "about 9%", "percent.sign.v1"),
]


@pytest.mark.parametrize("text,pattern_id", PHRASES, ids=[p[1] + ":" + p[0][:20] for p in PHRASES])
def test_phrases(text, pattern_id):
    pattern = next(p for p in load_patterns() if p.id == pattern_id)
    assert fast_hits(pattern, text) == reference_hits(pattern, text)


def test_only_patterns_that_open_with_a_number_word_scan_the_whole_text():
    assert {p.id for p in load_patterns() if p.needs is None} == {"quantity.unit.v1", "count.number_noun.v1"}


def test_a_pattern_is_skipped_where_its_key_is_absent():
    assert windows(re.compile("times"), "nothing to see") == []
    assert windows(re.compile("x"), "a x b x") == [(0, 7)]
