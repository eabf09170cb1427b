"""Sources -> Mentions: every stated value, located, with the subject and attribute the parse gives.

The spaCy model is loaded once by the caller and fed every article through `nlp.pipe`. The model
reads a cleaned copy of each article (`textmap`), of that only the sentences that can hold a value
and their context (`candidates`), in chunks when it is long; every offset is mapped back to the
article's own text. One article that breaks anything here is reported as a failure
and the others go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from factcheck.extract.about import describe
from factcheck.extract.candidates import Excerpt, excerpt
from factcheck.extract.component import HITS_KEY, SPAN_KEY, ValueMatch
from factcheck.extract.names import DocNames
from factcheck.extract.nlp import LoadedPipeline, load_pipeline
from factcheck.extract.scan import Hit
from factcheck.extract.textmap import CHUNK_CHARS, CleanText, chunks, clean
from factcheck.model import Kind, Mention, SkippedFile, Source

__all__ = ["Extracted", "extract_mentions", "load_pipeline", "LoadedPipeline"]


@dataclass(frozen=True)
class Extracted:
    """The mentions of every article that could be analysed, and the articles that could not."""

    mentions: tuple[Mention, ...]
    failed: tuple[SkippedFile, ...]


@dataclass(frozen=True)
class _Read:
    """What the model reads of one article: an excerpt of its clean text, and the way back."""

    clean: CleanText
    excerpt: Excerpt

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The article's own offsets of the excerpt's span [start, end)."""
        return self.clean.original(*self.excerpt.span(start, end))


@dataclass(frozen=True)
class _Piece:
    """One chunk of one article's clean text, as the model is given it."""

    source: int
    """Index of the article in the input."""
    offset: int
    """Where the chunk starts in what the model reads of the article (`_Read.excerpt`)."""
    text: str
    last: bool
    hits: tuple[Hit, ...] | None = None
    """The value patterns' hits in `text` when they were found already."""

    def doc(self, nlp) -> Doc | str:
        """What `nlp.pipe` is given: the tokenized text carrying its hits, else the text."""
        if self.hits is None:
            return self.text
        try:
            doc = nlp.make_doc(self.text)
        except Exception:  # noqa: BLE001 - parsing the text itself then reports the failure
            return self.text
        doc.user_data[HITS_KEY] = list(self.hits)
        return doc


def extract_mentions(
    sources: Sequence[Source],
    pipeline: LoadedPipeline,
    batch_size: int = 8,
    on_source: Callable[[Source], None] | None = None,
    chunk_chars: int = CHUNK_CHARS,
    whole_text: bool = False,
) -> Extracted:
    """Every article's mentions. The model reads only the sentences that can hold a value and their
    context (`candidates.excerpt`); `whole_text` parses everything (the reference the tests compare)."""
    mentions: list[Mention] = []
    failed: dict[int, SkippedFile] = {}
    cleaned: dict[int, _Read] = {}
    found: list[Mention] = []

    def pieces() -> Iterator[_Piece]:
        for index, source in enumerate(sources):
            try:
                clean_text = clean(source.text)
                read = Excerpt(clean_text.text) if whole_text else excerpt(clean_text.text)
                cleaned[index] = _Read(clean_text, read)
                parts = chunks(read.text, chunk_chars)
                hits = read.hits if len(parts) == 1 else None  # a long article's chunks are scanned one by one
            except Exception as exc:  # noqa: BLE001 - one article must not end the run
                failed[index] = SkippedFile.analysis_failure(source.path, exc, "cleaning")
                continue
            for number, (offset, text) in enumerate(parts):
                yield _Piece(index, offset, text, number == len(parts) - 1, hits)

    for piece, doc in _parsed(pieces(), pipeline, batch_size, chunk_chars):
        source = sources[piece.source]
        if piece.source not in failed:
            if isinstance(doc, Exception):
                failed[piece.source] = SkippedFile.analysis_failure(source.path, doc, "parsing")
            else:
                try:
                    found.extend(_mentions_of(source, doc, cleaned[piece.source], piece.offset))
                except Exception as exc:  # noqa: BLE001
                    failed[piece.source] = SkippedFile.analysis_failure(source.path, exc, "extraction")
        if piece.last:
            if piece.source not in failed:
                mentions.extend(found)
            found = []
            cleaned.pop(piece.source, None)
            if on_source is not None:
                on_source(source)
    return Extracted(tuple(mentions), tuple(failed[i] for i in sorted(failed)))


def _batches(pieces: Iterable[_Piece], batch_size: int, batch_chars: int) -> Iterator[list[_Piece]]:
    """At most `batch_size` pieces and, beyond the first, `batch_chars` characters: a batch's Docs
    are alive together, so a long article is parsed one chunk at a time."""
    batch: list[_Piece] = []
    size = 0
    for piece in pieces:
        if batch and (len(batch) == batch_size or size + len(piece.text) > batch_chars):
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece.text)
    if batch:
        yield batch


def _parsed(
    pieces: Iterable[_Piece], pipeline: LoadedPipeline, batch_size: int, batch_chars: int
) -> Iterator[tuple[_Piece, Doc | Exception]]:
    """Each piece with its Doc, batched through `nlp.pipe`; a batch that fails is parsed piece by
    piece so that only the piece at fault carries the exception."""
    nlp = pipeline.nlp
    for batch in _batches(pieces, batch_size, batch_chars):
        try:
            docs: list[Doc | Exception] = list(nlp.pipe((p.doc(nlp) for p in batch), batch_size=batch_size))
        except Exception:  # noqa: BLE001
            docs = [_parse_one(nlp, p.doc(nlp)) for p in batch]
        yield from zip(batch, docs)


def _parse_one(nlp, text: Doc | str) -> Doc | Exception:
    try:
        return nlp(text)
    except Exception as exc:  # noqa: BLE001
        return exc


def _mentions_of(source: Source, doc: Doc, cleaned: _Read, offset: int) -> Iterable[Mention]:
    names = DocNames(doc)
    matches: list[ValueMatch] = doc.user_data.get(SPAN_KEY, [])
    for match in matches:
        about = describe(doc, match, names)
        if about is None:
            continue
        start, end = cleaned.original(offset + match.start, offset + match.end)
        sentence_start, sentence_end = cleaned.original(offset + about.sentence_start, offset + about.sentence_end)
        yield Mention(
            source_id=source.id,
            start=start,
            end=end,
            text=source.text[start:end],
            kind=Kind(match.kind),
            pattern=match.pattern,
            parts=match.parts,
            sentence_start=sentence_start,
            sentence_end=sentence_end,
            subject=about.subject,
            attribute=about.attribute,
            attribute_words=about.attribute_words,
            confidence=about.confidence,
            time_text=about.time_text,
            role=about.role,
            evidence=about.evidence,
        )
