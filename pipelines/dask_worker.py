"""Dask worker preload: build the spaCy pipeline and every rule matcher when a worker starts.

Without it the first batch each worker receives also pays for loading the rules (~1 s), which
shows up as a slow first task in the Prefect UI and, on short runs, as worse scaling. Use it for
a standing cluster::

    dask worker tcp://scheduler:8786 --nthreads 1 --preload pipelines.dask_worker

``--runner dask`` without ``--dask-address`` passes it to the LocalCluster it starts.
"""

from __future__ import annotations

import importlib
from typing import Any

from extractors.extract import warm_up

# What running the first ingest task imports: without these the first task on each worker took
# 2.4 s instead of 0.15 s (measured with an empty batch on a standing cluster); now ~1.5 s, the
# rest being Prefect's own first task run in the process.
TASK_MODULES = ("pipelines.flows", "prefect.task_engine", "prefect_dask.client", "prefect.results",
                "prefect.events.worker", "prefect.logging.handlers")


def dask_setup(worker: Any = None) -> None:
    """Called by distributed once per worker process, before it accepts tasks."""
    warm_up()
    for name in TASK_MODULES:
        importlib.import_module(name)
