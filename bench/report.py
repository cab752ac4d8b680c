"""Report benchmark: how long the consistency report takes on a large warehouse.

    .venv/bin/python bench/report.py                 # 10,000 articles
    .venv/bin/python bench/report.py --n 2000        # quicker

The warehouse is built from the same real-page corpus as ``bench/ingest.py`` (every page of
../shared/corpora, repeated with one changed closing paragraph to reach N unique documents),
ingested without the Prefect engine (same functions; the engine is not what is measured here).
Each report format is then rendered in a fresh process, so its peak RSS and time are its own;
the second HTML run shows the cost once the "changes since the last report" snapshot exists.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from ingest import CORPORA, build_corpus  # noqa: E402  (bench/ingest.py)

CHILD = """
import resource, sys, time
from pathlib import Path
from reports.build import render_report
started = time.perf_counter()
text = render_report(Path(sys.argv[1]), sys.argv[2], record=sys.argv[3] == "record")
seconds = time.perf_counter() - started
Path(sys.argv[4]).write_text(text, encoding="utf-8")
print(f"{seconds:.3f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} {len(text)}")
"""


def build_warehouse(db: Path, n: int, work: Path) -> dict[str, object]:
    from pipelines.flows import ingest_sources
    from pipelines.settings import Settings

    parts = build_corpus(work / "corpus", n, CORPORA, 1000)
    started = time.perf_counter()
    summary = ingest_sources(parts, Settings(db=db, cache=False), use_prefect=False)
    summary["seconds"] = round(time.perf_counter() - started, 1)
    return summary


def render(db: Path, fmt: str, out: Path, record: bool) -> dict[str, float]:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(db), fmt, "record" if record else "no", str(out)],
                          cwd=REPO, capture_output=True, text=True, check=True)
    seconds, rss, chars = proc.stdout.split()
    return {"seconds": float(seconds), "peak_rss_mib": int(rss), "chars": int(chars)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=None, help="keep corpus and warehouse here")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="concord-report-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"wh-{args.n}.duckdb"
    if not db.exists():
        summary = build_warehouse(db, args.n, work)
        print(f"built {db}: {summary['ingested']} articles, {summary['findings']} findings, "
              f"{summary['escalations']} escalations in {summary['seconds']} s")
    from warehouse.store import Warehouse

    with Warehouse.open(db, read_only=True) as wh:
        counts = wh.rows("SELECT (SELECT count(*) FROM v_articles) AS articles, "
                         "(SELECT count(*) FROM v_findings) AS findings, "
                         "(SELECT count(*) FROM v_contradictions) AS contradictions")[0]
    results = {"warehouse": counts}
    for label, fmt, record in (("html (first)", "html", True), ("html (with snapshot)", "html", True),
                               ("md", "md", False), ("json", "json", False)):
        results[label] = render(db, fmt, work / f"report.{fmt}", record)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
