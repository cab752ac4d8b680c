"""The sources file (``concord.toml``): what to ingest, how often, and into which warehouse.

    [warehouse]
    db = "concord.duckdb"                 # relative paths are relative to this file

    [sources.nhs]
    paths = ["corpora/nhs"]               # files, directories, globs
    urls = []                             # pages; sitemaps = [...] and feeds = [...] likewise
    schedule = { interval = "6h" }        # or { cron = "0 6 * * *" }; no schedule: run by hand
    rate_limit = 1.0                      # requests per second per host (URL sources)
    topics = ["back_pain"]                # topic pins, tagged on the deployment and its runs
    batch_size = 50

It is validated as a whole on load, so a typo fails ``concord serve`` at start-up with one line
naming the file and key, not a scheduled run at 6 a.m.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.errors import UsageError

DEFAULT_CONFIG = "concord.toml"
_TOP_KEYS = {"warehouse", "sources"}
_WAREHOUSE_KEYS = {"db"}
_SOURCE_KEYS = {"paths", "urls", "sitemaps", "feeds", "schedule", "rate_limit", "topics", "topic",
                "batch_size"}
_INPUT_KEYS = ("paths", "urls", "sitemaps", "feeds")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")
_TOPIC = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smhd])\s*", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Schedule:
    cron: str | None = None
    interval: float | None = None  # seconds

    def describe(self) -> str:
        return f"cron {self.cron!r}" if self.cron else f"every {self.interval:g}s"


@dataclass(frozen=True)
class Source:
    name: str
    paths: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    schedule: Schedule | None = None
    rate_limit: float | None = None
    topics: tuple[str, ...] = ()
    batch_size: int | None = None


@dataclass(frozen=True)
class Config:
    path: Path
    db: Path
    sources: dict[str, Source] = field(default_factory=dict)

    def source(self, name: str) -> Source:
        try:
            return self.sources[name]
        except KeyError:
            known = ", ".join(sorted(self.sources)) or "none"
            raise UsageError(f"{self.path}: no source named {name!r} (defined: {known})") from None

    def scheduled(self) -> list[Source]:
        return [s for s in self.sources.values() if s.schedule is not None]


class _Checker:
    """Raises ``UsageError('<file>: <key>: <problem>')``, one line, for the first problem found."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> UsageError:
        return UsageError(f"{self.path}: {key}: {problem}")

    def keys(self, key: str, table: Any, allowed: set[str]) -> dict[str, Any]:
        if not isinstance(table, dict):
            raise self.fail(key, "must be a table")
        unknown = sorted(set(table) - allowed)
        if unknown:
            raise self.fail(f"{key}.{unknown[0]}" if key else unknown[0],
                            f"unknown key (allowed: {', '.join(sorted(allowed))})")
        return table

    def strings(self, key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "must be a list of non-empty strings")
        return tuple(v.strip() for v in value)

    def positive(self, key: str, value: Any, kind: type) -> Any:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if kind is int:
            ok = ok and isinstance(value, int)
        if not ok or value <= 0:
            raise self.fail(key, f"must be a positive {'integer' if kind is int else 'number'}")
        return value


def parse_interval(value: Any) -> float | None:
    """Seconds from ``3600``, ``"90s"``, ``"15m"``, ``"6h"``, ``"1d"`` or ``"1h30m"``; else None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if value > 0 else None
    if not isinstance(value, str) or not value.strip():
        return None
    total, position = 0.0, 0
    for match in _DURATION.finditer(value):
        if match.start() != position:
            return None
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
        position = match.end()
    return total if position == len(value) and total > 0 else None


def check_cron(value: str) -> str | None:
    """The problem with a cron string, or None; uses Prefect's own validator (vendored croniter)."""
    from pydantic import ValidationError
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=value)
    except ValidationError as exc:
        return str(exc.errors()[0].get("msg", "invalid")).removeprefix("Value error, ")
    return None


