"""Data-quality checks, dbt style: each ``checks/<name>.sql`` is one assertion that returns the
rows violating it, so "passed" means "returned nothing" and a failure comes with evidence.

Checks are SQL files rather than Python so that analysts can read, copy and run them with
``concord sql``, and so that adding a check needs no code change. Every file starts with a
header naming the check (``-- check: <file stem>``) and what it asserts (``-- asserts: …``); a
file without one fails loudly instead of being skipped.

The pipeline runs :func:`run_checks` at the end of every ingest, stores the counts with
:func:`record_results` (``quality_results``, migration 002) and fails the run when
:func:`failed` is not empty.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from typing import Any

import duckdb
import pyarrow as pa

from extractors.errors import DataQualityError, WarehouseError
from warehouse.store import Warehouse

SAMPLE_SIZE = 5
_HEADER = re.compile(r"^--\s*(check|asserts|scope|new_rows|constraint):\s*(.*)$")
_NEW_ROWS = re.compile(r"^([a-z_]+)\.([a-z_]+)$")
SCOPES = ("all", "run")
# Tables a run-scoped check sees only the current run's rows of (all keyed by article_id).
SCOPED_TABLES = ("articles", "sections", "findings", "escalations", "timings")
_CONTINUATION = re.compile(r"^--\s?(.*)$")
_FAILING = "__concord_failing_rows"

QUALITY_RESULTS = pa.schema([
    ("run_id", pa.string()), ("check_name", pa.string()), ("failing_rows", pa.int64()),
    ("checked_at", pa.timestamp("us")),
])


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    description: str
    sql: str
    # "run": a property of each row that never changes once stored (offsets, quotes, not-null,
    # accepted values), so after an ingest only that run's rows need checking and the check's
    # cost and memory stay flat as the warehouse grows; "all": always the whole warehouse
    # (uniqueness, relationships).
    scope: str = "all"
    # For an "all" check whose failing rows always include a row of this (table, key column):
    # after an ingest it is enough to check the rows sharing a key with the rows just loaded
    # (older rows were checked by their own runs), so its memory follows the run, not the
    # warehouse (a GROUP BY over every finding id held 30 MB at 50,000 articles).
    new_rows: tuple[str, str] | None = None
    # For a uniqueness check of a key the schema declares PRIMARY KEY or UNIQUE: DuckDB refuses a
    # duplicate on insert, so while the constraint exists the check cannot fail, and an ingest
    # verifies the constraint (a catalog lookup) instead of grouping the whole table (30 MB of hash
    # table for the finding ids of 50,000 articles); the full check still runs without it.
    constraint: tuple[str, str] | None = None


@dataclass(frozen=True)
class CheckResult:
    name: str
    description: str
    failing_rows: int
    sample: list[dict[str, Any]] = field(default_factory=list)  # up to SAMPLE_SIZE failing rows
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return self.failing_rows == 0

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description,
                "failing_rows": self.failing_rows, "sample": self.sample,
                "seconds": round(self.seconds, 4)}


def parse_check(filename: str, text: str) -> Check:
    """Read the header comment; the name must equal the file stem so results map to files."""
    stem = filename.removesuffix(".sql")
    fields: dict[str, str] = {}
    current: str | None = None
    body: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        header = _HEADER.match(stripped)
        if header and not body:
            current = header.group(1)
            fields[current] = header.group(2).strip()
        elif stripped.startswith("--") and current and not body:
            more = _CONTINUATION.match(stripped)
            fields[current] = f"{fields[current]} {more.group(1).strip() if more else ''}".strip()
        elif stripped or body:
            current = None
            body.append(line)
    sql = "\n".join(body).strip().rstrip(";").strip()
    if fields.get("check") != stem:
        raise WarehouseError(f"check file {filename}: header must start with '-- check: {stem}'")
    if not fields.get("asserts"):
        raise WarehouseError(f"check file {filename}: missing '-- asserts: …' header line")
    if not sql:
        raise WarehouseError(f"check file {filename}: no SQL after the header")
    scope = fields.get("scope", "all")
    if scope not in SCOPES:
        raise WarehouseError(f"check file {filename}: scope must be one of {', '.join(SCOPES)}")
    keys: dict[str, tuple[str, str] | None] = {}
    for header in ("new_rows", "constraint"):
        match = _NEW_ROWS.match(fields.get(header, ""))
        if header in fields and (scope != "all" or not match or match.group(1) not in SCOPED_TABLES):
            raise WarehouseError(f"check file {filename}: {header} must be <table>.<column> of one of "
                                 f"{', '.join(SCOPED_TABLES)}, on a scope: all check")
        keys[header] = (match.group(1), match.group(2)) if match else None
    return Check(stem, fields["asserts"], sql, scope, keys["new_rows"], keys["constraint"])


@lru_cache(maxsize=1)
def checks() -> tuple[Check, ...]:
    """Every check under ``warehouse/checks``, in file-name order."""
    root = resources.files("warehouse") / "checks"
    entries = sorted((e for e in root.iterdir() if e.name.endswith(".sql")), key=lambda e: e.name)
    return tuple(parse_check(e.name, e.read_text(encoding="utf-8")) for e in entries)


def _plain(value: Any) -> Any:
    """Sample values go into logs and JSON: keep them short and serialisable."""
    if isinstance(value, str) and len(value) > 200:
        return value[:197] + "..."
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def run_check(wh: Warehouse, check: Check) -> CheckResult:
    """One query per check: the window count gives the total, LIMIT the sample."""
    started = time.perf_counter()
    sql = (f"SELECT *, count(*) OVER () AS {_FAILING} FROM (\n{check.sql}\n) AS failing "
           f"ORDER BY ALL LIMIT {SAMPLE_SIZE}")
    try:
        cursor = wh.con.execute(sql)
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise WarehouseError(f"data-quality check {check.name} cannot run: {first}") from None
    sample = [{k: _plain(v) for k, v in zip(names, row) if k != _FAILING} for row in rows]
    failing = int(rows[0][names.index(_FAILING)]) if rows else 0
    return CheckResult(check.name, check.description, failing, sample,
                       time.perf_counter() - started)


def run_checks(wh: Warehouse) -> list[CheckResult]:
    """Run every check against the whole warehouse (all article versions, not just the latest)."""
    return [run_check(wh, check) for check in checks()]


def run_table_checks(wh: Warehouse, since: Mapping[str, int] | None = None) -> list[CheckResult]:
    """The checks that need the whole warehouse (``scope: all``: uniqueness, relationships).

    With ``since`` (``row_marks`` from before an ingest loaded anything), checks with a
    ``new_rows`` key look only at rows sharing a key with the rows loaded since."""
    results = []
    for check in checks():
        if check.scope != "all":
            continue
        if since is not None and check.constraint and _declared_unique(wh, *check.constraint):
            results.append(CheckResult(check.name, check.description, 0))
        elif since is not None and check.new_rows and int(since.get(check.new_rows[0], 0)) > 0:
            with _new_rows_scope(wh, *check.new_rows, int(since[check.new_rows[0]])):
                results.append(run_check(wh, check))
        else:  # no marks, or the run loaded the whole table: a semi-join would only add work
            results.append(run_check(wh, check))
    return results


def _declared_unique(wh: Warehouse, table: str, column: str) -> bool:
    rows = wh.con.execute(  # fetchall: a catalog function's result must be drained (duckdb 2)
        "SELECT count(*) FROM duckdb_constraints() WHERE schema_name = 'main' AND table_name = ? "
        "AND constraint_type IN ('PRIMARY KEY', 'UNIQUE') AND constraint_column_names = [?]",
        [table, column]).fetchall()
    return bool(rows and rows[0][0])


def row_marks(wh: Warehouse) -> dict[str, int]:
    """Row counts of the scoped tables, taken before loading: every row loaded afterwards has a
    rowid at or above its table's mark (the tables are append-only), so ``run_row_checks`` can
    skip the older rows without reading them."""
    return {table: int(wh.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in SCOPED_TABLES}


def run_row_checks(wh: Warehouse, article_ids: Sequence[str],
                   since: Mapping[str, int] | None = None) -> list[CheckResult]:
    """The ``scope: run`` checks over just these articles' rows: a property of each row that
    never changes once stored, so an ingest checks what it loaded, a few thousand articles at a
    time, and the cost and memory of checking stay flat as the warehouse grows. ``since``
    (``row_marks`` from before those articles were loaded) lets the scans start at the new
    rows; without it every row of the tables is read and filtered by article id."""
    with _article_scope(wh, article_ids, since or {}):
        return [run_check(wh, check) for check in checks() if check.scope == "run"]


def merge_results(parts: Sequence[Sequence[CheckResult]]) -> list[CheckResult]:
    """One result per check, in check order: failing rows summed, samples concatenated."""
    merged: dict[str, CheckResult] = {}
    for part in parts:
        for r in part:
            old = merged.get(r.name)
            merged[r.name] = r if old is None else CheckResult(
                r.name, r.description, old.failing_rows + r.failing_rows,
                (old.sample + r.sample)[:SAMPLE_SIZE], old.seconds + r.seconds)
    return [merged[c.name] for c in checks() if c.name in merged]


def _ident(name: str) -> str:
    """A quoted SQL identifier (DuckDB cannot bind names as parameters)."""
    return '"' + name.replace('"', '""') + '"'


@contextmanager
def _article_scope(wh: Warehouse, article_ids: Sequence[str], since: Mapping[str, int]) -> Iterator[None]:
    """Temporary views named like the tables shadow them for unqualified names (DuckDB resolves
    the temp catalog first), so the check SQL stays the same file an analyst can run."""
    con = wh.con
    catalog = _ident(con.execute("SELECT current_database()").fetchone()[0])
    con.execute("CREATE OR REPLACE TEMP TABLE concord_check_scope AS "
                "SELECT unnest(?::VARCHAR[]) AS article_id", [list(article_ids)])
    try:
        for table in SCOPED_TABLES:
            first_row = int(since.get(table, 0))  # a literal: views take no parameters
            con.execute(f'CREATE OR REPLACE TEMP VIEW {table} AS SELECT * FROM {catalog}.main.{table} '
                        f"WHERE rowid >= {first_row} "
                        "AND article_id IN (SELECT article_id FROM temp.main.concord_check_scope)")
        yield
    finally:
        for table in SCOPED_TABLES:
            con.execute(f"DROP VIEW IF EXISTS temp.main.{table}")
        con.execute("DROP TABLE IF EXISTS temp.main.concord_check_scope")


@contextmanager
def _new_rows_scope(wh: Warehouse, table: str, column: str, first_row: int) -> Iterator[None]:
    """``table`` shadowed (as in ``_article_scope``) by its rows whose ``column`` value occurs
    among the rows from ``first_row`` on: a semi-join that streams the table once."""
    con = wh.con
    catalog = _ident(con.execute("SELECT current_database()").fetchone()[0])
    first_row = int(first_row)  # a literal: views take no parameters
    con.execute(f"CREATE OR REPLACE TEMP VIEW {_ident(table)} AS SELECT * FROM {catalog}.main.{_ident(table)} "
                f"WHERE {_ident(column)} IN (SELECT {_ident(column)} FROM {catalog}.main.{_ident(table)} "
                f"WHERE rowid >= {first_row})")
    try:
        yield
    finally:
        con.execute(f"DROP VIEW IF EXISTS temp.main.{_ident(table)}")


def failed(results: list[CheckResult]) -> list[CheckResult]:
    return [r for r in results if not r.passed]


def failure_message(results: list[CheckResult]) -> str | None:
    """One line for ``ingest_runs.message`` and the CLI, or None when everything passed."""
    bad = failed(results)
    if not bad:
        return None
    counts = ", ".join(f"{r.name}={r.failing_rows}" for r in bad)
    noun = "check" if len(bad) == 1 else "checks"
    return f"{len(bad)} data-quality {noun} failed: {counts}"


def raise_for_failures(results: list[CheckResult]) -> None:
    message = failure_message(results)
    if message:
        raise DataQualityError(message)


def record_results(wh: Warehouse, run_id: str, results: list[CheckResult]) -> None:
    """Store one row per check in one statement (an Arrow batch); re-running replaces them."""
    if not results:
        return
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    table = pa.Table.from_pylist(
        [{"run_id": run_id, "check_name": r.name, "failing_rows": r.failing_rows,
          "checked_at": now} for r in results], QUALITY_RESULTS)
    wh.con.register("concord_quality", table)
    try:
        wh.con.execute("INSERT OR REPLACE INTO quality_results BY NAME SELECT * FROM concord_quality")
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise WarehouseError(f"cannot store data-quality results: {first}") from None
    finally:
        wh.con.unregister("concord_quality")


def main() -> int:
    """``python -m warehouse.quality DB``: run the checks on an existing warehouse, read-only."""
    import sys

    if len(sys.argv) != 2:
        print("usage: python -m warehouse.quality WAREHOUSE.duckdb", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with Warehouse.open(sys.argv[1], read_only=True) as wh:
        results = run_checks(wh)
    for r in results:
        print(f"{'ok  ' if r.passed else 'FAIL'} {r.name:<40} {r.failing_rows:>8} {r.seconds * 1000:7.1f} ms")
    print(f"{len(results)} checks in {time.perf_counter() - started:.3f}s; "
          f"{failure_message(results) or 'all passed'}")
    return 1 if failed(results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
