"""Where articles are analysed: in this process, over a pool of processes, or on a Dask cluster.

Every engine runs the same `analyse.analyse_here` on batches of articles and returns the results in
the order of the input, so the report is byte for byte the same whichever engine made it. On Dask,
each story's grouping and comparison (`analyse.story_verdicts`) runs on the cluster too, over the
same connection (`Cluster`). Dask is imported only when asked for (`pip install factcheck[dask]`).
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from datetime import date
from typing import Any

from factcheck.analyse import analyse_batch, analyse_here, pipeline_for, story_verdicts
from factcheck.config import Settings
from factcheck.errors import ConfigError
from factcheck.model import ArticleResult, Claim, ClaimGroup, GroupVerdict, SkippedFile, Source

BATCH = 4
"""Articles per task: enough to batch the model's work, few enough to keep every worker busy."""
ARTICLES_PER_WORKER = 6
"""A worker costs a model load (about a second); below this many articles each it does not pay."""

Done = Callable[[int], None]
"""Told how many more articles are finished."""


def analyse(
    sources: Sequence[Source], settings: Settings, done: Done, cluster: Cluster | None = None
) -> list[ArticleResult]:
    """Each source's ArticleResult, in order, on the engine the settings name (`cluster`: the
    run's connection to Dask, else one made for this call)."""
    if not sources:
        return []
    if settings.engine == "dask":
        with _connected(cluster, settings) as connection:
            return _on_dask(sources, settings, done, connection)
    workers = min(jobs_wanted(settings), math.ceil(len(sources) / ARTICLES_PER_WORKER))
    if workers <= 1:
        return analyse_batch(sources, pipeline_for(settings.model), settings, on_source=lambda _s: done(1))
    return _on_processes(sources, settings, workers, done)


def jobs_wanted(settings: Settings) -> int:
    """The `jobs` setting, else the CPUs this process may run on (not all the machine has)."""
    if settings.jobs:
        return settings.jobs
    usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else ()
    return len(usable) or os.cpu_count() or 1


def _batches(sources: Sequence[Source]) -> list[Sequence[Source]]:
    return [sources[i : i + BATCH] for i in range(0, len(sources), BATCH)]


def _on_processes(sources: Sequence[Source], settings: Settings, workers: int, done: Done) -> list[ArticleResult]:
    batches = _batches(sources)
    results: list[list[ArticleResult] | None] = [None] * len(batches)
    with _one_thread_each(), ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        futures = {pool.submit(analyse_here, batch, settings): index for index, batch in enumerate(batches)}
        for future in as_completed(futures):
            index = futures[future]
            try:
                results[index] = future.result()
            except BrokenExecutor as exc:  # a worker died (killed, out of memory): its articles are skipped
                results[index] = [
                    ArticleResult(s.id, (), SkippedFile.analysis_failure(s.path, exc, "a worker process"))
                    for s in batches[index]
                ]
            done(len(batches[index]))
    return [r for batch in results for r in batch or ()]


THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@contextmanager
def _one_thread_each() -> Iterator[None]:
    """Workers start with one BLAS thread each (unless the user set these): N processes with a
    thread per core each fight over the cores and ran twice as slow as one process. Dask's nanny
    does the same for its workers."""
    unset = [name for name in THREAD_VARIABLES if name not in os.environ]
    os.environ.update({name: "1" for name in unset})
    try:
        yield
    finally:
        for name in unset:
            os.environ.pop(name, None)


def _context() -> multiprocessing.context.BaseContext:
    """A fork server where there is one (workers start from a clean process that has already
    imported factcheck, without inheriting this one's threads), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["factcheck.extract", "factcheck.analyse"])
        return context
    return multiprocessing.get_context("spawn")


class Cluster:
    """The run's connection to Dask: made on first use (a run served by the cache makes none), kept
    for the articles and then the stories, closed at the end. Without a scheduler address it starts
    a local cluster of `jobs` single-threaded workers."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._client: Any = None
        self._local: Any = None

    def client(self) -> Any:
        if self._client is None:
            try:
                from distributed import Client, LocalCluster
            except ImportError:
                raise ConfigError("engine = dask needs Dask: pip install 'factcheck[dask]'") from None
            try:
                if self.settings.scheduler:
                    self._client = Client(self.settings.scheduler, timeout="30s")
                else:
                    self._local = LocalCluster(
                        n_workers=jobs_wanted(self.settings), threads_per_worker=1, dashboard_address=None
                    )
                    self._client = Client(self._local)
            except OSError as exc:
                raise ConfigError(f"cannot reach the Dask scheduler {self.settings.scheduler}: {exc}") from None
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._local is not None:
            self._local.close()
        self._client = self._local = None


@contextmanager
def _connected(cluster: Cluster | None, settings: Settings) -> Iterator[Cluster]:
    own = cluster is None
    connection = cluster or Cluster(settings)
    try:
        yield connection
    finally:
        if own:
            connection.close()


def _on_dask(sources: Sequence[Source], settings: Settings, done: Done, cluster: Cluster) -> list[ArticleResult]:
    """Batches mapped over the cluster's workers; each worker loads the model once and keeps it."""
    client = cluster.client()
    batches = _batches(sources)
    futures = client.map(analyse_here, batches, settings=settings, pure=False)
    out: list[ArticleResult] = []
    for batch, future in zip(batches, futures):
        out.extend(future.result())
        done(len(batch))
    return out


def stories_on_dask(
    stories: Sequence[tuple[str, Sequence[Claim]]],
    settings: Settings,
    published: dict[str, date | None],
    cluster: Cluster,
) -> list[tuple[list[ClaimGroup], tuple[GroupVerdict, ...]]]:
    """Each (label, claims) story grouped and judged on the cluster, in the order given."""
    client = cluster.client()
    futures = [
        client.submit(
            story_verdicts,
            list(told),
            settings,
            label,
            {c.source_id: published.get(c.source_id) for c in told},
            pure=False,
        )
        for label, told in stories
    ]
    return [future.result() for future in futures]
