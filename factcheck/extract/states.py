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
import tomllib
from functools import lru_cache, partial
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span, Token

from factcheck.extract.surface import text_of

STATE_PRIORITY = 24
"""Below every figure's patterns: a state word never takes the place of a number it overlaps
("took over six hours" is a duration)."""


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    return tomllib.loads(resources.files("factcheck.extract").joinpath("states.toml").read_text("utf-8"))


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", text.lower()).strip()


def pattern_entries() -> list[dict[str, Any]]:
    """patterns.toml-style entries for every state, predicate, title, agent and place form."""
    data = model()
    out: list[dict[str, Any]] = []
    for family in data["family"]:
        for state in family["states"]:
            out.append({"id": f"state.{_key(family['name']).replace(' ', '_')}.{_key(state['state']).replace(' ', '_')}.v1",
                        "kind": "status", "priority": STATE_PRIORITY, "ignorecase": True,
                        "check": f"state|{family['name']}|{state['state']}",
                        "regex": rf"\b(?:{state['words']})\b", "needs": state["words"], "state": state["state"],
                        "family": family["name"]})
    for predicate in data["predicate"]:
        out.append({"id": f"polarity.{predicate['name']}.v1", "kind": "status", "priority": STATE_PRIORITY - 2,
                    "ignorecase": True, "check": f"polarity|{predicate['name']}", "regex": rf"\b(?:{predicate['words']})\b",
                    "needs": predicate["words"],
                    "state": predicate["name"], "family": predicate["name"]})
    titles = "|".join(f"(?:{t['words']})" for t in data["title"])
    modifiers = r"(?i:former|ex-|then-|current|first-ever|first|new|founding|interim|acting)"
    out.append({"id": "role.title.v2", "kind": "role", "priority": 60, "check": "role_title", "needs": titles,
                "regex": rf"\b(?:(?P<mod>{modifiers})[ \t]+)?(?:(?P<org>(?:[A-Z][\w&-]*(?:\.[\w&-]+)*[ \t]+){{1,3}}))?"
                         rf"(?P<title>(?i:{titles})(?:\s+and\s+(?i:{titles}))?)\b"})
    for agent in data["agent"]:
        out.append({"id": f"who.{_key(agent['attribute']).replace(' ', '_')}.v1", "kind": "status",
                    "priority": STATE_PRIORITY - 3, "ignorecase": True, "check": f"agent|{agent['attribute']}",
                    "regex": rf"\b(?:{agent['words']})\b", "needs": agent["words"], "state": agent["attribute"],
                    "family": agent["attribute"]})
    out.append({"id": "who.speaker.v1", "kind": "status", "priority": STATE_PRIORITY - 8, "check": "speaker",
                "regex": r"[\"“][^\"“”\n]{25,600}[\"”]", "needs": r"[\"“”]", "state": "speaker", "family": "speaker"})
    place = data["place"]
    out.append({"id": "place.base.v1", "kind": "status", "priority": STATE_PRIORITY, "check": "base",
                "regex": rf"\b(?:{place['base']})\s+(?P<place>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)", "needs": place["base"],
                "state": "headquarters", "family": "headquarters"})
    out.append({"id": "place.region.v1", "kind": "status", "priority": STATE_PRIORITY - 6, "check": "region",
                "regex": r"\b(?P<town>[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+){0,2}),\s(?P<region>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b",
                "needs": r",\s[A-Z]",
                "state": "region", "family": "region"})
    directions = "|".join(sorted(place["directions"], key=len, reverse=True))
    out.append({"id": "place.direction.v1", "kind": "status", "priority": STATE_PRIORITY, "check": "direction",
                "ignorecase": True, "regex": rf"\b(?P<dir>{directions})(?:ern)?\s+of\b", "needs": directions,
                "state": "direction", "family": "direction"})
    return out


# ------------------------------------------------------------------------------- the parse


