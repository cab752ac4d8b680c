"""The sources file: what a valid one means, and one-line errors naming file and key otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.errors import UsageError
from pipelines.config import load_config, parse_interval
from pipelines.schedule import build_deployments, check_topics, flow_parameters

REPO = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "concord.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_config_is_valid_and_resolves_paths() -> None:
    config = load_config(REPO / "examples" / "concord.toml")
    source = config.source("examples")
    assert source.paths == (str(REPO / "examples" / "articles"),)
    assert source.schedule is not None and source.schedule.interval == 6 * 3600
    assert config.db == REPO / "examples" / ".." / "concord.duckdb"
    params = flow_parameters(config, source)
    assert params == {"paths": [str(REPO / "examples" / "articles")], "db": str(config.db), "batch_size": 50,
                      "rate_limit": 1.0}
    check_topics(config)  # its topic pins exist in the vocabulary


def test_full_source_table(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, """
        [warehouse]
        db = "/data/wh.duckdb"
        [sources.nhs]
        paths = ["nhs", "/abs/*.md"]
        schedule = { cron = "0 6 * * *" }
        rate_limit = 0.5
        topic = "back_pain"
        batch_size = 20
        [sources.manual]
        paths = ["x"]
    """))
    nhs = config.source("nhs")
    assert nhs.paths == (str(tmp_path / "nhs"), "/abs/*.md")
    assert nhs.schedule is not None and nhs.schedule.cron == "0 6 * * *"
    assert (nhs.rate_limit, nhs.topics, nhs.batch_size) == (0.5, ("back_pain",), 20)
    assert config.db == Path("/data/wh.duckdb")
    assert [s.name for s in config.scheduled()] == ["nhs"]
    deployments = build_deployments(config)
    assert [d.name for d in deployments] == ["nhs"]
    assert deployments[0].parameters["batch_size"] == 20
    assert deployments[0].parameters["rate_limit"] == 0.5
    assert "topic:back_pain" in deployments[0].tags
    assert deployments[0].entrypoint == "pipelines.flows.ingest"


@pytest.mark.parametrize(("value", "seconds"), [
    (3600, 3600.0), (7.5, 7.5), ("6h", 21600.0), ("15m", 900.0), ("1h30m", 5400.0), ("2d", 172800.0),
    ("10s", 10.0), ("0s", None), ("soon", None), ("6 hours", None), (-5, None), (True, None),
])
def test_parse_interval(value: object, seconds: float | None) -> None:
    assert parse_interval(value) == seconds


@pytest.mark.parametrize(("text", "message"), [
    ("[sources.a]\npaths = ['x']\ncolour = 'red'\n",
     "sources.a.colour: unknown key (allowed: batch_size, feeds, paths, rate_limit, schedule, sitemaps, topic, topics, urls)"),
    ("[sources.a]\npaths = ['x']\nschedule = { cron = '61 * * * *' }\n",
     "sources.a.schedule.cron: Invalid cron string: \"61 * * * *\""),
    ("[sources.a]\npaths = ['x']\nschedule = { interval = 'weekly' }\n",
     "sources.a.schedule.interval: 'weekly' is not a duration (seconds, or e.g. \"90s\", \"15m\", \"6h\", \"1d\")"),
    ("[sources.a]\npaths = ['x']\nschedule = { interval = 60, cron = '* * * * *' }\n",
     "sources.a.schedule: give exactly one of cron or interval"),
    ("[sources.a]\nschedule = { interval = 60 }\n",
     "sources.a: empty source: give at least one of paths, urls, sitemaps, feeds"),
    ("[sources.a]\npaths = []\n", "sources.a: empty source: give at least one of paths, urls, sitemaps, feeds"),
    ("[sources.a]\nurls = ['ftp://x/y']\n", "sources.a.urls: 'ftp://x/y' is not an http(s) URL"),
    ("[sources.a]\npaths = ['x']\nbatch_size = 0\n", "sources.a.batch_size: must be a positive integer"),
    ("[sources.a]\npaths = ['x']\nrate_limit = 'fast'\n", "sources.a.rate_limit: must be a positive number"),
    ("[sources.a]\npaths = ['x']\ntopics = ['Back Pain']\n",
     "sources.a.topics: 'Back Pain' is not a topic id (snake_case, e.g. back_pain)"),
    ("[warehouse]\npath = 'x'\n[sources.a]\npaths = ['x']\n", "warehouse.path: unknown key (allowed: db)"),
    ("[source.a]\npaths = ['x']\n", "source: unknown key (allowed: sources, warehouse)"),
    ("[warehouse]\ndb = 'x'\n", "sources: no sources defined (add a [sources.<name>] table)"),
    ("[sources.a]\npaths = ['x'\n", "invalid TOML: "),
])
def test_errors_name_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(UsageError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}: {message}")
    assert "\n" not in str(info.value)


def test_unknown_source_and_missing_file(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "[sources.a]\npaths = ['x']\n[sources.b]\npaths = ['y']\n"))
    with pytest.raises(UsageError, match=r"concord.toml: no source named 'c' \(defined: a, b\)$"):
        config.source("c")
    with pytest.raises(UsageError, match="no source has a schedule"):
        build_deployments(config)
    with pytest.raises(UsageError, match=r"^no config file at .*nope.toml$"):
        load_config(tmp_path / "nope.toml")


def test_unknown_topic_is_refused_and_urls_become_flow_inputs(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, """
        [sources.a]
        paths = ["x"]
        topics = ["back_pian"]
        [sources.web]
        urls = ["https://example.org/a"]
        schedule = { interval = "1h" }
    """))
    with pytest.raises(UsageError, match=r"sources.a.topics: unknown topic 'back_pian'"):
        check_topics(config)
    assert flow_parameters(config, config.source("web"))["paths"] == ["https://example.org/a"]
