"""`make bench`: how fast factcheck reads a corpus, against bare spaCy on the very same text.

Builds corpora of 1x, 4x and 16x the repository's articles (every article folder under
tests/corpora plus sources/, and the shared real-dev stories where present), then, for each, measures in one run: factcheck cold (`--jobs 1`,
and `--jobs 2` where the CLI has it), a warm re-run and a re-run after one file changed (where the
CLI caches; medians of REPEATS runs), bare `nlp.pipe` of the same English model on the same texts, and its tokenizer alone.
Every measurement is a child process timed from outside, with its peak memory from `wait4`. Last,
one in-process run of the largest corpus timed stage by stage (each spaCy component, ours).
Not a test: figures depend on the machine and on what else it runs.

    .venv/bin/python benchmarks/speed.py [--scales 1 4 16] [--profile-scale 16]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACTCHECK_COMMAND = [str(Path(sys.executable).with_name("factcheck"))]
REPEATS = 3
"""Warm and one-changed runs take seconds: each is the median of this many, so that one run slowed
by other work on the machine does not make the figure."""
REAL_DEV = ROOT.parent / "shared" / "corpus" / "real-dev"
"""Real coverage of four stories, added to the corpus when this machine has it."""

BARE = """
import sys, time
from pathlib import Path
from factcheck.extract.nlp import DEFAULT_MODELS
from factcheck.ingest import read_sources
import spacy
texts = [s.text for s in read_sources([Path(sys.argv[1])]).sources]
for name in DEFAULT_MODELS:
    try:
        nlp = spacy.load(name)
        break
    except OSError:
        continue
start = time.perf_counter()
if sys.argv[2] == "tokenizer":
    for _ in nlp.tokenizer.pipe(texts, batch_size=8):
        pass
else:
    for _ in nlp.pipe(texts, batch_size=8):
        pass
