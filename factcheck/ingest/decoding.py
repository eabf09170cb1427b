"""Bytes -> text, whatever the encoding, with a count of what had to be repaired.

A BOM is believed; UTF-16/32 without one is recognised by its NULs; UTF-8 with a few bad bytes is
still UTF-8 (the bytes replaced and counted, never the whole file re-read as mojibake); clean
legacy text is Windows-1252; anything that decodes to mostly control characters is not text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from factcheck.errors import InputError


@dataclass(frozen=True)
class Decoded:
    """Text of a file and how it was read."""

    text: str
    encoding: str
    replaced: int = 0
    """Bytes that were not valid in `encoding`, each replaced by U+FFFD."""

    @property
    def label(self) -> str:
        """ "UTF-16" for "utf-16-le": the name a user knows."""
        return re.sub(r"[-_]?(le|be|sig)$", "", self.encoding, flags=re.I).upper().replace("_", "-")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WIDE_NULS = (
    ("utf-32-le", 4, (2, 3), (0,)),
    ("utf-32-be", 4, (0, 1), (3,)),
    ("utf-16-le", 2, (1,), (0,)),
    ("utf-16-be", 2, (0,), (1,)),
)
"""(encoding, unit, offsets mostly NUL, offsets seldom NUL) for mostly-ASCII text without a BOM."""
_MARKED = re.compile("[\udc00-\udcff]")
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffd]")
_NON_ASCII = bytes(range(0x80, 0x100))
UNREADABLE_LIMIT = 0.2
"""Share of control, private-use or replacement characters above which a file is not text."""


def _mark_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: each bad byte becomes a lone surrogate, so they can be counted."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(chr(0xDC00 + b) for b in exc.object[exc.start : exc.end]), exc.end


codecs.register_error("factcheck.mark", _mark_bytes)


def _decode_counting(raw: bytes, encoding: str) -> tuple[str, int]:
    """Decode, replacing each bad byte by U+FFFD; also return how many were replaced."""
    text = raw.decode(encoding, "factcheck.mark")
    bad = len(_MARKED.findall(text))
    return (_MARKED.sub("\ufffd", text) if bad else text), bad


def decode(raw: bytes) -> Decoded:
    """Bytes -> text. BOMs first, then UTF-16/32 recognised by their NULs, then UTF-8 (a few bad
    bytes replaced), then Windows-1252 for clean legacy text, then a guess by charset-normalizer.

    Raises `InputError` when the result is mostly control or replacement characters (a binary file).
    """
    bom, encoding = next(((bom, enc) for bom, enc in _BOMS if raw.startswith(bom)), (b"", _wide_without_bom(raw)))
    if encoding:
        text, bad = _decode_counting(raw[len(bom) :], encoding)
        decoded = Decoded(text, encoding, bad)
    else:
        decoded = _decode_bytewise(raw)
    unreadable = len(_UNREADABLE.findall(decoded.text)) / max(1, len(decoded.text))
    if unreadable > UNREADABLE_LIMIT:
        raise InputError(
            f"not text: {unreadable:.0%} of it decodes to control or replacement characters "
            "(binary or unknown encoding)"
        )
    return decoded


def _wide_without_bom(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 without a BOM, recognised by NULs at the same offsets of every code unit."""
    head = raw[:4096]
    if len(head) < 8:
        return None
    for encoding, unit, nul_at, text_at in _WIDE_NULS:
        nul_share = [head[offset::unit].count(0) / len(head[offset::unit]) for offset in range(unit)]
        if all(nul_share[o] > 0.9 for o in nul_at) and all(nul_share[o] < 0.05 for o in text_at):
            return encoding
    return None


def _decode_bytewise(raw: bytes) -> Decoded:
    """UTF-8, or UTF-8 with a few bad bytes, or Windows-1252, or charset-normalizer's best guess."""
    text, bad = _decode_counting(raw, "utf-8")
    if not bad:
        return Decoded(text, "utf-8")
    few = bad <= max(8, len(raw) // 100)
    valid_non_ascii = sum(1 for ch in text if ch > "\x7f") - text.count("\ufffd")
    if few and valid_non_ascii > 0:  # real multi-byte UTF-8 around the bad bytes: it is UTF-8
        return Decoded(text, "utf-8", bad)
    # English news that is not UTF-8 is nearly always Windows-1252; detectors guess poorly on short,
    # mostly-ASCII text (a lone "€" is not much evidence), so that reading wins when it is clean.
    if len(raw.translate(None, _NON_ASCII)) / len(raw) > 0.9:
        try:
            return Decoded(raw.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass
    if few:
        return Decoded(text, "utf-8", bad)
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise InputError("not text (binary or unknown encoding)")
    return Decoded(str(best), best.encoding)
