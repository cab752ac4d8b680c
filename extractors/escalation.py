"""Escalation windows ("see a GP if it lasts more than a week") versus mere timing claims.

A duration is an escalation window when its sentence (or, for a bullet, the list's lead-in or a
seek-help heading) names an action (``ACTION`` cues: GP, specialist, urgent, emergency, self-care)
and the duration is tied to persistence or no improvement (``TRIGGER`` cues, or an open-ended
qualifier such as "more than"). Every other duration — how long soreness lasts, ice for 15–20
minutes, "take them for no more than three days" — is kept as a typed timing claim instead,
because editors compare those too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from extractors.durations import Duration
from extractors.errors import RuleError
from extractors.nlp import RuleMatcher, get_nlp, longest_non_overlapping, sentence_start
from extractors.records import ACTIONS
from extractors.rulefiles import RULES_DIR, load_jsonl_rules

TRIGGERS = ("persists", "lasts", "not_improving", "worsens", "recurs", "threshold")
# When one statement names several, the most pressing action wins, but a named doctor beats a
# specialist mentioned as an alternative ("see a doctor or physical therapist"). A rule may set
# its own ``priority`` to win outright ("your GP may refer you to a specialist" = specialist).
ACTION_PRIORITY = {"emergency": 4, "urgent": 3, "gp": 2, "specialist": 1, "self_care": 0}
RELATION_NORMS = {"peak": "peaks", "last": "lasts", "persist": "lasts", "take": "takes",
                  "heal": "heals", "recover": "recovery", "resolve": "resolves",
                  "improve": "improves", "continue": "lasts", "apply": "apply", "hold": "hold"}


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str  # "ACTION" | "TRIGGER" | "DIRECTIVE"
    value: str  # action or trigger name; for a DIRECTIVE "before" or "after" (where it may stand)
    rule_id: str
    start: int
    end: int
    priority: int = 0  # from ACTION_PRIORITY, or the rule's own ``priority`` ("refer you to")
    directive: bool = False  # an ACTION that is its own directive ("seek help")


class EscalationCues:
    def __init__(self) -> None:
        rules = load_jsonl_rules(
            RULES_DIR / "escalation.jsonl",
            labels=("ACTION", "TRIGGER", "DIRECTIVE"),
            extra_keys={"action": str, "trigger": str, "priority": int, "directive": bool, "after": bool},
        )
        for rule in rules:
            if rule.label == "DIRECTIVE":
                continue
            value = rule.get("action") if rule.label == "ACTION" else rule.get("trigger")
            allowed = ACTIONS if rule.label == "ACTION" else TRIGGERS
            if value not in allowed:
                raise RuleError(f"escalation.jsonl:{rule.line}: {rule.label.lower()} must be one of {allowed}")
        self.matcher = RuleMatcher(get_nlp(), rules)

    def __call__(self, doc: Doc) -> list[Cue]:
        cues = []
        for rule, start, end in longest_non_overlapping(self.matcher(doc)):
            if rule.label == "DIRECTIVE":
                cues.append(Cue(rule.label, "after" if rule.get("after") else "before", rule.id, start, end))
                continue
            value = rule.get("action") if rule.label == "ACTION" else rule.get("trigger")
            priority = rule.get("priority", ACTION_PRIORITY.get(value, 0))
            cues.append(Cue(rule.label, value, rule.id, start, end, priority, bool(rule.get("directive"))))
        return cues


@lru_cache(maxsize=1)
def get_escalation_cues() -> EscalationCues:
    return EscalationCues()


def cues_by_sentence(doc: Doc, cues: list[Cue]) -> dict[int, list[Cue]]:
    grouped: dict[int, list[Cue]] = defaultdict(list)
    for cue in cues:
        grouped[sentence_start(doc, cue.start)].append(cue)
    return grouped


def pick_action(cues: list[Cue]) -> Cue | None:
    actions = [c for c in cues if c.kind == "ACTION"]
    if not actions:
        return None
    return max(actions, key=lambda c: (c.priority, -c.start))


DIRECTIVE_BEFORE = 6  # tokens between a directive and its action: "take your baby or toddler to the GP"
DIRECTIVE_AFTER = 4   # "a doctor should be consulted"
# A directive and its action sit in one clause: "his pain returned after four months, his doctors
# report ..." names doctors but sends nobody to them.
CLAUSE_BREAKS = frozenset({",", ";", ":", "\"", "\u201c", "\u201d", "\u2014", "(", ")"})


def is_directed(doc: Doc, cues: list[Cue]) -> bool:
    """Does the sentence send the reader to someone, rather than merely mention a doctor?"""
    directives = [c for c in cues if c.kind == "DIRECTIVE"]

    def same_clause(start: int, end: int) -> bool:
        return not any(t.text in CLAUSE_BREAKS for t in doc[start:end])

    for action in (c for c in cues if c.kind == "ACTION"):
        if action.directive:
            return True
        for d in directives:
            if d.value == "before" and 0 <= action.start - d.end <= DIRECTIVE_BEFORE \
                    and same_clause(d.end, action.start):
                return True
            if d.value == "after" and 0 <= d.start - action.end <= DIRECTIVE_AFTER \
                    and same_clause(action.end, d.start):
                return True
    return False


def has_persistence_trigger(cues: list[Cue]) -> bool:
    """A trigger other than a bare threshold word: "doesn't improve", "gets worse", "lasts"."""
    return any(c.kind == "TRIGGER" and c.value != "threshold" for c in cues)


def pick_trigger(cues: list[Cue], duration: Duration) -> Cue | None:
    """The trigger nearest before the duration (else nearest after): "persists for more than"."""
    triggers = [c for c in cues if c.kind == "TRIGGER"]
    if not triggers:
        return None
    before = [c for c in triggers if c.end <= duration.qualifier_start + 1]
    pool = before or triggers
    return min(pool, key=lambda c: abs(duration.start - c.end))


def is_escalation(duration: Duration, trigger: Cue | None) -> bool:
    """A window needs a persistence trigger, or an open/threshold qualifier before it."""
    if trigger is not None and trigger.value != "threshold":
        return True
    return duration.bound == "open" or (trigger is not None and duration.bound == "point")


def timing_relation(sent: Span, duration: Duration) -> str:
    """How the duration relates to its subject: "within", "for", "peaks", "lasts" …"""
    doc = sent.doc
    if duration.qualifier_start < duration.start:
        return doc[duration.qualifier_start:duration.start].text.lower()
    for i in range(duration.start - 1, max(sent.start, duration.start - 6) - 1, -1):
        relation = RELATION_NORMS.get(doc[i].norm_)
        if relation:
            return relation
    return "duration"
