"""Facts stated in words: states of a thing, asserted or denied predicates, who did something, where.

The words come from states.toml (a general model for English news, not any story's words); the
parse decides everything else: whether the words are negated (`neg` dependants, "no"/"nobody" as
subject or object), what thing they are about (the passive subject, the object, the clause subject,
the noun a participle modifies), and who the doer or the speaker is (subjects and `by` agents that
the named-entity tagger calls names). Each fact leaves as pieces of a value match: `holder` (the
subject), `shown` (the value as displayed), `facets` (what it asserts, as "family:state" keys),
`excludes` (the keys it cannot hold together with; "family:*" for any other value of a one-valued
fact such as a speaker) and `follows` (keys of states it can come after, for `explainable`).
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names.py imports the component, which imports this module: types only here
    from factcheck.extract.measures import Accepted
from typing import Any

from spacy.tokens import Doc, Span, Token

from factcheck.extract.places import place_checks
from factcheck.extract.surface import text_of
from factcheck.extract.words import doc_names, holder_of, model, negated, phrase_of, span_of, text_key

STATE_PRIORITY = 24
"""Below every figure's patterns: a state word never takes the place of a number it overlaps
("took over six hours" is a duration)."""


def pattern_entries() -> list[dict[str, Any]]:
    """patterns.toml-style entries for every state, predicate, title, agent and place form."""
    data = model()
    out: list[dict[str, Any]] = []
    for family in data["family"]:
        for state in family["states"]:
            out.append(
                {
                    "id": f"state.{text_key(family['name']).replace(' ', '_')}.{text_key(state['state']).replace(' ', '_')}.v1",
                    "kind": "status",
                    "priority": STATE_PRIORITY,
                    "ignorecase": True,
                    "check": f"state|{family['name']}|{state['state']}",
                    "regex": rf"\b(?:{state['words']})\b",
                    "needs": state["words"],
                    "state": state["state"],
                    "family": family["name"],
                }
            )
    for predicate in data["predicate"]:
        out.append(
            {
                "id": f"polarity.{predicate['name']}.v1",
                "kind": "status",
                "priority": STATE_PRIORITY - 2,
                "ignorecase": True,
                "check": f"polarity|{predicate['name']}",
                "regex": rf"\b(?:{predicate['words']})\b",
                "needs": predicate["words"],
                "state": predicate["name"],
                "family": predicate["name"],
            }
        )
    titles = "|".join(f"(?:{t['words']})" for t in data["title"])
    modifiers = r"(?i:former|ex-|then-|current|first-ever|first|new|founding|interim|acting)"
    out.append(
        {
            "id": "role.title.v2",
            "kind": "role",
            "priority": 60,
            "check": "role_title",
            "needs": titles,
            "regex": rf"\b(?:(?P<mod>{modifiers})[ \t]+)?(?:(?P<org>(?:[A-Z][\w&-]*(?:\.[\w&-]+)*[ \t]+){{1,3}}))?"
            rf"(?P<title>(?i:{titles})(?:\s+and\s+(?i:{titles}))?)\b",
        }
    )
    for agent in data["agent"]:
        out.append(
            {
                "id": f"who.{text_key(agent['attribute']).replace(' ', '_')}.v1",
                "kind": "status",
                "priority": STATE_PRIORITY - 3,
                "ignorecase": True,
                "check": f"agent|{agent['attribute']}",
                "regex": rf"\b(?:{agent['words']})\b",
                "needs": agent["words"],
                "state": agent["attribute"],
                "family": agent["attribute"],
            }
        )
    out.append(
        {
            "id": "who.speaker.v1",
            "kind": "status",
            "priority": STATE_PRIORITY - 8,
            "check": "speaker",
            "regex": r"[\"“][^\"“”\n]{25,600}[\"”]",
            "needs": r"[\"“”]",
            "state": "speaker",
            "family": "speaker",
        }
    )
    place = data["place"]
    out.append(
        {
            "id": "place.base.v1",
            "kind": "status",
            "priority": STATE_PRIORITY,
            "check": "base",
            "regex": rf"\b(?:{place['base']})\s+(?P<place>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)",
            "needs": place["base"],
            "state": "headquarters",
            "family": "headquarters",
        }
    )
    out.append(
        {
            "id": "place.region.v1",
            "kind": "status",
            "priority": STATE_PRIORITY - 6,
            "check": "region",
            "regex": r"\b(?P<town>[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+){0,2}),\s(?P<region>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b",
            "needs": r",\s[A-Z]",
            "state": "region",
            "family": "region",
        }
    )
    directions = "|".join(sorted(place["directions"], key=len, reverse=True))
    out.append(
        {
            "id": "place.direction.v1",
            "kind": "status",
            "priority": STATE_PRIORITY,
            "check": "direction",
            "ignorecase": True,
            "regex": rf"\b(?P<dir>{directions})(?:ern)?\s+of\b",
            "needs": directions,
            "state": "direction",
            "family": "direction",
        }
    )
    return out


def _facet_pieces(family: str, state: str, negative: bool) -> dict[str, str]:
    """Display, facets, excludes and follows of one state of a family, from the state model."""
    entry = next(f for f in model()["family"] if f["name"] == family)
    key = lambda s: f"{family}:{s}"  # noqa: E731
    # every state also asserts its family: states of one family that do not exclude each other are
    # one fact told at different stages ("arrested", "charged"), not two facts
    if negative:
        return {
            "shown": f"not {state}",
            "facets": f"{key(f'not {state}')}|{family}",
            "excludes": key(state),
            "follows": "",
        }
    excludes = [key(b if a == state else a) for a, b in entry["excludes"] if state in (a, b)] + [key(f"not {state}")]
    follows = [key(a) for a, b in entry["order"] if b == state]
    return {
        "shown": state,
        "facets": f"{key(state)}|{family}",
        "excludes": "|".join(excludes),
        "follows": "|".join(follows),
    }


# ------------------------------------------------------------------------------- checks


def check_state(doc: Doc, start: int, end: int, parts: dict[str, str], family: str, state: str) -> Accepted | None:
    """A state word about a thing the parse finds; its negation is the denied state."""
    if not doc.has_annotation("DEP"):
        return None
    span = span_of(doc, start, end)
    if span is None:
        return None
    token = _content_root(span)
    # a state whose own words deny ("not put to a vote") is not negated a second time by them
    pieces = _facet_pieces(family, state, negated(token) and not state.startswith("not "))
    if next(f for f in model()["family"] if f["name"] == family).get("subject"):
        return start, end, pieces  # the accused, the owned: subjects.py finds them
    holder = holder_of(token, doc_names(doc), span)
    if not holder and token.pos_ == "NOUN" and token.dep_ == "pobj":
        return None  # "(led) to the cancellation" of nothing named
    if not holder:
        return start, end, pieces  # subjects.py falls back to the names around the words
    return start, end, {"holder": holder, **pieces}


def _content_root(span: Span) -> Token:
    """The word of a state phrase the parse hangs things on: "is not over" -> "over"."""
    content = [t for t in span if not t.is_stop or t.lower_ in ("over",)]
    if not content:
        return span.root
    root = span.root
    return root if root in content else content[-1]


def check_polarity(doc: Doc, start: int, end: int, parts: dict[str, str], name: str) -> Accepted | None:
    """An asserted or denied predicate ("two workers were injured" / "nobody was hurt")."""
    if not doc.has_annotation("DEP"):
        return None
    span = span_of(doc, start, end)
    if span is None:
        return None
    predicate = next(p for p in model()["predicate"] if p["name"] == name)
    token = span.root
    names = doc_names(doc)
    existential = span[0].lower_ == "there"
    if existential:
        nouns = [t for t in doc[span.end : min(len(doc), span.end + 4)] if t.pos_ == "NOUN"]
        if not nouns:
            return None
        noun = nouns[0]
        while noun.dep_ == "compound" and noun.head.i > noun.i:
            noun = noun.head
        casualty = next(
            (p for p in model()["predicate"] if p.get("theme") and re.fullmatch(p["words"], noun.text, re.I)), None
        )
        if casualty is not None:
            return None  # "there were no deaths": the casualty word itself is the claim, denied by "no"
        theme, negative = phrase_of(noun, names), True
    elif predicate.get("theme"):
        if token.pos_ not in ("VERB", "ADJ", "NOUN") or any(c.dep_ in ("ccomp", "xcomp") for c in token.children):
            return None
        suffered = (
            token.pos_ == "NOUN"
            and token.dep_ == "dobj"
            and token.head.lemma_.lower() in ("suffer", "sustain", "receive")
        )
        if token.pos_ == "NOUN" and not suffered and not any(c.lower_ in ("no",) for c in token.children):
            return None  # "injuries" is a claim as "no injuries" or "two people suffered injuries"
        if not _about_people(token.head if suffered else token):
            return None  # "the plan was killed off" is not about casualties
        theme, negative = predicate["theme"], negated(token) or any(c.lower_ == "no" for c in token.children)
    else:
        if token.pos_ != "VERB" or any(c.dep_ in ("ccomp", "xcomp", "acomp", "oprd") for c in token.children):
            return None
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"] or [
            g
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "to"
            for g in c.children
            if g.dep_ == "pobj" and g.pos_ == "NOUN"
        ]  # "agreed to a pay rise"
        if not objects:  # a parse that hangs the object elsewhere: the noun phrase right after the verb
            following = doc[token.i + 1 : min(len(doc), token.i + 4)]
            objects = [t for t in following if t.pos_ == "NOUN" and t.dep_ != "compound"][:1]
            if not objects or any(t.pos_ in ("VERB", "AUX", "PUNCT") for t in following if t.i < objects[0].i):
                return None
        thing = objects[0]
        amounts = set(model()["negation"]["amounts"])
        if thing.lemma_.lower() in amounts:
            inner = [
                g
                for c in thing.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            thing = inner[0] if inner else thing
        theme, negative = phrase_of(thing, names), negated(token)
    if not theme:
        return None
    shown = f"not {predicate['name']}" if negative else predicate["name"]
    family = f"polarity {predicate['name']}"
    mine, other = (f"{family}:no", f"{family}:yes") if negative else (f"{family}:yes", f"{family}:no")
    return start, end, {"holder": theme, "shown": shown, "facets": mine, "excludes": other, "follows": ""}


def _about_people(token: Token) -> bool:
    """Casualty words count only when they are about people: a person, a number of them, "nobody",
    or a noun for people (states.toml), as the word's subject or object, or "no injuries"."""
    if token.pos_ == "NOUN":
        return True
    people = set(model()["negation"]["people"]) | set(model()["negation"]["nobody"])
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            if (
                child.ent_type_ in ("PERSON", "NORP", "CARDINAL")
                or child.lemma_.lower() in people
                or any(c.dep_ == "nummod" or c.lower_ in people for c in child.children)
            ):
                return True
    return False


