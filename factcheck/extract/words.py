"""How the parse reads facts in words: the word model (states.toml), negation, the thing a state
word is about, and the doer of an act.

Shared by the state checks (states.py) and the who-and-where checks (places.py). The parse decides:
whether words are negated (`neg` dependants, "no"/"nobody" as subject or object, "without", a
denying verb above), what they are about (the passive subject, the object, the "of" object of a
nominal, the noun a participle modifies, the clause subject), and who did something (the subject of
the verb or of the verbs it completes, or the `by` agent), with names from names.py.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names.py imports the component, which imports this module: types only here
    from factcheck.extract.names import DocNames
from typing import Any

from spacy.tokens import Doc, Span, Token


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """states.toml, read once: state families, predicates, titles, agents, speech verbs, place words."""
    return tomllib.loads(resources.files("factcheck.extract").joinpath("states.toml").read_text("utf-8"))


def text_key(text: str) -> str:
    """Lower-case letters, digits and spaces: how two texts of one value compare."""
    return re.sub(r"[^a-z0-9 ]+", "", text.lower()).strip()


def doc_names(doc: Doc) -> DocNames:
    """The article's names, made once per Doc (names.py imports the component, hence the late import)."""
    from factcheck.extract.names import DocNames

    names = doc.user_data.get("factcheck_state_names")
    if names is None:
        names = doc.user_data["factcheck_state_names"] = DocNames(doc)
    return names


