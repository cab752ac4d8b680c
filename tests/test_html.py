"""HTML parsing: main content with structure, chrome removed, metadata, charsets, hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import extractors.html as html_module
from extractors.document import Document
from extractors.errors import DecodeError, EmptyDocument, InputError, RuleError
from extractors.html import benchmark_text, parse_html, sniff_charset
from extractors.htmlboilerplate import load_rules
from extractors.htmlmeta import iso_date, strip_site_suffix

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CLINIC = SHARED / "corpora" / "clinic"

PROSE = (
    "Most lower back pain gets better within a few weeks without any treatment, and staying "
    "active is one of the best things you can do while it settles. Gentle walking and normal "
    "daily activity help the muscles and joints recover faster than bed rest does. "
)

CHROME = """
<a class="skip-link" href="#main">Skip to main content</a>
<nav class="site-nav"><a href="/">Home</a><a href="/conditions">All Conditions</a>
  <a class="btn btn--primary" href="/contact">Book an Appointment</a></nav>
<div class="cookie-banner" role="dialog"><p>We use cookies to improve your experience.</p>
  <button>Accept</button></div>
"""

FOOTER = """
<aside class="related-articles"><h3>Related articles</h3><ul><li><a href="/x">Knee pain</a></li>
  <li><a href="/y">Hip pain</a></li></ul></aside>
<footer><p>Quick Links</p><a href="/privacy">Privacy Policy</a></footer>
<script>document.write("SCRIPT-TEXT-MARKER")</script>
"""


def page(body: str, head: str = "<title>Back pain | Example Health</title>") -> bytes:
    return (f"<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'>{head}</head>"
            f"<body>{CHROME}<main><article>{body}</article></main>{FOOTER}</body></html>"
            ).encode("utf-8")


ARTICLE = f"""
<h1>Back pain</h1>
<p>{PROSE}</p>
<p>{PROSE}</p>
<h2>When to seek help</h2>
<p>See a GP if the pain has not improved after 2 weeks. Call 999 if you have:</p>
<ul>
  <li>numbness around your <strong>genitals or bottom</strong></li>
  <li>loss of bladder or bowel control</li>
  <li>chest pain as well as back pain</li>
</ul>
<h3>Urgent care</h3>
<p>{PROSE}</p>
<table><tr><th>Symptom</th><th>Action</th></tr><tr><td>Fever</td><td>Call 111</td></tr></table>
<a class="btn" href="/book">Book an Appointment</a>
"""


@pytest.fixture(params=["trafilatura", "cleaned-tree"])
def extraction(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run each structure test through both the trafilatura path and the fallback walk."""
    if request.param == "cleaned-tree":
        monkeypatch.setattr(html_module, "_trafilatura_body", lambda tree, source: None)
    return request.param


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, doc.block_text(b)) for b in doc.blocks if b.kind == "heading"]


def test_headings_and_list_items_keep_offsets(extraction: str) -> None:
    doc = parse_html(page(ARTICLE), "https://example.org/back-pain")
    assert doc.format == "html"
    assert doc.extra["extraction"] == extraction
    assert (2, "When to seek help") in headings(doc)
    assert (3, "Urgent care") in headings(doc)
    items = [doc.block_text(b) for b in doc.blocks if b.kind == "list_item"]
    assert items == ["numbness around your genitals or bottom", "loss of bladder or bowel control",
                     "chest pain as well as back pain"]
    for block in doc.blocks:
        if block.kind == "list_item":
            assert doc.text[block.start - 2 : block.start] == "- "
    sections = {s.heading: s for s in doc.sections()}
    red_flags = sections["When to seek help"]
    assert "loss of bladder or bowel control" in doc.text[red_flags.start : red_flags.end]


def test_table_rows_become_paragraphs(extraction: str) -> None:
    doc = parse_html(page(ARTICLE), "t.html")
    paragraphs = [doc.block_text(b) for b in doc.blocks if b.kind == "paragraph"]
    assert "Fever | Call 111" in paragraphs


@pytest.mark.parametrize("chrome_text", [
    "Skip to main content", "All Conditions", "Book an Appointment", "We use cookies",
    "Accept", "Related articles", "Hip pain", "Quick Links", "Privacy Policy",
    "SCRIPT-TEXT-MARKER",
])
def test_boilerplate_never_reaches_text(extraction: str, chrome_text: str) -> None:
    doc = parse_html(page(ARTICLE), "t.html")
    assert chrome_text not in doc.text


@pytest.mark.parametrize("hidden", [
    "<script>var x = 'SECRET-CODE';</script>",
    "<script type='application/json'>{\"a\": \"SECRET-CODE\"}</script>",
    "<style>.x::after { content: 'SECRET-CODE' }</style>",
    "<noscript>SECRET-CODE enable javascript</noscript>",
    "<template><p>SECRET-CODE template</p></template>",
    "<form class='newsletter'><label>SECRET-CODE email</label><input></form>",
    "<div class='share-bar'><a href='#'>SECRET-CODE on Facebook</a></div>",
    "<div hidden>SECRET-CODE hidden</div>",
    "<p>Inline <script>SECRET-CODE()</script> script</p>",
    "<ul><li>An item<script>SECRET-CODE</script></li></ul>",
])
def test_code_and_widgets_stay_out(extraction: str, hidden: str) -> None:
    doc = parse_html(page(ARTICLE.replace("<h3>Urgent care</h3>", hidden + "<h3>Urgent care</h3>")),
                     "t.html")
    assert "SECRET-CODE" not in doc.text
    assert "Urgent care" in doc.text


