"""ArticleResult and a run's verdicts <-> bytes, for the on-disk cache: explicit JSON of the model's
fields, no pickle.

Every field is written by name and read back by name; an entry with a missing, extra or mistyped
field raises `CodecError`, so the cache can drop it and analyse the article again. Bump
`CODEC_VERSION` whenever the layout of a cached type changes.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from factcheck.model import (
    ArticleResult,
    Claim,
    ClaimGroup,
    Evidence,
    GroupVerdict,
    Kind,
    SkippedFile,
    Status,
    Value,
    ValueSupport,
)

CODEC_VERSION = 3


class CodecError(ValueError):
    """A cached entry that cannot be read back into the type it was written from."""


def encode(result: ArticleResult) -> bytes:
    payload = {
        "source_id": result.source_id,
        "claims": [_claim_out(c) for c in result.claims],
        "failure": None
        if result.failure is None
        else {"path": result.failure.path, "reason": result.failure.reason, "detail": result.failure.detail},
    }
    return zlib.compress(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 3)


def decode(blob: bytes) -> ArticleResult:
    try:
        payload = json.loads(zlib.decompress(blob).decode("utf-8"))
        _expect(payload, {"source_id", "claims", "failure"})
        failure = payload["failure"]
        if failure is not None:
            _expect(failure, {"path", "reason", "detail"})
            failure = SkippedFile(_text(failure["path"]), _text(failure["reason"]), _text(failure["detail"]))
        return ArticleResult(_text(payload["source_id"]), tuple(_claim_in(c) for c in payload["claims"]), failure)
    except CodecError:
        raise
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError, TypeError, KeyError, ValueError) as exc:
        raise CodecError(f"unreadable cache entry: {exc}") from None


def encode_verdicts(verdicts: Sequence[GroupVerdict]) -> bytes:
    """A run's groups and verdicts (its claims are cached per article)."""
    payload = [_verdict_out(v) for v in verdicts]
    return zlib.compress(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 3)


def decode_verdicts(blob: bytes) -> tuple[GroupVerdict, ...]:
    try:
        payload = json.loads(zlib.decompress(blob).decode("utf-8"))
        return tuple(_verdict_in(v) for v in _typed("verdicts", payload, (list,)))
    except CodecError:
        raise
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError, TypeError, KeyError, ValueError) as exc:
        raise CodecError(f"unreadable cache entry: {exc}") from None


_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))
_VALUE_FIELDS = tuple(f.name for f in fields(Value))
_EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence))
_EVIDENCE_LISTS = ("measured", "context", "sentence", "entities", "qualifiers")
_EVIDENCE_TYPES: dict[str, tuple[type, ...]] = {"stance": (str,), "running": (bool,), "basis": (str,)}
# the type each scalar field must hold when read back (None allowed where the model allows it)
_NUMBER_OR_TEXT = (int, float, str, type(None))
_VALUE_TYPES: dict[str, tuple[type, ...]] = {
    "low": _NUMBER_OR_TEXT,
    "high": _NUMBER_OR_TEXT,
    "unit": (str,),
    "approx": (bool,),
    "text": (str,),
    "low_open": (bool,),
    "high_open": (bool,),
    "direction": (str,),
    "relative": (bool,),
    "si_low": (int, float, type(None)),
    "si_high": (int, float, type(None)),
    "dimension": (str,),
    "utc_offset": (str,),
    "facets": (str,),
    "excludes": (str,),
    "follows": (str,),
}
_CLAIM_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "source_id": (str,),
    "start": (int,),
    "end": (int,),
    "text": (str,),
    "sentence": (str,),
    "subject": (str,),
    "attribute": (str,),
    "attribute_words": (str,),
    "as_of": (str, type(None)),
    "confidence": (int, float),
    "pattern": (str,),
    "role": (str,),
    "scoped": (bool,),
}
_CLAIM_NAMES, _VALUE_NAMES, _EVIDENCE_NAMES = (
    frozenset(_CLAIM_FIELDS),
    frozenset(_VALUE_FIELDS),
    frozenset(_EVIDENCE_FIELDS),
)
_CLAIM_SCALARS = tuple(
    (name, _CLAIM_TYPES.get(name, (object,))) for name in _CLAIM_FIELDS if name not in ("kind", "value", "evidence")
)
_VALUE_SCALARS = tuple((name, _VALUE_TYPES.get(name, (object,))) for name in _VALUE_FIELDS)
_EVIDENCE_SCALARS = tuple(_EVIDENCE_TYPES.items())


def _claim_out(claim: Claim) -> dict[str, Any]:
    out = {name: getattr(claim, name) for name in _CLAIM_FIELDS}
    out["kind"] = claim.kind.value
    out["value"] = {name: getattr(claim.value, name) for name in _VALUE_FIELDS}
    out["evidence"] = {name: getattr(claim.evidence, name) for name in _EVIDENCE_FIELDS}
    return out


