"""Headlines and source labels, table-driven (tests/cases/titles.tsv, labels.tsv), and on real pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.ingest import read_sources
from factcheck.ingest.naming import LABEL_WIDTH, guess_title, header_metadata, is_headline, source_label, unique_labels

CASES = Path(__file__).parent / "cases"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _rows(name: str) -> list[list[str | None]]:
    rows = []
    for line in (CASES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([None if cell == "-" else cell.replace("\\n", "\n") for cell in line.split("\t")])
    return rows


@pytest.mark.parametrize("text,url,title", _rows("titles.tsv"), ids=lambda v: (v or "-")[:40])
def test_title(text, url, title):
    assert guess_title(text, url) == title


@pytest.mark.parametrize("site,url,title,path,label", _rows("labels.tsv"), ids=lambda v: (v or "-")[:30])
def test_label(site, url, title, path, label):
    assert source_label(site, url, title, path) == label
    assert len(label) <= LABEL_WIDTH


def test_labels_are_unique_and_short():
    labels = unique_labels(["example.com", "Example.com", "example.com", "x" * 40])
    assert labels[:3] == ["example.com", "Example.com (2)", "example.com (3)"]
    assert all(len(label) <= LABEL_WIDTH for label in labels)
    assert unique_labels(["y" * 32, "y" * 32])[1].endswith("… (2)")


def test_header_lines_are_metadata_and_unknown_is_none():
    meta = header_metadata("# source: https://example.com/a-b-c\n# title: unknown\n# published: 2024-01-02\nBody.")
    assert meta == {"source": "https://example.com/a-b-c", "published": "2024-01-02"}
    assert header_metadata("# A markdown headline\n\nBody.") == {}


def test_a_source_gets_its_label_from_its_url_and_labels_are_unique(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(
            "# source: https://www.example.com/ferry-sinks-lake-victoria\n# title: unknown\n"
            "Ferry sinks on Lake Victoria\nThe ferry sank with 40 people aboard on Tuesday.\n"
        )
    (tmp_path / "c.md").write_text("---\noutlet: Morning Wire\n---\nBody with $5 million.\n")
    sources = read_sources([tmp_path]).sources
    assert [s.label for s in sources] == ["example.com", "example.com (2)", "Morning Wire"]
    assert sources[0].title == "Ferry sinks on Lake Victoria" and sources[2].title is None


def test_an_html_page_is_labelled_by_its_canonical_site(tmp_path):
    (tmp_path / "p.html").write_text(
        '<html><head><link rel="canonical" href="https://news.example.org/a"></head>'
        "<body><article><p>The plant employs 300 people, the owner said.</p></article>"
        "</body></html>"
    )
    source = read_sources([tmp_path]).sources[0]
    assert source.label in {"news.example.org", source.site}


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared corpora are not beside this checkout")
@pytest.mark.parametrize(
    "story",
    sorted(p.name for p in [SHARED / "muse-spark", *(SHARED / "real-dev").glob("*")] if p.is_dir())
    if SHARED.is_dir()
    else [],
)
def test_real_titles_are_headlines_never_page_labels(story):
    folder = SHARED / story if (SHARED / story).is_dir() else SHARED / "real-dev" / story
    sources = read_sources([folder]).sources
    for source in sources:
        # a site or section label ("Guide · In-depth", "Quick Reads") is never shaped like a headline
        assert source.title is None or is_headline(source.title), (source.path, source.title)
    assert len({s.label for s in sources}) == len(sources)
    assert all(0 < len(s.label) <= 32 for s in sources)