def _names(doc: Doc):
    """The article's names, made once per Doc (names.py imports the component, hence the late import)."""
    from factcheck.extract.names import DocNames

    names = doc.user_data.get("factcheck_state_names")
    if names is None:
        names = doc.user_data["factcheck_state_names"] = DocNames(doc)
    return names


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def negated(token: Token) -> bool:
    """Denied by the parse: a `neg` dependant of the word or its copula ("is not over", "has not been
    charged"), "no"/"nobody" as its subject or object ("nobody was hurt", "no lead was detected"),
    "without", or a denying verb above it ("denied that it had ...")."""
    data = model()["negation"]
    nobody = set(data["nobody"])
    words = [token] + ([token.head] if token.dep_ in ("acomp", "attr", "pobj", "prep", "advmod", "xcomp", "oprd")
                       or token.head.lemma_ in ("be", "remain") else [])
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        words.append(token.head.head)
    for word in words:
        for child in word.children:
            if child.dep_ == "neg" or child.lower_ in ("never",):
                return True
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and (
                    child.lower_ in nobody or " ".join(t.lower_ for t in child.subtree) in nobody
                    or any(d.dep_ == "det" and d.lower_ in nobody for d in child.children)):
                return True
        if any(t.lower_ == "longer" and t.i > 0 and word.doc[t.i - 1].lower_ == "no" for t in word.children):
            return True
    for ancestor in list(token.ancestors)[:3]:
        if ancestor.lemma_.lower() in data["denying"] and ancestor.pos_ == "VERB":
            return True
        if ancestor.lower_ == "without":
            return True
    return False


def phrase_of(token: Token, names) -> str:
    """A name the phrase holds, else its head noun with compounds ("evacuation order", "break fee");
    generic nouns ("the company", "the town") stand for the name last given before them."""
    name = names.at(token) or _plain_name(token, names)
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
        return _last_entity(token, ("ORG",))
    if token.lower_ in ("it", "they", "he", "she"):
        return names.resolve_pronoun(token.lower_, token.sent.start_char)
    if lemma in place["place_nouns"] and _definite(token):
        return _last_place(token)
    if lemma in place["deal_nouns"]:
        return "deal"
    if token.lower_ in ("which", "that", "who") and token.head.dep_ == "relcl":
        return phrase_of(token.head.head, names)  # "Acme, which is based in ..."
    if token.pos_ not in ("NOUN", "PROPN"):
        return ""
    compounds = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
    first = min((c.left_edge.i for c in compounds), default=token.i)
    words = [token.doc[first:token.i].text.lower()] if compounds else []
    words.append(lemma)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                    words += ["for", pobj.lemma_.lower()]
    return " ".join(words)


def _plain_name(token: Token, names) -> str:
    from factcheck.extract.names import name_in_phrase

    return name_in_phrase(token, names) if token.pos_ == "PROPN" or token.ent_type_ else ""


