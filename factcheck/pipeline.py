"""The one module that calls the stages in order: ingest -> extract -> normalize -> group -> compare.

Reading, extracting and normalising are per article: whatever goes wrong in one article makes it a
skipped source with a one-line reason, and the run goes on with the others. Each article's result
comes from the cache when nothing it depends on has changed, else from the engine the settings name
(this process, a process pool, a Dask cluster); grouping and comparison run on all claims (on Dask,
story by story on the cluster), unless the cache holds the verdicts of a run on the very same
articles and settings.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck import __version__, analyse, engines, fingerprint
from factcheck.cache import ArticleCache
from factcheck.config import Settings
from factcheck.errors import InputError
from factcheck.ingest import ARTICLE_SUFFIXES, HtmlReader, read_sources, strip_html
from factcheck.model import ArticleResult, Claim, GroupVerdict, RunResult, SkippedFile, Source

if TYPE_CHECKING:
    from factcheck.extract import LoadedPipeline

Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total) as the run advances; the CLI draws it as a progress bar."""


def run(
    paths: Sequence[Path], settings: Settings, pipeline: LoadedPipeline | None = None, progress: Progress | None = None
) -> RunResult:
    """`pipeline`: a model already loaded, used in this process (tests); else the engine's own."""
    say = progress or (lambda _stage, _done, _total: None)
    say("reading sources", 0, 1)
    store = ArticleCache(Path(settings.cache_dir)) if settings.cache else None
    cluster = engines.Cluster(settings) if settings.engine == "dask" else None
    try:
        ingested = read_sources(
            list(paths),
            max_bytes=int(settings.max_article_mb * 1_000_000),
            html_reader=_remembering(store) if store else None,
        )
        if not ingested.sources:
            raise _nothing_readable(paths, ingested.skipped)
        results, model_name, warnings, keys = _analysed(ingested.sources, settings, pipeline, store, say, cluster)
        claims = tuple(c for r in results for c in r.claims)
        failures = tuple(r.failure for r in results if r.failure is not None)
        failed = {f.path for f in failures}
        sources = tuple(s for s in ingested.sources if s.path not in failed)
        skipped = ingested.skipped + failures
        if not sources:
            raise _nothing_readable(paths, skipped)
        say("grouping and comparing", 0, 1)
        run_key = _run_key(sources, keys, settings) if store else ""
        verdicts = store.get_run(run_key) if store else None
        if verdicts is None:
            verdicts = _verdicts(claims, sources, settings, cluster)
            if store:
                store.put_run(run_key, verdicts)
        warnings += tuple(w for w in (store and store.warning,) if w)
    finally:
        if store is not None:
            store.close()
        if cluster is not None:
            cluster.close()
    warnings += ingested.warnings
    if ingested.ignored:
        kinds = ", ".join(ARTICLE_SUFFIXES)
        warnings += (f"skipped {ingested.ignored} file(s) that are not articles ({kinds})",)
    return RunResult(sources, skipped, claims, verdicts, model_name, warnings)


def _verdicts(
    claims: tuple[Claim, ...], sources: tuple[Source, ...], settings: Settings, cluster: engines.Cluster | None = None
) -> tuple[GroupVerdict, ...]:
    """Group and compare. Imported here: a run whose verdicts are cached (every decision command on
    an unchanged corpus) loads neither the matcher nor its libraries."""
    from factcheck.compare import compare_groups
    from factcheck.group import group_claims

    published = {s.id: s.published for s in sources}
    if cluster is not None:
        return _story_by_story(claims, sources, settings, published, cluster)
    groups = group_claims(claims, settings, sources=sources)
    return compare_groups(groups, {c.id: c for c in claims}, published)


