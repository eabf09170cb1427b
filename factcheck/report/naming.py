"""Sources named as editors know them: explanations are written with source ids (stable, for the
JSON); every report a person reads shows labels instead."""

from __future__ import annotations

import re
from collections.abc import Mapping


def with_labels(text: str, labels: Mapping[str, str]) -> str:
    """`text` with each whole source id replaced by its label (longest ids first, so an id that
    begins another is never replaced inside it)."""
    ids = sorted((i for i in labels if labels[i] != i), key=len, reverse=True)
    if not ids or not text:
        return text
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    return pattern.sub(lambda match: labels[match.group(1)], text)
