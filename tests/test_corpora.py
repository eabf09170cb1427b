"""Scores against hand-made gold lists, kept as floors (tests/corpora/floors.toml)."""

from __future__ import annotations

import importlib.util
import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
FLOORS = tomllib.loads((ROOT / "tests" / "corpora" / "floors.toml").read_text(encoding="utf-8"))
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def _scorer():
    if not SCORER.exists():
        pytest.skip(f"the shared scorer is not at {SCORER}")
    spec = importlib.util.spec_from_file_location("factcheck_gold_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_do_not_fall_below_their_floors(name, tmp_path):
    import yaml

    floor = FLOORS[name]
    gold_path = (ROOT / floor["gold"]).resolve()
    if not gold_path.exists():
        pytest.skip(f"gold list {gold_path} is not present")
    scorer = _scorer()
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["run", str(ROOT / floor["path"]), "--format", "json", "--output", str(out), "--quiet"]
    )
    assert result.exit_code in (0, 1), result.output
    report = json.loads(out.read_text())
    assert len({g["id"] for g in report["groups"]}) == len(report["groups"]), "group ids are unique"
    scores = scorer.score(
        yaml.safe_load(gold_path.read_text(encoding="utf-8")), scorer.Report(json.loads(out.read_text()))
    )
    summary = {
        k: scores[k]
        for k in (
            "numeric_conflict_recall",
            "qualitative_conflict_recall",
            "agreement_false_alarms",
            "near_miss_merges",
            "claim_recall",
            "conflicts_missed",
        )
    }
    if "min_numeric_conflict_recall" in floor:  # a corpus of facts in words may plant no figure conflict
        assert scores["numeric_conflict_recall"] >= floor["min_numeric_conflict_recall"], summary
    if "min_qualitative_conflict_recall" in floor:
        assert scores["qualitative_conflict_recall"] >= floor["min_qualitative_conflict_recall"], summary
    assert len(scores["agreement_false_alarms"]) <= floor["max_false_alarms"], summary
    assert len(scores["near_miss_merges"]) <= floor["max_merges"], summary
    assert scores["claim_recall"] >= floor["min_claim_recall"], summary
