"""News JSON parser: hand-made articles in the FakeHealth shape, hostile JSON, the corpus."""

from __future__ import annotations

import json
from typing import Any

import pytest

from extractors.document import Document
from extractors.errors import EmptyDocument, InputError, UnsupportedFormat
from extractors.newsjson import parse_news_json

from documents import assert_offsets, parse_corpus


# Hand-made in the shape of the FakeHealth stories (their text may not be copied here).
STORY_TEXT = """\
By Pat Example

HealthDay Reporter

Advertisement

A new study suggests that back pain after lifting usually settles within six weeks.

Researchers followed 400 adults who hurt their backs at the gym.

What the study found

Most people improved with gentle movement and simple painkillers.

Doctors say you should seek urgent help if:

• you lose control of your bladder
• you have numbness around your bottom

Photo: STOCK PHOTO/Getty Images

Kim Painter

###

More information

The health service has more on back pain.
"""


def _story(**overrides: Any) -> dict[str, Any]:
    story: dict[str, Any] = {
        "url": "https://www.example-news.com/health/back-pain-study",
        "text": STORY_TEXT,
        "images": [],
        "top_img": "",
        "keywords": ["back pain"],
        "authors": ["Pat Example", "Min Read", "Kim Painter Is A Health Writer For The Paper"],
        "canonical_link": "https://www.example-news.com/health/back-pain-study",
        "title": "Back pain after lifting usually settles, study finds",
        "meta_data": {
            "description": "A study of gym injuries.",
            "og": {"site_name": "Example News", "title": "Back pain study"},
            "article": {"modified_time": "2018-12-17T10:00:00Z"},
        },
        "movies": [],
        "source": "https://www.example-news.com",
        "summary": "",
        "publish_date": 1544936400.0,
    }
    story.update(overrides)
    return story


def _parse(obj: Any, source: str = "story.json") -> Document:
    return parse_news_json(json.dumps(obj).encode(), source)


def test_story_blocks_headings_and_bullets() -> None:
    doc = _parse(_story())
    assert_offsets(doc)
    assert doc.format == "newsjson"
    blocks = [(b.kind, doc.block_text(b)) for b in doc.blocks]
    assert blocks[0] == ("paragraph", "A new study suggests that back pain after lifting usually "
                                      "settles within six weeks.")
    assert ("heading", "What the study found") in blocks
    assert ("heading", "More information") in blocks
    assert ("paragraph", "Kim Painter") in blocks  # a signature has a heading's shape
    assert ("list_item", "you lose control of your bladder") in blocks
    assert ("list_item", "you have numbness around your bottom") in blocks
    section = next(s for s in doc.sections() if s.heading == "What the study found")
    assert "seek urgent help if:\n\n- you lose control" in doc.text[section.start:section.end]


@pytest.mark.parametrize("furniture", [
    "By Pat Example", "HealthDay Reporter", "Advertisement", "Getty Images", "###",
])
def test_page_furniture_is_dropped(furniture: str) -> None:
    assert furniture not in _parse(_story()).text


def test_story_metadata() -> None:
    doc = _parse(_story())
    assert doc.title == "Back pain after lifting usually settles, study finds"
    assert doc.author == "Pat Example"  # "Min Read" and the bio fragment are scraper noise
    assert doc.publisher == "Example News"
    assert doc.published == "2018-12-16"
    assert doc.modified == "2018-12-17"
    assert doc.canonical_url == "https://www.example-news.com/health/back-pain-study"
    assert doc.description == "A study of gym injuries."
    assert doc.extra["keywords"] == ["back pain"]


@pytest.mark.parametrize("site_name, url, publisher", [
    ("Example News", "https://www.example-news.com/a", "Example News"),
    ("U.S.", "https://www.reuters.com/article/x", "reuters.com"),  # a section, not the site
    ("Well", "https://well.blogs.nytimes.com/2012/x", "well.blogs.nytimes.com"),
    ("CNN", "https://edition.cnn.com/x", "CNN"),
    (None, "https://www.newswise.com/articles/x", "newswise.com"),
    ("https://www.inquirer.com", "https://www.inquirer.com/x", "inquirer.com"),
])
def test_publisher_from_site_name_or_host(site_name: str | None, url: str, publisher: str) -> None:
    og = {"site_name": site_name} if site_name else {}
    doc = _parse(_story(url=url, canonical_link="", meta_data={"og": og}))
    assert doc.publisher == publisher


