"""The evidence a value carries: what the number measures, the words around it, the names in its
sentence and whether it is a result, an expectation or a change.

The matcher compares these pieces between claims; none of them is a key that alone decides a group,
so one odd parse costs a little evidence instead of a lost conflict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from spacy.tokens import Doc, Span, Token

from factcheck.extract.measured import content, event_of, governors, head_chain, listed, measured_of, unique, word_lists
from factcheck.extract.surface import text_of
from factcheck.model import Evidence

__all__ = ["evidence_of", "names_a_forecaster"]

CONTEXT_WINDOW = 6
"""Tokens either side of the value whose lemmas count as its close context."""
NAME_LABELS = {"PERSON", "ORG", "PRODUCT", "GPE", "WORK_OF_ART", "EVENT", "FAC", "NORP", "LAW", "LOC"}


EVENT_KINDS = {"time", "date"}
"""Kinds whose value says when, not how much: what they are about is the event they time."""
COUNTED_KINDS = {"count"}
"""Kinds whose span may end in the noun counted ("12 non-residents"); in the others a noun inside
the span is a unit or scale word ("km", "crore", "pm") and says nothing of what is measured."""


def evidence_of(doc: Doc, span: Span, sentence: Span, kind: str = "") -> Evidence:
    inside = range(span.start, span.end)
    parsed = doc.has_annotation("DEP")
    measured = measured_of(span, counted=kind in COUNTED_KINDS or not kind, money=kind == "money") if parsed else ()
    if parsed and kind in EVENT_KINDS:
        measured = unique((*measured, *event_of(span)))
    if (
        not measured and kind not in EVENT_KINDS
    ):  # no parse (or none found): the first content words after the value, in its clause
        after = []
        for token in doc[span.end : min(span.end + 3, sentence.end)]:
            if token.is_punct:
                break
            after.append(content(token))
        measured = tuple(w for w in after if w)[:2]
    window = doc[max(sentence.start, span.start - CONTEXT_WINDOW) : min(sentence.end, span.end + CONTEXT_WINDOW)]
    context = tuple(sorted({w for t in window if t.i not in inside and (w := content(t))}))
    words = tuple(sorted({w for t in sentence if t.i not in inside and (w := content(t))}))
    entities = tuple(
        sorted(
            {
                f"{e.label_}:{e.text.lower()}"
                for e in sentence.ents
                if e.label_ in NAME_LABELS and not (e.start < span.end and span.start < e.end)
            }
        )
    )
    reach = _expectation_reach(span) if parsed else list(window)
    near = _lemmas(reach)
    # "the company sees revenue of $24 billion" forecasts, where "saw" reports
    sees = any(t.tag_ in ("VBZ", "VBP") and t.lemma_.lower() in listed("stance", "present_estimate") for t in reach)
    if parsed and _approximate(span):
        near -= listed("stance", "estimate")
    following = list(doc[span.end : min(sentence.end, span.end + 2)])
    if any(t.is_punct for t in following):  # "$2.40, up 12%": the "up" is the next figure's
        following = following[: next(n for n, t in enumerate(following) if t.is_punct)]
    beside = doc[max(sentence.start, span.start - 2) : span.start].text.split() + [
        (t.lemma_ or t.text).lower() for t in following
    ]
    changing = {(t.lemma_ or t.text).lower() for t in governors(span)[:1]} | {w.lower() for w in beside}
    if parsed and span.root.dep_ in ("conj", "npadvmod"):  # "up 8% ... and 40%": what it is coordinated with
        changing.add((span.root.head.lemma_ or span.root.head.text).lower())
    stance = (
        "estimate"
        if sees or near & listed("stance", "estimate")
        else "change"
        if (kind not in EVENT_KINDS and changing & listed("stance", "change") and _is_change_amount(span))
        else "actual"
    )
    running = bool((set(measured) | set(context)) & listed("running", "words"))
    return Evidence(
        measured=measured,
        context=context,
        sentence=words,
        entities=entities,
        stance=stance,
        running=running,
        basis=_basis(doc, span, sentence),
        qualifiers=tuple(
            q for q in _qualifiers(doc, span, sentence) if stance == "estimate" or not q.startswith("forecaster:")
        ),
    )


BASIS_REACH = 60
"""Characters after the value (and before it) in which its comparison base is looked for."""


@cache
def _basis_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((name, re.compile("|".join(patterns), re.I)) for name, patterns in word_lists()["basis"].items())


def _basis(doc: Doc, span: Span, sentence: Span) -> str:
    """ "up 22% on the previous quarter": the nearest comparison base after the value, else before it,
    never across another number."""
    text = text_of(doc)
    after = text[span.end_char : min(sentence.end_char, span.end_char + BASIS_REACH)]
    before = text[max(sentence.start_char, span.start_char - BASIS_REACH) : span.start_char]
    after = re.split(r"\d|;", after, maxsplit=1)[0]
    before = re.split(r"[\d,;–—]", before)[-1]  # "year-on-year growth of 22%", not across a clause
    for piece, pick in ((after, min), (before, max)):
        found = [(m.start(), name) for name, pattern in _basis_patterns() for m in pattern.finditer(piece)]
        if found:
            return pick(found)[1]
    return ""


@cache
def _qualifier_patterns() -> tuple[tuple[str, str, re.Pattern], ...]:
    return tuple(
        (family, kind, re.compile("|".join(patterns), re.I))
        for family, kinds in word_lists()["qualifier"].items()
        for kind, patterns in kinds.items()
    )


def names_a_forecaster(name: str) -> bool:
    """Whether a name is one that makes forecasts for others ("Wall Street", "analysts"): the
    source of an expectation, never what it is about."""
    return any(
        f == "forecaster" and kind == "analysts" and p.fullmatch(name.strip()) for f, kind, p in _qualifier_patterns()
    )


def _qualifiers(doc: Doc, span: Span, sentence: Span) -> tuple[str, ...]:
    """ "non-GAAP EPS was $1.10", "$0.85 under GAAP", "full-year revenue of $9.4 billion": per family,
    the kind named nearest the value within its clause, after it first."""
    text = text_of(doc)
    # another number (not a year; "Q4" is a word), the clause's edge, or the next conjunct's words
    stop = r"\b(?!(?:19|20)\d\d\b)\d|[,;–—]|\b(?:and|but|while|whereas)\b"
    after = re.split(stop, text[span.end_char : min(sentence.end_char, span.end_char + BASIS_REACH)], maxsplit=1)[0]
    before = re.split(stop, text[max(sentence.start_char, span.start_char - BASIS_REACH) : span.start_char])[-1]
    found: dict[str, str] = {}
    for piece, pick in ((after, min), (before, max)):
        for family in {f for f, _, _ in _qualifier_patterns()} - set(found):
            hits = [(m.start(), kind) for f, kind, p in _qualifier_patterns() if f == family for m in p.finditer(piece)]
            if hits:
                found[family] = pick(hits)[1]
    return tuple(sorted(f"{family}:{kind}" for family, kind in found.items()))


def _clause(span: Span) -> list[Token]:
    """The verbs above the value with their subjects and the subjects' modifiers: "Analysts'
    forecasts had pointed to $1.05" is an expectation however far "forecasts" is from the number."""
    out = []
    for verb in governors(span):
        out.append(verb)
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "aux")):
            out.append(subject)
            out.extend(c for c in subject.children if c.dep_ in ("poss", "compound", "amod"))
    return out


