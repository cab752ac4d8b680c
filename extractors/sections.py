"""Section awareness: what a heading such as "See a GP if" or "What causes it" tells us.

The roles come from ``rules/sections.yaml``. The article title (level-1 heading) never gives a
role: "Back pain after lifting: when to stop" is a title, not a seek-help section.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from extractors.document import Block, Document, Section
from extractors.errors import RuleError
from extractors.records import ACTIONS
from extractors.rulefiles import RULES_DIR, load_yaml

# "avoid": a "Don't" list, whose advice items are things not to do (read as negated advice).
# "diagnosis": how a doctor finds out ("How is it diagnosed?", "What happens at your appointment").
# "complication": what the condition leads to ("Complications of osteoarthritis").
# Any entry may list ``negates``: concept ids read as negated under its headings (the X-rays and
# scans of a diagnosis section are what the doctor does, not advice to the reader); and set
# ``causes_need_context``: a cause named there counts only in a cause context (extractors/causes.py),
# because what a doctor rules out ("Some conditions they may rule out include: gout"), a cause word
# in a list of symptoms ("trouble sleeping") or what the condition leads to ("Complications include:
# poor sleep") is not what causes it.
ROLES = ("seek_help", "cause", "symptom", "advice", "avoid", "diagnosis", "complication")
_KEYS = frozenset({"id", "role", "action", "headings", "exact", "negates", "causes_need_context"})


@dataclass(frozen=True, slots=True)
class SectionRule:
    id: str
    role: str
    action: str | None
    headings: tuple[str, ...]
    exact: tuple[str, ...] = ()  # whole-heading matches, for words too short to match inside others
    negates: frozenset[str] = frozenset()  # concept ids read as negated in the section
    causes_need_context: bool = False  # causes count only in a cause context

    def matches(self, heading: str) -> bool:
        lowered = heading.lower().strip().rstrip(":").strip()
        return lowered in self.exact or any(cue in lowered for cue in self.headings)


@lru_cache(maxsize=1)
def load_section_rules() -> tuple[SectionRule, ...]:
    data = load_yaml(RULES_DIR / "sections.yaml")
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise RuleError("sections.yaml: expected a 'sections' list")
    rules = []
    for n, entry in enumerate(data["sections"], start=1):
        if not isinstance(entry, dict) or set(entry) - _KEYS:
            raise RuleError(f"sections.yaml: entry {n} has unknown keys or is not a mapping")
        if entry.get("role") not in ROLES:
            raise RuleError(f"sections.yaml: entry {n} role must be one of {ROLES}")
        action = entry.get("action")
        if action is not None and action not in ACTIONS:
            raise RuleError(f"sections.yaml: entry {n} action must be one of {ACTIONS}")
        headings = entry.get("headings") or []
        exact = entry.get("exact") or []
        if not (headings or exact) or not all(isinstance(h, str) and h for h in (*headings, *exact)):
            raise RuleError(f"sections.yaml: entry {n} needs non-empty 'headings' or 'exact'")
        negates = entry.get("negates") or []
        if not isinstance(negates, list) or not all(isinstance(c, str) and c for c in negates):
            raise RuleError(f"sections.yaml: entry {n} 'negates' must be a list of concept ids")
        need_context = entry.get("causes_need_context", False)
        if not isinstance(need_context, bool):
            raise RuleError(f"sections.yaml: entry {n} 'causes_need_context' must be true or false")
        rules.append(SectionRule(str(entry["id"]), entry["role"], action,
                                 tuple(h.lower() for h in headings), tuple(h.lower() for h in exact),
                                 frozenset(negates), need_context))
    return tuple(rules)


# "try not to do the following for 24 hours:" ends like "try not to do"
_LEAD_IN_TAIL = re.compile(r"(?:\s+for\s+(?:\d+|a few|a couple of)\s+\w+)?(?:\s+the following(?:\s+\w+)?)?\s*:?\s*$")


def _phrase_list(key: str) -> tuple[str, ...]:
    """A validated list of lowered phrases under ``key`` in sections.yaml."""
    phrases = load_yaml(RULES_DIR / "sections.yaml").get(key) or []
    if not isinstance(phrases, list) or not all(isinstance(e, str) and e.strip() for e in phrases):
        raise RuleError(f"sections.yaml: {key} must be a list of phrases")
    return tuple(e.lower().strip() for e in phrases)


@lru_cache(maxsize=1)
def load_avoid_lead_ins() -> tuple[str, ...]:
    """``avoid_lead_ins`` of sections.yaml: how a lead-in that introduces a "Don't" list ends."""
    return _phrase_list("avoid_lead_ins")


def is_avoid_lead_in(text: str) -> bool:
    """Does the lead-in's last sentence introduce things not to do ("try to avoid:")?"""
    last = re.split(r"[.!?]\s", text.strip())[-1].lower()
    if not last.rstrip().endswith(":"):
        return False
    last = _LEAD_IN_TAIL.sub("", _LEAD_IN_TAIL.sub("", last)).strip()
    return any(last == e or last.endswith(" " + e) for e in load_avoid_lead_ins())


