"""A warehouse written by Concord's first schema (v1) opens and upgrades in place.

``fixtures/warehouse-v1.duckdb.gz`` was produced by the v1 code (commit 161dfd7) ingesting the
five sample articles; it is checked in so that every later migration is tested against real
old data, not against a schema we recreate.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import duckdb

from reports.build import load_report_data
from warehouse.schema import migrations
from warehouse.store import Warehouse

FIXTURE = Path(__file__).parent / "fixtures" / "warehouse-v1.duckdb.gz"


def _v1_copy(tmp_path: Path) -> Path:
    target = tmp_path / "old.duckdb"
    with gzip.open(FIXTURE, "rb") as src, target.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    return target


def test_fixture_really_is_v1(tmp_path: Path) -> None:
    con = duckdb.connect(str(_v1_copy(tmp_path)), read_only=True)
    assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    con.close()


def test_v1_warehouse_upgrades_in_place(tmp_path: Path) -> None:
    path = _v1_copy(tmp_path)
    with Warehouse.open(path) as wh:
        applied = [r["version"] for r in wh.rows("SELECT version FROM schema_migrations ORDER BY version")]
        assert applied == list(range(1, len(migrations()) + 1))
        counts = wh.counts()
        assert counts["articles"] == 5 and counts["findings"] > 400
        assert wh.rows("SELECT count(*) AS n FROM v_findings")[0]["n"] == counts["findings"]
        # a v1 run row gains the new columns, empty
        assert wh.rows("SELECT pid, host FROM ingest_runs LIMIT 1") == [{"pid": None, "host": None}]
    data = load_report_data(path, record=False)
    assert any(t["id"] == "back_pain" for t in data.topics)
    windows = {(e["min_days"], e["max_days"]) for e in data.escalations}
    assert (7.0, 14.0) in windows and (14.0, 21.0) in windows


def test_newer_warehouse_is_refused(tmp_path: Path) -> None:
    import pytest

    from extractors.errors import WarehouseError

    path = _v1_copy(tmp_path)
    with Warehouse.open(path):
        pass
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'from_the_future')")
    con.close()
    with pytest.raises(WarehouseError, match="newer than this Concord"):
        Warehouse.open(path)


def _view_sql(con: duckdb.DuckDBPyConnection, name: str) -> str:
    return con.execute("SELECT sql FROM duckdb_views() WHERE view_name = ?", [name]).fetchone()[0]


def test_views_are_rebuilt_only_when_they_differ_from_the_files(tmp_path: Path) -> None:
    """The ingest writer reopens the warehouse every few seconds: current views are kept, a
    hand-edited, dropped or other-version view set is rebuilt from the files."""
    db = tmp_path / "w.duckdb"
    Warehouse.open(db).close()
    con = duckdb.connect(str(db))
    original = _view_sql(con, "v_articles")
    con.execute("CREATE OR REPLACE VIEW v_articles AS SELECT 1 AS hand_made")  # keeps no mark
    con.close()
    with Warehouse.open(db) as wh:  # the mark was on another view: still current, kept
        assert "hand_made" in _view_sql(wh.con, "v_articles")
    con = duckdb.connect(str(db))
    con.execute("COMMENT ON VIEW v_article_quality IS 'concord-views:from-another-version'")
    con.close()
    with Warehouse.open(db) as wh:
        assert _view_sql(wh.con, "v_articles") == original
    con = duckdb.connect(str(db))
    con.execute("DROP VIEW v_review_queue")
    con.close()
    with Warehouse.open(db) as wh:
        assert wh.con.execute("SELECT count(*) FROM v_review_queue").fetchone() == (0,)
