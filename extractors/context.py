"""ConText-style modifiers: negation, hedging, conditionals and who a statement is about.

Cues come from ``rules/context.jsonl``. A cue modifies a target in the same sentence when the
target lies inside the cue's scope: ``forward`` cues reach up to ``max_scope`` tokens after the
cue, ``backward`` cues as far before it, and a ``TERMINATE`` cue ("but", "however", ";") between
cue and target closes the scope, unless the cue names that terminator's rule id in its ``crosses``
list (a side-effect list reaches over "were:" and "which included"). ``PSEUDO`` cues ("not only",
"no more than", "not uncommon") cancel the real cues they overlap, as in Chapman et al.'s ConText
and medspaCy.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from extractors.errors import RuleError
from extractors.nlp import RuleMatcher, get_nlp, sentence_starts
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
    clause_end: int | None = None  # for a terminator with ``until``: where its clause ends

    def blocks(self, cue: Cue, start: int, end: int) -> bool:
        """Does this terminator cut the cue off from the target ``start:end``?"""
        if self.clause_end is None:
            if cue.end <= start:
                return cue.end <= self.start and self.end <= start
            return end <= self.start and self.end <= cue.start
        inside = range(self.start, self.clause_end)
        if (cue.start in inside) == (start in inside):
            return False
        if cue.start in inside and start >= self.clause_end:
            # out of the clause only the ``isolates`` labels stop: "which can include headache,
            # weakness, seizures" hedges the whole list, its first comma is no clause end
            return cue.rule.label in (self.rule.get("isolates") or ())
        return True


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
            extra_keys={"direction": str, "max_scope": int, "applies_to": list, "with_action": bool,
                        "until": list, "isolates": list, "crosses": list},
            required_extra=("direction", "max_scope"),
        )
        for rule in rules:
            if rule.get("direction") not in DIRECTIONS:
                raise RuleError(f"context.jsonl:{rule.line}: direction must be one of {DIRECTIONS}")
            bad = set(rule.get("applies_to") or ()) - set(KINDS)
            if bad:
                raise RuleError(f"context.jsonl:{rule.line}: applies_to has unknown kind(s) {sorted(bad)}")
            until = rule.get("until")
            if until is not None and (rule.label != "TERMINATE" or not until
                                      or not all(isinstance(t, str) and t for t in until)):
                raise RuleError(f"context.jsonl:{rule.line}: until needs a TERMINATE rule and a list of tokens")
            if not set(rule.get("isolates") or ()) <= set(CATEGORIES) or (rule.get("isolates") and until is None):
                raise RuleError(f"context.jsonl:{rule.line}: isolates needs until and context labels")
        terminator_ids = {rule.id for rule in rules if rule.label == "TERMINATE"}
        for rule in rules:
            crosses = rule.get("crosses")
            if crosses is not None and (rule.label == "TERMINATE" or not crosses
                                        or not all(isinstance(t, str) and t in terminator_ids for t in crosses)):
                raise RuleError(f"context.jsonl:{rule.line}: crosses needs a non-TERMINATE rule and a list of "
                                f"TERMINATE rule ids")
        self.matcher = RuleMatcher(get_nlp(), rules)

    def cues(self, doc: Doc) -> list[Cue]:
        """All non-pseudo cues in the doc, each with its sentence bounds."""
        matches = self.matcher(doc)
        pseudo = {i for rule, s, e in matches if rule.label == "PSEUDO" for i in range(s, e)}
        # sentence bounds by bisection over the doc's sentence starts (Token.sent walks the doc each time)
        starts = sentence_starts(doc) if matches else []
        bounds = list(zip(starts, starts[1:] + [len(doc)]))
        cues = []
        for rule, start, end in matches:
            if rule.label == "PSEUDO" or any(i in pseudo for i in range(start, end)):
                continue
            sent_start, sent_end = bounds[bisect.bisect_right(starts, start) - 1]
            until = rule.get("until")
            clause_end = None
            if until:
                closers = frozenset(until)
                clause_end = next((i for i in range(end, sent_end) if doc[i].text in closers), sent_end)
            cues.append(Cue(rule, start, end, sent_start, sent_end, clause_end))
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
            if start - cue.end - _skipped(terminators, cue.end, start) > scope:
                continue
        elif end <= cue.start and direction in ("backward", "bidirectional"):
            if cue.start - end - _skipped(terminators, end, cue.start) > scope:
                continue
        else:
            continue
        crosses = cue.rule.get("crosses") or ()
        if any(t.blocks(cue, start, end) for t in terminators if t.rule.id not in crosses):
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


def _skipped(terminators: list[Cue], lo: int, hi: int) -> int:
    """Tokens of closed clauses lying wholly in ``lo:hi`` (the clause and its closing comma): the
    scope of a cue reaches over an aside as if it were not there."""
    return sum(t.clause_end + 1 - t.start for t in terminators
               if t.clause_end is not None and lo <= t.start and t.clause_end < hi)


@lru_cache(maxsize=1)
def get_context_matcher() -> ContextMatcher:
    return ContextMatcher()
