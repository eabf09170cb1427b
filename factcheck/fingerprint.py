"""The only place ids and digests are made.

Ids hash what a thing is about, never where it sits: offsets and line numbers change whenever an
editor touches a paragraph above, and an id that moves reopens reviewed conflicts.
"""

from __future__ import annotations

import hashlib
import re

_SEP = "\x1f"


def _digest(*parts: object, length: int = 12) -> str:
    text = _SEP.join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_id(relative_path: str) -> str:
    """A readable slug of the path relative to the input root: stable across runs and machines."""
    stem = re.sub(r"\.(txt|md|markdown|html?|htm)$", "", relative_path, flags=re.I)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower()
    return slug or "source"


def claim_id(source: str, kind: str, subject: str, attribute: str, value_key: str, occurrence: int) -> str:
    """Same statement in the same source, same id; `occurrence` tells repeats apart by order."""
    return "c-" + _digest(source, kind, subject.lower(), attribute.lower(), value_key, occurrence)


def group_id(kind: str, subject_key: str, attribute_key: str, as_of: str | None) -> str:
    """Fingerprint of what a group is about: kind, subject, attribute and time scope."""
    return "g-" + _digest(kind, subject_key, attribute_key, as_of or "")


def digest_of(parts: list[str] | tuple[str, ...]) -> str:
    """Digest of an ordered list of strings (an evidence set, sorted by the caller)."""
    return _digest(*parts, length=16)
