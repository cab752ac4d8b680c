"""Word senses a phrase pattern cannot tell apart: the same word, another meaning, told by its
neighbours or by the page. The words are data (``rules/senses.yaml``); this module applies them
to the concept matches before anything else reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from extractors.errors import RuleError
from extractors.nlp import Rule
from extractors.rulefiles import RULES_DIR, load_yaml

SENSES_FILE = RULES_DIR / "senses.yaml"
_SHAPE = {"bare_cramp": {"rule", "other_sense", "own_sense"},
          "psychological_trauma": {"rule", "beside", "before", "gap"}}


@dataclass(frozen=True)
class SenseRules:
    cramp_rule: str
    gut_words: frozenset[str]
    muscle_words: frozenset[str]
    trauma_rule: str
    trauma_beside: frozenset[str]
    trauma_before: frozenset[str]
    trauma_gap: int


def _words(name: str, key: str, value: Any) -> frozenset[str]:
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w for w in value):
        raise RuleError(f"senses.yaml: {name}.{key} must be a non-empty list of words")
    return frozenset(w.lower() for w in value)


@lru_cache(maxsize=1)
def sense_rules() -> SenseRules:
    """Loaded and checked once; a malformed file is a one-line ``RuleError``."""
    data = load_yaml(SENSES_FILE)
    if not isinstance(data, dict) or set(data) != set(_SHAPE):
        raise RuleError(f"senses.yaml: needs exactly the entries {', '.join(sorted(_SHAPE))}")
    for name, keys in _SHAPE.items():
        entry = data[name]
        if not isinstance(entry, dict) or set(entry) != keys:
            raise RuleError(f"senses.yaml: {name} needs exactly the keys {', '.join(sorted(keys))}")
        if not isinstance(entry["rule"], str) or ":" not in entry["rule"]:
            raise RuleError(f"senses.yaml: {name}.rule must be a concept_patterns.jsonl rule id")
    cramp, trauma = data["bare_cramp"], data["psychological_trauma"]
    if not isinstance(trauma["gap"], int) or isinstance(trauma["gap"], bool) or not 0 <= trauma["gap"] <= 10:
        raise RuleError("senses.yaml: psychological_trauma.gap must be a whole number from 0 to 10")
    return SenseRules(cramp["rule"], _words("bare_cramp", "other_sense", cramp["other_sense"]),
                      _words("bare_cramp", "own_sense", cramp["own_sense"]), trauma["rule"],
                      _words("psychological_trauma", "beside", trauma["beside"]),
                      _words("psychological_trauma", "before", trauma["before"]), trauma["gap"])


def _psychological(doc: Doc, start: int, end: int, rules: SenseRules) -> bool:
    sent = doc[start].sent
    if start > sent.start and doc[start - 1].lower_ in rules.trauma_before:
        return True
    near = doc[max(sent.start, start - rules.trauma_gap):min(sent.end, end + rules.trauma_gap)]
    return any(t.lower_ in rules.trauma_beside for t in near)


def drop_other_senses(doc: Doc, matches: list[tuple[Rule, int, int]]) -> list[tuple[Rule, int, int]]:
    """The concept matches without those whose word is meant in another sense here."""
    rules = sense_rules()
    drop: set[int] = set()
    if any(m[0].id == rules.cramp_rule for m in matches):
        gut, muscle = [], False
        cramp_concept = rules.cramp_rule.split(":", 1)[0]
        for i, (rule, start, _) in enumerate(matches):
            if rule.id == rules.cramp_rule:
                words = {t.lower_ for t in doc[start].sent}
                if words & rules.muscle_words:
                    muscle = True
                elif words & rules.gut_words:
                    gut.append(i)
            elif rule.get("concept") == cramp_concept:  # "muscle cramps", "spasm": the page means muscles
                muscle = True
        drop.update(gut)
        if gut and not muscle:
            drop.update(i for i, m in enumerate(matches) if m[0].id == rules.cramp_rule)
    drop.update(i for i, (rule, start, end) in enumerate(matches)
                if rule.id == rules.trauma_rule and _psychological(doc, start, end, rules))
    return [m for i, m in enumerate(matches) if i not in drop] if drop else matches
