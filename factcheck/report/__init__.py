"""Output formats: each is a pure function of the run result (and the editors' decisions)."""

from factcheck.report.github import to_github
from factcheck.report.json_report import report_dict, to_json
from factcheck.report.sarif import to_sarif
from factcheck.report.terminal import render_conflict, render_summary, render_terminal

FORMATS = ("terminal", "json", "github", "sarif")

__all__ = ["FORMATS", "render_conflict", "render_summary", "render_terminal", "report_dict", "to_github",
           "to_json", "to_sarif"]
