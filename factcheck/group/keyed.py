"""The first pass of grouping: claims whose subject and attribute keys match.

The matcher (`group/__init__.py`) starts from these groups and joins those that the evidence says
are one fact told in other words.

Claims are blocked by kind, then subjects are merged across articles (normalised form,
containment, rapidfuzz similarity) with version numbers kept apart ("Model 5" is not "Model 5.4"),
then attributes are merged within a subject. Blocking keeps this near-linear in the number of
claims. Everything is sorted so the same input gives the same groups whatever the file order.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from factcheck import fingerprint
from factcheck.config import Settings
from factcheck.model import Claim, ClaimGroup, Kind
from factcheck.values import overlaps

NAME_SUFFIXES = frozenset(
    tomllib.loads(resources.files("factcheck.group").joinpath("names.toml").read_text("utf-8"))["names"]["suffixes"]
)
"""Words that name the same organisation when added to a name ("Acme" / "Acme Holdings"): names.toml."""
# Kinds whose values are about a moment: a claim scoped to another period is another fact.
TIME_SCOPED_KINDS = {Kind.MONEY, Kind.PERCENT, Kind.COUNT, Kind.SCORE, Kind.RANK}


@lru_cache(maxsize=65536)
def subject_key(name: str) -> str:
    name = re.sub(r"['’]s\b", "", name.lower())
    name = re.sub(r"[^\w.+ -]+", " ", name)
    return " ".join(name.split())


def versions(name: str) -> tuple[str, ...]:
    """Version-like tokens: '3.1', '5.4', '4', 'v4'. Names with different versions never merge."""
    return tuple(re.findall(r"\d+(?:\.\d+)*", name))


def same_subject(a: str, b: str, settings: Settings) -> bool:
    if a == b:
        return True
    if versions(a) != versions(b):
        return False
    wa, wb = a.split(), b.split()
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    for offset in range(len(long_) - len(short) + 1):
        if long_[offset : offset + len(short)] == short:
            extra = long_[:offset] + long_[offset + len(short) :]
            if len(short) >= 2 or all(word in NAME_SUFFIXES for word in extra):
                return True
    if abbreviates(wa, wb) or abbreviates(wb, wa):
        return True
    return min(len(a), len(b)) >= 6 and fuzz.ratio(a, b) >= settings.subject_similarity


def abbreviates(short: list[str], long_: list[str]) -> bool:
    """ "ai analysis index" ~ "artificial analysis intelligence index": the shared words match and
    each short leftover word is the initials of leftover long words, with nothing left over."""
    remaining = list(long_)
    acronyms = []
    for word in short:
        if word in remaining:
            remaining.remove(word)
        elif 2 <= len(word) <= 4 and word.isalpha():
            acronyms.append(word)
        else:
            return False
    if not acronyms or len(short) - len(acronyms) < 2:
        return False
    for acronym in acronyms:
        for letter in acronym:
            match = next((w for w in remaining if w.startswith(letter)), None)
            if match is None:
                return False
            remaining.remove(match)
    return not remaining


def same_attribute(a: str, b: str, settings: Settings) -> bool:
    if a == b:
        return True
    separator = " on " if " on " in a and " on " in b else " at "
    head_a, _, rest_a = a.partition(separator)
    head_b, _, rest_b = b.partition(separator)
    if rest_a and rest_b and head_a == head_b:
        ka, kb = subject_key(rest_a), subject_key(rest_b)
        return same_subject(ka, kb, settings) or fuzz.token_set_ratio(ka, kb) >= 95
    if " vs " in a or " vs " in b:
        base_a, _, against_a = a.partition(" vs ")
        base_b, _, against_b = b.partition(" vs ")
        return base_a == base_b and (
            not against_a or not against_b or same_subject(subject_key(against_a), subject_key(against_b), settings)
        )
    return fuzz.token_sort_ratio(a, b) >= settings.attribute_similarity


def _clusters(keys: Sequence[str], same: Callable[[str, str], bool]) -> dict[str, str]:
    """Single-link clusters over sorted keys; each key maps to its cluster's representative."""
    representative: dict[str, str] = {}
    ordered = sorted(set(keys), key=lambda k: (-len(k.split()), k))
    reps: list[str] = []
    for key in ordered:
        for rep in reps:
            if same(key, rep):
                representative[key] = rep
                break
        else:
            reps.append(key)
            representative[key] = key
    return representative