def test_archived_url_is_unwrapped() -> None:
    archived = ("https://web.archive.org/web/20181218015531/"
                "https://www.eurekalert.org/pub_releases/2018-12/x.php")
    doc = _parse(_story(url=archived, canonical_link=archived, meta_data={}))
    assert doc.canonical_url == "https://www.eurekalert.org/pub_releases/2018-12/x.php"
    assert doc.publisher == "eurekalert.org"
    assert doc.extra["archived_url"] == archived


def test_missing_date_falls_back_to_meta_data() -> None:
    doc = _parse(_story(publish_date=None,
                        meta_data={"date": "2018-12-13 05:00:00 GMT/UTC"}))
    assert doc.published == "2018-12-13"


def test_press_release_with_numbered_list() -> None:
    text = ("Newswise — A university trial found that:\n\n1) walking helps\n2) rest helps less\n\n"
            "- 30 -")
    doc = _parse(_story(text=text, authors=[], url="https://www.newswise.com/articles/x",
                        canonical_link="", meta_data={}))
    assert [doc.block_text(b) for b in doc.blocks if b.kind == "list_item"] == [
        "walking helps", "rest helps less"]
    assert "30" not in doc.text
    assert doc.author is None


@pytest.mark.parametrize("data, error, reason", [
    (b"", EmptyDocument, "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 10, InputError, "binary"),
    (b'{"url": "https://x.example/a", "text": "trunc', InputError, "invalid JSON"),
    (b"{'url': 'single quotes'}", InputError, "invalid JSON"),
    (b"[" * 100_000 + b"]" * 100_000, InputError, "invalid JSON"),
    (b'[{"url": "https://x.example/a", "text": "Body."}]', UnsupportedFormat, "array"),
    (b'"just a string"', UnsupportedFormat, "a string"),
    (b'{"name": "package", "version": "1.0"}', UnsupportedFormat, "not a news article"),
    (b'{"url": "https://x.example/a", "text": ["not", "a string"]}', UnsupportedFormat, "'text'"),
    (b'{"url": "https://x.example/a", "text": "", "title": "T"}', EmptyDocument, "empty 'text'"),
    (b'{"url": "https://x.example/a", "text": "Headline", "title": "Headline"}', EmptyDocument,
     "only its headline"),
    (b'{"url": "https://x.example/a", "text": "Advertisement\\n\\n###"}', EmptyDocument,
     "page furniture"),
    (b'{"text": "x", "n": ' + b"1" * 5000 + b"}", InputError, "invalid JSON"),
])
def test_unusable_input_raises_input_error(data: bytes, error: type[InputError],
                                           reason: str) -> None:
    with pytest.raises(error) as info:
        parse_news_json(data, "bad.json")
    message = str(info.value)
    assert reason in message
    assert message and "\n" not in message


def test_invalid_utf8_is_decoded_as_cp1252() -> None:
    data = b'{"url": "https://x.example/a", "title": "Caf\xe9", "text": "Caf\xe9 study results."}'
    doc = parse_news_json(data, "cp1252.json")
    assert doc.title == "Café"
    assert doc.text == "Café study results."


@pytest.mark.corpora
def test_whole_corpus_parses() -> None:
    parsed, tried = parse_corpus("fakehealth", "*/*.json", parse_news_json)  # the whole corpus: ~1 s
    assert len(parsed) >= 0.9 * tried
    assert all(d.canonical_url and d.publisher for d in parsed)
    assert sum(1 for d in parsed if d.title) >= 0.95 * len(parsed)  # a few have title ""
    assert sum(d.word_count >= 50 for d in parsed) >= 0.9 * len(parsed)
    for doc in parsed:
        assert_offsets(doc)


def test_dispatch_through_formats() -> None:
    from extractors.formats import parse_bytes

    assert parse_bytes(json.dumps(_story()).encode(), "story.json").format == "newsjson"