def check_role_title(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    """A title held by a person the sentence names, as posts: synonyms agree, two executive posts at
    once or a post and its "former" self exclude each other."""
    span = span_of(doc, start, end)
    if span is None:
        return None
    sentence = span.sent if doc.has_annotation("SENT_START") else doc[:]
    if (
        doc.has_annotation("ENT_IOB")
        and not any(ent.label_ == "PERSON" for ent in sentence.ents)
        and not (
            doc.has_annotation("DEP")
            and sentence[0].pos_ == "PROPN"
            and sentence[0].dep_ in ("compound", "nsubj", "nsubjpass")
        )
    ):
        return None  # (a name opening a paragraph is sometimes missed by the tagger: the parse still sees it)
    data = model()
    text = text_of(doc)
    before = text[max(0, start - 40) : start].lower()
    past = (parts.get("mod") or "").lower().rstrip("-") in ("former", "ex", "then") or any(
        re.search(rf"\b{re.escape(word)}\b[^.]*$", before) for word in data["title_time"]["past"] if word.isalpha()
    )
    lower = next(
        (w for w in data["title_time"]["lower"] if re.search(rf"\b{w}\s+$", before + (parts.get("org") or "").lower())),
        "",
    )
    posts = []  # (post key, shown)
    for piece in re.split(r"\s+and\s+", parts.get("title", "")):
        for title in data["title"]:
            if re.fullmatch(title["words"], piece, re.I):
                post = re.sub(r"\s+", " ", piece).lower() if title.get("by_words") else title["post"]
                posts.append((f"{lower} {post}".strip(), title.get("slot") if not lower else None))
                break
    if not posts:
        return None
    when = "former" if past else "current"
    keys = [key for key, _ in posts]
    facets = [f"role:{when}:{key.lower()}" for key in keys]
    excludes = [f"role:{'current' if past else 'former'}:{key.lower()}" for key in keys]
    if not past:
        slots = {slot for _, slot in posts if slot}
        excludes += [
            f"role:current:{t['post'].lower()}"
            for t in data["title"]
            if t.get("slot") in slots and t["post"] not in keys
        ]
        # a deputy is not the post itself, and the post is not its deputy
        excludes += [f"role:current:{key.split(' ', 1)[1].lower()}" for key in keys if lower]
        excludes += [
            f"role:current:{w} {key.lower()}" for key in keys if not lower for w in data["title_time"]["lower"]
        ]
    shown = " and ".join(keys)
    return (
        start,
        end,
        {
            "shown": f"former {shown}" if past else shown,
            "facets": "|".join(facets),
            "excludes": "|".join(excludes),
            "follows": "|".join(f"role:current:{key.lower()}" for key in keys) if past else "",
        },
    )


def _checks() -> dict:
    """Each generated pattern's check, with the family, state or predicate it asserts bound in."""
    data = model()
    out = {"role_title": check_role_title, **place_checks()}
    for family in data["family"]:
        for state in family["states"]:
            out[f"state|{family['name']}|{state['state']}"] = partial(
                check_state, family=family["name"], state=state["state"]
            )
    for predicate in data["predicate"]:
        out[f"polarity|{predicate['name']}"] = partial(check_polarity, name=predicate["name"])
    return out


STATE_CHECKS = _checks()
