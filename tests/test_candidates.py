"""Parsing only candidate sentences (extract/candidates.py) changes no mention on any corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract import extract_mentions
from factcheck.extract.candidates import SEPARATOR, excerpt, sentences
from factcheck.extract.component import load_patterns
from factcheck.extract.scan import find_hits
from factcheck.extract.textmap import clean
from factcheck.ingest import read_sources

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [
    ROOT / "sources",
    *sorted(p for p in (ROOT / "tests" / "corpora").iterdir() if p.is_dir()),
    *sorted(p for p in (ROOT.parent / "shared" / "corpus" / "real-dev").glob("*") if p.is_dir()),
]


@pytest.mark.parametrize("folder", CORPORA, ids=[p.name for p in CORPORA])
def test_filtered_parse_gives_the_mentions_of_the_full_parse(folder, pipeline):
    sources = read_sources([folder]).sources
    full = extract_mentions(sources, pipeline, whole_text=True)
    filtered = extract_mentions(sources, pipeline)
    assert filtered.failed == full.failed
    assert sorted(filtered.mentions, key=repr) == sorted(full.mentions, key=repr)


@pytest.mark.parametrize("folder", CORPORA, ids=[p.name for p in CORPORA])
def test_hits_moved_into_the_excerpt_are_those_found_in_it(folder):
    for source in read_sources([folder]).sources:
        read = excerpt(clean(source.text).text)
        assert list(read.hits) == find_hits(load_patterns(), read.text)


# text -> sentences the cheap splitter cuts it into
SENTENCES = [
    ("One. Two 3.5 four. Five", ["One. ", "Two 3.5 four. ", "Five"]),
    ('Headline\nBody here. "Quoted" next.', ["Headline\n", "Body here. ", '"Quoted" next.']),
    ("Dr. Smith said 5 p.m. was late.", ["Dr. ", "Smith said 5 p.m. was late."]),  # cut too often, never too rarely
    ("Line one\n\nLine two", ["Line one\n\n", "Line two"]),
]


@pytest.mark.parametrize("text,expected", SENTENCES, ids=[s[0][:20] for s in SENTENCES])
def test_sentences(text, expected):
    assert [text[a:b] for a, b in sentences(text)] == expected


ARTICLE = (
    "Acme Rocket Works Grounds Its Fleet\n\nThe company said nothing else. The weather was calm.\n\n"
    "Jane Okafor joined the board long ago. Nobody commented on the plans. The sky stayed grey. "
    "The sea was quiet. Birds flew south. Okafor said 40 engineers were affected. It ended there. "
    "Rain fell later. Wind rose. Clouds came."
)


def test_excerpt_keeps_candidates_context_opening_and_full_names():
    read = excerpt(ARTICLE)
    assert "Acme Rocket Works" in read.text and "The weather was calm." in read.text  # headline and lede
    assert "Okafor said 40 engineers were affected." in read.text
    assert "Birds flew south." in read.text and "It ended there." in read.text  # the sentence before and after
    assert "Jane Okafor joined the board" in read.text  # the full name a later short mention needs
    assert "The sky stayed grey." not in read.text and "Clouds came." not in read.text
    assert SEPARATOR in read.text


def test_excerpt_offsets_map_back_exactly():
    read = excerpt(ARTICLE)
    at = read.text.index("40 engineers")
    start, end = read.span(at, at + len("40 engineers"))
    assert ARTICLE[start:end] == "40 engineers"
    for piece_start, origin in zip(read.starts, read.origins):
        assert ARTICLE[origin : origin + 10] == read.text[piece_start : piece_start + 10]


def test_a_text_with_a_table_is_read_whole():
    table = "Results\n\n| Model | Score |\n|---|---|\n| Alpha | 91.5 |\n\nThe sky stayed grey. Clouds came."
    assert excerpt(table).text == table
