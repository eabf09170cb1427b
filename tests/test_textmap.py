"""What the model reads (extract/textmap.py): invisible characters out, offsets back to the article."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.textmap import KEPT_OF_RUN, LONGEST_SYMBOL_RUN, chunks, clean

# article text -> what the model reads
CLEANED = [
    ("$1\u200b4.3 billion", "$14.3 billion"),
    ("2\u200b5%", "25%"),
    ("1,\u200e200", "1,200"),
    ("3\ufeff00", "300"),
    ("4\u00ad50", "450"),
    ("1\u2009200 workers", "1,200 workers"),
    ("12\u202f500", "12,500"),
    ("5\u2009% rise", "5 % rise"),
    ("a\u00a0b", "a b"),
    ("12\u20091234", "12 1234"),
    ("plain text", "plain text"),
    ("\u200b\u200b\u200b", ""),
    ("$" * (LONGEST_SYMBOL_RUN + 1), "$" * KEPT_OF_RUN),
    ("=" * LONGEST_SYMBOL_RUN, "=" * LONGEST_SYMBOL_RUN),
    ("|---|---|", "|---|---|"),
]


@pytest.mark.parametrize("original,expected", CLEANED, ids=[repr(o)[:30] for o, _ in CLEANED])
def test_clean(original, expected):
    assert clean(original).text == expected


@pytest.mark.parametrize(
    "original,found,surface",
    [
        ("Revenue of $1\u200b4.3 billion.", "$14.3 billion", "$1\u200b4.3 billion"),
        ("\u200bA\u200b 1,\u200e200 \u200b", "1,200", "1,\u200e200"),
        ("x" + "$" * 500 + " 300 jobs", "300 jobs", "300 jobs"),
        ("\ufeffAcme", "Acme", "Acme"),
    ],
)
def test_spans_map_back_to_the_article(original, found, surface):
    cleaned = clean(original)
    at = cleaned.text.index(found)
    start, end = cleaned.original(at, at + len(found))
    assert original[start:end] == surface


_INVISIBLE = st.sampled_from(["\u200b", "\u200e", "\ufeff", "\u00ad", "\u2060", "\u2009", "\u202f"])
_TEXT = st.lists(st.one_of(_INVISIBLE, st.sampled_from(list("ab1 2,.$%")), st.just("$" * 250)), max_size=40).map(
    "".join
)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_every_visible_run_maps_back_to_itself(text):
    """Any run of word characters the model sees is, mapped back, the same characters in the article
    with only removed characters between them."""
    cleaned = clean(text)
    for match in re.finditer(r"\w+", cleaned.text):
        start, end = cleaned.original(match.start(), match.end())
        assert 0 <= start <= end <= len(text)
        surface = text[start:end]
        assert re.sub(r"[\u200b\u200e\ufeff\u00ad\u2060]", "", surface) == match.group()


@pytest.mark.parametrize("length,limit", [(10, 100), (1_000, 100), (25_000, 1_000)])
def test_chunks_cover_the_text_in_order(length, limit):
    text = ("A sentence here. " * (length // 17 + 1))[:length]
    pieces = chunks(text, limit)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= limit for _, p in pieces)
    assert [o for o, _ in pieces] == sorted(o for o, _ in pieces)
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece


def test_chunks_prefer_paragraph_breaks():
    text = "First paragraph.\n\n" * 10 + "Second one here."
    pieces = chunks(text, 60)
    assert all(p.endswith("\n\n") for _, p in pieces[:-1])