@lru_cache(maxsize=1)
def load_side_effect_lead_ins() -> tuple[str, ...]:
    """``side_effect_lead_ins`` of sections.yaml: what a lead-in introducing side effects names."""
    return _phrase_list("side_effect_lead_ins")


def is_side_effect_lead_in(text: str) -> bool:
    """Does the lead-in's last sentence introduce a treatment's side effects ("Side effects include:")?"""
    last = re.split(r"[.!?]\s", text.strip())[-1].lower()
    return last.rstrip().endswith(":") and any(p in last for p in load_side_effect_lead_ins())


@lru_cache(maxsize=1)
def load_cause_lead_ins() -> tuple[str, ...]:
    """``cause_lead_ins`` of sections.yaml: what a lead-in introducing causes or triggers names."""
    return _phrase_list("cause_lead_ins")


_LIST_LEAD_END = re.compile(r"(?::|\b(?:include|including|are|by|as))$")


def is_cause_lead_in(text: str) -> bool:
    """Does the lead-in's last sentence introduce causes or triggers ("Common causes include:",
    "It can also be caused by:"), not symptoms ("It can cause:", "... similar symptoms, such as:")?"""
    last = re.split(r"[.!?]\s", text.strip())[-1].lower().rstrip()
    return (bool(_LIST_LEAD_END.search(last)) and "symptom" not in last
            and any(p in last for p in load_cause_lead_ins()))


@dataclass(frozen=True, slots=True)
class SectionInfo:
    heading: str | None
    role: str | None
    action: str | None
    rule_id: str | None
    negates: frozenset[str] = frozenset()
    causes_need_context: bool = False


