"""Markdown pages (NHS condition pages, scraped Healthline pages) into a ``Document``.

markdown-it-py does the CommonMark parsing so lists, headings and tables keep their structure;
what it cannot know about is handled here: kramdown attribute lines (``{.list--check}``),
abbreviation definitions (``*[A&E]: …``) and ``~`` definition lists in the NHS export, the
``**Source URL**:``/``**Description**:`` header the Healthline scraper wrote, and page chrome
(community promos, reference lists, "Read this next" teasers) that would otherwise be mined for
medical claims.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from extractors.decoding import decode_text
from extractors.document import BlockKind, Document, DocumentBuilder, clean_inline
from extractors.errors import EmptyDocument, InputError
from extractors.markdownchrome import chrome_rules, drop_link_cards

FORMAT = "markdown"

# Publishers recognised from a URL host (suffix match), so the name is right however the file
# reached us.
KNOWN_PUBLISHERS: dict[str, str] = {
    "nhs.uk": "NHS",
    "healthline.com": "Healthline",
    "medlineplus.gov": "MedlinePlus",
    "mayoclinic.org": "Mayo Clinic",
    "webmd.com": "WebMD",
    "cdc.gov": "CDC",
}

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_ATTRIBUTE_LINE = re.compile(r"^[ \t]*\{:?[ \t]*[.#:][^}\n]*\}[ \t]*$", re.M)
_ABBREVIATION = re.compile(r"^\*\[([^\]\n]+)\]:[ \t]*(.*)$", re.M)
_DEFINITION = re.compile(r"^~[ \t]+", re.M)
_SCRAPER_FIELD = re.compile(r"^\*\*(Source URL|Description)\*\*:[ \t]*(.*)$", re.M | re.I)
# "Papules.These small bumps": scrapers drop the space after a full stop at a link boundary.
_GLUED_SENTENCE = re.compile(r"(?<=[a-z]{2})\.(?=[A-Z][a-z]+\b)")
_HEADER_SPAN = 2000
_MONTH_DATE = re.compile(r"([A-Z][a-z]+\.? \d{1,2}, \d{4})")

@dataclass(slots=True)
class _Page:
    """What the token walk collects before chrome is filtered out."""

    blocks: list[tuple[BlockKind, str, int]] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)


def parse_markdown(data: bytes, source: str) -> Document:
    """Parse Markdown bytes; raises ``InputError`` for anything that is not usable text."""
    if not data.strip():
        raise EmptyDocument("empty file")
    text = decode_text(data)
    if not text.strip():
        raise EmptyDocument("file contains only whitespace")
    front, body = _split_front_matter(text)
    meta: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    if front:
        meta.update(front)
    body, scraped = _take_scraper_fields(body)
    for key, value in scraped.items():
        meta.setdefault(key, value)
    body, abbreviations = _take_abbreviations(body)
    if abbreviations:
        extra["abbreviations"] = abbreviations
    body = _ATTRIBUTE_LINE.sub("", body)
    body = _DEFINITION.sub("- ", body)

    try:
        tokens = _markdown().parse(body)
    except RecursionError:
        raise InputError("markdown nested too deeply to parse") from None
    page = _walk(tokens)
    blocks, found = _drop_chrome(page.blocks)
    for key, value in found.items():
        meta.setdefault(key, value)

    builder = DocumentBuilder()
    for kind, content, level in blocks:
        content = _GLUED_SENTENCE.sub(". ", content)
        if kind == "heading":
            builder.heading(content, level)
        elif kind == "list_item":
            builder.list_item(content)
        else:
            builder.paragraph(content)
    if not builder.blocks:
        raise EmptyDocument("markdown has no text content (only markup, pictures, page chrome "
                            "or nesting too deep to read)")

    if "title" not in meta:
        first_h1 = next((c for k, c, lvl in blocks if k == "heading" and lvl == 1), None)
        if first_h1:
            meta["title"] = clean_inline(first_h1)
    if "publisher" not in meta:
        publisher, evidence = _infer_publisher(meta.get("canonical_url"), page.hrefs)
        if publisher:
            meta["publisher"] = publisher
            extra["publisher_evidence"] = evidence
    return builder.build(source, FORMAT, extra=extra, **meta)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    return md


# --- header material ---------------------------------------------------------------------------

_META_KEYS: dict[str, str] = {
    "title": "title", "author": "author", "authors": "author", "publisher": "publisher",
    "site_name": "publisher", "published": "published", "date": "published",
    "modified": "modified", "updated": "modified", "last_modified": "modified",
    "canonical_url": "canonical_url", "canonical": "canonical_url", "url": "canonical_url",
    "source_url": "canonical_url", "reviewed_by": "reviewed_by", "description": "description",
    "language": "language", "lang": "language",
}


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML front matter, if the file starts with one; malformed YAML is treated as body text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        loaded = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(loaded, dict):
        return {}, text
    meta: dict[str, str] = {}
    for key, value in loaded.items():
        field_name = _META_KEYS.get(str(key).lower().replace("-", "_"))
        scalar = _scalar(value)
        if field_name and scalar and field_name not in meta:
            meta[field_name] = scalar
    return meta, text[match.end():]


def _scalar(value: Any) -> str | None:
    """A front-matter value as one string; nested structures other than short lists are ignored."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return clean_inline(str(value)) or None
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value[:20]):
        return ", ".join(clean_inline(v) for v in value[:20]) or None
    return None


