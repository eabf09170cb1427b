"""The evidence a value carries: what the number measures, the words around it, the names in its
sentence and whether it is a result, an expectation or a change.

The matcher compares these pieces between claims; none of them is a key that alone decides a group,
so one odd parse costs a little evidence instead of a lost conflict.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from factcheck.extract.surface import text_of
from factcheck.model import Evidence

__all__ = ["evidence_of", "names_a_forecaster"]

CONTEXT_WINDOW = 6
"""Tokens either side of the value whose lemmas count as its close context."""
NAME_LABELS = {"PERSON", "ORG", "PRODUCT", "GPE", "WORK_OF_ART", "EVENT", "FAC", "NORP", "LAW", "LOC"}
MEASURE_DEPS = {"compound", "amod"}


@cache
def _lists() -> dict:
    return tomllib.loads(resources.files("factcheck.extract").joinpath("evidence.toml").read_text("utf-8"))


@cache
def _words(table: str, key: str) -> frozenset[str]:
    return frozenset(_lists()[table][key])


def _content(token: Token) -> str:
    """The lemma of a word that can say what is measured; "" for numbers, stop words, punctuation."""
    if not token.is_alpha or token.is_stop or token.like_num or len(token.text) < 2:
        return ""
    lemma = (token.lemma_ or token.text).lower()
    return "" if lemma in _words("filler", "words") else lemma


EVENT_KINDS = {"time", "date"}
"""Kinds whose value says when, not how much: what they are about is the event they time."""
COUNTED_KINDS = {"count"}
"""Kinds whose span may end in the noun counted ("12 non-residents"); in the others a noun inside
the span is a unit or scale word ("km", "crore", "pm") and says nothing of what is measured."""


def evidence_of(doc: Doc, span: Span, sentence: Span, kind: str = "") -> Evidence:
    inside = range(span.start, span.end)
    parsed = doc.has_annotation("DEP")
    measured = _measured(span, counted=kind in COUNTED_KINDS or not kind, money=kind == "money") if parsed else ()
    if parsed and kind in EVENT_KINDS:
        measured = _unique((*measured, *_event(span)))
    if (
        not measured and kind not in EVENT_KINDS
    ):  # no parse (or none found): the first content words after the value, in its clause
        after = []
        for token in doc[span.end : min(span.end + 3, sentence.end)]:
            if token.is_punct:
                break
            after.append(_content(token))
        measured = tuple(w for w in after if w)[:2]
    window = doc[max(sentence.start, span.start - CONTEXT_WINDOW) : min(sentence.end, span.end + CONTEXT_WINDOW)]
    context = tuple(sorted({w for t in window if t.i not in inside and (w := _content(t))}))
    words = tuple(sorted({w for t in sentence if t.i not in inside and (w := _content(t))}))
    entities = tuple(
        sorted(
            {
                f"{e.label_}:{e.text.lower()}"
                for e in sentence.ents
                if e.label_ in NAME_LABELS and not (e.start < span.end and span.start < e.end)
            }
        )
    )
    near = _lemmas(_expectation_reach(span)) if parsed else _lemmas(window)
    if parsed and _approximate(span):
        near -= _words("stance", "estimate")
    following = list(doc[span.end : min(sentence.end, span.end + 2)])
    if any(t.is_punct for t in following):  # "$2.40, up 12%": the "up" is the next figure's
        following = following[: next(n for n, t in enumerate(following) if t.is_punct)]
    beside = doc[max(sentence.start, span.start - 2) : span.start].text.split() + [
        (t.lemma_ or t.text).lower() for t in following
    ]
    changing = {(t.lemma_ or t.text).lower() for t in _governors(span)[:1]} | {w.lower() for w in beside}
    if parsed and span.root.dep_ in ("conj", "npadvmod"):  # "up 8% ... and 40%": what it is coordinated with
        changing.add((span.root.head.lemma_ or span.root.head.text).lower())
    stance = (
        "estimate"
        if near & _words("stance", "estimate")
        else "change"
        if (kind not in EVENT_KINDS and changing & _words("stance", "change") and _is_change_amount(span))
        else "actual"
    )
    running = bool((set(measured) | set(context)) & _words("running", "words"))
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
    return tuple((name, re.compile("|".join(patterns), re.I)) for name, patterns in _lists()["basis"].items())


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
        for family, kinds in _lists()["qualifier"].items()
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


def _governors(span: Span) -> list[Token]:
    """The verbs above the value, nearest first."""
    return [token for token in _head_chain(span) if token.pos_ in ("VERB", "AUX")]


def _head_chain(span: Span) -> list[Token]:
    """The words above the value, up to eight, nearest first ("due to open in 2027": "in",
    "open", "due", "been")."""
    out, token = [], span.root
    for _ in range(8):
        if token.head.i == token.i:
            break
        token = token.head
        out.append(token)
    return out


def _clause(span: Span) -> list[Token]:
    """The verbs above the value with their subjects and the subjects' modifiers: "Analysts'
    forecasts had pointed to $1.05" is an expectation however far "forecasts" is from the number."""
    out = []
    for verb in _governors(span):
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
    out = [*span, *_clause(span), *_head_chain(span)]
    holders = [root]
    if root.head.pos_ in ("NOUN", "PROPN") and root.dep_ in ("nummod", "quantmod", "compound", "amod", "appos"):
        holders.append(root.head)
    if (
        root.dep_ == "pobj"
        and root.head.lower_ in ("of", "at", "to", "for", "near", "around")
        and root.head.head.pos_ == "NOUN"
    ):
        holders.append(root.head.head)  # "an estimate of $1.05", "on track for $1.2 billion"
    for verb in _governors(span)[:2]:  # "is on track to generate $1.2 billion"
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
    return bool(words & _words("stance", "approximate"))