def test_main_wrongly_nested_in_unclosed_nav_is_kept() -> None:
    """libxml2 nests <main> inside <nav> when a div in the nav is left open (clinic pages)."""
    data = (f"<html><body><nav class='nav'><div class='nav__mobile'><a href='/'>Home</a>"
            f"<div class='nav__contact'><a href='tel:1'>Call us</a></div></nav>"
            f"<main id='main'><h2>What causes it?</h2><p>{PROSE}</p><ul><li>Poor posture</li>"
            f"<li>Heavy lifting</li></ul><p>{PROSE}</p></main></body></html>").encode()
    doc = parse_html(data, "clinic.html")
    assert (2, "What causes it?") in headings(doc)
    assert "Heavy lifting" in doc.text
    assert "Home" not in doc.text and "Call us" not in doc.text


JSONLD_GRAPH = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "Organization", "@id": "https://ex.org/#org", "name": "Example Health"},
        {"@type": "Person", "@id": "https://ex.org/#jane", "name": "Dr Jane Smith"},
        {"@type": ["MedicalWebPage"], "name": "Sciatica: page", "url": "https://ex.org/sciatica",
         "reviewedBy": {"@type": "Person", "name": "Dr Raj Patel"}, "lastReviewed": "2024-02-10"},
        {"@type": "NewsArticle", "headline": "Sciatica: when to worry",
         "author": [{"@id": "https://ex.org/#jane"}, {"@type": "Person", "name": "Tom Lee"}],
         "publisher": {"@id": "https://ex.org/#org"}, "datePublished": "2023-05-01T09:30:00+01:00",
         "dateModified": "2024-01-15", "inLanguage": "en-US",
         "description": "What sciatica feels like."},
    ],
}


def test_metadata_from_jsonld_graph() -> None:
    head = (f"<title>Sciatica | Example Health</title>"
            f"<script type='application/ld+json'>{json.dumps(JSONLD_GRAPH)}</script>"
            f"<link rel='canonical' href='/sciatica'>")
    doc = parse_html(page(ARTICLE, head), "https://ex.org/sciatica?utm=1")
    assert doc.title == "Sciatica: when to worry"
    assert doc.author == "Dr Jane Smith; Tom Lee"
    assert doc.publisher == "Example Health"
    assert (doc.published, doc.modified) == ("2023-05-01", "2024-01-15")
    assert doc.reviewed_by == "Dr Raj Patel"
    assert doc.extra["last_reviewed"] == "2024-02-10"
    assert doc.canonical_url == "https://ex.org/sciatica"
    assert doc.language == "en"
    assert doc.description == "What sciatica feels like."


def test_metadata_from_opengraph_when_jsonld_is_malformed() -> None:
    head = """<title>Ignored | Site</title>
      <script type="application/ld+json">{"@type": "Article", "headline": "Broken", </script>
      <script type="application/ld+json">[[[[[[[[[[[[[[[[[[[[[[[[[[[[</script>
      <meta property="og:title" content="Neck pain: self-care">
      <meta property="og:site_name" content="Clinic Blog">
      <meta property="article:published_time" content="2022-11-03T08:00:00Z">
      <meta property="og:url" content="https://clinic.example/neck">
      <meta name="author" content="Alex Doe">
      <meta name="description" content="Easing neck pain at home.">"""
    doc = parse_html(page(ARTICLE, head), "neck.html")
    assert doc.title == "Neck pain: self-care"
    assert doc.publisher == "Clinic Blog"
    assert doc.published == "2022-11-03"
    assert doc.author == "Alex Doe"
    assert doc.canonical_url == "https://clinic.example/neck"
    assert doc.description == "Easing neck pain at home."


@pytest.mark.parametrize(("head", "expected"), [
    ("<title>Back pain | Example Health</title>", "Back pain"),
    ("<title>Sciatica - Symptoms and causes - Mayo Clinic</title>", "Sciatica - Symptoms and causes"),
    ("<title>Back pain – when to worry</title>", "Back pain – when to worry"),
    ("", "Back pain"),  # no <title>: first h1
])
def test_title_sources(head: str, expected: str) -> None:
    assert parse_html(page(ARTICLE, head), "t.html").title == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2023-05-01T09:30:00Z", "2023-05-01"), ("2023/5/1", "2023-05-01"),
    ("1 May 2023", "2023-05-01"), ("May 1st, 2023", "2023-05-01"), ("20230501", "2023-05-01"),
    ("yesterday", None), ("2023-02-30", None), (12345, None),
])
def test_iso_date(value: object, expected: str | None) -> None:
    assert iso_date(value) == expected


