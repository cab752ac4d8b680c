"""The Prefect ``ingest`` flow: one task run per batch of documents, one writer, one
transaction per batch.

Extraction happens in tasks (``extract_batch``), on a worker thread by default or on Dask worker
processes (``runner="dask"``); only the flow process opens the warehouse, for each batch in
turn, so readers can get in between batches and a crash loses at most the batch in flight (which
the next run loads again: nothing is duplicated, because articles are keyed by content hash).
At most a few batches are in flight at once, so memory stays flat however large the corpus.
"""

from __future__ import annotations

import itertools
import logging
import os
import re
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from extractors.errors import ConcordError, FetchError, UsageError
from extractors.extract import checked_vocabulary, get_concept_matcher, warm_up
from pipelines import progress
from pipelines.batch import BatchStats, BatchWork, code_version, process_batch
from pipelines.discovery import discover
from pipelines.fetch import Fetcher, FetchPolicy, FetchResult
from pipelines.processing import BatchOutput, extract_or_quarantine, rules_version
from pipelines.remote import expand, fetch_documents, is_url, policy_for
from warehouse.fetchstate import load_validators, store_fetch_states
from warehouse.quality import (failed, failure_message, merge_results, record_results, row_marks, run_row_checks,
                               run_table_checks)
from pipelines.settings import RUNNERS, THREAD_BATCH, Settings
from warehouse.schema import AUTO_MEMORY, FINISH_MEMORY
from warehouse.store import Warehouse

CONCORD_VERSION = "0.1.0"
# Failures worth another attempt: the server or the network, not the page or our policy.
_TRANSIENT = re.compile(r"^(HTTP (429|5\d\d)|network error|timed out)")


def chunk(items: Sequence[str], size: int) -> list[list[str]]:
    size = max(1, size)
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


@task(name="extract-batch", cache_policy=NO_CACHE, task_run_name="extract-batch-{index}")
def extract_batch(sources: list[str], max_bytes: int, index: int = 0, cache_dir: str | None = None,
                  version: str | None = None) -> BatchWork:
    """Read, parse and extract one batch, and build its warehouse rows (pure work; no
    warehouse access here)."""
    return process_batch(sources, max_bytes, cache_dir, version).prepare()


# -- fetching: the only tasks that retry, because only network I/O fails transiently ------------

def _is_transient(task: Any, task_run: Any, state: Any) -> bool:
    exc = state.data if isinstance(state.data, BaseException) else None
    if exc is None:
        try:
            exc = state.result(raise_on_failure=False)
        except Exception:
            return False
    return isinstance(exc, FetchError) and bool(_TRANSIENT.match(str(exc)))


def fetch_policy(rate_limit: float | None = None, **overrides: Any) -> FetchPolicy:
    """A policy whose own retries are off (the task retries) and whose pace is ``rate_limit``/s."""
    if rate_limit:
        overrides.setdefault("per_host_interval", 1.0 / rate_limit)
    return FetchPolicy(retries=0, **overrides)


@lru_cache(maxsize=8)
def _fetcher(policy: FetchPolicy) -> Fetcher:
    """One fetcher per policy and process, so per-host pacing holds across task runs."""
    return Fetcher(policy)


@task(name="fetch-url", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 10],
      retry_condition_fn=_is_transient, task_run_name="fetch-{url}")
def fetch_url(url: str, policy: FetchPolicy) -> FetchResult:
    """GET one URL; a 5xx/429/network failure is retried by Prefect, anything else fails now."""
    return _fetcher(policy).fetch(url)


# -- the ingest run ---------------------------------------------------------------------------

Submit = Callable[[dict[str, Any]], Any]