print(time.perf_counter() - start)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--profile-scale", type=int, default=None, help="default: the largest scale; 0 skips it")
    parser.add_argument("--source", type=Path, help="run factcheck from this source tree (another commit) instead")
    args = parser.parse_args()
    if args.source:
        global FACTCHECK_COMMAND  # noqa: PLW0603 - set once, before any measurement
        FACTCHECK_COMMAND = ["env", f"PYTHONPATH={args.source.resolve()}", sys.executable, "-m", "factcheck"]
    features = _cli_features()
    articles = _articles()
    print(
        f"articles: {len(articles)} (sources/, tests/corpora/*, real-dev if present); CPUs: {os.cpu_count()}; "
        f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print(f"CLI: jobs {'yes' if features['jobs'] else 'n/a'}, cache {'yes' if features['cache'] else 'n/a'}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        for scale in args.scales:
            corpus = _build(Path(tmp) / f"x{scale}", articles, scale)
            rows.append(_measure(corpus, scale, features, Path(tmp)))
            _print_table(rows)
        profile_scale = args.profile_scale if args.profile_scale is not None else max(args.scales)
        if profile_scale:
            corpus = _build(Path(tmp) / f"profile-x{profile_scale}", articles, profile_scale)
            _print_stages(corpus, profile_scale)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _cli_features() -> dict[str, bool]:
    help_text = subprocess.run(
        [*FACTCHECK_COMMAND, "run", "--help"], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}
    ).stdout
    return {"jobs": "--jobs" in help_text, "cache": "--no-cache" in help_text}


def _articles() -> list[Path]:
    from factcheck.ingest import ARTICLE_SUFFIXES

    folders = [
        ROOT / "sources",
        *sorted(p for p in (ROOT / "tests" / "corpora").iterdir() if p.is_dir()),
        *sorted(p for p in REAL_DEV.glob("*") if p.is_dir()),
    ]
    return [f for folder in folders for f in sorted(folder.rglob("*")) if f.is_file() and f.suffix in ARTICLE_SUFFIXES]


def _build(folder: Path, articles: list[Path], scale: int) -> Path:
    """`scale` copies of every article, each copy a file of its own."""
    folder.mkdir(parents=True)
    for copy in range(scale):
        for article in articles:
            shutil.copyfile(article, folder / f"{copy:02d}-{article.parent.name}-{article.name}")
    return folder


def _words(corpus: Path) -> int:
    from factcheck.ingest import read_sources

    return sum(len(s.text.split()) for s in read_sources([corpus]).sources)


def _child(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """Wall seconds, peak resident memory (bytes) and stdout of a child process."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return seconds, usage.ru_maxrss * 1024, out.read().decode()


def _factcheck(corpus: Path, cwd: Path, *extra: str) -> tuple[float, int]:
    seconds, peak, _ = _child(
        [
            *FACTCHECK_COMMAND,
            "run",
            str(corpus),
            "--format",
            "json",
            "-o",
            str(cwd / "out.json"),
            "--fail-on",
            "never",
            "--quiet",
            *extra,
        ],
        cwd,
    )
    if not (cwd / "out.json").exists():
        raise SystemExit(f"factcheck wrote no report for {corpus}")
    return seconds, peak


def _measure(corpus: Path, scale: int, features: dict[str, bool], tmp: Path) -> dict:
    cwd = tmp / f"run-x{scale}"
    cwd.mkdir()
    row: dict = {"scale": scale, "articles": len(list(corpus.iterdir())), "words": _words(corpus)}
    jobs1 = ("--jobs", "1") if features["jobs"] else ()
    row["cold"], row["cold_peak"] = _factcheck(corpus, cwd, *jobs1)
    if features["cache"]:
        row["warm"] = statistics.median(_factcheck(corpus, cwd, *jobs1)[0] for _ in range(REPEATS))
        changed = []
        for article in sorted(corpus.iterdir())[:REPEATS]:  # a different article each time: one is re-analysed
            article.write_text(
                article.read_text(encoding="utf-8") + "\n\nOne more line with 12 figures.\n", encoding="utf-8"
            )
            changed.append(_factcheck(corpus, cwd, *jobs1)[0])
        row["changed"] = statistics.median(changed)
    if features["jobs"]:
        shutil.rmtree(cwd / ".factcheck", ignore_errors=True)
        shutil.rmtree(corpus / ".factcheck", ignore_errors=True)
        extra = ("--jobs", "2", "--no-cache") if features["cache"] else ("--jobs", "2")
        row["jobs2"], row["jobs2_peak"] = _factcheck(corpus, cwd, *extra)
    row["bare"], row["bare_peak"], inner = _child([sys.executable, "-c", BARE, str(corpus), "model"], cwd)
    row["bare_pipe"] = float(inner.strip().splitlines()[-1])
    row["tokenizer"], _, inner = _child([sys.executable, "-c", BARE, str(corpus), "tokenizer"], cwd)
    row["tokenizer_pipe"] = float(inner.strip().splitlines()[-1])
    return row


def _rate(words: int, seconds: float | None) -> str:
    return f"{words / seconds:,.0f}" if seconds else "n/a"


def _print_table(rows: list[dict]) -> None:
    print()
    print(
        "| corpus | articles | words | factcheck cold --jobs 1 | warm | one changed | --jobs 2 | "
        "bare nlp.pipe | tokenizer | cold / bare | --jobs 2 / bare | warm / cold | changed / cold | "
        "peak MiB (factcheck / bare) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        words = r["words"]
        cell = lambda key, r=r, words=words: f"{_rate(words, r.get(key))} w/s ({r[key]:.1f} s)" if r.get(key) else "n/a"  # noqa: E731
        ratio = lambda a, b, r=r: f"{r[a] / r[b]:.2f}" if r.get(a) and r.get(b) else "n/a"  # noqa: E731
        print(
            f"| {r['scale']}x | {r['articles']} | {words:,} | {cell('cold')} | {cell('warm')} | {cell('changed')} | "
            f"{cell('jobs2')} | {cell('bare')} [pipe {r['bare_pipe']:.1f} s] | "
            f"{_rate(words, r['tokenizer_pipe'])} w/s [{r['tokenizer_pipe']:.1f} s] | {ratio('cold', 'bare')} | "
            f"{ratio('jobs2', 'bare')} | {ratio('warm', 'cold')} | {ratio('changed', 'cold')} | "
            f"{r['cold_peak'] / 2**20:.0f} / {r['bare_peak'] / 2**20:.0f} |"
        )
    print(
        "Times are wall seconds of the whole process (start, model load, report) for factcheck and for "
        "bare spaCy; [pipe] is bare spaCy's nlp.pipe alone."
    )
    sys.stdout.flush()


def _print_stages(corpus: Path, scale: int) -> None:
    """One in-process run with every spaCy component and each of our stages timed."""
    from factcheck import extract as extract_module
    from factcheck import pipeline as pipeline_module
    from factcheck.config import Settings
    from factcheck.extract import load_pipeline

    spent: dict[str, float] = defaultdict(float)
    loaded = load_pipeline()
    nlp = loaded.nlp
    for index, (name, component) in enumerate(list(nlp._components)):  # noqa: SLF001 - a benchmark's probe
        nlp._components[index] = (name, _Timed(component, f"spaCy {name}", spent))  # noqa: SLF001
    nlp.tokenizer = _Timed(nlp.tokenizer, "spaCy tokenizer", spent)
    import factcheck.compare as compare_module
    import factcheck.group as group_module

    for module, names in (
        (pipeline_module, ("read_sources", "extract_mentions", "_normalized", "group_claims", "compare_groups")),
        (group_module, ("group_claims",)),
        (compare_module, ("compare_groups",)),
        (extract_module, ("excerpt", "describe", "DocNames")),
    ):
        for name in names:
            if hasattr(module, name):
                setattr(module, name, _Timed(getattr(module, name), f"{module.__name__.split('.')[-1]}.{name}", spent))
    start = time.perf_counter()
    result = pipeline_module.run([corpus], Settings(cache=False), pipeline=loaded)
    from factcheck.report import json_report

    if hasattr(json_report, "to_json"):
        report_start = time.perf_counter()
        json_report.to_json(result, Settings())
        spent["json report"] += time.perf_counter() - report_start
    total = time.perf_counter() - start
    _print_parsed_share(corpus)
    print(f"\nTime per stage, {scale}x, one process ({total:.1f} s in all; nested stages are inside their callers):")
    print("| stage | seconds | share |")
    print("|---|---|---|")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {seconds:.1f} | {seconds / total:.0%} |")


def _print_parsed_share(corpus: Path) -> None:
    """What bounds a cold run: the share of the text the model reads (candidate sentences and their
    context), and the share in sentences holding a value pattern's hit, whatever their context."""
    try:
        from factcheck.extract.candidates import excerpt, sentences
        from factcheck.extract.textmap import clean
        from factcheck.ingest import read_sources
    except ImportError:  # a build without the sentence filter
        return
    whole = read = hit = 0
    for source in read_sources([corpus]).sources:
        text = clean(source.text).text
        part = excerpt(text)
        spans = sentences(text)
        starts = {start for _, start, _, _ in part.hits or ()}  # hits at excerpt offsets: map back
        origins = {part.full(at) for at in starts}
        hit += sum(end - begin for begin, end in spans if any(begin <= at < end for at in origins))
        whole, read = whole + len(text), read + len(part.text)
    print(
        f"\nText the model reads: {read / whole:.0%} of the corpus (sentences holding a pattern's hit: {hit / whole:.0%})"
    )


class _Timed:
    """A callable (or spaCy component) that adds the time spent in it to `spent[label]`."""

    def __init__(self, wrapped, label: str, spent: dict[str, float]):
        self.wrapped, self.label, self.spent = wrapped, label, spent

    def __getattr__(self, name):
        return getattr(self.wrapped, name)

    def __call__(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return self.wrapped(*args, **kwargs)
        finally:
            self.spent[self.label] += time.perf_counter() - start

    def pipe(self, docs, **kwargs):
        """Eager per batch: the stream before it is drawn first, so only this component is timed."""
        batch_size = kwargs.get("batch_size", 8) or 8
        batch = []
        for doc in docs:
            batch.append(doc)
            if len(batch) == batch_size:
                yield from self._run(batch, kwargs)
                batch = []
        if batch:
            yield from self._run(batch, kwargs)

    def _run(self, batch, kwargs):
        start = time.perf_counter()
        if hasattr(self.wrapped, "pipe"):
            out = list(self.wrapped.pipe(batch, **kwargs))
        else:
            out = [self.wrapped(doc) for doc in batch]
        self.spent[self.label] += time.perf_counter() - start
        return out


if __name__ == "__main__":
    main()