def _take_scraper_fields(body: str) -> tuple[str, dict[str, str]]:
    """``**Source URL**: …`` / ``**Description**: …`` lines a scraper wrote above the page.

    Only the head of the file is searched: the same bold label later on is article text.
    """
    found: dict[str, str] = {}
    head, rest = body[:_HEADER_SPAN], body[_HEADER_SPAN:]

    def take(match: re.Match[str]) -> str:
        key = "canonical_url" if match.group(1).lower() == "source url" else "description"
        value = clean_inline(match.group(2))
        if value and key not in found:
            found[key] = value
        return ""

    return _SCRAPER_FIELD.sub(take, head, count=4) + rest, found


def _take_abbreviations(body: str) -> tuple[str, dict[str, str]]:
    found: dict[str, str] = {}

    def take(match: re.Match[str]) -> str:
        found.setdefault(match.group(1).strip(), clean_inline(match.group(2)))
        return ""

    return _ABBREVIATION.sub(take, body), found


# --- token walk --------------------------------------------------------------------------------

def _walk(tokens: list[Token]) -> _Page:
    """Turn block tokens into (kind, text, level) triples, flattening nested lists."""
    page = _Page()
    list_depth = 0
    item_paragraphs: list[int] = []  # paragraphs seen so far in each open list item
    row: list[str] | None = None
    heading_level = 0
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "list_item_open":
            item_paragraphs.append(0)
        elif kind == "list_item_close":
            if item_paragraphs:
                item_paragraphs.pop()
        elif kind == "heading_open":
            heading_level = int(token.tag[1:]) if token.tag[1:].isdigit() else 2
        elif kind == "heading_close":
            heading_level = 0
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if row is not None and any(cell for cell in row):
                page.blocks.append(("paragraph", " | ".join(row), 0))
            row = None
        elif kind == "inline":
            content = _inline_text(token, page.hrefs)
            if row is not None:
                row.append(clean_inline(content))
            elif heading_level:
                page.blocks.append(("heading", content, heading_level))
            elif list_depth and item_paragraphs:
                first = item_paragraphs[-1] == 0
                item_paragraphs[-1] += 1
                page.blocks.append(("list_item" if first else "paragraph", content, 0))
            elif not _is_link_button(token):
                page.blocks.append(("paragraph", content, 0))
        elif kind in ("code_block", "fence"):
            for chunk in re.split(r"\n\s*\n", token.content):
                page.blocks.append(("paragraph", chunk, 0))
        elif kind == "html_block":
            stripped = re.sub(r"<!--.*?-->|<[^>]*>", " ", token.content, flags=re.S)
            if clean_inline(stripped):
                page.blocks.append(("paragraph", stripped, 0))
    return page


