from __future__ import annotations

import codecs
import os
from datetime import date
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.fingerprint import source_id, unique_source_ids
from factcheck.ingest import decode, find_dateline, guess_title, read_sources
from factcheck.ingest.html_text import strip_html

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


TEXT = "Zürich café: sales rose 5% to €3 million."
ASCII = "Total sales reached $5 million last year."


@pytest.mark.parametrize(
    "raw,text,encoding,replaced",
    [
        pytest.param(TEXT.encode(), TEXT, "utf-8", 0, id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode(), TEXT, "utf-8", 0, id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), TEXT, "utf-16-le", 0, id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT, "utf-16-be", 0, id="utf-16-be-bom"),
        pytest.param(codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), TEXT, "utf-32-le", 0, id="utf-32-le-bom"),
        pytest.param(codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), TEXT, "utf-32-be", 0, id="utf-32-be-bom"),
        pytest.param(ASCII.encode("utf-16-le"), ASCII, "utf-16-le", 0, id="utf-16-le-nuls"),
        pytest.param(ASCII.encode("utf-16-be"), ASCII, "utf-16-be", 0, id="utf-16-be-nuls"),
        pytest.param(ASCII.encode("utf-32-le"), ASCII, "utf-32-le", 0, id="utf-32-le-nuls"),
        pytest.param(TEXT.encode() + b"\xff\xfe\x81", TEXT + "\ufffd" * 3, "utf-8", 3, id="utf-8-few-bad-bytes"),
        pytest.param(ASCII.encode() + b"\x81", ASCII + "\ufffd", "utf-8", 1, id="ascii-stray-byte-not-cp1252"),
        pytest.param(
            codecs.BOM_UTF16_LE + ASCII.encode("utf-16-le") + b"\x00\xd8",
            ASCII + "\ufffd\ufffd",
            "utf-16-le",
            2,
            id="utf-16-lone-surrogate",
        ),
        pytest.param("Café costs €3 million".encode("cp1252"), "Café costs €3 million", "cp1252", 0, id="cp1252"),
    ],
)
def test_decode(raw, text, encoding, replaced):
    decoded = decode(raw)
    assert (decoded.text, decoded.encoding, decoded.replaced) == (text, encoding, replaced)


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"\x00\x00\x00data", id="nuls"),
        pytest.param(bytes((i * 7) % 6 + 1 for i in range(3000)) + b"abc", id="control-bytes"),
        pytest.param(bytes((i * 131 + 17) % 256 for i in range(4000)), id="all-bytes"),
        pytest.param(codecs.BOM_UTF16_LE + b"\x01\x00" * 500, id="utf-16-of-controls"),
    ],
)
def test_binary_is_not_text(raw):
    with pytest.raises(InputError, match="not text"):
        decode(raw)


