"""Helpers shared by the parser tests: the offset invariant every parsed document keeps, and
parsing a whole folder of ../shared/corpora (skipped when it is absent)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from extractors.document import Document
from extractors.errors import InputError

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def assert_offsets(doc: Document) -> None:
    """Every block is non-empty, trimmed text at its offsets; list items follow "- "."""
    for block in doc.blocks:
        text = doc.block_text(block)
        assert text and text == text.strip(), block
        if block.kind == "list_item":
            assert doc.text[block.start - 2:block.start] == "- "


def parse_corpus(name: str, pattern: str, parse: Callable[[bytes, str], Document]) -> tuple[list[Document], int]:
    """(documents parsed, files tried) over every file of a corpus folder; refused inputs
    (InputError) are counted as tried, anything else raised fails the test."""
    folder = CORPORA / name
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    files = sorted(folder.glob(pattern))
    assert files
    parsed: list[Document] = []
    for path in files:
        try:
            parsed.append(parse(path.read_bytes(), str(path)))
        except InputError:
            continue
    return parsed, len(files)
