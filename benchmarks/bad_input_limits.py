"""Time and peak memory of `factcheck run` on the inputs that once took a run down.

    .venv/bin/python benchmarks/bad_input_limits.py [--only NAME] [--catalogue]

Each case is a folder built in a temporary directory and run in its own process, so the peak
resident memory (from wait4) is that run's alone. Prints one row per case: exit code, what the
report says of the file (claims found, or the reason it was skipped), wall time and peak memory.
Targets from issue 9: a 950,000-character article in under 1 GB; no case takes a run down.
`--catalogue` runs every case of the test suite's bad-input catalogue (tests/bad_inputs) the same
way instead of the large inputs here.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACTCHECK = Path(sys.executable).parent / "factcheck"


def _prose(chars: int) -> str:
    """News-like paragraphs from the repository's own test corpora, repeated to `chars` characters."""
    paragraphs = [
        p.strip()
        for f in sorted((ROOT / "tests" / "corpora").glob("*/*.txt"))
        for p in f.read_text(encoding="utf-8").split("\n\n")
        if len(p.strip()) > 80
    ]
    out, size, i = [], 0, 0
    while size < chars:
        out.append(paragraphs[i % len(paragraphs)])
        size += len(out[-1]) + 2
        i += 1
    return "\n\n".join(out)[:chars]


def _deep_html(levels: int) -> str:
    body = "<p>Acme employs 300 engineers at the plant, the company said on Monday.</p>"
    return f"<html><body>{'<div>' * levels}{body}{'</div>' * levels}</body></html>"


CASES: dict[str, Callable[[Path], None]] = {
    "article of 950,000 characters": lambda d: (d / "long.txt").write_text(_prose(950_000), encoding="utf-8"),
    "article of 1,200,000 characters (over spaCy's limit)": lambda d: (d / "longer.txt").write_text(
        _prose(1_200_000), encoding="utf-8"
    ),
    "line of 20,000 '$' signs": lambda d: (d / "dollars.txt").write_text(
        "$" * 20_000 + "\nAcme employs 300 engineers at the plant.\n", encoding="utf-8"
    ),
    "file of 6 MB (over the 5 MB limit)": lambda d: (d / "huge.txt").write_text(_prose(6_000_000), encoding="utf-8"),
    "article inside 10,000 nested divs": lambda d: (d / "deep.html").write_text(_deep_html(10_000), encoding="utf-8"),
    "sample corpus (5 articles)": lambda d: [
        (d / p.name).write_bytes(p.read_bytes()) for p in sorted((ROOT / "sources").glob("*.txt"))
    ],
}


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str, float, float]:
    """Exit code, last stderr line, seconds and peak MB of `factcheck ARGS` in its own process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(FACTCHECK), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    last = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    return os.waitstatus_to_exitcode(status), last, time.perf_counter() - start, usage.ru_maxrss / 1024


def catalogue(only: str | None = None) -> None:
    """Every case of tests/bad_inputs, as the suite builds it, run as a real process."""
    import importlib
    import pkgutil

    sys.path.insert(0, str(ROOT))
    import tests.bad_inputs as cases

    print("| case | expected | exit | time | peak | what stderr said last |\n|---|---|---|---|---|---|")
    for module in pkgutil.iter_modules(cases.__path__):
        for case in importlib.import_module(f"tests.bad_inputs.{module.name}").CASES:
            if only and only not in case.name:
                continue
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp) / "case"
                folder.mkdir()
                here = Path.cwd()
                os.chdir(folder)  # a case builds its input as the suite does, from inside its folder
                try:
                    args = case.build(folder)
                finally:
                    os.chdir(here)
                code, last, seconds, peak = _run(args, folder, case.env)
                last = last.replace(str(folder), "…").replace("|", "/")[:110]
                print(
                    f"| {case.name} | {case.exit_code} | {code} | {seconds:.1f} s | {peak:.0f} MB | {last} |",
                    flush=True,
                )


def measure(name: str, build: Callable[[Path], None]) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        build(folder)
        report = Path(tmp) / "report.json"
        start = time.perf_counter()
        process = subprocess.Popen(
            [
                str(FACTCHECK),
                "run",
                str(folder),
                "--format",
                "json",
                "-o",
                str(report),
                "--fail-on",
                "never",
                "--quiet",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=tmp,
        )
        stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        outcome = stderr.strip().splitlines()[-1] if stderr.strip() else ""
        if report.exists():
            data = json.loads(report.read_text(encoding="utf-8"))
            skipped = "; ".join(s["reason"] for s in data["skipped"])
            outcome = f"{len(data['claims'])} claims" + (f"; skipped: {skipped}" if skipped else "")
        return {"case": name, "exit": code, "outcome": outcome, "seconds": seconds, "peak_mb": usage.ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only the cases whose name contains this")
    parser.add_argument("--catalogue", action="store_true", help="run the test suite's bad-input catalogue instead")
    args = parser.parse_args()
    if args.catalogue:
        catalogue(args.only)
        return
    print(f"{'case':<54} {'exit':>4} {'time':>8} {'peak':>9}  outcome")
    for name, build in CASES.items():
        if args.only and args.only not in name:
            continue
        row = measure(name, build)
        print(
            f"{row['case']:<54} {row['exit']:>4} {row['seconds']:>7.1f}s {row['peak_mb']:>6.0f} MB  {row['outcome']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
