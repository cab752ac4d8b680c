"""Conditional-GET validators for remote sources (the ``fetch_state`` table)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import Any

import pyarrow as pa

from warehouse.store import Warehouse

SCHEMA = pa.schema([("url", pa.string()), ("final_url", pa.string()), ("status", pa.int32()),
                    ("etag", pa.string()), ("last_modified", pa.string()),
                    ("fetched_at", pa.timestamp("us"))])


def load_validators(wh: Warehouse, urls: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
    if not urls:
        return {}
    rows = wh.rows("SELECT url, etag, last_modified FROM fetch_state"
                   " WHERE url IN (SELECT unnest(?::VARCHAR[]))", [list(urls)])
    return {r["url"]: (r["etag"], r["last_modified"]) for r in rows}


def store_fetch_states(wh: Warehouse, states: Iterable[Any]) -> None:
    """Upsert the latest validators (one Arrow batch, one transaction)."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = [{"url": s.url, "final_url": s.final_url, "status": s.status, "etag": s.etag,
             "last_modified": s.last_modified, "fetched_at": now} for s in states]
    if not rows:
        return
    con = wh.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("concord_batch", pa.Table.from_pylist(rows, SCHEMA))
        con.execute("DELETE FROM fetch_state WHERE url IN (SELECT url FROM concord_batch)")
        con.execute("INSERT INTO fetch_state BY NAME SELECT * FROM concord_batch")
        con.unregister("concord_batch")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
