"""The pure work of one batch: read, parse and extract each source; never raise for bad input.

Prefect tasks and the benchmarks call these functions; the unit tests call them without any
engine. A document that fails is quarantined with its stage and a one-line reason, and the rest
of the batch goes on.
"""

from __future__ import annotations

import gzip
import io
import hashlib
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from extractors.errors import InputError, ReadError, RuleError
from extractors.extract import extract_doc
from extractors.formats import parse_bytes
from extractors.nlp import get_nlp
from extractors.document import Document
from extractors.records import Extraction
from extractors.rulefiles import RULES_DIR
from warehouse.batches import Quarantined


@dataclass
class BatchOutput:
    extractions: list[Extraction] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)


def rules_version() -> str:
    """A short hash of every rule file (parser rules such as markdown_chrome.yaml included: they
    decide what text is extracted): stored with each run, and part of the extraction cache key."""
    digest = hashlib.sha256()
    for path in sorted(RULES_DIR.iterdir()):
        if path.suffix in (".yaml", ".jsonl") and path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def read_source(source: str, max_bytes: int) -> bytes:
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    if source.endswith(".gz"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
                data = handle.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:  # zlib.error: corrupt deflate data
            raise ReadError(f"invalid gzip file: {exc}") from None
        if len(data) > max_bytes:
            raise ReadError(f"decompressed size is over the {max_bytes:,}-byte limit")
    return data


def parse_or_quarantine(data: bytes, source: str, out: BatchOutput,
                        content_type: str | None = None) -> Document | None:
    """Parse one input; anything unusable becomes a quarantine record with a one-line reason."""
    try:
        return parse_bytes(data, source, content_type)
    except InputError as exc:
        out.quarantined.append(Quarantined(source, exc.stage, str(exc)))
    except RecursionError:
        out.quarantined.append(Quarantined(source, "parse", "document nested too deeply to parse"))
    except Exception as exc:  # a parser bug must not take the run down with it
        out.quarantined.append(Quarantined(source, "parse", f"internal parser error: {type(exc).__name__}: {exc}"))
    return None


def extract_or_quarantine(document: Document, out: BatchOutput) -> Extraction | None:
    try:
        return extract_doc(document, get_nlp()(document.text))
    except RuleError:
        raise  # broken rules are the run's problem, not this document's: fail, don't quarantine all
    except Exception as exc:  # an extractor bug must not take the run down with it
        out.quarantined.append(Quarantined(document.source, "extract",
                                           f"internal extractor error: {type(exc).__name__}: {exc}"))
    return None
