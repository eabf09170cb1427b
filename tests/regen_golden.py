"""Regenerate tests/golden/* from tests/report_fixture.py: `python tests/regen_golden.py`.

Golden files are never edited by hand; after a deliberate change to a formatter, run this and
review the diff.
"""

from __future__ import annotations

from pathlib import Path

from report_fixture import build, render_golden_terminal

from factcheck.report import to_claims_csv, to_groups_csv, to_html, to_markdown

GOLDEN = Path(__file__).parent / "golden"

if __name__ == "__main__":
    GOLDEN.mkdir(exist_ok=True)
    result, reviewed = build()
    (GOLDEN / "terminal.txt").write_text(render_golden_terminal(), encoding="utf-8")
    (GOLDEN / "report.md").write_text(to_markdown(result, reviewed), encoding="utf-8")
    (GOLDEN / "report.html").write_text(to_html(result, reviewed), encoding="utf-8")
    (GOLDEN / "claims.csv").write_text(to_claims_csv(result, reviewed), encoding="utf-8")
    (GOLDEN / "groups.csv").write_text(to_groups_csv(result, reviewed), encoding="utf-8")
    print(f"wrote the golden files in {GOLDEN}")
