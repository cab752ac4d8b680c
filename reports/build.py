"""Gathering the report from the warehouse and choosing a renderer.

Everything shown comes from the warehouse's views through named SQL queries (no Python loops
over rows to compute results); the renderers only lay it out. Generating a report refreshes the
analysis inputs (topics, references) and records a snapshot, so the next report can say what is
new, changed or resolved since this one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from extractors.errors import UsageError, WarehouseError
from reports.analysis import Editorial, refresh_analysis
from warehouse.editorial import Changes, compare_with_last_snapshot, record_snapshot
from warehouse.marts import run_query
from warehouse.store import Warehouse

KIND_LABELS = {"red_flag": "Red flags", "cause": "Causes", "symptom": "Symptoms", "advice": "Advice"}
ACTION_LABELS = {
    "emergency": "Emergency (A&E / 999)",
    "urgent": "Urgent",
    "gp": "See a doctor / GP",
    "specialist": "See a specialist",
    "self_care": "Self-care / pharmacist",
}
TYPE_LABELS = {
    "reference_deviation": "Deviates from reference",
    "omission": "Red flag omitted",
    "escalation_conflict": "Escalation windows differ",
    "advice_conflict": "Opposing advice",
    "polarity_conflict": "Affirmed vs negated",
    "timing_conflict": "Timings differ",
}
SEVERITIES = ("critical", "high", "medium", "low")


@dataclass
class ReportData:
    db: str
    generated_at: str
    topic_filter: str | None = None
    articles: list[dict[str, Any]] = field(default_factory=list)
    topics: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    consensus: list[dict[str, Any]] = field(default_factory=list)
    escalations: list[dict[str, Any]] = field(default_factory=list)
    quality: list[dict[str, Any]] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)

    def source_names(self) -> dict[str, str]:
        """Short display names: the title, else the file name."""
        return {a["source"]: (a["title"] or Path(a["source"]).name) for a in self.articles}

    def open_by_severity(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for f in self.findings:
            if f["status"] in ("open", "evidence_changed"):
                counts[f["severity"]] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON contract (keys may be added, never renamed)."""
        findings = [{
            "id": f["id"], "type": f["type"], "grade": f["grade"], "topic": f["topic"],
            "concept": f["concept"], "concept_label": f["concept_label"], "severity": f["severity"],
            "status": f["status"], "summary": f["summary"], "review_note": f["review_note"],
            "sources": [{k: s[k] for k in ("source", "title", "publisher", "quote", "section",
                                           "start", "end", "value")} for s in f["sources"]],
        } for f in self.findings]
        return _jsonable({
            "generated_at": self.generated_at,
            "db": self.db,
            "topic_filter": self.topic_filter,
            "summary": {"topics": len(self.topics), "sources": len(self.articles),
                        "open_by_severity": self.open_by_severity()},
            "topics": self.topics,
            "findings": findings,
            "consensus": self.consensus,
            "escalations": self.escalations,
            "articles": self.articles,
            "quality": self.quality,
            "changes": self.changes.to_dict(),
        })


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _decode_values(findings: list[dict[str, Any]]) -> None:
    for finding in findings:
        for source in finding["sources"]:
            if isinstance(source.get("value"), str):
                source["value"] = json.loads(source["value"])


def load_report_data(db: Path, topic: str | None = None, editorial: Editorial | None = None,
                     record: bool = True) -> ReportData:
    """Refresh the analysis inputs, read everything the report shows, record a snapshot."""
    if not Path(db).exists():
        raise WarehouseError(f"no warehouse at {db}; run `concord ingest` first")
    with Warehouse.open(db, read_only=False) as wh:
        refresh_analysis(wh, editorial)
        data = ReportData(
            db=str(db),
            generated_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
            topic_filter=topic,
            articles=run_query(wh, "report_articles"),
            topics=run_query(wh, "report_topics"),
            findings=run_query(wh, "report_findings"),
            consensus=run_query(wh, "report_consensus"),
            escalations=run_query(wh, "report_topic_escalations"),
            quality=run_query(wh, "report_quality"),
            changes=compare_with_last_snapshot(wh),
        )
        if record:
            record_snapshot(wh)
    _decode_values(data.findings)
    if topic is not None:
        _restrict(data, topic)
    return data


def _restrict(data: ReportData, topic: str) -> None:
    known = {t["id"] for t in data.topics}
    if topic not in known:
        raise UsageError(f"unknown topic {topic!r}; topics in this warehouse: {', '.join(sorted(known)) or 'none'}")
    data.topics = [t for t in data.topics if t["id"] == topic]
    members = {a["source"] for a in data.topics[0]["articles"]}
    data.articles = [a for a in data.articles if a["source"] in members]
    data.quality = [q for q in data.quality if q["source"] in members]
    data.findings = [f for f in data.findings if f["topic"] == topic]
    data.consensus = [c for c in data.consensus if c["topic"] == topic]
    data.escalations = [e for e in data.escalations if e["topic"] == topic]


def render_report(db: Path, fmt: str, topic: str | None = None, editorial: Editorial | None = None,
                  record: bool = True) -> str:
    data = load_report_data(db, topic, editorial, record)
    if fmt == "json":
        return json.dumps(data.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        from reports.markdown import render_markdown

        return render_markdown(data)
    from reports.html import render_html

    return render_html(data)


def window_text(min_days: float | None, max_days: float | None) -> str:
    """"7–14 days", "more than 7 days", "2 days"."""
    if min_days is None and max_days is None:
        return "unspecified"
    if max_days is None:
        return f"more than {_days(min_days)}"
    if min_days is None or min_days == max_days:
        return _days(max_days)
    if max_days < 1:
        return f"{min_days * 24:.3g}–{_days(max_days)}"
    return f"{min_days:g}–{_days(max_days)}"


def value_text(value: dict[str, Any] | None) -> str:
    """A finding source's normalised value, for people."""
    if not value:
        return ""
    if "min_days" in value and "action" in value:
        return f"{ACTION_LABELS.get(value['action'], value['action'])}: {window_text(value['min_days'], value['max_days'])}"
    if "min_value" in value:
        high = value["max_value"]
        return f"{value['min_value']:g}{'' if high == value['min_value'] else '–' + format(high, 'g') if high is not None else '+'} {value['unit']}"
    if "stated" in value:
        return "states it" if value["stated"] else "does not state it"
    if "side" in value:
        return f"recommends {value['concept'].replace('_', ' ')}"
    if "negated" in value:
        return "negates it" if value["negated"] else "affirms it"
    return ""


def _days(value: float | None) -> str:
    if value is None:
        return "?"
    if value < 1:
        hours = value * 24
        return f"{hours:.3g} hours" if hours >= 1 else f"{hours * 60:.3g} minutes"
    return f"{value:g} day" + ("" if value == 1 else "s")
