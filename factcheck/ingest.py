"""Files -> Source values: decode, strip HTML to article text, find title and publication date.

Every later offset indexes `Source.text`, so this is the last place text is ever changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from factcheck import fingerprint
from factcheck.errors import InputError
from factcheck.model import Source, SkippedFile

ARTICLE_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
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


def read_sources(paths: list[Path]) -> Ingested:
    """Read every article under the given files and folders, in a stable (sorted) order."""
    files: list[tuple[Path, str]] = []
    ignored = 0
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or directory")
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.suffix.lower() in ARTICLE_SUFFIXES:
                    files.append((child, child.relative_to(path).as_posix()))
                else:
                    ignored += 1
        else:
            files.append((path, path.name))
    sources: list[Source] = []
    skipped: list[SkippedFile] = []
    used_ids: set[str] = set()
    for path, relative in files:
        try:
            source = read_source(path, relative)
        except InputError as exc:
            skipped.append(SkippedFile(str(path), str(exc)))
            continue
        if source.id in used_ids:
            skipped.append(SkippedFile(str(path), f"same id {source.id!r} as another file; rename one"))
            continue
        used_ids.add(source.id)
        sources.append(source)
    return Ingested(tuple(sources), tuple(skipped), ignored)


def read_source(path: Path, relative: str) -> Source:
    fmt = ARTICLE_SUFFIXES.get(path.suffix.lower(), "txt")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from exc
    text = decode(raw)
    if text is None:
        raise InputError("not text (binary or unknown encoding)")
    title = published = site = None
    meta: dict[str, str] = {}
    if fmt == "html":
        text, title, published, site = _strip_html(text)
    else:
        text, meta = _split_front_matter(text)
        title = meta.get("title")
        published = _parse_iso(meta.get("published") or meta.get("date") or "")
        site = meta.get("outlet") or meta.get("site")
    if not text.strip():
        raise InputError("no article text")
    return Source(
        id=fingerprint.source_id(relative),
        path=str(path),
        text=text,
        format=fmt,
        sha256=fingerprint.file_digest(raw),
        title=title or guess_title(text),
        published=published or find_dateline(text),
        site=site,
    )


def decode(raw: bytes) -> str | None:
    """UTF-8 first (with or without BOM); otherwise ask charset-normalizer."""
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # English news that is not UTF-8 is nearly always Windows-1252; detectors guess poorly on short,
    # mostly-ASCII text (a lone "€" is not much evidence), so that reading wins when it is clean.
    ascii_share = sum(b < 0x80 for b in raw) / max(1, len(raw))
    if ascii_share > 0.9:
        try:
            text = raw.decode("cp1252")
            if not any(0xFFFD == ord(ch) for ch in text):
                return text
        except UnicodeDecodeError:
            pass
    best = from_bytes(raw).best()
    return str(best) if best is not None else None


def _strip_html(html: str) -> tuple[str, str | None, date | None, str | None]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_tables=True, favor_recall=True)
    if doc is None:
        raise InputError("no article text found in the HTML")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return data.get("text") or "", data.get("title"), _parse_iso(data.get("date") or ""), data.get("sitename")


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
    return blanked + text[match.end():], meta


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
        return date(int(match.group("y1") or match.group("y2")), month or 0, int(match.group("d1") or match.group("d2")))
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
