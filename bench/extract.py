"""Extraction throughput and memory: Concord's rule extractor beside the bare spaCy tokenizer.

Reads the FakeHealth corpus in ``../shared/corpora/fakehealth`` (HealthStory and HealthRelease
JSON), parses every file with ``extractors.formats.parse_bytes`` (timed apart, not counted as
extraction), then measures on the same document texts, in one process:

  (a) the bare tokenizer: ``spacy.blank("en").tokenizer.pipe(texts)``
  (b) Concord's pipeline alone: ``get_nlp().pipe(texts)`` (tokenizer + ``concord_sentences``)
  (c) the full extraction: ``extract_doc(document, doc)`` over ``get_nlp().pipe(texts)``

in characters per second per core. Every measurement is warmed up once (vocabularies, caches),
then run ``--rounds`` times, alternating their order, and the best round counts, because the
machine is shared. CPU time (``time.process_time``; one core) is the headline, wall time is shown
beside it. The target is (c) >= 30% of (a). A separate pass times each matcher per document to
show where the extraction time goes.

Memory: the streaming extraction (files read and parsed lazily, ``nlp.pipe`` in batches, findings
counted, not kept) runs in two fresh subprocesses, over ``--memory-docs`` documents and over
``--repeat`` times as many; peak RSS (``ru_maxrss``) should be flat.

    .venv/bin/python bench/extract.py [--limit N] [--repeat K] [--rounds 3] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "fakehealth"
SUBSETS = ("HealthStory", "HealthRelease")
TARGET = 0.30


def corpus_files(corpus: Path, limit: int | None) -> list[Path]:
    if not corpus.is_dir():
        sys.exit(f"error: corpus folder {corpus} not found. This benchmark needs ../shared "
                 f"(the FakeHealth corpus beside the project); pass --corpus DIR to use another copy.")
    files = sorted(p for subset in SUBSETS for p in (corpus / subset).glob("*.json"))
    if not files:
        sys.exit(f"error: no HealthStory/HealthRelease *.json files under {corpus}")
    return files[:limit] if limit else files


def parse_file(path: Path):
    from extractors.errors import InputError
    from extractors.formats import parse_bytes

    try:
        return parse_bytes(path.read_bytes(), str(path))
    except InputError:
        return None


# ---------------------------------------------------------------------------------------------
# throughput


def run_tokenizer(tokenizer, texts: list[str]) -> int:
    tokens = 0
    for doc in tokenizer.pipe(texts):
        tokens += len(doc)
    return tokens


def run_pipeline(nlp, texts: list[str], batch_size: int) -> int:
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        tokens += len(doc)
    return tokens


def run_extraction(nlp, documents: list, batch_size: int) -> int:
    from extractors.extract import extract_doc

    found = 0
    texts = (d.text for d in documents)
    for document, doc in zip(documents, nlp.pipe(texts, batch_size=batch_size)):
        result = extract_doc(document, doc)
        found += len(result.findings) + len(result.escalations) + len(result.timings)
    return found


def measure(runs: dict[str, Callable[[], int]], rounds: int) -> dict[str, dict]:
    """Warm each run up once, then ``rounds`` rounds in rotating order; keep the best CPU/wall."""
    best = {name: {"cpu": float("inf"), "wall": float("inf"), "cpu_rounds": [], "wall_rounds": []}
            for name in runs}
    for name, func in runs.items():
        best[name]["result"] = func()
    names = list(runs)
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            gc.collect()
            wall, cpu = time.perf_counter(), time.process_time()
            runs[name]()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            entry = best[name]
            entry["cpu_rounds"].append(round(cpu, 4))
            entry["wall_rounds"].append(round(wall, 4))
            entry["cpu"], entry["wall"] = min(entry["cpu"], cpu), min(entry["wall"], wall)
    return best


def breakdown(nlp, documents: list, batch_size: int) -> dict[str, float]:
    """Seconds per stage, each matcher called on its own beside one ``extract_doc`` per document."""
    from extractors.context import get_context_matcher
    from extractors.durations import get_duration_matcher
    from extractors.escalation import get_escalation_cues
    from extractors.extract import extract_doc, get_concept_matcher
    from extractors.sections import DocumentLayout

    stages: dict[str, Callable] = {
        "concept matcher": get_concept_matcher(),
        "context cues": get_context_matcher().cues,
        "escalation cues": get_escalation_cues(),
        "durations": get_duration_matcher(),
    }
    seconds = dict.fromkeys(["tokenize + sentences", *stages, "section layout", "extract_doc (all)"], 0.0)
    clock = time.perf_counter
    texts = iter([d.text for d in documents])
    stream = nlp.pipe(texts, batch_size=batch_size)
    for document in documents:
        t = clock()
        doc = next(stream)
        seconds["tokenize + sentences"] += clock() - t
        for name, stage in stages.items():
            t = clock()
            stage(doc)
            seconds[name] += clock() - t
        t = clock()
        DocumentLayout(document)
        seconds["section layout"] += clock() - t
        t = clock()
        extract_doc(document, doc)
        seconds["extract_doc (all)"] += clock() - t
    return seconds


# ---------------------------------------------------------------------------------------------
# memory


def _rss_kb() -> tuple[int, int]:
    """(peak RSS so far, current RSS) in KiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":
        peak //= 1024
    current = 0
    try:
        with open("/proc/self/statm") as handle:
            current = int(handle.read().split()[1]) * resource.getpagesize() // 1024
    except OSError:
        pass
    return peak, current


