"""Every engine gives the same report, byte for byte: one process, a pool of two, a Dask cluster."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

import factcheck.engines as engines
from factcheck import pipeline as pipeline_module
from factcheck.config import Settings
from factcheck.report import to_json

CORPORA = Path(__file__).parent / "corpora"
WHEN = datetime(2025, 1, 2, tzinfo=UTC)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Every article of the test corpora, twice over (two folders): enough for several workers."""
    root = tmp_path_factory.mktemp("archive")
    for copy in ("first", "second"):
        for article in sorted(CORPORA.glob("*/*.*")):
            if article.suffix in (".txt", ".md", ".html"):
                target = root / copy / article.parent.name / article.name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(article.read_bytes())
    return root


@pytest.fixture(scope="module")
def one_process(archive):
    settings = Settings(cache=False, jobs=1)
    return to_json(pipeline_module.run([archive], settings), settings, generated=WHEN)


def test_two_processes_give_the_same_report(archive, one_process, monkeypatch):
    used = []
    real = engines._on_processes
    monkeypatch.setattr(engines, "_on_processes", lambda *args: used.append(args[2]) or real(*args))
    settings = Settings(cache=False, jobs=2)
    assert to_json(pipeline_module.run([archive], settings), settings, generated=WHEN) == one_process
    assert used == [2]


def test_a_small_run_stays_in_one_process(tmp_path, monkeypatch):
    monkeypatch.setattr(engines, "_on_processes", lambda *args: pytest.fail("started processes for two articles"))
    for name in ("one", "two"):
        (tmp_path / f"{name}.txt").write_text(f"Acme hired {len(name)}00 engineers in 2025.", encoding="utf-8")
    result = pipeline_module.run([tmp_path], Settings(cache=False, jobs=8))
    assert len(result.sources) == 2


def test_the_dask_engine_gives_the_same_report(archive, one_process, monkeypatch):
    distributed = pytest.importorskip("distributed")
    stories = []
    real = engines.stories_on_dask
    monkeypatch.setattr(engines, "stories_on_dask", lambda *args: stories.extend(args[0]) or real(*args))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        settings = Settings(cache=False, engine="dask", scheduler=cluster.scheduler_address)
        report = to_json(pipeline_module.run([archive], settings), settings, generated=WHEN)
    assert report == one_process
    assert len(stories) > 1  # each story of the archive grouped and judged on the cluster


def test_a_cache_filled_by_one_engine_serves_another(archive, one_process, tmp_path):
    settings = Settings(cache_dir=str(tmp_path / "cache"), jobs=2)
    pipeline_module.run([archive], settings)
    warm = pipeline_module.run([archive], replace(settings, jobs=1))
    assert to_json(warm, settings, generated=WHEN) == one_process


def _dies(sources, settings):
    import os

    if any("fatal" in s.path for s in sources):
        os._exit(9)  # what the kernel's out-of-memory killer leaves behind
    from factcheck.analyse import analyse_here

    return analyse_here(sources, settings)


def test_a_worker_that_dies_makes_its_articles_skipped_not_a_crash(monkeypatch):
    from factcheck.model import Source

    monkeypatch.setattr(engines, "analyse_here", _dies)
    sources = [
        Source(f"a{n}", f"{'fatal' if n == 0 else 'fine'}-{n}.txt", "Acme hired 300 engineers.", "txt", "")
        for n in range(2)
    ]
    results = engines._on_processes(sources, Settings(cache=False), 1, lambda _n: None)
    assert [r.source_id for r in results] == ["a0", "a1"]
    assert results[0].failure.reason == "could not analyse: BrokenProcessPool at a worker process"


def test_story_by_story_verdicts_are_those_of_one_pass(monkeypatch):
    """The merge of per-story verdicts checked without a cluster, each story judged here as a worker
    would, on every story folder of the repository: groups of two stories share ids there, so ids
    are made unique over all stories and the renamed groups are judged again."""
    from factcheck.analyse import story_verdicts

    calls = []

    def here(stories, settings, published, _cluster):
        calls.append(len(stories))
        return [story_verdicts(list(told), settings, label, published) for label, told in stories]

    monkeypatch.setattr(engines, "stories_on_dask", here)
    settings = Settings(cache=False, jobs=1)
    result = pipeline_module.run([CORPORA, CORPORA.parent.parent / "sources"], settings)
    published = {s.id: s.published for s in result.sources}
    split = pipeline_module._story_by_story(result.claims, result.sources, settings, published, None)
    assert split == result.verdicts
    assert calls[0] > 10
    assert any(v.group.id.count("-") > 1 for v in split)  # a group renamed for an id another story has
