"""Article metadata from an HTML page's head: JSON-LD, OpenGraph, ``<meta>``, canonical link, lang.

Publishers state the same facts in several vocabularies and often disagree with themselves, so
each field is taken from the most specific source first: the JSON-LD node that describes the
article (NewsArticle, MedicalWebPage …) before generic WebPage nodes, then OpenGraph and plain
``<meta>`` tags. Everything here is best effort: malformed JSON-LD or odd values are skipped,
never raised, because a page with broken markup may still carry a perfectly good article.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

# Most specific first: the node that *is* the article wins over the page that wraps it.
_ARTICLE_TYPES = (
    "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "medicalscholarlyarticle", "scholarlyarticle", "blogposting", "article", "techarticle",
    "report", "healthtopiccontent", "medicalwebpage", "webpage", "qapage", "faqpage",
)
_MAX_JSONLD_NODES = 500
_MAX_JSONLD_CHARS = 2_000_000

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASH_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_DMY_TEXT = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")
_MDY_TEXT = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_SITE_JOINERS = {"of", "the", "and", "&", "for", "on"}
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T|$)")


@dataclass(slots=True)
class PageMetadata:
    """Fields destined for ``Document``; ``title`` is a candidate the parser may still improve."""

    title: str | None = None
    site_name: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    reviewed_by: str | None = None
    description: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def iso_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` from ISO timestamps, ``2023/05/01``, ``1 May 2023`` or ``May 1, 2023``."""
    if not isinstance(value, str):
        return None
    text = value.strip()[:80]
    for pattern, order in ((_ISO_DATE, "ymd"), (_SLASH_DATE, "ymd"), (_COMPACT, "ymd"),
                           (_DMY_TEXT, "dmy"), (_MDY_TEXT, "mdy")):
        match = pattern.search(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups()))
        month: int | None
        if parts["m"].isdigit():
            month = int(parts["m"])
        else:
            month = _MONTHS.get(parts["m"][:3].lower())
        if month is None:
            continue
        try:
            return date(int(parts["y"]), month, int(parts["d"])).isoformat()
        except ValueError:
            continue
    return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _types(node: dict[str, Any]) -> list[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return [v.rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)]


def _walk_jsonld(data: Any) -> Iterator[dict[str, Any]]:
    """Every object node, flattening ``@graph`` and lists, iteratively and with a node cap."""
    stack, seen = [data], 0
    while stack and seen < _MAX_JSONLD_NODES:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            seen += 1
            yield item
            graph = item.get("@graph")
            if isinstance(graph, (list, dict)):
                stack.append(graph)
            main = item.get("mainEntity")
            if isinstance(main, dict):
                stack.append(main)


def jsonld_nodes(tree: HtmlElement) -> list[dict[str, Any]]:
    """All JSON-LD object nodes of the page; blocks that do not parse are ignored."""
    nodes: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if not raw or len(raw) > _MAX_JSONLD_CHARS:
            continue
        raw = raw.removeprefix("<!--").removesuffix("-->").strip().rstrip(";")
        try:
            data = json.loads(raw, strict=False)  # strict=False: raw newlines inside strings
        except (ValueError, RecursionError):
            continue
        nodes.extend(_walk_jsonld(data))
    return nodes


def _by_id(nodes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}


def _names(value: Any, index: dict[str, dict[str, Any]]) -> list[str]:
    """Names from a Person/Organization value: a string, an object, an ``@id`` reference or a list."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items[:20]:
        if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
            item = index.get(item["@id"], item)
        if isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = next((n for n in name if isinstance(n, str)), None)
            name = _clean(name)
        else:
            name = _clean(item)
        if name and not name.startswith(("http://", "https://")) and name not in names:
            names.append(name)
    return names


def _article_nodes(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ranked = []
    for node in nodes:
        ranks = [_ARTICLE_TYPES.index(t) for t in _types(node) if t in _ARTICLE_TYPES]
        if ranks:
            ranked.append((min(ranks), len(ranked), node))
    return [node for _, _, node in sorted(ranked, key=lambda r: (r[0], r[1]))]


def _first(nodes: list[dict[str, Any]], *keys: str) -> Any:
    for node in nodes:
        for key in keys:
            value = node.get(key)
            if value not in (None, "", [], {}):
                return value
    return None


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """``<meta>`` content by lower-cased name/property (first occurrence wins)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        key = key.strip().lower()
        content = _clean(meta.get("content"))
        if key and content and key not in found:
            found[key] = content
    return found


