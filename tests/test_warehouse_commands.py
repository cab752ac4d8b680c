"""``concord sql`` and ``concord export`` through Typer's CliRunner, on a real warehouse file.

The commands are mounted on a throwaway app (pipelines/cli.py registers them for real), and
``ConcordError`` is turned into ``error: <message>`` + exit code exactly as ``cli.main()`` does.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from extractors.errors import ConcordError
from extractors.extract import extract, get_concept_matcher
from extractors.formats import parse_bytes
from pipelines.warehouse_commands import export_command, sql_command
from warehouse.export import analyst_views, count_rows
from warehouse.store import Warehouse

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
READ_ONLY = "(use SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN)"

app = typer.Typer(pretty_exceptions_enable=False)
app.command("sql")(sql_command)
app.command("export")(export_command)
runner = CliRunner()


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) with ConcordError handled like ``cli.main()``."""
    result = runner.invoke(app, list(args), input=stdin)
    if isinstance(result.exception, ConcordError):
        message = str(result.exception)
        assert "\n" not in message
        return result.exception.exit_code, result.stdout, f"error: {message}"
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr.strip()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    extractions = [extract(parse_bytes(p.read_bytes(), str(p))) for p in sorted(EXAMPLES.glob("*.txt"))]
    path = tmp_path_factory.mktemp("commands") / "concord.duckdb"
    with Warehouse.open(path) as wh:
        wh.refresh_concepts(get_concept_matcher().vocabulary)
        run_id = wh.start_run(len(extractions), "test", "test")
        wh.load_batch(run_id, extractions)
        wh.finish_run(run_id, "succeeded")
    return path


def scalar(db: Path, sql: str) -> int:
    with Warehouse.open(db, read_only=True) as wh:
        return int(wh.con.execute(sql).fetchone()[0])


def test_table_output(db: Path) -> None:
    code, out, err = invoke("sql", "SELECT kind, count(*) AS n FROM v_findings GROUP BY kind", "--db", str(db))
    assert code == 0
    assert "kind" in out and "red_flag" in out
    assert err == "4 rows"


