"""The article cache: results read back exactly, a damaged entry or file is recomputed (never
fatal), a re-run on unchanged articles analyses none and loads no model, one changed article is the
only one analysed again, and two writers at once leave it readable."""

from __future__ import annotations

import multiprocessing
import sqlite3
import subprocess
import sys
import zlib
from dataclasses import fields, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

import factcheck.analyse as analyse
import factcheck.engines as engines
from factcheck import pipeline as pipeline_module
from factcheck.cache import ArticleCache
from factcheck.codec import _CLAIM_TYPES, _EVIDENCE_LISTS, _EVIDENCE_TYPES, _VALUE_TYPES, CodecError, decode, encode
from factcheck.config import DEFAULT_MODELS, Settings
from factcheck.model import ArticleResult, Claim, Evidence, SkippedFile, Value
from factcheck.report import to_json

CORPORA = Path(__file__).parent / "corpora"
WHEN = datetime(2025, 1, 2, tzinfo=UTC)


@pytest.fixture(scope="module")
def analysed(pipeline):
    """Every test corpus article's ArticleResult, analysed without a cache."""
    result = pipeline_module.run(sorted(p for p in CORPORA.iterdir() if p.is_dir()), Settings(cache=False), pipeline)
    by_source = {s.id: [] for s in result.sources}
    for claim in result.claims:
        by_source[claim.source_id].append(claim)
    return [ArticleResult(source, tuple(claims)) for source, claims in by_source.items()]


def test_every_claim_reads_back_equal(analysed):
    assert sum(len(r.claims) for r in analysed) > 50
    for result in analysed:
        assert decode(encode(result)) == result


def test_a_failure_reads_back_with_its_traceback():
    result = ArticleResult(
        "a", (), SkippedFile("a.txt", "could not analyse: IndexError at extraction", "Traceback ...")
    )
    back = decode(encode(result))
    assert back == result and back.failure.detail == "Traceback ..."


def test_the_codec_knows_the_type_of_every_field():
    """A field added to Claim or Value needs its type here, else it is read back unchecked."""
    assert set(_CLAIM_TYPES) | {"kind", "value", "evidence"} == {f.name for f in fields(Claim)}
    assert set(_VALUE_TYPES) == {f.name for f in fields(Value)}
    assert set(_EVIDENCE_TYPES) | set(_EVIDENCE_LISTS) == {f.name for f in fields(Evidence)}


@pytest.mark.parametrize(
    "blob",
    [
        b"not zlib at all",
        zlib.compress(b"not json"),
        zlib.compress(b'{"source_id": "a", "claims": []}'),
        zlib.compress(b'{"source_id": "a", "claims": [{"id": 1}], "failure": null}'),
        zlib.compress(b'{"source_id": 3, "claims": [], "failure": null}'),
        zlib.compress(b"[1, 2]"),
    ],
    ids=["not-zlib", "not-json", "missing-field", "wrong-claim", "wrong-type", "not-an-object"],
)
def test_a_damaged_entry_is_a_codec_error(blob):
    with pytest.raises(CodecError):
        decode(blob)


def test_a_number_field_does_not_take_a_flag(analysed):
    claim = next(c for r in analysed for c in r.claims)
    bad = replace(claim, start=True)
    with pytest.raises(CodecError):
        decode(encode(ArticleResult("a", (bad,))))


def test_a_damaged_entry_is_dropped_and_the_others_kept(tmp_path, analysed):
    with ArticleCache(tmp_path) as store:
        store.put_many([("good", analysed[0]), ("bad", analysed[1])])
    with sqlite3.connect(tmp_path / "articles.sqlite3") as db:
        db.execute("UPDATE articles SET value = ? WHERE key = 'bad'", (b"garbage",))
    with ArticleCache(tmp_path) as store:
        assert store.get_many(["good", "bad"]) == {"good": analysed[0]}
        assert store.info().entries == 1


def test_a_file_that_is_not_a_database_is_replaced(tmp_path, analysed):
    (tmp_path / "articles.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with ArticleCache(tmp_path) as store:
        assert store.get_many(["x"]) == {} and store.warning is None
        store.put_many([("x", analysed[0])])
        assert store.get_many(["x"]) == {"x": analysed[0]}


def test_a_cache_that_cannot_be_made_is_switched_off_with_a_warning(tmp_path, analysed):
    (tmp_path / "file").write_text("", encoding="utf-8")
    with ArticleCache(tmp_path / "file" / "cache") as store:
        store.put_many([("x", analysed[0])])
        assert store.get_many(["x"]) == {}
        assert "cache switched off" in store.warning


def _write_many(folder: str, writer: int, results: list[ArticleResult]) -> None:
    with ArticleCache(Path(folder)) as store:
        for round_ in range(20):
            store.put_many((f"{writer}-{round_}-{n}", r) for n, r in enumerate(results))
            store.get_many([f"{1 - writer}-{round_}-0"])


def test_two_writers_at_once_leave_every_entry_readable(tmp_path, analysed):
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write_many, args=(str(tmp_path), n, analysed[:5])) for n in (0, 1)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(120)
        assert writer.exitcode == 0
    keys = [f"{w}-{r}-{n}" for w in (0, 1) for r in range(20) for n in range(5)]
    with ArticleCache(tmp_path) as store:
        found = store.get_many(keys)
    assert len(found) == 200 and found["1-19-4"] == analysed[4]


