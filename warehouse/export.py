"""Analyst access: read-only ad-hoc SQL and exporting the analyst views to Parquet/CSV files.

The CLI (``concord sql`` / ``concord export`` in ``pipelines/warehouse_commands.py``) stays thin;
everything that touches DuckDB is here, because only ``warehouse/`` may import it.

Read-only is enforced twice: the warehouse is opened ``read_only`` (DuckDB refuses writes to
it) *and* the statement type must be SELECT or EXPLAIN, because a read-only connection still
lets ``COPY … TO``, ``ATTACH``, ``INSTALL``/``LOAD`` and ``SET`` through: those write files or
change the session, which an "ask the warehouse a question" command must not do.

Export sizing: each view goes to one file (``<view>.parquet`` / ``<view>.csv``), Parquet with
ZSTD compression. Row groups are 122,880 rows (DuckDB's default) except for ``v_articles``,
whose rows carry the whole article text: 2,048 rows per group keeps a group at tens of MB
rather than gigabytes. For very large warehouses ``partition=True`` writes a hive-partitioned
directory per view instead (``v_findings/kind=advice/data_0.parquet``) on a low-cardinality
column (``PARTITION_COLUMNS``), so readers can skip whole files by filter.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from extractors.errors import UsageError, WarehouseError
from warehouse.store import Warehouse

READ_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
FETCH_ROWS = 2048
DEFAULT_ROW_GROUP = 122_880
ROW_GROUP_SIZES = {"v_articles": 2_048}
# Low-cardinality columns to partition big exports by; views not listed are written whole.
PARTITION_COLUMNS = {
    "v_articles": "format",
    "v_findings": "kind",
    "v_escalations": "action",
    "v_timings": "unit",
    "mart_concept_sources": "kind",
}
FORMATS = ("parquet", "csv")
_EXPLAIN = re.compile(r"^\s*EXPLAIN\s+(?:ANALY[SZ]E\s+)?(?:\([^)]*\)\s*)?", re.IGNORECASE)
_ERROR_KIND = re.compile(r"^[A-Z][A-Za-z ]* Error: ")


class QueryError(UsageError):
    """The analyst's SQL is wrong (syntax, unknown table or column): exit code 2."""


def one_line(exc: BaseException) -> str:
    """DuckDB messages span lines (a caret diagram under ``LINE 1:``); keep the explanation."""
    kept = []
    for line in str(exc).splitlines():
        if line.startswith("LINE "):
            break
        if line.strip():
            kept.append(line.strip())
    # "Binder Error: …" names DuckDB's internals, not the analyst's mistake.
    return _ERROR_KIND.sub("", " ".join(kept)) or type(exc).__name__


def _query_error(exc: duckdb.Error) -> Exception:
    """Mistakes in the query are usage errors (2); anything else is operational (1)."""
    if isinstance(exc, duckdb.ParserException):
        return QueryError(f"invalid SQL: {one_line(exc)}")
    if isinstance(exc, (duckdb.BinderException, duckdb.CatalogException)):
        return QueryError(f"invalid query: {one_line(exc)}")
    return WarehouseError(f"query failed: {one_line(exc)}")


