"""Sources -> Mentions: every stated value, located, with the subject and attribute the parse gives.

The spaCy model is loaded once by the caller and fed every article through `nlp.pipe`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from factcheck.extract.about import describe
from factcheck.extract.names import DocNames
from factcheck.extract.component import SPAN_KEY, ValueMatch
from factcheck.extract.nlp import LoadedPipeline, load_pipeline
from factcheck.model import Kind, Mention, Source

__all__ = ["extract_mentions", "load_pipeline", "LoadedPipeline"]


def extract_mentions(sources: Sequence[Source], pipeline: LoadedPipeline, batch_size: int = 8,
                     on_source: Callable[[Source], None] | None = None) -> tuple[Mention, ...]:
    mentions: list[Mention] = []
    docs = pipeline.nlp.pipe((s.text for s in sources), batch_size=batch_size)
    for source, doc in zip(sources, docs):
        mentions.extend(_mentions_of(source, doc))
        if on_source is not None:
            on_source(source)
    return tuple(mentions)


def _mentions_of(source: Source, doc) -> Iterable[Mention]:
    names = DocNames(doc)
    matches: list[ValueMatch] = doc.user_data.get(SPAN_KEY, [])
    for match in matches:
        about = describe(doc, match, names)
        if about is None:
            continue
        yield Mention(
            source_id=source.id,
            start=match.start,
            end=match.end,
            text=source.text[match.start:match.end],
            kind=Kind(match.kind),
            pattern=match.pattern,
            parts=match.parts,
            sentence_start=about.sentence_start,
            sentence_end=about.sentence_end,
            subject=about.subject,
            attribute=about.attribute,
            attribute_words=about.attribute_words,
            confidence=about.confidence,
            time_text=about.time_text,
            role=about.role,
            evidence=about.evidence,
        )
