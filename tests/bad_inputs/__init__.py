"""The bad-input catalogue: every input that once took a run down, with the outcome it must have.

Each module here holds a `CASES` list. A case builds its input in a fresh folder (small files
written by the case itself, or generated), names the command line to run, and states the outcome:
the exit code, lines that must appear on stderr, and optionally checks on the JSON report.
`tests/test_bad_inputs.py` runs them all through the real CLI, in-process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SENTENCE = "Total sales reached $5 million last year."
"""A line every article case can carry, so a processed file is seen to yield a claim."""


@dataclass(frozen=True)
class Case:
    """One bad input and what must happen to it."""

    name: str
    build: Callable[[Path], list[str]]
    """Writes the input under the given folder; returns the arguments after `factcheck`."""
    exit_code: int
    stderr: tuple[str, ...] = ()
    """Substrings that must appear on stderr (e.g. "a.txt: not a regular file")."""
    check: Callable[[dict[str, Any]], None] | None = None
    """Assertions on the JSON report, for cases whose arguments write one (see `json_run`)."""
    env: dict[str, str] = field(default_factory=dict)


REPORT = "report.json"
"""File name `json_run` writes the report to, in the case folder."""


def json_run(folder: Path, *paths: str | Path, extra: tuple[str, ...] = ()) -> list[str]:
    """`run PATHS --format json -o folder/report.json --fail-on never`, the common case."""
    return ["run", *map(str, paths), "--format", "json", "--output", str(folder / REPORT), "--fail-on", "never", *extra]


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
