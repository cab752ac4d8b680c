"""Opening the DuckDB warehouse: the write lock, numbered migrations and the analyst views.

Migrations (``migrations/NNN_name.sql``) are applied in order inside one transaction each and
recorded in ``schema_migrations``, so a warehouse written by an older Concord upgrades in place
when it is opened. Views (``views/*.sql``) are code, not data: a read-write open recreates them whenever they
differ from the installed version's files.
"""

from __future__ import annotations

import hashlib
import re
import time
from importlib import resources
from pathlib import Path

import duckdb

from extractors.errors import WarehouseError, WarehouseLocked

_MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
_MAX_LOCK_POLL = 0.2  # seconds between attempts to get a locked warehouse

MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)
"""


AUTO_MEMORY = "auto"
AUTO_MEMORY_FLOOR = 128 << 20
INDEX_BYTES_PER_ROW = 64
# Tables whose rows carry index keys (a primary key, some also unique keys).
KEYED_TABLES = ("articles", "sections", "findings", "escalations", "timings")
# The end of an ingest (whole-warehouse checks, topic refresh) only reads those tables and writes
# a few small keyed ones: its connection needs no room for the big indexes, and a smaller cap
# makes DuckDB evict the table pages its scans pull in rather than keep them (measured at 50,000
# articles: that phase's peak 408 MB at the loading cap, 333 MB at this one, same speed).
FINISH_MEMORY = "auto-finish"
FINISH_TABLES = ("article_topics", "reference_sources", "quality_results")
AUTO_PROFILES = {AUTO_MEMORY: (AUTO_MEMORY_FLOOR, KEYED_TABLES), FINISH_MEMORY: (64 << 20, FINISH_TABLES)}

def _sql_files(folder: str) -> list[tuple[str, str]]:
    root = resources.files("warehouse") / folder
    return sorted((entry.name, entry.read_text(encoding="utf-8"))
                  for entry in root.iterdir() if entry.name.endswith(".sql"))


def migrations() -> list[tuple[int, str, str]]:
    found = []
    for name, sql in _sql_files("migrations"):
        match = _MIGRATION_NAME.match(name)
        if not match:
            raise WarehouseError(f"badly named migration {name!r} (want NNN_name.sql)")
        found.append((int(match.group(1)), match.group(2), sql))
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise WarehouseError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return found


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply pending migrations; returns the versions applied."""
    con.execute(MIGRATIONS_TABLE)
    current = schema_version(con)
    known = migrations()
    if current > len(known):
        raise WarehouseError(
            f"warehouse schema v{current} is newer than this Concord (knows v{len(known)}); upgrade Concord"
        )
    applied = []
    for version, name, sql in known:
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise WarehouseError(f"migration {version:03d}_{name} failed: {exc}") from None
        applied.append(version)
    return applied