def _is_change_amount(span: Span) -> bool:
    """ "rose 5%", "rose by 5%" are changes; "rose to 5%" is the level reached."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in ("to", "at"):
        return False
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return before not in ("to", "at")


def _phrase(noun: Token, value: Span | None = None) -> tuple[str, ...]:
    """A noun with its compound and adjective modifiers and its "of" complement: "death toll",
    "number of injured", "market value"."""
    words = []
    if noun.dep_ == "pobj" and noun.head.lower_ == "per" and noun.head.head.pos_ == "NOUN":
        words.append(_content(noun.head.head))  # "earnings per share": the earnings are measured
    words += [_content(c) for c in noun.children if c.dep_ in MEASURE_DEPS and c.i < noun.i and not c.ent_type_]
    words.append(_content(noun) if not noun.ent_type_ else "")
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "from")):
        for obj in (o for o in prep.children if o.dep_ == "pobj" and not o.ent_type_ and o.pos_ == "NOUN"):
            if value is not None and value.start <= obj.i < value.end:
                continue  # "a budget of Rs 40 crore": the complement is the value itself
            # "number of injured", "sales in the data center segment": the part of the whole measured
            words.extend(_content(c) for c in obj.subtree if c.dep_ in MEASURE_DEPS and c.i < obj.i and not c.ent_type_)
            words.append(_content(obj))
    return tuple(w for w in words if w)


def _event(span: Span) -> tuple[str, ...]:
    """What a time or date is the time of: the verb above it with its subject and object nouns, or
    the noun a relative clause hangs on ("landed at 9:12", "its descent began at 8:50", "the
    collision, which happened at 6 pm")."""
    verbs = (
        _governors(span)
        or [
            t for t in _head_chain(span) if t.head.i == t.i or any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        ][:1]
    )  # "the probe soft-landed at 9:12": the small model may tag the predicate an adjective
    if not verbs:
        return ()
    verb = verbs[0]
    words = [_content(verb)]
    arguments = list(verb.children)
    if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in arguments):
        # "the count opened at 8.00 and drew to a close at 9.30": the subject is shared
        arguments += [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    for child in arguments:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.pos_ == "NOUN":
            words.extend(_phrase(child))
        elif child.dep_ == "prt":  # "touched down", "kicked off"
            words.append(_content(child))
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ == "NOUN":
        words.extend(_phrase(verb.head))
    # "stepped in at 9:12, as the doors swung open": a clause of the same moment names the event too
    for clause in (c for c in verb.children if c.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ in ("as", "when", "while") for m in clause.children):
            words.append(_content(clause))
            for child in clause.children:
                if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.pos_ == "NOUN":
                    words.extend(_phrase(child))
                elif child.dep_ in ("prt", "acomp", "oprd"):
                    words.append(_content(child))
    return _unique(words, limit=10)


def _predicate(noun: Token) -> tuple[str, ...]:
    """What the clause says of a counted noun that is its subject: the verb, an adjective or noun
    complement, or the verb's object ("were hurt", "were injured", "had injuries", "died")."""
    if noun.dep_ not in ("nsubj", "nsubjpass") or noun.head.pos_ not in ("VERB", "AUX"):
        return ()
    verb = noun.head
    words = [_content(verb)]
    words += [
        _content(c)
        for c in verb.children
        if c.dep_ in ("acomp", "attr", "dobj", "oprd") and c.pos_ in ("ADJ", "NOUN", "VERB")
    ]
    return tuple(w for w in words if w)


def _subjects(verb: Token) -> list[Token]:
    """The verb's subjects; for a clausal subject with an object, the object: a clause cannot
    rise or fall, so "after Monday's filing the stock rose", parsed as "[filing the stock] rose",
    has the stock for its subject."""
    out = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            out.append(child)
        elif child.dep_ == "csubj":
            out.extend(o for o in child.children if o.dep_ == "dobj")
    return out


def _compared_with(span: Span) -> tuple[str, ...]:
    """A figure set against another measures what the other does: "sales reached $8 billion,
    against an estimate of 7.9" -> the subject of the clause it is compared in ("sales"), or that
    clause's verb when its subject is a name ("Acme earned $1.10 a share, against expectations of
    $1.05" -> "earn"). The clause must hold a figure of its own outside the comparison."""
    chain = _head_chain(span)
    for n, word in enumerate(chain):
        if word.lower_ not in _words("comparison", "words"):
            continue
        outside = range(word.left_edge.i, word.right_edge.i + 1)
        for verb in (t for t in chain[n + 1 :] if t.pos_ in ("VERB", "AUX")):
            if not any(t.like_num and t.i not in outside for t in verb.subtree):
                continue
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            nouns = [w for s in subjects if s.pos_ == "NOUN" for w in _phrase(s)]
            return tuple(nouns) if nouns else (_content(verb),) if subjects else ()
        return ()
    return ()


def _unique(words: Iterable[str], limit: int = 6) -> tuple[str, ...]:
    seen: list[str] = []
    for word in words:
        if word and word not in seen:
            seen.append(word)
    return tuple(seen[:limit])


def _measured(span: Span, counted: bool = True, money: bool = False) -> tuple[str, ...]:
    """What the number counts or measures, through the parse.

    "86 lives" -> the noun it modifies; "$300 million of savings" -> the "of" complement; "the toll
    climbed to 86", "revenue was $22 billion" -> the subject of the change or copular verb; "a market
    value of $2 trillion" -> the noun whose complement the value is.
    """
    root = span.root
    found: list[str] = []
    # the noun the value modifies ("86 lives", "$40 billion stake"), and what its clause says of it
    # ("17 people were hurt", "14 people had injuries": the people counted are the hurt ones)
    if root.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod") and root.head.pos_ in ("NOUN", "PROPN"):
        found.extend(_phrase(root.head))
        found.extend(_predicate(root.head))
    # a noun inside the value's span, after the number ("12 non-residents" parsed as one span)
    if counted:
        found.extend(w for t in span if t.pos_ == "NOUN" and (w := _content(t)))
        # "379 passengers and crew": the count is of both, not of the passengers alone
        found.extend(
            w
            for t in span
            if t.pos_ == "NOUN"
            for c in t.children
            if c.dep_ == "conj"
            and c.pos_ == "NOUN"
            and c.i >= span.end
            and not any(g.dep_ == "nummod" for g in c.children)  # "367 passengers and 12 crew": two counts
            and (w := _content(c))
        )
        if root.pos_ == "NOUN":  # the span holds the noun counted: "Fourteen people were hurt"
            found.extend(_predicate(root))
    # "$2.40 a share", "$80 per barrel": the unit the figure is a rate of
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].lower_ in ("a", "an", "per") and doc[span.end + 1].pos_ == "NOUN":
        found.append(_content(doc[span.end + 1]))
    # "11 of the guests had fallen ill", "212 survived": a number that is a verb's subject
    if root.pos_ == "NUM" and root.dep_ in ("nsubj", "nsubjpass"):
        found.extend(_predicate(root))
    # "$300 million of savings", "$40 billion in market value", "two out of the nine crew", "$40
    # million for the bridge" (what a sum pays for); a percentage's "in" says where it moved ("4% in
    # late trading"), not what it is a share of
    percentage = root.lower_ in ("%", "percent", "pct")
    heads = ("of", "out") if percentage else ("of", "in", "out", "for") if money else ("of", "in", "out")
    preps = [c for c in root.children if c.dep_ == "prep" and c.lower_ in heads]
    preps += [c for p in preps if p.lower_ == "out" for c in p.children if c.dep_ == "prep" and c.lower_ == "of"]
    for prep in preps:
        for obj in (o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "NOUN"):
            found.extend(_phrase(obj))
    # "a valuation of $157 billion": the value is the complement of a noun
    if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.pos_ == "NOUN":
        found.extend(_phrase(root.head.head, span))
    # "the stock climbed 4% in late trading": what a change verb changes by a percentage is its subject
    verbs = _governors(span)
    if percentage and verbs and (verbs[0].lemma_ or verbs[0].text).lower() in _words("stance", "change"):
        found[:0] = [w for s in _subjects(verbs[0]) if s.pos_ == "NOUN" for w in _phrase(s)]
    found.extend(_compared_with(span))
    # "the toll climbed to 86", "revenue was $22 billion": the subject of the verb above
    if verbs and not found:
        verb = verbs[0]
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"):
            found.extend(_phrase(subject))
        if not found:
            found.extend(
                word
                for o in verb.children
                if o.dep_ == "dobj" and o.pos_ == "NOUN" and o.i not in range(span.start, span.end)
                for word in _phrase(o)
            )
            found = [w for part in found for w in (part if isinstance(part, tuple) else (part,))]
    return _unique(found)