def _is_link_button(token: Token) -> bool:
    """A paragraph that is nothing but one link ("Book a GP appointment online") is a button."""
    kinds = [c.type for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    return len(kinds) >= 3 and kinds[0] == "link_open" and kinds[-1] == "link_close" \
        and kinds.count("link_open") == 1


def _inline_text(token: Token, hrefs: list[str]) -> str:
    """Plain text of an inline token: link text kept, URLs and tags dropped, image alt kept."""
    parts: list[str] = []
    children = token.children or []
    in_autolink = False
    only_images = all(c.type in ("image", "softbreak", "hardbreak") or
                      (c.type == "text" and not c.content.strip()) for c in children)
    for child in children:
        kind = child.type
        if kind == "link_open":
            href = str(child.attrs.get("href", ""))
            if href:
                hrefs.append(href)
            in_autolink = child.markup == "autolink"
        elif kind == "link_close":
            in_autolink = False
        elif kind in ("text", "code_inline", "text_special"):
            if not in_autolink:
                parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "image":
            # A paragraph that is only a picture is decoration; an inline icon's alt is wording.
            if not only_images:
                parts.append(child.content)
        elif kind == "html_inline" and re.match(r"<br\b", child.content, re.I):
            parts.append(" ")
    return "".join(parts)


# --- chrome and metadata found in the body -----------------------------------------------------

def _drop_chrome(
    blocks: list[tuple[BlockKind, str, int]],
) -> tuple[list[tuple[BlockKind, str, int]], dict[str, str]]:
    """Remove navigation/bibliography sections and promo lines (rules/markdown_chrome.yaml),
    keeping any byline facts."""
    chrome = chrome_rules()
    kept: list[tuple[BlockKind, str, int]] = []
    found: dict[str, str] = {}
    skip_level = 0
    in_promo_list = False
    for kind, content, level in blocks:
        text = clean_inline(content)
        if kind == "heading":
            in_promo_list = False
            if skip_level and level > skip_level:
                continue
            skip_level = 0
            if chrome.section(text):
                skip_level = level
                continue
        elif skip_level:
            continue
        if kind == "list_item" and in_promo_list:
            continue
        in_promo_list = False
        if kind != "heading" and chrome.paragraph(text):
            _read_byline(text, found)
            in_promo_list = chrome.opens_promo_list(text)
            continue
        kept.append((kind, content, level))
    return drop_link_cards(kept), found


def _read_byline(text: str, found: dict[str, str]) -> None:
    """"Medically reviewed by X — Written by Y — Updated on Z" / "Last medically reviewed on Z"."""
    reviewed = re.search(r"Medically reviewed by (.+?)(?:\s+[—–-]\s+|\s*$)", text, re.I)
    if reviewed:
        found.setdefault("reviewed_by", clean_inline(reviewed.group(1)))
    written = re.search(r"Written by (.+?)(?:\s+[—–-]\s+|\s*$)", text, re.I)
    if written:
        found.setdefault("author", clean_inline(written.group(1)))
    dated = re.search(r"(?:reviewed|updated) on " + _MONTH_DATE.pattern, text, re.I)
    if dated:
        iso = _iso_date(dated.group(1))
        if iso:
            found.setdefault("modified", iso)


def _iso_date(text: str) -> str | None:
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y"):
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _publisher_for_host(host: str) -> str | None:
    host = host.lower().rstrip(".")
    for domain, name in KNOWN_PUBLISHERS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return None


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _infer_publisher(canonical_url: str | None, hrefs: list[str]) -> tuple[str | None, str]:
    """Publisher from the page's own URL, else from a known site most of its links point into.

    NHS pages exported without their URL still link mostly to nhs.uk; a page that merely cites
    one NHS page among other sites is not attributed to the NHS.
    """
    if canonical_url:
        host = _host(canonical_url)
        name = _publisher_for_host(host)
        if name:
            return name, "canonical_url"
        if host:
            return host.removeprefix("www."), "canonical_url"
    absolute = [_host(h) for h in hrefs if h.startswith(("http://", "https://"))]
    absolute = [h for h in absolute if h]
    if not absolute:
        return None, ""
    votes = Counter(_publisher_for_host(h) for h in absolute)
    name, count = votes.most_common(1)[0]
    if name and count * 2 > len(absolute):
        return name, "links"
    return None, ""