def test_binary_file_is_skipped_with_a_reason(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x00\x00data")
    (tmp_path / "ok.txt").write_text("Fine text.")
    result = read_sources([tmp_path])
    assert [s.id for s in result.sources] == ["ok"]
    assert result.skipped[0].reason.startswith("not text")


def test_bad_bytes_are_a_warning_naming_the_count(tmp_path):
    (tmp_path / "a.txt").write_bytes(TEXT.encode() + b"\xff\xfe\x81 more text")
    result = read_sources([tmp_path])
    assert result.sources[0].text.startswith(TEXT)
    assert result.warnings == (f"{tmp_path / 'a.txt'}: 3 bytes that are not UTF-8 replaced",)


@pytest.mark.parametrize(
    "relative,slug",
    [
        ("reuters/quake.txt", "reuters-quake"),
        ("Zürich ñews/a.txt", "zürich-ñews-a"),
        ("Zu\u0308rich.md", "zürich"),  # NFD, as macOS writes names
        ("ZÜRICH.HTML", "zürich"),
        ("Straße.md", "strasse"),
        ("東京.txt", "東京"),
        ("हिन्दी समाचार.txt", "हिन्दी-समाचार"),
        ("A_B -- c.markdown", "a-b-c"),
        ("🔥.txt", "source"),
    ],
)
def test_source_id_is_a_unicode_slug(relative, slug):
    assert source_id(relative) == slug


def test_clashing_slugs_all_get_ids_whatever_the_order():
    files = [
        ("a b.txt", "in/a b.txt"),
        ("a-b.txt", "in/a-b.txt"),
        ("A_B.txt", "in/A_B.txt"),
        ("x.txt", "one/x.txt"),
        ("x.txt", "two/x.txt"),
    ]
    ids = unique_source_ids(files)
    assert len(set(ids)) == len(ids)
    assert ids[1] == "a-b" and ids[0].startswith("a-b-") and "x" in ids
    assert unique_source_ids(files[::-1]) == ids[::-1]
    assert unique_source_ids(files) == ids


def test_files_named_in_cjk_are_both_read(tmp_path):
    (tmp_path / "東京.txt").write_text(ASCII)
    (tmp_path / "大阪.txt").write_text(ASCII)
    (tmp_path / "a b.txt").write_text(ASCII)
    (tmp_path / "a-b.txt").write_text(ASCII)
    result = read_sources([tmp_path])
    assert len(result.sources) == 4 and not result.skipped
    assert {"東京", "大阪", "a-b"} <= {s.id for s in result.sources}


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "no article text"),
        ("big.txt", b"x" * 2001, "larger than the size limit (2,001 bytes > 2,000 bytes)"),
    ],
)
def test_unreadable_files_are_skipped_with_a_reason(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    result = read_sources([tmp_path / name], max_bytes=2000)
    assert not result.sources and result.skipped[0].reason.startswith(reason)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks")
def test_special_files_and_broken_links_are_one_line_each(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(ASCII)
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "gone.txt").symlink_to("nowhere.txt")
    (folder / "up").symlink_to("..")
    (folder / "again.txt").symlink_to("ok.txt")
    result = read_sources([folder])
    reasons = {Path(s.path).name: s.reason for s in result.skipped}
    assert [s.id for s in result.sources] == ["ok"]
    assert reasons["pipe.txt"] == "not a regular file: a FIFO (named pipe)"
    assert reasons["loop.txt"].startswith("symlink loop")
    assert reasons["gone.txt"] == "dangling link: nowhere.txt does not exist"
    assert reasons["again.txt"].startswith("the same file as")
    for given in ("pipe.txt", "loop.txt", "gone.txt"):  # named directly: the same line, not an error
        assert read_sources([folder / given]).skipped[0].reason == reasons[given]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_not_read():
    assert read_sources([Path("/dev/zero")]).skipped[0].reason == "not a regular file: a character device"


@pytest.mark.parametrize("depth", [0, 300, 10_000])
@pytest.mark.parametrize("noise", ["", "<nav>Home | World | Business</nav>"])
def test_deeply_nested_html_keeps_the_article(depth, noise):
    html = (
        f"<html><head><title>Sales</title><script>var x = 1;</script></head><body>{noise}"
        + "<div>" * depth
        + f"<article><p>{ASCII}</p><p>Costs &amp; more.</p></article>"
        + "</div>" * depth
        + "<footer>Contact us</footer></body></html>"
    )
    text, title, _date, _site = strip_html(html)
    assert ASCII in text and "Costs & more." in text and title == "Sales"
    assert "var x" not in text


def test_html_without_an_article_element_gives_the_body_text():
    text, *_ = strip_html("<p>Just one paragraph with $5 million.")
    assert text == "Just one paragraph with $5 million."


@pytest.mark.parametrize(
    "text,title",
    [
        (
            "Glostarep\n\nMeta Drops Its Playbook and Launches a Model\n\nBody.",
            "Meta Drops Its Playbook and Launches a Model",
        ),
        ("A first paragraph that ends in a full stop like prose does.\nAnother one here, also prose.", None),
    ],
)
def test_title_is_a_headline_shaped_line(text, title):
    assert guess_title(text) == title
