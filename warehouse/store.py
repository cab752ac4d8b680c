"""The warehouse API the pipelines and reports use; the only module that writes to DuckDB.

Each batch is loaded in one transaction: its new article versions, their sections, findings,
escalations and timings, its quarantine records and the run's counters commit together or not
at all, so a crash can never leave an article with half of its findings.
"""

from __future__ import annotations

import os
import re
import socket
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from extractors.errors import WarehouseError
from extractors.records import Extraction
from extractors.vocabulary import Vocabulary
from warehouse.batches import BatchTables, PreparedBatch, Quarantined, prepare_tables, quarantine_table
from warehouse.schema import connect


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


# "scheme://user:password@host" -> "scheme://***@host": credentials never reach the warehouse.
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@?#]+@")


def redact_credentials(text: str) -> str:
    """``text`` with the user:password part of every URL in it replaced by ``***``."""
    return _URL_CREDENTIALS.sub(r"\1***@", text)


def _pid_alive(pid: int) -> bool:
    """Signal 0 probes a process without touching it (EPERM still means it exists)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


@dataclass
class BatchResult:
    ingested: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)  # of the ingested versions
    unchanged: list[str] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    findings: int = 0
    escalations: int = 0
    timings: int = 0


def _only_articles(tables: BatchTables, articles: pa.Table) -> BatchTables:
    """``tables`` with the child rows of articles no longer in ``articles`` dropped."""
    keep = articles.column("article_id")
    return BatchTables(articles, *(t.filter(pc.is_in(t.column("article_id"), keep)) for t in
                                   (tables.sections, tables.findings, tables.escalations, tables.timings)))


class Warehouse:
    """``with Warehouse.open(path) as wh: …`` — closes (and releases the lock) on exit."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path) -> None:
        self.con = con
        self.path = path

    @classmethod
    def open(cls, path: Path | str, read_only: bool = False, lock_timeout: float = 30.0,
             memory_limit: str | None = None, vacuum: bool = True) -> Warehouse:
        path = Path(path)
        return cls(connect(path, read_only=read_only, lock_timeout=lock_timeout, memory_limit=memory_limit,
                           vacuum=vacuum), path)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- runs ---------------------------------------------------------------------------

    def start_run(self, inputs: int, rules_version: str, concord_version: str) -> str:
        """Record a new run owned by this process (first marking runs whose writer died)."""
        self.mark_interrupted_runs()
        run_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:8]
        self.con.execute(
            "INSERT INTO ingest_runs (run_id, started_at, status, inputs, rules_version,"
            " concord_version, pid, host) VALUES (?, ?, 'running', ?, ?, ?, ?, ?)",
            [run_id, _now(), inputs, rules_version, concord_version, os.getpid(), socket.gethostname()],
        )
        return run_id

    def mark_interrupted_runs(self) -> list[str]:
        """Mark 'running' runs whose writer process is gone as 'interrupted'; returns their ids.

        A SIGKILLed or crashed run never reaches ``finish_run``. Its owner (pid + host, migration
        003) tells a dead run from one still loading batches in another process: only runs on
        this host can be checked; runs with no owner predate 003 and cannot still be writing
        (an older Concord refuses a newer schema). A reused pid keeps a dead run 'running' until
        that process ends too — never the other way round, so a live run is never marked.
        """
        host = socket.gethostname()
        stale = [r["run_id"] for r in self.rows(
            "SELECT run_id, pid, host FROM ingest_runs WHERE status = 'running'")
            if r["pid"] is None or (r["host"] == host and not _pid_alive(int(r["pid"])))]
        for run_id in stale:
            self.con.execute(
                "UPDATE ingest_runs SET status = 'interrupted', message = ? WHERE run_id = ?"
                " AND status = 'running'",
                ["writer process ended before the run finished (killed or crashed); "
                 "batches it committed are kept, the rest load on the next run", run_id],
            )
        return stale

    def add_unchanged(self, run_id: str, count: int) -> None:
        """Count sources skipped before loading (a 304 Not Modified) as unchanged."""
        if count:
            self.con.execute("UPDATE ingest_runs SET unchanged = unchanged + ? WHERE run_id = ?",
                             [count, run_id])

    def finish_run(self, run_id: str, status: str, message: str | None = None) -> dict[str, Any]:
        self.con.execute(
            "UPDATE ingest_runs SET status = ?, finished_at = ?, message = ? WHERE run_id = ?",
            [status, _now(), message, run_id],
        )
        return self.run(run_id)

    def run(self, run_id: str) -> dict[str, Any]:
        rows = self.rows("SELECT * FROM ingest_runs WHERE run_id = ?", [run_id])
        if not rows:
            raise WarehouseError(f"no ingest run {run_id!r}")
        return rows[0]

    def refresh_concepts(self, vocabulary: Vocabulary) -> None:
        concepts = list(vocabulary.concepts.values())
        table = pa.table({
            "concept_id": [c.id for c in concepts], "kind": [c.kind for c in concepts],
            "label": [c.label for c in concepts],
            **{code: pa.array([c.codes.get(code) for c in concepts], pa.string())
               for code in ("umls", "snomed", "mesh")},
            "topics": pa.array([list(c.topics) for c in concepts], pa.list_(pa.string())),
            "vocabulary_version": [vocabulary.version] * len(concepts)})
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM concepts")
            self.con.register("concord_concepts", table)
            self.con.execute("INSERT INTO concepts BY NAME SELECT * FROM concord_concepts")
            self.con.unregister("concord_concepts")
            self.con.execute("COMMIT")
        except duckdb.Error:
            self.con.execute("ROLLBACK")
            raise

    # -- loading ------------------------------------------------------------------------

    def load_batch(self, run_id: str, extractions: Sequence[Extraction],
                   quarantined: Sequence[Quarantined] = ()) -> BatchResult:
        """Store new article versions; content already stored counts as unchanged."""
        return self.load_prepared(run_id, prepare_tables(extractions), quarantined)

    def load_prepared(self, run_id: str, batch: PreparedBatch,
                      quarantined: Sequence[Quarantined] = ()) -> BatchResult:
        """``load_batch`` for rows a worker already turned into Arrow tables: the writer only
        drops texts it holds, numbers the new versions and inserts, in one transaction."""
        result = BatchResult(unchanged=list(batch.duplicates), quarantined=[
            Quarantined(redact_credentials(q.source), q.stage, redact_credentials(q.reason))
            for q in quarantined])
        now = _now()
        con = self.con
        tables = batch.tables
        con.execute("BEGIN TRANSACTION")
        try:
            articles = tables.articles
            stored = {r[0] for r in con.execute(
                "SELECT content_hash FROM articles WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))",
                [articles.column("content_hash").to_pylist()]).fetchall()}
            if stored:
                held = pc.is_in(articles.column("content_hash"), pa.array(sorted(stored), pa.string()))
                result.unchanged += articles.filter(held).column("source").to_pylist()
                articles = articles.filter(pc.invert(held))
                tables = _only_articles(tables, articles)
            sources = articles.column("source").to_pylist()
            versions = dict(con.execute(
                "SELECT source, max(version) FROM articles WHERE source IN (SELECT unnest(?::VARCHAR[]))"
                " GROUP BY source", [sorted(set(sources))]).fetchall())
            numbered = []
            for source in sources:
                versions[source] = versions.get(source, 0) + 1
                numbered.append(versions[source])
            n = articles.num_rows
            articles = articles.set_column(articles.schema.get_field_index("version"), "version",
                                           pa.array(numbered, pa.int32()))
            articles = articles.set_column(articles.schema.get_field_index("ingested_at"), "ingested_at",
                                           pa.array([now] * n, pa.timestamp("us")))
            articles = articles.set_column(articles.schema.get_field_index("run_id"), "run_id",
                                           pa.array([run_id] * n, pa.string()))
            tables = replace(tables, articles=articles)
            for name in ("articles", "sections", "findings", "escalations", "timings"):
                table = getattr(tables, name)
                if table.num_rows:
                    con.register("concord_batch", table)
                    con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM concord_batch")
                    con.unregister("concord_batch")
            if result.quarantined:
                con.register("concord_batch", quarantine_table(result.quarantined, run_id, now))
                con.execute("INSERT INTO quarantine BY NAME SELECT * FROM concord_batch")
                con.unregister("concord_batch")
            counts = tables.counts()
            result.ingested = sources
            result.article_ids = articles.column("article_id").to_pylist()
            result.findings, result.escalations, result.timings = (
                counts["findings"], counts["escalations"], counts["timings"])
            con.execute(
                "UPDATE ingest_runs SET ingested = ingested + ?, unchanged = unchanged + ?,"
                " quarantined = quarantined + ?, findings = findings + ?, escalations = escalations + ?,"
                " timings = timings + ?, batches = batches + 1 WHERE run_id = ?",
                [len(result.ingested), len(result.unchanged), len(result.quarantined),
                 result.findings, result.escalations, result.timings, run_id],
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return result

    # -- reading ------------------------------------------------------------------------

    def rows(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def row_chunks(self, sql: str, size: int, params: Sequence[Any] | None = None) -> Iterator[list[dict[str, Any]]]:
        """Rows ``size`` at a time from a streamed Arrow result, so a pass over every article
        holds one chunk in Python, not the warehouse. It reads on its own cursor, so it sees
        committed data only and leaves this connection free between chunks."""
        cursor = self.con.cursor()
        try:
            reader = cursor.sql(sql, params=params or None).to_arrow_reader(size)
            for batch in reader:
                yield batch.to_pylist()
        except duckdb.Error as exc:  # e.g. out of memory under the cap: a message, not a traceback
            raise WarehouseError(f"query failed: {str(exc).splitlines()[0]}") from None
        finally:
            cursor.close()

    def counts(self) -> dict[str, int]:
        tables = ("articles", "findings", "escalations", "timings", "quarantine", "ingest_runs")
        return {t: int(self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}
