"""The parsed-document model every input format is turned into.

A document's stored ``text`` is the normalised main content: one block per line group, headings
on their own line, list items prefixed with ``- ``. Every block and every later finding points
into that exact string with character offsets, so an editor can always see the quoted words in
place.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

BlockKind = Literal["heading", "paragraph", "list_item"]

LIST_MARKER = "- "


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, paragraph or list item; ``start``/``end`` exclude any list marker."""

    kind: BlockKind
    start: int
    end: int
    level: int = 0


@dataclass(frozen=True, slots=True)
class Section:
    """The span from one heading to the next (ordinal 0 is the text before the first heading)."""

    ordinal: int
    heading: str | None
    level: int
    start: int
    end: int
    path: tuple[str, ...]


@dataclass(slots=True)
class Document:
    source: str
    text: str
    blocks: list[Block]
    format: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    reviewed_by: str | None = None
    description: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    @property
    def article_id(self) -> str:
        return article_id(self.text)

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def sections(self) -> list[Section]:
        """Sections in order; the heading path lets rules see "When to seek help" above a sub-heading."""
        sections: list[Section] = []
        stack: list[tuple[int, str]] = []
        current_start, current_heading, current_level = 0, None, 0
        current_path: tuple[str, ...] = ()
        for block in self.blocks:
            if block.kind != "heading":
                continue
            if block.start > current_start or current_heading is not None:
                sections.append(
                    Section(len(sections), current_heading, current_level, current_start,
                            block.start, current_path)
                )
            heading = self.block_text(block)
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, heading))
            current_start, current_heading, current_level = block.start, heading, block.level
            current_path = tuple(h for _, h in stack)
        sections.append(
            Section(len(sections), current_heading, current_level, current_start,
                    len(self.text), current_path)
        )
        return [s for s in sections if s.end > s.start or s.heading is not None]

    def metadata(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "author": self.author,
            "publisher": self.publisher,
            "published": self.published,
            "modified": self.modified,
            "language": self.language,
            "canonical_url": self.canonical_url,
            "reviewed_by": self.reviewed_by,
            "format": self.format,
            "word_count": self.word_count,
        }

    def to_dict(self) -> dict[str, Any]:
        data = self.metadata()
        data["text"] = self.text
        data["sections"] = [
            {"heading": s.heading, "level": s.level, "start": s.start, "end": s.end}
            for s in self.sections()
        ]
        data["blocks"] = [asdict(b) for b in self.blocks]
        return data


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id(text: str) -> str:
    """Articles are keyed by content: the same text always gets the same id."""
    return content_hash(text)[:16]


def clean_inline(text: str) -> str:
    """Collapse runs of whitespace (including NBSP and tabs) into single spaces."""
    return " ".join(text.split())


class DocumentBuilder:
    """Assembles the stored text block by block while recording offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []

    def _append(self, kind: BlockKind, text: str, level: int = 0) -> Block | None:
        text = clean_inline(text)
        if not text:
            return None
        if self.blocks:
            both_items = kind == "list_item" and self.blocks[-1].kind == "list_item"
            self._write("\n" if both_items else "\n\n")
        if kind == "list_item":
            self._write(LIST_MARKER)
        start = self._length
        self._write(text)
        block = Block(kind, start, self._length, level)
        self.blocks.append(block)
        return block

    def _write(self, piece: str) -> None:
        self._parts.append(piece)
        self._length += len(piece)

    def heading(self, text: str, level: int = 2) -> Block | None:
        return self._append("heading", text, max(1, min(level, 6)))

    def paragraph(self, text: str) -> Block | None:
        return self._append("paragraph", text)

    def list_item(self, text: str) -> Block | None:
        return self._append("list_item", text)

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def build(self, source: str, format: str, **metadata: Any) -> Document:
        return Document(source=source, text=self.text, blocks=list(self.blocks), format=format,
                        **metadata)
