"""Plain-text layout recovery: headings, lists, title, byline, chrome and related-article tails."""

from __future__ import annotations

import re

import pytest

from extractors.errors import DecodeError, EmptyDocument
from extractors.formats import parse_bytes
from extractors.plaintext import parse_plaintext

PAGE = """Help line:
02380 248725

Back Pain After Lifting: When to Stop

Published: 10/14/2025 By: Clinic Team

Introduction

Lifting can hurt your back.

When to Seek Help
Recognising Serious Symptoms

These include:
- numbness in the legs
• loss of bladder control
H3: Ice or Heat
1. Apply ice first.
2. Prioritise Proper Form
Keep the bar close.

Related Articles
Ten tips for lifting
"""


def _headings(doc):
    return [(doc.block_text(b), b.level) for b in doc.blocks if b.kind == "heading"]


def test_layout_is_recovered() -> None:
    doc = parse_plaintext(PAGE.encode(), "page.txt")
    assert doc.title == "Back Pain After Lifting: When to Stop"
    assert doc.author == "Clinic Team" and doc.published == "2025-10-14"
    assert _headings(doc) == [
        ("Back Pain After Lifting: When to Stop", 1), ("Introduction", 2), ("When to Seek Help", 2),
        ("Recognising Serious Symptoms", 3), ("Ice or Heat", 3), ("Prioritise Proper Form", 4),
    ]
    items = [doc.block_text(b) for b in doc.blocks if b.kind == "list_item"]
    assert items == ["numbness in the legs", "loss of bladder control", "Apply ice first."]
    assert "02380" not in doc.text and "Help line" not in doc.text
    assert "Ten tips" not in doc.text  # cut at "Related Articles"


def test_offsets_and_sections() -> None:
    doc = parse_plaintext(PAGE.encode(), "page.txt")
    for block in doc.blocks:
        assert doc.text[block.start:block.end].strip() == doc.text[block.start:block.end]
    sections = {s.heading: s.path for s in doc.sections()}
    assert sections["Recognising Serious Symptoms"][-2:] == ("When to Seek Help", "Recognising Serious Symptoms")


def test_unmarked_list_after_lead_in() -> None:
    text = "Injuries may occur during:\nHigh-impact exercise\nExercises that require twisting\n\nMore text here.\n"
    doc = parse_plaintext(text.encode(), "x.txt")
    assert [doc.block_text(b) for b in doc.blocks if b.kind == "list_item"] == [
        "High-impact exercise", "Exercises that require twisting"]


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"", EmptyDocument, "empty file"),
        (b"  \n\t\n", EmptyDocument, "empty file"),
        (b"\x00\x01\x02\x03" * 64, DecodeError, "binary content (NUL or control bytes), not text"),
    ],
)
def test_bad_input_is_refused_with_a_reason(data: bytes, error: type, message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        parse_bytes(data, "bad.txt")


@pytest.mark.parametrize(
    "encoded",
    [
        "Back pain – rest is best.".encode("utf-8"),
        "Back pain – rest is best.".encode("cp1252"),
        "Back pain – rest is best.".encode("utf-16"),
        "Back pain – rest is best.".encode("utf-16-le"),
        "\ufeffBack pain – rest is best.".encode("utf-8"),
    ],
    ids=["utf8", "cp1252", "utf16-bom", "utf16le-no-bom", "utf8-bom"],
)
def test_encodings(encoded: bytes) -> None:
    doc = parse_bytes(encoded, "x.txt")
    assert doc.text == "Back pain – rest is best."