def _claim_in(data: Any) -> Claim:
    _expect(data, _CLAIM_NAMES)
    value = data["value"]
    _expect(value, _VALUE_NAMES)
    return Claim(
        kind=Kind(data["kind"]),
        value=Value(**_all_typed(value, _VALUE_SCALARS)),
        evidence=_evidence_in(data["evidence"]),
        **_all_typed(data, _CLAIM_SCALARS),
    )


def _evidence_in(data: Any) -> Evidence:
    _expect(data, _EVIDENCE_NAMES)
    lists: dict[str, Any] = {}
    for name in _EVIDENCE_LISTS:
        words = _typed(name, data[name], (list,))
        if not all(isinstance(word, str) for word in words):
            raise CodecError(f"field {name} holds a word that is not text")
        lists[name] = tuple(words)
    return Evidence(**lists, **_all_typed(data, _EVIDENCE_SCALARS))


def _expect(data: Any, names: frozenset[str] | set[str]) -> None:
    if not isinstance(data, dict) or data.keys() != names:
        shown = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise CodecError(f"unexpected cache entry layout: {shown}")


def _typed(name: str, value: Any, allowed: tuple[type, ...]) -> Any:
    # bool is an int in Python: a number field must not take true/false, nor a flag a number
    if not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed):
        raise CodecError(f"field {name} holds {type(value).__name__}")
    return value


def _all_typed(data: dict[str, Any], typed: tuple[tuple[str, tuple[type, ...]], ...]) -> dict[str, Any]:
    """`_typed` over many fields in one loop: a warm run reads every cached claim through here."""
    out = {}
    for name, allowed in typed:
        value = data[name]
        if not isinstance(value, allowed) or (value.__class__ is bool and bool not in allowed):
            raise CodecError(f"field {name} holds {type(value).__name__}")
        out[name] = value
    return out


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise CodecError(f"expected text, found {type(value).__name__}")
    return value


_GROUP_FIELDS = tuple(f.name for f in fields(ClaimGroup))
_GROUP_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "subject": (str,),
    "attribute": (str,),
    "as_of": (str, type(None)),
    "confidence": (int, float),
    "story": (str,),
}
_VERDICT_FIELDS = tuple(f.name for f in fields(GroupVerdict))
_SUPPORT_FIELDS = tuple(f.name for f in fields(ValueSupport))


def _verdict_out(verdict: GroupVerdict) -> dict[str, Any]:
    group = {name: getattr(verdict.group, name) for name in _GROUP_FIELDS}
    group["kind"] = verdict.group.kind.value
    return {
        "group": group,
        "status": verdict.status.value,
        "explanation": verdict.explanation,
        "severity": verdict.severity,
        "consensus": verdict.consensus,
        "checks": verdict.checks,
        "values": [
            {
                "value": {name: getattr(v.value, name) for name in _VALUE_FIELDS},
                "claim_ids": v.claim_ids,
                "source_ids": v.source_ids,
                "independent_sources": v.independent_sources,
            }
            for v in verdict.values
        ],
    }


def _verdict_in(data: Any) -> GroupVerdict:
    _expect(data, set(_VERDICT_FIELDS))
    group = data["group"]
    _expect(group, set(_GROUP_FIELDS))
    scalars = _all_typed(group, tuple(_GROUP_TYPES.items()))
    pairs = tuple(_texts(pair) for pair in _typed("copies", group["copies"], (list,)))
    if any(len(pair) != 2 for pair in pairs):
        raise CodecError("field copies holds a pair that is not two ids")
    copies = tuple((pair[0], pair[1]) for pair in pairs)
    claim_group = ClaimGroup(
        kind=Kind(group["kind"]),
        claim_ids=_texts(group["claim_ids"]),
        subject_aliases=_texts(group["subject_aliases"]),
        copies=copies,
        **scalars,
    )
    values = []
    for support in _typed("values", data["values"], (list,)):
        _expect(support, set(_SUPPORT_FIELDS))
        value = support["value"]
        _expect(value, _VALUE_NAMES)
        values.append(
            ValueSupport(
                Value(**_all_typed(value, _VALUE_SCALARS)),
                _texts(support["claim_ids"]),
                _texts(support["source_ids"]),
                _typed("independent_sources", support["independent_sources"], (int,)),
            )
        )
    return GroupVerdict(
        claim_group,
        Status(data["status"]),
        tuple(values),
        _text(data["explanation"]),
        severity=_text(data["severity"]),
        consensus=_text(data["consensus"]),
        checks=_texts(data["checks"]),
    )


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(_text(x) for x in _typed("list", value, (list,)))
