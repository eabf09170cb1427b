"""Output formats: each is a pure function of the run result."""

from factcheck.report.json_report import to_json
from factcheck.report.terminal import render_summary, render_terminal

FORMATS = ("terminal", "json")

__all__ = ["FORMATS", "render_summary", "render_terminal", "to_json"]