def _definite(token: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its") for c in token.children)


def _last_entity(token: Token, labels: tuple[str, ...]) -> str:
    """The last entity of one of `labels` named before the token ("the company" -> "Acme")."""
    for ent in reversed([e for e in token.doc.ents if e.end <= token.i]):
        if ent.label_ in labels:
            return ent.text
    return ""


def _last_place(token: Token) -> str:
    """The place a "the town" stands for: the last place named before it (the small model often
    calls a town it does not know an organisation)."""
    return _last_entity(token, ("GPE", "LOC", "FAC")) or _last_entity(token, ("ORG",))


def holder_of(token: Token, names, span: Span | None = None) -> str:
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


def _facet_pieces(family: str, state: str, negative: bool) -> dict[str, str]:
    """Display, facets, excludes and follows of one state of a family, from the state model."""
    entry = next(f for f in model()["family"] if f["name"] == family)
    key = lambda s: f"{family}:{s}"  # noqa: E731
    # every state also asserts its family: states of one family that do not exclude each other are
    # one fact told at different stages ("arrested", "charged"), not two facts
    if negative:
        return {"shown": f"not {state}", "facets": f"{key(f'not {state}')}|{family}", "excludes": key(state), "follows": ""}
    excludes = [key(b if a == state else a) for a, b in entry["excludes"] if state in (a, b)] + [key(f"not {state}")]
    follows = [key(a) for a, b in entry["order"] if b == state]
    return {"shown": state, "facets": f"{key(state)}|{family}", "excludes": "|".join(excludes), "follows": "|".join(follows)}


# ------------------------------------------------------------------------------- checks


def check_state(doc: Doc, start: int, end: int, parts: dict[str, str], family: str, state: str):
    """A state word about a thing the parse finds; its negation is the denied state."""
    if not doc.has_annotation("DEP"):
        return None
    span = _span(doc, start, end)
    if span is None:
        return None
    token = _content_root(span)
    pieces = _facet_pieces(family, state, negated(token))
    if next(f for f in model()["family"] if f["name"] == family).get("subject"):
        return start, end, pieces  # the accused, the owned: subjects.py finds them
    holder = holder_of(token, _names(doc), span)
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


def check_polarity(doc: Doc, start: int, end: int, parts: dict[str, str], name: str):
    """An asserted or denied predicate ("two workers were injured" / "nobody was hurt")."""
    if not doc.has_annotation("DEP"):
        return None
    span = _span(doc, start, end)
    if span is None:
        return None
    predicate = next(p for p in model()["predicate"] if p["name"] == name)
    token = span.root
    names = _names(doc)
    existential = span[0].lower_ == "there"
    if existential:
        nouns = [t for t in doc[span.end:min(len(doc), span.end + 4)] if t.pos_ == "NOUN"]
        if not nouns:
            return None
        noun = nouns[0]
        while noun.dep_ == "compound" and noun.head.i > noun.i:
            noun = noun.head
        theme, negative = phrase_of(noun, names), True
    elif predicate.get("theme"):
        if token.pos_ not in ("VERB", "ADJ", "NOUN") or any(c.dep_ in ("ccomp", "xcomp") for c in token.children):
            return None
        if token.pos_ == "NOUN" and not any(c.lower_ in ("no",) for c in token.children):
            return None  # "injuries" is a denial only as "no injuries"
        if not _about_people(token):
            return None  # "the project is not being killed" is not about casualties
        theme, negative = predicate["theme"], negated(token) or any(c.lower_ == "no" for c in token.children)
    else:
        if token.pos_ != "VERB" or any(c.dep_ in ("ccomp", "xcomp", "acomp", "oprd") for c in token.children):
            return None
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"]
        if not objects:  # a parse that hangs the object elsewhere: the noun phrase right after the verb
            following = doc[token.i + 1:min(len(doc), token.i + 4)]
            objects = [t for t in following if t.pos_ == "NOUN" and t.dep_ != "compound"][:1]
            if not objects or any(t.pos_ in ("VERB", "AUX", "PUNCT") for t in following if t.i < objects[0].i):
                return None
        thing = objects[0]
        amounts = set(model()["negation"]["amounts"])
        if thing.lemma_.lower() in amounts:
            inner = [g for c in thing.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
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
            if child.ent_type_ in ("PERSON", "NORP", "CARDINAL") or child.lemma_.lower() in people or \
                    any(c.dep_ == "nummod" or c.lower_ in people for c in child.children):
                return True
    return False


def check_role_title(doc: Doc, start: int, end: int, parts: dict[str, str]):
    """A title held by a person the sentence names, as posts: synonyms agree, two executive posts at
    once or a post and its "former" self exclude each other."""
    span = _span(doc, start, end)
    if span is None:
        return None
    sentence = span.sent if doc.has_annotation("SENT_START") else doc[:]
    if doc.has_annotation("ENT_IOB") and not any(ent.label_ == "PERSON" for ent in sentence.ents) and not (
            doc.has_annotation("DEP") and sentence[0].pos_ == "PROPN" and sentence[0].dep_ in ("compound", "nsubj", "nsubjpass")):
        return None  # (a name opening a paragraph is sometimes missed by the tagger: the parse still sees it)
    data = model()
    text = text_of(doc)
    before = text[max(0, start - 40):start].lower()
    past = (parts.get("mod") or "").lower().rstrip("-") in ("former", "ex", "then") or any(
        re.search(rf"\b{re.escape(word)}\b[^.]*$", before) for word in data["title_time"]["past"] if word.isalpha())
    posts = []
    for piece in re.split(r"\s+and\s+", parts.get("title", "")):
        for title in data["title"]:
            if re.fullmatch(title["words"], piece, re.I):
                posts.append(title)
                break
    if not posts:
        return None
    when = "former" if past else "current"
    facets = [f"role:{when}:{p['post'].lower()}" for p in posts]
    excludes = [f"role:{'current' if past else 'former'}:{p['post'].lower()}" for p in posts]
    if not past:
        slots = {p.get("slot") for p in posts if p.get("slot")}
        excludes += [f"role:current:{t['post'].lower()}" for t in data["title"]
                     if t.get("slot") in slots and t["post"] not in {p["post"] for p in posts} and t["post"] != "chief officer"]
    shown = " and ".join(p["post"] if p["post"] != "chief officer" else piece_text(parts) for p in posts)
    return start, end, {"shown": f"former {shown}" if past else shown, "facets": "|".join(facets),
                        "excludes": "|".join(excludes), "follows": "|".join(f"role:current:{p['post'].lower()}" for p in posts) if past else ""}


def piece_text(parts: dict[str, str]) -> str:
    return re.sub(r"\s+", " ", parts.get("title", "")).strip().lower()


def _who_key(name: str, names) -> str:
    """A doer or speaker as a key; model.facets_agree takes a shorter name inside a longer one as the
    same ("Harlow" = "Harlow Foods", "Brandt" = "Tom Brandt")."""
    return _key(name)


def _doer(verb: Token, names) -> tuple[str, Token | None]:
    """The subject of a verb or of the verbs it completes ("has agreed to buy", "sending a team to
    lead"), or its `by` agent in the passive; a pronoun resolves to the last subject."""
    by = _doer_by(verb, names)
    if by[0]:
        return by
    current, pronoun = verb, None
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ == "nsubj"]
        if subjects:
            subject = subjects[0]
            if subject.lower_ not in ("it", "they", "he", "she"):
                return (names.at(subject) or _plain_name(subject, names)), subject
            pronoun = pronoun or subject  # "X said it was sending a team to lead ...": X, if the parse says so
        if current.dep_ not in ("xcomp", "advcl", "conj", "relcl", "acl", "ccomp") or current.head.i == current.i:
            break
        if current.dep_ == "relcl" and (names.at(current.head) or _plain_name(current.head, names)):
            return (names.at(current.head) or _plain_name(current.head, names)), current.head
        current = current.head
    if pronoun is not None:
        return names.resolve_pronoun(pronoun.lower_, pronoun.sent.start_char), None
    return "", None


def check_agent(doc: Doc, start: int, end: int, parts: dict[str, str], attribute: str):
    """Who did it: the doer of an act on a named thing ("X agreed to buy Y", "Y was acquired by X")."""
    if not doc.has_annotation("DEP"):
        return None
    span = _span(doc, start, end)
    if span is None:
        return None
    agent = next(a for a in model()["agent"] if a["attribute"] == attribute)
    names = _names(doc)
    verb = span.root
    if verb.pos_ == "NOUN":  # "Harlow Foods' purchase of Pemberton Dairy"
        objects = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        owners = [c for c in verb.children if c.dep_ == "poss"]
        thing = objects[0] if objects else None
        doer, doer_token = ((names.at(owners[0]) or _plain_name(owners[0], names)), owners[0]) if owners else ("", None)
    else:
        if verb.pos_ != "VERB":
            return None
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        thing = passive[0] if passive else objects[0] if objects else None
        if thing is None and verb.dep_ == "xcomp":  # "Y agreed to be acquired by X"
            thing = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            doer, doer_token = _doer_by(verb, names)
        else:
            doer, doer_token = _doer(verb, names) if not passive else _doer_by(verb, names)
    if thing is None or not doer:
        return None
    wanted = agent.get("objects")
    if wanted:
        if thing.lemma_.lower() not in wanted:
            return None
        subject = thing.lemma_.lower()
    else:
        subject = names.at(thing) or _plain_name(thing, names)
    if not subject or _who_key(subject, names) == _who_key(doer, names):
        return None
    key = _who_key(doer, names)
    if doer_token is not None:  # the claim is the doer's name, so a state on the verb keeps its own span
        phrase = doer_token.doc[doer_token.left_edge.i:doer_token.i + 1]
        named = [t for t in phrase if names.at(t)] or [doer_token]
        start, end = named[0].idx, named[-1].idx + len(named[-1].text)
    return start, end, {"holder": subject, "shown": doer, "facets": f"{agent['attribute']}:{key}",
                        "excludes": f"{agent['attribute']}:*", "follows": ""}


def _doer_by(verb: Token, names) -> tuple[str, Token | None]:
    """The `by` agent of a passive verb ("acquired by X")."""
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return (names.at(objects[0]) or _plain_name(objects[0], names)), objects[0]
    return "", None


def check_speaker(doc: Doc, start: int, end: int, parts: dict[str, str]):
    """Who said a quotation: the subject of the speech verb the quote hangs on. The claim is the
    verb ("said"), its subject the quoted words, its value the speaker."""
    if not doc.has_annotation("DEP"):
        return None
    span = _span(doc, start, end)
    if span is None:
        return None
    verbs = set(model()["speech"]["verbs"])
    sentence = span.sent
    names = _names(doc)
    for token in sentence:
        if span.start <= token.i < span.end or token.lemma_.lower() not in verbs or token.pos_ != "VERB":
            continue
        speaker, _ = _doer(token, names)
        if not speaker or speaker not in names.persons:
            continue
        words = re.findall(r"[a-z0-9']+", text_of(doc)[start + 1:end - 1].lower().replace("’", "'"))
        if len(words) < 5:
            return None
        return token.idx, token.idx + len(token.text), {
            "holder": "“" + " ".join(words[:12]) + "”", "shown": speaker,
            "facets": f"speaker:{_who_key(speaker, names)}", "excludes": "speaker:*", "follows": ""}
    return None


def check_base(doc: Doc, start: int, end: int, parts: dict[str, str]):
    """Where an organisation is based: "X, which is based in Leeds" / "the company, headquartered in ..."."""
    if not doc.has_annotation("DEP"):
        return None
    span = _span(doc, start, end)
    place = parts.get("place", "")
    at = text_of(doc).find(place, start)
    if span is None or not place or at < 0:
        return None
    names = _names(doc)
    holder = holder_of(span[0], names, span)
    found = {"holder": holder} if holder and _key(holder) != _key(place) else {}  # else subjects.py looks around the words
    return at, at + len(place), {**found, "shown": place, "facets": f"headquarters:{_key(place)}",
                                 "excludes": "headquarters:*", "follows": ""}


def check_region(doc: Doc, start: int, end: int, parts: dict[str, str]):
    """"Carver Falls, Ohio": a place and the region the writer puts it in, both places to the tagger;
    a list ("Leeds, York and Hull") is not a place and its region."""
    town, region = parts.get("town", ""), parts.get("region", "")
    text = text_of(doc)
    at = text.find(region, start + len(town))
    if not doc.has_annotation("ENT_IOB") or at < 0:
        return None
    if re.match(r"\s*(?:,\s*[A-Z]|and\b|or\b)", text[at + len(region):at + len(region) + 6]):
        return None
    town_span, region_span = _span(doc, start, start + len(town)), _span(doc, at, at + len(region))
    if town_span is None or region_span is None:
        return None
    if not all(t.ent_type_ == "GPE" for t in region_span) or not all(t.pos_ == "PROPN" for t in town_span):
        return None
    if doc.has_annotation("DEP") and not (region_span.root.dep_ == "appos" and region_span.root.head in town_span):
        return None
    if any(t.ent_iob_ == "I" for t in region_span[:1]):
        return None  # one name ("Washington, D.C." read as one place)
    return at, at + len(region), {"holder": town, "shown": region, "facets": f"region:{_key(region)}",
                                  "excludes": "region:*", "follows": ""}


_OPPOSITE = {"north": "south", "south": "north", "east": "west", "west": "east"}


def check_direction(doc: Doc, start: int, end: int, parts: dict[str, str]):
    """"two miles north of the town": the direction of something from a named place."""
    text = text_of(doc)
    if re.search(r"\bthe\s+$", text[max(0, start - 5):start], re.I):
        return None  # "the north of England" is a region, not a direction
    direction = parts.get("dir", "").lower()
    span = _span(doc, start, end)
    if span is None:
        return None
    if not doc.has_annotation("DEP"):
        return None
    names = _names(doc)
    references = [g for c in span[0].children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if not references:
        return None
    reference = references[0]
    if not (names.at(reference) or reference.lemma_.lower() in model()["place"]["place_nouns"]):
        return None
    place = phrase_of(reference, names) or reference.lemma_.lower()  # "the town" with no town named before
    points = {p for p in _OPPOSITE if p in direction}
    excludes = [f"direction:{d}" for d in model()["place"]["directions"] if any(_OPPOSITE[p] in d for p in points)]
    stop = start + len(parts.get("dir", ""))
    return start, stop, {"holder": place, "shown": direction, "facets": f"direction:{direction}",
                         "excludes": "|".join(excludes), "follows": ""}


def _checks() -> dict:
    """Each generated pattern's check, with the family, state or predicate it asserts bound in."""
    data = model()
    out = {"role_title": check_role_title, "speaker": check_speaker, "base": check_base, "region": check_region,
           "direction": check_direction}
    for family in data["family"]:
        for state in family["states"]:
            out[f"state|{family['name']}|{state['state']}"] = partial(check_state, family=family["name"], state=state["state"])
    for predicate in data["predicate"]:
        out[f"polarity|{predicate['name']}"] = partial(check_polarity, name=predicate["name"])
    for agent in data["agent"]:
        out[f"agent|{agent['attribute']}"] = partial(check_agent, attribute=agent["attribute"])
    return out


STATE_CHECKS = _checks()
