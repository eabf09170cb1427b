"""The one module that calls the stages in order: ingest -> extract -> normalize -> group -> compare.

Reading, extracting and normalising are per article: whatever goes wrong in one article makes it a
skipped source with a one-line reason, and the run goes on with the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from factcheck.compare import compare_groups
from factcheck.config import Settings
from factcheck.errors import InputError
from factcheck.extract import LoadedPipeline, extract_mentions, load_pipeline
from factcheck.group import group_claims
from factcheck.ingest import ARTICLE_SUFFIXES, read_sources
from factcheck.model import Claim, Mention, RunResult, SkippedFile, Source
from factcheck.normalize import normalize_mentions

Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total) as the run advances; the CLI draws it as a progress bar."""


def run(paths: Sequence[Path], settings: Settings, pipeline: LoadedPipeline | None = None,
        progress: Progress | None = None) -> RunResult:
    say = progress or (lambda _stage, _done, _total: None)
    say("reading sources", 0, 1)
    ingested = read_sources(list(paths), max_bytes=int(settings.max_article_mb * 1_000_000))
    if not ingested.sources:
        raise _nothing_readable(paths, ingested.skipped)
    say("loading the language model", 0, 1)
    pipeline = pipeline or load_pipeline(settings.model)
    total = len(ingested.sources)
    done = iter(range(1, total + 1))
    say("extracting claims", 0, total)
    extracted = extract_mentions(ingested.sources, pipeline,
                                 on_source=lambda _s: say("extracting claims", next(done), total))
    failed = {f.path for f in extracted.failed}
    claims, normalize_failures = _normalized(extracted.mentions, [s for s in ingested.sources if s.path not in failed],
                                             settings)
    failed |= {f.path for f in normalize_failures}
    sources = tuple(s for s in ingested.sources if s.path not in failed)
    skipped = ingested.skipped + extracted.failed + normalize_failures
    if not sources:
        raise _nothing_readable(paths, skipped)
    say("grouping and comparing", 0, 1)
    groups = group_claims(claims, settings, sources=sources)
    verdicts = compare_groups(groups, {c.id: c for c in claims}, {s.id: s.published for s in sources})
    warnings = tuple(w for w in (pipeline.warning,) if w) + ingested.warnings
    if ingested.ignored:
        kinds = ", ".join(ARTICLE_SUFFIXES)
        warnings += (f"skipped {ingested.ignored} file(s) that are not articles ({kinds})",)
    return RunResult(sources, skipped, claims, verdicts, pipeline.name, warnings)


def _normalized(mentions: Sequence[Mention], sources: Sequence[Source],
                settings: Settings) -> tuple[tuple[Claim, ...], tuple[SkippedFile, ...]]:
    """Claims article by article, so one article's bad value leaves the others' claims intact."""
    by_source: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_source[mention.source_id].append(mention)
    claims: list[Claim] = []
    failures: list[SkippedFile] = []
    for source in sources:
        try:
            claims.extend(normalize_mentions(by_source.get(source.id, ()), {source.id: source}, settings))
        except Exception as exc:  # noqa: BLE001 - one article must not end the run
            failures.append(SkippedFile.analysis_failure(source.path, exc, "normalisation"))
    return tuple(claims), tuple(failures)


def _nothing_readable(paths: Sequence[Path], skipped: Sequence[SkippedFile]) -> InputError:
    problems = "; ".join(f"{s.path}: {s.reason}" for s in skipped)
    return InputError(f"no readable articles in {', '.join(map(str, paths))}" + (f" ({problems})" if problems else ""))
