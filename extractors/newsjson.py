"""Health news stories and press releases saved as JSON (FakeHealth / newspaper3k shape).

The article object carries ``text`` (paragraphs separated by newlines), ``title``, ``authors``,
``url``/``canonical_link``, ``publish_date`` (epoch seconds) and the page's ``meta_data``. The
text was flattened by a scraper, so headings, bullets and page furniture (advertisement markers,
photo credits, bylines, ``###`` end marks) are recognised here by their shape; the author list
is scraper output too and is filtered to things that look like personal names.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from urllib.parse import urlsplit

from extractors.decoding import check_size, decode_text
from extractors.document import Document, DocumentBuilder, clean_inline
from extractors.errors import EmptyDocument, InputError, UnsupportedFormat

FORMAT = "newsjson"

_ARTICLE_KEYS = frozenset({"url", "title", "authors", "canonical_link", "publish_date",
                           "meta_data", "source", "summary"})
_JUNK_LINES = frozenset({
    "advertisement", "ad", "advertisement advertisement", "continue reading the main story",
    "advertisement continue reading the main story", "photo", "story continues below",
    "en español", "read more", "- 30 -", "-30-", "healthday reporter", "share", "view comments",
})
_ONLY_SYMBOLS = re.compile(r"^[\W_]+$")
_PHOTO_CREDIT = re.compile(
    r"^((enlarge this image )?toggle caption\b.*"
    r"|.*\b(Getty Images|iStock(photo)?|Shutterstock|AP Photo\b.*|/AP|/Reuters))$",
    re.I)
_BYLINE = re.compile(r"^By\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})(?:\s*(?:,|and\b).*)?$")
_BULLET = re.compile(r"^(?:[•·▪●◦‣]|[*-](?=\s)|\d{1,2}[.)](?=\s))\s*")
_HEADING_END = re.compile(r"[.,;:!?\"'”’…)]$")
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.|Mc[A-Z][a-z]+)$")
_NOT_NAME = frozenset({
    "Min", "Read", "Staff", "Writer", "Editorial", "Reporter", "News", "Health", "Science", "Today",
    "Press", "Associated", "For", "The", "Is", "A", "At", "In", "With", "Was", "Of", "And",
    "Editor", "Correspondent", "Contributor", "Inquirer", "Times", "Post", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Usa", "Abc", "Nbc", "Cbs", "Cnn",
})
_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/[0-9a-z_]+/(https?://.+)$", re.I)
_ISO_DAY = re.compile(r"\b(\d{4}-\d{2}-\d{2})")
_MAX_BYTES = 50_000_000


def parse_news_json(data: bytes, source: str) -> Document:
    """Parse one news/press-release JSON object; raises ``InputError`` for anything else."""
    check_size(data, _MAX_BYTES, "JSON")
    article = _load(decode_text(data))
    body = article.get("text")
    if not isinstance(body, str):
        raise UnsupportedFormat("JSON article field 'text' is not a string")
    meta_data = article.get("meta_data") if isinstance(article.get("meta_data"), dict) else {}
    og = meta_data.get("og") if isinstance(meta_data.get("og"), dict) else {}
    title = _string(article.get("title")) or _string(og.get("title"))
    authors = _names(article.get("authors"))

    builder = DocumentBuilder()
    bylines = _build_body(builder, body, title, authors)
    if not builder.blocks:
        if not body.strip():
            raise EmptyDocument("news article has an empty 'text' field")
        raise EmptyDocument("news article text is only its headline or page furniture")

    url = _string(article.get("url"))
    canonical = _string(article.get("canonical_link")) or url or _string(og.get("url"))
    extra: dict[str, Any] = {}
    if canonical and (archived := _ARCHIVED.match(canonical)):
        extra["archived_url"] = canonical
        canonical = archived.group(1)
    keywords = [k for k in article.get("keywords") or [] if isinstance(k, str) and k.strip()]
    if keywords:
        extra["keywords"] = keywords
    if url and url != canonical and url != extra.get("archived_url"):
        extra["url"] = url

    author = ", ".join(authors) or _meta_author(meta_data) or ", ".join(bylines) or None
    article_meta = meta_data.get("article") if isinstance(meta_data.get("article"), dict) else {}
    return builder.build(
        source, FORMAT,
        title=title,
        author=author,
        publisher=_publisher(og, canonical),
        published=_published(article.get("publish_date"), article_meta, meta_data),
        modified=_day(article_meta.get("modified_time")),
        canonical_url=canonical,
        description=_string(meta_data.get("description")) or _string(og.get("description")),
        language=_language(meta_data, og),
        extra=extra,
    )


def _load(text: str) -> dict[str, Any]:
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. numbers too long to convert
        raise InputError(f"invalid JSON: {str(exc).splitlines()[0]}") from None
    if not isinstance(loaded, dict):
        kind = {list: "an array", str: "a string"}.get(type(loaded), type(loaded).__name__)
        raise UnsupportedFormat(f"JSON top level is {kind}, not a news article object")
    if "text" not in loaded or not _ARTICLE_KEYS & loaded.keys():
        keys = ", ".join(sorted(map(str, loaded))[:8]) or "none"
        raise UnsupportedFormat(f"JSON object is not a news article (needs 'text' and 'url' or "
                                f"'title'; has keys: {keys})")
    return loaded


def _string(value: Any) -> str | None:
    return clean_inline(value) or None if isinstance(value, str) else None


def _build_body(builder: DocumentBuilder, body: str, title: str | None,
                authors: list[str]) -> list[str]:
    """Add the article's lines as blocks; returns author names found in "By …" bylines."""
    lines = [clean_inline(line) for line in body.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    bylines: list[str] = []
    known = {a.casefold() for a in authors}
    blocks: list[tuple[str, str]] = []
    for index, line in enumerate(lines):
        folded = line.casefold()
        if folded in _JUNK_LINES or _ONLY_SYMBOLS.match(line) or folded in known:
            continue
        if len(line.split()) <= 12 and _PHOTO_CREDIT.match(line):
            continue
        if index < 4 and (byline := _BYLINE.match(line)):
            bylines.extend(n for n in _names([byline.group(1)]) if n not in bylines)
            continue
        if not blocks and title and folded == title.casefold():
            continue  # the headline repeated as the first line
        if _BULLET.match(line) and len(_BULLET.sub("", line)) > 1:
            for item in re.split(r"\s*•\s*", _BULLET.sub("", line)):
                blocks.append(("list_item", item))
            continue
        blocks.append(("paragraph", line))
    for index, (kind, line) in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if kind == "paragraph" and following and _looks_like_heading(line, following):
            builder.heading(line, 2)
        elif kind == "list_item":
            builder.list_item(line)
        else:
            builder.paragraph(line)
    return bylines


def _looks_like_heading(line: str, following: tuple[str, str]) -> bool:
    """A short capitalised line without closing punctuation, followed by a longer block.

    Press contacts ("Kim Painter", "901-237-4630") share that shape, so names and digit runs
    stay paragraphs.
    """
    words = line.split()
    return (0 < len(words) <= 10 and (line[:1].isupper() or line[:1].isdigit())
            and not _HEADING_END.search(line) and "@" not in line and "www." not in line.lower()
            and "http" not in line.lower() and len(following[1]) > len(line)
            and sum(c.isalpha() for c in line) >= 3 and not _names([line]))


def _names(value: Any) -> list[str]:
    """Scraped author strings that look like a personal name ("Min Read" and bios are dropped)."""
    if not isinstance(value, list):
        return []
    names: list[str] = []
    for item in value:
        if not isinstance(item, str):
            continue
        words = item.split()
        if 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words) \
                and not _NOT_NAME & set(words) and item not in names:
            names.append(item)
    return names[:6]


