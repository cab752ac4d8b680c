"""Plain text saved from web pages: recover headings, lists, title, byline and the main content.

Pages pasted as text (like the seed articles) use bare lines as headings, ``H3:`` prefixes,
``-``/``•`` bullets, ``1.`` lists and unmarked list lines after a lead-in ending in ``:``.
Site chrome (phone numbers, "Share to:") is dropped and related-article tails are cut, using the
patterns in ``rules/plaintext.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from extractors.decoding import decode_text
from extractors.document import Document, DocumentBuilder
from extractors.errors import EmptyDocument, RuleError
from extractors.rulefiles import RULES_DIR, load_yaml

_PREFIXED = re.compile(r"^[Hh]([1-6]):\s*(.+)$")
_HASHES = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_BULLET = re.compile(r"^[-•*·▪●◦‣–]\s+(.+)$")
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(.+)$")
_INNER_SENTENCE = re.compile(r"[a-z]{2,}[.!] [A-Z]")
_TERMINAL = (".", "!", "?", ":", '"', "”", ")", ";")


@dataclass(frozen=True)
class LayoutRules:
    stop: tuple[re.Pattern[str], ...]
    drop: tuple[re.Pattern[str], ...]
    metadata: tuple[re.Pattern[str], ...]
    byline_noise: tuple[re.Pattern[str], ...]
    date_formats: tuple[str, ...]
    max_chars: int
    max_words: int


@lru_cache(maxsize=1)
def load_layout_rules() -> LayoutRules:
    data = load_yaml(RULES_DIR / "plaintext.yaml")
    try:
        def compile_all(key: str, flags: int = 0) -> tuple[re.Pattern[str], ...]:
            return tuple(re.compile(p, flags) for p in data[key])

        heading = data["heading"]
        return LayoutRules(
            stop=compile_all("stop_lines", re.IGNORECASE),
            drop=compile_all("drop_lines", re.IGNORECASE),
            metadata=compile_all("metadata_lines"),
            byline_noise=compile_all("byline_noise"),
            date_formats=tuple(data["date_formats"]),
            max_chars=int(heading["max_chars"]),
            max_words=int(heading["max_words"]),
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise RuleError(f"plaintext.yaml: {exc}") from None


@dataclass
class _Line:
    kind: str  # heading | paragraph | list_item | blank | byline
    text: str
    level: int = 0
    numbered: bool = False


@dataclass
class _Meta:
    fields: dict[str, str] = field(default_factory=dict)


def is_heading_like(line: str, rules: LayoutRules) -> bool:
    words = line.split()
    if not words or len(line) > rules.max_chars or len(words) > rules.max_words:
        return False
    if line.endswith((".", ",", ";", "!")) or ";" in line or line.count(",") > 1:
        return False
    if line.endswith(":"):
        return False  # a lead-in ("See a GP if:") introduces a list; it is not a heading
    first = line[0]
    if not (first.isupper() or first.isdigit() or first in "\"'“"):
        return False
    if _INNER_SENTENCE.search(line):
        return False
    if line.endswith("?") or len(words) <= 3:
        return True
    long_words = [w for w in words if len(w) >= 4 and w[0].isalpha()]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return not long_words or capitalised / len(long_words) >= 0.6


def _parse_date(value: str, formats: tuple[str, ...]) -> str | None:
    value = value.strip().replace(",", ", ").replace(",  ", ", ")
    for fmt in formats:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _metadata(line: str, rules: LayoutRules) -> dict[str, str] | None:
    cleaned = line
    for noise in rules.byline_noise:
        cleaned = noise.sub(" ", cleaned)
    for pattern in rules.metadata:
        match = pattern.fullmatch(cleaned.strip()) or pattern.fullmatch(line)
        if match:
            found: dict[str, str] = {}
            for key, value in match.groupdict().items():
                if not value:
                    continue
                value = value.strip(" .,-")
                if key in ("published", "modified"):
                    parsed = _parse_date(value, rules.date_formats)
                    if parsed:
                        found[key] = parsed
                else:
                    found[key] = value
            return found
    return None


def classify_lines(text: str, rules: LayoutRules) -> tuple[list[_Line], dict[str, str]]:
    lines: list[_Line] = []
    meta: dict[str, str] = {}
    in_lead_list = False
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            lines.append(_Line("blank", ""))
            in_lead_list = False
            continue
        if any(p.fullmatch(line) for p in rules.stop) and lines:
            break
        if any(p.fullmatch(line) for p in rules.drop):
            continue
        found = _metadata(line, rules)
        if found is not None:
            for key, value in found.items():
                meta.setdefault(key, value)
            lines.append(_Line("byline", line))
            continue
        lines.append(_classify(line, rules, in_lead_list))
        last = lines[-1]
        if last.kind == "paragraph" and line.endswith(":"):
            in_lead_list = True
        elif last.kind != "list_item":
            in_lead_list = False
    return lines, meta


def _classify(line: str, rules: LayoutRules, in_lead_list: bool) -> _Line:
    if m := _PREFIXED.match(line):
        return _Line("heading", m.group(2), int(m.group(1)))
    if m := _HASHES.match(line):
        return _Line("heading", m.group(2), len(m.group(1)))
    if m := _BULLET.match(line):
        return _Line("list_item", m.group(1))
    if m := _NUMBERED.match(line):
        rest = m.group(2)
        if is_heading_like(rest, rules) and not rest.endswith(":"):
            return _Line("heading", rest, 0, numbered=True)
        return _Line("list_item", rest)
    if in_lead_list and not line.endswith(_TERMINAL) and len(line.split()) <= 12:
        return _Line("list_item", line)
    if is_heading_like(line, rules):
        return _Line("heading", line, 0)
    return _Line("paragraph", line)


def _assign_levels(lines: list[_Line]) -> None:
    """Bare headings get level 2, or 3 under a "parent" heading (one directly followed by
    another heading); numbered headings nest under the heading before them."""
    content = [line for line in lines if line.kind != "blank"]
    nested = False
    last_level = 2
    for i, line in enumerate(content):
        if line.kind != "heading":
            continue
        following = content[i + 1] if i + 1 < len(content) else None
        is_parent = following is not None and following.kind == "heading" and not following.level
        if line.level:  # explicit (H3:, ###)
            nested = False
        elif line.numbered:
            line.level = min(last_level + 1, 6)
            continue
        elif is_parent:
            line.level, nested = 2, True
        else:
            line.level = 3 if nested else 2
        last_level = line.level


def _choose_title(lines: list[_Line]) -> int | None:
    """The heading just before the byline, else the first heading near the top."""
    for i, line in enumerate(lines):
        if line.kind == "byline":
            for j in range(i - 1, -1, -1):
                if lines[j].kind == "heading":
                    return j
                if lines[j].kind in ("paragraph", "list_item"):
                    break
            break
    content = [i for i, line in enumerate(lines) if line.kind not in ("blank", "byline")]
    for i in content[:3]:
        if lines[i].kind == "heading" and len(lines[i].text.split()) >= 3:
            return i
    return None


def parse_plaintext(data: bytes, source: str) -> Document:
    rules = load_layout_rules()
    text = decode_text(data)
    lines, meta = classify_lines(text, rules)
    title_index = _choose_title(lines)
    title = None
    if title_index is not None:
        title = lines[title_index].text
        has_byline_after = any(line.kind == "byline" for line in lines[title_index:title_index + 4])
        if has_byline_after:
            lines = lines[title_index:]  # whatever precedes "title + byline" is site chrome
            title_index = 0
        lines[title_index].level = 1
    _assign_levels([line for line in lines if not (line.kind == "heading" and line.level == 1)])
    builder = DocumentBuilder()
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            builder.paragraph(" ".join(paragraph))
            paragraph.clear()

    for line in lines:
        if line.kind == "paragraph":
            if paragraph and paragraph[-1].endswith(_TERMINAL):
                flush()
            paragraph.append(line.text)
            continue
        flush()
        if line.kind == "heading":
            builder.heading(line.text, line.level or 2)
        elif line.kind == "list_item":
            builder.list_item(line.text)
    flush()
    if not builder.blocks:
        raise EmptyDocument("no article text found")
    return builder.build(
        source, "text", title=title, author=meta.get("author"),
        published=meta.get("published"), modified=meta.get("modified"),
    )
