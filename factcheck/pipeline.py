"""The one module that calls the stages in order: ingest -> extract -> normalize -> group -> compare."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from factcheck.compare import compare_groups
from factcheck.config import Settings
from factcheck.errors import InputError
from factcheck.extract import LoadedPipeline, extract_mentions, load_pipeline
from factcheck.group import group_claims
from factcheck.ingest import read_sources
from factcheck.model import RunResult
from factcheck.normalize import normalize_mentions

Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total) as the run advances; the CLI draws it as a progress bar."""


def run(paths: Sequence[Path], settings: Settings, pipeline: LoadedPipeline | None = None,
        progress: Progress | None = None) -> RunResult:
    say = progress or (lambda _stage, _done, _total: None)
    say("reading sources", 0, 1)
    ingested = read_sources(list(paths))
    if not ingested.sources:
        problems = "; ".join(f"{s.path}: {s.reason}" for s in ingested.skipped)
        raise InputError(f"no readable articles in {', '.join(map(str, paths))}" + (f" ({problems})" if problems else ""))
    say("loading the language model", 0, 1)
    pipeline = pipeline or load_pipeline(settings.model)
    total = len(ingested.sources)
    done = iter(range(1, total + 1))
    say("extracting claims", 0, total)
    mentions = extract_mentions(ingested.sources, pipeline, on_source=lambda _s: say("extracting claims", next(done), total))
    sources = {s.id: s for s in ingested.sources}
    claims = normalize_mentions(mentions, sources, settings)
    say("grouping and comparing", 0, 1)
    groups = group_claims(claims, settings, sources=ingested.sources)
    verdicts = compare_groups(groups, {c.id: c for c in claims}, {s.id: s.published for s in ingested.sources})
    warnings = tuple(w for w in (pipeline.warning,) if w)
    if ingested.ignored:
        warnings += (f"skipped {ingested.ignored} file(s) that are not articles (.txt, .md, .markdown, .html, .htm)",)
    return RunResult(ingested.sources, ingested.skipped, claims, verdicts, pipeline.name, warnings)
