"""Preparing the analysis: topics per article, reference sources and opposing-advice pairs.

The conflicts, omissions and consensus themselves are SQL views in ``warehouse/views``; this
module computes the few inputs those views need that come from rules and from the editors'
configuration (pins, reference publishers/patterns), and swaps them in before each report.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pyarrow as pa

from extractors.errors import RuleError
from extractors.rulefiles import RULES_DIR, load_yaml
from extractors.topics import assign_topics, load_topic_rules
from extractors.vocabulary import load_vocabulary
from warehouse.editorial import REFERENCES, TOPICS, replace_analysis_inputs
from warehouse.marts import stream_query
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


ID_RANGES = tuple((d, d) for d in "0123456789abcdef")  # article ids are content-hash hex


@lru_cache(maxsize=1)
def equivalent_red_flags() -> tuple[dict[str, str], ...]:
    """``red_flags.yaml`` ``equivalent`` groups as (concept, same_as) rows, both directions."""
    data = load_yaml(RULES_DIR / "red_flags.yaml")
    concepts = load_vocabulary().concepts
    groups = data.get("equivalent", []) if isinstance(data, dict) else None
    if not isinstance(groups, list) or not all(isinstance(g, list) and len(g) >= 2 for g in groups):
        raise RuleError("red_flags.yaml: 'equivalent' must be a list of lists of two or more concept ids")
    rows = []
    for group in groups:
        for concept in group:
            if concept not in concepts or concepts[concept].kind != "red_flag":
                raise RuleError(f"red_flags.yaml: equivalent names {concept!r}, which is not a red-flag concept")
        rows += [{"concept": a, "same_as": b} for a in group for b in group if a != b]
    return tuple(rows)


def compute_inputs(wh: Warehouse, editorial: Editorial, chunk: int = 2000,
                   id_ranges: tuple[tuple[str, str], ...] = ID_RANGES) -> tuple[pa.Table, pa.Table]:
    """(topics, references) for every latest article.

    The ingest runs this at its end, so it must stay flat in memory as the warehouse grows: the
    profiles are aggregated one article-id range at a time and streamed ``chunk`` articles at a
    time, and the output is kept as Arrow tables (a few rows per article), not dicts.
    """
    rules = load_topic_rules()
    concept_topics = {c.id: c.topics for c in load_vocabulary().concepts.values()}
    known = {t.id for t in rules.topics}
    publishers = {p.lower() for p in editorial.reference_publishers}
    topics: list[pa.Table] = []
    references: list[pa.Table] = []
    chunks = (articles for low, high in id_ranges
              for articles in stream_query(wh, "analysis_profiles", chunk, [low, high]))
    for articles in chunks:
        topics.append(pa.Table.from_pylist(
            [row for article in articles for row in _topic_rows(article, editorial, rules, known,
                                                                concept_topics)], TOPICS))
        references.append(pa.Table.from_pylist(
            [row for article in articles for row in _reference_rows(article, editorial, publishers)],
            REFERENCES))
    return (pa.concat_tables(topics) if topics else TOPICS.empty_table(),
            pa.concat_tables(references) if references else REFERENCES.empty_table())


def _topic_rows(article: dict[str, Any], editorial: Editorial, rules: Any, known: set[str],
                concept_topics: dict[str, Any]) -> list[dict[str, Any]]:
    aid = article["article_id"]
    pinned = [topic for pattern, topics in editorial.pins.items()
              if fnmatch.fnmatch(article["source"], pattern) for topic in topics]
    if pinned:
        return [{"article_id": aid, "topic": topic, "topic_label": rules.label(topic), "score": 100.0,
                 "assigned_by": "pin"} for topic in dict.fromkeys(pinned)]
    scores = assign_topics(article["title"], article["headings"], article["concepts"], concept_topics, rules)
    return [{"article_id": aid, "topic": topic, "topic_label": rules.label(topic), "score": score,
             "assigned_by": "rules"} for topic, score in sorted(scores.items()) if topic in known]


def _reference_rows(article: dict[str, Any], editorial: Editorial, publishers: set[str]) -> list[dict[str, Any]]:
    publisher = (article["publisher"] or "").lower()
    if publisher and publisher in publishers:
        return [{"article_id": article["article_id"], "matched_by": f"publisher:{article['publisher']}"}]
    targets = [t for t in (article["source"], article["canonical_url"]) if t]
    for pattern in editorial.reference_patterns:
        if any(fnmatch.fnmatch(t, pattern) for t in targets):
            return [{"article_id": article["article_id"], "matched_by": f"pattern:{pattern}"}]
    return []


def refresh_analysis(wh: Warehouse, editorial: Editorial | None = None) -> None:
    """Recompute topics and references from the current rules and config; load them."""
    topics, references = compute_inputs(wh, editorial or Editorial())
    replace_analysis_inputs(wh, topics, references, list(opposing_pairs()), list(equivalent_red_flags()))
