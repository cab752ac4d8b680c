"""HTML pages to a ``Document``: main content only, with headings and lists kept as blocks.

Pipeline: cap the size, sniff the declared charset and decode (``decoding.decode_text``), parse
with lxml, read metadata from the untouched tree (``htmlmeta``), strip page chrome by rule
(``htmlboilerplate``), then let trafilatura pick the main content from what is left and walk its
structured output (``head``/``p``/``list``/``item``/``table``) into blocks. Trafilatura gives
up on short pages and can itself fail on odd markup; then the cleaned tree is walked directly,
preferring ``<main>``/``<article>``. Every tree walk here is iterative (``iterwalk``), and
libxml2 caps nesting depth, so hostile nesting cannot exhaust the Python stack.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from extractors.decoding import decode_text
from extractors.document import Document, DocumentBuilder, clean_inline
from extractors.errors import EmptyDocument, InputError
from extractors.htmlboilerplate import BoilerplateRules, default_rules, is_ui_text, strip_boilerplate
from extractors.htmlmeta import PageMetadata, extract_metadata, first_h1, html_title, strip_site_suffix

LOG = logging.getLogger(__name__)

#: Pages above this many bytes are refused (``CONCORD_HTML_MAX_BYTES`` overrides it): real
#: articles are well under 5 MB even with inline assets, and parsing cost grows with size.
MAX_HTML_BYTES = int(os.environ.get("CONCORD_HTML_MAX_BYTES", 20 * 1024 * 1024))

_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)
_SNIFF_BYTES = 8192
_TRUNCATED_ATTR = "data-concord-truncated"

# Block tags of HTML and of trafilatura's XML output; anything else is inline.
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_ITEMS = {"li", "item", "dt", "dd"}
_CELLS = {"td", "th", "cell"}
_BLOCKS = set(_HEADINGS) | _ITEMS | {
    "head", "p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
    "ul", "ol", "dl", "list", "table", "tr", "row", "thead", "tbody", "tfoot", "caption",
    "blockquote", "quote", "pre", "code", "figure", "figcaption", "address", "details",
    "summary", "fieldset", "hr", "form", "body", "center", "hgroup",
}
_CONTAINERS = {"ul", "ol", "dl", "list", "table"}
_TRAFILATURA_OPTIONS = dict(
    favor_precision=True, include_comments=False, include_tables=True, include_formatting=True, include_links=False,
    include_images=False, deduplicate=False, with_metadata=False,
)


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>``/``http-equiv`` or an XML declaration."""
    match = _CHARSET.search(data[:_SNIFF_BYTES])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii", "replace").strip().lower()


def parse_tree(text: str) -> HtmlElement:
    """lxml tree of a decoded page (re-encoded so an XML encoding declaration cannot clash)."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise EmptyDocument(f"no parseable HTML ({exc})") from None
    if not isinstance(tree, HtmlElement):
        raise EmptyDocument("no parseable HTML")
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        tree.set(_TRUNCATED_ATTR, "1")  # libxml2 stopped at 256 levels; say so if text is lost
    return tree


class _BlockWriter:
    """Turns a start/end event stream of (X)HTML elements into builder blocks."""

    def __init__(self, builder: DocumentBuilder, rules: BoilerplateRules, drop_link_items: bool):
        self.builder = builder
        self.rules = rules
        self.drop_link_items = drop_link_items
        self.parts: list[str] = []
        self.link_chars = 0
        self.link_depth = 0

    def flush(self, kind: str, level: int) -> None:
        text = clean_inline("".join(self.parts))
        link_chars, self.parts, self.link_chars = self.link_chars, [], 0
        if not text or is_ui_text(text, self.rules):
            return
        if kind == "list_item":
            if self.drop_link_items and link_chars >= len(text) - 2:
                return
            self.builder.list_item(text)
        elif kind == "heading":
            self.builder.heading(text, level)
        else:
            self.builder.paragraph(text)

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            if self.link_depth:
                self.link_chars += len(clean_inline(text))


def _kind(element: HtmlElement) -> tuple[str, int]:
    tag = element.tag
    if tag in _HEADINGS:
        return "heading", _HEADINGS[tag]
    if tag == "head":
        rend = element.get("rend") or ""
        return "heading", _HEADINGS.get(rend, 2)
    if tag in _ITEMS:
        return "list_item", 0
    return "paragraph", 0


def write_blocks(root: HtmlElement, builder: DocumentBuilder, *, drop_link_items: bool = False,
                 rules: BoilerplateRules | None = None) -> None:
    """Walk ``root`` iteratively; each block element's own text becomes one block."""
    writer = _BlockWriter(builder, rules or default_rules(), drop_link_items)
    open_blocks: list[tuple[str, int]] = [("paragraph", 0)]
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                writer.flush(*open_blocks[-1])
                kind = _kind(element)
                if kind[0] == "paragraph" and open_blocks[-1][0] == "list_item" \
                        and tag not in _CONTAINERS:
                    kind = open_blocks[-1]  # <li><p>…</p></li> is still a list item
                open_blocks.append(kind)
            elif tag in _CELLS and writer.parts and "".join(writer.parts).strip():
                writer.add(" | ")
            elif tag in ("br", "lb"):
                writer.add(" ")
            elif tag == "a" or tag == "ref":
                writer.link_depth += 1
            writer.add(element.text if tag else None)
        else:
            if tag in _BLOCKS:
                writer.flush(*open_blocks.pop())
            elif tag == "a" or tag == "ref":
                writer.link_depth -= 1
            elif tag in _CELLS:
                writer.add(" ")
            if element is not root:
                writer.add(element.tail)
    writer.flush(*open_blocks[-1])


