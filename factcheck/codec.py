"""ArticleResult <-> bytes, for the on-disk cache: explicit JSON of the model's fields, no pickle.

Every field is written by name and read back by name; an entry with a missing, extra or mistyped
field raises `CodecError`, so the cache can drop it and analyse the article again. Bump
`CODEC_VERSION` whenever the layout of a cached type changes.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import fields
from typing import Any

from factcheck.model import ArticleResult, Claim, Evidence, Kind, SkippedFile, Value

CODEC_VERSION = 2


class CodecError(ValueError):
    """A cached entry that cannot be read back into an ArticleResult."""


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


_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))
_VALUE_FIELDS = tuple(f.name for f in fields(Value))
_EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence))
_EVIDENCE_LISTS = ("measured", "context", "sentence", "entities")
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


def _claim_out(claim: Claim) -> dict[str, Any]:
    out = {name: getattr(claim, name) for name in _CLAIM_FIELDS}
    out["kind"] = claim.kind.value
    out["value"] = {name: getattr(claim.value, name) for name in _VALUE_FIELDS}
    out["evidence"] = {name: getattr(claim.evidence, name) for name in _EVIDENCE_FIELDS}
    return out


def _claim_in(data: Any) -> Claim:
    _expect(data, set(_CLAIM_FIELDS))
    value = data["value"]
    _expect(value, set(_VALUE_FIELDS))
    checked = {name: _typed(name, value[name], _VALUE_TYPES.get(name, (object,))) for name in _VALUE_FIELDS}
    fields_in = {
        name: _typed(name, data[name], _CLAIM_TYPES.get(name, (object,)))
        for name in _CLAIM_FIELDS
        if name not in ("kind", "value", "evidence")
    }
    return Claim(kind=Kind(data["kind"]), value=Value(**checked), evidence=_evidence_in(data["evidence"]), **fields_in)


def _evidence_in(data: Any) -> Evidence:
    _expect(data, set(_EVIDENCE_FIELDS))
    lists = {name: tuple(_text(word) for word in _typed(name, data[name], (list,))) for name in _EVIDENCE_LISTS}
    scalars = {name: _typed(name, data[name], _EVIDENCE_TYPES[name]) for name in _EVIDENCE_TYPES}
    return Evidence(**lists, **scalars)


def _expect(data: Any, names: set[str]) -> None:
    if not isinstance(data, dict) or set(data) != names:
        shown = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise CodecError(f"unexpected cache entry layout: {shown}")


def _typed(name: str, value: Any, allowed: tuple[type, ...]) -> Any:
    # bool is an int in Python: a number field must not take true/false, nor a flag a number
    if not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed):
        raise CodecError(f"field {name} holds {type(value).__name__}")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise CodecError(f"expected text, found {type(value).__name__}")
    return value