def _lemmas(tokens: Iterable[Token]) -> set[str]:
    return {(t.lemma_ or t.text).lower() for t in tokens}


EXPECTATION_DEPS = {"amod", "acl", "advmod", "compound", "poss", "nmod", "quantmod", "relcl"}
"""How a word that makes a figure an expectation hangs on the figure or its noun: "an estimated 300",
"$8.3 billion expected by analysts", "the consensus estimate"."""


def _expectation_reach(span: Span) -> list[Token]:
    """The words whose meaning can make the value an expectation, found through the parse rather than
    by distance: the value's own modifiers, the noun it is the complement of with that noun's
    modifiers ("analysts' estimate of $1.05"), and the verbs above it with their subjects and
    auxiliaries ("analysts had expected", "revenue will reach"). A figure in the next clause ("beat
    estimates of $8.3 billion with $9.1 billion") stays a result."""
    root = span.root
    out = [*span, *_clause(span), *head_chain(span)]
    holders = [root]
    if root.head.pos_ in ("NOUN", "PROPN") and root.dep_ in ("nummod", "quantmod", "compound", "amod", "appos"):
        holders.append(root.head)
    if (
        root.dep_ == "pobj"
        and root.head.lower_ in ("of", "at", "to", "for", "near", "around")
        and root.head.head.pos_ == "NOUN"
    ):
        holders.append(root.head.head)  # "an estimate of $1.05", "on track for $1.2 billion"
    for verb in governors(span)[:2]:  # "is on track to generate $1.2 billion"
        out.extend(
            o for p in verb.children if p.dep_ == "prep" and p.lower_ == "on" for o in p.children if o.dep_ == "pobj"
        )
    for holder in holders:
        out.append(holder)
        for child in holder.children:
            if child.dep_ in EXPECTATION_DEPS:
                out.append(child)
                out.extend(c for c in child.children if c.dep_ in ("poss", "compound", "agent", "prep"))
    return out


def _approximate(span: Span) -> bool:
    """ "an estimated 300 people": a reported figure given as approximate, whatever else is near."""
    root = span.root
    nouns = [root, root.head] if root.dep_ in ("nummod", "quantmod") else [root]
    words = {t.lower_ for t in span} | {c.lower_ for n in nouns for c in n.children if c.dep_ in ("amod", "advmod")}
    return bool(words & listed("stance", "approximate"))


def _is_change_amount(span: Span) -> bool:
    """ "rose 5%", "rose by 5%" are changes; "rose to 5%" is the level reached."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in ("to", "at"):
        return False
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return before not in ("to", "at")
