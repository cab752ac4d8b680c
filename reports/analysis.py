"""Preparing the analysis: topics per article, reference sources and opposing-advice pairs.

The conflicts, omissions and consensus themselves are SQL views in ``warehouse/views``; this
module computes the few inputs those views need that come from rules and from the editors'
configuration (pins, reference publishers/patterns), and swaps them in after each ingest and before each report: incrementally, for the articles
that changed since the last refresh, unless the rules or the configuration changed.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa

from extractors.errors import RuleError
from extractors.rulefiles import RULES_DIR, load_yaml
from extractors import topics as topic_scoring
from extractors.topics import assign_topics, load_topic_rules
from extractors.vocabulary import load_vocabulary
from warehouse.editorial import (ANALYSED, REFERENCES, TOPICS, analysis_fingerprint, pending_analysis_count,
                                 retired_analysis_ids, update_analysis_inputs)
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


HEX = "0123456789abcdef"  # article ids are content-hash hex
ID_RANGES = tuple((d, d) for d in HEX)
PER_PASS = 1000  # articles profiled per pass, on average, when fewer than 16 passes are needed


def id_ranges_for(articles: int) -> tuple[tuple[str, str], ...]:
    """1, 2, 4, 8 or 16 id ranges, so each holds about PER_PASS articles at most. Each pass re-reads
    v_articles (~18 ms at 6,000 articles), so a few changed articles take one pass; the end of an
    ingest runs under a small memory cap (warehouse.schema.FINISH_MEMORY), which one pass over
    5,000 articles exceeded, so many articles are still profiled a slice at a time."""
    parts = next((p for p in (1, 2, 4, 8) if articles <= p * PER_PASS), 16)
    step = len(HEX) // parts
    return tuple((HEX[i], HEX[i + step - 1]) for i in range(0, len(HEX), step))
FINGERPRINT_FILES = (RULES_DIR / "topics.yaml", RULES_DIR / "concepts.yaml",
                     Path(topic_scoring.__file__), Path(__file__))


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
                   id_ranges: tuple[tuple[str, str], ...] = ID_RANGES, full: bool = True,
                   ) -> tuple[pa.Table, pa.Table, pa.Table]:
    """(topics, references, analysed (article_id, source) pairs) for every latest article, or
    with ``full=False`` for those whose inputs are not current (analysis_profiles.sql).

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
    analysed: list[pa.Table] = []
    chunks = (articles for low, high in id_ranges
              for articles in stream_query(wh, "analysis_profiles", chunk, [low, high, full]))
    for articles in chunks:
        topics.append(pa.Table.from_pylist(
            [row for article in articles for row in _topic_rows(article, editorial, rules, known,
                                                                concept_topics)], TOPICS))
        references.append(pa.Table.from_pylist(
            [row for article in articles for row in _reference_rows(article, editorial, publishers)],
            REFERENCES))
        analysed.append(pa.Table.from_pylist(
            [{"article_id": a["article_id"], "source": a["source"]} for a in articles], ANALYSED))
    return (pa.concat_tables(topics) if topics else TOPICS.empty_table(),
            pa.concat_tables(references) if references else REFERENCES.empty_table(),
            pa.concat_tables(analysed) if analysed else ANALYSED.empty_table())


def inputs_fingerprint(editorial: Editorial) -> str:
    """What topics and references depend on besides the articles: the topic rules, the
    vocabulary (each concept's topics), this code and the editors' configuration."""
    digest = hashlib.sha256()
    for path in FINGERPRINT_FILES:
        digest.update(path.read_bytes())
    digest.update(json.dumps(asdict(editorial), sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:16]


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


def refresh_analysis(wh: Warehouse, editorial: Editorial | None = None, full: bool = False) -> int:
    """Bring topics and references up to date with the current rules and configuration; returns
    how many articles were (re)computed. Only articles that are new or no longer latest since the
    last refresh are, unless the fingerprint changed (or ``full``): a scheduled run that adds 50
    articles to a warehouse of a million costs 50 articles, not a million."""
    editorial = editorial or Editorial()
    fingerprint = inputs_fingerprint(editorial)
    full = full or analysis_fingerprint(wh) != fingerprint
    retired = [] if full else retired_analysis_ids(wh)
    ranges = id_ranges_for(pending_analysis_count(wh, full))
    topics, references, analysed = compute_inputs(wh, editorial, id_ranges=ranges, full=full)
    replace = None if full else sorted(set(retired) | set(analysed.column("article_id").to_pylist()))
    update_analysis_inputs(wh, fingerprint, topics, references, analysed, list(opposing_pairs()),
                           list(equivalent_red_flags()), replace=replace)
    return analysed.num_rows