def group_claims(claims: Iterable[Claim], settings: Settings) -> tuple[ClaimGroup, ...]:
    claims = sorted(claims, key=lambda c: (c.source_id, c.start, c.id))
    aliases = {
        subject_key(other): subject_key(canonical) for canonical, others in settings.aliases.items() for other in others
    }
    by_kind: dict[Kind, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_kind[claim.kind].append(claim)
    groups: list[ClaimGroup] = []
    for kind in sorted(by_kind, key=lambda k: k.value):
        block = by_kind[kind]
        keyed = [(claim, aliases.get(subject_key(claim.subject), subject_key(claim.subject))) for claim in block]
        full_names = surnames({key for _, key in keyed if key})
        keyed = [(claim, full_names.get(key, key)) for claim, key in keyed]
        subject_rep = _clusters([k for _, k in keyed if k], lambda a, b: same_subject(a, b, settings))
        by_subject: dict[str, list[Claim]] = defaultdict(list)
        for claim, key in keyed:
            if key:
                by_subject[subject_rep[key]].append(claim)
            else:
                groups.append(make_group(kind, "", claim.attribute, None, [claim]))
        for subject in sorted(by_subject):
            groups.extend(_group_subject(kind, subject, by_subject[subject], settings))
    return tuple(sorted(unique_ids(groups), key=lambda g: g.id))


def unique_ids(groups: list[ClaimGroup]) -> list[ClaimGroup]:
    """Two groups can share a fingerprint (a pathological split, or the matcher telling apart claims
    of one subject, attribute and scope): suffix the later one with its first claim's id rather than
    let one report entry shadow another."""
    seen: set[str] = set()
    out = []
    for group in sorted(groups, key=lambda g: (g.id, g.claim_ids)):
        if group.id in seen:
            group = replace(group, id=f"{group.id}-{group.claim_ids[0][2:8]}")
        seen.add(group.id)
        out.append(group)
    return out


def surnames(keys: set[str]) -> dict[str, str]:
    """'okafor' -> 'jane okafor' when exactly one longer name in the corpus ends with it
    (a later article naming only the surname; "Titan" for "Orion 2 Titan")."""
    out = {}
    for key in keys:
        if " " in key or any(ch.isdigit() for ch in key):
            continue
        full = [k for k in keys if len(k.split()) >= 2 and k.split()[-1] == key]
        if len(full) == 1:
            out[key] = full[0]
    return out


def _scope(claim: Claim) -> str | None:
    """The period a claim speaks of: a year, or a quarter/half ("2026-Q2") when the text names one."""
    if not claim.scoped or not claim.as_of:
        return None
    return claim.as_of if re.search(r"[QHF]", claim.as_of) else claim.as_of[:4]


def _attribute_key(claim: Claim) -> str:
    key = re.sub(r"['’]s\b", "", claim.attribute.lower()).strip()
    return f"{key} ({claim.role})" if claim.role else key


def _group_subject(kind: Kind, subject: str, claims: list[Claim], settings: Settings) -> list[ClaimGroup]:
    keys = [_attribute_key(c) for c in claims]
    rep = _clusters(keys, lambda a, b: same_attribute(a, b, settings))
    # an unqualified attribute ("score") joins the one qualified attribute of its subject ("score on X")
    qualified = sorted({r for r in rep.values() if r.startswith((f"{kind.value} on ", f"{kind.value} at "))})
    if len(qualified) == 1:
        for key, value in rep.items():
            if value == kind.value:
                rep[key] = qualified[0]
    buckets: dict[tuple[str, str | None], list[Claim]] = defaultdict(list)
    for claim, key in zip(claims, keys):
        scope = _scope(claim) if kind in TIME_SCOPED_KINDS else None
        buckets[(rep[key], scope)].append(claim)
    # claims with no explicit time speak of their publication date: they join the one scoped group
    # of their attribute whose period contains it ("1.2 billion by early 2026" in a 2026 article)
    for attribute in sorted({a for a, _ in buckets}):
        scopes = [s for a, s in buckets if a == attribute and s is not None]
        if len(scopes) != 1 or (attribute, None) not in buckets:
            continue
        unscoped = buckets[(attribute, None)]
        joining = [c for c in unscoped if c.as_of and c.as_of[:4] == scopes[0][:4]]
        if joining:
            buckets[(attribute, scopes[0])].extend(joining)
            rest = [c for c in unscoped if c not in joining]
            if rest:
                buckets[(attribute, None)] = rest
            else:
                del buckets[(attribute, None)]
    groups: list[ClaimGroup] = []
    for (attribute, scope), members in buckets.items():
        if kind is Kind.DATE and attribute == "date":
            # a date with no event it dates is not a fact two articles can share
            groups.extend(make_group(kind, subject, f"date@{c.id}", scope, [c]) for c in members)
            continue
        parts = _split_same_sentence(members)
        if kind in (Kind.STATUS, Kind.ROLE):
            parts = [piece for part in parts for piece in _split_incomparable(part)]
        for index, part in enumerate(parts):
            # later parts are told apart by their value, so every group id stays unique and stable
            discriminator = "" if index == 0 else f"#{part[0].value.low}|{part[0].value.high}|{part[0].value.text}"
            groups.append(make_group(kind, subject, attribute + discriminator, scope, part))
    return groups


def _split_incomparable(claims: list[Claim]) -> list[list[Claim]]:
    """States that neither agree nor exclude each other ("CEO" and "chief data officer") are
    different facts about the subject, not one fact told two ways."""
    parts: list[list[Claim]] = []
    for claim in claims:
        for part in parts:
            if all(overlaps(o.value, claim.value) is not None for o in part):
                part.append(claim)
                break
        else:
            parts.append([claim])
    return parts


def _split_same_sentence(claims: list[Claim]) -> list[list[Claim]]:
    """Values in one sentence that cannot both hold ("11B and 90B", "Rank 1 ... Rank 2") are
    different facts: no writer contradicts themself within a sentence. Compatible ones ("top-5,
    behind only two rivals") describe the same fact and stay together."""
    parts: list[list[Claim]] = []
    for claim in claims:
        for part in parts:
            if not any(
                o.source_id == claim.source_id
                and o.sentence == claim.sentence
                and overlaps(o.value, claim.value) is False
                for o in part
            ):
                part.append(claim)
                break
        else:
            parts.append([claim])
    return parts


def display_names(claims: Sequence[Claim]) -> tuple[str, str, tuple[str, ...]]:
    """The subject and attribute a group is shown under (the most common, then the longest) and the
    other names its claims give the subject."""
    names = sorted({c.subject for c in claims if c.subject})
    display = max(names, key=lambda n: (sum(c.subject == n for c in claims), len(n), n)) if names else ""
    attribute = max(
        sorted({c.attribute for c in claims}), key=lambda a: (sum(c.attribute == a for c in claims), len(a), a)
    )
    return display, attribute, tuple(n for n in names if n != display)


def make_group(
    kind: Kind, subject_k: str | None, attribute_k: str, scope: str | None, claims: list[Claim], story: str = ""
) -> ClaimGroup:
    """A group of these claims, its id from the keys given: `subject_k` None keys it by the shown
    subject, an empty `attribute_k` by the shown attribute; a story's name joins the attribute key."""
    claims = sorted(claims, key=lambda c: (c.source_id, c.start, c.id))
    display, attribute, aliases = display_names(claims)
    key = attribute_k or attribute.lower()
    return ClaimGroup(
        id=fingerprint.group_id(
            kind.value,
            subject_key(display) if subject_k is None else subject_k,
            f"{key}|{story}" if story else key,
            scope,
        ),
        subject=display,
        attribute=attribute,
        kind=kind,
        as_of=scope,
        claim_ids=tuple(c.id for c in claims),
        subject_aliases=aliases,
        copies=copies(claims),
        story=story,
    )


def copies(claims: Sequence[Claim]) -> tuple[tuple[str, str], ...]:
    """Near-identical sentences in different sources: one outlet copying another counts once."""
    out: list[tuple[str, str]] = []
    for i, claim in enumerate(claims):
        for earlier in claims[:i]:
            if earlier.source_id != claim.source_id and fuzz.ratio(earlier.sentence, claim.sentence) >= 90:
                out.append((claim.id, earlier.id))
                break
    return tuple(out)
