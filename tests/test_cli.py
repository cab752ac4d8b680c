"""The command-line contract: JSON shapes, exit codes and one-line error messages."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app

runner = CliRunner()
SEED = "examples/articles/spine-surgeon-neck-back-pain-exercise.txt"
CONCORD = str(Path(sys.executable).with_name("concord"))

FINDING_KEYS = {"kind", "concept", "text", "sentence", "section", "start", "end", "negated",
                "hedged", "conditional", "rule"}
ESCALATION_KEYS = {"action", "trigger", "min_days", "max_days", "text", "sentence", "start", "end"}
ARTICLE_KEYS = {"source", "title", "publisher", "author", "published", "word_count"}


def test_extract_json_contract(examples_dir: Path) -> None:
    result = runner.invoke(app, ["extract", str(examples_dir / SEED.split("/")[-1]), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert ARTICLE_KEYS <= set(data["article"])
    assert data["findings"] and all(FINDING_KEYS <= set(f) for f in data["findings"])
    assert data["escalations"] and all(ESCALATION_KEYS <= set(e) for e in data["escalations"])
    text = (examples_dir / SEED.split("/")[-1]).read_text()
    assert data["article"]["title"] in text


def test_extract_offsets_point_at_the_quoted_text(examples_dir: Path) -> None:
    from extractors.extract import extract
    from extractors.formats import parse_bytes

    for path in sorted(examples_dir.glob("*.txt")):
        document = parse_bytes(path.read_bytes(), str(path))
        result = extract(document)
        for f in result.findings:
            assert document.text[f.start:f.end] == f.text
            assert f.text in f.sentence
        for e in result.escalations:
            assert document.text[e.start:e.end] == e.text


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["extract", "no/such/file.txt"], 2, "error: no such file: no/such/file.txt"),
        (["report", "--db", "no/such.duckdb"], 1, "error: no warehouse at no/such.duckdb; run `concord ingest` first"),
    ],
)
def test_errors_are_one_line(args: list[str], code: int, message: str) -> None:
    proc = subprocess.run([CONCORD, *args], capture_output=True, text=True)
    assert proc.returncode == code
    assert proc.stderr.strip() == message
    assert "Traceback" not in proc.stderr


def test_extract_of_unsupported_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK\x03\x04 not really a docx")
    proc = subprocess.run([CONCORD, "extract", str(path)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("error: unsupported format '.docx'")


def test_usage_error_exit_code() -> None:
    result = runner.invoke(app, ["ingest", "--batch-size", "0", "x"])
    assert result.exit_code == 2


@pytest.mark.prefect
def test_ingest_rerun_and_quarantine(tmp_path: Path, examples_dir: Path) -> None:
    """A real flow run into a real DuckDB file; a re-run adds nothing; bad input is quarantined."""
    articles = tmp_path / "in"
    shutil.copytree(examples_dir, articles)
    db = tmp_path / "wh.duckdb"
    first = runner.invoke(app, ["ingest", str(articles), "--db", str(db), "--format", "json"])
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout)
    assert summary["ingested"] == 5 and summary["unchanged"] == 0 and summary["quarantined"] == []
    assert summary["findings"] > 0 and summary["escalations"] >= 3

    (articles / "empty.txt").write_text("   \n")
    (articles / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    second = runner.invoke(app, ["ingest", str(articles), "--db", str(db), "--format", "json"])
    assert second.exit_code == 1, second.output
    summary2 = json.loads(second.stdout)
    assert summary2["ingested"] == 0 and summary2["unchanged"] == 5
    reasons = {Path(q["source"]).name: q["reason"] for q in summary2["quarantined"]}
    assert reasons == {"binary.txt": "binary content (NUL or control bytes), not text",
                       "empty.txt": "empty file"}

    from warehouse.store import Warehouse

    with Warehouse.open(db, read_only=True) as wh:
        counts = wh.counts()
        assert counts["articles"] == 5
        assert counts["findings"] == summary["findings"]
        assert counts["quarantine"] == 2
        runs = wh.rows("SELECT status, ingested, unchanged, quarantined FROM ingest_runs ORDER BY started_at")
    assert [r["status"] for r in runs] == ["succeeded", "partial"]
    assert (runs[1]["ingested"], runs[1]["unchanged"], runs[1]["quarantined"]) == (0, 5, 2)

    for fmt, marker in (("md", "# Concord consistency report"), ("html", "<!doctype html>"),
                        ("json", '"escalations"')):
        report = runner.invoke(app, ["report", "--db", str(db), "--format", fmt])
        assert report.exit_code == 0, report.output
        assert marker in report.stdout
    data = json.loads(runner.invoke(app, ["report", "--db", str(db), "--format", "json"]).stdout)
    windows = sorted((e["min_days"], e["max_days"]) for e in data["escalations"])
    assert (7.0, 14.0) in windows and (14.0, 21.0) in windows


@pytest.mark.parametrize(("command", "shown"), [
    ("ingest", "[default: $CONCORD_BATCH_SIZE, else 50; on Dask about four batches per worker, 50-500]"),
    ("ingest", "[default: $CONCORD_DB or ./concord.duckdb]"),
    ("report", "[default: ./concord-editorial.toml if present]"),
    ("evaluate", "[default: tests/gold]"),
])
def test_help_shows_where_defaults_come_from(command: str, shown: str) -> None:
    """Rich reads a bare "[default: …]" as markup and drops it; the help strings escape it."""
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "300"})
    assert result.exit_code == 0
    assert shown in " ".join(result.output.split())
