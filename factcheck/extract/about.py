"""What a value is about: its subject (from the parse) and its attribute (from the head noun or
predicate), plus the explicit time expression that scopes it.

Subjects come from syntax in this order: apposition ("Okafor, the 31-year-old ..."), possessor
("Acme's ~60%"), the phrase the value attaches to ("the score of X", table headers), the
subject of the governing verb (pronouns resolved to the last subject named), and only then the
nearest name before the value, with a lower confidence.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from factcheck.extract.component import ValueMatch, text_of

PLACEMENT_VERBS = {"place", "put", "rank", "rate", "list", "score", "position", "name"}
NAME_LABELS = {"PERSON", "ORG", "PRODUCT", "GPE", "WORK_OF_ART", "EVENT", "FAC", "NORP", "LAW"}
PRONOUNS = {"it", "its", "they", "their", "he", "his", "she", "her", "the company", "the model",
            "the firm", "the group", "the startup", "this", "that"}
_BENCHMARK_NAME = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+){0,5}?(?:[A-Z][\w'’.-]*(?:Index|Bench|Exam|Benchmark|Arena|Leaderboard|Eval|QA)\b|"
    r"(?:Index|Bench|Exam|Benchmark|Arena|Leaderboard|Test)\b)(?:\s+(?:v?\d[\w.]*|Hard|Diamond|Verified|Pro|Reasoning|Research))*")
_ON_NAME = re.compile(r"^\s*(?:points?\s+)?(?:on|in)\s+(?:the\s+)?(?P<name>[A-Z][\w'’.-]*(?:\s+(?:[A-Z0-9][\w'’.-]*|v\d[\w.]*))*)")
_VERSION_SUFFIX = re.compile(r"\s+v?\d+(?:\.\d+)*$")
_DIRECTION_WORDS = {"less", "fewer", "more", "faster", "slower", "cheaper", "smaller", "larger", "bigger",
                    "higher", "lower", "greater", "better", "training", "inference", "the", "a", "an", "+",
                    "improvement", "increase", "efficiency", "gain", "reduction", "boost"}


@lru_cache(maxsize=1)
def _attribute_tables() -> dict:
    return tomllib.loads(resources.files("factcheck.extract").joinpath("attributes.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def attribute_verbs() -> dict[str, str]:
    """Verbs that say what a figure measures ("paid" -> deal value, "killed" -> deaths)."""
    return {verb: canonical for canonical, verbs in _attribute_tables()["verbs"].items() for verb in verbs}


@lru_cache(maxsize=1)
def attribute_synonyms() -> dict[str, str]:
    return {word: canonical for canonical, words in _attribute_tables()["synonyms"].items() for word in [canonical, *words]}


@dataclass(frozen=True)
class About:
    subject: str
    attribute: str
    attribute_words: str
    confidence: float
    sentence_start: int
    sentence_end: int
    time_text: str
    role: str


class DocNames:
    """Names in one article, with short later mentions resolved to the full name ("Okafor")."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.by_token: dict[int, str] = {}
        headlines = _headline_lines(text_of(doc))
        for ent in doc.ents:
            if len(ent) > 2 and any(a <= ent.start_char < b for a, b in headlines):
                continue
            if ent.label_ in NAME_LABELS:
                text = _clean_name(ent.text)
                for tok in ent:
                    self.by_token[tok.i] = text
        for run in _proper_runs(doc):
            text = _clean_name(run.text)
            if not text or (len(run) > 2 and any(a <= run.start_char < b for a, b in headlines)):
                continue  # "Acme Abandons Widgets for ..." is a title-case headline, not a name
            for tok in run:
                current = self.by_token.get(tok.i)
                if current is None or len(text) > len(current):
                    self.by_token[tok.i] = text
        labels: dict[str, Counter[str]] = defaultdict(Counter)
        for ent in doc.ents:
            labels[_clean_name(ent.text)][ent.label_] += 1
        # a name the tagger calls a person more often than anything else
        self.persons = {name for name, count in labels.items() if name and count.most_common(1)[0][0] == "PERSON"}
        first_seen: dict[str, int] = {}
        for i, name in sorted(self.by_token.items()):
            first_seen.setdefault(name, i)
        self.names = sorted(first_seen)
        self.aliases = _aliases(self.names, first_seen, self.persons)
        self.persons |= {self.aliases.get(p, p) for p in self.persons}
        self.last_subject = ""
        self.last_person = ""
        self.sentence_subjects = self._sentence_subjects(doc)

    def _sentence_subjects(self, doc: Doc) -> list[tuple[int, str]]:
        """(sentence start, name) for each sentence whose grammatical subject is a name."""
        found = []
        if not doc.has_annotation("DEP"):
            return found
        for sentence in doc.sents:
            for token in sentence:
                if token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
                    if any(t.lower_ in ("its", "their", "his", "her") for t in token.subtree):
                        break  # "Its mode runs ...": still about the previous subject
                    name = _name_in_phrase(token, self)
                    if name:
                        found.append((sentence.start_char, name))
                    break
        return found

    def remember(self, subject: str, confidence: float) -> None:
        """Pronouns later in the article resolve to the last confidently found subject."""
        if not subject or confidence < 0.75:
            return
        if subject in self.persons:
            self.last_person = subject
        else:
            self.last_subject = subject

    def resolve_pronoun(self, pronoun: str, before: int | None = None) -> str:
        """'it'/'the model' -> the last sentence subject; 'he'/'she' -> the last person."""
        person = pronoun.lower() in ("he", "his", "she", "her", "him")
        if before is not None:
            # the small model's person tags are noisy, so only "he"/"she" insist on a person
            earlier = [name for start, name in self.sentence_subjects if start < before]
            for name in reversed(earlier):
                if not person or name in self.persons:
                    return name
        return self.last_person if person else self.last_subject

    def at(self, token: Token | None) -> str:
        if token is None:
            return ""
        name = self.by_token.get(token.i, "")
        return self.aliases.get(name, name)