def _meta_author(meta_data: dict[str, Any]) -> str | None:
    value = meta_data.get("author")
    if isinstance(value, str) and not value.startswith(("http://", "https://")):
        names = _names([clean_inline(value)])
        return names[0] if names else None
    return None


def _publisher(og: dict[str, Any], url: str | None) -> str | None:
    """og:site_name when it names the site (not a section such as "Well" or "U.S."), else host."""
    host = ""
    if url:
        try:
            host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        except ValueError:
            host = ""
    site = _string(og.get("site_name"))
    if site and not site.lower().startswith(("http://", "https://")):
        squashed = re.sub(r"[^a-z0-9]", "", site.lower())
        if len(site) >= 5 or (squashed and squashed in _site_label(host)):
            return site
    return host or None


def _site_label(host: str) -> str:
    """"statnews" for www.statnews.com, "bbc" for www.bbc.co.uk."""
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in ("co", "com", "org", "ac", "gov"):
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else host


def _published(epoch: Any, article_meta: dict[str, Any], meta_data: dict[str, Any]) -> str | None:
    if isinstance(epoch, (int, float)) and not isinstance(epoch, bool):
        try:
            return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            pass
    for value in (article_meta.get("published_time"), meta_data.get("date"),
                  meta_data.get("pubdate"), meta_data.get("publish-date")):
        day = _day(value)
        if day:
            return day
    return None


def _day(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    match = _ISO_DAY.search(value)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


def _language(meta_data: dict[str, Any], og: dict[str, Any]) -> str | None:
    for value in (meta_data.get("language"), meta_data.get("lang"), og.get("locale")):
        if isinstance(value, str) and re.match(r"^[A-Za-z]{2}(?:[-_][A-Za-z]{2})?$", value.strip()):
            return value.strip()[:2].lower()
    return None