_VIEW_NAME = re.compile(r"CREATE\s+OR\s+REPLACE\s+VIEW\s+(\w+)", re.IGNORECASE)
_VIEWS_MARK = "concord-views:"


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the analyst views and macros unless the installed ones are these files'.

    Running the files costs ~0.2 s, and the ingest writer reopens the warehouse every few seconds
    so that readers can get in; a hash of the files, kept as the comment of the last view, tells
    whether they are current. A missing view (dropped by hand) also means a rebuild.
    """
    files = _sql_files("views")
    digest = hashlib.sha256("\0".join(f"{name}\0{sql}" for name, sql in files).encode()).hexdigest()[:16]
    names = [match.group(1).lower() for _, sql in files for match in _VIEW_NAME.finditer(sql)]
    installed = dict(con.execute(
        "SELECT lower(view_name), coalesce(comment, '') FROM duckdb_views() WHERE NOT internal").fetchall())
    if names and all(name in installed for name in names) and installed[names[-1]] == _VIEWS_MARK + digest:
        return
    for name, sql in files:
        try:
            con.execute(sql)
        except duckdb.Error as exc:
            raise WarehouseError(f"view file {name} failed: {exc}") from None
    if names:
        con.execute(f"COMMENT ON VIEW {names[-1]} IS '{_VIEWS_MARK}{digest}'")


def _is_lock_error(exc: duckdb.Error) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting" in text or "already open" in text


def connect(path: Path, read_only: bool = False, lock_timeout: float = 30.0,
            memory_limit: str | None = None, vacuum: bool = True) -> duckdb.DuckDBPyConnection:
    """Open (and for writers, migrate) the warehouse, waiting up to ``lock_timeout`` for a lock.

    ``memory_limit`` caps DuckDB's buffer pool ("512MB", or "auto": ``auto_memory_limit``);
    without it DuckDB may keep up to 80 % of RAM of table pages cached, so a long ingest's
    memory would grow with the warehouse.
    ``vacuum=False`` is for the ingest writer, which appends a batch per transaction: with
    vacuum on, DuckDB's checkpoints merge the small row groups those appends leave behind, at
    doubling sizes, and the merge holds the rows being merged in memory (measured: a 160 MB
    spike at ~42,000 articles, growing with the warehouse). Without it the row groups stay
    smaller (one per checkpoint, ~3,000 articles); queries read them just as well, and the next
    writer with vacuum on (any other command) merges them.
    """
    if read_only and not path.exists():
        raise WarehouseError(f"no warehouse at {path}; run `concord ingest` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + max(lock_timeout, 0.0)
    delay = 0.05
    while True:
        try:
            config: dict[str, str | int] = (
                {"memory_limit": memory_limit} if memory_limit and memory_limit not in AUTO_PROFILES else {})
            if not vacuum and not read_only:
                config["max_vacuum_tasks"] = 0
            con = duckdb.connect(str(path), read_only=read_only, config=config)
            break
        except duckdb.Error as exc:
            if not _is_lock_error(exc):
                first = str(exc).splitlines()[0]
                raise WarehouseError(f"cannot open warehouse {path}: {first}") from None
            if time.monotonic() >= deadline:
                raise WarehouseLocked(
                    f"warehouse {path} is locked by another Concord process "
                    f"(waited {lock_timeout:g}s; raise --lock-timeout or try again later)"
                ) from None
            time.sleep(delay)
            # Poll at least 5x/s: a writer frees the lock only between its batches (a fraction
            # of a second), and a waiter that backs off to 1 s would starve behind a whole run.
            delay = min(delay * 2, _MAX_LOCK_POLL)
    if not read_only:
        try:
            migrate(con)
            create_views(con)
        except BaseException:
            con.close()
            raise
    elif schema_version(con) == 0:
        con.close()
        raise WarehouseError(f"{path} is not a Concord warehouse (no schema_migrations table)")
    if memory_limit in AUTO_PROFILES:
        con.execute(f"SET memory_limit = '{auto_memory_limit(con, *AUTO_PROFILES[memory_limit]) >> 20}MiB'")
    return con


def auto_memory_limit(con: duckdb.DuckDBPyConnection, floor: int = AUTO_MEMORY_FLOOR,
                      tables: tuple[str, ...] = KEYED_TABLES) -> int:
    """Bytes for the writer's buffer pool: room for the key indexes plus a fixed working set.

    The primary-key and unique indexes must fit in DuckDB's memory (an insert that cannot
    allocate index memory fails its transaction: measured at ~60 bytes per key), while anything
    above them only caches table pages, which grows the process with the warehouse (measured:
    peak RSS 1.36x from 5,000 to 50,000 articles at a fixed 512MB cap). So the cap is twice
    the estimated index size over a 128MB floor; the writer reopens every few seconds during
    an ingest, so it follows the warehouse as it grows.
    """
    keyed = con.execute(
        "SELECT coalesce(sum(estimated_size), 0) FROM duckdb_tables() "
        "WHERE schema_name = 'main' AND table_name IN (SELECT unnest(?::VARCHAR[]))",
        [list(tables)]).fetchone()[0]
    return floor + 2 * INDEX_BYTES_PER_ROW * int(keyed)