_TITLES = re.compile(r"^(?:(?:former|ex-|then-|first|new)\s+)?(?:Chief\s+\w+\s+Officer|Chief\s+Executive|CEO|CTO|CFO|COO|"
                     r"President|Chairman|Chairwoman|Owner|Founder|Co-founder|Director|Spokesperson|Spokesman|"
                     r"Spokeswoman|Mayor|Governor|Senator|Minister|Judge|Coach|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?|"
                     r"Sen\.?|Gov\.?|Rep\.?)\s+", re.I)


_CALENDAR_WORDS = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
                             r"April|May|June|July|August|September|October|November|December|Today|Yesterday)"
                             r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?", re.I)


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Lines in Title Case (most words capitalised): their capitals do not mark names."""
    spans, position = [], 0
    for line in text.split("\n"):
        words = re.findall(r"[A-Za-z][\w'’-]*", line)
        if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words):
            spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def _clean_name(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    text = _TITLES.sub("", text)
    text = re.sub(r"\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))$", "", text, flags=re.I)
    text = re.sub(r"(?:'s|’s|')$", "", text).strip(" .,:;()\"“”")
    if _CALENDAR_WORDS.fullmatch(text):
        return ""
    return text if re.match(r"[A-Za-z]", text) and len(text) > 1 else ""


def _proper_runs(doc: Doc):
    start = None
    for tok in doc:
        named = (tok.pos_ == "PROPN" or (tok.text[:1].isupper() and any(c.isdigit() for c in tok.text))) and not tok.is_sent_start or (
            tok.pos_ == "PROPN" and tok.is_sent_start)
        versioned = start is not None and (tok.like_num or re.fullmatch(r"v?\d+(?:\.\d+)*[A-Za-z]?", tok.text)) and tok.whitespace_ is not None
        if named or (versioned and tok.i - start < 5 and not tok.text.startswith("(")):
            if start is None:
                start = tok.i
        else:
            if start is not None:
                yield doc[start:tok.i]
            start = None
    if start is not None:
        yield doc[start:len(doc)]


def _aliases(names: list[str], first_seen: dict[str, int], persons: set[str]) -> dict[str, str]:
    """'Okafor' -> 'Jane Okafor': a later short mention that ends exactly one earlier, longer name."""
    out: dict[str, str] = {}
    for short in names:
        words = short.split()
        longer = [n for n in names if n != short and len(n.split()) > len(words)
                  and n.split()[-len(words):] == words and first_seen[n] < first_seen[short]]
        if len(longer) == 1:
            out[short] = longer[0]
    return out


def describe(doc: Doc, match: ValueMatch, names: DocNames) -> About | None:
    span = doc.char_span(match.start, match.end, alignment_mode="expand")
    if span is None:
        return None
    sentence = span.sent if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else doc[:]
    if match.table_subject:
        subject, confidence = match.table_subject, 0.85
    elif match.kind == "role" and _holder(span, names):
        subject, confidence = _holder(span, names), 0.85
    elif match.kind == "status" and dict(match.parts).get("family") == "allegation":
        # an allegation is about the accused: "Developers accused Acme of ...", "Allegations ...: Acme had"
        subject, confidence = _nearest_name_before(span, sentence, names, fallback_confidence=0.6)
    elif match.kind == "status" and dict(match.parts).get("family") == "ownership" and _owned(span, names):
        # ownership is about what is owned: "the Acme acquisition", "a stake in Acme", "acquire ... of Acme"
        subject, confidence = _owned(span, names), 0.7
    elif match.kind == "status" and _stated_of(span, names):
        subject, confidence = _stated_of(span, names), 0.7
    else:
        subject, confidence = find_subject(doc, span, sentence, names)
    names.remember(subject, confidence)
    attribute, words = find_attribute(doc, span, sentence, match, names)
    if match.kind == "duration" and not match.table_subject:
        owner = _possessor(span, sentence, names)
        if owner:
            subject, confidence = owner, 0.7
    if match.kind == "date" and not match.table_subject:
        dated = _dated_thing(doc, span, sentence, names)
        if dated:
            subject, confidence = dated, 0.8
    return About(
        subject=subject,
        attribute=attribute,
        attribute_words=words,
        confidence=round(confidence, 2),
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
        time_text=_time_scope(doc, sentence, match),
        role=_role(doc, match),
    )


# ----------------------------------------------------------------------------- subject

def _name_in_phrase(token: Token, names: DocNames) -> str:
    name = names.at(token)
    if name:
        return name
    for child in token.children:
        if child.dep_ in ("compound", "nmod", "amod", "poss") and names.at(child):
            return names.at(child)
    return _name_in_prepositions(token, names, depth=3)


def _name_in_prepositions(token: Token, names: DocNames, depth: int) -> str:
    """"the toll from the fire at the Acme plant": a name a few prepositions down the phrase."""
    if depth == 0:
        return ""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "at", "from", "in", "for", "by"):
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                name = names.at(pobj) or next((names.at(c) for c in pobj.children
                                               if c.dep_ in ("compound", "poss", "nmod") and names.at(c)), "")
                if name:
                    return name
                deeper = _name_in_prepositions(pobj, names, depth - 1)
                if deeper:
                    return deeper
    return ""


def find_subject(doc: Doc, span: Span, sentence: Span, names: DocNames) -> tuple[str, float]:
    if not doc.has_annotation("DEP"):
        return _nearest_name_before(span, sentence, names, fallback_confidence=0.4)
    root = span.root
    # right after a name: "XR-9 (57)", "Falcon 2.1 at 53" comes first, since the parse often hangs
    # a parenthesis on the wrong name; a possessive ("Acme's ~60%") yields to apposition
    # ("Acme's 31-year-old founder, Jane Okafor" is about Okafor)
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
    if inside and span.text.split()[0].lower() in ("place", "places", "placed", "placing", "ranks", "ranked", "put", "puts"):
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
        if verb.lemma_.lower() in PLACEMENT_VERBS:  # "rankings place Acme fourth"
            for child in verb.children:
                if child.dep_ == "dobj" and _name_in_phrase(child, names):
                    return _name_in_phrase(child, names), 0.8
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        for subj in subjects:
            name = _name_in_phrase(subj, names)
            if name:
                return name, 0.8
            phrase = " ".join(t.lower_ for t in subj.subtree)
            if subj.lower_ in PRONOUNS or phrase in PRONOUNS:
                resolved = names.resolve_pronoun(subj.lower_, sentence.start_char)
                if resolved:
                    return resolved, 0.6
        if verb.dep_ in ("relcl", "acl") and _name_in_phrase(verb.head, names):
            return _name_in_phrase(verb.head, names), 0.75
        if verb.dep_ in ("conj", "advcl", "xcomp", "ccomp", "relcl", "acl") and verb.head.i != verb.i:
            verb = verb.head
            continue
        break
    return _nearest_name_before(span, sentence, names, fallback_confidence=0.5)


def _name_just_before(span: Span, names: DocNames, pattern: str) -> str:
    doc = span.doc
    if span.start == 0 or not re.search(pattern, text_of(doc)[max(0, span.start_char - 4):span.start_char]):
        return ""
    k = span.start - 1
    while k > 0 and (doc[k].is_punct or doc[k].lower_ in ("at", "'s", "’s", "~")):
        k -= 1
    return names.at(doc[k])


def _appositive(root: Token, names: DocNames) -> str:
    """"Jane Okafor, the 31-year-old former co-founder": the name the value's phrase is in apposition to."""
    token = root
    for _ in range(8):
        if token.dep_ == "appos" and names.at(token.head):
            return names.at(token.head)
        if token.head.i == token.i:
            break
        token = token.head
    return ""


