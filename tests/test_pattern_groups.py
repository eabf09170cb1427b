"""The contract between `extract/patterns.toml` and `normalize/`: the names of a pattern's groups.

Normalisation reads a match's pieces by name (`parts["num2"]`, `mention.part("y")`); a group
renamed on one side only would silently stop normalising. This test reads both sides: every named
group is read somewhere (or used inside its own regex), and every name normalisation reads is
given by a pattern or by the extraction code below.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from factcheck import vocabulary
from factcheck.extract.component import load_patterns

PACKAGE = Path(__file__).resolve().parents[1] / "factcheck"

ADDED_BY_EXTRACTION = {
    "tense": "extract/measures.py: the clause's tense, for weekdays and day-month dates",
    "conversion_of": "extract/measures.py: the value a stated conversion converts",
    "shown": "extract/states.py, places.py: how a fact in words is shown ('not cancelled', 'former CEO')",
    "facets": "extract/states.py, places.py: what a fact in words asserts, as keys",
    "excludes": "extract/states.py, places.py: the facets it cannot hold with",
    "follows": "extract/states.py: the states it can follow in time",
}
"""Pieces extraction code adds to a match besides the pattern's own groups."""


def _names_read(folder: Path) -> set[str]:
    """String keys read from a match's pieces: parts["x"], parts.get("x"), dict(...).get("x"), .part("x")."""
    names: set[str] = set()
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Subscript)
                and isinstance(node.value, ast.Name)
                and node.value.id == "parts"
                and isinstance(node.slice, ast.Constant)
                and isinstance(node.slice.value, str)
            ):
                names.add(node.slice.value)
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                receiver = node.func.value
                from_parts = (
                    isinstance(receiver, ast.Name)
                    and receiver.id == "parts"
                    or isinstance(receiver, ast.Call)
                    and isinstance(receiver.func, ast.Name)
                    and receiver.func.id == "dict"
                )
                if node.func.attr == "part" or node.func.attr == "get" and from_parts:
                    names.add(node.args[0].value)
    return names


def _pattern_groups() -> tuple[set[str], set[str]]:
    """(every named group and constant piece of the patterns, the groups used only inside a regex)."""
    groups: set[str] = set()
    internal: set[str] = set()
    for pattern in load_patterns():
        groups |= set(pattern.regex.groupindex) | {key for key, _ in pattern.constants}
        internal |= {
            name for pair in re.findall(r"\(\?P=(\w+)\)|\(\?\((\w+)\)", pattern.regex.pattern) for name in pair if name
        }
    return groups, internal


def test_every_pattern_group_is_read_by_normalisation_or_extraction():
    groups, internal = _pattern_groups()
    read = _names_read(PACKAGE / "normalize") | _names_read(PACKAGE / "extract")
    assert groups - read - internal == set(), "groups nobody reads: renamed in patterns.toml only?"


def test_every_piece_normalisation_reads_is_given_by_a_pattern():
    groups, _ = _pattern_groups()
    assert _names_read(PACKAGE / "normalize") - groups - set(ADDED_BY_EXTRACTION) == set(), (
        "names normalisation reads that no pattern gives: renamed in normalize/ only?"
    )


def test_the_scan_finds_the_names_it_should():
    """The reader above is not blind: it sees the well-known pieces on both sides."""
    assert {"num", "num2", "qual", "mon", "y"} <= _names_read(PACKAGE / "normalize")
    assert {"num", "num2", "qual", "mon", "y"} <= _pattern_groups()[0]


def test_patterns_and_normalisation_share_one_vocabulary():
    """Every qualifier normalisation sorts is one the patterns match, and every month spelling too."""
    money = next(p for p in load_patterns() if p.id == "money.words.v1").regex
    for words in vocabulary.QUALIFIERS.values():
        for word in words:
            written = f"{word.capitalize()} 40 dollars" if word[0].isalpha() else f"{word}40 dollars"
            found = money.search(written)
            assert found and found["qual"].strip().lower() == word, written
    month = next(p for p in load_patterns() if p.id == "date.month_year.v1").regex
    for spelling in vocabulary.MONTHS:
        written = spelling.capitalize() + ("." if spelling not in vocabulary.MONTH_NAMES else "")
        assert month.search(f"in {written} 2025"), written
        assert vocabulary.month_number(written) == vocabulary.MONTHS[spelling]
