"""Files that once hung, crashed or silently vanished from a run: encodings, special files, links,
sizes, deep HTML, names. Each bad file sits beside a good one (b.txt), so a skipped file is seen to
leave the rest of the run alone and a processed one is seen to yield the claim of `SENTENCE`."""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.bad_inputs import SENTENCE, Case, json_run, write

GOOD = f"{SENTENCE}\n"


def _claims_from(*source_ids: str) -> Callable[[dict[str, Any]], None]:
    """Each named source was read and yields the claim of `SENTENCE`."""

    def check(report: dict[str, Any]) -> None:
        for source_id in source_ids:
            assert source_id in {s["id"] for s in report["sources"]}, (source_id, report["sources"], report["skipped"])
            assert any(c["source"] == source_id and "5 million" in c["text"] for c in report["claims"]), source_id

    return check


def _all_read(report: dict[str, Any], expected: int) -> None:
    """`expected` sources, none skipped, ids all different, each with its claim."""
    ids = {s["id"] for s in report["sources"]}
    assert len(ids) == expected and not report["skipped"], (report["sources"], report["skipped"])
    _claims_from(*ids)(report)


def _skipped(name: str, reason: str) -> Callable[[dict[str, Any]], None]:
    """The file is listed under skipped sources with the reason, and b.txt was still read."""

    def check(report: dict[str, Any]) -> None:
        assert any(Path(s["path"]).name == name and reason in s["reason"] for s in report["skipped"]), report["skipped"]
        _claims_from("b")(report)

    return check


def _beside_good(name: str, content: str | bytes | Callable[[Path], object]) -> Callable[[Path], list[str]]:
    """Writes in/NAME (bytes, text, or made by a function of the path) and in/b.txt; runs on in/."""

    def build(folder: Path) -> list[str]:
        write(folder, "in/b.txt", GOOD)
        if callable(content):
            (folder / "in" / name).parent.mkdir(parents=True, exist_ok=True)
            content(folder / "in" / name)
        else:
            write(folder, f"in/{name}", content)
        return json_run(folder, folder / "in")

    return build


def _given(name: str, make: Callable[[Path], object], *, alone: bool = False) -> Callable[[Path], list[str]]:
    """Makes a special file and names it on the command line (with b.txt unless `alone`); an
    absolute `name` such as /dev/zero is used as it is."""

    def build(folder: Path) -> list[str]:
        target = folder / name
        make(target)
        others = [] if alone else [write(folder, "b.txt", GOOD)]
        return json_run(folder, target, *others)

    return build


def _decoded(name: str, raw: bytes, **more: Any) -> Case:
    return Case(name, _beside_good("a.txt", raw), exit_code=0, check=_claims_from("a", "b"), **more)


def _deep_html(levels: int) -> str:
    return (
        "<html><head><title>Sales</title></head><body><nav>Home | World | Business</nav>"
        + "<div>" * levels
        + f"<article><p>{SENTENCE}</p></article>"
        + "</div>" * levels
        + "<footer>Contact us</footer></body></html>"
    )