def test_csv_output_shape(db: Path) -> None:
    code, out, _ = invoke("sql", "SELECT source, title, word_count FROM v_articles ORDER BY source",
                          "--db", str(db), "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["source", "title", "word_count"]
    assert len(rows) - 1 == scalar(db, "SELECT count(*) FROM v_articles") == 5
    assert all(len(r) == 3 and int(r[2]) > 0 for r in rows[1:])


def test_csv_renders_lists_and_booleans(db: Path) -> None:
    code, out, _ = invoke("sql", "SELECT ['a', 'b'] AS xs, true AS yes, NULL AS nothing",
                          "--db", str(db), "-f", "csv")
    assert code == 0
    assert out.splitlines() == ["xs,yes,nothing", '"[""a"", ""b""]",true,']


def test_json_output_shape(db: Path) -> None:
    code, out, _ = invoke("sql", "SELECT finding_id, kind, cues, negated FROM v_findings ORDER BY finding_id",
                          "--db", str(db), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == scalar(db, "SELECT count(*) FROM v_findings")
    assert set(rows[0]) == {"finding_id", "kind", "cues", "negated"}
    assert isinstance(rows[0]["cues"], list) and isinstance(rows[0]["negated"], bool)


def test_json_dates_and_empty_result(db: Path) -> None:
    code, out, _ = invoke("sql", "SELECT DATE '2024-05-01' AS d, 1.5::DOUBLE AS x", "--db", str(db), "-f", "json")
    assert (code, json.loads(out)) == (0, [{"d": "2024-05-01", "x": 1.5}])
    code, out, _ = invoke("sql", "SELECT * FROM v_articles WHERE false", "--db", str(db), "-f", "json")
    assert (code, json.loads(out)) == (0, [])


def test_query_from_stdin(db: Path) -> None:
    code, out, _ = invoke("sql", "-", "--db", str(db), "-f", "csv", stdin="SELECT 41 + 1 AS answer\n")
    assert (code, out) == (0, "answer\n42\n")


@pytest.mark.parametrize("sql, kind", [
    ("DELETE FROM findings", "DELETE"),
    ("INSERT INTO concepts SELECT * FROM concepts", "INSERT"),
    ("UPDATE articles SET title = 'x'", "UPDATE"),
    ("COPY findings TO '/tmp/concord-should-not-exist.csv'", "COPY"),
    ("ATTACH '/tmp/concord-other.duckdb'", "ATTACH"),
    ("CREATE TABLE t AS SELECT 1", "CREATE"),
    ("SET threads = 1", "SET"),
])
def test_write_statements_are_rejected(db: Path, sql: str, kind: str) -> None:
    code, out, err = invoke("sql", sql, "--db", str(db))
    assert code == 2
    assert err == f"error: concord sql is read-only: {kind} statements are not allowed {READ_ONLY}"
    assert out == ""


@pytest.mark.parametrize("sql", [
    "EXPLAIN ANALYZE COPY (SELECT 1) TO '/tmp/concord-should-not-exist.csv'",
    "EXPLAIN DELETE FROM findings",
])
def test_explain_only_wraps_select(db: Path, sql: str) -> None:
    code, _, err = invoke("sql", sql, "--db", str(db))
    assert (code, err) == (2, "error: concord sql is read-only: EXPLAIN is allowed for SELECT queries only")


def test_explain_select_and_markup_in_values(db: Path) -> None:
    assert invoke("sql", "EXPLAIN ANALYZE SELECT count(*) FROM v_findings", "--db", str(db))[0] == 0
    code, out, _ = invoke("sql", "SELECT '[bold]x[/] [1]' AS t", "--db", str(db))
    assert code == 0 and "[bold]x[/] [1]" in out


def test_syntax_error(db: Path) -> None:
    code, _, err = invoke("sql", "SELEC * FROM v_articles", "--db", str(db))
    assert (code, err) == (2, 'error: invalid SQL: syntax error at or near "SELEC"')


def test_unknown_column(db: Path) -> None:
    code, _, err = invoke("sql", "SELECT nope FROM v_articles", "--db", str(db))
    assert code == 2
    assert err.startswith('error: invalid query: Referenced column "nope" not found in FROM clause!')


def test_runtime_error_is_operational(db: Path) -> None:
    code, _, err = invoke("sql", "SELECT 'abc'::INTEGER", "--db", str(db))
    assert (code, err) == (1, "error: query failed: Could not convert string 'abc' to INT32")


def test_one_statement_at_a_time(db: Path) -> None:
    code, _, err = invoke("sql", "SELECT 1; SELECT 2", "--db", str(db))
    assert (code, err) == (2, "error: give one statement at a time (got 2)")


def test_missing_warehouse(tmp_path: Path) -> None:
    missing = tmp_path / "nope.duckdb"
    code, _, err = invoke("sql", "SELECT 1", "--db", str(missing))
    assert (code, err) == (1, f"error: no warehouse at {missing}; run `concord ingest` first")
    code, _, err = invoke("export", "--out", str(tmp_path / "out"), "--db", str(missing))
    assert (code, err) == (1, f"error: no warehouse at {missing}; run `concord ingest` first")


def test_export_parquet_row_counts(db: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "export"
    code, out, _ = invoke("export", "--out", str(out_dir), "--db", str(db))
    assert code == 0
    with Warehouse.open(db, read_only=True) as wh:
        views = analyst_views(wh)
        assert {"v_articles", "v_findings", "v_escalations", "v_timings", "mart_concept_sources"} <= set(views)
        assert sorted(p.name for p in out_dir.iterdir()) == sorted(f"{v}.parquet" for v in views)
        for view in views:
            expected = wh.con.execute(f"SELECT count(*) FROM {view}").fetchone()[0]
            assert count_rows(wh, out_dir / f"{view}.parquet", "parquet") == expected, view
            assert view in out
    assert f"{scalar(db, 'SELECT count(*) FROM v_findings'):,}" in out


def test_export_csv_partitioned(db: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "export"
    code, _, _ = invoke("export", "--out", str(out_dir), "--db", str(db), "--format", "csv", "--partition")
    assert code == 0
    kinds = scalar(db, "SELECT count(DISTINCT kind) FROM v_findings")
    assert len([p for p in (out_dir / "v_findings").iterdir() if p.name.startswith("kind=")]) == kinds
    with Warehouse.open(db, read_only=True) as wh:
        assert count_rows(wh, out_dir / "v_findings", "csv") == scalar(db, "SELECT count(*) FROM v_findings")
        names = {p.name for p in out_dir.iterdir()}
        assert all(v in names or f"{v}.csv" in names for v in analyst_views(wh))
    # Running it again overwrites instead of failing on the existing partition directories.
    assert invoke("export", "--out", str(out_dir), "--db", str(db), "-f", "csv", "--partition")[0] == 0


def test_export_out_must_be_a_directory(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    code, _, err = invoke("export", "--out", str(target), "--db", str(db))
    assert (code, err) == (2, f"error: --out {target} is a file; give a directory")
