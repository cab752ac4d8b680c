"""Topic assignment: which condition(s) an article is about, from its title, headings and the
concepts it mentions (rules in ``rules/topics.yaml``).

Topics exist so that only like is compared with like: a headache article's escalation window is
never set against a back-pain article's. An article may belong to several topics ("Neck and
back pain after weightlifting"); editors' pins override the rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from extractors.errors import RuleError
from extractors.rulefiles import RULES_DIR, load_yaml


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    label: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class TopicRules:
    version: str
    topics: tuple[Topic, ...]
    min_score: float
    title_weight: float
    heading_weight: float
    concept_weight: float
    max_concept_score: float
    # Section headings repeat across a corpus ("Symptoms", "When to see a GP"): each distinct one
    # is matched against the topics once per process, which made the end-of-ingest topic refresh
    # ~3x cheaper. Bounded: cleared when it reaches HEADING_CACHE entries.
    _headings: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    HEADING_CACHE = 100_000

    def heading_topics(self, heading: str) -> tuple[str, ...]:
        """Ids of the topics with a keyword in ``heading`` (already lower-cased)."""
        found = self._headings.get(heading)
        if found is None:
            if len(self._headings) >= self.HEADING_CACHE:
                self._headings.clear()
            found = tuple(t.id for t in self.topics if t.pattern.search(heading))
            self._headings[heading] = found
        return found

    def label(self, topic_id: str) -> str:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic.label
        return topic_id.replace("_", " ").capitalize()


@lru_cache(maxsize=1)
def load_topic_rules() -> TopicRules:
    data = load_yaml(RULES_DIR / "topics.yaml")
    try:
        weights = data["weights"]
        topics = []
        seen: set[str] = set()
        for entry in data["topics"]:
            if set(entry) - {"id", "label", "keywords"}:
                raise RuleError(f"topics.yaml: topic {entry.get('id')!r} has unknown keys")
            if entry["id"] in seen:
                raise RuleError(f"topics.yaml: duplicate topic id {entry['id']!r}")
            seen.add(entry["id"])
            keywords = [re.escape(k.lower()) for k in entry["keywords"]]
            if not keywords:
                raise RuleError(f"topics.yaml: topic {entry['id']!r} has no keywords")
            pattern = re.compile(r"\b(?:" + "|".join(keywords) + r")")
            topics.append(Topic(str(entry["id"]), str(entry["label"]), pattern))
        return TopicRules(
            version=str(data["version"]), topics=tuple(topics), min_score=float(data["min_score"]),
            title_weight=float(weights["title"]), heading_weight=float(weights["heading"]),
            concept_weight=float(weights["concept"]),
            max_concept_score=float(weights["max_concept_score"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RuleError(f"topics.yaml: malformed ({exc})") from None


def score_topics(title: str | None, headings: Iterable[str], concept_ids: Iterable[str],
                 concept_topics: Mapping[str, Iterable[str]], rules: TopicRules | None = None
                 ) -> dict[str, float]:
    """Scores per topic (only positive ones); see the weights in ``rules/topics.yaml``."""
    rules = rules or load_topic_rules()
    title_text = (title or "").lower()
    per_heading = Counter(t for h in headings if h for t in rules.heading_topics(h.lower()))
    per_concept = Counter(t for c in set(concept_ids) for t in concept_topics.get(c, ()))
    scores: dict[str, float] = {}
    for topic in rules.topics:
        score = rules.title_weight * len(set(topic.pattern.findall(title_text)))
        score += rules.heading_weight * per_heading.get(topic.id, 0)
        score += min(rules.max_concept_score, rules.concept_weight * per_concept.get(topic.id, 0))
        if score > 0:
            scores[topic.id] = round(score, 3)
    return scores


def assign_topics(title: str | None, headings: Iterable[str], concept_ids: Iterable[str],
                  concept_topics: Mapping[str, Iterable[str]], rules: TopicRules | None = None
                  ) -> dict[str, float]:
    """Topics at or above the threshold; when none reaches it, the single best (if any)."""
    rules = rules or load_topic_rules()
    scores = score_topics(title, headings, concept_ids, concept_topics, rules)
    chosen = {t: s for t, s in scores.items() if s >= rules.min_score}
    if not chosen and scores:
        best = max(scores, key=lambda t: (scores[t], t))
        if scores[best] >= rules.min_score / 2:
            chosen = {best: scores[best]}
    return chosen