def memory_child(files: list[Path], repeat: int, batch_size: int) -> dict:
    """Stream ``repeat`` passes over ``files``: read, parse, extract, count. Nothing is kept."""
    from extractors.extract import extract_doc, warm_up
    from extractors.nlp import get_nlp

    warm_up()
    nlp = get_nlp()
    gc.collect()
    baseline_peak, baseline_now = _rss_kb()

    def documents() -> Iterator[tuple[str, object]]:
        for _ in range(repeat):
            for path in files:
                document = parse_file(path)
                if document is not None:
                    yield document.text, document

    docs = chars = found = 0
    start = time.perf_counter()
    for doc, document in nlp.pipe(documents(), as_tuples=True, batch_size=batch_size):
        result = extract_doc(document, doc)
        docs += 1
        chars += len(document.text)
        found += len(result.findings) + len(result.escalations) + len(result.timings)
    peak, now = _rss_kb()
    return {"repeat": repeat, "documents": docs, "chars": chars, "found": found,
            "seconds": round(time.perf_counter() - start, 2), "baseline_rss_kb": baseline_now,
            "baseline_peak_rss_kb": baseline_peak, "peak_rss_kb": peak, "final_rss_kb": now}


def run_memory_child(args: argparse.Namespace, docs: int, repeat: int) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--memory-child",
               "--corpus", str(args.corpus), "--limit", str(docs), "--repeat", str(repeat),
               "--batch-size", str(args.batch_size)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"error: memory subprocess failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------------------
# report


