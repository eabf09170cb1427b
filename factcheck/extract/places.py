"""Who and where, read from the parse: the doer of an act on a named thing (who bought whom, who
leads an inquiry), the speaker of a quotation, where an organisation is based, the region a place is
put in, and the direction of something from a place. Each is a one-valued fact: two different doers
or places of one thing conflict ("family:*" in `excludes`), a name given in fewer words agrees.
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names.py imports the component, which imports this module: types only here
    from factcheck.extract.measures import Accepted
    from factcheck.extract.names import DocNames

from spacy.tokens import Doc

from factcheck.extract.surface import text_of
from factcheck.extract.words import (
    doc_names,
    doer_by,
    doer_of,
    holder_of,
    model,
    negated,
    phrase_of,
    plain_name,
    span_of,
    text_key,
)


def _who_key(name: str, names: DocNames) -> str:
    """A doer or speaker as a key; model.facets_agree takes a shorter name inside a longer one as the
    same ("Harlow" = "Harlow Foods", "Brandt" = "Tom Brandt")."""
    return text_key(name)


def check_agent(doc: Doc, start: int, end: int, parts: dict[str, str], attribute: str) -> Accepted | None:
    """Who did it: the doer of an act on a named thing ("X agreed to buy Y", "Y was acquired by X")."""
    if not doc.has_annotation("DEP"):
        return None
    span = span_of(doc, start, end)
    if span is None:
        return None
    agent = next(a for a in model()["agent"] if a["attribute"] == attribute)
    names = doc_names(doc)
    verb = span.root
    if verb.pos_ == "NOUN":  # "Harlow Foods' purchase of Pemberton Dairy"
        objects = [
            g for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
        ]
        owners = [c for c in verb.children if c.dep_ == "poss"]
        thing = objects[0] if objects else None
        doer, doer_token = ((names.at(owners[0]) or plain_name(owners[0], names)), owners[0]) if owners else ("", None)
    else:
        if verb.pos_ != "VERB":
            return None
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        thing = passive[0] if passive else objects[0] if objects else None
        if thing is None and verb.dep_ == "xcomp":  # "Y agreed to be acquired by X"
            thing = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            doer, doer_token = doer_by(verb, names)
        elif thing is None and verb.dep_ == "acl":  # "the walkout, organised by X"
            thing = verb.head
            doer, doer_token = doer_by(verb, names)
        else:
            doer, doer_token = doer_of(verb, names) if not passive else doer_by(verb, names)
    if thing is not None and thing.lower_ in ("which", "that", "who") and verb.dep_ == "relcl":
        thing = verb.head  # "Acme, which is owned by X"
    if thing is None or not doer:
        return None
    wanted = agent.get("objects")
    if wanted:
        if thing.lemma_.lower() not in wanted:
            return None
        subject = agent.get("theme") or thing.lemma_.lower()
    else:
        subject = names.at(thing) or plain_name(thing, names)
    if not subject or _who_key(subject, names) == _who_key(doer, names):
        return None
    key = _who_key(doer, names)
    denied = verb.pos_ == "VERB" and negated(verb)  # "it was not leading the investigation"
    if doer_token is not None:  # the claim is the doer's name, so a state on the verb keeps its own span
        phrase = doer_token.doc[doer_token.left_edge.i : doer_token.i + 1]
        named = [t for t in phrase if names.at(t)] or [doer_token]
        start, end = named[0].idx, named[-1].idx + len(named[-1].text)
    return (
        start,
        end,
        {
            "holder": subject,
            "shown": f"not {doer}" if denied else doer,
            "facets": f"{agent['attribute']}:{'not ' if denied else ''}{key}",
            "excludes": f"{agent['attribute']}:{key}" if denied else f"{agent['attribute']}:*",
            "follows": "",
        },
    )


QUOTE_WORDS = 4
"""Words a quotation needs before who said it is a fact: shorter ones ("We are devastated") are said
by many people in one story."""


def check_speaker(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    """Who said a quotation: the subject of the speech verb the quote hangs on. The claim is the
    verb ("said"), its subject the quoted words, its value the speaker."""
    if not doc.has_annotation("DEP"):
        return None
    span = span_of(doc, start, end)
    if span is None:
        return None
    verbs = set(model()["speech"]["verbs"])
    sentence = span.sent
    names = doc_names(doc)
    for token in sentence:
        if span.start <= token.i < span.end or token.lemma_.lower() not in verbs or token.pos_ != "VERB":
            continue
        speaker, _ = doer_of(token, names)
        person = next(
            (p for p in sorted(names.persons, key=len, reverse=True) if speaker == p or speaker.endswith(" " + p)), ""
        )
        if not person:
            continue  # "Detective Inspector Ana Ruiz": the person the titled name ends with
        speaker = person
        words = re.findall(r"[a-z0-9']+", text_of(doc)[start + 1 : end - 1].lower().replace("’", "'"))
        if len(words) < QUOTE_WORDS:
            return None
        return (
            token.idx,
            token.idx + len(token.text),
            {
                "holder": "“" + " ".join(words[:12]) + "”",
                "shown": speaker,
                "facets": f"speaker:{_who_key(speaker, names)}",
                "excludes": "speaker:*",
                "follows": "",
            },
        )
    return None


def check_base(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    """Where an organisation is based: "X, which is based in Leeds" / "the company, headquartered in ..."."""
    if not doc.has_annotation("DEP"):
        return None
    span = span_of(doc, start, end)
    place = parts.get("place", "")
    at = text_of(doc).find(place, start)
    if span is None or not place or at < 0:
        return None
    names = doc_names(doc)
    holder = holder_of(span[0], names, span)
    found = (
        {"holder": holder} if holder and text_key(holder) != text_key(place) else {}
    )  # else subjects.py looks around the words
    return (
        at,
        at + len(place),
        {
            **found,
            "shown": place,
            "facets": f"headquarters:{text_key(place)}",
            "excludes": "headquarters:*",
            "follows": "",
        },
    )


def check_region(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    """ "Carver Falls, Ohio": a place and the region the writer puts it in, both places to the tagger;
    a list ("Leeds, York and Hull") is not a place and its region."""
    town, region = parts.get("town", ""), parts.get("region", "")
    text = text_of(doc)
    at = text.find(region, start + len(town))
    if not doc.has_annotation("ENT_IOB") or at < 0:
        return None
    if re.match(r"\s*(?:,\s*[A-Z]|and\b|or\b)", text[at + len(region) : at + len(region) + 6]):
        return None
    town_span, region_span = span_of(doc, start, start + len(town)), span_of(doc, at, at + len(region))
    if town_span is None or region_span is None:
        return None
    if _DATELINE.match(text, at + len(region)) and town.isupper() and (start == 0 or text[start - 1] == "\n"):
        # a dateline ("LAKEPORT, Ohio - The council ..."): the wire's own statement of the region
        return at, at + len(region), _region_pieces(town.title(), region)
    if not all(t.ent_type_ == "GPE" for t in region_span):
        return None
    if doc.has_annotation("DEP") and not (region_span.root.dep_ == "appos" and region_span.root.head in town_span):
        return None
    if any(t.ent_iob_ == "I" for t in region_span[:1]):
        return None  # one name ("Washington, D.C." read as one place)
    return at, at + len(region), _region_pieces(town, region)


_DATELINE = re.compile(r"\s*(?:\([^)\n]{1,40}\)\s*)?[-–—]\s")
"""What ends a dateline after its region: "LAKEPORT, Ohio (AP) - "."""


def _region_pieces(town: str, region: str) -> dict[str, str]:
    return {
        "holder": town,
        "shown": region,
        "facets": f"region:{text_key(region)}",
        "excludes": "region:*",
        "follows": "",
    }


_OPPOSITE = {"north": "south", "south": "north", "east": "west", "west": "east"}


def check_direction(doc: Doc, start: int, end: int, parts: dict[str, str]) -> Accepted | None:
    """ "two miles north of the town": the direction of something from a named place."""
    text = text_of(doc)
    if re.search(r"\bthe\s+$", text[max(0, start - 5) : start], re.I):
        return None  # "the north of England" is a region, not a direction
    direction = parts.get("dir", "").lower()
    span = span_of(doc, start, end)
    if span is None:
        return None
    if not doc.has_annotation("DEP"):
        return None
    names = doc_names(doc)
    references = [
        g for c in span[0].children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
    ]
    if not references:
        return None
    reference = references[0]
    if not (names.at(reference) or reference.lemma_.lower() in model()["place"]["place_nouns"]):
        return None
    place = phrase_of(reference, names) or reference.lemma_.lower()  # "the town" with no town named before
    points = {p for p in _OPPOSITE if p in direction}
    excludes = [f"direction:{d}" for d in model()["place"]["directions"] if any(_OPPOSITE[p] in d for p in points)]
    stop = start + len(parts.get("dir", ""))
    return (
        start,
        stop,
        {
            "holder": place,
            "shown": direction,
            "facets": f"direction:{direction}",
            "excludes": "|".join(excludes),
            "follows": "",
        },
    )


def place_checks() -> dict:
    """The who-and-where checks by the name patterns give them; agent checks carry their attribute."""
    out = {"speaker": check_speaker, "base": check_base, "region": check_region, "direction": check_direction}
    for agent in model()["agent"]:
        out[f"agent|{agent['attribute']}"] = partial(check_agent, attribute=agent["attribute"])
    return out
