"""Whom or what a value is about, from the parse.

The order: right after a name ("X (57)", "X at 53"), apposition ("Lindqvist, the 31-year-old ..."),
possessor ("Acme's ~60%"), a name in the value's own phrase, the subject of the governing verb
(pronouns resolved to the last sentence subject), and only then the nearest name, with a lower
confidence. States and titles have their own holders (the accused, the owned, the title holder).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from factcheck.extract.attributes import DATE_EVENTS, costing_verb, possessed_noun
from factcheck.extract.component import text_of
from factcheck.extract.names import PRONOUNS, DocNames, describes, is_source, name_in_phrase, reports

PLACEMENT_VERBS = {"place", "put", "rank", "rate", "list", "score", "position", "name"}
ESTIMATING_VERBS = {"put", "peg", "estimate", "value", "set", "fix", "assess", "calculate", "tally"}
"""Verbs whose subject states a figure of something else: in "the minister put the cost of the bridge
at $40 million" the figure is the bridge's cost, and the minister only the one who gave it."""


def find_subject(doc: Doc, span: Span, sentence: Span, names: DocNames) -> tuple[str, float]:
    if not doc.has_annotation("DEP"):
        return nearest_name_before(span, sentence, names, fallback_confidence=0.4)
    root = span.root
    # right after a name: "XR-9 (57)", "Falcon 2.1 at 53" comes first, since the parse often hangs
    # a parenthesis on the wrong name; a possessive ("Acme's ~60%") yields to apposition
    # ("Acme's 31-year-old founder, Maria Lindqvist" is about Lindqvist)
    parenthetical = _name_just_before(span, names, r"(?:\(|\bat )\s*$")
    if parenthetical:
        return parenthetical, 0.85
    appositive = _appositive(root, names)
    if appositive:
        return appositive, 0.9
    possessor = _name_just_before(span, names, r"['’]s\s*~?\s*$")
    if possessor:
        return possessor, 0.85
    # the words of a rank phrase may name the subject: "rankings place Acme fourth"
    inside = [names.at(t) for t in span if names.at(t)]
    if inside and span.text.split()[0].lower() in (
        "place",
        "places",
        "placed",
        "placing",
        "ranks",
        "ranked",
        "put",
        "puts",
    ):
        return inside[0], 0.8
    # the noun the value belongs to: possessor or the name it is part of
    for candidate in (root, root.head):
        for child in candidate.children:
            if child.dep_ == "poss" and names.at(child) and child.i < span.start:
                return names.at(child), 0.85
    # the governing verb's subject
    verb = root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for _ in range(3):
        if verb.pos_ not in ("VERB", "AUX"):
            break
        if verb.lemma_.lower() in ESTIMATING_VERBS and root.dep_ == "pobj" and root.head.lower_ == "at":
            # "X put the cost of Y at $5m": about Y if the measured phrase names it, else about no one
            # named here (X is the source, not the subject)
            measured = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if measured is not None:
                named = name_in_phrase(measured, names)
                return (named, 0.75) if named else nearest_name_before(span, sentence, names, fallback_confidence=0.3)
        if verb.lemma_.lower() in PLACEMENT_VERBS:  # "rankings place Acme fourth"
            for child in verb.children:
                if child.dep_ == "dobj" and name_in_phrase(child, names):
                    return name_in_phrase(child, names), 0.8
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        for subj in subjects:
            name = name_in_phrase(subj, names)
            if name:
                return name, 0.8
            phrase = " ".join(t.lower_ for t in subj.subtree)
            if subj.lower_ in PRONOUNS or phrase in PRONOUNS:
                resolved = names.resolve_pronoun(subj.lower_, sentence.start_char)
                if resolved:
                    return resolved, 0.6
        if verb.dep_ in ("relcl", "acl") and name_in_phrase(verb.head, names):
            return name_in_phrase(verb.head, names), 0.75
        if verb.dep_ in ("conj", "advcl", "xcomp", "ccomp", "relcl", "acl") and verb.head.i != verb.i:
            if verb.dep_ == "ccomp" and reports(verb.head) and verb.head.i > span.end and not _refers_back(verb):
                # "the toll rose to 31, Reuters reported": who reports afterwards is the source;
                # "Acme said revenue rose" and "its revenue rose, Acme said" are Acme's own figures
                break
            verb = verb.head
            continue
        break
    return nearest_name_before(span, sentence, names, fallback_confidence=0.5)


