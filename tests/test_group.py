from __future__ import annotations

import pytest

from factcheck.config import Settings
from factcheck.group import group_claims, same_attribute, same_subject, subject_key
from factcheck.model import Claim, Kind, Source, Value


@pytest.mark.parametrize(
    "a,b,same",
    [
        ("Gemini 3.1 Pro", "Gemini 3.1 Pro Preview", True),
        ("Scale", "Scale AI", True),
        ("Llama 3", "Llama 3.1", False),
        ("GPT-5", "GPT-5.4", False),
        ("Claude Opus 4.5", "Claude Opus 4.6", False),
        ("Meta", "Meta Superintelligence Labs", False),
        ("Alexandr Wang", "Alexandr Wang", True),
        ("AI Analysis Index", "Artificial Analysis Intelligence Index", True),
        ("Intelligence Index", "Artificial Analysis Intelligence Index", True),
        ("US Steel", "United States Steel", False),
        ("Harbourline", "Harbourline Services", True),
        ("Acme", "Acme Holdings plc", True),
        ("Acme", "Acme Mining", False),
    ],
)
def test_subjects_merge_but_versions_stay_apart(a, b, same):
    assert same_subject(subject_key(a), subject_key(b), Settings()) is same


@pytest.mark.parametrize(
    "a,b,same",
    [
        ("score on artificial analysis intelligence index", "score on intelligence index", True),
        ("score on gpqa diamond", "score on arc agi", False),
        ("compute vs llama 4 maverick", "compute", True),
        ("age", "employees", False),
    ],
)
def test_attributes(a, b, same):
    assert same_attribute(a, b, Settings()) is same


def claim(cid, source, subject, attribute, low, high=None, sentence="s", kind=Kind.AGE, as_of=None, scoped=False):
    return Claim(
        id=cid,
        source_id=source,
        start=0,
        end=1,
        text="x",
        sentence=sentence,
        subject=subject,
        attribute=attribute,
        attribute_words="",
        kind=kind,
        value=Value(low, low if high is None else high, "year", False, str(low)),
        as_of=as_of,
        confidence=0.9,
        pattern="t",
        scoped=scoped,
    )


def test_same_value_for_different_subjects_does_not_group():
    groups = group_claims(
        [claim("a", "s1", "Llama 4 Scout", "parameters", 17), claim("b", "s2", "Llama 4 Maverick", "parameters", 17)],
        Settings(),
    )
    assert len(groups) == 2


def test_two_values_in_one_sentence_never_group():
    groups = group_claims(
        [
            claim("a", "s1", "X", "rank", 1, sentence="A (Rank 1), B (Rank 2)"),
            claim("b", "s1", "X", "rank", 2, sentence="A (Rank 1), B (Rank 2)"),
        ],
        Settings(),
    )
    assert len(groups) == 2


def test_claims_about_different_years_are_different_facts():
    groups = group_claims(
        [
            claim("a", "s1", "Meta", "spending", 72, kind=Kind.MONEY, as_of="2025", scoped=True),
            claim("b", "s2", "Meta", "spending", 115, kind=Kind.MONEY, as_of="2026", scoped=True),
        ],
        Settings(),
    )
    assert len(groups) == 2


def test_grouping_does_not_depend_on_input_order():
    claims = [
        claim("a", "s1", "Alexandr Wang", "age", 29),
        claim("b", "s2", "Wang", "age", 28),
        claim("c", "s3", "Alexandr Wang", "age", 29),
    ]
    assert group_claims(claims, Settings()) == group_claims(list(reversed(claims)), Settings())


def test_user_aliases_join_names_no_rule_can():
    settings = Settings(aliases={"Meta": ["Facebook"]})
    groups = group_claims(
        [
            claim("a", "s1", "Meta", "employees", 70000, kind=Kind.COUNT),
            claim("b", "s2", "Facebook", "employees", 70000, kind=Kind.COUNT),
        ],
        settings,
    )
    assert len(groups) == 1


def test_surname_alone_joins_the_one_full_name_in_the_corpus():
    groups = group_claims(
        [claim("a", "s1", "Jane Okafor", "age", 31), claim("b", "s2", "Okafor", "age", 35)], Settings()
    )
    assert len(groups) == 1 and groups[0].subject == "Jane Okafor"


