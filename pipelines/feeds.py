"""Expanding sitemaps, sitemap indexes, RSS and Atom feeds into article URLs.

Feeds and sitemaps are XML from strangers: they are parsed without DTDs, entities or network
access, and any ``<!DOCTYPE``/``<!ENTITY`` is refused outright (XXE, billion laughs). Sitemap
indexes are followed with a visited set, a depth limit and URL/sitemap budgets, so an index that
lists itself (or a cycle of them) ends instead of looping.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree

from extractors.errors import FetchError, InputError
from pipelines.fetch import Fetcher, redact_url

MAX_URLS = 50_000          # article URLs from one run's feeds and sitemaps (the sitemap protocol's cap)
MAX_SITEMAPS = 1_000       # sitemap documents fetched in one expansion
MAX_DEPTH = 5              # nesting of sitemap indexes
MAX_XML_BYTES = 50_000_000  # decompressed sitemap.xml.gz cap (the protocol allows 50 MB)

# The last path segment names a sitemap or feed ("/feeding-babies" must not cost a second fetch).
_FEED_HINT = re.compile(r"(?:^|/)(?:[^/]*sitemap[^/]*|feeds?|rss|atom)/?$|\.(?:xml|xml\.gz|rss|atom)$",
                        re.IGNORECASE)
_DANGEROUS = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_HTML_HEAD = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)


class FeedError(FetchError):
    """A feed or sitemap that cannot be used safely (its message is the quarantine reason)."""


@dataclass
class Expansion:
    """What one XML document lists: article URLs and (for an index) more sitemaps."""

    kind: str  # "urlset", "sitemapindex", "rss", "atom", or "" when it is not a feed at all
    articles: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def looks_like_feed(url: str) -> bool:
    """Worth fetching to find out: other URLs go straight through as articles."""
    path = urlsplit(url).path
    return bool(_FEED_HINT.search(path))


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """A ``.xml.gz`` body, decompressed with a hard cap (a sitemap can be a gzip bomb too)."""
    inflater = zlib.decompressobj(31)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise FeedError(f"invalid gzip data: {exc}") from None
    if len(out) > max_bytes:
        raise FeedError(f"decompressed sitemap over {max_bytes:,} bytes")
    return out


def parse_xml(data: bytes) -> etree._Element:
    """A hardened parse: no DTD, no entities, no network; declarations are refused, not ignored."""
    if _DANGEROUS.search(data):
        raise FeedError("refused: XML with a DOCTYPE or ENTITY declaration")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_comments=True,
                             remove_pis=True, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"invalid XML: {' '.join(str(exc).split())}") from None
    if root.getroottree().docinfo.doctype:  # e.g. UTF-16 bytes slipped past the byte scan
        raise FeedError("refused: XML with a DOCTYPE or ENTITY declaration")
    return root


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: etree._Element, name: str) -> str | None:
    for child in _children(element, name):
        if child.text and child.text.strip():
            return child.text.strip()
    return None


def _atom_link(entry: etree._Element) -> str | None:
    """The entry's alternate link (Atom's rel defaults to alternate), resolved against xml:base."""
    for link in _children(entry, "link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            try:
                return urljoin(link.base or "", link.get("href", "").strip())
            except ValueError:
                return None
    return None


def expand(source: str, data: bytes) -> Expansion:
    """Classify one document and list what it points to; ``kind == ""`` means "not a feed".

    ``source`` is the URL the bytes came from: relative links resolve against it.
    """
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, MAX_XML_BYTES)
    if _HTML_HEAD.match(data[:4096]) or not data.lstrip()[:1] == b"<":
        return Expansion("")
    root = parse_xml(data)
    kind = _local(root.tag)
    found: list[str] = []
    sitemaps: list[str] = []
    if kind == "urlset":
        found = [loc for url in _children(root, "url") if (loc := _text(url, "loc"))]
    elif kind == "sitemapindex":
        sitemaps = [loc for sm in _children(root, "sitemap") if (loc := _text(sm, "loc"))]
    elif kind in ("rss", "rdf"):
        channel = _children(root, "channel")
        items = _children(root, "item") + [i for c in channel for i in _children(c, "item")]
        for item in items:
            link = _text(item, "link")
            guid = next(iter(_children(item, "guid")), None)
            if not link and guid is not None and guid.get("isPermaLink", "true") == "true":
                link = (guid.text or "").strip() or None
            if link:
                found.append(link)
        kind = "rss"
    elif kind == "feed":
        found = [link for entry in _children(root, "entry") if (link := _atom_link(entry))]
        kind = "atom"
    else:
        return Expansion("")
    return Expansion(kind, _clean(source, found), _clean(source, sitemaps))


def _clean(base: str, urls: list[str]) -> list[str]:
    """Absolute http(s) URLs without fragments, first occurrence kept."""
    out: dict[str, None] = {}
    for url in urls:
        try:
            absolute = urljoin(base, url.strip()).partition("#")[0]
            if urlsplit(absolute).scheme.lower() in ("http", "https"):
                out.setdefault(absolute, None)
        except ValueError:  # e.g. a malformed IPv6 host: drop the entry, keep the feed
            continue
    return list(out)


def expand_sources(urls: list[str], fetcher: Fetcher, max_urls: int = MAX_URLS,
                   max_sitemaps: int = MAX_SITEMAPS) -> tuple[list[str], list[tuple[str, str]]]:
    """Article URLs from the inputs (feeds and sitemaps expanded, others kept) and failures.

    Each failure is ``(url, reason)`` with credentials redacted from the URL. Order is preserved
    and duplicates are dropped. A URL that looks like a feed but turns out to be a page is kept
    as an article (it costs one extra fetch).
    """
    state = _Crawl(fetcher, max_urls, max_sitemaps)
    for url in urls:
        if state.full:
            state.failures.append((redact_url(url), f"skipped: over {max_urls:,} article URLs"))
            continue
        if looks_like_feed(url):
            state.visit(url, depth=0, top=True)
        else:
            state.add([url])
    return list(state.articles), state.failures


class _Crawl:
    """The budgets and visited set shared by one ``expand_sources`` call."""

    def __init__(self, fetcher: Fetcher, max_urls: int, max_sitemaps: int) -> None:
        self.fetcher = fetcher
        self.max_urls = max_urls
        self.max_sitemaps = max_sitemaps
        self.articles: dict[str, None] = {}
        self.failures: list[tuple[str, str]] = []
        self.visited: set[str] = set()

    @property
    def full(self) -> bool:
        return len(self.articles) >= self.max_urls

    def add(self, urls: list[str]) -> None:
        for url in urls:
            if self.full:
                return
            self.articles.setdefault(url, None)

    def visit(self, url: str, depth: int, top: bool) -> None:
        """Fetch one feed/sitemap and recurse into index entries, depth-first to keep order."""
        if url in self.visited:
            return  # a loop or a repeat: already expanded
        self.visited.add(url)
        if len(self.visited) > self.max_sitemaps:
            self.failures.append((redact_url(url), f"skipped: over {self.max_sitemaps:,} sitemaps"))
            return
        try:
            result = self.fetcher.fetch(url)
            expansion = expand(result.final_url, result.content or b"")
        except InputError as exc:
            self.failures.append((redact_url(url), str(exc)))
            return
        if not expansion.kind:
            if top:
                self.add([url])  # an ordinary page after all
            else:
                self.failures.append((redact_url(url), "not a sitemap or feed"))
            return
        self.add(expansion.articles)
        for child in expansion.sitemaps:
            if self.full:
                self.failures.append((redact_url(url), f"stopped: over {self.max_urls:,} article URLs"))
                return
            if depth + 1 > MAX_DEPTH:
                self.failures.append((redact_url(child), f"skipped: sitemap indexes nested over {MAX_DEPTH} deep"))
                continue
            self.visit(child, depth + 1, top=False)