def span_of(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def negated(token: Token) -> bool:
    """Denied by the parse: a `neg` dependant of the word or its copula ("is not over", "has not been
    charged"), "no"/"nobody" as its subject or object ("nobody was hurt", "no lead was detected"),
    "without", or a denying verb above it ("denied that it had ...")."""
    data = model()["negation"]
    nobody = set(data["nobody"])
    words = [token] + (
        [token.head]
        if token.dep_ in ("acomp", "attr", "pobj", "prep", "advmod", "xcomp", "oprd")
        or token.head.lemma_ in ("be", "remain")
        else []
    )
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        words.append(token.head.head)
    for word in words:
        for child in word.children:
            if child.dep_ == "neg" or child.lower_ in ("never",):
                return True
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and (
                child.lower_ in nobody
                or " ".join(t.lower_ for t in child.subtree) in nobody
                or any(d.dep_ == "det" and d.lower_ in nobody for d in child.children)
            ):
                return True
        if any(t.lower_ == "longer" and t.i > 0 and word.doc[t.i - 1].lower_ == "no" for t in word.children):
            return True
    for ancestor in list(token.ancestors)[:3]:
        if ancestor.lemma_.lower() in data["denying"] and ancestor.pos_ == "VERB":
            return True
        if ancestor.lower_ == "without":
            return True
    return False


def phrase_of(token: Token, names: DocNames) -> str:
    """A name the phrase holds, else its head noun with compounds ("evacuation order", "break fee");
    generic nouns ("the company", "the town") stand for the name last given before them."""
    name = names.at(token) or plain_name(token, names)
    if name:
        return name
    for child in token.children:  # "the "Falcon" training run", "the train's engineer, Kyle Dunbar"
        if child.dep_ in ("compound", "nmod") and names.at(child):
            return names.at(child)
    for child in token.children:
        if child.dep_ == "appos" and names.at(child):
            return names.at(child)
    if token.dep_ == "appos" and names.at(token.head):  # "Acme, the cheesemaker based in ..."
        return names.at(token.head)
    place = model()["place"]
    lemma = token.lemma_.lower()
    if lemma in place["organisation_nouns"] and _definite(token):
        return last_entity(token, ("ORG", "FAC"))
    if token.lower_ in ("it", "they", "he", "she"):
        return names.resolve_pronoun(token.lower_, token.sent.start_char)
    if lemma in place["place_nouns"] and _definite(token) and not any(c.dep_ == "compound" for c in token.children):
        return _last_place(token)
    if lemma in place["deal_nouns"]:
        return "deal"
    if token.lower_ in ("which", "that", "who") and token.head.dep_ == "relcl":
        return phrase_of(token.head.head, names)  # "Acme, which is based in ..."
    if token.pos_ not in ("NOUN", "PROPN"):
        return ""
    compounds = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
    first = min((c.left_edge.i for c in compounds), default=token.i)
    before = "".join(t.text_with_ws for t in token.doc[first : token.i] if t.is_alpha or t.text == "-")  # not "6% pay"
    words = [before.strip().lower()] if before.strip() else []
    words.append(lemma)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                    words += ["for", pobj.lemma_.lower()]
    return " ".join(words)


def plain_name(token: Token, names: DocNames) -> str:
    from factcheck.extract.names import name_in_phrase

    return name_in_phrase(token, names) if token.pos_ == "PROPN" or token.ent_type_ else ""


def _definite(token: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its") for c in token.children)


def last_entity(token: Token, labels: tuple[str, ...]) -> str:
    """The last entity of one of `labels` named before the token ("the company" -> "Acme")."""
    for ent in reversed([e for e in token.doc.ents if e.end <= token.i]):
        if ent.label_ in labels:
            return ent.text
    return ""


def _last_place(token: Token) -> str:
    """The place a "the town" stands for: the last place named before it (the small model often
    calls a town it does not know an organisation)."""
    return last_entity(token, ("GPE", "LOC", "FAC")) or last_entity(token, ("ORG",))


def holder_of(token: Token, names: DocNames, span: Span | None = None) -> str:
    """What a state word is about: the passive subject or the object of a verb ("officials lifted the
    order"), the noun of a nominal ("the cancellation of X"), the noun a participle modifies, or the
    subject of the clause ("the order remains in force", "the era is over")."""
    if token.pos_ == "NOUN":  # a nominal: "the cancellation of X"
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return phrase_of(objects[0], names)
    head = token
    if head.dep_ in ("pobj",) and head.head.dep_ in ("prep", "agent"):
        head = head.head.head  # "in force", "under review", "by invitation": the preposition's head
    elif head.dep_ == "prep":
        head = head.head
    inside = set(range(span.start, span.end)) if span is not None else set()
    if head.pos_ == "VERB" or head.tag_ in ("VBN", "VBD", "VBZ", "VBG"):
        for dep in ("nsubjpass", "dobj"):
            found = [c for c in head.children if c.dep_ == dep and c.i not in inside]
            if found:
                return phrase_of(found[0], names)
    if head.pos_ == "NOUN":
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return phrase_of(objects[0], names)
        return ""  # a nominal ("the cancellation") is about its "of" object or nothing the clause says
    if head.dep_ in ("acl", "amod") and head.head.pos_ in ("NOUN", "PROPN"):
        return phrase_of(head.head, names)
    verb = head
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and not (subjects[0].lower_ in ("which", "that", "who") and verb.dep_ == "relcl"):
            return phrase_of(subjects[0], names)
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return phrase_of(verb.head, names)
        if verb.dep_ in ("advcl", "ccomp", "pcomp", "parataxis", "csubj") or verb.head.i == verb.i:
            break  # a clause above ("..., leading to the project's end") is about something else
        verb = verb.head
    return ""


def doer_of(verb: Token, names: DocNames) -> tuple[str, Token | None]:
    """The subject of a verb or of the verbs it completes ("has agreed to buy", "sending a team to
    lead"), or its `by` agent in the passive; a pronoun resolves to the last subject."""
    by = doer_by(verb, names)
    if by[0]:
        return by
    current, pronoun = verb, None
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ == "nsubj"]
        if subjects:
            subject = subjects[0]
            if subject.lower_ not in ("it", "they", "he", "she"):
                named = [c for c in subject.children if c.dep_ == "appos" and names.at(c)]  # "its chief, Jo Ma,"
                return (
                    names.at(subject)
                    or (names.at(named[0]) if named else "")
                    or plain_name(subject, names)
                    or _body(subject)
                ), subject
            pronoun = pronoun or subject  # "X said it was sending a team to lead ...": X, if the parse says so
        if current.dep_ not in ("xcomp", "advcl", "conj", "relcl", "acl", "ccomp") or current.head.i == current.i:
            break
        if current.dep_ == "relcl" and (names.at(current.head) or plain_name(current.head, names)):
            return (names.at(current.head) or plain_name(current.head, names)), current.head
        current = current.head
    if pronoun is not None:
        return names.resolve_pronoun(pronoun.lower_, pronoun.sent.start_char), None
    return "", None


def _body(token: Token) -> str:
    """An official body named by its common nouns ("the state health agency", "county police")."""
    if token.lemma_.lower() not in model()["place"]["body_nouns"]:
        return ""
    compounds = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
    first = min((c.left_edge.i for c in compounds), default=token.i)
    return token.doc[first : token.i + 1].text.lower()


def doer_by(verb: Token, names: DocNames) -> tuple[str, Token | None]:
    """The `by` agent of a passive verb ("acquired by X")."""
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                named = [c for c in objects[0].children if c.dep_ in ("appos", "compound") and names.at(c)]
                return (
                    names.at(objects[0])
                    or (names.at(named[0]) if named else "")
                    or plain_name(objects[0], names)
                    or _body(objects[0])
                ), objects[0]
    return "", None
