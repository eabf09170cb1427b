"""How the matcher compares words: one term per class of interchangeable news words, else the stem."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from factcheck.group.terms import term, terms

CASES = Path(__file__).parent / "cases" / "terms.tsv"
ROWS = [
    line.split("\t") for line in CASES.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
]


@pytest.mark.parametrize("first,second,expected", ROWS, ids=[f"{a}~{b}" for a, b, _ in ROWS])
def test_words_compare_as_terms(first, second, expected):
    assert (term(first) == term(second)) is (expected == "same")


def test_a_phrase_gives_each_words_term():
    assert terms(["death toll", "life"]) == {term("death"), term("toll")} == {term("life")}


def test_every_word_belongs_to_one_class():
    data = tomllib.loads((Path(__file__).parent.parent / "factcheck" / "group" / "terms.toml").read_text("utf-8"))
    seen: dict[str, str] = {}
    for name, words in data.items():
        for word in words:
            assert word not in seen, f"{word!r} is in both {seen[word]} and {name}"
            seen[word] = name
