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

Progress = Callable[[str], None]


def run(paths: Sequence[Path], settings: Settings, pipeline: LoadedPipeline | None = None,
        progress: Progress | None = None) -> RunResult:
    say = progress or (lambda _message: None)
    say("reading sources")
    ingested = read_sources(list(paths))
    if not ingested.sources:
        problems = "; ".join(f"{s.path}: {s.reason}" for s in ingested.skipped)
        raise InputError(f"no readable articles in {', '.join(map(str, paths))}" + (f" ({problems})" if problems else ""))
    say("loading the language model")
    pipeline = pipeline or load_pipeline(settings.model)
    say(f"extracting claims from {len(ingested.sources)} sources")
    mentions = extract_mentions(ingested.sources, pipeline)
    sources = {s.id: s for s in ingested.sources}
    claims = normalize_mentions(mentions, sources, settings)
    say("grouping and comparing")
    groups = group_claims(claims, settings)
    verdicts = compare_groups(groups, {c.id: c for c in claims}, {s.id: s.published for s in ingested.sources})
    warnings = tuple(w for w in (pipeline.warning,) if w)
    if ingested.ignored:
        warnings += (f"skipped {ingested.ignored} file(s) that are not articles (.txt, .md, .markdown, .html, .htm)",)
    return RunResult(ingested.sources, ingested.skipped, claims, verdicts, pipeline.name, warnings)