def _refers_back(verb: Token) -> bool:
    """The reported clause speaks of its reporter: "its controller", "the company will hire"."""
    words = [t.lower_ for t in verb.subtree]
    phrases = {f"{a} {b}" for a, b in zip(words, words[1:])}
    return bool((set(words) | phrases) & (PRONOUNS - {"this", "that"}))


def _name_just_before(span: Span, names: DocNames, pattern: str) -> str:
    doc = span.doc
    if span.start == 0 or not re.search(pattern, text_of(doc)[max(0, span.start_char - 4) : span.start_char]):
        return ""
    k = span.start - 1
    while k > 0 and (doc[k].is_punct or doc[k].lower_ in ("at", "'s", "’s", "~")):
        k -= 1
    return names.at(doc[k])


def _appositive(root: Token, names: DocNames) -> str:
    """ "Maria Lindqvist, the 31-year-old former co-founder": the name the value's phrase is in apposition to."""
    token = root
    for _ in range(8):
        if token.dep_ == "appos" and names.at(token.head):
            return names.at(token.head)
        if token.head.i == token.i:
            break
        token = token.head
    return ""


def nearest_name_before(span: Span, sentence: Span, names: DocNames, fallback_confidence: float) -> tuple[str, float]:
    for tok in reversed(sentence.doc[sentence.start : span.start]):
        if names.at(tok) and not describes(tok) and not is_source(tok):
            return names.at(tok), fallback_confidence
    for tok in sentence.doc[span.end : sentence.end]:
        if names.at(tok) and not describes(tok) and not is_source(tok):
            return names.at(tok), fallback_confidence - 0.1
    return names.last_subject, 0.3 if names.last_subject else 0.0


def possessor(span: Span, sentence: Span, names: DocNames) -> str:
    """Who owns that possessed noun ("Acme's strategy"; "its approach" -> the sentence's subject)."""
    noun = possessed_noun(span)
    if noun is None:
        return ""
    owner = next(c for c in noun.children if c.dep_ == "poss")
    if owner.lower_ in PRONOUNS:
        return names.resolve_pronoun(owner.lower_, sentence.end_char)
    return names.at(owner)


def owned(span: Span, names: DocNames) -> str:
    inside = [names.at(t) for t in span if names.at(t)]
    if inside:
        return inside[-1]
    doc = span.doc
    for token in doc[span.end : min(len(doc), span.end + 8)]:
        if token.is_punct and token.text in ".;:":
            break
        if names.at(token):
            return names.at(token)
    return ""


def stated_of(span: Span, names: DocNames) -> str:
    """Whose state a status is: the clause subject ("The Widget era is over" -> Widget; "that era")."""
    doc = span.doc
    if not doc.has_annotation("DEP"):
        return ""
    verb = span.root
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in PRONOUNS:
                return names.resolve_pronoun(subject.lower_, span.sent.start_char)
            return name_in_phrase(subject, names) or subject.lemma_.lower()
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return ""


def holder(span: Span, names: DocNames) -> str:
    """Who holds a title: "its former CEO, Maria Lindqvist" / "Chief Data Officer Maria Lindqvist"."""
    doc = span.doc
    if not doc.has_annotation("DEP"):
        return ""
    for token in span:
        for child in token.children:
            if child.dep_ == "appos" and names.at(child) in names.persons:
                return names.at(child)
    following = doc[span.end] if span.end < len(doc) else None
    if following is not None and names.at(following) in names.persons:
        return names.at(following)
    return ""


def dated_thing(doc: Doc, span: Span, sentence: Span, names: DocNames) -> str:
    """What a date dates: the object of its event verb ("when Acme released Widget 4" -> Widget 4)."""
    if not doc.has_annotation("DEP"):
        return ""
    for tok in sentence:
        if tok.lemma_.lower() in DATE_EVENTS and tok.pos_ == "VERB" and abs(tok.i - span.start) < 12:
            for child in tok.children:
                if child.dep_ in ("dobj", "nsubjpass") and name_in_phrase(child, names):
                    return name_in_phrase(child, names)
    return ""


def costed_thing(span: Span, names: DocNames) -> str:
    """What a making cost is the cost of: the thing made, not its maker ("Acme built the Tower for
    $90 million", "the Tower was built for ...", "the Tower, which Acme built for ..." -> the Tower)."""
    verb = costing_verb(span)
    if verb is None:
        return ""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            relative = child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl"
            return name_in_phrase(verb.head if relative else child, names)
    return ""
