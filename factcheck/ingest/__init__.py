"""Files -> Source values: decode, strip HTML to article text, find title and publication date.

Every later offset indexes `Source.text`, so this is the last place text is ever changed. Any file
can be hostile (a device, a FIFO, a link loop, a huge or binary file, nesting no parser survives):
each problem becomes one `SkippedFile` line or one warning, never a hang or a crash of the run.
Bytes -> text is `decoding.py`; HTML -> article text is `html_text.py`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from factcheck import fingerprint
from factcheck.errors import InputError
from factcheck.ingest.decoding import Decoded, decode
from factcheck.ingest.html_text import strip_html
from factcheck.model import SkippedFile, Source

__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_BYTES",
    "Decoded",
    "Ingested",
    "decode",
    "find_dateline",
    "guess_title",
    "read_bounded",
    "read_source",
    "read_sources",
]

ARTICLE_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
MAX_BYTES = 5_000_000
"""Default size limit of one file; `Settings.max_article_mb` is what a run passes in."""

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH_RE = "|".join(_MONTHS) + "|" + "|".join(m[:3] + r"\.?" for m in _MONTHS if m != "may")
_DATELINE = re.compile(
    r"(?:published|updated|posted|date)\s*:?\s*(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:(?P<m1>{_MONTH_RE})\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_RE})\s+(?P<y2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))",
    re.I,
)
_FRONT_MATTER = re.compile(r"\A(?:---\s*\n(?P<yaml>.*?)\n---|\+\+\+\s*\n(?P<toml>.*?)\n\+\+\+)\s*\n", re.S)


@dataclass(frozen=True)
class Ingested:
    """What reading the paths produced: the sources, the files skipped and the files not tried."""

    sources: tuple[Source, ...]
    skipped: tuple[SkippedFile, ...]
    ignored: int
    """Files in the folders that are not articles (other extensions); counted, not listed."""
    warnings: tuple[str, ...] = ()
    """Files read with a repair the user should know of, e.g. "a.txt: 3 bytes that are not UTF-8 replaced"."""


HtmlReader = Callable[[str], tuple[str, "str | None", "str | None", "str | None"]]
"""HTML -> (text, title, date as written, site): `strip_html`, or a caller's remembering copy of it."""


