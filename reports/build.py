"""Gathering the report's data from the warehouse (read-only) and choosing a renderer.

Everything shown comes from the warehouse's views through named SQL queries; the renderers
only lay it out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from warehouse.marts import run_query
from warehouse.store import Warehouse

KIND_LABELS = {
    "red_flag": "Red flags",
    "cause": "Causes",
    "symptom": "Symptoms",
    "advice": "Advice",
}
ACTION_LABELS = {
    "emergency": "Emergency (A&E / 999)",
    "urgent": "Urgent",
    "gp": "See a doctor / GP",
    "specialist": "See a specialist",
    "self_care": "Self-care / pharmacist",
}


@dataclass
class ReportData:
    db: str
    generated_at: str
    articles: list[dict[str, Any]] = field(default_factory=list)
    concepts: list[dict[str, Any]] = field(default_factory=list)
    escalations: list[dict[str, Any]] = field(default_factory=list)
    timings: list[dict[str, Any]] = field(default_factory=list)

    def source_names(self) -> dict[str, str]:
        """Short, stable display names: the title, else the file name."""
        return {a["source"]: (a["title"] or Path(a["source"]).name) for a in self.articles}

    def to_dict(self) -> dict[str, Any]:
        return json.loads(json.dumps({
            "generated_at": self.generated_at,
            "db": self.db,
            "articles": self.articles,
            "concepts": self.concepts,
            "escalations": self.escalations,
            "timings": self.timings,
        }, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def load_report_data(db: Path) -> ReportData:
    with Warehouse.open(db, read_only=True) as wh:
        return ReportData(
            db=str(db),
            generated_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
            articles=run_query(wh, "report_articles"),
            concepts=run_query(wh, "report_concepts"),
            escalations=run_query(wh, "report_escalations"),
            timings=run_query(wh, "report_timings"),
        )


def render_report(db: Path, fmt: str) -> str:
    data = load_report_data(db)
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
    return f"{_num(min_days)}–{_days(max_days)}"


def _num(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:.3g}" if value < 1 else f"{value:g}"


def _days(value: float | None) -> str:
    if value is None:
        return "?"
    if value < 1:
        hours = value * 24
        return f"{hours:.3g} hours" if hours >= 1 else f"{hours * 60:.3g} minutes"
    return f"{value:g} day" + ("" if value == 1 else "s")