def test_site_suffix_uses_known_site_name() -> None:
    assert strip_site_suffix("Back pain - when to worry - healthsite", ["healthsite"]) == \
        "Back pain - when to worry"


@pytest.mark.parametrize("declaration", [
    '<meta charset="windows-1252">',
    '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
])
def test_windows_1252_declared_page(declaration: str) -> None:
    body = f"<p>Caf\u00e9 workers \u2013 na\u00efve \u201cposture\u201d advice. {PROSE}</p>"
    data = (f"<html><head>{declaration}<title>T</title></head><body><main>{body}</main>"
            f"</body></html>").encode("cp1252")
    assert sniff_charset(data) == "windows-1252"
    doc = parse_html(data, "latin.html")
    assert "Caf\u00e9 workers \u2013 na\u00efve \u201cposture\u201d advice." in doc.text


def test_invalid_utf8_without_declaration_still_parses() -> None:
    data = b"<html><body><main><p>Pain \xff\xfe caf\xc3 relief after a week.</p></main></body></html>"
    assert "relief after a week." in parse_html(data, "bad.html").text


@pytest.mark.parametrize(("data", "error", "reason"), [
    (b"", EmptyDocument, "empty"),
    (b"  \n\t ", EmptyDocument, "empty"),
    (bytes(range(256)) * 4, DecodeError, "binary"),
    (b"<html><body><nav><a href='/'>Home</a><a href='/a'>About</a></nav>"
     b"<footer>(c) 2024 Clinic</footer></body></html>", EmptyDocument, "no article text"),
    (b"<html><body><script>var a = 'hello world';</script></body></html>", EmptyDocument,
     "no article text"),
    (b"<html><body>" + b"<div>" * 100_000 + b"<p>deep</p>" + b"</div>" * 100_000
     + b"</body></html>", EmptyDocument, "256 levels"),
    (b"<html><body>" + b"<div><span><b>" * 100_000 + b"text", EmptyDocument, "no article text"),
])
def test_unusable_input_raises_input_error(data: bytes, error: type[InputError], reason: str) -> None:
    with pytest.raises(error, match=reason):
        parse_html(data, "bad.html")


def test_deep_nesting_after_content_keeps_the_content() -> None:
    data = f"<html><body><p>{PROSE}</p>".encode() + b"<div>x" * 100_000 + b"</body></html>"
    assert "staying active" in parse_html(data, "deep.html").text


def test_size_cap_refuses_with_reason() -> None:
    with pytest.raises(InputError, match="too large"):
        parse_html(page(ARTICLE), "big.html", max_bytes=1000)


def test_benchmark_text_drops_headline_and_markers() -> None:
    doc = parse_html(page(ARTICLE), "t.html")
    text = benchmark_text(doc)
    assert not text.startswith("Back pain") and "\n- " not in text
    assert "loss of bladder or bowel control" in text


def test_broken_rules_file_fails_on_load(tmp_path: Path) -> None:
    bad = tmp_path / "boilerplate_html.yaml"
    bad.write_text("version: 1\ndrop_tags: [script]\nlanding_tags: []\n", encoding="utf-8")
    with pytest.raises(RuleError):
        load_rules(bad)
    bad.write_text("version: 1\ndrop_tags: [script]\nlandmark_tags: []\nroles: []\n"
                   "class_patterns: [{id: x, pattern: '(unclosed'}]\nkeep_patterns: []\n"
                   "text_patterns: []\n", encoding="utf-8")
    with pytest.raises(RuleError, match="bad pattern"):
        load_rules(bad)


CLINIC_HEADINGS = {
    "back-pain.html": ["What Causes Back Pain?", "Your Back Pain Treatment Plan"],
    "headaches.html": ["The Musculoskeletal Connection", "Your Headache Treatment Plan"],
    "neck-pain.html": ["What Causes Neck Pain?", "Your Neck Pain Treatment Plan"],
    "sciatica.html": ["What Is Sciatica?", "Your Sciatica Treatment Plan"],
    "tips-for-managing-neck-pain.html": ["Start With Where You Spend Most of Your Day",
                                         "Do Not Leave It Too Long"],
}
CLINIC_CHROME = ["Book an Appointment", "Book Appointment", "We use cookies", "Cookie Policy",
                 "Skip to main content", "All Conditions", "Quick Links", "Privacy Policy",
                 "Made with", "WhatsApp", "Treating the root cause", "Back to top",
                 "All rights reserved"]


@pytest.mark.corpora
@pytest.mark.parametrize("name", sorted(CLINIC_HEADINGS))
def test_real_clinic_pages(name: str) -> None:
    path = CLINIC / name
    if not path.is_file():
        pytest.skip("../shared/corpora/clinic is not available")
    doc = parse_html(path.read_bytes(), f"https://www.canonburyclinic.co.uk/{name}")
    for chrome in CLINIC_CHROME:
        assert chrome not in doc.text, chrome
    found = [text for _, text in headings(doc)]
    for heading in CLINIC_HEADINGS[name]:
        assert heading in found
    assert sum(b.kind == "list_item" for b in doc.blocks) >= 5
    assert doc.title and "Canonbury Clinic" not in doc.title
    assert doc.language == "en" and doc.canonical_url
