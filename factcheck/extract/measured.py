"""What a figure measures, read off the parse: the noun it counts or measures, the event a time or
date is the time of, and the words of its clause that say so ("86 lives", "$300 million of savings",
"the toll climbed to 86", "landed at 9:12").

The readers `evidence.py` builds a claim's evidence from; kept apart so that module stays about
stance, qualifiers and comparison bases.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

__all__ = ["content", "event_of", "governors", "head_chain", "listed", "measured_of", "unique", "word_lists"]

MEASURE_DEPS = {"compound", "amod"}


@cache
def word_lists() -> dict:
    """evidence.toml: the word lists of both this module and evidence.py."""
    return tomllib.loads(resources.files("factcheck.extract").joinpath("evidence.toml").read_text("utf-8"))


@cache
def listed(table: str, key: str) -> frozenset[str]:
    """One list of evidence.toml, as a set."""
    return frozenset(word_lists()[table][key])


def content(token: Token) -> str:
    """The lemma of a word that can say what is measured; "" for numbers, stop words, punctuation."""
    if not token.is_alpha or token.is_stop or token.like_num or len(token.text) < 2:
        return ""
    lemma = (token.lemma_ or token.text).lower()
    return "" if lemma in listed("filler", "words") else lemma


def governors(span: Span) -> list[Token]:
    """The verbs above the value, nearest first."""
    return [token for token in head_chain(span) if token.pos_ in ("VERB", "AUX")]


def head_chain(span: Span) -> list[Token]:
    """The words above the value, up to eight, nearest first ("due to open in 2027": "in",
    "open", "due", "been")."""
    out, token = [], span.root
    for _ in range(8):
        if token.head.i == token.i:
            break
        token = token.head
        out.append(token)
    return out


def _phrase(noun: Token, value: Span | None = None) -> tuple[str, ...]:
    """A noun with its compound and adjective modifiers and its "of" complement: "death toll",
    "number of injured", "market value"."""
    words = []
    if noun.dep_ == "pobj" and noun.head.lower_ == "per" and noun.head.head.pos_ == "NOUN":
        words.append(content(noun.head.head))  # "earnings per share": the earnings are measured
    words += [content(c) for c in noun.children if c.dep_ in MEASURE_DEPS and c.i < noun.i and not c.ent_type_]
    words.append(content(noun) if not noun.ent_type_ else "")
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "from")):
        for obj in (o for o in prep.children if o.dep_ == "pobj" and not o.ent_type_ and o.pos_ == "NOUN"):
            if value is not None and value.start <= obj.i < value.end:
                continue  # "a budget of Rs 40 crore": the complement is the value itself
            # "number of injured", "sales in the data center segment": the part of the whole measured
            words.extend(content(c) for c in obj.subtree if c.dep_ in MEASURE_DEPS and c.i < obj.i and not c.ent_type_)
            words.append(content(obj))
    return tuple(w for w in words if w)


def event_of(span: Span) -> tuple[str, ...]:
    """What a time or date is the time of: the verb above it with its subject and object nouns, or
    the noun a relative clause hangs on ("landed at 9:12", "its descent began at 8:50", "the
    collision, which happened at 6 pm")."""
    verbs = (
        governors(span)
        or [
            t for t in head_chain(span) if t.head.i == t.i or any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        ][:1]
    )  # "the probe soft-landed at 9:12": the small model may tag the predicate an adjective
    if not verbs:
        return ()
    verb = verbs[0]
    words = [content(verb)]
    arguments = list(verb.children)
    if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in arguments):
        # "the count opened at 8.00 and drew to a close at 9.30": the subject is shared
        arguments += [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    for child in arguments:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.pos_ == "NOUN":
            words.extend(_phrase(child))
        elif child.dep_ == "prt":  # "touched down", "kicked off"
            words.append(content(child))
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ == "NOUN":
        words.extend(_phrase(verb.head))
    # "stepped in at 9:12, as the doors swung open": a clause of the same moment names the event too
    for clause in (c for c in verb.children if c.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ in ("as", "when", "while") for m in clause.children):
            words.append(content(clause))
            for child in clause.children:
                if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.pos_ == "NOUN":
                    words.extend(_phrase(child))
                elif child.dep_ in ("prt", "acomp", "oprd"):
                    words.append(content(child))
    return unique(words, limit=10)


def _predicate(noun: Token) -> tuple[str, ...]:
    """What the clause says of a counted noun that is its subject: the verb, an adjective or noun
    complement, or the verb's object ("were hurt", "were injured", "had injuries", "died")."""
    if noun.dep_ not in ("nsubj", "nsubjpass") or noun.head.pos_ not in ("VERB", "AUX"):
        return ()
    verb = noun.head
    words = [content(verb)]
    words += [
        content(c)
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
    chain = head_chain(span)
    for n, word in enumerate(chain):
        if word.lower_ not in listed("comparison", "words"):
            continue
        outside = range(word.left_edge.i, word.right_edge.i + 1)
        for verb in (t for t in chain[n + 1 :] if t.pos_ in ("VERB", "AUX")):
            if not any(t.like_num and t.i not in outside for t in verb.subtree):
                continue
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            nouns = [w for s in subjects if s.pos_ == "NOUN" for w in _phrase(s)]
            return tuple(nouns) if nouns else (content(verb),) if subjects else ()
        return ()
    return ()


def unique(words: Iterable[str], limit: int = 6) -> tuple[str, ...]:
    seen: list[str] = []
    for word in words:
        if word and word not in seen:
            seen.append(word)
    return tuple(seen[:limit])


def measured_of(span: Span, counted: bool = True, money: bool = False) -> tuple[str, ...]:
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
        found.extend(w for t in span if t.pos_ == "NOUN" and (w := content(t)))
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
            and (w := content(c))
        )
        if root.pos_ == "NOUN":  # the span holds the noun counted: "Fourteen people were hurt"
            found.extend(_predicate(root))
    # "$2.40 a share", "$80 per barrel": the unit the figure is a rate of
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].lower_ in ("a", "an", "per") and doc[span.end + 1].pos_ == "NOUN":
        found.append(content(doc[span.end + 1]))
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
    verbs = governors(span)
    if percentage and verbs and (verbs[0].lemma_ or verbs[0].text).lower() in listed("stance", "change"):
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
    return unique(found)
