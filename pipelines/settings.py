"""The one settings object: defaults, then environment variables, then command-line flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_DB = "concord.duckdb"
RUNNERS = ("thread", "dask")


@dataclass(frozen=True)
class Settings:
    db: Path = Path(DEFAULT_DB)
    batch_size: int = 50           # documents per Prefect task run
    lock_timeout: float = 30.0     # seconds to wait for another writer
    max_file_bytes: int = 20_000_000  # larger inputs are quarantined, not read
    runner: str = "thread"         # "thread" (one worker thread) or "dask" (worker processes)
    dask_address: str | None = None  # tcp://scheduler:8786; None starts a LocalCluster
    dask_workers: int = 2          # LocalCluster size when no address is given
    allow_private: bool = False    # fetch from loopback/private/link-local addresses (tests, intranets)
    cache: bool = True             # reuse extractions of byte-identical inputs (<db>.cache/)
    rate_limit: float = 1.0        # requests per second per host when fetching URLs
    duckdb_memory: str = "512MB"   # the writer's DuckDB buffer pool cap (memory stays flat as the warehouse grows)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        address = os.environ.get("CONCORD_DASK_ADDRESS") or None
        base = cls(
            db=Path(os.environ.get("CONCORD_DB", DEFAULT_DB)),
            batch_size=int(os.environ.get("CONCORD_BATCH_SIZE", cls.batch_size)),
            lock_timeout=float(os.environ.get("CONCORD_LOCK_TIMEOUT", cls.lock_timeout)),
            runner=os.environ.get("CONCORD_RUNNER", "dask" if address else cls.runner),
            dask_address=address,
            dask_workers=int(os.environ.get("CONCORD_DASK_WORKERS", cls.dask_workers)),
            duckdb_memory=os.environ.get("CONCORD_DUCKDB_MEMORY", cls.duckdb_memory),
            rate_limit=float(os.environ.get("CONCORD_RATE_LIMIT", cls.rate_limit)),
            cache=os.environ.get("CONCORD_CACHE", "1").lower() not in ("0", "false", "no", "off"),
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(base, **given)  # type: ignore[arg-type]

    @property
    def cache_dir(self) -> Path:
        """Extraction cache next to the warehouse, so deleting both together resets a setup."""
        return self.db.with_name(self.db.name + ".cache")
