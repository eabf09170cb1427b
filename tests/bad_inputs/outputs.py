"""Report paths that cannot be written: one line and exit 2 before any analysis, nothing left behind."""

from __future__ import annotations

from tests.bad_inputs import SENTENCE, Case, write


def _article(folder):
    write(folder, "in/a.txt", f"{SENTENCE}\n")
    return folder / "in"


def _output_is_a_folder(folder):
    (folder / "out").mkdir()
    return ["run", str(_article(folder)), "--format", "json", "-o", str(folder / "out")]


def _report_dir_is_a_file(folder):
    write(folder, "reports", "not a folder\n")
    return ["run", str(_article(folder)), "--report-dir", str(folder / "reports")]


def _output_under_a_file(folder):
    write(folder, "blocker", "a file\n")
    return ["run", str(_article(folder)), "--format", "json", "-o", str(folder / "blocker" / "report.json")]


def _claims_output_is_a_folder(folder):
    (folder / "out").mkdir()
    return ["claims", str(_article(folder)), "--format", "csv", "-o", str(folder / "out")]


def _terminal_report_to_a_folder(folder):
    (folder / "out").mkdir()
    return ["run", str(_article(folder)), "-o", str(folder / "out")]


def _unwritable_system_path(folder):
    return ["run", str(_article(folder)), "--format", "json", "-o", "/proc/factcheck-report.json"]


CASES = [
    Case("output-is-a-folder", _output_is_a_folder, exit_code=2, stderr=("is a folder; give a file name",)),
    Case("report-dir-is-a-file", _report_dir_is_a_file, exit_code=2, stderr=("is a file, not a folder",)),
    Case("output-under-a-file", _output_under_a_file, exit_code=2, stderr=("is not a folder",)),
    Case("claims-output-is-a-folder", _claims_output_is_a_folder, exit_code=2, stderr=("is a folder",)),
    Case("terminal-report-to-a-folder", _terminal_report_to_a_folder, exit_code=2, stderr=("is a folder",)),
    Case("output-on-a-read-only-filesystem", _unwritable_system_path, exit_code=2, stderr=("cannot write there",)),
]
