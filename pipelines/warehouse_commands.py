"""``concord sql`` and ``concord export``: the analyst's way into the warehouse.

Registered on the main Typer app by ``pipelines/cli.py``; kept in their own module so the CLI
module does not grow and so tests can mount them on a throwaway app. They only parse options
and print: DuckDB work lives in ``warehouse/export.py``. Errors are ``ConcordError`` subclasses
(one line, exit code on the class) that ``cli.main()`` prints.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from extractors.errors import UsageError
from pipelines.cli_options import DbOption, LockOption
from pipelines.settings import DEFAULT_DB

TABLE_MAX_ROWS = 1000  # a terminal table beyond this is unreadable; csv/json stream everything


class SqlFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"




def _db(db: Path | None) -> Path:
    return db if db is not None else Path(os.environ.get("CONCORD_DB", DEFAULT_DB))


def _lock_timeout(value: float | None) -> float:
    from pipelines.settings import Settings

    return value if value is not None else Settings.from_env().lock_timeout


def _cell(value: Any) -> str:
    """Text for CSV and table cells: lists/structs as JSON, booleans as DuckDB prints them."""
    from warehouse.export import plain

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(plain(value), ensure_ascii=False)
    return str(value)


def _write_csv(result: Any) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(result.columns)
    for batch in result.batches():
        writer.writerows([_cell(v) for v in row] for row in batch)


def _write_json(result: Any) -> None:
    """A JSON array of objects, written as it is fetched so memory stays flat."""
    from warehouse.export import plain

    sys.stdout.write("[")
    first = True
    for batch in result.batches():
        for row in batch:
            record = {name: plain(value) for name, value in zip(result.columns, row)}
            sys.stdout.write(("\n" if first else ",\n") + json.dumps(record, ensure_ascii=False))
            first = False
    sys.stdout.write("\n]\n" if not first else "]\n")


def _print_table(result: Any) -> None:
    table = Table(show_lines=False)
    for name in result.columns:
        table.add_column(name, overflow="fold")
    shown = 0
    more = False
    for batch in result.batches():
        for row in batch:
            if shown == TABLE_MAX_ROWS:
                more = True
                break
            # Text, not markup: article text like "[1]" or "[bold]" must print as written.
            table.add_row(*(Text(_cell(v)) if v is not None else Text("NULL", style="dim")
                            for v in row))
            shown += 1
        if more:
            break
    Console().print(table)
    note = (f"first {shown} rows shown; use --format csv or json for all" if more
            else f"{shown} row{'s' if shown != 1 else ''}")
    Console(stderr=True).print(note, style="dim", highlight=False)


def sql_command(
    query: Annotated[str, typer.Argument(
        help="One read-only statement: SELECT/WITH/FROM, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN; '-' reads stdin")],
    db: DbOption = None,
    format: Annotated[SqlFormat, typer.Option("--format", "-f")] = SqlFormat.table,
    lock_timeout: LockOption = None,
) -> None:
    """Run one read-only SQL query against the warehouse and print the result."""
    from warehouse.export import read_query
    from warehouse.store import Warehouse

    text = sys.stdin.read() if query == "-" else query
    if not text.strip():
        raise UsageError("no SQL statement given")
    with Warehouse.open(_db(db), read_only=True, lock_timeout=_lock_timeout(lock_timeout)) as wh:
        result = read_query(wh, text)
        if format is SqlFormat.csv:
            _write_csv(result)
        elif format is SqlFormat.json:
            _write_json(result)
        else:
            _print_table(result)


def _human(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def export_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write one file per view into")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.parquet,
    db: DbOption = None,
    partition: Annotated[bool, typer.Option(
        "--partition", help="Hive-partition big views (v_findings by kind, v_articles by format, …)")] = False,
    lock_timeout: LockOption = None,
) -> None:
    """Export every analyst view (v_*, mart_*) to Parquet or CSV files, one per view."""
    from warehouse.export import export_views
    from warehouse.store import Warehouse

    with Warehouse.open(_db(db), read_only=True, lock_timeout=_lock_timeout(lock_timeout)) as wh:
        exported = export_views(wh, out, format.value, partition=partition)
    table = Table(title=f"Exported {len(exported)} views to {out}")
    table.add_column("view")
    table.add_column("file", overflow="fold")
    table.add_column("rows", justify="right")
    table.add_column("size", justify="right")
    for item in exported:
        name = item.path.name + ("/" if item.partition_by else "")
        if item.partition_by:
            name += f" (by {item.partition_by})"
        table.add_row(item.view, name, f"{item.rows:,}", _human(item.bytes))
    table.add_row("[bold]total[/]", "", f"{sum(e.rows for e in exported):,}",
                  _human(sum(e.bytes for e in exported)))
    Console().print(table)
