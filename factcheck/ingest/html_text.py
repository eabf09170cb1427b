"""HTML -> article text: trafilatura first, an iterative reader when the page defeats it.

libxml2 stops at 256 levels of nesting and drops everything deeper, so an article inside a few
hundred <div>s would be lost; the reader here walks tags with an explicit stack instead.
"""

from __future__ import annotations

from html.parser import HTMLParser

from factcheck.errors import InputError


def strip_html(html: str) -> tuple[str, str | None, str | None, str | None]:
    """Article text, title, date (as written) and site name: by trafilatura, or by the iterative
    reader when lxml cannot hold the page (nesting beyond its limit) or trafilatura finds nothing."""
    import trafilatura
    from trafilatura.settings import set_date_params

    data: dict = {}
    try:
        # htmldate's extensive search falls back to dateparser over every locale: slow, and the
        # dates it finds that way are guesses from body text, not the page's publication date
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_tables=True,
            favor_recall=True,
            date_extraction_params=set_date_params(extensive=False),
        )
        if doc is not None:
            data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    except Exception:  # noqa: BLE001 - a page trafilatura cannot take is read by the reader below
        data = {}
    text = "" if _lxml_cuts(html) else (data.get("text") or "")
    fallback_title = None
    if not text.strip():
        text, fallback_title = visible_text(html)
    if not text.strip():
        raise InputError("no article text found in the HTML")
    return text, data.get("title") or fallback_title, data.get("date"), data.get("sitename")


def _lxml_cuts(html: str) -> bool:
    """True when libxml2 stops at its depth limit (256), dropping everything deeper."""
    import lxml.html

    parser = lxml.html.HTMLParser()
    try:
        lxml.html.document_fromstring(html, parser=parser)
    except Exception:  # noqa: BLE001 - not the depth limit; trafilatura's verdict stands
        return False
    return any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)


_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr li main nav ol p pre section table tbody td th thead tr ul".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_HIDDEN = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
_REGIONS = ("article", "main", "body")


class _TextReader(HTMLParser):
    """Text of <article>, <main>, <body> and the whole page, read tag by tag with an explicit stack:
    no recursion, so no nesting depth breaks it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.open: dict[str, int] = {}
        self.parts: dict[str, list[str]] = {name: [] for name in (*_REGIONS, "page", "title")}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCKS:
            self._emit("\n")
        if tag not in _VOID:
            self.stack.append(tag)
            self.open[tag] = self.open.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCKS:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if not self.open.get(tag):
            return  # a stray end tag
        while self.stack:
            closed = self.stack.pop()
            self.open[closed] -= 1
            if closed == tag:
                break
        if tag in _BLOCKS:
            self._emit("\n")

    def handle_data(self, data: str) -> None:
        if self.open.get("title"):
            self.parts["title"].append(data)
        elif not any(self.open.get(tag) for tag in _HIDDEN):
            self._emit(data)

    def _emit(self, text: str) -> None:
        self.parts["page"].append(text)
        for region in _REGIONS:
            if self.open.get(region):
                self.parts[region].append(text)


def visible_text(html: str) -> tuple[str, str | None]:
    """The text of the first non-empty of <article>, <main>, <body> or the page, one paragraph a
    line, and the <title>; for pages too deep or too broken for lxml and trafilatura."""
    reader = _TextReader()
    reader.feed(html)
    reader.close()
    title = " ".join("".join(reader.parts["title"]).split()) or None
    for region in (*_REGIONS, "page"):
        lines = (" ".join(line.split()) for line in "".join(reader.parts[region]).splitlines())
        text = "\n".join(line for line in lines if line)
        if text:
            return text, title
    return "", title
