"""Several unrelated stories in one folder: each is found, no group joins two of them, and no
story's conflict recall falls below what it scores alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from test_corpora import ROOT, _scorer
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.group.stories import find_stories

STORIES = ("plant-fire", "chip-deal", "quarterly-results", "earthquake")


def _report(folder: Path, out: Path) -> dict:
    result = CliRunner().invoke(
        app, ["run", str(folder), "--format", "json", "--output", str(out), "--quiet", "--fail-on", "never"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text())


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("drop")
    for story in STORIES:
        shutil.copytree(ROOT / "tests" / "corpora" / story, folder / story, ignore=shutil.ignore_patterns("gold.yaml"))
    return _report(folder, folder.parent / "mixed.json")


def _story_of_source(report: dict) -> dict[str, str]:
    return {s["id"]: next(name for name in STORIES if name in s["path"]) for s in report["sources"]}


def test_each_story_is_found_and_named(mixed):
    told = _story_of_source(mixed)
    labels = {s["id"]: s.get("story") for s in mixed["sources"]}
    for story in STORIES:
        assert len({labels[s] for s, name in told.items() if name == story}) == 1, story
    assert len(set(labels.values())) == len(STORIES)
    assert all(label and not label.startswith("st-") for label in labels.values()), labels  # named by a shared name


def test_no_group_joins_two_stories(mixed):
    told = _story_of_source(mixed)
    source_of = {c["id"]: c["source"] for c in mixed["claims"]}
    for group in mixed["groups"]:
        assert len({told[source_of[c]] for c in group["claims"]}) == 1, group["explanation"]


@pytest.mark.parametrize("story", STORIES)
def test_recall_does_not_drop_against_the_separate_run(mixed, story, tmp_path):
    scorer = _scorer()
    gold = yaml.safe_load((ROOT / "tests" / "corpora" / story / "gold.yaml").read_text(encoding="utf-8"))
    alone = scorer.score(gold, scorer.Report(_report(ROOT / "tests" / "corpora" / story, tmp_path / "alone.json")))
    together = scorer.score(gold, scorer.Report(mixed))
    assert together["numeric_conflict_recall"] >= alone["numeric_conflict_recall"]
    assert len(together["near_miss_merges"]) <= len(alone["near_miss_merges"])


@pytest.mark.parametrize(
    "texts,stories",
    [
        (
            {
                "a": "Acme Corp said on Monday. Acme Corp sales rose.",
                "b": "Acme Corp sales rose sharply, Acme Corp said.",
            },
            1,
        ),
        (
            {
                "a": "The Harbor Bridge closed after storms hit Port Lenna overnight; Port Lenna officials said repairs begin soon.",
                "b": "Port Lenna officials said the Harbor Bridge would stay closed while storms continue around Port Lenna.",
                "c": "Shares in Vortel Systems jumped after Vortel Systems reported quarterly earnings above forecasts.",
                "d": "Vortel Systems earnings beat forecasts and shares in Vortel Systems jumped in late trading.",
            },
            2,
        ),
        # copies of one article (a wire story syndicated) are one story
        ({s: "The Harbor Bridge closed after storms hit Port Lenna overnight." for s in "abc"}, 1),
    ],
)
def test_find_stories(texts, stories):
    assert len(set(find_stories(texts).values())) == stories
