"""An in-memory run result for exact-output tests of the formatters (and their golden files)."""

from __future__ import annotations

import io
from datetime import date

from rich.console import Console

from factcheck.ledger import Reviewed
from factcheck.model import Claim, ClaimGroup, GroupVerdict, Kind, RunResult, Source, Status, Value, ValueSupport
from factcheck.report import render_terminal

TEXT_A = "Jane Okafor, the 31-year-old founder, spoke.\nRevenue was $5 million."
TEXT_B = "Founder Jane Okafor, 33, spoke."


def build() -> tuple[RunResult, tuple[Reviewed, ...]]:
    sources = (
        Source("a", "a.txt", TEXT_A, "txt", "x", "Story A", date(2026, 3, 5), "Planet"),
        Source("b", "b.txt", TEXT_B, "txt", "y", None, None, None),
    )
    age_a = Claim(
        "c-a",
        "a",
        17,
        28,
        "31-year-old",
        "Jane Okafor, the 31-year-old founder, spoke.",
        "Jane Okafor",
        "age",
        "31-year-old",
        Kind.AGE,
        Value(31, 31, "year", False, "31"),
        "2026-03-05",
        0.9,
        "age.v1",
    )
    age_b = Claim(
        "c-b",
        "b",
        28,
        30,
        "33",
        "Founder Jane Okafor, 33, spoke.",
        "Jane Okafor",
        "age",
        "33",
        Kind.AGE,
        Value(33, 33, "year", False, "33"),
        None,
        0.9,
        "age.v1",
    )
    money = Claim(
        "c-m",
        "a",
        57,
        67,
        "$5 million",
        "Revenue was $5 million.",
        "Qubitly",
        "revenue",
        "revenue",
        Kind.MONEY,
        Value(4500000, 5500000, "USD", False, "$5M", high_open=True),
        "2026-03-05",
        0.8,
        "money.v1",
    )
    age = GroupVerdict(
        ClaimGroup("g-age", "Jane Okafor", "age", Kind.AGE, None, ("c-a", "c-b")),
        Status.CONFLICT,
        (ValueSupport(age_a.value, ("c-a",), ("a",), 1), ValueSupport(age_b.value, ("c-b",), ("b",), 1)),
        "31 (a) vs 33 (b)",
        severity="hard",
        checks=("value.disjoint",),
    )
    revenue = GroupVerdict(
        ClaimGroup("g-rev", "Qubitly", "revenue", Kind.MONEY, None, ("c-m",)),
        Status.SINGLE_SOURCE,
        (ValueSupport(money.value, ("c-m",), ("a",), 1),),
        "only a states this",
    )
    result = RunResult(sources, (), (age_a, age_b, money), (age, revenue), "blank")
    return result, (Reviewed(age, None, None),)


def render_golden_terminal() -> str:
    result, reviewed = build()
    console = Console(file=io.StringIO(), width=80, color_system=None)
    console.print(render_terminal(result, verbose=True, reviewed=reviewed))
    return console.file.getvalue()
