"""Remote sources: expand feeds and sitemaps, fetch pages (conditional GET), parse them.

The network lives here and in ``fetch.py``/``feeds.py``; everything returns documents or
quarantine records, never raises for a bad URL. The conditional-GET validators (ETag,
Last-Modified) come from the warehouse's ``fetch_state`` table and go back into it after a run,
so an unchanged page costs one 304 on the next run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from extractors.document import Document
from extractors.errors import InputError
from extractors.formats import parse_bytes
from pipelines.feeds import expand_sources
from pipelines.fetch import Fetcher, FetchPolicy, Validators, redact_url
from warehouse.batches import Quarantined


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class FetchState:
    url: str
    final_url: str
    status: int
    etag: str | None
    last_modified: str | None


@dataclass
class RemoteBatch:
    documents: list[Document] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)
    states: list[FetchState] = field(default_factory=list)


def _as_utf8(content: bytes, charset: str | None) -> bytes:
    """Apply the HTTP header's charset (it outranks a <meta> tag) by transcoding to UTF-8."""
    if not charset or charset.lower().replace("_", "-") in ("utf-8", "utf8", "us-ascii", "ascii"):
        return content
    try:
        return content.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return content  # let the parser's own detection decide


def policy_for(allow_private: bool, max_bytes: int, rate_limit: float = 1.0) -> FetchPolicy:
    """``rate_limit`` is requests per second per host (robots.txt Crawl-delay may slow it further)."""
    return FetchPolicy(allow_private=allow_private, max_bytes=max_bytes,
                       per_host_interval=1.0 / rate_limit)


def expand(urls: Sequence[str], policy: FetchPolicy) -> tuple[list[str], list[Quarantined]]:
    """Feeds and sitemaps become their article URLs; failures are quarantined (stage fetch)."""
    if not urls:
        return [], []
    with Fetcher(policy) as fetcher:
        found, failures = expand_sources(list(urls), fetcher)
    return found, [Quarantined(url, "fetch", reason) for url, reason in failures]


def fetch_documents(urls: Iterable[str], policy: FetchPolicy,
                    validators: Mapping[str, tuple[str | None, str | None]]) -> RemoteBatch:
    """Fetch and parse each URL; a 304 is reported as not modified, not as an error."""
    batch = RemoteBatch()
    with Fetcher(policy) as fetcher:
        for url in urls:
            safe = redact_url(url)
            etag, modified = validators.get(safe, (None, None))
            try:
                result = fetcher.fetch(url, Validators(etag, modified) if etag or modified else None)
            except InputError as exc:
                batch.quarantined.append(Quarantined(safe, exc.stage, str(exc)))
                continue
            batch.states.append(FetchState(safe, redact_url(result.final_url), result.status,
                                           result.etag, result.last_modified))
            if result.not_modified or result.content is None:
                batch.not_modified.append(safe)
                continue
            content = _as_utf8(result.content, result.charset)
            try:
                document = parse_bytes(content, safe, result.content_type)
            except InputError as exc:
                batch.quarantined.append(Quarantined(safe, exc.stage, str(exc)))
                continue
            batch.documents.append(document)
    return batch