class DocumentLayout:
    """Answers "which section / block / lead-in is this character in?" by bisection."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.escalation_cues: list = []  # set by the extractor: cues in document order
        self.context_cues: list = []  # likewise, the ConText cues (conditionals mark lead-ins)
        self.concept_spans: list = []  # likewise, (concept id, start, end token) of every concept match
        # token starts of every conditional cue, including those inside a concept phrase ("See a
        # GP if" is an advice concept and a condition)
        self.conditions: list[int] = []
        # conditionals that count only beside a directed action ("pain that has lasted ... warrants")
        self.action_conditions: list[int] = []
        self.lead_actions: dict = {}  # lead-in start -> its action cue (memo for the extractor)
        self.follow_actions: dict = {}  # follow-up paragraph start -> its action cue (likewise)
        self._avoid_leads: dict[int, bool] = {}  # lead-in start -> introduces a "Don't" list
        self._side_effect_leads: dict[int, bool] = {}  # lead-in start -> introduces side effects
        self._cause_leads: dict[int, bool] = {}  # lead-in start -> introduces causes or triggers
        self.sections: list[Section] = document.sections()
        self._section_starts = [s.start for s in self.sections]
        self.blocks: list[Block] = document.blocks
        self._block_starts = [b.start for b in self.blocks]
        rules = load_section_rules()
        titles = {document.block_text(b) for b in self.blocks if b.kind == "heading" and b.level == 1}
        self._infos = [_classify(s, rules, titles) for s in self.sections]

    def section_at(self, offset: int) -> SectionInfo:
        index = bisect.bisect_right(self._section_starts, offset) - 1
        return self._infos[max(index, 0)] if self._infos else SectionInfo(None, None, None, None)

    def block_index_at(self, offset: int) -> int | None:
        index = bisect.bisect_right(self._block_starts, offset) - 1
        if index < 0:
            return None
        block = self.blocks[index]
        return index if offset <= block.end else None

    def is_list_item(self, offset: int) -> bool:
        index = self.block_index_at(offset)
        return index is not None and self.blocks[index].kind == "list_item"

    def list_lead_in(self, offset: int) -> Block | None:
        """The paragraph introducing the list whose item holds ``offset``, if it is in one."""
        index = self.block_index_at(offset)
        if index is None or self.blocks[index].kind != "list_item":
            return None
        return self.lead_in(index)

    def in_avoid_list(self, offset: int) -> bool:
        """A list item under a lead-in such as "For 24 hours, try not to:" (a "Don't" list)."""
        return self._lead_in_is(offset, self._avoid_leads, is_avoid_lead_in)

    def in_side_effect_list(self, offset: int) -> bool:
        """A list item under a lead-in such as "Side effects include:" (a treatment's effects)."""
        return self._lead_in_is(offset, self._side_effect_leads, is_side_effect_lead_in)

    def in_cause_list(self, offset: int) -> bool:
        """``offset`` opens a list item under a lead-in such as "Common causes include:": the item
        names what brings the condition on ("- constipation", "- chronic coughing"). A symptom later
        in the item ("- Dehydration: can lead to muscle cramps") is the cause's own and is kept."""
        index = self.block_index_at(offset)
        if index is None or self.blocks[index].kind != "list_item":
            return False
        head = self.document.text[self.blocks[index].start:offset]
        return len(head.split()) <= 1 and ":" not in head and self._lead_in_is(
            offset, self._cause_leads, is_cause_lead_in)

    def _lead_in_is(self, offset: int, memo: dict[int, bool], test: Callable[[str], bool]) -> bool:
        """``test`` of the lead-in's text, once per lead-in (many items share one)."""
        lead = self.list_lead_in(offset)
        if lead is None:
            return False
        if lead.start not in memo:
            memo[lead.start] = test(self.document.block_text(lead))
        return memo[lead.start]

    def list_follow_up(self, offset: int) -> Block | None:
        """The paragraph right after the list whose item holds ``offset`` ("If you have any of
        these symptoms, see a doctor"), if it is in one."""
        index = self.block_index_at(offset)
        if index is None or self.blocks[index].kind != "list_item":
            return None
        i = index
        while i < len(self.blocks) and self.blocks[i].kind == "list_item":
            i += 1
        if i < len(self.blocks) and self.blocks[i].kind == "paragraph":
            return self.blocks[i]
        return None

    def lead_in(self, index: int) -> Block | None:
        """For a list item: the paragraph that introduces its list ("See a GP if:")."""
        i = index
        while i >= 0 and self.blocks[i].kind == "list_item":
            i -= 1
        if i >= 0 and i != index and self.blocks[i].kind == "paragraph":
            return self.blocks[i]
        return None


# A "heading" of two sentences is a callout box the page's converter set as a heading ("This
# condition is considered a medical emergency, and 911 ... should be contacted. Urgent care may be
# required."): it titles nothing, so the list after it (a spider bite's description) is not its.
_CALLOUT = re.compile(r"[.!?]\s+[A-Z]")


def _classify(section: Section, rules: tuple[SectionRule, ...], titles: set[str]) -> SectionInfo:
    """The nearest heading on the path that some rule recognises decides the role."""
    for heading in reversed(section.path):
        if heading in titles or _CALLOUT.search(heading):
            continue
        for rule in rules:
            if rule.matches(heading):
                return SectionInfo(section.heading, rule.role, rule.action, rule.id, rule.negates,
                                   rule.causes_need_context)
    return SectionInfo(section.heading, None, None, None)