def _url_value(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _language(tree: HtmlElement, meta: dict[str, str], jsonld: Any) -> str | None:
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
                  meta.get("content-language"), meta.get("og:locale"),
                  jsonld if isinstance(jsonld, str) else None]
    for raw in candidates:
        tag = (raw or "").strip().replace("_", "-").split(",")[0]
        primary = tag.split("-")[0].lower()
        if 2 <= len(primary) <= 3 and primary.isalpha():
            return primary
    return None


def extract_metadata(tree: HtmlElement, source: str = "") -> PageMetadata:
    """Metadata of the page; call before boilerplate removal (it reads ``<script>`` and ``<head>``)."""
    nodes = jsonld_nodes(tree)
    index = _by_id(nodes)
    articles = _article_nodes(nodes)
    meta = _meta_tags(tree)
    result = PageMetadata()

    result.title = _clean(_first(articles, "headline", "name")) if articles else None
    og_title = meta.get("og:title") or meta.get("twitter:title")
    result.title = og_title or result.title
    result.site_name = meta.get("og:site_name") or meta.get("application-name")

    authors = _names(_first(articles, "author", "creator"), index) if articles else []
    if not authors:
        meta_author = meta.get("author") or meta.get("article:author") or meta.get("dc.creator")
        authors = [meta_author] if meta_author and not meta_author.startswith("http") else []
    result.author = "; ".join(authors) or None

    publishers = _names(_first(articles, "publisher", "sourceOrganization"), index)
    result.publisher = (publishers[0] if publishers else None) or result.site_name
    if not result.site_name and publishers:
        result.site_name = publishers[0]

    result.published = iso_date(_first(articles, "datePublished", "dateCreated")) or iso_date(
        meta.get("article:published_time") or meta.get("date") or meta.get("dc.date")
        or meta.get("pubdate") or meta.get("publish-date"))
    result.modified = iso_date(_first(articles, "dateModified")) or iso_date(
        meta.get("article:modified_time") or meta.get("og:updated_time")
        or meta.get("last-modified"))

    reviewers = _names(_first(articles, "reviewedBy"), index)
    result.reviewed_by = "; ".join(reviewers) or None
    last_reviewed = iso_date(_first(articles, "lastReviewed"))
    if last_reviewed:
        result.extra["last_reviewed"] = last_reviewed

    result.description = (meta.get("description") or meta.get("og:description")
                          or _clean(_first(articles, "description")))
    result.language = _language(tree, meta, _first(articles, "inLanguage"))

    canonical = None
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            canonical = link.get("href", "").strip()
            break
    canonical = (canonical or meta.get("og:url")
                 or _url_value(_first(articles, "mainEntityOfPage", "url")))
    if canonical:
        base = source if source.startswith(("http://", "https://")) else ""
        try:
            canonical = urljoin(base, canonical) if base else canonical
        except ValueError:
            pass
        if canonical.startswith(("http://", "https://", "/")):
            result.canonical_url = canonical
    return result


def strip_site_suffix(title: str, site_names: list[str]) -> str:
    """"Back pain | NHS" → "Back pain": drop a leading/trailing segment naming the site."""
    title = " ".join(title.split())
    names = {n.lower() for n in site_names if n}
    for sep in (" | ", " - ", " – ", " — ", " :: ", " · ", " » "):
        if sep not in title:
            continue
        parts = title.split(sep)
        if parts[-1].strip().lower() in names or _looks_like_site(parts[-1]):
            return sep.join(parts[:-1]).strip() or title
        if parts[0].strip().lower() in names:
            return sep.join(parts[1:]).strip() or title
    return title


def _looks_like_site(segment: str) -> bool:
    """A short, capitalised trailing segment ("Mayo Clinic", "NHS", "example.com") names a site;
    "when to worry" in "Back pain – when to worry" does not."""
    words = segment.split()
    if not 1 <= len(words) <= 4:
        return False
    if len(words) == 1 and "." in words[0]:
        return True
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _SITE_JOINERS for w in words)


def html_title(tree: HtmlElement) -> str | None:
    for element in tree.iter("title"):
        return _clean(element.text_content())
    return None


def first_h1(tree: HtmlElement) -> str | None:
    for element in tree.iter("h1"):
        text = _clean(element.text_content())
        if text:
            return text
    return None

