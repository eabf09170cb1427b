"""Text that once crashed extraction for every article of the run, or gave silently wrong values."""

from __future__ import annotations

from pathlib import Path

from tests.bad_inputs import SENTENCE, Case, json_run, write

ZWSP, LRM, BOM, SHY, THIN, NNBSP, WJ = "\u200b", "\u200e", "\ufeff", "\u00ad", "\u2009", "\u202f", "\u2060"


def _processed(name: str, text: str, check=None) -> Case:
    """`text` in one article beside a plain one: both analysed, exit 0 (never a traceback)."""

    def build(folder):
        write(folder, "in/a.txt", text)
        write(folder, "in/b.txt", f"{SENTENCE}\n")
        return json_run(folder, folder / "in")

    def both_read(report):
        assert len(report["sources"]) == 2, report["skipped"]
        if check is not None:
            check(report)

    return Case(name, build, exit_code=0, check=both_read)


def _value(value: float, kind: str):
    """The article's claims include one of `kind` whose interval holds `value` and is narrow (the
    stated figure, not a fragment of it), and whose text is the exact slice of the article."""

    def check(report):
        paths = {s["id"]: s["path"] for s in report["sources"]}
        found = [
            c
            for c in report["claims"]
            if c["source"] != _plain_id(report) and c["kind"] == kind and _holds(c["value"], value)
        ]
        assert found, [(c["text"], c["value"]) for c in report["claims"]]
        for claim in found:
            article = Path(paths[claim["source"]]).read_bytes().decode("utf-8")
            assert article[claim["start"] : claim["end"]] == claim["text"]

    return check


def _plain_id(report) -> str:
    return next(s["id"] for s in report["sources"] if s["path"].endswith("b.txt"))


def _holds(interval, value: float) -> bool:
    low, high = interval["low"], interval["high"]
    return (
        isinstance(low, (int, float))
        and isinstance(high, (int, float))
        and low <= value <= high
        and high - low <= 0.05 * value
    )


CASES = [
    _processed("honorific-then-sentence", "Mr. X left. Total sales rose 5%.\n"),
    _processed("month-name-as-person", "May said so. Total sales reached $5 million.\n"),
    _processed("non-ascii-capital-name", "Ángel Pérez founded the firm. Total sales reached $5 million.\n"),
    _processed(
        "zero-width-space-in-money",
        f"Acme reported revenue of $1{ZWSP}4.3 billion for 2025.\n",
        _value(14.3e9, "money"),
    ),
    _processed(
        "zero-width-space-in-percent", f"Acme's market share rose to 2{ZWSP}5% last year.\n", _value(25, "percent")
    ),
    _processed("direction-mark-in-thousands", f"Acme hired 1,{LRM}200 engineers in 2025.\n", _value(1200, "count")),
    _processed(
        "byte-order-mark-inside-number", f"Acme employs 3{BOM}00 engineers at the plant.\n", _value(300, "count")
    ),
    _processed("soft-hyphen-inside-number", f"Acme employs 4{SHY}50 engineers at the plant.\n", _value(450, "count")),
    _processed("word-joiner-inside-number", f"Acme employs 2{WJ}50 engineers at the plant.\n", _value(250, "count")),
    _processed(
        "thin-space-groups-thousands", f"Acme employs 1{THIN}200 engineers at the plant.\n", _value(1200, "count")
    ),
    _processed(
        "narrow-no-break-space-groups-thousands",
        f"Acme employs 12{NNBSP}500 engineers at the plant.\n",
        _value(12500, "count"),
    ),
    _processed(
        "line-of-20000-dollar-signs",
        "$" * 20_000 + "\nAcme employs 300 engineers at the plant.\n",
        _value(300, "count"),
    ),
    _processed(
        "mixed-symbol-run", "=-" * 10_000 + "\nAcme employs 300 engineers at the plant.\n", _value(300, "count")
    ),
    _processed(
        "text-over-spacys-length-limit",
        f"{SENTENCE}\n" + "\n" * 1_100_000 + "Acme employs 300 engineers.\n",
        _value(300, "count"),
    ),
    _processed(
        "only-format-characters-around-text",
        f"{ZWSP * 50}Acme employs 300 engineers.{ZWSP * 50}\n",
        _value(300, "count"),
    ),
]
