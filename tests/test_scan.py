"""The windowed value scan (extract/scan.py) gives exactly the hits of a whole-text `finditer`."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from factcheck.extract.component import load_patterns
from factcheck.extract.scan import REACH_AFTER, REACH_BEFORE, required_words, scan, windows
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


@functools.cache
def _every_text() -> tuple[str, ...]:
    return tuple(clean(source.text).text for source in read_sources(CORPORA).sources)


def _required_cases() -> list[tuple[str, tuple[str, ...] | None]]:
    lines = (ROOT / "tests" / "cases" / "required_words.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return [(key, None if words == "-" else tuple(words.split(","))) for key, words in rows]


@pytest.mark.parametrize("key,words", _required_cases(), ids=[c[0] for c in _required_cases()])
def test_required_words(key, words):
    assert required_words(key, re.IGNORECASE) == words


@pytest.mark.parametrize("pattern", [p for p in load_patterns() if p.needs is not None], ids=lambda p: p.id)
def test_every_key_match_holds_a_required_word(pattern):
    """Checked on every match of the key in every corpus: a pattern skipped for want of its words
    could not have matched."""
    words = required_words(pattern.needs.pattern, pattern.needs.flags)
    if words is None:
        return
    for text in _every_text():
        for found in pattern.needs.finditer(text):
            assert any(word in found.group().lower() for word in words), (pattern.id, found.group())


def test_a_pattern_whose_required_words_are_absent_finds_nothing_and_one_that_has_them_does():
    pattern = next(p for p in load_patterns() if p.id == "state.lifecycle.cancelled.v1")
    assert required_words(pattern.needs.pattern, pattern.needs.flags)
    assert list(scan(pattern.regex, pattern.needs, "The launch went ahead on 4 May.")) == []
    text = "The launch was cancelled on 4 May."
    assert fast_hits(pattern, text) == reference_hits(pattern, text) != []
