"""Named read queries (``queries/*.sql``) for reports and other read-only consumers."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from extractors.errors import WarehouseError
from warehouse.store import Warehouse


@lru_cache(maxsize=None)
def query_text(name: str) -> str:
    path = resources.files("warehouse") / "queries" / f"{name}.sql"
    if not path.is_file():
        raise WarehouseError(f"unknown query {name!r}")
    return path.read_text(encoding="utf-8")


def run_query(wh: Warehouse, name: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    return wh.rows(query_text(name), params)


def stream_query(wh: Warehouse, name: str, size: int = 2000,
                 params: list[Any] | None = None) -> Iterator[list[dict[str, Any]]]:
    """``run_query`` in chunks of ``size`` rows, for passes over the whole warehouse."""
    return wh.row_chunks(query_text(name), size, params)
