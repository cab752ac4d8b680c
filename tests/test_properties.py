"""Properties of the parsers and the extractor on arbitrary input (hypothesis).

``make test`` runs ``CONCORD_PROPERTY_EXAMPLES`` (default 200) examples per property;
``bench/fuzz.py`` runs the same checks with 10,000+ each. The checks are plain functions so
both share them:

* parsing never raises anything but ``InputError`` (the quarantine path), whatever the bytes;
* every offset points at its quote: ``text[start:end] == quote`` for findings, escalations and
  timings, and blocks lie inside the text without surrounding whitespace;
* duration normalisation never yields negative days or ``min_days > max_days``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.document import Document
from extractors.errors import InputError
from extractors.extract import extract
from extractors.formats import parse_bytes

EXAMPLES = int(os.environ.get("CONCORD_PROPERTY_EXAMPLES", "200"))
# Hypothesis warns when the global ``random`` state changes while it draws an example. Our
# strategies do not touch it, but the Prefect server services that earlier flow tests leave running
# in this process do (``prefect.utilities.services`` sleeps a random ``clamped_poisson_interval``),
# so in the full suite the warning fires at random on these tests and says nothing about them.
pytestmark = pytest.mark.filterwarnings("ignore:Do not use the `random` module inside strategies")
PROFILE = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SUFFIXES = (".txt", ".md", ".html", ".xml", ".json")

# -- strategies ---------------------------------------------------------------------------

_WORDS = ("back", "pain", "see", "a", "GP", "doctor", "if", "it", "lasts", "more", "than", "week",
          "weeks", "days", "rest", "ice", "not", "improve", "call", "999", "numbness", "fever",
          "within", "hours", "may", "help", "avoid", "lifting", "worse", "after", "two", "or")
_TAGS = ("p", "div", "h1", "h2", "li", "ul", "ol", "a", "script", "nav", "article", "main",
         "table", "td", "br", "span", "b", "header", "footer", "title", "head", "body", "html")
_XML = ("<?xml version='1.0'?>", "<Document>", "</Document>", "<QAPairs>", "</QAPairs>",
        "<QAPair>", "</QAPair>", "<Question>", "</Question>", "<Answer>", "</Answer>",
        "<Focus>", "</Focus>", "<!DOCTYPE x>", "&amp;", "&xxe;", "<![CDATA[", "]]>", "- ", "    ")
_JSON = ('{"text": ', '"', "}", "[", "]", ',"title":', "null", "1e309", "\\u0000", "\\ud800",
         '"authors": [', "\n", "\\n")

words = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=25).map(" ".join)
markup = st.lists(st.one_of(words, st.sampled_from(_TAGS).flatmap(
    lambda t: st.sampled_from([f"<{t}>", f"</{t}>", f"<{t} href='javascript:x'>"])),
    st.sampled_from(("&nbsp;", "&#0;", "&#xD800;", "<!--", "-->", "\n", "#", "- ", "* ", "1. "))),
    max_size=60).map("".join)
xmlish = st.lists(st.one_of(words, st.sampled_from(_XML)), max_size=40).map("".join)
jsonish = st.lists(st.one_of(words, st.sampled_from(_JSON)), max_size=30).map("".join)
encodings = st.sampled_from(("utf-8", "utf-16", "utf-16-le", "cp1252", "latin-1"))


@st.composite
def documents(draw: st.DrawFn) -> tuple[bytes, str]:
    """Bytes and a file name: raw bytes, or format-shaped text in some encoding."""
    suffix = draw(st.sampled_from(SUFFIXES))
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(st.binary(max_size=2000)), "doc" + suffix
    text = draw({".html": markup, ".xml": xmlish, ".json": jsonish}.get(suffix, st.one_of(markup, words))
                if kind == 1 else st.text(max_size=600) if kind == 2 else st.one_of(markup, xmlish, jsonish))
    data = text.encode(draw(encodings), errors="replace")
    return data, "doc" + suffix


_QUALIFIERS = ("", "more than", "less than", "within", "up to", "at least", "after", "over",
               "no more than", "about", "for", "longer than", "under", "nearly", "roughly")
_NUMBERS = ("a", "an", "one", "two", "three", "a few", "several", "a couple of", "couple of",
            "one or two", "two to three", "2-3", "1-2", "a week or two", "0", "00", "1", "7", "10",
            "14", "24", "48", "72", "99999", "100000", "1,000", "0.5", "half an", "twenty", "1.5",
            "-3", "3–5", "few", "many")
_UNITS = ("minute", "minutes", "hour", "hours", "hrs", "day", "days", "week", "weeks", "month",
          "months", "year", "years", "fortnight", "night", "nights", "")
_FRAMES = ("See a GP if the pain lasts {d}.", "Call 999 if it has not improved {d}.",
           "Rest {d} and use ice for {d2}.", "Most back pain gets better {d}.",
           "If symptoms persist {d}, see a doctor.", "Symptoms peak {d} and last {d2}.",
           "- see a doctor if it lasts {d}", "Take them {d}, then stop.")


@st.composite
def duration_sentences(draw: st.DrawFn) -> str:
    def duration() -> str:
        parts = [draw(st.sampled_from(_QUALIFIERS)), draw(st.sampled_from(_NUMBERS)),
                 draw(st.sampled_from(_UNITS))]
        if draw(st.booleans()):
            parts += ["or", draw(st.sampled_from(_NUMBERS)), draw(st.sampled_from(_UNITS))]
        return " ".join(p for p in parts if p)
    count = draw(st.integers(1, 3))
    return " ".join(draw(st.sampled_from(_FRAMES)).format(d=duration(), d2=duration()) for _ in range(count))


# -- checks (shared with bench/fuzz.py) ---------------------------------------------------


def check_parse(data: bytes, name: str) -> Document | None:
    """Parse; ``InputError`` is an accepted outcome, any other exception is a bug."""
    try:
        document = parse_bytes(data, name)
    except InputError:
        return None
    check_blocks(document)
    return document


def check_blocks(document: Document) -> None:
    text = document.text
    previous_end = 0
    for block in document.blocks:
        assert 0 <= previous_end <= block.start < block.end <= len(text), block
        quoted = text[block.start:block.end]
        assert quoted == quoted.strip() and quoted, block
        previous_end = block.end


def check_offsets(document: Document) -> None:
    result = extract(document)
    text = document.text
    for record in (*result.findings, *result.escalations, *result.timings):
        assert text[record.start:record.end] == record.text, record
        assert text[record.sentence_start:].startswith(record.sentence), record
    check_days(result)


def check_days(result: object) -> None:
    for record in (*result.escalations, *result.timings):  # type: ignore[attr-defined]
        low, high = record.min_days, record.max_days
        assert low is None or low >= 0, record
        assert high is None or high >= 0, record
        assert low is None or high is None or low <= high, record
    for timing in result.timings:  # type: ignore[attr-defined]
        low, high = timing.min_value, timing.max_value
        assert low is None or high is None or 0 <= low <= high, timing


def check_sentence(sentence: str) -> None:
    document = check_parse(sentence.encode(), "s.txt")
    if document is not None:
        check_offsets(document)


# -- properties ---------------------------------------------------------------------------


@PROFILE
@given(documents())
def test_parsers_raise_only_input_errors(doc: tuple[bytes, str]) -> None:
    check_parse(*doc)


@PROFILE
@given(st.one_of(markup.map(lambda t: (t.encode(), "p.html")), words.map(lambda t: (t.encode(), "p.md")),
                 st.text(max_size=400).map(lambda t: (t.encode("utf-8", "replace"), "p.txt"))))
def test_offsets_point_at_the_quoted_text(doc: tuple[bytes, str]) -> None:
    document = check_parse(*doc)
    if document is not None:
        check_offsets(document)


@PROFILE
@given(duration_sentences())
def test_duration_windows_are_ordered_and_non_negative(sentence: str) -> None:
    check_sentence(sentence)
