"""Analyse articles one by one: Source -> ArticleResult (extract, then normalise).

The unit every engine runs (this process, a process pool, a Dask cluster) and the cache stores.
An article's analysis depends only on its own text and metadata, the model, the code of extract/
and normalize/, and the settings they read; `cache_key` hashes exactly those, so a key computed
before anything is loaded finds the same result that analysing would produce.

spaCy is imported only when an article has to be analysed, never to compute keys: a run whose
articles are all cached loads no model.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import astuple, fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck import __version__, fingerprint
from factcheck.codec import CODEC_VERSION
from factcheck.config import DEFAULT_MODELS, Settings
from factcheck.model import ArticleResult, Claim, ClaimGroup, GroupVerdict, Mention, SkippedFile, Source, Value
from factcheck.normalize import normalize_mentions

if TYPE_CHECKING:
    from factcheck.extract import LoadedPipeline

AFTER_ANALYSIS = ("fail_on", "decisions", "aliases", "subject_similarity", "attribute_similarity", "max_article_mb")
"""Settings read only before (reading files) or after (grouping, the gate, the ledger) an article
is analysed: changing them keeps every cached article."""

_PACKAGE = Path(__file__).resolve().parent
_CODE = (
    "extract",
    "normalize",
    "model.py",
    "vocabulary.py",
    "vocabulary.toml",
    "config.py",
    "analyse.py",
    "codec.py",
    "fingerprint.py",
)
"""The code an article's claims come from; its digest is part of every key."""


def analyse_batch(
    sources: Sequence[Source],
    pipeline: LoadedPipeline,
    settings: Settings,
    on_source: Callable[[Source], None] | None = None,
) -> list[ArticleResult]:
    """Each source's claims, or the reason it could not be analysed, in the order given."""
    from factcheck.extract import extract_mentions

    extracted = extract_mentions(sources, pipeline, on_source=on_source)
    failed = {f.path: f for f in extracted.failed}
    by_source: dict[str, list[Mention]] = defaultdict(list)
    for mention in extracted.mentions:
        by_source[mention.source_id].append(mention)
    results = []
    for source in sources:
        if source.path in failed:
            results.append(ArticleResult(source.id, (), failed[source.path]))
            continue
        try:
            claims = tuple(normalize_mentions(by_source.get(source.id, ()), {source.id: source}, settings))
        except Exception as exc:  # noqa: BLE001 - one article must not end the run
            results.append(
                ArticleResult(source.id, (), SkippedFile.analysis_failure(source.path, exc, "normalisation"))
            )
            continue
        results.append(ArticleResult(source.id, claims))
    return results


def story_verdicts(
    told: Sequence[Claim], settings: Settings, label: str, published: dict[str, date | None]
) -> tuple[list[ClaimGroup], tuple[GroupVerdict, ...]]:
    """One story's groups and their verdicts: what a Dask worker runs for each story of the corpus
    (`group.split_stories`); a story needs nothing from the others."""
    from factcheck.compare import compare_groups
    from factcheck.group import group_story

    groups = group_story(told, settings, label=label)
    return groups, compare_groups(groups, {c.id: c for c in told}, published)


def analyse_here(sources: Sequence[Source], settings: Settings) -> list[ArticleResult]:
    """`analyse_batch` with this process's own copy of the model: what pool and Dask workers run."""
    return analyse_batch(sources, pipeline_for(settings.model), settings)


_LOADED = threading.local()


def pipeline_for(model: str | None) -> LoadedPipeline:
    """The model, loaded once per thread: a spaCy pipeline is not shared between threads (a Dask
    worker may run several), and a process runs one thread of analysis in every other engine."""
    loaded = getattr(_LOADED, "pipelines", None)
    if loaded is None:
        loaded = _LOADED.pipelines = {}
    if model not in loaded:
        from factcheck.extract import load_pipeline

        loaded[model] = load_pipeline(model)
    return loaded[model]


def model_identity(model: str | None) -> str | None:
    """ "en_core_web_sm 3.8.0" for the model `load_pipeline` would load, read from the installed
    package's meta.json without importing spaCy; None when none is found (the blank fallback, or a
    model this cannot see: the caller then loads it to learn its name)."""
    for name in (model,) if model else DEFAULT_MODELS:
        meta = _meta_file(name)
        if meta is None:
            continue
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return f"{data.get('lang', 'en')}_{data.get('name', name)} {data.get('version', '')}".strip()
    return None


def _meta_file(name: str) -> Path | None:
    folder = Path(name)
    if not folder.is_dir():
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            return None
        if spec is None or not spec.submodule_search_locations:
            return None
        folder = Path(next(iter(spec.submodule_search_locations)))
    meta = folder / "meta.json"
    return meta if meta.is_file() else None


@functools.cache
def code_digest(entries: tuple[str, ...] = _CODE) -> str:
    """Digest of the code that turns an article into claims: a changed rule invalidates the cache
    even when the version number has not moved."""
    parts = []
    for entry in entries:
        path = _PACKAGE / entry
        files = (
            sorted(p for p in path.rglob("*") if p.suffix in (".py", ".toml", ".jsonl")) if path.is_dir() else [path]
        )
        for file in files:
            parts.append(f"{file.relative_to(_PACKAGE)}:{fingerprint.file_digest(file.read_bytes())}")
    return fingerprint.digest_of(parts)


def page_key(html: str) -> str:
    """An HTML page as read by ingest: the page, ingest's code, the version of trafilatura."""
    return fingerprint.cache_key("page", html, __version__, code_digest(("ingest",)), _reader_version())


@functools.cache
def _reader_version() -> str:
    """Looked up once a run: reading package metadata costs more than hashing a page."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("trafilatura")
    except PackageNotFoundError:
        return ""


def cache_key(source: Source, settings: Settings, model_name: str) -> str:
    """Everything the article's analysis depends on: the source itself (text, id, path, dates,
    title), the tool and its code, the model, the layout of the cached types, the settings used."""
    used = {k: v for k, v in settings.findings_dict().items() if k not in AFTER_ANALYSIS}
    layout = (tuple(f.name for f in fields(Claim)), tuple(f.name for f in fields(Value)))
    return fingerprint.cache_key(
        repr(astuple(source)),
        __version__,
        code_digest(),
        model_name,
        CODEC_VERSION,
        layout,
        json.dumps(used, sort_keys=True, default=str),
    )
