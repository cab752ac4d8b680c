"""MedQuAD parser: fixtures of each layout, hostile XML, and the whole corpus when present."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from extractors.document import Document
from extractors.errors import InputError, UnsupportedFormat
from extractors.medquad import parse_medquad

from documents import assert_offsets, parse_corpus

FIXTURES = Path(__file__).parent / "fixtures" / "medquad"


def _parse_fixture(name: str) -> Document:
    path = FIXTURES / name
    return parse_medquad(path.read_bytes(), str(path))


def _section_blocks(doc: Document, heading: str) -> list[tuple[str, str]]:
    section = next(s for s in doc.sections() if s.heading == heading)
    return [(b.kind, doc.block_text(b)) for b in doc.blocks
            if section.start < b.start < section.end]


def test_niddk_questions_become_level_two_headings() -> None:
    doc = _parse_fixture("niddk-0000108-hemorrhoids.xml")
    assert_offsets(doc)
    questions = [doc.block_text(b) for b in doc.blocks if b.kind == "heading" and b.level == 2]
    assert questions[:4] == [
        "What is (are) Hemorrhoids?", "What are the symptoms of Hemorrhoids?",
        "How many people are affected by Hemorrhoids?", "What causes Hemorrhoids?"]
    first = doc.extra["questions"][0]
    assert first == {"qid": "0000108-1", "qtype": "information", "block": 0}
    for question in doc.extra["questions"]:
        assert doc.blocks[question["block"]].kind == "heading"


def test_niddk_newline_bullets_and_subheadings_are_recovered() -> None:
    doc = _parse_fixture("niddk-0000108-hemorrhoids.xml")
    causes = _section_blocks(doc, "What causes Hemorrhoids?")
    assert causes[0][0] == "paragraph"
    assert causes[1:5] == [
        ("list_item", "chronic constipation or diarrhea"),
        ("list_item", "straining during bowel movements"),
        ("list_item", "sitting on the toilet for long periods of time"),
        ("list_item", "a lack of fiber in the diet"),
    ]
    subheadings = [(doc.block_text(b), b.level) for b in doc.blocks if b.level == 3]
    assert ("At-home Treatments", 3) in subheadings
    assert ("Medical Treatment", 3) in subheadings
    section = next(s for s in doc.sections() if s.heading == "Medical Treatment")
    assert section.path == ("What are the treatments for Hemorrhoids?", "Medical Treatment")


def test_metadata_and_umls_annotations() -> None:
    doc = _parse_fixture("niddk-0000108-hemorrhoids.xml")
    assert doc.title == "Hemorrhoids"
    assert doc.publisher == "NIDDK"
    assert doc.format == "medquad"
    assert doc.canonical_url == ("http://www.niddk.nih.gov/health-information/health-topics/"
                                 "digestive-diseases/hemorrhoids/Pages/facts.aspx")
    assert doc.extra["umls_cuis"] == ["C0019112", "C1963134"]
    assert doc.extra["umls_semantic_types"] == ["T033", "T020"]
    assert doc.extra["umls_semantic_groups"] == ["Disorders"]
    assert doc.extra["medquad_id"] == "0000108"


def test_medlineplus_space_separated_layout() -> None:
    doc = _parse_fixture("mplus-0000001-a1c.xml")
    assert_offsets(doc)
    assert doc.publisher == "MedlinePlus"
    assert doc.extra["synonyms"] == ["Glycohemoglobin", "HbA1C", "Hemoglobin A1C test"]
    blocks = _section_blocks(doc, "Do you have information about A1C")
    assert blocks[0] == ("paragraph", blocks[0][1])
    assert blocks[0][1].startswith("A1C is a blood test")  # "Summary :" label dropped
    assert blocks[1][1].startswith("Your A1C test result is given in percentages.")
    assert [text for kind, text in blocks if kind == "list_item"][:3] == [
        "A normal A1C level is below 5.7 percent",
        "Prediabetes is between 5.7 to 6.4 percent. Having prediabetes is a risk factor for "
        "getting type 2 diabetes. People with prediabetes may need retests every year.",
        "Type 2 diabetes is above 6.5 percent",
    ]
    assert "NIH: National Institute" not in doc.text


@pytest.mark.parametrize("name, publisher, title, first_question", [
    ("cdc-0000001-acanthamoeba.xml", "CDC",
     "Acanthamoeba - Granulomatous Amebic Encephalitis (GAE); Keratitis",
     "What is (are) Acanthamoeba - Granulomatous Amebic Encephalitis (GAE); Keratitis?"),
    ("ninds-0000007-holmes-adie.xml", "NINDS", "Holmes-Adie", "what is holmes-adie syndrome?"),
])
def test_other_layouts(name: str, publisher: str, title: str, first_question: str) -> None:
    doc = _parse_fixture(name)
    assert_offsets(doc)
    assert doc.publisher == publisher
    assert doc.title == title
    assert doc.block_text(doc.blocks[0]) == first_question
    assert "? ?" not in doc.text


def test_cdc_short_lines_become_subheadings_above_bullets() -> None:
    doc = _parse_fixture("cdc-0000001-acanthamoeba.xml")
    section = next(s for s in doc.sections() if s.heading == "Acanthamoeba keratitis")
    items = [doc.block_text(b) for b in doc.blocks
             if b.kind == "list_item" and section.start < b.start < section.end]
    assert items[0] == "Storing and handling lenses improperly"


def _billion_laughs(levels: int = 10) -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)]
    return (f'<?xml version="1.0"?><!DOCTYPE Document [{"".join(entities)}]>'
            f'<Document source="CDC"><Focus>&lol{levels - 1};</Focus><QAPairs/></Document>'
            ).encode()


XXE = (b'<?xml version="1.0"?><!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       b'<Document source="CDC"><Focus>&x;</Focus><QAPairs><QAPair><Question>q?</Question>'
       b'<Answer>&x;</Answer></QAPair></QAPairs></Document>')
XXE_NETWORK = (b'<?xml version="1.0"?><!DOCTYPE Document SYSTEM "http://127.0.0.1:9/evil.dtd">'
               b'<Document><QAPairs/></Document>')


@pytest.mark.parametrize("data, error, reason", [
    (b"", InputError, "empty"),
    (b"  \n ", InputError, "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 10, InputError, "binary"),
    (b"<Document><QAPairs><QAPair>", InputError, "invalid XML"),
    (b"not xml at all", InputError, "invalid XML"),
    (b'<?xml version="1.0"?><rss><channel/></rss>', UnsupportedFormat, "<rss>"),
    (b"<Document><Focus>x</Focus></Document>", UnsupportedFormat, "no QAPairs"),
    (b"<Document><QAPairs></QAPairs></Document>", InputError, "no answered questions"),
    (XXE, InputError, "DTD"),
    (XXE_NETWORK, InputError, "DTD"),
    (_billion_laughs(), InputError, "DTD"),
    (b'<?xml version="1.0" encoding="UTF-8"?><Document>\xff\xfe\xfa</Document>', InputError,
     "no QAPairs"),
])
def test_hostile_input_raises_input_error(data: bytes, error: type[InputError], reason: str) -> None:
    started = time.monotonic()
    with pytest.raises(error, match=reason) as info:
        parse_medquad(data, "bad.xml")
    assert time.monotonic() - started < 2
    assert "\n" not in str(info.value)


def test_entity_in_body_without_dtd_is_rejected_not_resolved() -> None:
    data = (b"<Document><QAPairs><QAPair><Question>q?</Question>"
            b"<Answer>&x;</Answer></QAPair></QAPairs></Document>")
    with pytest.raises(InputError, match="invalid XML"):
        parse_medquad(data, "entity.xml")


def test_invalid_utf8_is_decoded_not_crashed() -> None:
    data = (b"<Document source='CDC'><Focus>Caf\xe9</Focus><QAPairs><QAPair>"
            b"<Question>What?</Question><Answer>Fine.</Answer></QAPair></QAPairs></Document>")
    doc = parse_medquad(data, "latin.xml")
    assert doc.title == "Café"


@pytest.mark.corpora
def test_whole_corpus_parses() -> None:
    parsed, tried = parse_corpus("medquad", "*/*.xml", parse_medquad)  # the whole corpus: ~1 s
    assert len(parsed) >= 0.95 * tried
    assert all(d.publisher and d.canonical_url for d in parsed)
    # A few CDC files have an empty <Focus>: no title rather than an invented one.
    assert sum(1 for d in parsed if d.title) >= 0.95 * len(parsed)
    for doc in parsed:
        assert_offsets(doc)


def test_dispatch_through_formats() -> None:
    from extractors.formats import parse_bytes

    path = FIXTURES / "mplus-0000001-a1c.xml"
    assert parse_bytes(path.read_bytes(), str(path)).format == "medquad"
