"""Scheduled ingestion: one Prefect deployment per scheduled source in ``concord.toml``.

``serve`` registers the deployments with the Prefect API (``$PREFECT_API_URL``, else a
temporary local server that lives as long as the process) and runs their flow runs in
subprocesses until interrupted; ``run_source`` runs one source now, in this process. Both feed
the same ``ingest`` flow with the same parameters, so a manual run and a scheduled run of a
source do exactly the same thing.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from extractors.errors import UsageError
from pipelines.config import Config, Source, load_config, unknown_topics
from pipelines.settings import Settings

# Runs of the served deployments share one DuckDB file, which has a single writer; one run at a
# time per serve process keeps them from queueing on the lock (raise it with --limit).
DEFAULT_LIMIT = 1


def flow_parameters(config: Config, source: Source) -> dict[str, Any]:
    """The ``ingest`` flow's parameters for a source (JSON: they are stored with the deployment)."""
    return {
        # URLs go through the same flow: feeds and sitemaps are expanded, pages fetched with
        # conditional GET (pipelines/remote.py).
        "paths": [*source.paths, *source.urls, *source.sitemaps, *source.feeds],
        "db": str(config.db),
        "batch_size": source.batch_size or Settings.from_env().batch_size,
        "rate_limit": source.rate_limit or Settings.from_env().rate_limit,
    }


def source_tags(source: Source) -> list[str]:
    return ["concord", f"source:{source.name}", *(f"topic:{t}" for t in source.topics)]


def check_topics(config: Config) -> None:
    unknown = unknown_topics(config)
    if unknown:
        name, topic = unknown[0]
        raise UsageError(f"{config.path}: sources.{name}.topics: unknown topic {topic!r} "
                         "(not a topic of any concept in extractors/rules/concepts.yaml)")


def build_deployments(config: Config) -> list[Any]:
    """A ``RunnerDeployment`` per scheduled source, named after the source."""
    from prefect.deployments.runner import EntrypointType

    from pipelines.flows import ingest

    scheduled = config.scheduled()
    if not scheduled:
        raise UsageError(f"{config.path}: no source has a schedule; add schedule = {{ interval = \"6h\" }}"
                         " or use `concord run SOURCE`")
    deployments = []
    for source in scheduled:
        schedule = source.schedule
        assert schedule is not None
        deployments.append(ingest.to_deployment(
            name=source.name,
            parameters=flow_parameters(config, source),
            interval=timedelta(seconds=schedule.interval) if schedule.interval else None,
            cron=schedule.cron,
            tags=source_tags(source),
            description=f"Ingest source {source.name!r} from {config.path} ({schedule.describe()}).",
            # By module, not by file: served runs import pipelines.flows from any working dir.
            entrypoint_type=EntrypointType.MODULE_PATH,
        ))
    return deployments


def serve(config_path: Path | str, limit: int | None = DEFAULT_LIMIT,
          pause_on_shutdown: bool = True) -> None:
    """Register every scheduled source and execute its runs until interrupted (Ctrl-C/SIGTERM)."""
    from prefect import serve as prefect_serve

    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    config = load_config(config_path)
    check_topics(config)
    deployments = build_deployments(config)
    prefect_serve(*deployments, limit=limit, pause_on_shutdown=pause_on_shutdown)


def run_source(config_path: Path | str, name: str, **overrides: Any) -> dict[str, Any]:
    """Run one source now, in this process (a normal flow run, visible in the Prefect UI)."""
    from prefect import tags

    from pipelines.flows import ingest

    config = load_config(config_path)
    source = config.source(name)
    check_topics(config)
    parameters = {**flow_parameters(config, source), **{k: v for k, v in overrides.items() if v is not None}}
    with tags(*source_tags(source)):
        summary = ingest.with_options(flow_run_name=f"{name}-manual")(**parameters)
    summary["source"] = name
    return summary
