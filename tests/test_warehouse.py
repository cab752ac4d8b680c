"""The warehouse on a real DuckDB file: migrations, idempotent loads, versions, atomic batches."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from extractors.document import DocumentBuilder
from extractors.extract import extract
from extractors.formats import parse_bytes
from warehouse.batches import Quarantined
from warehouse.schema import migrations, schema_version
from warehouse.store import Warehouse


def _extractions(examples_dir: Path):
    return [extract(parse_bytes(p.read_bytes(), str(p))) for p in sorted(examples_dir.glob("*.txt"))]


def _doc(source: str, body: str):
    builder = DocumentBuilder()
    builder.heading("Back pain", 1)
    builder.paragraph(body)
    return extract(builder.build(source, "text", title="Back pain"))


def test_migrations_are_recorded(db_path: Path) -> None:
    with Warehouse.open(db_path) as wh:
        assert schema_version(wh.con) == len(migrations())
        names = [r["name"] for r in wh.rows("SELECT name FROM schema_migrations ORDER BY version")]
    assert names[0] == "initial"
    with Warehouse.open(db_path) as wh:  # reopening applies nothing twice
        assert wh.rows("SELECT count(*) AS n FROM schema_migrations")[0]["n"] == len(migrations())


def test_load_is_idempotent(db_path: Path, examples_dir: Path) -> None:
    batch = _extractions(examples_dir)
    with Warehouse.open(db_path) as wh:
        run = wh.start_run(5, "test", "test")
        first = wh.load_batch(run, batch)
        counts = wh.counts()
        second = wh.load_batch(run, batch)
        assert wh.counts() == counts
    assert len(first.ingested) == 5 and not first.unchanged
    assert not second.ingested and len(second.unchanged) == 5


def test_changed_body_is_a_new_version(db_path: Path) -> None:
    with Warehouse.open(db_path) as wh:
        run = wh.start_run(2, "test", "test")
        wh.load_batch(run, [_doc("a.txt", "Rest and ice help. See a GP if it lasts more than a week.")])
        wh.load_batch(run, [_doc("a.txt", "Rest and heat help. See a GP if it lasts more than two weeks.")])
        versions = wh.rows("SELECT version FROM articles WHERE source = 'a.txt' ORDER BY version")
        latest = wh.rows("SELECT version FROM v_articles WHERE source = 'a.txt'")
        windows = wh.rows("SELECT min_days FROM v_escalations WHERE source = 'a.txt'")
    assert [v["version"] for v in versions] == [1, 2]
    assert latest == [{"version": 2}]
    assert windows == [{"min_days": 14.0}]


def test_prepared_batch_drops_stored_and_repeated_texts(db_path: Path) -> None:
    """Rows built by a worker (``prepare_tables``) load like ``load_batch``: a text repeated in
    the batch or already stored is unchanged, with none of its rows inserted; new versions of a
    source are numbered by the writer, which alone knows what is stored."""
    from warehouse.batches import prepare_tables

    old = _doc("a.txt", "Rest and ice help. See a GP if it lasts more than a week.")
    new = _doc("a.txt", "Rest and heat help. See a GP if it lasts more than two weeks.")
    copy = _doc("copy.txt", "Rest and heat help. See a GP if it lasts more than two weeks.")
    other = _doc("b.txt", "Poor posture can cause neck pain.")
    with Warehouse.open(db_path) as wh:
        run = wh.start_run(5, "test", "test")
        wh.load_batch(run, [old])
        prepared = prepare_tables([new, copy, old, other])
        assert prepared.duplicates == ["copy.txt"] and prepared.sources == ["a.txt", "a.txt", "b.txt"]
        result = wh.load_prepared(run, prepared)
        assert result.ingested == ["a.txt", "b.txt"]
        assert sorted(result.unchanged) == ["a.txt", "copy.txt"]
        rows = wh.rows("SELECT source, version, run_id, ingested_at IS NOT NULL AS stamped FROM articles"
                       " ORDER BY source, version")
        assert rows == [{"source": "a.txt", "version": 1, "run_id": run, "stamped": True},
                        {"source": "a.txt", "version": 2, "run_id": run, "stamped": True},
                        {"source": "b.txt", "version": 1, "run_id": run, "stamped": True}]
        per_article = wh.rows("SELECT a.version, count(f.finding_id) AS n FROM articles a LEFT JOIN findings f"
                              " USING (article_id) WHERE a.source = 'a.txt' GROUP BY 1 ORDER BY 1")
        assert per_article == [{"version": 1, "n": len(old.findings)}, {"version": 2, "n": len(new.findings)}]
        assert wh.run(run)["unchanged"] == 2 and wh.run(run)["ingested"] == 3


def test_failed_batch_leaves_nothing_behind(db_path: Path, examples_dir: Path) -> None:
    batch = _extractions(examples_dir)
    with Warehouse.open(db_path) as wh:
        run = wh.start_run(5, "test", "test")
        wh.con.execute("CREATE TABLE guard (x INTEGER)")
        # Make the timings insert fail after articles and findings went in.
        wh.con.execute("ALTER TABLE timings ADD COLUMN must_fail INTEGER NOT NULL DEFAULT 1")
        wh.con.execute("ALTER TABLE timings ALTER COLUMN must_fail DROP DEFAULT")
        with pytest.raises(duckdb.Error):
            wh.load_batch(run, batch)
        assert wh.counts()["articles"] == 0
        assert wh.counts()["findings"] == 0


def test_quarantine_rows_are_stored(db_path: Path) -> None:
    with Warehouse.open(db_path) as wh:
        run = wh.start_run(1, "test", "test")
        wh.load_batch(run, [], [Quarantined("x.pdf", "detect", "unsupported format '.pdf'")])
        rows = wh.rows("SELECT source, stage, reason FROM quarantine")
        assert wh.run(run)["quarantined"] == 1
    assert rows == [{"source": "x.pdf", "stage": "detect", "reason": "unsupported format '.pdf'"}]


def test_read_only_open_of_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    from extractors.errors import WarehouseError

    with pytest.raises(WarehouseError, match="no warehouse at"):
        Warehouse.open(tmp_path / "missing.duckdb", read_only=True)


@pytest.mark.parametrize(("limit", "shown"), [("300MB", "286.1 MiB"), ("1GB", "953.6 MiB")])
def test_writer_buffer_pool_is_capped(tmp_path: Path, limit: str, shown: str) -> None:
    """Without a cap DuckDB keeps up to 80 % of RAM of pages cached, so a long ingest grows."""
    with Warehouse.open(tmp_path / "wh.duckdb", memory_limit=limit) as wh:
        assert wh.rows("SELECT current_setting('memory_limit') AS m") == [{"m": shown}]


def test_auto_cap_follows_the_key_indexes(tmp_path: Path) -> None:
    """'auto' leaves room for the primary-key indexes (which must fit in memory) and no more."""
    from warehouse.schema import AUTO_MEMORY_FLOOR, INDEX_BYTES_PER_ROW, auto_memory_limit

    db = tmp_path / "wh.duckdb"
    with Warehouse.open(db, memory_limit="auto") as wh:
        assert wh.rows("SELECT current_setting('memory_limit') AS m") == [{"m": "128.0 MiB"}]
        wh.con.execute("INSERT INTO findings (finding_id, article_id, kind, concept, text, sentence, start, \"end\","
                       " sentence_start, negated, hedged, conditional, experiencer, rule_id)"
                       " SELECT 'f' || i, 'a', 'cause', 'c', 't', 's', 0, 1, 0, false, false, false, 'reader', 'r'"
                       " FROM range(200000) t(i)")
        assert auto_memory_limit(wh.con) == AUTO_MEMORY_FLOOR + 2 * INDEX_BYTES_PER_ROW * 200_000
    with Warehouse.open(db, memory_limit="auto") as wh:
        assert wh.rows("SELECT current_setting('memory_limit') AS m") == [{"m": "152.0 MiB"}]
    # the end of an ingest reads those tables and writes only small keyed ones: no room for them
    with Warehouse.open(db, memory_limit="auto-finish") as wh:
        assert wh.rows("SELECT current_setting('memory_limit') AS m") == [{"m": "64.0 MiB"}]
        wh.con.execute("INSERT INTO quality_results SELECT 'r', 'c' || i, 0, now() FROM range(100000) t(i)")
    with Warehouse.open(db, memory_limit="auto-finish") as wh:
        assert wh.rows("SELECT current_setting('memory_limit') AS m") == [{"m": "76.0 MiB"}]


def _row_groups_after_appends(path: Path, vacuum: bool) -> int:
    with Warehouse.open(path, vacuum=vacuum) as wh:
        wh.con.execute("CREATE TABLE scratch (id INTEGER, text VARCHAR)")
        for batch in range(8):  # what an ingest does: small appends, each checkpointed
            wh.con.execute("INSERT INTO scratch SELECT i, repeat('x', 200) FROM range(?, ?) t(i)",
                           [batch * 500, batch * 500 + 500])
            wh.con.execute("CHECKPOINT")
        return wh.con.execute("SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('scratch')").fetchone()[0]


def test_ingest_writer_skips_vacuum_and_the_next_writer_merges(tmp_path: Path) -> None:
    """The ingest writer opens with vacuum off (checkpoint merges of the small row groups its
    appends leave held them in memory at doubling sizes); a writer with vacuum on merges them."""
    kept = _row_groups_after_appends(tmp_path / "ingest.duckdb", vacuum=False)
    merged = _row_groups_after_appends(tmp_path / "other.duckdb", vacuum=True)
    assert kept == 8 and merged < kept
    with Warehouse.open(tmp_path / "ingest.duckdb") as wh:
        assert wh.con.execute("SELECT current_setting('max_vacuum_tasks')").fetchone()[0] > 0
        wh.con.execute("INSERT INTO scratch VALUES (-1, 'y')")
        wh.con.execute("CHECKPOINT")
        assert wh.con.execute("SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('scratch')"
                              ).fetchone()[0] < kept


def test_ingest_settings_carry_the_memory_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines.settings import Settings

    assert Settings.from_env().duckdb_memory == "auto"
    monkeypatch.setenv("CONCORD_DUCKDB_MEMORY", "2GB")
    assert Settings.from_env().duckdb_memory == "2GB"