def _schedule(check: _Checker, key: str, value: Any) -> Schedule:
    table = check.keys(key, value, {"cron", "interval"})
    if len(table) != 1:
        raise check.fail(key, "give exactly one of cron or interval")
    if "cron" in table:
        cron = table["cron"]
        if not isinstance(cron, str):
            raise check.fail(f"{key}.cron", "must be a string such as \"0 6 * * *\"")
        problem = check_cron(cron)
        if problem:
            raise check.fail(f"{key}.cron", problem)
        return Schedule(cron=cron.strip())
    seconds = parse_interval(table["interval"])
    if seconds is None:
        raise check.fail(f"{key}.interval",
                         f"{table['interval']!r} is not a duration (seconds, or e.g. \"90s\", \"15m\", \"6h\", \"1d\")")
    return Schedule(interval=seconds)


def _source(check: _Checker, base: Path, name: str, value: Any) -> Source:
    key = f"sources.{name}"
    if not _NAME.fullmatch(name):
        raise check.fail(key, "source names are letters, digits, '.', '_' and '-' (it becomes the deployment name)")
    table = check.keys(key, value, _SOURCE_KEYS)
    lists = {k: check.strings(f"{key}.{k}", table[k]) for k in _INPUT_KEYS if k in table}
    if not any(lists.values()):
        raise check.fail(key, "empty source: give at least one of paths, urls, sitemaps, feeds")
    for k in ("urls", "sitemaps", "feeds"):
        for url in lists.get(k, ()):
            if not url.startswith(("http://", "https://")):
                raise check.fail(f"{key}.{k}", f"{url!r} is not an http(s) URL")
    paths = tuple(p if Path(p).is_absolute() else str(base / p) for p in lists.get("paths", ()))
    if "topics" in table and "topic" in table:
        raise check.fail(f"{key}.topic", "give topics or topic, not both")
    raw_topics = table.get("topics", table.get("topic", []))
    topic_key = f"{key}.{'topic' if 'topic' in table else 'topics'}"
    topics = check.strings(topic_key, [raw_topics] if isinstance(raw_topics, str) else raw_topics)
    for topic in topics:
        if not _TOPIC.fullmatch(topic):
            raise check.fail(topic_key, f"{topic!r} is not a topic id (snake_case, e.g. back_pain)")
    return Source(
        name=name,
        paths=paths,
        urls=lists.get("urls", ()),
        sitemaps=lists.get("sitemaps", ()),
        feeds=lists.get("feeds", ()),
        schedule=_schedule(check, f"{key}.schedule", table["schedule"]) if "schedule" in table else None,
        rate_limit=check.positive(f"{key}.rate_limit", table["rate_limit"], float) if "rate_limit" in table else None,
        topics=topics,
        batch_size=check.positive(f"{key}.batch_size", table["batch_size"], int) if "batch_size" in table else None,
    )


def load_config(path: Path | str = DEFAULT_CONFIG) -> Config:
    """Read and validate the sources file; every problem is a one-line ``UsageError``."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"no config file at {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    check = _Checker(path)
    check.keys("", data, _TOP_KEYS)
    base = path.resolve().parent
    warehouse = check.keys("warehouse", data.get("warehouse", {}), _WAREHOUSE_KEYS)
    db_value = warehouse.get("db", "concord.duckdb")
    if not isinstance(db_value, str) or not db_value.strip():
        raise check.fail("warehouse.db", "must be a file path")
    db = Path(db_value) if Path(db_value).is_absolute() else base / db_value
    sources_table = data.get("sources")
    if not sources_table:
        raise check.fail("sources", "no sources defined (add a [sources.<name>] table)")
    sources = check.keys("sources", sources_table, set(sources_table))
    return Config(path=path, db=db,
                  sources={name: _source(check, base, name, value) for name, value in sources.items()})


def unknown_topics(config: Config) -> list[tuple[str, str]]:
    """(source, topic) pins that no concept in the vocabulary belongs to (likely typos)."""
    from extractors.vocabulary import load_vocabulary

    known = {t for concept in load_vocabulary().concepts.values() for t in concept.topics}
    return [(s.name, t) for s in config.sources.values() for t in s.topics if t not in known]