def _trafilatura_body(tree: HtmlElement, source: str) -> HtmlElement | None:
    """Trafilatura's structured main content, or ``None`` when it declines or fails."""
    from trafilatura import bare_extraction  # heavy import, only when HTML is parsed

    url = source if source.startswith(("http://", "https://")) else None
    try:
        result = bare_extraction(tree, url=url, **_TRAFILATURA_OPTIONS)
    except Exception as exc:  # third-party heuristics on hostile markup; fall back, don't crash
        LOG.warning("trafilatura failed on %s (%s: %s); using the cleaned tree", source,
                    type(exc).__name__, exc)
        return None
    body = getattr(result, "body", None)
    return body if body is not None and len(body) else None


def _fallback_root(tree: HtmlElement) -> HtmlElement:
    for path in ("//main", "//*[@role='main']", "//article", "//*[@itemprop='articleBody']"):
        found = tree.xpath(path)
        if found:
            return max(found, key=lambda e: len(e.text_content()))
    body = tree.find("body")
    return body if body is not None else tree


def _title(meta: PageMetadata, tree_title: str | None, h1: str | None) -> str | None:
    sites = [s for s in (meta.site_name, meta.publisher) if s]
    for candidate in (meta.title, tree_title):
        if candidate:
            stripped = strip_site_suffix(candidate, sites)
            if stripped and stripped.lower() not in {s.lower() for s in sites}:
                return stripped
    return h1 or meta.title or tree_title


def _metadata_fields(meta: PageMetadata, title: str | None, method: str) -> dict[str, object]:
    extra = dict(meta.extra, extraction=method)
    if meta.site_name:
        extra["site_name"] = meta.site_name
    return dict(title=title, author=meta.author, publisher=meta.publisher,
                published=meta.published, modified=meta.modified, language=meta.language,
                canonical_url=meta.canonical_url, reviewed_by=meta.reviewed_by,
                description=meta.description, extra=extra)


def parse_html(data: bytes, source: str, *, max_bytes: int | None = None) -> Document:
    """Parse one HTML page; raises only ``InputError`` subclasses for unusable input."""
    limit = MAX_HTML_BYTES if max_bytes is None else max_bytes
    if len(data) > limit:
        raise InputError(f"HTML page too large: {len(data):,} bytes over the {limit:,}-byte "
                         f"limit (CONCORD_HTML_MAX_BYTES)")
    if not data.strip():
        raise EmptyDocument("empty file")
    text = decode_text(data, sniff_charset(data))
    tree = parse_tree(text)
    meta = extract_metadata(tree, source)
    tree_title, h1 = html_title(tree), first_h1(tree)
    rules = default_rules()
    strip_boilerplate(tree, rules)

    builder = DocumentBuilder()
    body = _trafilatura_body(tree, source)
    method = "trafilatura"
    if body is not None:
        write_blocks(body, builder, rules=rules)
    if not builder.blocks:
        method = "cleaned-tree"
        builder = DocumentBuilder()
        write_blocks(_fallback_root(tree), builder, drop_link_items=True, rules=rules)
    if not any(b.kind != "heading" for b in builder.blocks):
        if tree.get(_TRUNCATED_ATTR):
            raise EmptyDocument("no article text found (HTML nested over 256 levels deep; the "
                                "parser stops there)")
        raise EmptyDocument("no article text found (page holds only navigation or boilerplate)")
    return builder.build(source, "html", **_metadata_fields(meta, _title(meta, tree_title, h1), method))


def benchmark_text(document: Document) -> str:
    """Text as the article-extraction benchmark counts ``articleBody``: no headline, no markers.

    The stored text keeps the page's h1 as the root heading of its sections; schema.org's
    ``articleBody`` (the benchmark's ground truth) excludes the headline, so it is cut here only.
    """
    text = document.text
    first = document.blocks[0] if document.blocks else None
    if first is not None and first.kind == "heading":
        heading = document.block_text(first).lower()
        title = (document.title or "").lower()
        if first.level == 1 or (title and (heading in title or title in heading)):
            text = text[first.end:].lstrip("\n")
    return "\n".join(_unmark(text.split("\n")))


def _unmark(lines: Iterable[str]) -> Iterable[str]:
    for line in lines:
        yield line[2:] if line.startswith("- ") else line
