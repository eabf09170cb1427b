from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.ingest import decode, find_dateline, guess_title, read_sources

CORPORA = Path(__file__).parent / "corpora"


def test_folder_is_read_recursively_and_other_files_are_counted(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.md").write_text("Some text about 3 things.")
    (tmp_path / "two.txt").write_text("More text.")
    (tmp_path / "three.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("ignored")
    result = read_sources([tmp_path])
    assert [s.id for s in result.sources] == ["a-one", "two"]
    assert result.ignored == 1


def test_missing_path_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_sources([tmp_path / "nope"])


def test_front_matter_gives_title_and_date_and_keeps_offsets(tmp_path):
    text = "---\ntitle: A headline\npublished: 2026-03-05\n---\nBody with $5 million.\n"
    (tmp_path / "a.md").write_text(text)
    source = read_sources([tmp_path]).sources[0]
    assert source.title == "A headline" and source.published == date(2026, 3, 5)
    assert len(source.text) == len(text) and source.text.index("$5") == text.index("$5")


def test_html_is_stripped_to_article_text_with_metadata():
    source = read_sources([CORPORA / "agreeing" / "two.html"]).sources[0]
    assert source.format == "html" and source.published == date(2026, 6, 2)
    assert "Harbor Bridge cost roughly $1.2B" in source.text and "<p>" not in source.text


def test_dateline_near_the_top():
    assert find_dateline("Headline\n\nPublished Thursday, March 5, 2026\n\nBody") == date(2026, 3, 5)
    assert find_dateline("Posted on 5 March 2026 by staff") == date(2026, 3, 5)
    assert find_dateline("Nothing dated here.") is None


def test_non_utf8_text_is_decoded():
    assert decode("Café costs €3 million".encode("cp1252")) == "Café costs €3 million"


def test_binary_file_is_skipped_with_a_reason(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x00\x00data")
    (tmp_path / "ok.txt").write_text("Fine text.")
    result = read_sources([tmp_path])
    assert [s.id for s in result.sources] == ["ok"]
    assert result.skipped[0].reason.startswith("not text")


@pytest.mark.parametrize("text,title", [
    ("Glostarep\n\nMeta Drops Its Playbook and Launches a Model\n\nBody.", "Meta Drops Its Playbook and Launches a Model"),
    ("A first paragraph that ends in a full stop like prose does.\nAnother one here, also prose.", None),
])
def test_title_is_a_headline_shaped_line(text, title):
    assert guess_title(text) == title