def check_read_only(sql: str) -> None:
    """Raise unless ``sql`` is exactly one SELECT/EXPLAIN statement (WITH, FROM, VALUES,
    DESCRIBE, SHOW and SUMMARIZE all parse as SELECT)."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise _query_error(exc) from None
    if not statements:
        raise QueryError("no SQL statement given")
    if len(statements) > 1:
        raise QueryError(f"give one statement at a time (got {len(statements)})")
    kind = statements[0].type
    if kind is duckdb.StatementType.EXPLAIN:
        # EXPLAIN ANALYZE runs its statement: "EXPLAIN ANALYZE COPY … TO" writes a file.
        inner = _EXPLAIN.sub("", statements[0].query, count=1)
        try:
            kinds = [s.type for s in duckdb.extract_statements(inner)]
        except duckdb.Error:
            kinds = []
        if kinds != [duckdb.StatementType.SELECT]:
            raise QueryError("concord sql is read-only: EXPLAIN is allowed for SELECT queries only")
    elif kind not in READ_STATEMENTS:
        raise QueryError(
            f"concord sql is read-only: {kind.name} statements are not allowed "
            "(use SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN)")


@dataclass
class QueryResult:
    """An executed query whose rows are fetched lazily, so a big CSV export streams."""

    columns: list[str]
    types: list[str]
    _cursor: Any

    def batches(self, size: int = FETCH_ROWS) -> Iterator[list[tuple[Any, ...]]]:
        while True:
            try:
                rows = self._cursor.fetchmany(size)
            except duckdb.Error as exc:
                raise _query_error(exc) from None
            if not rows:
                return
            yield rows

    def rows(self) -> Iterator[tuple[Any, ...]]:
        for batch in self.batches():
            yield from batch


def read_query(wh: Warehouse, sql: str) -> QueryResult:
    """Validate and execute one read statement; rows come from :meth:`QueryResult.batches`."""
    check_read_only(sql)
    try:
        cursor = wh.con.execute(sql)
    except duckdb.Error as exc:
        raise _query_error(exc) from None
    description = cursor.description or []
    return QueryResult([d[0] for d in description], [str(d[1]) for d in description], cursor)


def analyst_views(wh: Warehouse) -> list[str]:
    """The stable, documented surface: every ``v_*`` and ``mart_*`` view, by name."""
    rows = wh.con.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'"
        " AND (starts_with(view_name, 'v_') OR starts_with(view_name, 'mart_'))"
        " ORDER BY view_name").fetchall()
    return [r[0] for r in rows]


@dataclass(frozen=True)
class ExportedView:
    view: str
    path: Path          # a file, or a directory when partitioned
    rows: int
    bytes: int
    partition_by: str | None = None


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def export_view(wh: Warehouse, view: str, out_dir: Path, fmt: str,
                partition: bool = False) -> ExportedView:
    """``COPY`` one view to ``out_dir``; the row count is what COPY reports it wrote."""
    column = PARTITION_COLUMNS.get(view) if partition else None
    if fmt == "parquet":
        options = ["FORMAT PARQUET", "COMPRESSION ZSTD",
                   f"ROW_GROUP_SIZE {ROW_GROUP_SIZES.get(view, DEFAULT_ROW_GROUP)}"]
    else:
        options = ["FORMAT CSV", "HEADER true"]
    if column:
        target = out_dir / view
        options += [f"PARTITION_BY ({_ident(column)})", "OVERWRITE true"]
    else:
        target = out_dir / f"{view}.{fmt}"
    sql = f"COPY (SELECT * FROM {_ident(view)}) TO {_literal(target)} ({', '.join(options)})"
    try:
        row = wh.con.execute(sql).fetchone()
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot export {view} to {target}: {one_line(exc)}") from None
    rows = int(row[0]) if row else 0
    return ExportedView(view, target, rows, _size(target), column)


def export_views(wh: Warehouse, out_dir: Path, fmt: str = "parquet",
                 partition: bool = False) -> list[ExportedView]:
    """Write every analyst view to ``out_dir`` (created if missing), one file per view."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (want one of {', '.join(FORMATS)})")
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out {out_dir} is a file; give a directory")
    out_dir.mkdir(parents=True, exist_ok=True)
    views = analyst_views(wh)
    if not views:
        raise WarehouseError(f"{wh.path} has no analyst views (v_*, mart_*) to export")
    return [export_view(wh, view, out_dir, fmt, partition) for view in views]


def count_rows(wh: Warehouse, path: Path, fmt: str) -> int:
    """Rows in an exported file or partitioned directory (for checking an export)."""
    pattern = path / "**" / f"*.{fmt}" if path.is_dir() else path
    reader = "read_parquet" if fmt == "parquet" else "read_csv"
    row = wh.con.execute(f"SELECT count(*) FROM {reader}({_literal(pattern)})").fetchone()
    return int(row[0]) if row else 0


def plain(value: Any) -> Any:
    """A JSON-safe value: NaN/inf become None, everything non-native becomes its string."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
