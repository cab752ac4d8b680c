"""Bytes to text for files and HTTP bodies written by strangers.

Order of evidence: a byte-order mark, then a declared charset, then strict UTF-8, then a UTF-16
guess from NUL patterns, then Windows-1252 (what "Latin-1" pages really are). Binary data is
refused rather than decoded into mojibake that would then be "extracted".
"""

from __future__ import annotations

import codecs

from extractors.errors import DecodeError, EmptyDocument, InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF = 4096


def _utf16_guess(sample: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text has NULs in every other byte."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _mostly_text(text: str) -> bool:
    """Decoded UTF-16 must read as text: printable characters, some of them letters."""
    if not text:
        return False
    printable = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    letters = sum(1 for c in text if c.isalpha())
    return printable > 0.95 * len(text) and letters > 0.3 * len(text)


def looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > 0.1 * max(1, len(sample))


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_size(data: bytes, limit: int, kind: str) -> None:
    """Refuse empty input and input over a parser's own byte limit before any work is done."""
    if not data.strip():
        raise EmptyDocument("empty file")
    if len(data) > limit:
        raise InputError(f"{kind} file too large ({len(data)} bytes; limit {limit})")


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` or raise ``DecodeError`` with a one-line reason."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise_newlines(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} after byte-order mark: {exc.reason}") from None
    sample = data[:_SNIFF]
    guess = _utf16_guess(sample)
    if guess:
        try:
            text = data.decode(guess)
        except UnicodeDecodeError:
            text = ""
        if _mostly_text(text[:_SNIFF]):
            return _normalise_newlines(text)
        raise DecodeError("binary content (NUL or control bytes), not text")
    if declared:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = None
        if codec and codec not in ("utf-8", "ascii", "latin-1", "iso8859-1", "cp1252"):
            try:
                return _normalise_newlines(data.decode(codec))
            except UnicodeDecodeError:
                pass
    if looks_binary(sample):
        raise DecodeError("binary content (NUL or control bytes), not text")
    try:
        return _normalise_newlines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    # Windows-1252 maps every byte but five; those five become U+FFFD rather than an error.
    return _normalise_newlines(data.decode("cp1252", errors="replace"))
