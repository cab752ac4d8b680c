"""Helpers for the crash and concurrency tests: varied articles, a pre-warmed ingest launcher,
and the warehouse invariants every test checks.

Starting Python, spaCy and the matchers costs ~3 s per process, which would make 20+ kill
trials too slow. ``Launcher`` pays it once: a helper process warms up, then ``os.fork``s one
child per ingest run. Each child is a real, separate OS process running
``pipelines.flows.ingest_sources`` with its own DuckDB connections, so SIGKILLing it is the
same fault as killing ``concord ingest`` (test_crash also kills the real CLI once).
"""

from __future__ import annotations

import atexit
import json
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "examples" / "articles").glob("*.txt"))
CONCORD = str(Path(sys.executable).with_name("concord"))

_EXTRAS = (
    "See a GP if the pain lasts more than {n} weeks.",
    "Rest for {n} days and use ice for 20 minutes at a time.",
    "Call 999 if you lose control of your bladder or bowels.",
    "Most people feel better within {n} weeks without treatment.",
    "Stop lifting if you feel numbness or tingling in your legs.",
)


def alive(pid: int) -> bool:
    """True while the process exists (a zombie counts until it is reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def write_variants(folder: Path, copies: int = 8, max_chars: int = 2200) -> list[Path]:
    """``copies`` unique excerpts of each seed article (40 by default), each with its own
    inserted advice, so findings per article differ and no two texts hash alike."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1729)
    written = []
    for k in range(copies):
        for seed in SEEDS:
            paragraphs = [p for p in seed.read_text(encoding="utf-8").split("\n\n") if p.strip()]
            start = 1 + (k * 3) % max(1, len(paragraphs) - 4)
            body, size = [], 0
            for paragraph in paragraphs[start:]:
                if size > max_chars:
                    break
                body.append(paragraph)
                size += len(paragraph)
            extra = " ".join(rng.choice(_EXTRAS).format(n=rng.randint(2, 9)) for _ in range(1 + k % 3))
            # twice: text before a title + byline is dropped as site chrome, tails may be cut
            update = f"Reader update {k} on {seed.stem}: {extra}"
            body.insert(max(3, len(body) // 2), update)
            body.append(update)
            text = "\n\n".join([paragraphs[0], *body])
            path = folder / f"{seed.stem}-v{k}.txt"
            path.write_text(text + "\n", encoding="utf-8")
            written.append(path)
    return written


_SERVER = r"""
import json, os, sys, traceback
from pathlib import Path
from extractors.extract import warm_up
from pipelines.flows import ingest_sources
from pipelines.settings import Settings
warm_up()
print("ready", flush=True)
for line in sys.stdin:
    request = json.loads(line)
    if request["op"] == "wait":
        _, status = os.waitpid(request["pid"], 0)
        print(json.dumps({"pid": request["pid"], "status": status}), flush=True)
        continue
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            if request.get("max_hold") is not None:
                import pipelines.flows
                pipelines.flows._Writer.MAX_HOLD = request["max_hold"]
            settings = Settings(db=Path(request["db"]), batch_size=request["batch_size"],
                                lock_timeout=request["lock_timeout"])
            summary = ingest_sources(request["paths"], settings, use_prefect=False)
            Path(request["out"]).write_text(json.dumps(summary))
        except BaseException:
            traceback.print_exc()
            code = 1
        os._exit(code)
    print(json.dumps({"pid": pid}), flush=True)
"""


class Launcher:
    """A warmed-up process that forks ingest runs on request and reaps them when asked."""

    def __init__(self) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen([sys.executable, "-c", _SERVER], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, cwd=REPO, env=env)
        assert self._line(60) == "ready"

    def _line(self, timeout: float) -> str:
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            raise TimeoutError("ingest launcher did not answer")
        return self.proc.stdout.readline().strip()

    def _send(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return json.loads(self._line(120))

    def start(self, paths: list[str], db: Path, out: Path, batch_size: int = 2,
              lock_timeout: float = 60.0, max_hold: float | None = None) -> int:
        """Fork one ingest run; returns its pid (the summary lands in ``out`` on success).

        ``max_hold`` shortens how long the flow's writer may keep the lock while it is busy
        (``pipelines.flows._Writer.MAX_HOLD``), so short test runs exercise the release path.
        """
        return self._send({"op": "run", "paths": paths, "db": str(db), "out": str(out),
                           "batch_size": batch_size, "lock_timeout": lock_timeout,
                           "max_hold": max_hold})["pid"]

    def wait(self, pid: int) -> int:
        """Reap the run (so its pid is really gone) and return its raw wait status."""
        return self._send({"op": "wait", "pid": pid})["status"]

    def kill(self, pid: int) -> int:
        os.kill(pid, signal.SIGKILL)
        return self.wait(pid)

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            self.proc.wait(30)


@dataclass(frozen=True)
class Snapshot:
    """Per-article record counts and totals, read in one read-only connection."""

    per_article: dict[str, tuple[int, int, int, int]]  # article_id -> sections, findings, escalations, timings
    totals: dict[str, int]
    runs: list[dict[str, Any]]


_PER_ARTICLE = """
SELECT a.article_id,
       (SELECT count(*) FROM sections s WHERE s.article_id = a.article_id),
       (SELECT count(*) FROM findings f WHERE f.article_id = a.article_id),
       (SELECT count(*) FROM escalations e WHERE e.article_id = a.article_id),
       (SELECT count(*) FROM timings t WHERE t.article_id = a.article_id)
FROM articles a
"""


def snapshot(db: Path, lock_timeout: float = 60.0) -> Snapshot:
    """Read the warehouse the way an analyst would (read-only, waiting out a writer)."""
    from warehouse.store import Warehouse

    with Warehouse.open(db, read_only=True, lock_timeout=lock_timeout) as wh:
        con = wh.con
        per_article = {row[0]: tuple(row[1:]) for row in con.execute(_PER_ARTICLE).fetchall()}
        totals = {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                  for t in ("articles", "sections", "findings", "escalations", "timings", "quarantine")}
        totals["orphans"] = int(con.execute(
            "SELECT (SELECT count(*) FROM findings WHERE article_id NOT IN (SELECT article_id FROM articles))"
            " + (SELECT count(*) FROM escalations WHERE article_id NOT IN (SELECT article_id FROM articles))"
            " + (SELECT count(*) FROM timings WHERE article_id NOT IN (SELECT article_id FROM articles))"
            " + (SELECT count(*) FROM sections WHERE article_id NOT IN (SELECT article_id FROM articles))"
        ).fetchone()[0])
        totals["duplicate_sources"] = int(con.execute(
            "SELECT count(*) FROM (SELECT source FROM articles GROUP BY source HAVING count(*) > 1)"
        ).fetchone()[0])
        runs = wh.rows("SELECT run_id, status, pid, host, ingested, unchanged, quarantined, findings,"
                       " escalations, timings, batches, message FROM ingest_runs ORDER BY started_at")
    return Snapshot(per_article, totals, runs)


def assert_consistent(snap: Snapshot, reference: Snapshot) -> None:
    """Every stored article has exactly the records the reference run stored for it, nothing
    is orphaned or duplicated, and the runs' counters add up to the rows that exist."""
    unknown = set(snap.per_article) - set(reference.per_article)
    assert not unknown, f"articles the reference run never stored: {sorted(unknown)[:3]}"
    partial = {a: (got, reference.per_article[a]) for a, got in snap.per_article.items()
               if got != reference.per_article[a]}
    assert not partial, f"articles with partial records (got, want): {list(partial.items())[:3]}"
    assert snap.totals["orphans"] == 0 and snap.totals["duplicate_sources"] == 0, snap.totals
    for key, table in (("ingested", "articles"), ("findings", "findings"),
                       ("escalations", "escalations"), ("timings", "timings")):
        assert sum(r[key] for r in snap.runs) == snap.totals[table], (key, snap.runs)


def wait_for(predicate: Any, timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


_SHARED: dict[str, Any] = {}


def shared_launcher() -> Launcher:
    """One warmed launcher per test session (the crash and concurrency tests both use it)."""
    launcher = _SHARED.get("launcher")
    if launcher is None or launcher.proc.poll() is not None:
        launcher = _SHARED["launcher"] = Launcher()
        atexit.register(launcher.close)
    return launcher


def shared_reference(batch_size: int = 4) -> tuple[Path, Snapshot, float]:
    """(corpus of 40 variants, snapshot of one uninterrupted run over it, its duration in s)."""
    if "reference" not in _SHARED:
        root = Path(tempfile.mkdtemp(prefix="concord-reliability-"))
        atexit.register(shutil.rmtree, root, True)
        corpus = root / "corpus"
        write_variants(corpus)
        launcher = shared_launcher()
        started = time.monotonic()
        pid = launcher.start([str(corpus)], root / "ref.duckdb", root / "ref.json", batch_size=batch_size)
        assert launcher.wait(pid) == 0, "the reference ingest run failed"
        duration = time.monotonic() - started
        summary = json.loads((root / "ref.json").read_text())
        assert summary["status"] == "succeeded" and summary["ingested"] == 40, summary
        _SHARED["reference"] = (corpus, snapshot(root / "ref.duckdb"), duration)
    return _SHARED["reference"]
