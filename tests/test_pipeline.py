"""The pipeline keeps going: one article that breaks a stage is skipped with its reason, the rest is
reported as if it had not been there."""

from __future__ import annotations

from pathlib import Path

import pytest

import factcheck.analyse as analyse
import factcheck.extract as extract
import factcheck.pipeline as pipeline_module
from factcheck.config import Settings
from factcheck.extract import extract_mentions
from factcheck.model import Kind, Source

CORPORA = Path(__file__).parent / "corpora"
GOOD = "Acme hired 300 engineers in 2025. Its revenue rose 12% to $4.1 billion."
BAD = "Globex hired 900 engineers. The word TRIGGER breaks the analysis of this article."


def _source(name: str, text: str) -> Source:
    return Source(id=name, path=f"{name}.txt", text=text, format="txt", sha256="")


@pytest.fixture
def breaks_on_trigger(monkeypatch):
    real = extract.describe

    def describe(doc, match, names):
        if "TRIGGER" in doc.text:
            raise IndexError("list index out of range")
        return real(doc, match, names)

    monkeypatch.setattr(extract, "describe", describe)


def test_an_article_that_breaks_extraction_is_reported_and_the_others_kept(pipeline, breaks_on_trigger):
    sources = [_source("good", GOOD), _source("bad", BAD), _source("also-good", GOOD)]
    extracted = extract_mentions(sources, pipeline, batch_size=2)
    assert [f.path for f in extracted.failed] == ["bad.txt"]
    assert extracted.failed[0].reason == "could not analyse: IndexError at extraction"
    assert "Traceback" in extracted.failed[0].detail
    assert {m.source_id for m in extracted.mentions} == {"good", "also-good"}


def test_an_article_that_breaks_the_parser_is_isolated_from_its_batch(pipeline, monkeypatch):
    nlp = pipeline.nlp
    real_call = type(nlp).__call__

    def pipe(texts, batch_size=8):
        texts = list(texts)
        if any("TRIGGER" in str(t) for t in texts):  # texts, or Docs made by the tokenizer
            raise ValueError("parser broke")
        return (real_call(nlp, t) for t in texts)

    def call(text):
        if "TRIGGER" in str(text):
            raise ValueError("parser broke")
        return real_call(nlp, text)

    monkeypatch.setattr(nlp, "pipe", pipe)
    monkeypatch.setattr(extract, "_parse_one", lambda _nlp, text: _safe(call, text))
    sources = [_source("good", GOOD), _source("bad", BAD)]
    extracted = extract_mentions(sources, pipeline, batch_size=8)
    assert [(f.path, f.reason) for f in extracted.failed] == [("bad.txt", "could not analyse: ValueError at parsing")]
    assert {m.source_id for m in extracted.mentions} == {"good"}


def _safe(call, text):
    try:
        return call(text)
    except Exception as exc:  # noqa: BLE001
        return exc


def test_a_run_skips_an_article_that_breaks_normalisation(tmp_path, monkeypatch, pipeline):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BAD, encoding="utf-8")
    real = analyse.normalize_mentions

    def normalize(mentions, sources, settings):
        if any("TRIGGER" in s.text for s in sources.values()):
            raise ZeroDivisionError("division by zero")
        return real(mentions, sources, settings)

    monkeypatch.setattr(analyse, "normalize_mentions", normalize)
    result = pipeline_module.run([tmp_path], Settings(cache=False), pipeline)
    assert [s.path.endswith("a.txt") for s in result.sources] == [True]
    assert [s.reason for s in result.skipped] == ["could not analyse: ZeroDivisionError at normalisation"]
    assert result.claims and all(c.source_id == result.sources[0].id for c in result.claims)


@pytest.mark.parametrize("article", sorted(CORPORA.glob("*/*.txt")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_chunked_analysis_finds_the_same_values_at_the_same_offsets(article, pipeline):
    text = article.read_text(encoding="utf-8")
    source = _source("a", text)
    whole = extract_mentions([source], pipeline).mentions
    longest_paragraph = max(len(p) for p in text.split("\n\n")) + 2
    chunked = extract_mentions([source], pipeline, chunk_chars=longest_paragraph).mentions
    # figures only: a fact in words (a state, a title, a speaker) rests on the parse of its whole
    # clause, and this limit may cut a paragraph at a space ("based in | Leeds")
    figures = lambda mentions: [(m.start, m.end, m.kind) for m in mentions if m.kind not in (Kind.STATUS, Kind.ROLE)]  # noqa: E731
    assert figures(chunked) == figures(whole)
    assert all(m.text == text[m.start : m.end] for m in chunked)


# ------------------------------------------------------------------ generated articles

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.sampled_from(
    [
        "Mr.",
        "Dr.",
        "Mrs.",
        "Gen.",
        "May",
        "June",
        "Ángel Pérez",
        "Łukasz Nowak",
        "Zoë",
        "Øresund Bank",
        "Élan",
        "ÉCOLE",
        "Acme",
        "Acme Corp",
        "the company",
        "it",
        "its",
        "their",
        "said",
        "rose",
        "fell",
        "to",
        "from",
        "at least",
        "nearly",
        "about",
        "aged",
        "on Monday",
        "last year",
        "in 2025",
        "was",
        "is not",
        "hired",
        "killed",
        "employs",
        "revenue",
        "shares",
        "people",
        "$5 million",
        "12%",
        "3,400",
        "1.2bn",
        "2025",
        "41",
        "nine",
        "(57)",
        "10x",
        "top-5",
        "#3",
        "Q2",
        "mid-2025",
        "—",
        "(",
        ")",
        '"',
        "'",
        ";",
        ":",
        "...",
        "$$$",
        "\u200b",
        "\u00ad",
        "\ufeff",
        "\u2009",
        "\n",
        "\n\n",
        "# ",
        "| a | b |",
        ".",
    ]
)
_ARTICLE = st.lists(_WORDS, min_size=1, max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_ARTICLE, min_size=1, max_size=3))
def test_no_generated_article_breaks_a_stage(pipeline, tmp_path_factory, articles):
    folder = tmp_path_factory.mktemp("generated")
    for number, text in enumerate(articles):
        (folder / f"{number}.txt").write_text(text, encoding="utf-8")
    try:
        result = pipeline_module.run([folder], Settings(), pipeline)
    except Exception as exc:  # noqa: BLE001
        assert "no readable articles" in str(exc) and "could not analyse" not in str(exc), exc
        return
    broken = [s for s in result.skipped if "could not analyse" in s.reason]
    assert not broken, broken[0].detail
    texts = {s.id: s.text for s in result.sources}
    assert all(texts[c.source_id][c.start : c.end] == c.text for c in result.claims)
