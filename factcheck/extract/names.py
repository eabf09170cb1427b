"""Names in one article: entities and proper-noun runs, with short later mentions resolved to the
full name ("Lindqvist" -> "Maria Lindqvist") and pronouns to the last sentence subject."""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from factcheck import vocabulary
from factcheck.extract.component import SPAN_KEY, text_of

NAME_LABELS = {"PERSON", "ORG", "PRODUCT", "GPE", "WORK_OF_ART", "EVENT", "FAC", "NORP", "LAW"}

PRONOUNS = {
    "it",
    "its",
    "they",
    "their",
    "he",
    "his",
    "she",
    "her",
    "the company",
    "the model",
    "the firm",
    "the group",
    "the startup",
    "this",
    "that",
}


class DocNames:
    """Names in one article, with short later mentions resolved to the full name ("Lindqvist")."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.by_token: dict[int, str] = {}
        headlines = _headline_lines(text_of(doc))
        for ent in doc.ents:
            if len(ent) > 2 and any(a <= ent.start_char < b for a, b in headlines):
                continue
            text = _clean_name(ent.text)
            if ent.label_ in NAME_LABELS and text:  # "Mr." alone cleans to nothing
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
        for index in _inside_values(doc):  # "GMT" in "0900 GMT", "Richter" in "on the Richter scale"
            self.by_token.pop(index, None)
        for index in [i for i in self.by_token if doc[i].lower_ in _word_list("not_names", "words")]:  # "up 8% QoQ"
            self.by_token.pop(index, None)
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
        found: list[tuple[int, str]] = []
        if not doc.has_annotation("DEP"):
            return found
        for sentence in doc.sents:
            for token in sentence:
                if token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
                    if any(t.lower_ in ("its", "their", "his", "her") for t in token.subtree):
                        break  # "Its mode runs ...": still about the previous subject
                    name = name_in_phrase(token, self)
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


_TITLES = re.compile(
    r"^(?:(?:former|ex-|then-|first|new)\s+)?(?:Chief\s+\w+\s+Officer|Chief\s+Executive|CEO|CTO|CFO|COO|"
    r"President|Chairman|Chairwoman|Owner|Founder|Co-founder|Director|Spokesperson|Spokesman|"
    r"Spokeswoman|Mayor|Governor|Senator|Minister|Judge|Coach|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?|"
    r"Sen\.?|Gov\.?|Rep\.?)\s+",
    re.I,
)

_CALENDAR_WORDS = re.compile(
    "(?:"
    + "|".join((*vocabulary.WEEKDAYS, *vocabulary.MONTH_NAMES, "today", "yesterday"))
    + r")(?:\s+\d{1,2})?(?:,?\s+\d{4})?",
    re.I,
)


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
    text = re.sub(
        r"\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))$",
        "",
        text,
        flags=re.I,
    )
    text = re.sub(r"(?:'s|’s|')$", "", text).strip(' .,:;()"“”')
    if _CALENDAR_WORDS.fullmatch(text):
        return ""
    return text if re.match(r"[A-Za-z]", text) and len(text) > 1 else ""


def _proper_runs(doc: Doc) -> Iterator[Span]:
    start: int | None = None
    for tok in doc:
        named = (
            (tok.pos_ == "PROPN" or (tok.text[:1].isupper() and any(c.isdigit() for c in tok.text)))
            and not tok.is_sent_start
            or (tok.pos_ == "PROPN" and tok.is_sent_start)
        )
        versioned = (
            start is not None
            and (tok.like_num or re.fullmatch(r"v?\d+(?:\.\d+)*[A-Za-z]?", tok.text))
            and tok.whitespace_ is not None
        )
        if named or (versioned and start is not None and tok.i - start < 5 and not tok.text.startswith("(")):
            if start is None:
                start = tok.i
        else:
            if start is not None:
                yield doc[start : tok.i]
            start = None
    if start is not None:
        yield doc[start : len(doc)]


def _aliases(names: list[str], first_seen: dict[str, int], persons: set[str]) -> dict[str, str]:
    """'Lindqvist' -> 'Maria Lindqvist': a later short mention that ends exactly one earlier, longer name."""
    out: dict[str, str] = {}
    for short in names:
        words = short.split()
        longer = [
            n
            for n in names
            if n != short
            and len(n.split()) > len(words)
            and n.split()[-len(words) :] == words
            and first_seen[n] < first_seen[short]
        ]
        if len(longer) == 1:
            out[short] = longer[0]
    return out


@cache
def _word_list(table: str, key: str) -> frozenset[str]:
    """One list of names.toml, read once: it is asked for every token a subject search passes."""
    data = tomllib.loads(resources.files("factcheck.extract").joinpath("names.toml").read_text("utf-8"))
    return frozenset(data[table][key])


def is_source(token: Token) -> bool:
    """The name of who gave a figure rather than what it is about: the object of "according to", or
    a name that is the subject of a reporting verb ("Reuters reported", "FactSet data show")."""
    for _ in range(3):  # up from a word inside the name ("J" in "J Rivera")
        if token.dep_ not in ("compound", "flat", "amod", "nmod") or token.head.i == token.i:
            break
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according":
        return True
    return token.dep_ == "nsubj" and reports(token.head)


def reports(verb: Token) -> bool:
    """A verb that reports a statement ("said", "reported"): its subject is a source."""
    return verb.lemma_.lower() in _word_list("sources", "verbs")


def name_in_phrase(token: Token, names: DocNames) -> str:
    name = names.at(token)
    if name:
        return name
    for child in token.children:
        if child.dep_ in ("compound", "nmod", "amod", "poss") and names.at(child) and not describes(child):
            return names.at(child)
    return _name_in_prepositions(token, names, depth=3)


def describes(token: Token) -> bool:
    """A nationality or group adjective ("Peruvian officials", "Swiss authorities") describes the
    people it modifies; it does not name them."""
    return token.ent_type_ == "NORP" and token.dep_ in ("amod", "compound") and token.pos_ in ("ADJ", "PROPN")


def _name_in_prepositions(token: Token, names: DocNames, depth: int) -> str:
    """ "the toll from the fire at the Acme plant": a name a few prepositions down the phrase."""
    if depth == 0:
        return ""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "at", "from", "in", "for", "by"):
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                name = names.at(pobj) or next(
                    (names.at(c) for c in pobj.children if c.dep_ in ("compound", "poss", "nmod") and names.at(c)), ""
                )
                if name:
                    return name
                deeper = _name_in_prepositions(pobj, names, depth - 1)
                if deeper:
                    return deeper
    return ""


NAMED_INSIDE_KINDS = ("rank", "score", "count")
"""Kinds whose pattern may take in the name a figure is about before its number ("place Nimbus
fourth"); in every other kind the whole span is the value ("USD 18.4 billion", "0900 GMT")."""


def _inside_values(doc: Doc) -> set[int]:
    """Tokens of a stated figure (its currency, unit, zone or scale: "USD 18.4 billion", "0900 GMT",
    "5.9 on the Richter scale"): part of the value, never what it is about. Spans stated as states or
    roles keep their names, and so do the words before the number of a rank, score or count."""
    found: set[int] = set()
    for match in doc.user_data.get(SPAN_KEY, []):
        if match.kind in ("status", "role"):
            continue
        span = doc.char_span(match.start, match.end, alignment_mode="expand")
        if span is None:
            continue
        if match.kind not in NAMED_INSIDE_KINDS:
            found.update(token.i for token in span)
            continue
        numbers = [token.i for token in span if token.like_num or any(ch.isdigit() for ch in token.text)]
        if numbers:
            found.update(range(numbers[-1] + 1, span.end))
    return found