def read_sources(paths: list[Path], max_bytes: int = MAX_BYTES, html_reader: HtmlReader | None = None) -> Ingested:
    """Read every article under the given files and folders, in a stable (sorted) order.

    A path given that does not exist is an `InputError` (a typo); everything wrong with a file
    found or named is a `SkippedFile`, and the run goes on with the others.
    """
    files: list[tuple[Path, str]] = []
    skipped: list[SkippedFile] = []
    ignored = 0
    for path in paths:
        if not os.path.lexists(path):
            raise InputError(f"{path}: no such file or directory")
        try:
            is_dir = stat.S_ISDIR(_follow(path).st_mode)
        except InputError as exc:
            skipped.append(SkippedFile(str(path), str(exc)))
            continue
        if is_dir:
            found, not_articles = _walk(path, skipped)
            files += found
            ignored += not_articles
        else:
            files.append((path, path.name))
    read: list[tuple[Source, str]] = []
    warnings: list[str] = []
    read_as = _one_path_per_file(files)
    for index, (path, relative) in enumerate(files):
        first = read_as[os.path.realpath(path)]
        if first != index:
            again = "named more than once" if files[first][0] == path else f"the same file as {files[first][0]}"
            skipped.append(SkippedFile(str(path), f"{again}, read once"))
            continue
        try:
            source, decoded = read_source(path, relative, max_bytes, html_reader)
        except InputError as exc:
            skipped.append(SkippedFile(str(path), str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - one unreadable article must not end the run
            skipped.append(SkippedFile.analysis_failure(str(path), exc, "reading"))
            continue
        if decoded.replaced:
            warnings.append(f"{path}: {decoded.replaced} bytes that are not {decoded.label} replaced")
        read.append((source, relative))
    ids = fingerprint.unique_source_ids([(relative, str(source.path)) for source, relative in read])
    sources = tuple(replace(source, id=id_) for (source, _), id_ in zip(read, ids))
    return Ingested(sources, tuple(skipped), ignored, tuple(warnings))


def _one_path_per_file(files: list[tuple[Path, str]]) -> dict[str, int]:
    """Which entry of `files` each file is read by, keyed by its real path: a file named twice,
    or reached through a link, is one article, not two that agree; a path that is no link wins."""
    read_as: dict[str, int] = {}
    for index in sorted(range(len(files)), key=lambda i: os.path.islink(files[i][0])):
        read_as.setdefault(os.path.realpath(files[index][0]), index)
    return read_as


def _follow(path: Path) -> os.stat_result:
    """`stat` through symlinks, with a one-line reason for each way a link can be broken."""
    try:
        return os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("symlink loop (the link leads back to itself)") from exc
        if os.path.islink(path) and exc.errno == errno.ENOENT:
            raise InputError(f"dangling link: {os.readlink(path)} does not exist") from exc
        raise InputError(f"cannot read: {exc.strerror or exc}") from exc


def _walk(root: Path, skipped: list[SkippedFile]) -> tuple[list[tuple[Path, str]], int]:
    """Articles under a folder with their paths relative to it, and the count of other files.

    Iterative, so depth costs no recursion; links are followed, but a folder already walked is
    not walked again (a link to a parent would otherwise loop forever). Hidden entries are skipped.
    """
    files: list[tuple[Path, str]] = []
    ignored = 0
    walked = {os.path.realpath(root)}
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as exc:
            skipped.append(SkippedFile(str(folder), f"cannot list the folder: {exc.strerror or exc}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                mode = _follow(path).st_mode
            except InputError as exc:
                skipped.append(SkippedFile(str(path), str(exc)))
                continue
            if stat.S_ISDIR(mode):
                real = os.path.realpath(path)
                if real not in walked:
                    walked.add(real)
                    pending.append(path)
                elif entry.is_symlink():
                    skipped.append(SkippedFile(str(path), f"link to a folder already read ({real}): a loop"))
            elif path.suffix.lower() in ARTICLE_SUFFIXES:
                files.append((path, path.relative_to(root).as_posix()))
            else:
                ignored += 1
    return sorted(files), ignored


def read_source(
    path: Path, relative: str, max_bytes: int = MAX_BYTES, html_reader: HtmlReader | None = None
) -> tuple[Source, Decoded]:
    """One article, with how its bytes were decoded (for warnings)."""
    fmt = ARTICLE_SUFFIXES.get(path.suffix.lower(), "txt")
    raw = read_bounded(path, max_bytes)
    if not raw:
        raise InputError("empty file")
    decoded = decode(raw)
    text = decoded.text
    title = published = site = None
    meta: dict[str, str] = {}
    if fmt == "html":
        text, title, written_date, site = (html_reader or strip_html)(text)
        published = _parse_iso(written_date or "")
    else:
        text, meta = _split_front_matter(text)
        title = meta.get("title")
        published = _parse_iso(meta.get("published") or meta.get("date") or "")
        site = meta.get("outlet") or meta.get("site")
    if not text.strip():
        raise InputError("no article text")
    source = Source(
        id=fingerprint.source_id(relative),
        path=str(path),
        text=text,
        format=fmt,
        sha256=fingerprint.file_digest(raw),
        title=title or guess_title(text),
        published=published or find_dateline(text),
        site=site,
    )
    return source, decoded


_FILE_TYPES = {
    stat.S_ISCHR: "a character device",
    stat.S_ISBLK: "a block device",
    stat.S_ISFIFO: "a FIFO (named pipe)",
    stat.S_ISSOCK: "a socket",
    stat.S_ISDIR: "a folder",
}


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file no larger than `max_bytes`; anything else is an `InputError`.

    The type and size are checked before opening (opening a FIFO blocks, /dev/zero never ends),
    the file is opened non-blocking and checked again (it may have been swapped), and the read is
    bounded (it may have grown).
    """
    _check_regular(_follow(path), max_bytes)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from exc
    with os.fdopen(fd, "rb") as handle:
        _check_regular(os.fstat(fd), max_bytes)
        raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise InputError(_too_large(len(raw), max_bytes))
    return raw


def _check_regular(status: os.stat_result, max_bytes: int) -> None:
    if not stat.S_ISREG(status.st_mode):
        kind = next((name for test, name in _FILE_TYPES.items() if test(status.st_mode)), "a special file")
        raise InputError(f"not a regular file: {kind}")
    if status.st_size > max_bytes:
        raise InputError(_too_large(status.st_size, max_bytes))


def _too_large(size: int, max_bytes: int) -> str:
    return f"larger than the size limit ({_size(size)} > {_size(max_bytes)}); raise max_article_mb to read it"


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count:,} bytes"


def _split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Read `key: value` (YAML) or `key = "value"` (TOML) front matter; keep offsets honest.

    The front matter is replaced by blank space of the same length so that offsets into the
    article still match the file a user opens.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, {}
    meta: dict[str, str] = {}
    for line in (match.group("yaml") or match.group("toml") or "").splitlines():
        key, sep, value = line.partition(":" if match.group("yaml") is not None else "=")
        if sep:
            meta[key.strip().lower()] = value.strip().strip("'\"")
    blanked = re.sub(r"[^\n]", " ", match.group(0))
    return blanked + text[match.end() :], meta


def _parse_iso(text: str) -> date | None:
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(text))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def find_dateline(text: str) -> date | None:
    """A "Published Thursday, March 5, 2026" style line within the first lines of the article."""
    head = text[:1500]
    match = _DATELINE.search(head)
    if not match:
        return None
    if match.group("iso"):
        return _parse_iso(match.group("iso"))
    month_name = (match.group("m1") or match.group("m2")).lower().rstrip(".")
    month = next((n for name, n in _MONTHS.items() if name.startswith(month_name[:3])), None)
    try:
        return date(
            int(match.group("y1") or match.group("y2")), month or 0, int(match.group("d1") or match.group("d2"))
        )
    except ValueError:
        return None


def guess_title(text: str) -> str | None:
    """A headline-shaped line among the first three non-empty lines (3-25 words, no final stop,
    not a dateline)."""
    lines = [line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip()][:3]
    for line in lines:
        words = line.split()
        if 3 <= len(words) <= 25 and not line.endswith((".", ":", ";", ",")) and not _DATELINE.match(line):
            return line
    return None
