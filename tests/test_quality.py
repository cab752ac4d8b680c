"""Data-quality checks on a real DuckDB file: a clean load passes every check, and each kind of
corruption fails exactly the check written for it, with the number of rows corrupted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractors.extract import extract, get_concept_matcher
from extractors.formats import parse_bytes
from warehouse.quality import (checks, failed, failure_message, merge_results, parse_check, record_results,
                               row_marks, run_row_checks, run_table_checks,
                               run_checks)
from warehouse.store import Warehouse

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


@pytest.fixture(scope="module")
def clean_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles loaded the way an ingest loads them; tests corrupt copies of it."""
    extractions = [extract(parse_bytes(p.read_bytes(), str(p))) for p in sorted(EXAMPLES.glob("*.txt"))]
    path = tmp_path_factory.mktemp("quality") / "clean.duckdb"
    with Warehouse.open(path) as wh:
        wh.refresh_concepts(get_concept_matcher().vocabulary)
        run_id = wh.start_run(len(extractions), "test", "test")
        wh.load_batch(run_id, extractions)
        wh.finish_run(run_id, "succeeded")
        assert wh.counts()["escalations"] > 0 and wh.counts()["timings"] > 0
    return path


@pytest.fixture
def db(clean_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "concord.duckdb"
    shutil.copy(clean_db, copy)
    return copy


def _first(table: str, key: str, n: int = 1) -> str:
    return f"{key} IN (SELECT {key} FROM {table} ORDER BY {key} LIMIT {n})"


def _loosen(table: str) -> list[str]:
    """Recreate ``table`` without its constraints so a duplicate can get in (views rebind)."""
    return [f"CREATE TABLE loose AS SELECT * FROM {table}", f"DROP TABLE {table}",
            f"ALTER TABLE loose RENAME TO {table}"]


CORRUPTIONS = {
    "finding start past the text": (
        [f"UPDATE findings SET start = 999999 WHERE {_first('findings', 'finding_id', 3)}"],
        {"offsets_findings": 3}),
    "finding end before start": (
        [f"UPDATE findings SET \"end\" = start WHERE {_first('findings', 'finding_id', 2)}"],
        {"offsets_findings": 2}),
    "finding quote differs from the text": (
        [f"UPDATE findings SET text = 'not what it says' WHERE {_first('findings', 'finding_id')}"],
        {"quote_findings": 1}),
    "escalation offsets shifted by one": (
        ["UPDATE escalations SET start = start + 1, \"end\" = \"end\" + 1"],
        {"quote_escalations": "escalations"}),
    "timing start negative": (
        [f"UPDATE timings SET start = -1 WHERE {_first('timings', 'timing_id', 2)}"],
        {"offsets_timings": 2}),
    "timing quote differs": (
        [f"UPDATE timings SET text = upper(text) || '!' WHERE {_first('timings', 'timing_id')}"],
        {"quote_timings": 1}),
    "section ends past the text": (
        ["UPDATE sections SET \"end\" = 10000000 WHERE ordinal = 0"],
        {"offsets_sections": "SELECT count(*) FROM sections WHERE ordinal = 0"}),
    "unknown finding kind": (
        [f"UPDATE findings SET kind = 'rumour' WHERE {_first('findings', 'finding_id', 2)}"],
        {"accepted_values_findings_kind": 2}),
    "unknown escalation action": (
        [f"UPDATE escalations SET action = 'pray' WHERE {_first('escalations', 'escalation_id')}"],
        {"accepted_values_escalations_action": 1}),
    "unknown run status": (
        ["UPDATE ingest_runs SET status = 'done'"],
        {"accepted_values_ingest_runs_status": 1}),
    "orphan findings": (
        [f"UPDATE findings SET article_id = 'gone' WHERE {_first('findings', 'finding_id', 4)}"],
        {"relationships_findings_article_id": 4}),
    "orphan escalation": (
        [f"UPDATE escalations SET article_id = 'gone' WHERE {_first('escalations', 'escalation_id')}"],
        {"relationships_escalations_article_id": 1}),
    "orphan timings": (
        [f"UPDATE timings SET article_id = 'gone' WHERE {_first('timings', 'timing_id', 2)}"],
        {"relationships_timings_article_id": 2}),
    "orphan sections": (
        ["UPDATE sections SET article_id = 'gone' WHERE article_id = (SELECT min(article_id) FROM articles)"],
        {"relationships_sections_article_id": "SELECT count(*) FROM sections WHERE article_id = 'gone'"}),
    "concept missing from vocabulary": (
        [f"UPDATE findings SET concept = 'no_such_concept' WHERE {_first('findings', 'finding_id', 3)}"],
        {"relationships_findings_concept": 3}),
    "null concept": (
        ["ALTER TABLE findings ALTER COLUMN concept DROP NOT NULL",
         f"UPDATE findings SET concept = NULL WHERE {_first('findings', 'finding_id', 2)}"],
        {"not_null_findings": 2}),
    "null escalation action": (
        ["ALTER TABLE escalations ALTER COLUMN action DROP NOT NULL",
         f"UPDATE escalations SET action = NULL WHERE {_first('escalations', 'escalation_id')}"],
        {"not_null_escalations": 1}),
    "escalation window reversed": (
        [f"UPDATE escalations SET min_days = max_days + 1 WHERE {_first('escalations', 'escalation_id')}"],
        {"day_range_escalations": 1}),
    "negative timing": (
        [f"UPDATE timings SET min_days = -1 WHERE {_first('timings', 'timing_id', 2)}"],
        {"day_range_timings": 2}),
    "duplicate finding id": (
        [*_loosen("findings"),
         f"INSERT INTO findings SELECT * FROM findings WHERE {_first('findings', 'finding_id', 2)}"],
        {"unique_findings_finding_id": 2}),
    "duplicate timing id": (
        [*_loosen("timings"),
         f"INSERT INTO timings SELECT * FROM timings WHERE {_first('timings', 'timing_id')}"],
        {"unique_timings_timing_id": 1}),
    "duplicate escalation id": (
        [*_loosen("escalations"),
         f"INSERT INTO escalations SELECT * FROM escalations WHERE {_first('escalations', 'escalation_id')}"],
        {"unique_escalations_escalation_id": 1}),
    "duplicate article row": (
        [*_loosen("articles"),
         f"INSERT INTO articles SELECT * FROM articles WHERE {_first('articles', 'article_id')}"],
        {"unique_articles_article_id": 1, "unique_articles_content_hash": 1}),
    "same body stored under two ids": (
        [*_loosen("articles"),
         "INSERT INTO articles SELECT * REPLACE ('copy-' || article_id AS article_id, 'copy' AS source)"
         f" FROM articles WHERE {_first('articles', 'article_id')}"],
        {"unique_articles_content_hash": 1}),
}


def test_clean_load_passes_every_check(clean_db: Path) -> None:
    with Warehouse.open(clean_db, read_only=True) as wh:
        results = run_checks(wh)
    assert [r.name for r in results] == [c.name for c in checks()]
    assert len(results) >= 25
    assert failed(results) == [], failure_message(results)
    assert failure_message(results) is None


@pytest.mark.parametrize("case", list(CORRUPTIONS), ids=list(CORRUPTIONS))
def test_corruption_fails_the_right_check(db: Path, case: str) -> None:
    statements, expected = CORRUPTIONS[case]
    with Warehouse.open(db) as wh:
        for sql in statements:
            wh.con.execute(sql)
        want = {}
        for name, count in expected.items():  # counts given as a table name or query are read
            if isinstance(count, str):
                query = count if count.startswith("SELECT") else f"SELECT count(*) FROM {count}"
                count = wh.con.execute(query).fetchone()[0]
            assert count > 0
            want[name] = count
        results = run_checks(wh)
    got = {r.name: r.failing_rows for r in failed(results)}
    assert got == want
    for result in failed(results):
        assert 1 <= len(result.sample) <= min(5, result.failing_rows)
        assert result.description


def test_failure_message_and_samples(db: Path) -> None:
    with Warehouse.open(db) as wh:
        wh.con.execute("UPDATE findings SET start = 999999")
        results = run_checks(wh)
        total = wh.con.execute("SELECT count(*) FROM findings").fetchone()[0]
    bad = {r.name: r for r in failed(results)}
    assert set(bad) == {"offsets_findings"}
    assert len(bad["offsets_findings"].sample) == 5
    assert bad["offsets_findings"].sample[0]["start"] == 999999
    assert failure_message(results) == f"1 data-quality check failed: offsets_findings={total}"


def test_record_results_stores_one_row_per_check(db: Path) -> None:
    with Warehouse.open(db) as wh:
        run_id = wh.rows("SELECT run_id FROM ingest_runs")[0]["run_id"]
        wh.con.execute("UPDATE findings SET kind = 'rumour' WHERE "
                       + _first("findings", "finding_id", 2))
        results = run_checks(wh)
        record_results(wh, run_id, results)
        record_results(wh, run_id, results)  # re-running the checks for a run replaces its rows
        stored = wh.rows("SELECT check_name, failing_rows FROM quality_results WHERE run_id = ?"
                         " ORDER BY check_name", [run_id])
    assert len(stored) == len(results)
    assert {r["check_name"]: r["failing_rows"] for r in stored if r["failing_rows"]} == {
        "accepted_values_findings_kind": 2}


def test_check_file_needs_its_header() -> None:
    check = parse_check("offsets_x.sql", "-- check: offsets_x\n-- asserts: offsets fit,\n--   really\nSELECT 1;\n")
    assert (check.name, check.description, check.sql) == ("offsets_x", "offsets fit, really", "SELECT 1")
    with pytest.raises(Exception, match="header must start"):
        parse_check("offsets_x.sql", "-- check: other_name\n-- asserts: x\nSELECT 1")
    with pytest.raises(Exception, match="asserts"):
        parse_check("offsets_x.sql", "-- check: offsets_x\nSELECT 1")


def test_row_checks_see_only_the_given_articles_and_merge_with_table_checks(db: Path) -> None:
    """An ingest checks each row it loaded (a few thousand articles at a time) and the
    whole-warehouse checks once; the merged result is what a full run_checks would say about
    those rows, and the tables are whole again afterwards."""
    with Warehouse.open(db) as wh:
        ids = [r["article_id"] for r in wh.rows("SELECT article_id FROM articles ORDER BY article_id")]
        assert len(ids) >= 2
        bad, good = ids[0], ids[1:]
        wh.con.execute("UPDATE findings SET start = 999999 WHERE article_id = ?", [bad])
        broken = wh.con.execute("SELECT count(*) FROM findings WHERE article_id = ?", [bad]).fetchone()[0]
        total = wh.con.execute("SELECT count(*) FROM findings").fetchone()[0]
        clean_part = run_row_checks(wh, good)
        dirty_part = run_row_checks(wh, [bad])
        assert wh.con.execute("SELECT count(*) FROM findings").fetchone()[0] == total  # unshadowed
        merged = merge_results([clean_part, dirty_part, run_table_checks(wh)])
        full = run_checks(wh)
    assert failed(clean_part) == []
    assert {r.name: r.failing_rows for r in failed(dirty_part)} == {"offsets_findings": broken}
    assert [r.name for r in merged] == [c.name for c in checks()]
    assert {r.name: r.failing_rows for r in failed(merged)} == {r.name: r.failing_rows for r in failed(full)}


def test_row_marks_let_row_checks_start_at_the_rows_loaded_since(tmp_path: Path) -> None:
    """The ingest takes row marks before loading a chunk of articles; the row checks then scan only
    rows at or above the marks (the older ones are never read), still filtered to the given
    articles, so a concurrent run's rows loaded in between are not checked twice."""
    seeds = [extract(parse_bytes(p.read_bytes(), str(p))) for p in sorted(EXAMPLES.glob("*.txt"))]
    with Warehouse.open(tmp_path / "wh.duckdb") as wh:
        wh.refresh_concepts(get_concept_matcher().vocabulary)
        run_id = wh.start_run(len(seeds), "test", "test")
        first = wh.load_batch(run_id, seeds[:2]).article_ids
        wh.con.execute("UPDATE findings SET start = 999999 WHERE article_id = ?", [first[0]])
        marks = row_marks(wh)
        assert marks["articles"] == 2 and marks["findings"] > 0
        second = wh.load_batch(run_id, seeds[2:4]).article_ids
        other = wh.load_batch(run_id, seeds[4:]).article_ids  # e.g. another run's batch
        wh.con.execute("UPDATE findings SET start = 999999 WHERE article_id IN (?, ?)", [second[0], other[0]])
        broken = wh.con.execute("SELECT count(*) FROM findings WHERE article_id = ?", [second[0]]).fetchone()[0]
        everything = run_row_checks(wh, first + second)
        since_marks = run_row_checks(wh, first + second, marks)
    assert {r.name: r.failing_rows for r in failed(since_marks)} == {"offsets_findings": broken}
    assert {r.name for r in failed(everything)} == {"offsets_findings"}
    assert next(r for r in everything if r.name == "offsets_findings").failing_rows > broken  # first[0] too


def test_scope_header_is_validated() -> None:
    check = parse_check("offsets_x.sql", "-- check: offsets_x\n-- asserts: x\n-- scope: run\nSELECT 1")
    assert check.scope == "run"
    assert parse_check("offsets_x.sql", "-- check: offsets_x\n-- asserts: x\nSELECT 1").scope == "all"
    with pytest.raises(Exception, match="scope must be one of all, run"):
        parse_check("offsets_x.sql", "-- check: offsets_x\n-- asserts: x\n-- scope: later\nSELECT 1")


@pytest.mark.parametrize(("header", "message"), [
    ("-- new_rows: findings.finding_id", None),
    ("-- new_rows: findings", "new_rows must be <table>.<column>"),
    ("-- new_rows: reviews.finding_id", "new_rows must be <table>.<column>"),
    ("-- scope: run\n-- new_rows: findings.finding_id", "on a scope: all check"),
])
def test_new_rows_header_is_validated(header: str, message: str | None) -> None:
    text = f"-- check: unique_x\n-- asserts: x\n{header}\nSELECT 1"
    if message is None:
        assert parse_check("unique_x.sql", text).new_rows == ("findings", "finding_id")
    else:
        with pytest.raises(Exception, match=message):
            parse_check("unique_x.sql", text)


def test_table_checks_after_an_ingest_see_the_keys_it_loaded(tmp_path: Path) -> None:
    """With the run's row marks, uniqueness and relationship checks look only at rows sharing a
    key with the rows loaded since (memory follows the run, not the warehouse): a duplicate of
    a new row's key is found even when the other copy is old, an old orphan is left to the
    full check (``python -m warehouse.quality``), which still finds both."""
    seeds = [extract(parse_bytes(p.read_bytes(), str(p))) for p in sorted(EXAMPLES.glob("*.txt"))]
    db = tmp_path / "wh.duckdb"
    with Warehouse.open(db) as wh:
        wh.refresh_concepts(get_concept_matcher().vocabulary)
        run_id = wh.start_run(len(seeds), "test", "test")
        old = wh.load_batch(run_id, seeds[:3]).article_ids
        for statement in _loosen("findings"):
            wh.con.execute(statement)
        wh.con.execute("INSERT INTO findings SELECT * REPLACE ('orphan-old' AS article_id, 'x-old' AS finding_id) "
                       "FROM findings WHERE article_id = ? LIMIT 1", [old[0]])
        marks = row_marks(wh)
        new = wh.load_batch(run_id, seeds[3:]).article_ids
        assert new
        duplicated = wh.con.execute("SELECT finding_id FROM findings WHERE article_id = ? LIMIT 1",
                                    [old[1]]).fetchone()[0]  # loaded now again: an old key, a new row
        wh.con.execute("INSERT INTO findings SELECT * FROM findings WHERE finding_id = ?", [duplicated])
        since = {r.name: r.failing_rows for r in failed(run_table_checks(wh, marks))}
        everything = {r.name: r.failing_rows for r in failed(run_table_checks(wh))}
        assert wh.con.execute("SELECT count(*) FROM findings WHERE article_id = 'orphan-old'").fetchone()[0] == 1
    assert since == {"unique_findings_finding_id": 1}
    assert everything == {"unique_findings_finding_id": 1, "relationships_findings_article_id": 1}


def test_ingest_verifies_declared_keys_instead_of_grouping_the_table(db: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A uniqueness check of a PRIMARY KEY/UNIQUE column cannot fail while the constraint exists,
    so after an ingest only the catalog is read; without marks (python -m warehouse.quality) or
    without the constraint the query runs."""
    import warehouse.quality as quality

    ran: list[str] = []
    real = quality.run_check
    monkeypatch.setattr(quality, "run_check", lambda wh, check: ran.append(check.name) or real(wh, check))
    with Warehouse.open(db) as wh:
        marks = {table: 1 for table in row_marks(wh)}
        after_ingest = {r.name: r.failing_rows for r in run_table_checks(wh, marks)}
        assert "unique_findings_finding_id" not in ran and after_ingest["unique_findings_finding_id"] == 0
        run_table_checks(wh)
        assert "unique_findings_finding_id" in ran
        ran.clear()
        for statement in _loosen("findings"):
            wh.con.execute(statement)
        run_table_checks(wh, marks)
        assert "unique_findings_finding_id" in ran
