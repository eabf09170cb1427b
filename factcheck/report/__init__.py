"""Output formats: each is a pure function of the run result (and the editors' decisions)."""

from factcheck.report.frames import claims_frame, groups_frame, to_claims_csv, to_groups_csv
from factcheck.report.github import to_github
from factcheck.report.html import to_html
from factcheck.report.json_report import json_chunks, report_dict, to_json
from factcheck.report.markdown import to_markdown
from factcheck.report.sarif import to_sarif
from factcheck.report.terminal import render_claims, render_conflict, render_header, render_summary, render_terminal

FORMATS = ("terminal", "json", "markdown", "html", "csv", "github", "sarif")

__all__ = [
    "FORMATS",
    "claims_frame",
    "groups_frame",
    "json_chunks",
    "render_claims",
    "render_conflict",
    "render_header",
    "render_summary",
    "render_terminal",
    "report_dict",
    "to_claims_csv",
    "to_github",
    "to_groups_csv",
    "to_html",
    "to_json",
    "to_markdown",
    "to_sarif",
]