# ------------------------------------------------------------------ runs that use the cache


@pytest.fixture
def story(tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    for article in sorted((CORPORA / "plant-fire").glob("*.*")):
        if article.suffix in (".txt", ".md", ".html"):
            (folder / article.name).write_bytes(article.read_bytes())
    return folder


def _counting(monkeypatch) -> list[int]:
    analysed_counts: list[int] = []
    real = engines.analyse

    def counted(sources, settings, done):
        analysed_counts.append(len(sources))
        return real(sources, settings, done)

    monkeypatch.setattr(engines, "analyse", counted)
    return analysed_counts


def test_a_rerun_analyses_nothing_and_loads_no_model(story, tmp_path, monkeypatch):
    settings = Settings(cache_dir=str(tmp_path / "cache"), jobs=1)
    first = pipeline_module.run([story], settings)
    counts = _counting(monkeypatch)
    monkeypatch.setattr(analyse, "pipeline_for", lambda _model: pytest.fail("the model was loaded"))
    monkeypatch.setattr(pipeline_module, "strip_html", lambda _html: pytest.fail("a page was read again"))
    second = pipeline_module.run([story], settings)
    assert counts == [0]
    assert to_json(second, settings, generated=WHEN) == to_json(first, settings, generated=WHEN)


def test_one_changed_article_is_the_only_one_analysed_again(story, tmp_path, monkeypatch):
    settings = Settings(cache_dir=str(tmp_path / "cache"), jobs=1)
    pipeline_module.run([story], settings)
    changed = sorted(story.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nThe plant employs 412 people.\n", encoding="utf-8")
    counts = _counting(monkeypatch)
    warm = pipeline_module.run([story], settings)
    assert counts == [1]
    cold = pipeline_module.run([story], replace(settings, cache=False))
    assert to_json(warm, settings, generated=WHEN) == to_json(cold, settings, generated=WHEN)


def test_a_setting_that_changes_claims_changes_the_key(story):
    source = pipeline_module.read_sources([story], max_bytes=10**7).sources[0]
    key = analyse.cache_key(source, Settings(), "en_core_web_sm 3.8.0")
    assert analyse.cache_key(source, Settings(approx_tolerance=0.2), "en_core_web_sm 3.8.0") != key
    assert analyse.cache_key(source, Settings(), "en_core_web_sm 3.9.0") != key
    assert analyse.cache_key(replace(source, published=None), Settings(), "en_core_web_sm 3.8.0") != key
    for same in (Settings(jobs=3, fail_on="never", subject_similarity=50), Settings(cache_dir="elsewhere")):
        assert analyse.cache_key(source, same, "en_core_web_sm 3.8.0") == key


def test_the_model_is_named_without_loading_it(pipeline):
    """The cache key names the model from its package files; it must be the name loading gives."""
    assert analyse.model_identity(None) == pipeline.name
    assert analyse.model_identity("no_such_model_xyz") is None


def test_the_default_models_are_the_ones_extract_tries():
    from factcheck.extract import nlp

    assert DEFAULT_MODELS == nlp.DEFAULT_MODELS


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_a_cached_run_imports_neither_spacy_nor_pandas(story, tmp_path):
    code = (
        f"import sys; from pathlib import Path; from factcheck import pipeline; from factcheck.config import Settings\n"
        f"pipeline.run([Path({str(story)!r})], Settings(jobs=1))\n"
        f"print('spacy' in sys.modules, 'trafilatura' in sys.modules, 'pandas' in sys.modules)"
    )
    assert _python(code, tmp_path).stdout.split() == ["True", "True", "False"]  # the cold run needs them
    warm = _python(code, tmp_path)
    assert warm.stdout.split() == ["False", "False", "False"], warm.stderr


def test_the_command_line_starts_without_spacy_or_pandas(tmp_path):
    found = _python(
        "import sys, factcheck.cli; print(sorted({'spacy', 'pandas', 'thinc'} & set(sys.modules)))", tmp_path
    )
    assert found.stdout.strip() == "[]", found.stderr


def test_a_page_reads_back_and_a_damaged_one_is_dropped(tmp_path):
    with ArticleCache(tmp_path) as store:
        store.put_page("p", ("Text", "Title", None, "Site"))
        store.put_page("q", ("Text", None, None, None))
        assert store.get_page("p") == ("Text", "Title", None, "Site")
    with sqlite3.connect(tmp_path / "articles.sqlite3") as db:
        db.execute("UPDATE pages SET value = '[1, 2]' WHERE key = 'q'")
    with ArticleCache(tmp_path) as store:
        assert store.get_page("q") is None and store.get_page("missing") is None
    with sqlite3.connect(tmp_path / "articles.sqlite3") as db:
        assert [k for (k,) in db.execute("SELECT key FROM pages")] == ["p"]
