"""Dask preload for the scheduler and the workers of a cluster that runs Concord's ingest tasks.

Workers build the spaCy pipeline and every rule matcher, and do Prefect's one-off first-task
work, when they start; the scheduler imports the task's module. Without it the first batch
each worker receives also pays for loading the rules (~1 s) and Prefect's first task run
(~0.5 s), and the scheduler, which unpickles every submitted task graph (distributed ≥ 2023.4),
imports Prefect, spaCy and the extractors on the first submit (1.5 s on this VM, during which no
worker has anything to do). That shows up as a slow first task in the Prefect UI and, on short
runs, as worse scaling. Use it for a standing cluster::

    dask scheduler --preload pipelines.dask_preload
    dask worker tcp://scheduler:8786 --nthreads 1 --preload pipelines.dask_preload

``--runner dask`` without ``--dask-address`` passes it to the LocalCluster it starts (whose
scheduler runs in the flow process, which has imported the task already).
"""

from __future__ import annotations

import importlib
from typing import Any

# What running the first ingest task imports: without these the first task on each worker took
# 2.4 s instead of 0.15 s (measured with an empty batch on a standing cluster); ~1.5 s with them.
TASK_MODULES = ("pipelines.flows", "prefect.task_engine", "prefect_dask.client", "prefect.results",
                "prefect.events.worker", "prefect.logging.handlers")
# What unpickling a submitted task needs (the scheduler does not run it).
GRAPH_MODULES = ("pipelines.flows", "prefect_dask.client")


def dask_setup(service: Any = None) -> None:
    """Called by distributed once per worker or scheduler process, before it takes work."""
    if type(service).__name__ == "Scheduler":
        for name in GRAPH_MODULES:
            importlib.import_module(name)
        return
    from extractors.extract import warm_up

    warm_up()
    for name in TASK_MODULES:
        importlib.import_module(name)
    _warm_prefect()


def _warm_prefect() -> None:
    """The one-off work of Prefect's first task run in a process: loading the installed
    collections' entry points (a block-class lookup while rebuilding the flow's context) and
    configuring logging. Done here, the first task run's start-up drops from ~0.7 s to ~0.2 s
    (profiled with ``run_task_sync`` on a serialized context); neither contacts the API."""
    from prefect.logging.configuration import setup_logging
    from prefect.plugins import load_prefect_collections

    load_prefect_collections()
    setup_logging()
