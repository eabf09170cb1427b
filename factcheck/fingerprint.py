"""The only place ids and digests are made.

Ids hash what a thing is about, never where it sits: offsets and line numbers change whenever an
editor touches a paragraph above, and an id that moves reopens reviewed conflicts.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

_SEP = "\x1f"


def _digest(*parts: object, length: int = 12) -> str:
    text = _SEP.join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_id(relative_path: str) -> str:
    """A readable slug of the path relative to the input root: stable across runs and machines.

    Letters, digits and marks of every script are kept ("Zürich ñews/a.txt" -> "zürich-ñews-a",
    "東京.txt" -> "東京"); NFC first, so a name typed on macOS (NFD) gets the same id as on Linux.
    """
    stem = re.sub(r"\.(txt|md|markdown|html?|htm)$", "", unicodedata.normalize("NFC", relative_path), flags=re.I)
    kept = "".join(ch if unicodedata.category(ch)[0] in "LNM" else "-" for ch in stem.casefold())
    slug = unicodedata.normalize("NFC", re.sub(r"-+", "-", kept).strip("-"))
    return slug or "source"


def unique_source_ids(files: Sequence[tuple[str, str]]) -> list[str]:
    """Ids for (relative path, path as given) pairs, in order, never two alike.

    Where slugs clash, one file keeps the plain slug (the one whose name is already that slug,
    else the first by path) and the others get a suffix hashed from their path: no file is
    dropped for a clash, and the same files get the same ids whatever order they come in.
    """
    ids = [source_id(relative) for relative, _ in files]
    taken = set(ids)
    clashing: dict[str, list[int]] = {}
    for index, slug in enumerate(ids):
        clashing.setdefault(slug, []).append(index)
    for slug, indices in clashing.items():
        if len(indices) < 2:
            continue
        keeper = min(indices, key=lambda i: (_stem(files[i][0]) != slug, files[i][0], files[i][1]))
        for index in sorted(indices, key=lambda i: files[i]):
            if index == keeper:
                continue
            relative, given = files[index]
            candidates = [f"{slug}-{_digest(key, length=6)}" for key in (relative, given)]
            ids[index] = next(
                (c for c in candidates if c not in taken),
                next(f"{candidates[1]}-{n}" for n in range(2, len(files) + 2) if f"{candidates[1]}-{n}" not in taken),
            )
            taken.add(ids[index])
    return ids


def _stem(relative_path: str) -> str:
    return re.sub(r"\.(txt|md|markdown|html?|htm)$", "", relative_path, flags=re.I)


def claim_id(source: str, kind: str, subject: str, attribute: str, value_key: str, occurrence: int) -> str:
    """Same statement in the same source, same id; `occurrence` tells repeats apart by order."""
    return "c-" + _digest(source, kind, subject.lower(), attribute.lower(), value_key, occurrence)


def group_id(kind: str, subject_key: str, attribute_key: str, as_of: str | None) -> str:
    """Fingerprint of what a group is about: kind, subject, attribute and time scope."""
    return "g-" + _digest(kind, subject_key, attribute_key, as_of or "")


def digest_of(parts: list[str] | tuple[str, ...]) -> str:
    """Digest of an ordered list of strings (an evidence set, sorted by the caller)."""
    return _digest(*parts, length=16)


def cache_key(*parts: object) -> str:
    """Full-length digest of everything an article's cached analysis depends on."""
    return _digest(*parts, length=64)