@contextmanager
def _executor(settings: Settings, use_prefect: bool) -> Iterator[tuple[Submit, int]]:
    """(submit(parameters) → future-like, how many task slots run batches at once)."""
    if not use_prefect:
        yield (lambda params: _Done(extract_batch.fn(**params))), 1
        return
    if settings.runner == "thread":
        yield (lambda params: extract_batch.submit(**params)), 1
        return
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")  # read by spawned workers
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:
        raise UsageError("--runner dask needs prefect-dask: pip install 'prefect-dask>=0.3.7,<0.4'") from None
    if settings.dask_address:
        runner = DaskTaskRunner(address=settings.dask_address)
    else:
        logging.getLogger("distributed").setLevel(logging.WARNING)  # one line per worker event otherwise
        runner = DaskTaskRunner(cluster_kwargs={
            "n_workers": settings.dask_workers, "threads_per_worker": 1, "processes": True,
            "dashboard_address": None, "env": _worker_env(), "preload": ["pipelines.dask_preload"]})
    with runner:
        slots = sum(runner.client.nthreads().values()) or settings.dask_workers
        yield (lambda params: runner.submit(extract_batch, params)), slots


def _worker_env() -> dict[str, str]:
    """Point local workers at the API this flow uses: without it each worker process would start
    its own temporary Prefect server (slow, and they contend for one SQLite file)."""
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        api_url = str(client.api_url)
    return {"PREFECT_API_URL": api_url, "DASK_LOGGING__DISTRIBUTED": "warning",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


class _Done:
    """A finished 'future' for the plain loop, so both paths share the consuming code."""

    def __init__(self, value: BatchWork) -> None:
        self.value = value

    def result(self) -> BatchWork:
        return self.value


def _batches(sources: list[str], settings: Settings, use_prefect: bool, version: str,
             shape: dict[str, Any], start: Callable[[], None]) -> Iterator[tuple[list[str], Any]]:
    """(batch, its future) in input order, with at most two batches per task slot submitted
    ahead, so memory stays flat; the batch sizes are chosen once the slots are known (and
    reported in ``shape``). ``start`` runs before the first batch is handed out: after the
    first submissions on Dask (whose workers have their own rules), before them otherwise
    (the thread runner's worker shares this process's matchers)."""
    if not sources:
        return
    cache_dir = str(settings.cache_dir) if settings.cache else None
    early = use_prefect and settings.runner == "dask"
    if not early:
        start()
    with _executor(settings, use_prefect) as (submit, slots):
        sizes = settings.batch_sizes(len(sources), slots)
        shape.update(batch_size=sizes[0], batches=len(sizes), slots=slots)
        window = 2 * slots if use_prefect else 1
        pending: deque[tuple[list[str], Any]] = deque()
        for index, batch in enumerate(_cut(sources, sizes)):
            shape.setdefault("first_submit", time.perf_counter())
            pending.append((batch, submit({"sources": batch, "max_bytes": settings.max_file_bytes,
                                           "index": index, "cache_dir": cache_dir, "version": version})))
            if len(pending) >= window:
                if early:
                    start()
                    early = False
                yield pending.popleft()
        if early:
            start()
        while pending:
            yield pending.popleft()


def _cut(items: Sequence[str], sizes: Sequence[int]) -> Iterator[list[str]]:
    start = 0
    for size in sizes:
        yield list(items[start:start + size])
        start += size


class _Writer:
    """The flow's single warehouse connection, reopened at least every ``MAX_HOLD`` seconds.

    Each batch is still its own transaction. Opening a writer migrates and recreates the views
    (~0.4 s), which cost as much as loading a 50-document batch when done per batch, so the
    connection is kept between batches and released periodically so that readers and other
    writers waiting on the lock (they retry for ``lock_timeout``) can get in.
    """

    MAX_HOLD = 10.0
    RELEASE_PAUSE = 0.5  # long enough for a reader polling the lock (every 0.2 s) to get in

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.memory_limit = settings.duckdb_memory
        self.wh: Warehouse | None = None
        self.since = 0.0
        self.opens = 0

    def get(self) -> Warehouse:
        if self.wh is not None and time.monotonic() - self.since > self.MAX_HOLD:
            self.close()
            time.sleep(self.RELEASE_PAUSE)
        if self.wh is None:
            self.wh = Warehouse.open(self.settings.db, lock_timeout=self.settings.lock_timeout,
                                     memory_limit=self.memory_limit, vacuum=False)
            self.since = time.monotonic()
            self.opens += 1
        return self.wh

    def close(self) -> None:
        if self.wh is not None:
            self.wh.close()
            self.wh = None


def ingest_sources(paths: Sequence[str], settings: Settings, use_prefect: bool = True) -> dict[str, Any]:
    """Discover, extract and load; returns the run summary. Shared by the flow and benchmarks."""
    if settings.runner not in RUNNERS:
        raise UsageError(f"unknown runner {settings.runner!r}; use one of {', '.join(RUNNERS)}")
    wall, epoch = time.perf_counter(), time.time()
    found, missing = discover(paths)
    policy = policy_for(settings.allow_private, settings.max_file_bytes, settings.rate_limit)
    urls, feed_failures = expand([s for s in found if is_url(s)], policy)
    missing = list(missing) + feed_failures
    sources = [s for s in found if not is_url(s)]
    version = code_version()
    writer = _Writer(settings)
    opened: dict[str, Any] = {}
    remote_extraction = use_prefect and settings.runner == "dask" and not urls  # URLs extract here

    def open_run() -> None:
        """Rules, warehouse and run record. With Dask this runs once the first batches are
        submitted, so the workers extract while the flow process opens (and if need be waits
        for) the warehouse and records the run; broken rules then fail the workers' first batch
        (``extract_or_quarantine`` lets a RuleError through), and so the run."""
        if remote_extraction:
            # Dask workers build (and check) every rule matcher at start-up (pipelines.dask_preload);
            # building them here too would only take ~1 s of CPU from workers on the same machine.
            vocabulary = checked_vocabulary()
        else:
            warm_up()  # rule errors surface here, before anything is stored
            vocabulary = get_concept_matcher().vocabulary
        wh = writer.get()
        wh.refresh_concepts(vocabulary)
        opened["run_id"] = wh.start_run(len(sources) + len(urls) + len(missing), rules_version(),
                                        CONCORD_VERSION)
        if missing:
            wh.load_batch(opened["run_id"], [], missing)
        opened["row_checks"] = _RowChecks(writer)
        opened["setup"] = time.perf_counter() - wall

    shape: dict[str, Any] = {}
    feed = _batches(sources, settings, use_prefect, version, shape, open_run)
    try:
        first = next(feed, None)  # submits the first batches and calls open_run
        if "run_id" not in opened:  # no local sources: nothing was submitted
            open_run()
    except BaseException:
        writer.close()
        raise
    run_id, row_checks, setup = opened["run_id"], opened["row_checks"], opened["setup"]
    ingested = unchanged = 0
    quarantined: list[dict[str, str]] = [
        {"source": q.source, "stage": q.stage, "reason": q.reason} for q in missing]
    total = len(sources) + len(urls)
    stats = BatchStats()
    checks: list[Any] = []
    load = 0.0
    finish = {"checks": 0.0, "analysis": 0.0}
    first_result: float | None = None
    status = "failed"
    try:
        for batch, future in itertools.chain([first] if first else [], feed):
            work = future.result()
            del future
            if first_result is None:
                first_result = time.perf_counter() - wall
            stats.add(work.stats)
            started = time.perf_counter()
            if work.prepared is None:  # every batch comes through extract_batch, which prepares
                raise RuntimeError(f"batch of {len(batch)} came back without its warehouse tables")
            result = writer.get().load_prepared(run_id, work.prepared, work.output.quarantined)
            load += time.perf_counter() - started
            ingested += len(result.ingested)
            unchanged += len(result.unchanged)
            quarantined += [{"source": q.source, "stage": q.stage, "reason": q.reason}
                            for q in result.quarantined]
            row_checks.add(result.article_ids)
            progress.advance(len(batch), total)
            del work  # let the batch's documents go before the next one arrives
        for batch in chunk(urls, settings.batch_size or THREAD_BATCH):
            fetched = _fetch_batch(writer.get(), batch, policy)
            result = writer.get().load_batch(run_id, fetched[0], fetched[1].quarantined)
            writer.get().add_unchanged(run_id, len(fetched[1].not_modified))
            store_fetch_states(writer.get(), fetched[1].states)
            ingested += len(result.ingested)
            row_checks.add(result.article_ids)
            unchanged += len(result.unchanged) + len(fetched[1].not_modified)
            quarantined += [{"source": q.source, "stage": q.stage, "reason": q.reason}
                            for q in result.quarantined]
            progress.advance(len(batch), total)
        status = "partial" if quarantined else "succeeded"
    finally:
        try:
            problem = None
            if status != "failed":
                # A fresh connection for the whole-warehouse checks and the analysis refresh:
                # the loads left the key indexes in memory (47 MB at 50,000 articles), which
                # reads do not need, and they would otherwise add to this phase's peak; with the
                # default cap it is a smaller one (warehouse.schema.FINISH_MEMORY).
                writer.close()
                if writer.memory_limit == AUTO_MEMORY:
                    writer.memory_limit = FINISH_MEMORY
                started = time.perf_counter() - row_checks.seconds
                checks = row_checks.finish()
                record_results(writer.get(), run_id, checks)
                finish["checks"] = time.perf_counter() - started
                problem = failure_message(checks)
                if problem:
                    status = "failed"
                else:
                    started = time.perf_counter()
                    problem = _refresh_analysis(writer.get())
                    finish["analysis"] = time.perf_counter() - started
            run = writer.get().finish_run(run_id, status, problem)
        finally:
            writer.close()
    return {
        "run_id": run_id,
        "db": str(Path(settings.db)),
        "status": status,
        "message": problem,
        "inputs": total + len(missing),
        "ingested": ingested,
        "unchanged": unchanged,
        "quarantined": quarantined,
        "findings": int(run["findings"]),
        "escalations": int(run["escalations"]),
        "timings": int(run["timings"]),
        "runner": settings.runner if use_prefect else "none",
        "batch_size": shape.get("batch_size"),
        "batches": shape.get("batches", 0),
        "chars": stats.chars,
        "cache": {"hits": stats.hits, "misses": stats.misses},
        "warehouse_opens": writer.opens,
        "quality": {"checks": len(checks), "failed": [r.to_dict() for r in failed(checks)]},
        # Stage seconds are summed over workers; "wall" is the elapsed time of the whole run.
        "stage_seconds": {"setup": round(setup, 3), "read": round(stats.read, 3),
                          "parse": round(stats.parse, 3), "extract": round(stats.extract, 3),
                          "cache": round(stats.cache, 3), "prepare": round(stats.prepare, 3),
                          "load": round(load, 3),
                          "checks": round(finish["checks"], 3), "analysis": round(finish["analysis"], 3),
                          "first_submit": round(shape["first_submit"] - wall, 3) if "first_submit" in shape else 0.0,
                          "first_result": round(first_result or 0.0, 3),
                          "first_task_start": round(max(0.0, stats.began - epoch), 3) if stats.began else 0.0,
                          "last_task_end": round(max(0.0, stats.ended - epoch), 3) if stats.ended else 0.0,
                          "wall": round(time.perf_counter() - wall, 3)},
    }


def _refresh_analysis(wh: Warehouse) -> str | None:
    """Topics, reference sources and advice pairs, so v_contradictions and the other analyst
    views are current right after an ingest, not only after the next report. A broken
    concord-editorial.toml is reported on the run (its message) instead of losing the run."""
    from pipelines.editorial import load_editorial
    from reports.analysis import refresh_analysis

    try:
        refresh_analysis(wh, load_editorial(None))
    except ConcordError as exc:
        return f"analysis views not refreshed: {exc}"
    return None


class _RowChecks:
    """Row-level data-quality checks over what this run loaded, CHECK_EVERY articles at a time
    (so their memory and time stay flat however large the run or the warehouse), then the
    whole-warehouse checks once at the end; merged into one result per check."""

    CHECK_EVERY = 2000

    def __init__(self, writer: _Writer) -> None:
        self.writer = writer
        self.pending: list[str] = []
        self.parts: list[list[Any]] = []
        self.since = row_marks(writer.get())  # where the next articles' rows will start
        self.start = dict(self.since)  # where this run's rows start, for the table checks
        self.seconds = 0.0  # spent in the checks run between batches

    def add(self, article_ids: list[str]) -> None:
        self.pending += article_ids
        if len(self.pending) >= self.CHECK_EVERY:
            self._flush()

    def _flush(self) -> None:
        started = time.perf_counter()
        self.parts.append(run_row_checks(self.writer.get(), self.pending, self.since))
        self.pending = []
        self.since = row_marks(self.writer.get())
        self.seconds += time.perf_counter() - started

    def finish(self) -> list[Any]:
        self._flush()
        return merge_results([*self.parts, run_table_checks(self.writer.get(), self.start)])


def _fetch_batch(wh: Warehouse, urls: list[str], policy: FetchPolicy) -> tuple[list[Any], Any]:
    """Fetch (conditional GET with stored validators), parse and extract one batch of URLs."""
    fetched = fetch_documents(urls, policy, load_validators(wh, urls))
    out = BatchOutput(quarantined=fetched.quarantined)
    extractions = [x for x in (extract_or_quarantine(d, out) for d in fetched.documents) if x is not None]
    fetched.quarantined = out.quarantined
    return extractions, fetched


def _publish_artifact(summary: dict[str, Any]) -> None:
    """A short run summary in the Prefect UI (Artifacts tab of the flow run)."""
    from prefect.artifacts import create_markdown_artifact

    failed_checks = ", ".join(c["name"] for c in summary["quality"]["failed"]) or "none"
    lines = ["| | |", "|---|---|"] + [f"| {k} | {summary[k]} |" for k in
                                      ("status", "inputs", "ingested", "unchanged", "findings",
                                       "escalations", "timings")]
    lines.append(f"| quarantined | {len(summary['quarantined'])} |")
    lines.append(f"| failed data-quality checks | {failed_checks} |")
    for q in summary["quarantined"][:20]:
        lines.append(f"| quarantined: {q['source']} | {q['reason']} |")
    create_markdown_artifact(key="concord-ingest-summary", markdown="\n".join(lines),
                             description=f"Concord ingest run {summary['run_id']}")


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=1), log_prints=False)
def ingest(paths: list[str], db: str = "concord.duckdb", batch_size: int | None = None,
           lock_timeout: float = 30.0, runner: str | None = None, dask_address: str | None = None,
           cache: bool | None = None, allow_private: bool = False,
           rate_limit: float | None = None) -> dict[str, Any]:
    """Ingest files, directories and globs into the warehouse at ``db``.

    ``batch_size``/``runner``/``dask_address``/``cache`` default to ``$CONCORD_BATCH_SIZE``,
    ``$CONCORD_RUNNER``, ``$CONCORD_DASK_ADDRESS`` and ``$CONCORD_CACHE`` (then 50, "thread",
    none, on).
    """
    settings = Settings.from_env(db=Path(db), batch_size=batch_size, lock_timeout=lock_timeout,
                                 runner=runner, dask_address=dask_address, cache=cache,
                                 rate_limit=rate_limit)
    if dask_address and runner is None:
        settings = replace(settings, runner="dask")
    if allow_private:
        settings = replace(settings, allow_private=True)
    summary = ingest_sources(paths, settings)
    _publish_artifact(summary)
    return summary