def _files(**contents: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        for name, text in contents.items():
            write(folder, f"in/{name}", text)
        return json_run(folder, folder / "in")

    return build


_mkfifo = getattr(os, "mkfifo", None)


def _link(target: str) -> Callable[[Path], object]:
    return lambda path: path.symlink_to(target)


def _big_html(path: Path) -> None:
    """Field notes §4 #37: an 11.5 MB HTML page hung Vale; ours is skipped unread at the size cap."""
    paragraph = f"<p>{SENTENCE} " + "Filler words about the story. " * 30 + "</p>\n"
    body = paragraph * (6_000_000 // len(paragraph) + 1)
    path.write_text(f"<html><body><article>{body}</article></body></html>")


def _same_file_twice(folder: Path) -> list[str]:
    write(folder, "in/b.txt", GOOD)
    return json_run(folder, folder / "in", folder / "in" / "b.txt")


def _over_configured_limit(folder: Path) -> list[str]:
    write(folder, "factcheck.toml", "max_article_mb = 0.001\n")
    write(folder, "in/b.txt", GOOD)
    write(folder, "in/a.txt", GOOD * 40)
    return json_run(folder, folder / "in")


CASES = [
    # decoding: a BOM is believed, UTF-16 is recognised without one, bad bytes are counted
    _decoded("files-utf-16-le-bom", codecs.BOM_UTF16_LE + f"Zürich: {GOOD}".encode("utf-16-le")),
    _decoded("files-utf-16-be-bom", codecs.BOM_UTF16_BE + f"Zürich: {GOOD}".encode("utf-16-be")),
    _decoded("files-utf-32-le-bom", codecs.BOM_UTF32_LE + GOOD.encode("utf-32-le")),
    _decoded("files-utf-32-be-bom", codecs.BOM_UTF32_BE + GOOD.encode("utf-32-be")),
    _decoded("files-utf-16-without-bom", GOOD.encode("utf-16-le")),
    _decoded(
        "files-utf-8-few-bad-bytes",
        f"Zürich café. {GOOD}".encode() + b"\xff\xfe\x81 The end.\n",
        stderr=("a.txt: 3 bytes that are not UTF-8 replaced",),
    ),
    Case(
        "files-mostly-binary-file",
        _beside_good("bin.txt", bytes(range(1, 32)) * 200 + b"\x89PNG" * 50),
        exit_code=0,
        stderr=("bin.txt: not text",),
        check=_skipped("bin.txt", "not text"),
    ),
    # sizes and emptiness
    Case(
        "files-file-over-configured-limit",
        _over_configured_limit,
        exit_code=0,
        stderr=("a.txt: larger than the size limit",),
        check=_skipped("a.txt", "larger than the size limit"),
    ),
    Case(
        "files-huge-html-over-default-limit",
        _beside_good("huge.html", _big_html),
        exit_code=0,
        stderr=("huge.html: larger than the size limit (6.0 MB > 5.0 MB)",),
        check=_skipped("huge.html", "larger than the size limit"),
    ),
    Case("files-empty-file", _beside_good("empty.txt", b""), exit_code=0, check=_skipped("empty.txt", "empty file")),
    Case(
        "files-whitespace-only-file",
        _beside_good("blank.txt", " \n\t\n\u00a0\n"),
        exit_code=0,
        check=_skipped("blank.txt", "no article text"),
    ),
    # HTML nested deeper than lxml goes
    Case("files-deep-html-300", _beside_good("a.html", _deep_html(300)), exit_code=0, check=_claims_from("a", "b")),
    Case(
        "files-deep-html-10000", _beside_good("a.html", _deep_html(10_000)), exit_code=0, check=_claims_from("a", "b")
    ),
    # names: every script kept, clashes told apart, never a file dropped for its id
    Case(
        "files-non-ascii-folder-name",
        _files(**{"Zürich ñews/a.txt": GOOD, "b.txt": GOOD}),
        exit_code=0,
        check=_claims_from("zürich-ñews-a", "b"),
    ),
    Case(
        "files-cjk-file-names",
        _files(**{"東京.txt": GOOD, "大阪.txt": GOOD}),
        exit_code=0,
        check=_claims_from("東京", "大阪"),
    ),
    Case(
        "files-names-with-the-same-slug",
        _files(**{"a b.txt": GOOD, "a-b.txt": GOOD, "A_B.md": GOOD}),
        exit_code=0,
        check=lambda report: _all_read(report, 3),
    ),
]

_SPECIAL_FILES = [
    Case(
        "files-dev-zero-given",
        _given("/dev/zero", lambda _path: None),
        exit_code=0,
        stderr=("skipped /dev/zero: not a regular file: a character device",),
        check=_skipped("zero", "character device"),
    ),
    Case(
        "files-dev-zero-alone",
        _given("/dev/zero", lambda _path: None, alone=True),
        exit_code=2,
        stderr=("no readable articles", "not a regular file"),
    ),
    Case(
        "files-fifo-in-folder",
        _beside_good("pipe.txt", _mkfifo),
        exit_code=0,
        stderr=("pipe.txt: not a regular file: a FIFO",),
        check=_skipped("pipe.txt", "FIFO"),
    ),
    Case(
        "files-fifo-given",
        _given("pipe.txt", _mkfifo),
        exit_code=0,
        stderr=("pipe.txt: not a regular file: a FIFO",),
        check=_skipped("pipe.txt", "FIFO"),
    ),
    Case(
        "files-symlink-loop-in-folder",
        _beside_good("loop.txt", _link("loop.txt")),
        exit_code=0,
        stderr=("loop.txt: symlink loop",),
        check=_skipped("loop.txt", "symlink loop"),
    ),
    Case(
        "files-symlink-loop-given",
        _given("loop.txt", _link("loop.txt")),
        exit_code=0,
        stderr=("loop.txt: symlink loop",),
        check=_skipped("loop.txt", "symlink loop"),
    ),
    Case(
        "files-dangling-link-in-folder",
        _beside_good("gone.txt", _link("nowhere.txt")),
        exit_code=0,
        stderr=("gone.txt: dangling link: nowhere.txt does not exist",),
        check=_skipped("gone.txt", "dangling"),
    ),
    Case(
        "files-dangling-link-given",
        _given("gone.txt", _link("nowhere.txt")),
        exit_code=0,
        stderr=("gone.txt: dangling link",),
        check=_skipped("gone.txt", "dangling"),
    ),
    Case(
        "files-folder-link-to-parent",
        _beside_good("sub/back", _link("..")),
        exit_code=0,
        stderr=("back: link to a folder already read",),
        check=_skipped("back", "already read"),
    ),
    Case(
        "files-same-file-named-twice",
        _same_file_twice,
        exit_code=0,
        stderr=("b.txt: named more than once, read once",),
        check=_claims_from("b"),
    ),
    Case(
        "files-missing-path-given",
        lambda folder: json_run(folder, folder / "nope.txt"),
        exit_code=2,
        stderr=("nope.txt: no such file or directory",),
    ),
]
"""Files that are not files: devices, FIFOs, links (POSIX only)."""

if _mkfifo is not None and os.path.exists("/dev/zero"):
    CASES += _SPECIAL_FILES