def _nearest_name_before(span: Span, sentence: Span, names: DocNames, fallback_confidence: float) -> tuple[str, float]:
    for tok in reversed(sentence.doc[sentence.start:span.start]):
        if names.at(tok):
            return names.at(tok), fallback_confidence
    for tok in sentence.doc[span.end:sentence.end]:
        if names.at(tok):
            return names.at(tok), fallback_confidence - 0.1
    return names.last_subject, 0.3 if names.last_subject else 0.0


# ----------------------------------------------------------------------------- attribute

def canonical(word: str) -> str:
    word = word.lower().strip()
    return attribute_synonyms().get(word, word)


def _benchmark_after(doc: Doc, end: int) -> str:
    match = _ON_NAME.match(text_of(doc)[end:end + 90])
    return _benchmark_name(match.group("name")) if match else ""


def _benchmark_name(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip(" .,;:"))
    return _VERSION_SUFFIX.sub("", name).strip()


def _benchmark_in(sentence: Span) -> str:
    match = _BENCHMARK_NAME.search(sentence.text)
    return _benchmark_name(match.group(0)) if match else ""


def find_attribute(doc: Doc, span: Span, sentence: Span, match: ValueMatch, names: DocNames | None = None) -> tuple[str, str]:
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
            before = re.search(r"(?P<o>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})['’]s\s+(?:[\w-]+\s+){0,3}$",
                               text_of(doc)[max(0, match.start - 60):match.start])
            after = re.match(r"\s+(?:of|at)\s+(?:the\s+)?(?P<o>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})",
                             text_of(doc)[match.end:match.end + 60])
            org = (before or after).group("o") if (before or after) else ""
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
        tail = text_of(doc)[match.start:match.end]
        words = re.findall(r"[A-Za-z][\w-]*", tail)
        keep = [w.lower() for w in words[-3:] if w.lower() not in _COUNT_NOISE]
        phrase = " ".join(keep[-2:]) if keep else noun
        event = _count_event(span)
        if event:
            return event, phrase
        per = re.match(r"\s+(per|a|each)\s+(day|week|month|year)\b", text_of(doc)[match.end:match.end + 20])
        if per:
            phrase = f"{phrase} per {per.group(2)}"
        return canonical(phrase), phrase
    if kind == "multiplier":
        after = text_of(doc)[match.end:match.end + 60]
        tail_words = re.findall(r"[A-Za-z][\w-]*", span.text)
        words = [w for w in tail_words + re.findall(r"[A-Za-z][\w-]*", after)[:4]]
        content = [w for w in words if w.lower() not in _DIRECTION_WORDS and w.lower() not in (
            "x", "times", "an", "order", "orders", "of", "magnitude", "over", "more", "than", "about", "roughly", "nearly", "to", "in", "on", "with", "and", "its", "from", "that")]
        content = [w for w in content if not re.fullmatch(r"(?i)one|two|three|four|five|six|seven|eight|nine|ten|twice|\d[\d.,]*", w)]
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
        possessed = _possessed_noun(span)
        if possessed is not None:
            return f"duration of {canonical(possessed.lemma_.lower())}", possessed.text
        verb = _governing(span)
        lemma = verb.lemma_.lower() if verb is not None else "period"
        return f"duration of {canonical(lemma)}", verb.text if verb is not None else span.text
    # money, percent: "$40 million in damage", the noun the value modifies, or the verb it completes
    in_noun = re.match(r"\s+(?:in|of)\s+(?P<noun>damages?|losses|revenue|sales|funding|profits?|costs?|fines?|aid|savings|debt)\b",
                       text_of(doc)[match.end:match.end + 30])
    if in_noun:
        return canonical(in_noun.group("noun")), in_noun.group("noun")
    head = _value_head(span)
    measured = _measured_subject(head, names) if head is not None and head.pos_ in ("VERB", "AUX") else ""
    if measured:
        # "revenue climbed 18% to $12.4 billion": the percent is the revenue's rise, the money its level
        change = _change_verb(head)
        if kind == "percent" and change:
            return f"{measured} {change}", f"{measured} {head.text}"
        return measured, measured
    if head is not None and head.pos_ in ("VERB", "AUX"):
        objects = [c for c in head.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and not (span.start <= c.i < span.end)]
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


