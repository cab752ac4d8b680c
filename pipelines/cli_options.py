"""Option types shared by the ``concord`` commands, so every command spells ``--db``,
``--format table|json``, ``--runner`` and ``--lock-timeout`` the same way."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer


class OutFormat(str, Enum):
    table = "table"
    json = "json"


class Runner(str, Enum):
    thread = "thread"
    dask = "dask"


DbOption = Annotated[Optional[Path], typer.Option(
    "--db", help="DuckDB warehouse file \\[default: $CONCORD_DB or ./concord.duckdb]")]
LockOption = Annotated[Optional[float], typer.Option(
    "--lock-timeout", min=0, help="Seconds to wait while another writer holds the warehouse")]