def _story_by_story(
    claims: tuple[Claim, ...],
    sources: tuple[Source, ...],
    settings: Settings,
    published: dict[str, date | None],
    cluster: engines.Cluster,
) -> tuple[GroupVerdict, ...]:
    """`_verdicts` with each story grouped and judged on the cluster. Stories are told apart here, on
    the whole corpus; ids are made unique over all stories here too, and a group whose id that
    changes is judged again (its verdict carries the id), so the result is that of one process."""
    from factcheck.compare import compare_groups, ordered
    from factcheck.group import split_stories, unique_ids

    stories = [(story if several else "", told) for story, told, several in split_stories(claims, sources) if told]
    judged = engines.stories_on_dask(stories, settings, published, cluster)
    verdict_of = {v.group.claim_ids: v for _, verdicts in judged for v in verdicts}
    groups = unique_ids([g for found, _ in judged for g in found])
    renamed = [g for g in groups if verdict_of[g.claim_ids].group != g]
    again = {v.group.claim_ids: v for v in compare_groups(renamed, {c.id: c for c in claims}, published)}
    return ordered(again.get(g.claim_ids) or verdict_of[g.claim_ids] for g in groups)


AFTER_GROUPING = ("fail_on", "decisions")
"""Settings read only after the verdicts (the gate, the ledger): changing them keeps cached verdicts."""


def _run_key(sources: Sequence[Source], keys: dict[str, str], settings: Settings) -> str:
    """What a run's verdicts depend on: each article's analysis key (its text, metadata, the model,
    the extraction code and settings), the grouping and comparison code, and the settings they read."""
    used = {k: v for k, v in settings.findings_dict().items() if k not in AFTER_GROUPING}
    return fingerprint.cache_key(
        "run",
        __version__,
        analyse.code_digest(("group", "compare.py", "model.py", "values.py", "codec.py")),
        [(s.id, keys[s.id]) for s in sources],
        json.dumps(used, sort_keys=True, default=str),
    )


def _remembering(store: ArticleCache) -> HtmlReader:
    """`strip_html` that remembers each page's reading in the cache."""

    def read(html: str) -> tuple[str, str | None, str | None, str | None]:
        key = analyse.page_key(html)
        page = store.get_page(key)
        if page is None:
            page = strip_html(html)
            store.put_page(key, page)
        return page

    return read


def _analysed(
    sources: Sequence[Source],
    settings: Settings,
    pipeline: LoadedPipeline | None,
    store: ArticleCache | None,
    say: Progress,
    cluster: engines.Cluster | None = None,
) -> tuple[list[ArticleResult], str, tuple[str, ...], dict[str, str]]:
    """Every article's result, from the cache where its key is found, else analysed. This process
    loads the model only to analyse here, or to learn the name of a model whose package files do
    not give it (the blank fallback); a run whose articles are all cached loads none."""
    total = len(sources)
    model_name = pipeline.name if pipeline else analyse.model_identity(settings.model)
    warnings: tuple[str, ...] = tuple(w for w in (pipeline and pipeline.warning,) if w)
    if model_name is None:
        say("loading the language model", 0, 1)
        pipeline = analyse.pipeline_for(settings.model)
        model_name, warnings = pipeline.name, tuple(w for w in (pipeline.warning,) if w)
    keys = {s.id: analyse.cache_key(s, settings, model_name) for s in sources} if store else {}
    cached = store.get_many(list(keys.values())) if store else {}
    found = {s.id: cached[keys[s.id]] for s in sources if keys.get(s.id) in cached}
    missing = [s for s in sources if s.id not in found]
    finished = [len(found)]

    def done(count: int) -> None:
        finished[0] += count
        say("extracting claims", finished[0], total)

    if missing and pipeline is None:
        say("loading the language model", 0, 1)
    say("extracting claims", len(found), total)
    if pipeline is not None:
        fresh = analyse.analyse_batch(missing, pipeline, settings, on_source=lambda _s: done(1)) if missing else []
    elif cluster is not None:
        fresh = engines.analyse(missing, settings, done, cluster)
    else:
        fresh = engines.analyse(missing, settings, done)
    found.update((s.id, r) for s, r in zip(missing, fresh))
    if store is not None:
        store.put_many((keys[s.id], r) for s, r in zip(missing, fresh))
    return [found[s.id] for s in sources], model_name, warnings, keys


def _nothing_readable(paths: Sequence[Path], skipped: Sequence[SkippedFile]) -> InputError:
    problems = "; ".join(f"{s.path}: {s.reason}" for s in skipped)
    return InputError(f"no readable articles in {', '.join(map(str, paths))}" + (f" ({problems})" if problems else ""))