def render(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(Console().width, 100))
    c = report["corpus"]
    console.print(f"[bold]Corpus[/bold] {c['path']}: {c['files']:,} files, {c['documents']:,} documents "
                  f"({c['quarantined']} quarantined), {c['chars']:,} characters, {c['tokens']:,} tokens; "
                  f"parsing took {c['parse_seconds']:.2f} s ({c['parse_chars_per_s']:,.0f} chars/s, not counted)")
    table = Table(title=f"Throughput per core, best of {report['rounds']} alternating rounds after a warm-up "
                        f"(a: spacy.blank('en').tokenizer.pipe, b: get_nlp().pipe, c: b + extract_doc)")
    for column in ("run", "chars/s CPU", "ratio", "chars/s wall", "ratio wall", "CPU s/round"):
        table.add_column(column, justify="left" if column == "measurement" else "right")
    for key, label in (("tokenizer", "(a) tokenizer"), ("pipeline", "(b) pipeline"),
                       ("extraction", "(c) extraction")):
        m = report["throughput"][key]
        table.add_row(label, f"{m['chars_per_s_cpu']:,.0f}", f"{m['ratio_cpu']:.2f}",
                      f"{m['chars_per_s_wall']:,.0f}", f"{m['ratio_wall']:.2f}",
                      " ".join(f"{s:.2f}" for s in m["cpu_rounds"]))
    console.print(table)
    verdict = report["verdict"]
    colour = "green" if verdict["pass"] else "red"
    console.print(f"[{colour}]extraction / tokenizer = {verdict['ratio']:.2f} (target >= {TARGET:.2f}): "
                  f"{'PASS' if verdict['pass'] else 'FAIL'}[/{colour}]   "
                  f"pipeline / tokenizer = {report['throughput']['pipeline']['ratio_cpu']:.2f}")

    stages = Table(title="Where the extraction time goes (one timed pass, each stage called on its own)")
    stages.add_column("stage")
    stages.add_column("seconds", justify="right")
    stages.add_column("share of tokenize + extract_doc", justify="right")
    for name, row in report["breakdown"].items():
        stages.add_row(name, f"{row['seconds']:.2f}", f"{row['share']:.0%}" if row["share"] is not None else "")
    console.print(stages)

    if report.get("memory"):
        mem = report["memory"]
        memory = Table(title="Peak RSS of the streaming extraction (fresh subprocess each)")
        for column in ("run", "documents", "chars", "found", "seconds", "RSS after warm-up", "peak RSS"):
            memory.add_column(column, justify="left" if column == "run" else "right")
        for label, row in (("N", mem["n"]), (f"{mem['repeat']}×N", mem["repeated"])):
            memory.add_row(label, f"{row['documents']:,}", f"{row['chars']:,}", f"{row['found']:,}",
                           f"{row['seconds']:.1f}", f"{row['baseline_rss_kb'] / 1024:.0f} MiB",
                           f"{row['peak_rss_kb'] / 1024:.0f} MiB")
        console.print(memory)
        console.print(f"peak RSS ratio {mem['repeat']}×N / N = {mem['peak_ratio']:.3f}; growth over the "
                      f"warmed-up baseline: {mem['n_growth_mib']:.1f} MiB at N, "
                      f"{mem['repeated_growth_mib']:.1f} MiB at {mem['repeat']}×N")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="use the first N files (default: all)")
    parser.add_argument("--repeat", type=int, default=10,
                        help="the memory run streams K times the memory corpus (default 10)")
    parser.add_argument("--memory-docs", type=int, default=300,
                        help="files in the memory run's base corpus N (default 300; 0 = --limit/all)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per measurement (default 3)")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size (as extract_many)")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory subprocesses")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    files = corpus_files(args.corpus, args.limit)
    if args.memory_child:
        print(json.dumps(memory_child(files, args.repeat, args.batch_size)))
        return 0

    import spacy

    from extractors.extract import warm_up
    from extractors.nlp import get_nlp

    t = time.perf_counter()
    documents = [d for d in map(parse_file, files) if d is not None]
    parse_seconds = time.perf_counter() - t
    if not documents:
        sys.exit("error: no document could be parsed")
    texts = [d.text for d in documents]
    chars = sum(map(len, texts))

    warm_up()
    nlp = get_nlp()
    tokenizer = spacy.blank("en").tokenizer
    best = measure({
        "tokenizer": lambda: run_tokenizer(tokenizer, texts),
        "pipeline": lambda: run_pipeline(nlp, texts, args.batch_size),
        "extraction": lambda: run_extraction(nlp, documents, args.batch_size),
    }, args.rounds)
    base = best["tokenizer"]
    throughput = {}
    for name, m in best.items():
        throughput[name] = {
            "chars_per_s_cpu": chars / m["cpu"], "chars_per_s_wall": chars / m["wall"],
            "best_cpu_s": round(m["cpu"], 4), "best_wall_s": round(m["wall"], 4),
            "ratio_cpu": base["cpu"] / m["cpu"], "ratio_wall": base["wall"] / m["wall"],
            "cpu_rounds": m["cpu_rounds"], "wall_rounds": m["wall_rounds"],
        }
    ratio = throughput["extraction"]["ratio_cpu"]

    seconds = breakdown(nlp, documents, args.batch_size)
    whole = seconds["tokenize + sentences"] + seconds["extract_doc (all)"]
    parts = sum(v for k, v in seconds.items() if k != "extract_doc (all)")
    seconds["other bookkeeping in extract_doc"] = max(seconds["extract_doc (all)"] - (parts - seconds["tokenize + sentences"]), 0.0)
    order = ["tokenize + sentences", "concept matcher", "context cues", "escalation cues", "durations",
             "section layout", "other bookkeeping in extract_doc", "extract_doc (all)"]
    report = {
        "python": platform.python_version(), "spacy": spacy.__version__,
        "corpus": {"path": str(args.corpus), "files": len(files), "documents": len(documents),
                   "quarantined": len(files) - len(documents), "chars": chars,
                   "tokens": best["tokenizer"]["result"], "found": best["extraction"]["result"],
                   "parse_seconds": round(parse_seconds, 3), "parse_chars_per_s": chars / parse_seconds},
        "rounds": args.rounds, "batch_size": args.batch_size,
        "throughput": throughput,
        "verdict": {"ratio": ratio, "target": TARGET, "pass": ratio >= TARGET},
        "breakdown": {k: {"seconds": round(seconds[k], 3),
                          "share": seconds[k] / whole}
                      for k in order},
    }
    if not args.no_memory:
        n_docs = args.memory_docs or len(files)
        one = run_memory_child(args, n_docs, 1)
        many = run_memory_child(args, n_docs, args.repeat)
        report["memory"] = {
            "repeat": args.repeat, "n": one, "repeated": many,
            "peak_ratio": many["peak_rss_kb"] / one["peak_rss_kb"],
            "n_growth_mib": (one["peak_rss_kb"] - one["baseline_rss_kb"]) / 1024,
            "repeated_growth_mib": (many["peak_rss_kb"] - many["baseline_rss_kb"]) / 1024,
        }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        render(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
