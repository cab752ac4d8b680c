"""Extraction records → Arrow tables, the shape DuckDB loads in one ``INSERT … SELECT``.

Ids are deterministic hashes of what a record *is* (article version + kind + concept + offsets),
so re-loading the same article can never create a second copy of a finding.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from extractors.records import Extraction

ARTICLES = pa.schema([
    ("article_id", pa.string()), ("source", pa.string()), ("version", pa.int32()),
    ("title", pa.string()), ("publisher", pa.string()), ("author", pa.string()),
    ("reviewed_by", pa.string()), ("published", pa.date32()), ("modified", pa.date32()),
    ("language", pa.string()), ("canonical_url", pa.string()), ("description", pa.string()),
    ("format", pa.string()), ("text", pa.string()), ("content_hash", pa.string()),
    ("word_count", pa.int32()), ("ingested_at", pa.timestamp("us")), ("run_id", pa.string()),
])
SECTIONS = pa.schema([
    ("article_id", pa.string()), ("ordinal", pa.int32()), ("heading", pa.string()),
    ("level", pa.int32()), ("start", pa.int32()), ("end", pa.int32()),
])
_EVIDENCE = [
    ("text", pa.string()), ("sentence", pa.string()), ("section", pa.string()),
    ("start", pa.int32()), ("end", pa.int32()), ("sentence_start", pa.int32()),
    ("rule_id", pa.string()),
]
FINDINGS = pa.schema([
    ("finding_id", pa.string()), ("article_id", pa.string()), ("kind", pa.string()),
    ("concept", pa.string()), *_EVIDENCE, ("negated", pa.bool_()), ("hedged", pa.bool_()),
    ("conditional", pa.bool_()), ("experiencer", pa.string()), ("cues", pa.list_(pa.string())),
])
ESCALATIONS = pa.schema([
    ("escalation_id", pa.string()), ("article_id", pa.string()), ("action", pa.string()),
    ("trigger", pa.string()), ("min_days", pa.float64()), ("max_days", pa.float64()), *_EVIDENCE,
])
TIMINGS = pa.schema([
    ("timing_id", pa.string()), ("article_id", pa.string()), ("subject", pa.string()),
    ("relation", pa.string()), ("min_value", pa.float64()), ("max_value", pa.float64()),
    ("unit", pa.string()), ("min_days", pa.float64()), ("max_days", pa.float64()), *_EVIDENCE,
])
QUARANTINE = pa.schema([
    ("run_id", pa.string()), ("source", pa.string()), ("stage", pa.string()),
    ("reason", pa.string()), ("quarantined_at", pa.timestamp("us")),
])


@dataclass(frozen=True, slots=True)
class Quarantined:
    source: str
    stage: str
    reason: str


def record_id(*parts: Any) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass
class BatchTables:
    articles: pa.Table
    sections: pa.Table
    findings: pa.Table
    escalations: pa.Table
    timings: pa.Table

    def counts(self) -> dict[str, int]:
        return {"findings": self.findings.num_rows, "escalations": self.escalations.num_rows,
                "timings": self.timings.num_rows}


@dataclass
class PreparedBatch:
    """A batch's rows as Arrow tables, built where it was extracted (a worker process), so the
    single writer only filters and inserts. Article rows carry no version, run or load time
    yet: those depend on what the warehouse holds when the batch is loaded."""

    tables: BatchTables
    duplicates: list[str] = field(default_factory=list)  # sources whose text came earlier in the batch

    @property
    def sources(self) -> list[str]:
        return self.tables.articles.column("source").to_pylist()


def prepare_tables(extractions: Sequence[Extraction]) -> PreparedBatch:
    """Rows for every distinct text of the batch (the first source of a repeated text wins)."""
    seen: set[str] = set()
    unique: list[Extraction] = []
    duplicates: list[str] = []
    for extraction in extractions:
        h = extraction.document.content_hash
        if h in seen:
            duplicates.append(extraction.document.source)
        else:
            seen.add(h)
            unique.append(extraction)
    return PreparedBatch(build_tables([(x, 0) for x in unique], "", None), duplicates)


def build_tables(extractions: Sequence[tuple[Extraction, int]], run_id: str,
                 now: datetime | None) -> BatchTables:
    """``extractions`` pairs each extraction with the version number it will be stored as."""
    articles, sections, findings, escalations, timings = [], [], [], [], []
    for extraction, version in extractions:
        doc = extraction.document
        aid = doc.article_id
        articles.append({
            "article_id": aid, "source": doc.source, "version": version, "title": doc.title,
            "publisher": doc.publisher, "author": doc.author, "reviewed_by": doc.reviewed_by,
            "published": _date(doc.published), "modified": _date(doc.modified),
            "language": doc.language, "canonical_url": doc.canonical_url,
            "description": doc.description, "format": doc.format, "text": doc.text,
            "content_hash": doc.content_hash, "word_count": doc.word_count,
            "ingested_at": now, "run_id": run_id,
        })
        for s in doc.sections():
            sections.append({"article_id": aid, "ordinal": s.ordinal, "heading": s.heading,
                             "level": s.level, "start": s.start, "end": s.end})
        for f in extraction.findings:
            findings.append({
                "finding_id": record_id(aid, f.kind, f.concept, f.start, f.end), "article_id": aid,
                "kind": f.kind, "concept": f.concept, **_evidence(f, f.rule), "negated": f.negated,
                "hedged": f.hedged, "conditional": f.conditional, "experiencer": f.experiencer,
                "cues": list(f.cues),
            })
        for e in extraction.escalations:
            escalations.append({
                "escalation_id": record_id(aid, "escalation", e.start, e.end), "article_id": aid,
                "action": e.action, "trigger": e.trigger, "min_days": e.min_days,
                "max_days": e.max_days, **_evidence(e, e.rule),
            })
        for t in extraction.timings:
            timings.append({
                "timing_id": record_id(aid, "timing", t.start, t.end), "article_id": aid,
                "subject": t.subject, "relation": t.relation, "min_value": t.min_value,
                "max_value": t.max_value, "unit": t.unit, "min_days": t.min_days,
                "max_days": t.max_days, **_evidence(t, t.rule),
            })
    return BatchTables(
        pa.Table.from_pylist(articles, ARTICLES), pa.Table.from_pylist(sections, SECTIONS),
        pa.Table.from_pylist(_unique(findings, "finding_id"), FINDINGS),
        pa.Table.from_pylist(_unique(escalations, "escalation_id"), ESCALATIONS),
        pa.Table.from_pylist(_unique(timings, "timing_id"), TIMINGS),
    )


def _evidence(record: Any, rule: str) -> dict[str, Any]:
    return {"text": record.text, "sentence": record.sentence, "section": record.section,
            "start": record.start, "end": record.end, "sentence_start": record.sentence_start,
            "rule_id": rule}


def _unique(rows: Iterable[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        seen.setdefault(row[key], row)
    return list(seen.values())


def quarantine_table(items: Sequence[Quarantined], run_id: str, now: datetime) -> pa.Table:
    return pa.Table.from_pylist(
        [{"run_id": run_id, "source": q.source, "stage": q.stage, "reason": q.reason,
          "quarantined_at": now} for q in items], QUARANTINE)
