"""The Prefect ``ingest`` flow: one task run per batch of documents, one writer, one
transaction per batch.

Extraction happens in tasks (``extract_batch``); only the flow process opens the warehouse, for
each batch in turn, so readers can get in between batches and a crash loses at most the batch
in flight (which the next run loads again: nothing is duplicated, because articles are keyed
by content hash).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from prefect import flow, task, unmapped
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from extractors.extract import get_concept_matcher, warm_up
from pipelines import progress
from pipelines.discovery import discover
from pipelines.processing import BatchOutput, process_sources, rules_version
from pipelines.settings import Settings
from warehouse.store import Warehouse

CONCORD_VERSION = "0.1.0"


def chunk(items: Sequence[str], size: int) -> list[list[str]]:
    size = max(1, size)
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


@task(name="extract-batch", cache_policy=NO_CACHE, task_run_name="extract-batch-{index}")
def extract_batch(sources: list[str], max_bytes: int, index: int = 0) -> BatchOutput:
    """Read, parse and extract one batch (pure work; no warehouse access here)."""
    return process_sources(sources, max_bytes)


def ingest_sources(paths: Sequence[str], settings: Settings, use_prefect: bool = True) -> dict[str, Any]:
    """Discover, extract and load; returns the run summary. Shared by the flow and benchmarks."""
    sources, missing = discover(paths)
    warm_up()
    with Warehouse.open(settings.db, lock_timeout=settings.lock_timeout) as wh:
        wh.refresh_concepts(get_concept_matcher().vocabulary)
        run_id = wh.start_run(len(sources) + len(missing), rules_version(), CONCORD_VERSION)
        if missing:
            wh.load_batch(run_id, [], missing)
    batches = chunk(sources, settings.batch_size)
    if use_prefect:
        futures = extract_batch.map(batches, unmapped(settings.max_file_bytes), list(range(len(batches))))
        outputs = (future.result() for future in futures)
    else:
        outputs = (process_sources(batch, settings.max_file_bytes) for batch in batches)
    ingested = unchanged = 0
    quarantined: list[dict[str, str]] = [
        {"source": q.source, "stage": q.stage, "reason": q.reason} for q in missing]
    total = len(sources)
    status = "failed"
    try:
        for batch, output in zip(batches, outputs):
            with Warehouse.open(settings.db, lock_timeout=settings.lock_timeout) as wh:
                result = wh.load_batch(run_id, output.extractions, output.quarantined)
            ingested += len(result.ingested)
            unchanged += len(result.unchanged)
            quarantined += [{"source": q.source, "stage": q.stage, "reason": q.reason}
                            for q in result.quarantined]
            progress.advance(len(batch), total)
        status = "partial" if quarantined else "succeeded"
    finally:
        with Warehouse.open(settings.db, lock_timeout=settings.lock_timeout) as wh:
            run = wh.finish_run(run_id, status)
    return {
        "run_id": run_id,
        "db": str(Path(settings.db)),
        "status": status,
        "inputs": total + len(missing),
        "ingested": ingested,
        "unchanged": unchanged,
        "quarantined": quarantined,
        "findings": int(run["findings"]),
        "escalations": int(run["escalations"]),
        "timings": int(run["timings"]),
    }


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=1), log_prints=False)
def ingest(paths: list[str], db: str = "concord.duckdb", batch_size: int = 50,
           lock_timeout: float = 30.0) -> dict[str, Any]:
    """Ingest files, directories and globs into the warehouse at ``db``."""
    settings = Settings.from_env(db=Path(db), batch_size=batch_size, lock_timeout=lock_timeout)
    return ingest_sources(paths, settings)
