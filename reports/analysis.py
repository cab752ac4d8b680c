"""Preparing the analysis: topics per article, reference sources and opposing-advice pairs.

The conflicts, omissions and consensus themselves are SQL views in ``warehouse/views``; this
module computes the few inputs those views need that come from rules and from the editors'
configuration (pins, reference publishers/patterns), and swaps them in before each report.
"""

from __future__ import annotations

import fnmatch
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from extractors.errors import RuleError
from extractors.rulefiles import RULES_DIR, load_yaml
from extractors.topics import assign_topics, load_topic_rules
from extractors.vocabulary import load_vocabulary
from warehouse.editorial import replace_analysis_inputs
from warehouse.marts import run_query
from warehouse.store import Warehouse


@dataclass
class Editorial:
    """What editors configure: topic pins and which sources are authoritative."""

    pins: dict[str, list[str]] = field(default_factory=dict)   # source glob → topic ids
    reference_publishers: list[str] = field(default_factory=list)
    reference_patterns: list[str] = field(default_factory=list)  # globs on source/canonical URL


@lru_cache(maxsize=1)
def opposing_pairs() -> tuple[dict[str, Any], ...]:
    data = load_yaml(RULES_DIR / "opposing_advice.yaml")
    concepts = load_vocabulary().concepts
    try:
        early_days = float(data["early_days"])
        pairs = []
        for entry in data["pairs"]:
            if set(entry) - {"id", "a", "b", "when", "note"}:
                raise RuleError(f"opposing_advice.yaml: {entry.get('id')!r} has unknown keys")
            for side in (entry["a"], entry["b"]):
                if side not in concepts:
                    raise RuleError(f"opposing_advice.yaml: {entry['id']!r} names unknown concept {side!r}")
            if entry.get("when") not in (None, "early"):
                raise RuleError(f"opposing_advice.yaml: {entry['id']!r}: when must be 'early'")
            pairs.append({"pair_id": entry["id"], "concept_a": entry["a"], "concept_b": entry["b"],
                          "early_only": entry.get("when") == "early", "early_days": early_days,
                          "note": entry.get("note")})
        return tuple(pairs)
    except (KeyError, TypeError, ValueError) as exc:
        raise RuleError(f"opposing_advice.yaml: malformed ({exc})") from None


def compute_topics(wh: Warehouse, editorial: Editorial) -> list[dict[str, Any]]:
    rules = load_topic_rules()
    vocabulary = load_vocabulary()
    concept_topics = {c.id: c.topics for c in vocabulary.concepts.values()}
    headings: dict[str, list[str]] = defaultdict(list)
    for row in run_query(wh, "analysis_headings"):
        headings[row["article_id"]].append(row["heading"])
    concepts: dict[str, list[str]] = defaultdict(list)
    for row in run_query(wh, "analysis_concepts"):
        concepts[row["article_id"]].append(row["concept"])
    known = {t.id for t in rules.topics}
    rows = []
    for article in run_query(wh, "analysis_articles"):
        aid = article["article_id"]
        pinned = [topic for pattern, topics in editorial.pins.items()
                  if fnmatch.fnmatch(article["source"], pattern) for topic in topics]
        if pinned:
            for topic in dict.fromkeys(pinned):
                rows.append({"article_id": aid, "topic": topic, "topic_label": rules.label(topic),
                             "score": 100.0, "assigned_by": "pin"})
            continue
        scores = assign_topics(article["title"], headings[aid], concepts[aid], concept_topics, rules)
        for topic, score in sorted(scores.items()):
            if topic in known:
                rows.append({"article_id": aid, "topic": topic, "topic_label": rules.label(topic),
                             "score": score, "assigned_by": "rules"})
    return rows


def compute_references(wh: Warehouse, editorial: Editorial) -> list[dict[str, Any]]:
    publishers = {p.lower() for p in editorial.reference_publishers}
    rows = []
    for article in run_query(wh, "analysis_articles"):
        publisher = (article["publisher"] or "").lower()
        if publisher and publisher in publishers:
            rows.append({"article_id": article["article_id"], "matched_by": f"publisher:{article['publisher']}"})
            continue
        for pattern in editorial.reference_patterns:
            targets = [article["source"], article["canonical_url"] or ""]
            if any(fnmatch.fnmatch(t, pattern) for t in targets if t):
                rows.append({"article_id": article["article_id"], "matched_by": f"pattern:{pattern}"})
                break
    return rows


def refresh_analysis(wh: Warehouse, editorial: Editorial | None = None) -> None:
    """Recompute topics and references from the current rules and config; load them."""
    editorial = editorial or Editorial()
    replace_analysis_inputs(wh, compute_topics(wh, editorial), compute_references(wh, editorial),
                            list(opposing_pairs()))
