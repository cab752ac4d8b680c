"""Page chrome of Markdown pages: the rules in ``rules/markdown_chrome.yaml`` and the link cards
of hub pages.

Scraped Markdown keeps a site's furniture (reference lists, "Read this next" teasers, community
promos, series boxes of other articles' titles) as ordinary headings, paragraphs and lists; read
as content, it gives findings the page never claims. What counts as chrome is data, validated on
load like the other rule files, so a new publisher's furniture is a YAML entry, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors.document import BlockKind, clean_inline
from extractors.errors import RuleError
from extractors.rulefiles import RULES_DIR, load_regex_rules, load_yaml

RULES_PATH = RULES_DIR / "markdown_chrome.yaml"
_KEYS = {"version", "sections", "section_patterns", "paragraphs", "promo_lists_after"}

Block = tuple[BlockKind, str, int]


@dataclass(frozen=True, slots=True)
class ChromeRules:
    sections: dict[str, str]  # lowercased heading text -> rule id
    section_patterns: tuple[tuple[str, re.Pattern[str]], ...]
    paragraphs: tuple[tuple[str, re.Pattern[str]], ...]
    promo_lists_after: tuple[tuple[str, re.Pattern[str]], ...]

    def section(self, heading: str) -> str | None:
        """Id of the rule that makes this heading's section chrome, else ``None``."""
        found = self.sections.get(heading.rstrip(":").strip().lower())
        return found or _first(self.section_patterns, heading)

    def paragraph(self, text: str) -> str | None:
        return _first(self.paragraphs, text)

    def opens_promo_list(self, text: str) -> bool:
        return _first(self.promo_lists_after, text) is not None


def _first(patterns: tuple[tuple[str, re.Pattern[str]], ...], text: str) -> str | None:
    return next((rule_id for rule_id, pattern in patterns if pattern.match(text)), None)


def load_chrome_rules(path: Path = RULES_PATH) -> ChromeRules:
    """Read and validate the rules file; a broken file fails at load, never mid-batch."""
    data = load_yaml(path)
    if not isinstance(data, dict) or data.get("version") != 1:
        raise RuleError(f"{path.name}: expected a mapping with version: 1")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise RuleError(f"{path.name}: unknown key(s) {unknown}")
    entries = data.get("sections")
    if not (isinstance(entries, list) and all(
            isinstance(e, dict) and set(e) == {"id", "text"} and all(isinstance(v, str) for v in e.values())
            for e in entries)):
        raise RuleError(f"{path.name}: sections entries need a string id and text")
    ids = [e["id"] for e in entries]
    if len(set(ids)) != len(ids):
        raise RuleError(f"{path.name}: duplicate id in sections")
    return ChromeRules(
        sections={e["text"].strip().lower(): e["id"] for e in entries},
        section_patterns=load_regex_rules(data.get("section_patterns", []), "section_patterns", path),
        paragraphs=load_regex_rules(data.get("paragraphs"), "paragraphs", path),
        promo_lists_after=load_regex_rules(data.get("promo_lists_after", []), "promo_lists_after", path),
    )


@lru_cache(maxsize=1)
def chrome_rules() -> ChromeRules:
    return load_chrome_rules()


def drop_link_cards(blocks: list[Block]) -> list[Block]:
    """Drop a hub page's link cards: a list item holding another article's title glued to its blurb,
    then the blurb again as a paragraph ("* BabyWhat's Giving Your Baby Diarrhea? Common Causes and
    What You Can DoOccasional baby diarrhea is very common." + "Occasional baby diarrhea is very
    common."). Headlines of other articles are no claims of this page."""
    kept: list[Block] = []
    i = 0
    while i < len(blocks):
        kind, content, _ = blocks[i]
        if kind == "list_item" and i + 1 < len(blocks) and blocks[i + 1][0] == "paragraph":
            item, blurb = clean_inline(content).strip(), clean_inline(blocks[i + 1][1]).strip()
            if blurb and len(item) > len(blurb) and item.endswith(blurb):
                i += 2
                continue
        kept.append(blocks[i])
        i += 1
    return kept
