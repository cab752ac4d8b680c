"""``concord serve`` and ``concord run``: the Typer command functions (registered in cli.py).

Kept out of cli.py so the scheduling commands can change without touching the core commands;
Prefect is only imported when one of them runs, so ``concord --help`` stays fast.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from pipelines.cli_options import OutFormat, Runner
from pipelines.config import DEFAULT_CONFIG

ConfigOption = Annotated[Path, typer.Option("--config", "-c", help="Sources file (TOML)")]


def serve_command(
    config: ConfigOption = Path(DEFAULT_CONFIG),
    limit: Annotated[int, typer.Option(min=1, help="Flow runs at a time (they share one DuckDB writer)")] = 1,
    keep_schedules: Annotated[bool, typer.Option(
        "--keep-schedules", help="Leave schedules active on shutdown (runs wait as Late until serve is back)")] = False,
) -> None:
    """Serve one Prefect deployment per scheduled source until interrupted (uses $PREFECT_API_URL)."""
    from pipelines import schedule

    check_rules_apart()
    schedule.serve(config, limit=limit, pause_on_shutdown=not keep_schedules)


def run_command(
    source: Annotated[str, typer.Argument(help="A source name from the config file")],
    config: ConfigOption = Path(DEFAULT_CONFIG),
    runner: Annotated[Optional[Runner], typer.Option(help="Where batches run \\[default: $CONCORD_RUNNER or thread]")] = None,
    dask_address: Annotated[Optional[str], typer.Option(help="Dask scheduler, e.g. tcp://host:8786")] = None,
    format: Annotated[OutFormat, typer.Option("--format", "-f")] = OutFormat.table,
) -> None:
    """Run one source now (same flow and parameters as its scheduled runs)."""
    from extractors.extract import warm_up
    from pipelines import schedule

    # Broken rules fail here in one line; inside the flow they would fail the run with Prefect's
    # traceback (and on Dask only once the workers had tried them).
    warm_up()
    started = time.perf_counter()
    summary = schedule.run_source(config, source, runner=runner.value if runner else None,
                                  dask_address=dask_address)
    summary["seconds"] = round(time.perf_counter() - started, 2)
    if format is OutFormat.json:
        sys.stdout.write(json.dumps(summary, ensure_ascii=False) + "\n")
    else:
        _print(summary)
    if summary["quarantined"]:
        raise typer.Exit(1)


def check_rules_apart() -> None:
    """Build and check every rule in a short-lived process, so a broken rule file stops ``serve`` in
    one line while the long-lived serving process (its runs are subprocesses that build their own)
    does not keep a spaCy pipeline in memory for weeks."""
    from extractors.errors import RuleError

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        problem = pool.submit(_rule_problem).result()
    if problem is not None:
        raise RuleError(problem)


def _rule_problem() -> str | None:
    """In the child: the rule error's one-line message, or None when every rule loads."""
    from extractors.errors import RuleError
    from extractors.extract import warm_up

    try:
        warm_up()
    except RuleError as exc:
        return str(exc)
    return None


def _print(summary: dict[str, Any]) -> None:
    table = Table(title=f"Source {summary['source']}", show_header=False)
    table.add_column("", style="bold")
    table.add_column("", justify="right")
    for key in ("status", "inputs", "ingested", "unchanged"):
        table.add_row(key, str(summary[key]))
    table.add_row("quarantined", str(len(summary["quarantined"])))
    table.add_row("findings", str(summary["findings"]))
    table.add_row("cache hits", str(summary["cache"]["hits"]))
    table.add_row("seconds", f"{summary['seconds']:.1f}")
    table.add_row("warehouse", summary["db"])
    Console().print(table)
    for item in summary["quarantined"]:
        Console(stderr=True).print(f"quarantined {item['source']} ({item['stage']}): {item['reason']}",
                                   highlight=False)
