"""Editorial state in the warehouse: topic membership, reference sources, opposing-advice pairs,
editor reviews and report snapshots.

Topics and references are *derived* inputs, brought up to date before each analysis (for the
articles that changed since the last refresh, or all of them when the rules or the editors'
configuration changed), so they always reflect the current rules and configuration; reviews
and snapshots are history and are only ever appended.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import duckdb
import pyarrow as pa

from extractors.errors import UsageError, WarehouseError
from warehouse.marts import run_query
from warehouse.store import Warehouse

REVIEW_STATUSES = ("confirmed", "dismissed", "fixed")

TOPICS = pa.schema([("article_id", pa.string()), ("topic", pa.string()), ("topic_label", pa.string()),
                    ("score", pa.float64()), ("assigned_by", pa.string())])
EQUIVALENTS = pa.schema([("concept", pa.string()), ("same_as", pa.string())])
REFERENCES = pa.schema([("article_id", pa.string()), ("matched_by", pa.string())])
PAIRS = pa.schema([("pair_id", pa.string()), ("concept_a", pa.string()), ("concept_b", pa.string()),
                   ("early_only", pa.bool_()), ("early_days", pa.float64()), ("note", pa.string())])


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


Rows = pa.Table | Sequence[dict[str, Any]]


ANALYSED = pa.schema([("article_id", pa.string()), ("source", pa.string())])


def analysis_fingerprint(wh: Warehouse) -> str | None:
    """What the stored topics and references were computed from (None: never, or pre-007)."""
    rows = wh.rows("SELECT value FROM analysis_state WHERE key = 'inputs'")
    return rows[0]["value"] if rows else None


def pending_analysis_count(wh: Warehouse, full: bool) -> int:
    return int(run_query(wh, "analysis_pending", [full])[0]["pending"])


def retired_analysis_ids(wh: Warehouse) -> list[str]:
    return [r["article_id"] for r in run_query(wh, "analysis_retired")]


def update_analysis_inputs(wh: Warehouse, fingerprint: str, topics: Rows, references: Rows,
                           analysed: Rows, pairs: Rows, equivalents: Rows = (),
                           replace: Sequence[str] | None = None) -> None:
    """Swap in freshly computed inputs in one transaction, so the views never see a half-done
    refresh. ``replace`` None: everything is replaced (a full refresh). Otherwise the topic and
    reference rows of those article ids (new, changed or retired) are replaced and the rest kept;
    ``analysed`` lists the (article_id, source) pairs the new rows were computed for. The small
    rule tables (pairs, equivalents) are always replaced whole."""
    con = wh.con
    con.execute("BEGIN TRANSACTION")
    try:
        if replace is None:
            for table in ("article_topics", "reference_sources", "analysed_articles"):
                con.execute(f"DELETE FROM {table}")
        elif replace:
            con.register("concord_ids", pa.table({"article_id": pa.array(list(replace), pa.string())}))
            for table in ("article_topics", "reference_sources", "analysed_articles"):
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM concord_ids)")
            con.unregister("concord_ids")
        for table in ("opposing_pairs", "equivalent_red_flags"):
            con.execute(f"DELETE FROM {table}")
        for table, rows, schema in (("article_topics", topics, TOPICS),
                                    ("reference_sources", references, REFERENCES),
                                    ("analysed_articles", analysed, ANALYSED),
                                    ("opposing_pairs", pairs, PAIRS),
                                    ("equivalent_red_flags", equivalents, EQUIVALENTS)):
            batch = rows if isinstance(rows, pa.Table) else pa.Table.from_pylist(list(rows), schema)
            if batch.num_rows:
                con.register("concord_batch", batch)
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM concord_batch")
                con.unregister("concord_batch")
        con.execute("INSERT OR REPLACE INTO analysis_state VALUES ('inputs', ?)", [fingerprint])
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise WarehouseError(f"analysis inputs not updated: {str(exc).splitlines()[0]}") from None
    except BaseException:
        con.execute("ROLLBACK")
        raise


def add_review(wh: Warehouse, finding_id: str, status: str, note: str | None, reviewer: str) -> dict[str, Any]:
    if status not in REVIEW_STATUSES:
        raise UsageError(f"status must be one of {', '.join(REVIEW_STATUSES)}")
    rows = wh.rows("SELECT finding_id, summary, evidence_hash FROM v_analysis_findings WHERE finding_id = ?",
                   [finding_id])
    if not rows:
        raise UsageError(f"no finding {finding_id!r} in the current analysis (run `concord report` to list ids)")
    wh.con.execute(
        "INSERT INTO reviews (finding_id, status, note, reviewer, reviewed_at, evidence_hash)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [finding_id, status, note, reviewer, _now(), rows[0]["evidence_hash"]],
    )
    return {"finding_id": finding_id, "status": status, "summary": rows[0]["summary"], "reviewer": reviewer}


@dataclass
class Changes:
    previous_report: str | None = None
    previous_at: str | None = None
    new: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    resolved: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"previous_report": self.previous_report, "previous_at": self.previous_at,
                "new": self.new, "changed": self.changed, "resolved": self.resolved}


def compare_with_last_snapshot(wh: Warehouse) -> Changes:
    """New, changed (evidence moved) and resolved findings since the last recorded report."""
    last = wh.rows("SELECT report_id, generated_at FROM report_snapshots ORDER BY generated_at DESC LIMIT 1")
    if not last:
        return Changes()
    report_id = last[0]["report_id"]
    changes = Changes(report_id, last[0]["generated_at"].isoformat(timespec="seconds"))
    changes.new = wh.rows(
        "SELECT finding_id, type, severity, summary FROM v_analysis_findings AS a"
        " WHERE NOT EXISTS (SELECT 1 FROM report_snapshot_findings AS s"
        "                   WHERE s.report_id = ? AND s.finding_id = a.finding_id)"
        " ORDER BY severity_rank, type_rank", [report_id])
    changes.changed = wh.rows(
        "SELECT a.finding_id, a.type, a.severity, a.summary, s.summary AS previous_summary"
        " FROM v_analysis_findings AS a JOIN report_snapshot_findings AS s USING (finding_id)"
        " WHERE s.report_id = ? AND s.evidence_hash <> a.evidence_hash"
        " ORDER BY a.severity_rank, a.type_rank", [report_id])
    changes.resolved = wh.rows(
        "SELECT s.finding_id, s.type, s.severity, s.summary FROM report_snapshot_findings AS s"
        " WHERE s.report_id = ? AND NOT EXISTS (SELECT 1 FROM v_analysis_findings AS a"
        "                                       WHERE a.finding_id = s.finding_id)"
        " ORDER BY s.severity, s.type", [report_id])
    return changes


def record_snapshot(wh: Warehouse) -> str:
    report_id = _now().strftime("%Y%m%dT%H%M%S-") + uuid.uuid4().hex[:6]
    con = wh.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "INSERT INTO report_snapshot_findings"
            " SELECT ?, finding_id, type, severity, summary, evidence_hash FROM v_analysis_findings",
            [report_id])
        count = con.execute("SELECT count(*) FROM report_snapshot_findings WHERE report_id = ?",
                            [report_id]).fetchone()[0]
        con.execute("INSERT INTO report_snapshots VALUES (?, ?, ?)", [report_id, _now(), count])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return report_id
