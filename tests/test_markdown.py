"""Markdown parser: NHS fixtures, a hand-made Healthline-shaped page, hostile bytes, corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.document import Document
from extractors.errors import InputError
from extractors.markdown import parse_markdown

from documents import CORPORA, assert_offsets

FIXTURES = Path(__file__).parent / "fixtures" / "nhs"

# Hand-made in the shape of the scraped Healthline pages (their text may not be copied here).
HEALTHLINE_SHAPED = """\
**Source URL**: https://www.healthline.com/health/example-ache


# Example Ache: Causes, Symptoms, and Treatment

**Description**: A made-up page used to test the parser.


Bezzy communities provide meaningful connections with others living with chronic conditions. Join Bezzy on the web or mobile app.

* Breast Cancer

* Migraine

Can't get enough? Connect with us for all things health.

Medically reviewed by Jane Doe, MD — Written by John Roe — Updated on March 2, 2021

# Everything You Need to Know About Example Ache

Share on PinterestPhoto by Someone/Stocksy

Example ache is common.It usually goes away on its own.

## When to see a doctor

See a doctor if you have:

* a fever above 38C

* pain that lasts more than **3 days**

| Symptom | Action |
|---|---|
| mild ache | rest |
| [severe ache](https://example.org/severe) | call `911` |

### How we reviewed this article:

* Smith J. (2020). A reference.https://example.org/ref

### Read this next

Teaser text for another article.

## Outlook

Most people recover.
"""


def _parse_fixture(name: str) -> Document:
    path = FIXTURES / name
    return parse_markdown(path.read_bytes(), str(path))


def _items_under(doc: Document, heading: str) -> list[str]:
    section = next(s for s in doc.sections() if s.heading == heading)
    return [doc.block_text(b) for b in doc.blocks
            if b.kind == "list_item" and section.start <= b.start < section.end]


def test_nhs_cellulitis_sections_keep_their_bullets() -> None:
    doc = _parse_fixture("nhs-conditions-cellulitis.md")
    assert_offsets(doc)
    assert doc.title == "Cellulitis"
    assert doc.format == "markdown"
    assert doc.publisher == "NHS"
    assert doc.extra["publisher_evidence"] == "links"
    assert _items_under(doc, "See a GP if your skin is:") == [
        "red", "hot", "swollen", "painful", "tender", "blistered"]
    red_flags = _items_under(doc, "Call 999 or go to A&E now if you have cellulitis with:")
    assert red_flags[0] == "a high temperature above 38C"
    assert len(red_flags) == 7
    assert doc.extra["abbreviations"] == {"A&E": "Accident and Emergency"}


def test_nhs_headings_have_levels_and_exact_offsets() -> None:
    doc = _parse_fixture("nhs-conditions-cellulitis.md")
    headings = [(doc.block_text(b), b.level) for b in doc.blocks if b.kind == "heading"]
    assert headings[0] == ("Cellulitis", 1)
    assert ("To stop cellulitis recurring", 3) in headings
    sub = next(s for s in doc.sections() if s.heading == "To stop cellulitis recurring")
    assert sub.path == ("Cellulitis", "Treatment from your GP", "To stop cellulitis recurring")


@pytest.mark.parametrize("fragment", [
    "](http", "*[A&E]", "[Book a GP", "Book a GP appointment online", "{.list",
])
def test_nhs_markup_and_link_buttons_do_not_reach_text(fragment: str) -> None:
    for name in ("nhs-conditions-cellulitis.md", "nhs-conditions-earache.md"):
        assert fragment not in _parse_fixture(name).text


def test_link_text_is_kept_and_url_dropped() -> None:
    doc = _parse_fixture("nhs-conditions-cellulitis.md")
    assert "These are symptoms of sepsis which can be very serious" in doc.text
    assert "have pressure ulcers (bedsores)" in doc.text


def test_nhs_attribute_lines_and_definition_lists() -> None:
    doc = _parse_fixture("nhs-conditions-earache.md")
    assert_offsets(doc)
    assert _items_under(doc, "Do") == [
        "use painkillers such as paracetamol or ibuprofen (children under 16 shouldn’t take aspirin)",
        "place a warm or cold flannel on the ear",
    ]
    causes = _items_under(doc, "What causes earache and pain")
    assert causes[:2] == ["Children teething", "Dental abscess"]
    assert "An object stuck in the ear – do not try to remove it yourself, see your GP" in causes


def test_table_rows_become_pipe_joined_paragraphs() -> None:
    doc = _parse_fixture("nhs-conditions-vaginal-discharge.md")
    rows = [doc.block_text(b) for b in doc.blocks if " | " in doc.block_text(b)]
    assert rows[0] == "Discharge | Possible cause"
    assert "smells fishy | bacterial vaginosis" in rows
    assert "with pelvic pain [or bleeding] | chlamydia or gonorrhoea" in rows
    assert all(b.kind == "paragraph" for b in doc.blocks if " | " in doc.block_text(b))


def test_healthline_shaped_page_metadata_and_chrome() -> None:
    doc = parse_markdown(HEALTHLINE_SHAPED.encode(), "example-ache.md")
    assert_offsets(doc)
    assert doc.canonical_url == "https://www.healthline.com/health/example-ache"
    assert doc.publisher == "Healthline"
    assert doc.description == "A made-up page used to test the parser."
    assert doc.title == "Example Ache: Causes, Symptoms, and Treatment"
    assert doc.reviewed_by == "Jane Doe, MD"
    assert doc.author == "John Roe"
    assert doc.modified == "2021-03-02"
    for chrome in ("Bezzy", "Breast Cancer", "Connect with us", "Pinterest", "Source URL",
                   "How we reviewed", "A reference", "Read this next", "Teaser", "Medically"):
        assert chrome not in doc.text, chrome
    assert "Example ache is common. It usually goes away on its own." in doc.text
    assert _items_under(doc, "When to see a doctor") == [
        "a fever above 38C", "pain that lasts more than 3 days"]
    assert "severe ache | call 911" in doc.text
    assert doc.text.endswith("Outlook\n\nMost people recover.")


HUB_SHAPED = """# Parenthood

## Conditions and Concerns

* BabyWhat's Giving Your Baby Diarrhea? Common CausesOccasional baby diarrhea is very common.

Occasional baby diarrhea is very common.

* ToddlerHow to Treat a Cough in Toddlers at HomeYou can often treat a toddler's cough at home…

You can often treat a toddler's cough at home…

## Symptoms

* a runny nose

Most children get better within a week.

## More inYour Eczema Skin Care Roadmap

* Yes, Eczema Can Cause Dark or Light Spots

## Outlook

Most children recover.
"""


def test_hub_link_cards_and_series_boxes_are_chrome() -> None:
    """Round 21: a link card (another article's title glued to its blurb, then the blurb again) and
    Healthline's "More in<series>" box headline other articles; a list item followed by a paragraph
    that does not repeat it stays, and so does a "More information" heading."""
    doc = parse_markdown(HUB_SHAPED.encode(), "parenthood.md")
    assert_offsets(doc)
    for chrome in ("Diarrhea", "diarrhea", "toddler's cough", "Roadmap", "Dark or Light Spots"):
        assert chrome not in doc.text, chrome
    assert _items_under(doc, "Symptoms") == ["a runny nose"]
    assert "Most children get better within a week." in doc.text
    assert doc.text.endswith("Outlook\n\nMost children recover.")
    kept = parse_markdown(b"# Back pain\n\n## More information\n\nSee a GP if it lasts.\n", "x.md")
    assert "More information" in kept.text


def test_front_matter_gives_metadata_and_is_not_text() -> None:
    data = (b"---\ntitle: Back pain\nauthor: A. Writer\npublished: 2024-05-01\n"
            b"canonical_url: https://www.nhs.uk/conditions/back-pain/\n---\n"
            b"# Heading that is not the title\n\nSee a GP if:\n\n- it hurts\n")
    doc = parse_markdown(data, "back.md")
    assert doc.title == "Back pain"
    assert doc.author == "A. Writer"
    assert doc.published == "2024-05-01"
    assert doc.publisher == "NHS"
    assert doc.extra["publisher_evidence"] == "canonical_url"
    assert doc.text.startswith("Heading that is not the title")
    assert _items_under(doc, "Heading that is not the title") == ["it hurts"]


def test_single_foreign_link_does_not_make_a_publisher() -> None:
    data = (b"# Blog\n\nRead [the NHS](https://www.nhs.uk/x), [this](https://a.example/1) and "
            b"[that](https://b.example/2).\n")
    assert parse_markdown(data, "blog.md").publisher is None


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"   \n\t\n", "empty"),
    (b"\x00\x01\x02\x03binary\x00\xff" * 20, "binary"),
    (b"<!-- only a comment -->\n", "no text"),
    (b"---\ntitle: x\n---\n", "no text"),
    (b"![](https://example.org/picture.png)\n", "no text"),
])
def test_unusable_input_raises_input_error(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        parse_markdown(data, "bad.md")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("data", [
    b"# Caf\xe9 cr\xe8me\n\nSome text.\n",  # Windows-1252, not UTF-8
    b"\xef\xbb\xbf# Title\n\nBody\n",  # UTF-8 BOM
    "# Title\r\n\r\n- one\r\n- two\r\n".encode("utf-16"),
    b"> " * 5000 + b"deep",  # deeply nested blockquote
    b"---\n" + b"a: &a [" + b"*a," * 50 + b"]\n---\ntext\n",  # YAML that is not a mapping of scalars
    b"- " * 3000 + b"x",  # deeply nested list
])
def test_odd_but_decodable_input_parses_or_raises_input_error(data: bytes) -> None:
    try:
        doc = parse_markdown(data, "odd.md")
    except InputError:
        return
    assert doc.text.strip()
    assert_offsets(doc)


def test_cp1252_is_decoded_not_mangled() -> None:
    doc = parse_markdown(b"# Caf\xe9\n\nBody\n", "cafe.md")
    assert doc.title == "Café"


@pytest.mark.corpora
@pytest.mark.parametrize("corpus", ["nhs", "healthline"])
def test_whole_corpus_parses(corpus: str) -> None:
    folder = CORPORA / corpus
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    files = sorted(folder.glob("*.md"))
    assert files
    parsed = []
    for path in files:
        try:
            parsed.append(parse_markdown(path.read_bytes(), str(path)))
        except InputError:
            continue
    with_text = [d for d in parsed if d.word_count >= 20]
    assert len(with_text) >= 0.9 * len(files)
    for doc in parsed:
        assert_offsets(doc)


def test_dispatch_through_formats() -> None:
    from extractors.formats import parse_bytes

    path = FIXTURES / "nhs-conditions-cellulitis.md"
    assert parse_bytes(path.read_bytes(), str(path)).format == "markdown"


GOOD_CHROME = ("version: 1\nsections: [{id: refs, text: References}]\n"
               "paragraphs: [{id: pin, pattern: '^Share on Pinterest'}]\n")


@pytest.mark.parametrize(("text", "message"), [
    ("version: 2\nsections: []\nparagraphs: []\n", "expected a mapping with version: 1"),
    (GOOD_CHROME + "headings: []\n", "unknown key(s) ['headings']"),
    ("version: 1\nsections: [{id: refs}]\nparagraphs: []\n", "sections entries need a string id and text"),
    ("version: 1\nsections: [{id: a, text: x}, {id: a, text: y}]\nparagraphs: []\n", "duplicate id in sections"),
    ("version: 1\nsections: []\nparagraphs: [{id: p, pattern: '(unclosed'}]\n", "paragraphs p: bad pattern"),
    ("version: 1\nsections: []\nparagraphs: [{id: p, pattern: '^x', case: upper}]\n",
     "paragraphs entries need a string id and pattern"),
    ("version: 1\nsections: []\nparagraphs: [{id: p, pattern: x}, {id: p, pattern: y}]\n",
     "duplicate id 'p' in paragraphs"),
    ("version: 1\nsections: []\nparagraphs: {id: p}\n", "paragraphs must be a list"),
])
def test_chrome_rules_file_errors(tmp_path: Path, text: str, message: str) -> None:
    from extractors.errors import RuleError
    from extractors.markdownchrome import load_chrome_rules

    bad = tmp_path / "markdown_chrome.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_chrome_rules(bad)
    assert str(caught.value).startswith("markdown_chrome.yaml: ") and message in str(caught.value)


def test_chrome_rules_are_read_from_the_file(tmp_path: Path) -> None:
    from extractors.markdownchrome import load_chrome_rules

    path = tmp_path / "markdown_chrome.yaml"
    path.write_text(GOOD_CHROME + "section_patterns: [{id: more, pattern: '^More in(?=[A-Z])', case: sensitive}]\n",
                    encoding="utf-8")
    rules = load_chrome_rules(path)
    assert rules.section("References:") == "refs" and rules.section("Causes") is None
    assert rules.section("More inCold and Flu") == "more" and rules.section("more information") is None
    assert rules.paragraph("share on pinterest") == "pin"  # case-insensitive unless told otherwise
    assert not rules.opens_promo_list("Bezzy communities")  # no promo_lists_after in this file
