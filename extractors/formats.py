"""Which parser reads which input: by file extension, then by content type, then by sniffing.

Every parser has the signature ``parse(data: bytes, source: str) -> Document`` and raises an
``InputError`` subclass for input it cannot use; the caller quarantines it with that reason.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import PurePosixPath

from extractors.document import Document
from extractors.errors import EmptyDocument, UnsupportedFormat

Parser = Callable[[bytes, str], Document]

# format name -> "module:function" (imported lazily so a plain-text run never loads lxml).
PARSERS: dict[str, str] = {
    "text": "extractors.plaintext:parse_plaintext",
    "markdown": "extractors.markdown:parse_markdown",
    "html": "extractors.html:parse_html",
    "medquad": "extractors.medquad:parse_medquad",
    "newsjson": "extractors.newsjson:parse_news_json",
}

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "medquad",
    ".json": "newsjson",
}

CONTENT_TYPES: dict[str, str] = {
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/html": "html",
    "application/xhtml+xml": "html",
}

SUPPORTED_SUFFIXES = tuple(sorted(EXTENSIONS))


def detect_format(source: str, data: bytes, content_type: str | None = None) -> str:
    name = PurePosixPath(source.split("?", 1)[0].split("#", 1)[0]).name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    suffix = PurePosixPath(name).suffix
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if content_type:
        base = content_type.split(";", 1)[0].strip().lower()
        if base in CONTENT_TYPES:
            return CONTENT_TYPES[base]
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if source.startswith(("http://", "https://")) and not suffix:
        return "html"
    raise UnsupportedFormat(f"unsupported format {suffix or '(no extension)'!r}; "
                            f"supported: {', '.join(SUPPORTED_SUFFIXES)}")


def parser_for(fmt: str) -> Parser:
    module_name, _, func = PARSERS[fmt].partition(":")
    return getattr(importlib.import_module(module_name), func)


def parse_bytes(data: bytes, source: str, content_type: str | None = None) -> Document:
    """Parse one input; raises ``InputError`` (quarantine) for anything unusable."""
    if not data.strip():
        raise EmptyDocument("empty file")
    fmt = detect_format(source, data, content_type)
    document = parser_for(fmt)(data, source)
    if not document.text.strip():
        raise EmptyDocument("no article text found")
    return document
