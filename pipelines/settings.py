"""The one settings object: defaults, then environment variables, then command-line flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_DB = "concord.duckdb"


@dataclass(frozen=True)
class Settings:
    db: Path = Path(DEFAULT_DB)
    batch_size: int = 50           # documents per Prefect task run
    lock_timeout: float = 30.0     # seconds to wait for another writer
    max_file_bytes: int = 20_000_000  # larger inputs are quarantined, not read

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        base = cls(
            db=Path(os.environ.get("CONCORD_DB", DEFAULT_DB)),
            batch_size=int(os.environ.get("CONCORD_BATCH_SIZE", cls.batch_size)),
            lock_timeout=float(os.environ.get("CONCORD_LOCK_TIMEOUT", cls.lock_timeout)),
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(base, **given)  # type: ignore[arg-type]
