"""Reading the surface around a value: the Doc's text once, and whether a figure is part of a name.

Shared by the value finder and its checks (component.py, measures.py).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc


def text_of(doc: Doc) -> str:
    """`Doc.text` rebuilds the string from every token on each access; read it once per document."""
    cached = doc.user_data.get("factcheck_text")
    if cached is None:
        cached = doc.user_data["factcheck_text"] = doc.text
    return cached


_NAME_EXEMPT = {
    "A",
    "An",
    "No.",
    "No",
    "Rank",
    "Top",
    "Q",
    "Page",
    "In",
    "On",
    "At",
    "By",
    "For",
    "Since",
    "From",
    "Over",
    "About",
    "Nearly",
    "Some",
    "Around",
    "Until",
    "The",
    "And",
    "With",
    "Of",
    "After",
    "Before",
    "Last",
    "Only",
    "Just",
    "Roughly",
    "Approximately",
    "Almost",
    "More",
    "Less",
    "Up",
    "To",
    "Under",
    "Within",
    "All",
    "Another",
    "Its",
    "Their",
    "These",
    "Those",
    "Our",
    "We",
    "They",
    "It",
    "He",
    "She",
    "Each",
    "Every",
    "Chapter",
    "Section",
    "Figure",
    "Table",
    "Step",
    "Phase",
    "Between",
    "Than",
    "Nine",
    "Ten",
    "Both",
    "Then",
    "When",
    "While",
    "As",
}


def glued(text: str, start: int) -> bool:
    """A figure stuck to a word ("XR-9.1", "H100", "v4") is part of a name, not a value."""
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-./_")


def after_name(text: str, start: int) -> bool:
    """'Windows 11', 'Falcon 9.2': a number right after a capitalised word is a version."""
    before = text[max(0, start - 40) : start]
    match = re.search(r"(?:^|[\s(])([A-Z][\w.-]*)\s$", before)
    if not match or match.group(1) in _NAME_EXEMPT:
        return False
    word = match.group(1)
    if word.endswith(".") and len(word) > 3:
        return False  # "... and Google. Nine months later": a sentence ended
    if re.fullmatch(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?", word):
        return False
    return True
