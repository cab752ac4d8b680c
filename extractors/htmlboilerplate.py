"""Removing page chrome (menus, cookie banners, booking buttons, share bars …) from an lxml tree.

Main-content extractors score blocks by text and link density; they do well on long news pages
but let short interface text through ("Book an Appointment" next to a paragraph) and can drop a
whole article when a page's markup is broken. So the tree is cleaned first, by the rules in
``rules/boilerplate_html.yaml``, and a few known mis-nestings are repaired. A matched element is
kept when it evidently wraps the article, so one bad class name never costs the content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from lxml.html import HtmlElement

from extractors.errors import RuleError
from extractors.rulefiles import load_regex_rules

RULES_PATH = Path(__file__).parent / "rules" / "boilerplate_html.yaml"

_LANDMARKS = {"nav", "header", "footer", "aside", "form"}
_ARTICLE_XPATH = (".//main | .//article | .//*[@role='main'] | .//*[@itemprop='articleBody']")
_MAX_UI_WORDS = 12


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    drop_tags: frozenset[str]
    landmark_tags: dict[str, tuple[str, bool]]  # tag -> (rule id, only outside article)
    roles: dict[str, tuple[str, bool]]
    class_patterns: tuple[tuple[str, re.Pattern[str]], ...]
    keep_patterns: tuple[tuple[str, re.Pattern[str]], ...]
    text_patterns: tuple[tuple[str, re.Pattern[str]], ...]


def _named(entries: object, key: str, field: str, path: Path) -> dict[str, tuple[str, bool]]:
    if not isinstance(entries, list):
        raise RuleError(f"{path.name}: {key} must be a list")
    result: dict[str, tuple[str, bool]] = {}
    for entry in entries:
        if not (isinstance(entry, dict) and isinstance(entry.get("id"), str)
                and isinstance(entry.get(field), str)):
            raise RuleError(f"{path.name}: {key} entries need a string id and {field}: {entry!r}")
        result[entry[field].lower()] = (entry["id"], bool(entry.get("outside_article", False)))
    return result


def load_rules(path: Path = RULES_PATH) -> BoilerplateRules:
    """Read and validate the rules file; a broken file fails at load, never mid-batch."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuleError(f"{path.name}: cannot load ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != 1:
        raise RuleError(f"{path.name}: expected a mapping with version: 1")
    drop = data.get("drop_tags")
    if not (isinstance(drop, list) and all(isinstance(t, str) for t in drop)):
        raise RuleError(f"{path.name}: drop_tags must be a list of tag names")
    return BoilerplateRules(
        drop_tags=frozenset(t.lower() for t in drop),
        landmark_tags=_named(data.get("landmark_tags"), "landmark_tags", "tag", path),
        roles=_named(data.get("roles"), "roles", "role", path),
        class_patterns=load_regex_rules(data.get("class_patterns"), "class_patterns", path),
        keep_patterns=load_regex_rules(data.get("keep_patterns"), "keep_patterns", path),
        text_patterns=load_regex_rules(data.get("text_patterns"), "text_patterns", path),
    )


@lru_cache(maxsize=1)
def default_rules() -> BoilerplateRules:
    return load_rules()


def is_ui_text(text: str, rules: BoilerplateRules | None = None) -> str | None:
    """Id of the text rule a short block matches ("Book an appointment"), else ``None``."""
    words = text.split()
    if not words or len(words) > _MAX_UI_WORDS:
        return None
    normal = " ".join(words).strip(" \u2022\u00bb\u203a>|").lower()
    for rule_id, pattern in (rules or default_rules()).text_patterns:
        if pattern.search(normal):
            return rule_id
    return None


def hoist_main(tree: HtmlElement) -> int:
    """Move ``<main>`` out of a ``<nav>``/``<header>`` it was wrongly parsed into.

    libxml2 ignores ``</nav>`` when a ``<div>`` inside the nav was left open, so the whole page
    body ends up inside the menu; browsers (HTML5 parsing) close it. Returns how many moved.
    """
    moved = 0
    for main in tree.xpath("//main | //*[@role='main']"):
        outer = None
        for ancestor in main.iterancestors():
            if ancestor.tag in _LANDMARKS:
                outer = ancestor
        if outer is not None and outer.getparent() is not None:
            tail = main.tail
            main.tail = None
            outer.addnext(main)
            if tail and tail.strip():
                main.tail = tail
            moved += 1
    return moved


def _matches_class(element: HtmlElement, rules: BoilerplateRules) -> str | None:
    tokens = (element.get("class") or "").split()
    element_id = element.get("id")
    if element_id:
        tokens.append(element_id)
    if not tokens:
        return None
    for token in tokens:
        for _, pattern in rules.keep_patterns:
            if pattern.search(token):
                return None
    for token in tokens:
        for rule_id, pattern in rules.class_patterns:
            if pattern.search(token):
                return rule_id
    return None


def _inside_article(element: HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in ("article", "main") or ancestor.get("role") == "main":
            return True
    return False


def _chrome_rule(element: HtmlElement, rules: BoilerplateRules) -> str | None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in rules.landmark_tags:
        rule_id, outside_only = rules.landmark_tags[tag]
        if not (outside_only and _inside_article(element)):
            return rule_id
    role = (element.get("role") or "").strip().lower()
    if role in rules.roles:
        rule_id, outside_only = rules.roles[role]
        if not (outside_only and _inside_article(element)):
            return rule_id
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return "hidden"
    style = (element.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return "hidden"
    if tag == "a":
        classes = element.get("class") or ""
        if re.search(r"(^|[-_\s])(btn|button|cta)([-_\s]|$)", classes, re.IGNORECASE):
            return "button"
        return None
    if tag in ("body", "html", "main", "article"):
        return None
    return _matches_class(element, rules)


def _wraps_article(element: HtmlElement, page_chars: int) -> bool:
    """True when removing ``element`` would take the article with it."""
    if element.xpath(_ARTICLE_XPATH):
        return True
    chars = len(element.text_content())
    return chars > 2000 and chars > 0.5 * page_chars


def _remove(element: HtmlElement) -> None:
    """Drop an element but keep its tail text, which belongs to the parent."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def strip_boilerplate(tree: HtmlElement, rules: BoilerplateRules | None = None) -> dict[str, int]:
    """Remove chrome in place; returns how many elements each rule removed (for debugging)."""
    rules = rules or default_rules()
    removed: dict[str, int] = {}
    hoist_main(tree)
    doomed = [el for el in tree.iter() if not isinstance(el.tag, str) or el.tag in rules.drop_tags]
    for element in doomed:
        if element.getparent() is not None:
            _remove(element)
    body = tree.find("body")
    page_chars = len(body.text_content()) if body is not None else len(tree.text_content())
    candidates = []
    for element in tree.iter():
        rule_id = _chrome_rule(element, rules)
        if rule_id:
            candidates.append((element, rule_id))
    detached: set[HtmlElement] = set()
    for element, rule_id in candidates:
        if any(a in detached for a in element.iterancestors()):
            continue
        if _wraps_article(element, page_chars):
            continue
        _remove(element)
        detached.add(element)
        removed[rule_id] = removed.get(rule_id, 0) + 1
    return removed
