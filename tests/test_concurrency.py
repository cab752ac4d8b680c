"""Concurrent runs and readers on one warehouse.

DuckDB lets one process write a file at a time. Concord's flow opens the warehouse per batch, so
two ``concord ingest`` runs interleave their batches instead of failing: each batch is one
transaction and articles are keyed by content hash, so the end state must equal a single run's.
A writer that cannot get the lock within ``--lock-timeout`` exits with one line; readers
(``concord report``, ``Warehouse.open(read_only=True)``) wait between batches and must only
ever see whole batches.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from extractors.errors import WarehouseError
from warehouse.store import Warehouse
from workers import CONCORD, alive, REPO, SEEDS, Launcher, Snapshot, assert_consistent, shared_launcher, shared_reference, snapshot

ENV = dict(os.environ, PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_LOGGING_LEVEL="WARNING")


@pytest.fixture(scope="module")
def launcher() -> Launcher:
    return shared_launcher()


@pytest.fixture(scope="module")
def reference() -> tuple[Path, Snapshot, float]:
    return shared_reference()


def test_two_runs_at_once_end_like_one_run(launcher: Launcher, reference: tuple[Path, Snapshot, float],
                                           tmp_path: Path) -> None:
    corpus, ref, _ = reference
    db = tmp_path / "wh.duckdb"
    first = launcher.start([str(corpus)], db, tmp_path / "a.json", batch_size=2)
    second = launcher.start([str(corpus)], db, tmp_path / "b.json", batch_size=2)
    assert launcher.wait(first) == 0 and launcher.wait(second) == 0
    a, b = (json.loads((tmp_path / n).read_text()) for n in ("a.json", "b.json"))
    snap = snapshot(db)
    assert snap.per_article == ref.per_article  # no duplicates, nothing missing
    assert_consistent(snap, ref)
    assert a["ingested"] + b["ingested"] == 40 and a["unchanged"] + b["unchanged"] == 40
    assert [r["status"] for r in snap.runs] == ["succeeded", "succeeded"]
    print(f"\nconcurrent runs: ingested {a['ingested']} + {b['ingested']}, "
          f"unchanged {a['unchanged']} + {b['unchanged']}")


@pytest.mark.parametrize("runner", ["thread", "dask"])
def test_second_writer_gives_up_after_lock_timeout_with_one_line(tmp_path: Path, runner: str) -> None:
    """On Dask the warehouse is opened after the first batches are submitted (so workers
    extract meanwhile): a lock that never frees must still end the run with the one line."""
    if runner == "dask":
        pytest.importorskip("prefect_dask")
    db = tmp_path / "wh.duckdb"
    with Warehouse.open(db):  # this process holds the write lock throughout
        started = time.monotonic()
        proc = subprocess.run([CONCORD, "ingest", str(SEEDS[0]), "--db", str(db), "--lock-timeout", "1",
                               "--runner", runner, "--format", "json"], cwd=REPO, env=ENV,
                              capture_output=True, text=True, timeout=120)
        elapsed = time.monotonic() - started
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 1 and proc.stdout == ""
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert lines[0] == (f"error: warehouse {db} is locked by another Concord process "
                        "(waited 1s; raise --lock-timeout or try again later)")
    assert elapsed < 60


def test_writer_waits_for_the_lock_then_loads(launcher: Launcher, tmp_path: Path) -> None:
    db = tmp_path / "wh.duckdb"
    holder = Warehouse.open(db)
    pid = launcher.start([str(p) for p in SEEDS], db, tmp_path / "out.json", lock_timeout=30)
    time.sleep(2.0)
    released = time.time()
    holder.close()
    assert launcher.wait(pid) == 0
    summary = json.loads((tmp_path / "out.json").read_text())
    assert summary["status"] == "succeeded" and summary["ingested"] == 5
    with Warehouse.open(db, read_only=True) as wh:
        (run,) = wh.rows("SELECT started_at FROM ingest_runs")
    assert run["started_at"].timestamp() >= released - 1  # it really waited for the release


def _read_during_run(launcher: Launcher, corpus: Path, db: Path, out: Path, ref: Snapshot,
                     max_hold: float | None, with_report: bool = True
                     ) -> tuple[list[int], subprocess.CompletedProcess | None]:
    """Snapshot the warehouse read-only, again and again, while one run writes it (and, once,
    run ``concord report`` against it: a slow subprocess, so only where it is under test)."""
    pid = launcher.start([str(corpus)], db, out, batch_size=2, max_hold=max_hold)
    seen: list[int] = []
    report = None
    while not out.exists() and alive(pid):
        if not db.exists():
            time.sleep(0.05)
            continue
        try:
            snap = snapshot(db, lock_timeout=60)
        except WarehouseError as exc:  # only before the first migration has committed
            assert "not a Concord warehouse" in str(exc), exc
            continue
        assert_consistent(snap, ref)  # whole batches only, counters match rows
        seen.append(snap.totals["articles"])
        if with_report and report is None:
            report = subprocess.run([CONCORD, "report", "--db", str(db), "--format", "json"], cwd=REPO,
                                    env=ENV, capture_output=True, text=True, timeout=120)
    assert launcher.wait(pid) == 0
    assert_consistent(snapshot(db), ref)
    return seen, report


def test_readers_wait_for_the_writer_and_see_only_committed_batches(
        launcher: Launcher, reference: tuple[Path, Snapshot, float], tmp_path: Path) -> None:
    """``concord report`` and read-only opens started mid-run wait (connect retries on the lock)
    instead of failing, and what they read is always a consistent, committed state."""
    corpus, ref, _ = reference
    seen, report = _read_during_run(launcher, corpus, tmp_path / "wh.duckdb", tmp_path / "out.json", ref, None)
    assert seen, "no reader got in at all"
    assert report is not None and report.returncode == 0, report and report.stderr
    assert "escalations" in json.loads(report.stdout)


def test_readers_get_in_between_batches_of_a_long_run(
        launcher: Launcher, reference: tuple[Path, Snapshot, float], tmp_path: Path) -> None:
    """The flow promises to release the lock at least every MAX_HOLD seconds so readers get in.
    With MAX_HOLD at 0.3 s a 3+ s run must let a polling reader see intermediate states."""
    corpus, ref, _ = reference
    seen, _ = _read_during_run(launcher, corpus, tmp_path / "wh.duckdb", tmp_path / "out.json", ref, 0.3,
                               with_report=False)
    assert len({n for n in seen if n < 40}) >= 2, f"readers only got in after the run: {seen}"
