"""The Dask runner gives exactly what the default runner gives: same articles, same findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.prefect

TABLES = ("articles", "findings", "escalations", "timings", "sections", "quarantine")


def snapshot(db: Path) -> dict[str, object]:
    from warehouse.store import Warehouse

    with Warehouse.open(db, read_only=True) as wh:
        counts = {t: wh.rows(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in TABLES}
        articles = sorted((r["article_id"], Path(r["source"]).name) for r in
                          wh.rows("SELECT article_id, source FROM articles"))
        findings = sorted(r["finding_id"] for r in wh.rows("SELECT finding_id FROM findings"))
        escalations = sorted(r["escalation_id"] for r in wh.rows("SELECT escalation_id FROM escalations"))
    return {"counts": counts, "articles": articles, "findings": findings, "escalations": escalations}


def test_dask_runner_matches_thread_runner(tmp_path: Path, examples_dir: Path) -> None:
    pytest.importorskip("prefect_dask")
    pytest.importorskip("distributed")
    from pipelines.flows import ingest

    articles = tmp_path / "in"
    shutil.copytree(examples_dir, articles)
    for name in ("nhs", "medquad"):  # more documents than one batch, in two formats
        shutil.copytree(Path(__file__).parent / "fixtures" / name, articles / name,
                        ignore=shutil.ignore_patterns("README.md"))
    (articles / "empty.txt").write_text("  \n")
    paths = [str(articles)]
    thread = ingest(paths=paths, db=str(tmp_path / "thread.duckdb"), batch_size=3, runner="thread", cache=False)
    dask = ingest(paths=paths, db=str(tmp_path / "dask.duckdb"), batch_size=3, runner="dask", cache=False)

    assert dask["runner"] == "dask" and thread["runner"] == "thread"
    assert dask["batch_size"] == thread["batch_size"] == 3
    assert dask["batches"] == thread["batches"] == 5  # 13 inputs; a configured size is not tapered
    for summary in (thread, dask):  # the timeline that shows a run's serial parts
        stages = summary["stage_seconds"]
        assert 0 < stages["first_submit"] <= stages["first_task_start"] <= stages["last_task_end"] <= stages["wall"]
    for key in ("inputs", "ingested", "unchanged", "findings", "escalations", "timings", "quarantined"):
        assert dask[key] == thread[key], key
    assert thread["ingested"] == 12 and len(thread["quarantined"]) == 1
    a, b = snapshot(tmp_path / "thread.duckdb"), snapshot(tmp_path / "dask.duckdb")
    assert a["counts"]["findings"] > 0
    assert a == b
