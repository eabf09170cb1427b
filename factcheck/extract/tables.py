"""Tables in article text -> cells with the subject and attribute their headers give them.

Three shapes: Markdown pipe tables (also what trafilatura makes of HTML <table>), and plain-text
tables whose header row names the columns with no separators at all ("Benchmark Model A Model B")
followed by rows of figures. Column names in a plain-text header are found by matching names the
article uses elsewhere; a row whose cell count does not fit the header is read as nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CELL_VALUE = re.compile(
    r"(?P<cur>[$€£])?(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<suffix>[KMB])?(?P<unit>%|x)?(?P<plus>\+)?"
)
_CELL = r"(?:[$€£]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[KMB]?(?:%|x)?\+?)"
_ROW = re.compile(rf"^(?P<label>\S.*?)(?P<cells>(?:[ \t]+{_CELL})+)[ \t]*$")
_NAME_RUN = re.compile(r"[A-Z][\w.+-]*(?:[ ](?:[A-Z0-9][\w.+-]*))*")
_BENCHMARK_CORNERS = {
    "benchmark",
    "benchmarks",
    "metric",
    "metrics",
    "measure",
    "test",
    "tests",
    "evaluation",
    "eval",
    "task",
    "category",
    "indicator",
}


@dataclass(frozen=True)
class TableCell:
    """One figure in a table, located in the text, with what its row and column say it is."""

    start: int
    end: int
    subject: str
    attribute: str
    benchmark: bool
    """True when rows name benchmarks (the figure is a score)."""


@dataclass(frozen=True)
class TableReading:
    cells: tuple[TableCell, ...]
    unreadable: tuple[tuple[int, int], ...]
    """Spans of table rows that could not be assigned; nothing is extracted from them."""


def read_tables(text: str) -> TableReading:
    lines = _lines(text)
    cells: list[TableCell] = []
    unreadable: list[tuple[int, int]] = []
    table_lines: set[int] = set()
    _pipe_tables(lines, cells, table_lines)
    _plain_tables(text, lines, cells, unreadable, table_lines)
    return TableReading(tuple(cells), tuple(unreadable))


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _orient(corner: str, row_label: str, col_label: str) -> tuple[str, str, bool]:
    if corner.strip().lower() in _BENCHMARK_CORNERS:
        return col_label, f"score on {row_label}", True
    return row_label, col_label.lower(), False


def _pipe_tables(lines: list[tuple[int, str]], cells: list[TableCell], used: set[int]) -> None:
    index = 0
    while index < len(lines) - 1:
        start, line = lines[index]
        separator = lines[index + 1][1]
        if line.strip().startswith("|") and re.fullmatch(r"\s*\|?\s*:?-{2,}.*", separator):
            header = _pipe_cells(start, line)
            row_index = index + 2
            while row_index < len(lines) and lines[row_index][1].strip().startswith("|"):
                row = _pipe_cells(*lines[row_index])
                used.add(row_index)
                if row and len(row) <= len(header):
                    label = row[0][2]
                    for column, (cell_start, cell_end, cell_text) in enumerate(row[1:], start=1):
                        match = CELL_VALUE.fullmatch(cell_text)
                        if match and label:
                            subject, attribute, bench = _orient(header[0][2], label, header[column][2])
                            cells.append(TableCell(cell_start, cell_end, subject, attribute, bench))
                row_index += 1
            used.update({index, index + 1})
            index = row_index
        else:
            index += 1


def _pipe_cells(line_start: int, line: str) -> list[tuple[int, int, str]]:
    out = []
    for match in re.finditer(r"[^|]+", line):
        raw = match.group(0)
        stripped = raw.strip()
        if not stripped and match.start() == 0:
            continue
        lead = len(raw) - len(raw.lstrip())
        start = line_start + match.start() + lead
        out.append((start, start + len(stripped), stripped))
    return [cell for cell in out if cell[2] or True]


def _plain_tables(
    text: str, lines: list[tuple[int, str]], cells: list[TableCell], unreadable: list[tuple[int, int]], used: set[int]
) -> None:
    rows = {i: _ROW.match(line) for i, (_, line) in enumerate(lines) if i not in used}
    rows = {i: m for i, m in rows.items() if m and not _is_year_row(m)}
    index = 0
    while index < len(lines):
        if not rows.get(index) or index == 0:
            index += 1
            continue
        run_end = index
        while rows.get(run_end + 1):
            run_end += 1
        run = range(index, run_end + 1)
        if len(run) >= 2:
            header_index = index - 1
            while header_index >= 0 and not lines[header_index][1].strip():
                header_index -= 1
            widths = [len(_cells_of(rows[i])) for i in run]
            columns = max(widths)
            table_text = {i for i in run} | {header_index}
            known = _known_names(lines, table_text)
            split = _split_header(lines[header_index][1].strip(), columns, known) if header_index >= 0 else None
            for i in run:
                line_start, line = lines[i]
                match = rows[i]
                if split is None or widths[i - index] != columns:
                    unreadable.append((line_start, line_start + len(line)))
                    continue
                corner, names = split
                offset = line_start + match.start("cells")
                found = _cells_of(match)
                label_end = found[0].start() if found else 0
                label = (match.group("label") + match.group("cells")[:label_end]).strip()
                for column, cell in enumerate(found):
                    subject, attribute, bench = _orient(corner, label, names[column])
                    cells.append(TableCell(offset + cell.start(), offset + cell.end(), subject, attribute, bench))
        index = run_end + 1


def _signature(cell: str) -> str:
    return ("$" if cell[:1] in "$€£" else "") + ("%" if "%" in cell else "") + ("x" if cell.endswith("x") else "")


def _cells_of(row: re.Match[str]) -> list[re.Match[str]]:
    """The figures of a row; leading figures unlike the rest belong to the label ("ARC AGI 2 42.5%")."""
    found = list(re.finditer(r"\S+", row.group("cells")))
    if len(found) > 1:
        signatures = [_signature(c.group(0)) for c in found]
        common = max(set(signatures), key=signatures.count)
        while len(found) > 1 and _signature(found[0].group(0)) != common and signatures.count(common) > 1:
            found.pop(0)
            signatures.pop(0)
    return found


def _is_year_row(match: re.Match[str]) -> bool:
    last = match.group("cells").split()[-1]
    return bool(re.fullmatch(r"(?:19|20)\d\d", last))


def _known_names(lines: list[tuple[int, str]], skip: set[int]) -> set[str]:
    names: set[str] = set()
    for i, (_, line) in enumerate(lines):
        if i in skip:
            continue
        for match in _NAME_RUN.finditer(line):
            words = match.group(0).split()
            # every contiguous run of words can be a name ("Model X 2.1" inside a longer run)
            for a in range(len(words)):
                for b in range(a + 1, min(len(words), a + 5) + 1):
                    if words[a][0].isupper():
                        names.add(" ".join(words[a:b]).rstrip(".,"))
    return names


def _split_header(header: str, columns: int, known: set[str]) -> tuple[str, list[str]] | None:
    """Peel `columns` names off the end of the header, longest known name first."""
    if "\t" in header or re.search(r" {2,}", header):
        parts = [p.strip() for p in re.split(r"\t| {2,}", header) if p.strip()]
        if len(parts) == columns + 1:
            return parts[0], parts[1:]
    words = header.split()
    names: list[str] = []
    end = len(words)
    for _ in range(columns):
        for size in range(min(5, end - 1), 0, -1):
            candidate = " ".join(words[end - size : end])
            if candidate in known:
                names.insert(0, candidate)
                end -= size
                break
        else:
            return None
    if end < 1:
        return None
    return " ".join(words[:end]), names
