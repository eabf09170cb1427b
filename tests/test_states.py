"""Facts stated in words (extract/states.py, states.toml): one line per phrase or pair in tests/cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.compare import compare_groups
from factcheck.config import Settings
from factcheck.extract import extract_mentions
from factcheck.group import group_claims
from factcheck.model import Claim, Kind, Source, Status
from factcheck.normalize import normalize_mentions
from factcheck.values import facets_agree

CASES = Path(__file__).parent / "cases"


def _rows(name: str) -> list[list[str]]:
    return [
        line.split("\t")
        for line in (CASES / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def _facts(text: str, pipeline, source_id: str = "t") -> list[Claim]:
    source = Source(id=source_id, path=f"{source_id}.txt", text=text, format="txt", sha256="")
    extracted = extract_mentions([source], pipeline)
    assert not extracted.failed, extracted.failed[0].detail
    claims = normalize_mentions(extracted.mentions, {source_id: source}, Settings())
    return [c for c in claims if c.kind in (Kind.STATUS, Kind.ROLE) and c.value.facets]


@pytest.mark.parametrize(
    "sentence,surface,subject,attribute,value,polarity",
    _rows("facts.tsv"),
    ids=[f"{row[3]}:{row[4]}" for row in _rows("facts.tsv")],
)
def test_fact_is_read_from_the_parse(pipeline, sentence, surface, subject, attribute, value, polarity):
    facts = [c for c in _facts(sentence, pipeline) if c.text == surface]
    assert facts, (
        f"no fact with surface {surface!r}; got {[(c.text, c.value.text) for c in _facts(sentence, pipeline)]}"
    )
    fact = facts[0]
    denied = fact.value.text.startswith("not ") or fact.value.facets.endswith(":no")
    assert (fact.subject, fact.attribute, fact.value.text, "-" if denied else "+") == (
        subject,
        attribute,
        value,
        polarity,
    )


@pytest.mark.parametrize(
    "first,second,expected",
    _rows("fact_pairs.tsv"),
    ids=[f"{row[2]}:{row[0][:30]}|{row[1][:30]}" for row in _rows("fact_pairs.tsv")],
)
def test_two_articles_agree_conflict_or_speak_of_different_facts(pipeline, first, second, expected):
    claims = _facts(first, pipeline, "a") + _facts(second, pipeline, "b")
    assert {c.source_id for c in claims} == {"a", "b"}, [(c.source_id, c.text) for c in claims]
    by_id = {c.id: c for c in claims}
    verdicts = compare_groups(group_claims(claims, Settings()), by_id, {})
    shared = [v for v in verdicts if {by_id[c].source_id for c in v.group.claim_ids} == {"a", "b"}]
    found = "different" if not shared else "conflict" if any(v.status is Status.CONFLICT for v in shared) else "agree"
    assert found == expected, [(v.status.value, v.explanation) for v in verdicts]


def test_a_state_excludes_only_what_the_model_says():
    """Facets from states.toml: a delay and a cancellation exclude each other, an arrest and a charge
    are one fact at two stages, a doer named in fewer words is the same doer."""
    from factcheck.model import Value

    def state(facets: str, excludes: str = "") -> Value:
        return Value(None, None, "state", False, facets, facets=facets, excludes=excludes)

    assert (
        facets_agree(
            state("lifecycle:delayed|lifecycle", "lifecycle:cancelled"), state("lifecycle:cancelled|lifecycle")
        )
        is False
    )
    assert facets_agree(state("legal status:arrested|legal status"), state("legal status:charged|legal status")) is True
    assert facets_agree(state("acquirer:harlow", "acquirer:*"), state("acquirer:harlow foods", "acquirer:*")) is True
    assert facets_agree(state("acquirer:harlow", "acquirer:*"), state("acquirer:brightwater", "acquirer:*")) is False
    assert facets_agree(state("role:current:ceo"), state("role:current:co-founder")) is None
