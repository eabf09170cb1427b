"""What a value measures, in canonical form: from the head noun, the verb, a benchmark name,
or the synonym and verb tables in attributes.toml."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from factcheck.extract.component import ValueMatch, text_of
from factcheck.extract.names import DocNames

_BENCHMARK_NAME = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+){0,5}?(?:[A-Z][\w'’.-]*(?:Index|Bench|Exam|Benchmark|Arena|Leaderboard|Eval|QA)\b|"
    r"(?:Index|Bench|Exam|Benchmark|Arena|Leaderboard|Test)\b)(?:\s+(?:v?\d[\w.]*|Hard|Diamond|Verified|Pro|Reasoning|Research))*"
)

_ON_NAME = re.compile(
    r"^\s*(?:points?\s+)?(?:on|in)\s+(?:the\s+)?(?P<name>[A-Z][\w'’.-]*(?:\s+(?:[A-Z0-9][\w'’.-]*|v\d[\w.]*))*)"
)

_VERSION_SUFFIX = re.compile(r"\s+v?\d+(?:\.\d+)*$")


@lru_cache(maxsize=1)
def _attribute_tables() -> dict:
    return tomllib.loads(resources.files("factcheck.extract").joinpath("attributes.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def attribute_verbs() -> dict[str, str]:
    """Verbs that say what a figure measures ("paid" -> deal value, "killed" -> deaths)."""
    return {verb: canonical for canonical, verbs in _attribute_tables()["verbs"].items() for verb in verbs}


@lru_cache(maxsize=1)
def attribute_synonyms() -> dict[str, str]:
    return {
        word: canonical for canonical, words in _attribute_tables()["synonyms"].items() for word in [canonical, *words]
    }


_DIRECTION_WORDS = frozenset(_attribute_tables()["direction_words"]["words"])


def canonical(word: str) -> str:
    word = word.lower().strip()
    return attribute_synonyms().get(word, word)


def _benchmark_after(doc: Doc, end: int) -> str:
    match = _ON_NAME.match(text_of(doc)[end : end + 90])
    return _benchmark_name(match.group("name")) if match else ""


def _benchmark_name(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip(" .,;:"))
    return _VERSION_SUFFIX.sub("", name).strip()


def _benchmark_in(sentence: Span) -> str:
    match = _BENCHMARK_NAME.search(sentence.text)
    return _benchmark_name(match.group(0)) if match else ""


def find_attribute(
    doc: Doc, span: Span, sentence: Span, match: ValueMatch, names: DocNames | None = None
) -> tuple[str, str]:
    kind = match.kind
    parts = dict(match.parts)
    if match.table_attribute:
        return match.table_attribute, match.table_attribute
    if kind == "age":
        return "age", span.text
    if kind == "status":
        return parts.get("family", "status"), span.text
    if kind == "role":
        org = parts.get("org", "").strip()
        if not org:
            before = re.search(
                r"(?P<o>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})['’]s\s+(?:[\w-]+\s+){0,3}$",
                text_of(doc)[max(0, match.start - 60) : match.start],
            )
            after = re.match(
                r"\s+(?:of|at)\s+(?:the\s+)?(?P<o>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})",
                text_of(doc)[match.end : match.end + 60],
            )
            org = found.group("o") if (found := before or after) else ""
        return (f"role at {org}" if org else "role"), span.text
    if kind == "score":
        bench = _benchmark_after(doc, match.end) or _benchmark_in(sentence)
        return (f"score on {bench}", bench) if bench else ("score", span.text)
    if kind == "rank":
        if "noun" in parts:  # release order: "its first proprietary AI model"
            noun = parts["noun"].strip().lower()
            return f"order among {noun}", f"{parts.get('ord', '')} {noun}"
        if parts.get("sup"):
            return f"rank by {parts['sup'].lower()}", span.text
        bench = _benchmark_after(doc, match.end) or _benchmark_in(sentence)
        return (f"rank on {bench}", bench) if bench else ("rank", span.text)
    if kind == "count":
        noun = parts.get("noun", "")
        tail = text_of(doc)[match.start : match.end]
        words = re.findall(r"[A-Za-z][\w-]*", tail)
        keep = [w.lower() for w in words[-3:] if w.lower() not in _COUNT_NOISE]
        phrase = " ".join(keep[-2:]) if keep else noun
        event = _count_event(span)
        if event:
            return event, phrase
        per = re.match(r"\s+(per|a|each)\s+(day|week|month|year)\b", text_of(doc)[match.end : match.end + 20])
        if per:
            phrase = f"{phrase} per {per.group(2)}"
        return canonical(phrase), phrase
    if kind == "multiplier":
        following = text_of(doc)[match.end : match.end + 60]
        tail_words = re.findall(r"[A-Za-z][\w-]*", span.text)
        words = [w for w in tail_words + re.findall(r"[A-Za-z][\w-]*", following)[:4]]
        content = [
            w
            for w in words
            if w.lower() not in _DIRECTION_WORDS
            and w.lower()
            not in (
                "x",
                "times",
                "an",
                "order",
                "orders",
                "of",
                "magnitude",
                "over",
                "more",
                "than",
                "about",
                "roughly",
                "nearly",
                "to",
                "in",
                "on",
                "with",
                "and",
                "its",
                "from",
                "that",
            )
        ]
        content = [
            w
            for w in content
            if not re.fullmatch(r"(?i)one|two|three|four|five|six|seven|eight|nine|ten|twice|\d[\d.,]*", w)
        ]
        comparative = (dict(match.parts).get("dir") or "").lower()
        dimension = _COMPARATIVE_DIMENSIONS.get(comparative)
        head = dimension or (content[0].lower() if content else "factor")
        attribute = canonical(head)
        baseline = _baseline(sentence, match.start - sentence.start_char)
        if baseline:
            attribute += f" vs {baseline}"
        return attribute, " ".join(words[:5])
    if kind == "date":
        return _date_attribute(doc, span, sentence)
    if kind == "duration":
        possessed = possessed_noun(span)
        if possessed is not None:
            return f"duration of {canonical(possessed.lemma_.lower())}", possessed.text
        verb = _governing(span)
        lemma = verb.lemma_.lower() if verb is not None else "period"
        return f"duration of {canonical(lemma)}", verb.text if verb is not None else span.text
    # money, percent: "$40 million in damage", the noun the value modifies, or the verb it completes
    in_noun = re.match(
        r"\s+(?:in|of)\s+(?P<noun>damages?|losses|revenue|sales|funding|profits?|costs?|fines?|aid|savings|debt)\b",
        text_of(doc)[match.end : match.end + 30],
    )
    if in_noun:
        return canonical(in_noun.group("noun")), in_noun.group("noun")
    if kind == "money" and (maker := costing_verb(span)) is not None:
        return "cost", maker.text  # "the probe, which the agency built for $90 million"
    head = _value_head(span)
    measured = _measured_subject(head, names) if head is not None and head.pos_ in ("VERB", "AUX") else ""
    if measured and head is not None:
        # "revenue climbed 18% to $12.4 billion": the percent is the revenue's rise, the money its level
        change = _change_verb(head)
        if kind == "percent" and change:
            return f"{measured} {change}", f"{measured} {head.text}"
        return measured, measured
    if head is not None and head.pos_ in ("VERB", "AUX"):
        objects = [
            c for c in head.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and not (span.start <= c.i < span.end)
        ]
        if objects:  # "put the damage at $40M"
            return canonical(objects[0].lemma_.lower()), objects[0].text
        if head.lemma_.lower() in attribute_verbs():
            return attribute_verbs()[head.lemma_.lower()], head.text
    if head is not None and kind == "percent" and head.lemma_.lower() == "share":
        # "a 60% share of the market" is a share of something, not a stock price
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        objects = [t for t in of.children if t.dep_ == "pobj"] if of is not None else []
        return (f"share of {canonical(objects[0].lemma_.lower())}" if objects else "share"), head.text
    if head is not None:
        if kind == "percent" and any(c.dep_ == "prep" and c.lower_ == "of" for c in span.root.children):
            of = next(c for c in span.root.children if c.dep_ == "prep" and c.lower_ == "of")
            objects = [t for t in of.children if t.dep_ == "pobj"]
            if objects:
                return f"share of {canonical(objects[0].lemma_)}", f"of {objects[0].text}"
        word = head.lemma_.lower() if head.pos_ in ("NOUN", "PROPN", "VERB") else head.lower_
        compounds = [c.lower_ for c in head.children if c.dep_ == "compound" and c.i > span.end - 1]
        phrase = " ".join(compounds + [word])
        return canonical(phrase) if canonical(phrase) != phrase else canonical(word), head.text
    return kind, span.text


_BASELINE = re.compile(
    r"\b(?:over|than|vs\.?|versus|compared (?:with|to)|exceeding|matching|reaching|match)\s+"
    r"(?P<b>[A-Z][\w.-]*(?:\s+[A-Z0-9][\w.-]*)*)"
)

_COUNT_NOISE = frozenset(_attribute_tables()["count_noise"]["words"])

_COMPARATIVE_DIMENSIONS = dict(_attribute_tables()["comparative_dimensions"])


def _baseline(sentence: Span, offset: int) -> str:
    """The comparison point of a multiplier: the named baseline nearest to the value."""
    found = [(abs(m.start() - offset), re.sub(r"['’]s$", "", m.group("b"))) for m in _BASELINE.finditer(sentence.text)]
    return min(found)[1] if found else ""


def possessed_noun(span: Span) -> Token | None:
    """ "For three years, Acme's strategy was simple": how long the possessed thing lasted.

    Only for a duration that modifies a verb ("for N years" on the clause), never one inside a
    noun phrase ("its first product in a year")."""
    doc = span.doc
    if not doc.has_annotation("DEP"):
        return None
    root = span.root
    preposition = root.head if root.dep_ == "pobj" else None
    if preposition is None or preposition.dep_ != "prep" or preposition.head.pos_ not in ("VERB", "AUX"):
        return None
    for token in preposition.head.subtree:
        if (
            token.pos_ == "NOUN"
            and not (span.start <= token.i < span.end)
            and any(c.dep_ == "poss" for c in token.children)
        ):
            return token
    return None


_PERIOD_WORDS = frozenset(_attribute_tables()["period_words"]["words"])

_LEVEL_VERBS = frozenset(_attribute_tables()["level_verbs"]["words"])


def _measured_subject(verb: Token, names: DocNames | None = None) -> str:
    """What a change or level verb measures: its subject noun ("net income rose 25%" -> net income).
    Names are subjects, not measures, so they are left to the subject finder."""
    if verb.lemma_.lower() not in _LEVEL_VERBS:
        return ""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].pos_ != "NOUN":
        return ""
    noun = subjects[0]
    modifiers = [
        c.lower_
        for c in noun.children
        if c.dep_ in ("compound", "amod")
        and c.i < noun.i
        and c.pos_ in ("NOUN", "ADJ")
        and not _is_name_word(c, names)
        and not re.search(r"\d", c.text)
        and c.lower_ not in _PERIOD_WORDS
    ]
    phrase = " ".join(modifiers[-1:] + [noun.lemma_.lower()])
    return (
        canonical(phrase)
        if canonical(phrase) != phrase
        else canonical(noun.lemma_.lower())
        if not modifiers
        else phrase
    )


def _is_name_word(token: Token, names: DocNames | None) -> bool:
    """'Northwind' in "Northwind shares rose" is a name even where the tagger calls it a noun."""
    if token.text[:1].islower():
        return False
    if not token.is_sent_start or token.ent_type_:
        return True
    known = names.names if names is not None else []
    return any(name.split()[:1] == [token.text] for name in known)


def _change_verb(verb: Token) -> str:
    """rise/fall for verbs of change, including "closed up 7%" and "ended down 3%"."""
    word = canonical(verb.lemma_.lower())
    if word in ("rise", "fall"):
        return word
    particle = next((c.lower_ for c in verb.children if c.lower_ in ("up", "down", "higher", "lower")), "")
    if verb.lemma_.lower() in ("close", "end", "finish", "trade") and particle:
        return "rise" if particle in ("up", "higher") else "fall"
    return ""


def _count_event(span: Span) -> str:
    """ "killed 12 workers", "12 people died", "employs 1,200 people": the verb says what is counted."""
    if not span.doc.has_annotation("DEP"):
        return ""
    token = span.root
    for _ in range(4):
        verb = attribute_verbs().get(token.lemma_.lower()) if token.pos_ in ("VERB", "AUX") else None
        if verb:
            return verb
        if token.head.i == token.i or token.pos_ in ("VERB", "AUX"):
            break  # the nearest verb says it ("six were taken to hospital", not the "injured" it is joined to)
        token = token.head
    return ""


def _value_head(span: Span) -> Token | None:
    if not span.doc.has_annotation("DEP"):
        after = span.doc[span.end : span.end + 2]
        return next((t for t in after if t.is_alpha and not t.is_stop), None)
    root = span.root
    # "$2.4 billion deal": the value modifies a noun to its right
    head = root.head
    for _ in range(3):
        if head.pos_ in ("NOUN", "PROPN") and head.i >= span.end:
            return head
        if head.pos_ == "ADP" and head.head.i != head.i:  # "a check for $2.4 billion"
            return head.head
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.head.i == head.i:
            break
        head = head.head
    return head


def _governing(span: Span) -> Token | None:
    if not span.doc.has_annotation("DEP"):
        return None
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB",):
            return token
        if token.head.i == token.i:
            return token if token.pos_ in ("VERB", "AUX", "NOUN") else None
        token = token.head
    return None


DATE_EVENTS = frozenset(_attribute_tables()["date_events"]["words"])
COST_VERBS = frozenset(_attribute_tables()["cost_verbs"]["words"])


def costing_verb(span: Span) -> Token | None:
    """The verb whose "for" the money completes when that verb makes something ("built for $90
    million"): the figure is what the making cost."""
    root = span.root
    prep = root.head if root.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "for" or prep.head.pos_ != "VERB":
        return None
    return prep.head if prep.head.lemma_.lower() in COST_VERBS else None


def _date_attribute(doc: Doc, span: Span, sentence: Span) -> tuple[str, str]:
    if not doc.has_annotation("DEP"):
        return "date", span.text
    token = span.root
    for _ in range(5):
        lemma = token.lemma_.lower()
        if lemma in DATE_EVENTS:
            return f"{canonical(lemma)} date", token.text
        if token.head.i == token.i or token.pos_ in ("VERB", "AUX"):
            break  # the verb a date hangs on names its event ("trying to establish why the trains collided on Friday")
        token = token.head
    return "date", span.text
