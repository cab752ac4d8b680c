"""The one settings object: defaults, then environment variables, then command-line flags."""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from extractors.errors import UsageError

DEFAULT_DB = "concord.duckdb"
RUNNERS = ("thread", "dask")
THREAD_BATCH = 50
DASK_MAX_BATCH = 500
TAIL_BATCH = 100  # smallest batch of a tapered Dask run (Settings.batch_sizes)


@dataclass(frozen=True)
class Settings:
    db: Path = Path(DEFAULT_DB)
    batch_size: int | None = None  # documents per Prefect task run; None: batch_size_for()
    lock_timeout: float = 30.0     # seconds to wait for another writer
    max_file_bytes: int = 20_000_000  # larger inputs are quarantined, not read
    runner: str = "thread"         # "thread" (one worker thread) or "dask" (worker processes)
    dask_address: str | None = None  # tcp://scheduler:8786; None starts a LocalCluster
    dask_workers: int = 2          # LocalCluster size when no address is given
    allow_private: bool = False    # fetch from loopback/private/link-local addresses (tests, intranets)
    cache: bool = True             # reuse extractions of byte-identical inputs (<db>.cache/)
    rate_limit: float = 1.0        # requests per second per host when fetching URLs
    duckdb_memory: str = "auto"    # writer's DuckDB cap; "auto": sized to the indexes (warehouse.schema)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        address = os.environ.get("CONCORD_DASK_ADDRESS") or None
        base = cls(
            db=Path(os.environ.get("CONCORD_DB", DEFAULT_DB)),
            batch_size=_env_number("CONCORD_BATCH_SIZE", int, None),
            lock_timeout=_env_number("CONCORD_LOCK_TIMEOUT", float, cls.lock_timeout),
            runner=os.environ.get("CONCORD_RUNNER", "dask" if address else cls.runner),
            dask_address=address,
            dask_workers=_env_number("CONCORD_DASK_WORKERS", int, cls.dask_workers),
            duckdb_memory=_env_memory("CONCORD_DUCKDB_MEMORY", cls.duckdb_memory),
            rate_limit=_env_number("CONCORD_RATE_LIMIT", float, cls.rate_limit),
            cache=os.environ.get("CONCORD_CACHE", "1").lower() not in ("0", "false", "no", "off"),
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(base, **given)  # type: ignore[arg-type]

    def batch_size_for(self, documents: int, slots: int) -> int:
        """Documents per task run: the configured size, else one chosen for the runner.

        A task run on the thread runner costs a few milliseconds, so small batches (50) keep
        memory low and progress smooth. On Dask each task run costs ~0.1-0.15 s of CPU (Prefect
        serialises its settings context for every submit and rebuilds it on the worker), as much
        as extracting 20 documents, so batches grow to give each worker about four of them, up
        to 500 documents: measured in docs/scaling.md.
        """
        if self.batch_size:
            return self.batch_size
        if self.runner != "dask":
            return THREAD_BATCH
        per_slot = -(-documents // (4 * max(1, slots)))
        return max(THREAD_BATCH, min(DASK_MAX_BATCH, per_slot))

    def batch_sizes(self, documents: int, slots: int) -> list[int]:
        """How a run's documents are cut into task runs, in submission order.

        With several task slots (Dask), uniform batches end unevenly: the run waits for the
        slowest worker's last batch while the others idle, up to a whole batch (~3.5 s at 500
        documents on this VM). So the tail tapers ("guided self-scheduling"): each batch is at
        most the remaining work over twice the slots, down to ``TAIL_BATCH`` documents, which
        keeps the extra task runs few. A configured size or a single slot keeps batches uniform.
        """
        size = self.batch_size_for(documents, slots)
        if self.batch_size or slots <= 1 or self.runner != "dask":
            return [size] * (documents // size) + ([documents % size] if documents % size else [])
        sizes: list[int] = []
        remaining = documents
        while remaining > 0:
            step = min(size, max(TAIL_BATCH, -(-remaining // (2 * slots))), remaining)
            if remaining - step < TAIL_BATCH // 2:  # no crumb of a batch at the very end
                step = remaining
            sizes.append(step)
            remaining -= step
        return sizes

    @property
    def cache_dir(self) -> Path:
        """Extraction cache next to the warehouse, so deleting both together resets a setup."""
        return self.db.with_name(self.db.name + ".cache")


def _env_number(name: str, kind: type[int] | type[float], default: float | None) -> Any:
    """A positive number from the environment, or a one-line UsageError naming the variable."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or value <= 0:
        noun = "integer" if kind is int else "number"
        raise UsageError(f"${name} must be a positive {noun}, got {raw!r}")
    return value


_SIZE = re.compile(r"^\d+(\.\d+)?\s*([KMGT]i?B|B)$", re.IGNORECASE)


def _env_memory(name: str, default: str) -> str:
    """'auto' or a DuckDB size ("512MB", "1GiB"); checked here so a typo is a one-line error
    before the flow starts, not a DuckDB parser error inside it."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if raw.lower() != "auto" and not _SIZE.match(raw):
        raise UsageError(f"${name} must be 'auto' or a size such as 512MB, got {raw!r}")
    return raw