_BASELINE = re.compile(r"\b(?:over|than|vs\.?|versus|compared (?:with|to)|exceeding|matching|reaching|match)\s+"
                       r"(?P<b>[A-Z][\w.-]*(?:\s+[A-Z0-9][\w.-]*)*)")


_COUNT_NOISE = {"of", "over", "about", "around", "approximately", "roughly", "nearly", "almost", "some", "more", "than",
                "fewer", "less", "least", "most", "at", "up", "to", "under", "an", "estimated", "just", "thousands",
                "millions", "billions", "hundreds", "million", "billion", "thousand", "dozens", "dozen", "tens", "a",
                "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
_COMPARATIVE_DIMENSIONS = {"faster": "speed", "slower": "speed", "cheaper": "cost", "smaller": "size",
                           "larger": "size", "bigger": "size", "better": "performance"}


def _baseline(sentence: Span, offset: int) -> str:
    """The comparison point of a multiplier: the named baseline nearest to the value."""
    found = [(abs(m.start() - offset), re.sub(r"['’]s$", "", m.group("b"))) for m in _BASELINE.finditer(sentence.text)]
    return min(found)[1] if found else ""


def _possessed_noun(span: Span) -> Token | None:
    """"For three years, Acme's strategy was simple": how long the possessed thing lasted.

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
        if token.pos_ == "NOUN" and not (span.start <= token.i < span.end) \
                and any(c.dep_ == "poss" for c in token.children):
            return token
    return None


_PERIOD_WORDS = {"quarter", "quarterly", "year", "annual", "yearly", "monthly", "month", "week", "weekly", "daily",
                 "first", "second", "third", "fourth", "full", "fiscal", "half"}
_LEVEL_VERBS = {"rise", "fall", "reach", "hit", "total", "stand", "climb", "jump", "grow", "increase", "decrease",
                "drop", "decline", "surge", "soar", "slip", "plunge", "gain", "close", "end", "finish", "come", "be"}


def _measured_subject(verb: Token, names: DocNames | None = None) -> str:
    """What a change or level verb measures: its subject noun ("net income rose 25%" -> net income).
    Names are subjects, not measures, so they are left to the subject finder."""
    if verb.lemma_.lower() not in _LEVEL_VERBS:
        return ""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].pos_ != "NOUN":
        return ""
    noun = subjects[0]
    modifiers = [c.lower_ for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i
                 and c.pos_ in ("NOUN", "ADJ") and not _is_name_word(c, names) and not re.search(r"\d", c.text)
                 and c.lower_ not in _PERIOD_WORDS]
    phrase = " ".join(modifiers[-1:] + [noun.lemma_.lower()])
    return canonical(phrase) if canonical(phrase) != phrase else canonical(noun.lemma_.lower()) if not modifiers else phrase


def _is_name_word(token: Token, names: DocNames | None) -> bool:
    """'Northwind' in "Northwind shares rose" is a name even where the tagger calls it a noun."""
    if token.text[:1].islower():
        return False
    if not token.is_sent_start or token.ent_type_:
        return True
    known = names.names if names is not None else []
    return any(name.split()[0] == token.text for name in known)


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
    """"killed 12 workers", "12 people died", "employs 1,200 people": the verb says what is counted."""
    if not span.doc.has_annotation("DEP"):
        return ""
    token = span.root
    for _ in range(4):
        verb = attribute_verbs().get(token.lemma_.lower()) if token.pos_ in ("VERB", "AUX") else None
        if verb:
            return verb
        if token.head.i == token.i:
            break
        token = token.head
    return ""


def _value_head(span: Span) -> Token | None:
    if not span.doc.has_annotation("DEP"):
        after = span.doc[span.end:span.end + 2]
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


_DATE_EVENTS = {"kill", "release", "launch", "debut", "ship", "unveil", "introduce", "announce", "form", "found",
                "create", "establish", "hire", "appoint", "install", "acquire", "sign", "close", "open",
                "publish", "deploy", "deployment", "die", "bear", "leave", "join", "start", "end"}


def _date_attribute(doc: Doc, span: Span, sentence: Span) -> tuple[str, str]:
    if not doc.has_annotation("DEP"):
        return "date", span.text
    token = span.root
    for _ in range(5):
        lemma = token.lemma_.lower()
        if lemma in _DATE_EVENTS:
            return f"{canonical(lemma)} date", token.text
        if token.head.i == token.i:
            break
        token = token.head
    return "date", span.text


def _possessor(span: Span, sentence: Span, names: DocNames) -> str:
    """Who owns that possessed noun ("Acme's strategy"; "its approach" -> the sentence's subject)."""
    noun = _possessed_noun(span)
    if noun is None:
        return ""
    owner = next(c for c in noun.children if c.dep_ == "poss")
    if owner.lower_ in PRONOUNS:
        return names.resolve_pronoun(owner.lower_, sentence.end_char)
    return names.at(owner)


def _owned(span: Span, names: DocNames) -> str:
    inside = [names.at(t) for t in span if names.at(t)]
    if inside:
        return inside[-1]
    doc = span.doc
    for token in doc[span.end:min(len(doc), span.end + 8)]:
        if token.is_punct and token.text in ".;:":
            break
        if names.at(token):
            return names.at(token)
    return ""


def _stated_of(span: Span, names: DocNames) -> str:
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
            return _name_in_phrase(subject, names) or subject.lemma_.lower()
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return ""


def _holder(span: Span, names: DocNames) -> str:
    """Who holds a title: "its former CEO, Jane Okafor" / "Chief Data Officer Jane Okafor"."""
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


def _dated_thing(doc: Doc, span: Span, sentence: Span, names: DocNames) -> str:
    """What a date dates: the object of its event verb ("when Acme released Widget 4" -> Widget 4)."""
    if not doc.has_annotation("DEP"):
        return ""
    for tok in sentence:
        if tok.lemma_.lower() in _DATE_EVENTS and tok.pos_ == "VERB" and abs(tok.i - span.start) < 12:
            for child in tok.children:
                if child.dep_ in ("dobj", "nsubjpass") and _name_in_phrase(child, names):
                    return _name_in_phrase(child, names)
    return ""


_PERIOD = re.compile(r"\b(?:first|second|third|fourth)[- ]quarter\b|\bQ[1-4]\b|\b(?:first|second) half\b|"
                     r"\bfull[- ]year\b", re.I)


def _time_scope(doc: Doc, sentence: Span, match: ValueMatch) -> str:
    """An explicit month or year in the sentence other than the value: "In June 2025, ..."."""
    if match.kind == "date":
        return ""
    offset = match.start - sentence.start_char
    periods = sorted(_PERIOD.finditer(sentence.text), key=lambda m: abs(m.start() - offset))
    period = periods[0] if periods else None  # the period nearest the value
    if period and not any(o.kind == "date" and sentence.start_char <= o.start < sentence.end_char
                          for o in doc.user_data.get("factcheck_values", [])):
        return period.group(0)  # "In the second quarter, revenue was ..." (year from the publication date)
    for other in doc.user_data.get("factcheck_values", []):
        if other.kind != "date" or other is match or not (sentence.start_char <= other.start < sentence.end_char):
            continue
        parts = dict(other.parts)
        if not (parts.get("y") or parts.get("y2")):
            continue
        opens_sentence = len(text_of(doc)[sentence.start_char:other.start].split()) <= 2
        right_after = 0 <= other.start - match.end <= 30 and "," not in text_of(doc)[match.end:other.start]
        right_before = 0 <= match.start - other.end <= 30  # "since March 2025, when the stock jumped 9%"
        if opens_sentence or right_after or right_before:
            return text_of(doc)[other.start:other.end]
    return ""


def _role(doc: Doc, match: ValueMatch) -> str:
    """"rose from $3 million to $5 million": the two ends of a change are different roles."""
    before = text_of(doc)[max(0, match.start - 6):match.start].lower()
    if re.search(r"\bfrom\s*$", before):
        return "from"
    if re.search(r"\bto\s*$", before) and re.search(r"\bfrom\b", text_of(doc)[max(0, match.start - 60):match.start].lower()):
        return "to"
    return ""
