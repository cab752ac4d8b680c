"""One batch of local files, read → parse → extract, with a content-addressed extraction cache
and per-stage timings.

Why a cache here and not in the warehouse: the warehouse already skips articles whose *text*
hash is stored, but only after the expensive part (parsing and spaCy) has run. Keying on the raw
bytes lets a re-run skip that work. The key also covers the source name (it is stored in the
record), the rules files and the extractor source code, so editing a rule or a parser
invalidates every entry without anyone remembering to clear anything. Cached records still go
through ``Warehouse.load_batch``, so run counters ("unchanged") and the one-writer rule stay
exactly as without the cache; deleting the cache directory only costs time.

Entries are zlib-compressed pickles of ``Extraction`` written with an atomic rename, so several
worker processes can fill the cache at once without locks. Only successful extractions are
cached; quarantined inputs are retried on every run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractors.errors import InputError
from extractors.records import Extraction
from pipelines.processing import (
    BatchOutput, extract_or_quarantine, parse_or_quarantine, read_source, rules_version,
)
from warehouse.batches import PreparedBatch, Quarantined, prepare_tables

CACHE_FORMAT = "concord-extract-cache/1"
EXTRACTORS_DIR = Path(__file__).resolve().parents[1] / "extractors"


@dataclass
class BatchStats:
    """Seconds spent per stage (summed over documents) and cache traffic, for the run summary."""

    read: float = 0.0
    parse: float = 0.0
    extract: float = 0.0
    cache: float = 0.0
    prepare: float = 0.0
    hits: int = 0
    misses: int = 0
    chars: int = 0
    # Wall-clock (epoch) start of the earliest and end of the latest batch, wherever they ran:
    # beside the flow's own clock they show how long workers waited to start and how long the
    # run went on after the last batch (the serial parts that limit scale-out).
    began: float = 0.0
    ended: float = 0.0

    def add(self, other: BatchStats) -> None:
        for name in ("read", "parse", "extract", "cache", "prepare", "hits", "misses", "chars"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.began:
            self.began = min(self.began, other.began) if self.began else other.began
        self.ended = max(self.ended, other.ended)


@dataclass
class BatchWork:
    output: BatchOutput
    stats: BatchStats = field(default_factory=BatchStats)
    # The extractions as warehouse rows, built by the worker (``prepare``) so the single writer
    # does not have to: it is the one part of an ingest that does not scale out.
    prepared: PreparedBatch | None = None

    def prepare(self) -> BatchWork:
        """Turn the extractions into Arrow tables here and drop the Python objects, which are
        also ~20x slower to send between processes."""
        started = time.perf_counter()
        self.prepared = prepare_tables(self.output.extractions)
        self.output.extractions = []
        self.stats.prepare += time.perf_counter() - started
        self.stats.ended = time.time()
        return self


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the rule files and the extractor sources: what decides an extraction's output."""
    digest = hashlib.sha256(rules_version().encode())
    for path in sorted(EXTRACTORS_DIR.rglob("*.py")):
        digest.update(path.relative_to(EXTRACTORS_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(source: str, data: bytes, version: str) -> str:
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{version}\0{source}\0".encode())
    digest.update(data)
    return digest.hexdigest()


class ExtractionCache:
    """A directory of ``ab/abcdef….pkl.z`` files; safe for concurrent writers (atomic rename)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pkl.z"

    def get(self, key: str) -> Extraction | None:
        try:
            blob = self._path(key).read_bytes()
        except OSError:
            return None
        try:
            return pickle.loads(zlib.decompress(blob))
        except Exception:  # a truncated or stale entry is a miss, never a failure
            return None

    def put(self, key: str, extraction: Extraction) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            blob = zlib.compress(pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL), 1)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(tmp, path)
        except OSError:
            pass  # a full or read-only disk only costs the speed-up


def process_batch(sources: Sequence[str], max_bytes: int, cache_dir: str | None = None,
                  version: str | None = None) -> BatchWork:
    """Read, parse and extract a batch of local files; never raises for bad input.

    """
    work = BatchWork(BatchOutput())
    out, stats = work.output, work.stats
    stats.began = time.time()
    cache = ExtractionCache(Path(cache_dir)) if cache_dir else None
    version = version or code_version()
    done: dict[int, Extraction] = {}  # input position → extraction, to keep the input order
    pending: list[tuple[int, str, bytes, str]] = []
    for position, source in enumerate(sources):
        started = time.perf_counter()
        try:
            data = read_source(source, max_bytes)
        except InputError as exc:
            out.quarantined.append(Quarantined(source, exc.stage, str(exc)))
            continue
        finally:
            stats.read += time.perf_counter() - started
        key = ""
        if cache is not None:
            started = time.perf_counter()
            key = cache_key(source, data, version)
            hit = cache.get(key)
            stats.cache += time.perf_counter() - started
            if hit is not None:
                stats.hits += 1
                stats.chars += len(hit.document.text)
                done[position] = hit
                continue
            stats.misses += 1
        pending.append((position, source, data, key))
    documents = []
    started = time.perf_counter()
    for position, source, data, key in pending:
        document = parse_or_quarantine(data, source, out)
        if document is not None:
            documents.append((position, document, key))
    stats.parse += time.perf_counter() - started
    for position, document, key in documents:
        started = time.perf_counter()
        extraction = extract_or_quarantine(document, out)
        stats.extract += time.perf_counter() - started
        if extraction is None:
            continue
        stats.chars += len(document.text)
        done[position] = extraction
        if cache is not None:
            started = time.perf_counter()
            cache.put(key, extraction)
            stats.cache += time.perf_counter() - started
    out.extractions = [done[position] for position in sorted(done)]
    stats.ended = time.time()
    return work
