"""Main-content benchmark: ``parse_html`` against trafilatura, readability and AutoExtract.

Runs on the article-extraction-benchmark in ``../shared/corpora`` (181 news pages with human
ground truth). The corpus is read-only and may not be copied into the repo, so it is copied to a
temporary folder, our output (and a fresh ``trafilatura.extract`` run, ``trafilatura_live``) is
written into its ``output/`` beside the saved outputs of the other extractors, and the corpus's
own ``evaluate.py`` scores them all in one run. Throughput of ``parse_html`` and of plain
``trafilatura.extract`` is measured on the same pages in the same process.

    .venv/bin/python bench/main_content.py [--limit N] [--repeat 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.errors import InputError  # noqa: E402
from extractors.html import benchmark_text, parse_html  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "article-extraction-benchmark"
OURS = "concord"
COMPARED = ("trafilatura", "trafilatura_live", "readability", "AutoExtract", "rs_trafilatura")


def load_pages(corpus: Path, limit: int | None) -> dict[str, bytes]:
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    return {i: gzip.decompress((corpus / "html" / f"{i}.html.gz").read_bytes()) for i in ids}


def run_concord(pages: dict[str, bytes]) -> tuple[dict[str, str], int]:
    texts, failures = {}, 0
    for page_id, data in pages.items():
        try:
            texts[page_id] = benchmark_text(parse_html(data, f"{page_id}.html"))
        except InputError:
            texts[page_id], failures = "", failures + 1
    return texts, failures


def run_trafilatura(pages: dict[str, bytes]) -> dict[str, str]:
    import trafilatura

    return {page_id: trafilatura.extract(data) or "" for page_id, data in pages.items()}


def timed(func: Callable[[dict[str, bytes]], object], pages: dict[str, bytes],
          repeat: int) -> tuple[object, float]:
    """Best of ``repeat`` wall-clock runs (the first run also warms caches and imports)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(pages)
        best = min(best, time.perf_counter() - start)
    return result, best


def write_output(folder: Path, name: str, version: str, texts: dict[str, str]) -> None:
    payload = {"version": version, "output": {k: {"articleBody": v} for k, v in texts.items()}}
    (folder / "output" / f"{name}.json").write_text(json.dumps(payload), encoding="utf-8")


def restrict(folder: Path, ids: set[str]) -> None:
    """Trim ground truth and saved outputs to ``ids`` (evaluate.py wants identical key sets)."""
    for path in [folder / "ground-truth.json", *sorted((folder / "output").glob("*.json"))]:
        data = json.loads(path.read_text(encoding="utf-8"))
        inner = data["output"] if set(data) == {"version", "output"} else data
        trimmed = {k: v for k, v in inner.items() if k in ids}
        if inner is not data:
            data["output"] = trimmed
        else:
            data = trimmed
        path.write_text(json.dumps(data), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N pages (sorted by id)")
    parser.add_argument("--repeat", type=int, default=2, help="timing runs, best is kept")
    parser.add_argument("--n-bootstrap", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="keep the scored copy in this folder")
    args = parser.parse_args()
    if not (args.corpus / "evaluate.py").is_file():
        print(f"benchmark corpus not found at {args.corpus}", file=sys.stderr)
        return 2

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # "discarding data" per short page
    pages = load_pages(args.corpus, args.limit)
    size_mb = sum(len(d) for d in pages.values()) / 1e6
    print(f"{len(pages)} pages, {size_mb:.1f} MB of HTML; timing best of {args.repeat} runs")
    (ours, failures), ours_s = timed(run_concord, pages, args.repeat)  # type: ignore[misc]
    theirs, theirs_s = timed(run_trafilatura, pages, args.repeat)

    with tempfile.TemporaryDirectory(prefix="aeb-") as tmp:
        folder = Path(args.keep or tmp) / "article-extraction-benchmark"
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(args.corpus, folder, ignore=shutil.ignore_patterns("html"))
        write_output(folder, OURS, "parse_html", ours)
        write_output(folder, "trafilatura_live", trafilatura.__version__, theirs)  # type: ignore[arg-type]
        if args.limit:
            restrict(folder, set(pages))
        run = subprocess.run(
            [sys.executable, "evaluate.py", "--n-bootstrap", str(args.n_bootstrap),
             "--output", "results.json"],
            cwd=folder, capture_output=True, text=True, check=False)
        print("\n--- evaluate.py ---\n" + run.stdout + run.stderr)
        if run.returncode != 0:
            return run.returncode
        results = json.loads((folder / "results.json").read_text(encoding="utf-8"))

    print("--- summary ---")
    print(f"{'extractor':<18} {'F1':>6} {'prec':>6} {'recall':>6}")
    for name in (OURS, *COMPARED):
        if name in results:
            m = results[name]
            print(f"{name:<18} {m['f1']:6.3f} {m['precision']:6.3f} {m['recall']:6.3f}")
    for reference in ("trafilatura", "trafilatura_live"):
        if reference in results:
            delta = results[OURS]["f1"] - results[reference]["f1"]
            print(f"F1 {OURS} - {reference}: {delta:+.3f}")
    ours_rate, theirs_rate = len(pages) / ours_s, len(pages) / theirs_s
    print(f"\nthroughput parse_html           {ours_rate:7.1f} pages/s  ({ours_s:.2f} s)")
    print(f"throughput trafilatura.extract  {theirs_rate:7.1f} pages/s  ({theirs_s:.2f} s)")
    print(f"ratio parse_html / trafilatura.extract = {ours_rate / theirs_rate:.2f}x")
    if failures:
        print(f"parse_html refused {failures} page(s) (InputError; scored as empty)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