def _evidenced(cid, source, subject, attribute, low, measured, context, stance="actual", kind=Kind.COUNT):
    from factcheck.model import Evidence

    words = tuple(sorted(set(measured) | set(context)))
    return Claim(
        id=cid,
        source_id=source,
        start=0,
        end=1,
        text=str(low),
        sentence=f"{cid} {' '.join(words)}",
        subject=subject,
        attribute=attribute,
        attribute_words="",
        kind=kind,
        value=Value(low, low, "people", False, str(low)),
        as_of=None,
        confidence=0.9,
        pattern="t",
        evidence=Evidence(measured=tuple(measured), context=tuple(sorted(context)), sentence=words, stance=stance),
    )


def test_the_same_fact_in_other_words_joins_across_keys():
    a = _evidenced("a", "s1", "", "deaths", 86, ("death", "toll"), ("toll", "quake", "coastal", "province", "rubble"))
    b = _evidenced("b", "s2", "", "lives", 84, ("life",), ("quake", "coastal", "province", "rubble", "toll"))
    noise = [
        _evidenced(f"n{i}", f"s{i % 2 + 1}", "", f"thing{i}", 10 + i, (f"w{i}",), (f"x{i}", f"y{i}")) for i in range(6)
    ]
    groups = group_claims([a, b, *noise], Settings())
    assert any({"a", "b"} <= set(g.claim_ids) for g in groups)
    assert all(g.confidence <= 1.0 for g in groups)


@pytest.mark.parametrize(
    "a,b,joined",
    [
        # a forecast never joins an actual, however alike the words
        (("s1", "", "revenue", "actual"), ("s2", "", "sales", "estimate"), False),
        # two subjects one article of the story measures the same way are two facts
        (("s1", "Alpha", "score", "actual"), ("s2", "Beta", "score", "actual"), False),
        # ...but a subject no article sets against the other is only evidence (often the quoted source)
        (("s1", "Gamma", "revenue", "actual"), ("s2", "Delta", "revenue", "actual"), True),
        # one article's two figures are two facts
        (("s1", "", "revenue", "actual"), ("s1", "", "sales", "actual"), False),
    ],
)
def test_constraints_keep_facts_apart(a, b, joined):
    words = ("revenue", "quarter", "record", "datacenter")
    first = _evidenced("a", a[0], a[1], a[2], 22, words, words, stance=a[3], kind=Kind.MONEY)
    second = _evidenced("b", b[0], b[1], b[2], 20, words, words, stance=b[3], kind=Kind.MONEY)
    extra = [
        _evidenced("c", "s3", "Alpha", "score", 5, ("x",), words + ("y",), kind=Kind.MONEY),
        _evidenced("d", "s3", "Beta", "score", 6, ("x",), words + ("z",), kind=Kind.MONEY),
    ]
    groups = group_claims([first, second, *extra], Settings())
    assert any({"a", "b"} <= set(g.claim_ids) for g in groups) is joined


def test_a_scheduled_date_and_the_date_it_happened_are_two_facts():
    words = ("launch", "mission")
    planned = _evidenced("a", "s1", "Probe", "launch date", "2021", words, words, stance="estimate", kind=Kind.DATE)
    actual = _evidenced("b", "s2", "Probe", "launch date", "2023-07-14", words, words, kind=Kind.DATE)
    again = _evidenced("c", "s3", "Probe", "launch date", "2023-07-14", words, words, kind=Kind.DATE)
    story = "The Probe mission to the Moon launched after years of delay, the space agency said."
    sources = [Source(id=s, path=f"{s}.txt", text=story, format="txt", sha256="") for s in ("s1", "s2", "s3")]
    groups = group_claims([planned, actual, again], Settings(), sources=sources)
    assert any({"b", "c"} <= set(g.claim_ids) for g in groups)
    assert not any({"a", "b"} <= set(g.claim_ids) for g in groups)


@pytest.mark.parametrize(
    "first,second,joined",
    [
        (("accounting:adjusted",), ("accounting:reported",), False),
        (("period:quarter",), ("period:year",), False),
        (("accounting:adjusted", "period:quarter"), ("period:quarter",), True),
        (("accounting:adjusted",), (), True),
    ],
)
def test_different_kinds_of_one_measure_are_two_facts(first, second, joined):
    from dataclasses import replace

    words = ("earning", "share", "quarter", "result")
    a = _evidenced("a", "s1", "", "earnings", 5, words, words, kind=Kind.MONEY)
    b = _evidenced("b", "s2", "", "earnings", 4, words, words, kind=Kind.MONEY)
    a = replace(a, evidence=replace(a.evidence, qualifiers=first))
    b = replace(b, evidence=replace(b.evidence, qualifiers=second))
    assert any({"a", "b"} <= set(g.claim_ids) for g in group_claims([a, b], Settings())) is joined
