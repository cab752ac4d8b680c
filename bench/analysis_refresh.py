"""End-of-ingest analysis refresh (topics, reference sources): incremental against full, on the
same warehouse in the same run.

    .venv/bin/python bench/analysis_refresh.py --n 5000 --more 1000 --work /tmp/concord-bench

Ingests N articles of the ``bench/ingest.py`` corpus (plain loop, no Prefect), then MORE new
ones, and prints the analysis seconds each ingest's summary reports, then times a refresh with
nothing changed, a full one and an incremental one again on the resulting warehouse.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import CORPORA, MAX_PART, build_corpus  # noqa: E402

from pipelines.editorial import load_editorial  # noqa: E402
from pipelines.flows import ingest_sources  # noqa: E402
from pipelines.settings import Settings  # noqa: E402
from reports.analysis import refresh_analysis  # noqa: E402
from warehouse.store import Warehouse  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--more", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="concord-refresh-"))
    size = MAX_PART if args.n % MAX_PART == 0 and args.more % MAX_PART == 0 else 1
    if size == 1:
        raise SystemExit("--n and --more must be multiples of 1000")
    parts = build_corpus(work / f"corpus-{size}", args.n + args.more, CORPORA, size)
    db = work / "refresh.duckdb"
    for path in (db, Path(f"{db}.wal")):
        path.unlink(missing_ok=True)
    settings = Settings.from_env(db=db, runner="thread", cache=False)
    first = ingest_sources(parts[: args.n // size], settings, use_prefect=False)
    print(f"ingest {first['ingested']:,} articles: analysis {first['stage_seconds']['analysis']:.2f} s (full: first refresh)")
    second = ingest_sources(parts[args.n // size:], settings, use_prefect=False)
    print(f"ingest {second['ingested']:,} more: analysis {second['stage_seconds']['analysis']:.2f} s (incremental)")
    with Warehouse.open(db) as wh:
        editorial = load_editorial(None)
        for label, full in (("nothing changed", False), ("full", True), ("nothing changed", False)):
            started = time.perf_counter()
            count = refresh_analysis(wh, editorial, full=full)
            print(f"refresh, {label}: {count:,} articles in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
