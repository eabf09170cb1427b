"""Where a claim sits in the file a user opens: line and column from the claim's offsets."""

from __future__ import annotations

from factcheck.model import Claim, Source


def line_and_column(source: Source, claim: Claim) -> tuple[int, int]:
    """Offsets index the extracted text, which is the file's own text for .txt and .md; for HTML
    the article text is extracted from markup, so the claim is reported on line 1."""
    if source.format == "html":
        return 1, 1
    before = source.text[: claim.start]
    return before.count("\n") + 1, claim.start - (before.rfind("\n") + 1) + 1
