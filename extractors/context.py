"""ConText-style modifiers: negation, hedging, conditionals and who a statement is about.

Cues come from ``rules/context.jsonl``. A cue modifies a target in the same sentence when the
target lies inside the cue's scope: ``forward`` cues reach up to ``max_scope`` tokens after the
cue, ``backward`` cues as far before it, and a ``TERMINATE`` cue ("but", "however", ";") between
cue and target closes the scope. ``PSEUDO`` cues ("not only", "no more than", "not uncommon")
cancel the real cues they overlap, as in Chapman et al.'s ConText and medspaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from extractors.errors import RuleError
from extractors.nlp import RuleMatcher, get_nlp
from extractors.rulefiles import RULES_DIR, Rule, load_jsonl_rules

CATEGORIES = ("NEGATED", "HEDGED", "CONDITIONAL", "OTHER_EXPERIENCER", "PSEUDO", "TERMINATE")
DIRECTIONS = ("forward", "backward", "bidirectional", "terminate")
KINDS = ("cause", "symptom", "advice", "red_flag")


@dataclass(frozen=True, slots=True)
class Cue:
    rule: Rule
    start: int
    end: int
    sent_start: int
    sent_end: int


@dataclass(slots=True)
class Modifiers:
    negated: bool = False
    hedged: bool = False
    conditional: bool = False
    experiencer: str = "reader"
    cue_ids: list[str] = field(default_factory=list)


class ContextMatcher:
    def __init__(self) -> None:
        rules = load_jsonl_rules(
            RULES_DIR / "context.jsonl",
            labels=CATEGORIES,
            extra_keys={"direction": str, "max_scope": int, "applies_to": list, "with_action": bool},
            required_extra=("direction", "max_scope"),
        )
        for rule in rules:
            if rule.get("direction") not in DIRECTIONS:
                raise RuleError(f"context.jsonl:{rule.line}: direction must be one of {DIRECTIONS}")
            bad = set(rule.get("applies_to") or ()) - set(KINDS)
            if bad:
                raise RuleError(f"context.jsonl:{rule.line}: applies_to has unknown kind(s) {sorted(bad)}")
        self.matcher = RuleMatcher(get_nlp(), rules)

    def cues(self, doc: Doc) -> list[Cue]:
        """All non-pseudo cues in the doc, each with its sentence bounds."""
        matches = self.matcher(doc)
        pseudo = {i for rule, s, e in matches if rule.label == "PSEUDO" for i in range(s, e)}
        cues = []
        for rule, start, end in matches:
            if rule.label == "PSEUDO" or any(i in pseudo for i in range(start, end)):
                continue
            sent = doc[start].sent
            cues.append(Cue(rule, start, end, sent.start, sent.end))
        return cues


def modifiers_for(start: int, end: int, kind: str, cues: list[Cue]) -> Modifiers:
    """The modifiers that reach the target tokens ``start:end`` (cues must be in document order)."""
    result = Modifiers()
    relevant = [c for c in cues if c.sent_start <= start < c.sent_end]
    terminators = [c for c in relevant if c.rule.label == "TERMINATE"]
    for cue in relevant:
        label = cue.rule.label
        if label == "TERMINATE":
            continue
        applies = cue.rule.get("applies_to")
        if applies and kind not in applies:
            continue
        if cue.start < end and start < cue.end:
            continue  # the cue is part of the target itself
        direction = cue.rule.get("direction")
        scope = cue.rule.get("max_scope")
        if cue.end <= start and direction in ("forward", "bidirectional"):
            if start - cue.end > scope:
                continue
            if any(cue.end <= t.start and t.end <= start for t in terminators):
                continue
        elif end <= cue.start and direction in ("backward", "bidirectional"):
            if cue.start - end > scope:
                continue
            if any(end <= t.start and t.end <= cue.start for t in terminators):
                continue
        else:
            continue
        if label == "NEGATED":
            result.negated = True
        elif label == "HEDGED":
            result.hedged = True
        elif label == "CONDITIONAL":
            result.conditional = True
        elif label == "OTHER_EXPERIENCER":
            result.experiencer = "other"
        result.cue_ids.append(cue.rule.id)
    return result


@lru_cache(maxsize=1)
def get_context_matcher() -> ContextMatcher:
    return ContextMatcher()
