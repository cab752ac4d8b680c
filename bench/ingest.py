"""Ingest benchmark: throughput, Prefect overhead, Dask scaling, memory and the extraction cache.

    .venv/bin/python bench/ingest.py                       # 5,000 articles; memory at 20,000
    .venv/bin/python bench/ingest.py --n 1000 --memory-n 0 # quick look

The corpus is built from the real pages in ../shared/corpora (FakeHealth news JSON, NHS and
Healthline Markdown, MedQuAD XML). To reach N unique documents each page is repeated with one
deterministic change: copy k > 0 gets a closing paragraph naming its copy number, so every
document has its own content hash and is really parsed, extracted and stored. Document i is page
i mod P (copy i div P), so any prefix of the corpus has the same mix of formats.

Every measurement runs in a fresh process (clean peak RSS, cold caches in the same way) against
one Prefect server started here, as a deployment would use one; the server's own start-up is
reported separately. The Dask scaling runs use a standing cluster (``dask scheduler`` and
``dask worker --preload pipelines.dask_preload``, started before and stopped after them, its
start-up reported apart) as ``--dask-address`` would; one more run shows what ``--runner dask``
costs when it starts its own LocalCluster. Peak RSS is the flow process's (which holds the
worker thread for the default runner) and the largest child's (LocalCluster workers; a standing
cluster's workers are not children of the run).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
SOURCES = (("fakehealth", "**/*.json"), ("nhs", "*.md"), ("healthline", "*.md"), ("medquad", "**/*.xml"))
MAX_PART = 1000  # documents per corpus sub-directory (at most)


# -- corpus --------------------------------------------------------------------------------------

def base_pages(corpora: Path) -> list[Path]:
    """Every page, interleaved by source in proportion, so any prefix has the same mix."""
    groups = [sorted((corpora / name).glob(pattern)) for name, pattern in SOURCES]
    ranked = [((i + 0.5) / len(group), g, page) for g, group in enumerate(groups)
              for i, page in enumerate(group)]
    if not ranked:
        raise SystemExit(f"no pages under {corpora}; this benchmark needs ../shared/corpora")
    return [page for _, _, page in sorted(ranked)]


def variant(page: Path, copy: int) -> bytes:
    """Copy 0 is the page itself; copy k adds one closing paragraph in the page's own format."""
    data = page.read_bytes()
    if copy == 0:
        return data
    note = f"This is copy {copy} of this article in the Concord load-test corpus."
    if page.suffix == ".json":
        record = json.loads(data)
        record["text"] = f"{record.get('text', '')}\n\n{note}"
        return json.dumps(record).encode()
    if page.suffix == ".xml":
        head, sep, tail = data.rpartition(b"</Answer>")
        return head + f"\n{note}".encode() + sep + tail if sep else data
    return data.rstrip() + f"\n\n{note}\n".encode()


def build_corpus(root: Path, n: int, corpora: Path, size: int) -> list[str]:
    """Write n documents under root/part-NNN/ of ``size`` each (reused if there); the part dirs."""
    pages = base_pages(corpora)
    for i in range(n):
        part = root / f"part-{i // size:03d}"
        page = pages[i % len(pages)]
        target = part / f"{i:06d}-{page.name}"
        if not target.exists():
            part.mkdir(parents=True, exist_ok=True)
            target.write_bytes(variant(page, i // len(pages)))
    return [str(root / f"part-{k:03d}") for k in range((n + size - 1) // size)]


# -- one measurement (child process) --------------------------------------------------------------

def run_one(args: argparse.Namespace) -> None:
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from pipelines.flows import ingest, ingest_sources
    from pipelines.settings import Settings

    paths = json.loads(args.paths)
    started = time.perf_counter()
    if args.runner == "none":
        summary = ingest_sources(paths, Settings.from_env(db=Path(args.db), runner="thread",
                                                          cache=args.cache), use_prefect=False)
    else:
        summary = ingest(paths=paths, db=args.db, runner=args.runner, cache=args.cache)
    seconds = time.perf_counter() - started
    quarantined = len(summary.pop("quarantined"))
    print(json.dumps({**summary, "quarantined": quarantined, "seconds": seconds,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "child_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))


# -- the machine's own parallel ceiling ----------------------------------------------------------

def _ceiling_init() -> None:
    sys.path.insert(0, str(REPO))
    from extractors.extract import warm_up

    warm_up()


def _ceiling_job(batch: list[str]) -> int:
    from pipelines.batch import process_batch

    return len(process_batch(batch, 20_000_000).output.extractions)


def parallel_ceiling(paths: list[str], batch: int = 100) -> dict[int, float]:
    """Seconds to read, parse and extract ``paths`` in 1 and in 2 plain worker processes: the same
    functions as an ingest task, without Prefect, Dask or DuckDB, so 2-vs-1 here is what the
    machine allows and the Dask ratio can be read against it."""
    from concurrent.futures import ProcessPoolExecutor

    files = sorted(str(f) for p in paths for f in Path(p).iterdir())
    batches = [files[i:i + batch] for i in range(0, len(files), batch)]
    seconds = {}
    for workers in (1, 2):
        with ProcessPoolExecutor(workers, initializer=_ceiling_init) as pool:
            list(pool.map(_ceiling_job, [[]] * workers))  # every worker warm before timing
            started = time.perf_counter()
            done = sum(pool.map(_ceiling_job, batches))
            seconds[workers] = time.perf_counter() - started
        print(f"ceiling: {workers} plain process(es) {done:,} docs {seconds[workers]:7.1f}s "
              f"{done / seconds[workers]:7.1f} art/s", flush=True)
    return seconds


# -- the orchestrator ------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(home: Path) -> tuple[subprocess.Popen[bytes], str, float]:
    import httpx

    port = free_port()
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{home / 'server.db'}"}
    env.pop("PREFECT_API_URL", None)
    started = time.perf_counter()
    proc = subprocess.Popen([str(Path(sys.executable).with_name("prefect")), "server", "start",
                             "--host", "127.0.0.1", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"
    while time.perf_counter() - started < 120:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return proc, url, time.perf_counter() - started
        except httpx.HTTPError:
            time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGKILL)
    raise SystemExit("prefect server did not start within 120 s")


class StandingCluster:
    """``dask scheduler`` + ``dask worker --nworkers N`` started before the measured runs, the way a
    deployment points ``--dask-address`` at a cluster that is already up: the runs then measure
    ingestion, and the cluster's start-up (process spawn, imports, rule warm-up) is reported
    apart, like the Prefect server's."""

    def __init__(self, workers: int, env: dict[str, str]) -> None:
        from distributed import Client

        dask = str(Path(sys.executable).with_name("dask"))
        port = free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        started = time.perf_counter()
        quiet = {**env, "DASK_LOGGING__DISTRIBUTED": "warning"}
        self.procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                        "--no-dashboard", "--preload", "pipelines.dask_preload"], env=quiet, cwd=REPO, start_new_session=True,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
        self.procs.append(subprocess.Popen(
            [dask, "worker", self.address, "--nworkers", str(workers), "--nthreads", "1",
             "--no-dashboard", "--preload", "pipelines.dask_preload"],
            env=quiet, cwd=REPO, start_new_session=True, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL))
        try:
            with Client(self.address, timeout=60) as client:
                client.wait_for_workers(workers, timeout=120)
        except Exception:
            self.close()
            raise
        self.seconds = time.perf_counter() - started

    def close(self) -> None:
        for proc in reversed(self.procs):
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(proc.pid, signal.SIGKILL)


def measure(label: str, paths: list[str], db: Path, runner: str, env: dict[str, str],
            cache: bool = True, workers: int = 2, address: str | None = None) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "_one", "--paths", json.dumps(paths), "--db", str(db),
           "--runner", runner, "--cache" if cache else "--no-cache"]
    env = {**env, "CONCORD_DASK_WORKERS": str(workers)}
    if address:
        env["CONCORD_DASK_ADDRESS"] = address
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=REPO)
    if proc.returncode != 0:
        raise SystemExit(f"{label} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["label"] = label
    stages = result["stage_seconds"]
    print(f"{label:<28} {result['inputs']:>7,} docs {result['seconds']:7.1f}s "
          f"{result['inputs'] / result['seconds']:7.1f} art/s {result['chars'] / result['seconds']:>9,.0f} chars/s "
          f"rss {result['rss_mb']:6.0f} MB (child {result['child_rss_mb']:4.0f}) | "
          + " ".join(f"{k} {v:.1f}" for k, v in stages.items() if k != "wall")
          + f" | cache {result['cache']['hits']}/{result['cache']['hits'] + result['cache']['misses']}"
          + f" | batch {result.get('batch_size')}",
          flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=5000, help="articles for throughput/overhead/scaling")
    parser.add_argument("--memory-n", type=int, default=20000, help="larger run for the memory check (0: skip)")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--work", type=Path, default=None, help="keep corpus and warehouses here")
    parser.add_argument("--json", type=Path, default=None, help="also write all results here")
    parser.add_argument("--batch-size", type=int, default=None,
                        help="documents per task run in every configuration (default: Concord's, 50)")
    parser.add_argument("--memory-only", action="store_true",
                        help="only the two thread-runner runs the memory check compares (N and --memory-n)")
    parser.add_argument("--scaling-only", action="store_true",
                        help="only the 2-vs-1 comparisons: plain processes (the ceiling) and Dask x1/x2")
    parser.add_argument("--repeat", type=int, default=1,
                        help="scaling rounds (ceiling, Dask x1, Dask x2 in turn, fresh warehouses each); the "
                             "verdict is the median ratio, because one round on a shared VM swings by 20%%+")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="concord-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    largest = max(args.n, args.memory_n)
    started = time.perf_counter()
    size = min(MAX_PART, math.gcd(args.n, args.memory_n or args.n))  # so n is a whole number of parts
    corpus = work / f"corpus-{size}"
    parts = build_corpus(corpus, largest, args.corpora, size)
    print(f"corpus: {largest:,} documents under {corpus} ({time.perf_counter() - started:.0f}s to build)")
    small = parts[: args.n // size]
    server, url, boot = start_server(work / "prefect-home")
    print(f"prefect server up in {boot:.1f}s at {url}; {os.cpu_count()} CPUs")
    env = {**os.environ, "PREFECT_API_URL": url, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_LOGGING_LEVEL": "WARNING"}
    if args.batch_size:
        env["CONCORD_BATCH_SIZE"] = str(args.batch_size)
        print(f"batch size {args.batch_size} in every configuration")
    dbs = work / "warehouses"
    shutil.rmtree(dbs, ignore_errors=True)
    dbs.mkdir()
    results = []
    try:
        n = args.n
        if not (args.memory_only or args.scaling_only):
            results.append(measure(f"plain loop {n}", small, dbs / "plain.duckdb", "none", env, cache=False))
        if not args.scaling_only:
            results.append(measure(f"prefect thread {n}", small, dbs / "thread.duckdb", "thread", env, cache=False))
        if not args.memory_only:
            for index in range(max(1, args.repeat)):
                suffix = f" #{index + 1}" if index else ""
                ceiling = parallel_ceiling(small)
                results.append({"label": "ceiling" + suffix, "seconds_1": ceiling[1], "seconds_2": ceiling[2]})
                for workers in (1, 2):
                    cluster = StandingCluster(workers, env)
                    print(f"dask cluster x{workers} up in {cluster.seconds:.1f}s at {cluster.address}", flush=True)
                    try:
                        db = dbs / f"dask{workers}{'-' + str(index + 1) if index else ''}.duckdb"
                        results.append(measure(f"prefect dask x{workers} {n}{suffix}", small, db,
                                               "dask", env, workers=workers, address=cluster.address))
                        if workers == 2 and not index and not args.scaling_only:
                            results.append(measure(f"re-run dask x2 cached {n}", small, db, "dask",
                                                   env, workers=2, address=cluster.address))
                    finally:
                        cluster.close()
        if not (args.memory_only or args.scaling_only):
            results.append(measure(f"dask x2 LocalCluster per run {n}", small, dbs / "local2.duckdb", "dask",
                                   env, workers=2))
            results.append(measure(f"re-run thread cached {n}", small, dbs / "dask2.duckdb", "thread", env))
        if args.memory_n:
            results.append(measure(f"prefect thread {args.memory_n}", parts, dbs / "big.duckdb", "thread", env,
                                   cache=False))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    report(results, args.n, args.memory_n, args.scaling_only)
    if args.json:
        args.json.write_text(json.dumps({"server_boot_s": boot, "results": results}, indent=2))


def report(results: list[dict[str, Any]], n: int, memory_n: int, scaling_only: bool = False) -> None:
    by = {r["label"]: r for r in results}
    print()
    if scaling_only:
        scaling(by, n)
        return
    thread = by[f"prefect thread {n}"]
    if f"plain loop {n}" in by:
        compare(by, n)
    if memory_n:
        big = by[f"prefect thread {memory_n}"]
        print(f"memory: peak RSS {big['rss_mb']:.0f} MB at {memory_n:,} vs {thread['rss_mb']:.0f} MB at {n:,} "
              f"= {big['rss_mb'] / thread['rss_mb']:.2f}x (target <= 1.3x)")


def scaling(by: dict[str, dict[str, Any]], n: int) -> None:
    """One line per round, then the medians when there were several rounds."""
    rate = lambda r: r["inputs"] / r["seconds"]  # noqa: E731
    ratios, ceilings = [], []
    for suffix in [""] + [f" #{i}" for i in range(2, 1000) if f"ceiling #{i}" in by]:
        one, two = by[f"prefect dask x1 {n}{suffix}"], by[f"prefect dask x2 {n}{suffix}"]
        ceiling = by["ceiling" + suffix]
        ratios.append(rate(two) / rate(one))
        ceilings.append(ceiling["seconds_1"] / ceiling["seconds_2"])
        print(f"dask scaling{suffix} (standing cluster): 2 workers {rate(two):.1f} art/s vs 1 worker "
              f"{rate(one):.1f} art/s = {ratios[-1]:.2f}x (target >= 1.7x); the machine's ceiling, 2 plain "
              f"processes vs 1 on the same batches: {ceilings[-1]:.2f}x")
    if len(ratios) > 1:
        print(f"dask scaling over {len(ratios)} rounds: median {statistics.median(ratios):.2f}x "
              f"(range {min(ratios):.2f}-{max(ratios):.2f}x); the machine's ceiling: median "
              f"{statistics.median(ceilings):.2f}x (range {min(ceilings):.2f}-{max(ceilings):.2f}x)")


def compare(by: dict[str, dict[str, Any]], n: int) -> None:
    plain, thread = by[f"plain loop {n}"], by[f"prefect thread {n}"]
    two = by[f"prefect dask x2 {n}"]
    cached = by[f"re-run thread cached {n}"]
    print(f"prefect overhead: flow {thread['seconds']:.1f}s vs plain loop {plain['seconds']:.1f}s "
          f"= {100 * (thread['seconds'] / plain['seconds'] - 1):+.1f}% (target <= +10%)")
    local = by[f"dask x2 LocalCluster per run {n}"]
    scaling(by, n)
    print(f"dask x2 starting its own LocalCluster: {local['seconds']:.1f}s vs {two['seconds']:.1f}s on a "
          f"standing one (+{local['seconds'] - two['seconds']:.1f}s start-up and shut-down)")
    print(f"cache: unchanged re-run {cached['seconds']:.1f}s vs first run {thread['seconds']:.1f}s "
          f"= {thread['seconds'] / cached['seconds']:.1f}x faster")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_one":
        one = argparse.ArgumentParser()
        one.add_argument("_one")
        one.add_argument("--paths", required=True)
        one.add_argument("--db", required=True)
        one.add_argument("--runner", required=True)
        one.add_argument("--cache", action=argparse.BooleanOptionalAction, default=True)
        run_one(one.parse_args())
    else:
        main()
