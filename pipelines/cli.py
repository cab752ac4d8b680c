"""The ``concord`` command line.

Exit codes are a contract: 0 success, 1 some inputs quarantined (or an operational error such as
a locked warehouse), 2 usage errors. Every error is one line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from extractors.errors import ConcordError, InputError, UsageError
from pipelines.cli_options import DbOption, LockOption, OutFormat, Runner
from pipelines.settings import DEFAULT_DB

# Prefect reads these at import time: quiet console, no telemetry (its SQLite lock errors).
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

app = typer.Typer(
    name="concord",
    help="Extract health claims from articles into DuckDB and report where sources disagree.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class ExtractFormat(str, Enum):
    json = "json"
    text = "text"


class ParseFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


class ReportFormat(str, Enum):
    html = "html"
    md = "md"
    json = "json"




def _db(db: Path | None) -> Path:
    return db if db is not None else Path(os.environ.get("CONCORD_DB", DEFAULT_DB))


def _read_document(path: Path):
    from extractors.formats import parse_bytes
    from pipelines.processing import read_source
    from pipelines.settings import Settings

    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    return parse_bytes(read_source(str(path), Settings().max_file_bytes), str(path))


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="An article file (.txt, .md, .html, .xml, .json)")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.json,
) -> None:
    """Print what one article says: findings, escalation windows and timings (no warehouse)."""
    from extractors.extract import extract as run_extract

    result = run_extract(_read_document(path)).to_dict()
    if format is ExtractFormat.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=result["article"]["title"] or str(path))
    for column in ("kind", "concept", "text", "flags", "section"):
        table.add_column(column)
    for f in result["findings"]:
        flags = ",".join(k for k in ("negated", "hedged", "conditional") if f[k])
        table.add_row(f["kind"], f["concept"], f["text"], flags, f["section"] or "")
    for e in result["escalations"]:
        window = f"{e['min_days']:g}–{'…' if e['max_days'] is None else format_days(e['max_days'])} days"
        table.add_row("escalation", e["action"], e["text"], window, e["section"] or "")
    out.print(table)


def format_days(value: float) -> str:
    return f"{value:g}"


@app.command()
def parse(
    paths: Annotated[list[Path], typer.Argument(help="Files to parse")],
    format: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.jsonl,
) -> None:
    """Print parsed documents (title, metadata, text, sections) without touching the warehouse."""
    failed = 0
    documents = []
    for path in paths:
        try:
            documents.append(_read_document(path).to_dict())
        except InputError as exc:
            failed += 1
            err.print(f"[red]error:[/] {path}: {exc}", highlight=False)
    if format is ParseFormat.json:
        sys.stdout.write(json.dumps(documents, ensure_ascii=False, indent=2) + "\n")
    elif format is ParseFormat.jsonl:
        for doc in documents:
            doc.pop("blocks", None)
            sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
    else:
        for doc in documents:
            sys.stdout.write(f"# {doc['title'] or doc['source']}\n\n{doc['text']}\n\n")
    if failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or glob patterns")],
    db: DbOption = None,
    batch_size: Annotated[Optional[int], typer.Option(min=1, help="Documents per task run \\[default: $CONCORD_BATCH_SIZE, else 50; on Dask about four batches per worker, 50-500]")] = None,
    lock_timeout: LockOption = None,
    format: Annotated[OutFormat, typer.Option("--format", "-f")] = OutFormat.table,
    runner: Annotated[Optional[Runner], typer.Option(help="Where batches run \\[default: $CONCORD_RUNNER or thread]")] = None,
    dask_address: Annotated[Optional[str], typer.Option(help="Dask scheduler, e.g. tcp://host:8786 (implies --runner dask)")] = None,
    cache: Annotated[Optional[bool], typer.Option("--cache/--no-cache", help="Reuse extractions of unchanged files (<db>.cache/) \\[default: on]")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow fetching from loopback/private/link-local addresses")] = False,
    rate_limit: Annotated[Optional[float], typer.Option(min=0.001, help="Requests per second per host for URLs \\[default: $CONCORD_RATE_LIMIT or 1]")] = None,
) -> None:
    """Ingest articles into the warehouse (a Prefect flow run); unchanged articles are skipped."""
    from pipelines import progress
    from pipelines.settings import Settings

    settings = Settings.from_env(db=_db(db), batch_size=batch_size, lock_timeout=lock_timeout)
    _preflight(settings)
    from pipelines.flows import ingest as ingest_flow

    started = time.perf_counter()
    with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                  console=err, disable=format is OutFormat.json, transient=False) as bar:
        task_id = bar.add_task("ingest", total=None, rate="")

        def hook(done: int, total: int) -> None:
            bar.update(task_id, total=total, advance=done)
            completed = bar.tasks[0].completed
            elapsed = max(time.perf_counter() - started, 1e-6)
            bar.update(task_id, rate=f"{completed / elapsed:.1f} docs/s")

        progress.set_hook(hook)
        try:
            summary = ingest_flow(paths=list(paths), db=str(settings.db),
                                  batch_size=settings.batch_size, lock_timeout=settings.lock_timeout,
                                  runner=runner.value if runner else None, dask_address=dask_address,
                                  cache=cache,
                                  allow_private=allow_private, rate_limit=rate_limit)
        finally:
            progress.set_hook(None)
    summary["seconds"] = round(time.perf_counter() - started, 2)
    if format is OutFormat.json:
        sys.stdout.write(json.dumps(summary, ensure_ascii=False) + "\n")
    else:
        _print_summary(summary)
    if summary.get("message") and not summary["quality"]["failed"]:
        err.print(f"[yellow]warning:[/] {summary['message']}", highlight=False)
    if summary["quality"]["failed"]:
        names = ", ".join(f"{c['name']}={c['failing_rows']}" for c in summary["quality"]["failed"])
        err.print(f"[red]error:[/] data-quality checks failed: {names}", highlight=False)
        raise typer.Exit(1)
    if summary["quarantined"]:
        raise typer.Exit(1)


def _preflight(settings: Any) -> None:
    """Fail fast, with one line, on broken rules or an unusable warehouse, before Prefect starts."""
    from extractors.extract import warm_up
    from warehouse.store import Warehouse

    warm_up()
    with Warehouse.open(settings.db, lock_timeout=settings.lock_timeout):
        pass


def _print_summary(summary: dict[str, Any]) -> None:
    table = Table(title="Ingest summary", show_header=False)
    table.add_column("", style="bold")
    table.add_column("", justify="right")
    for key in ("inputs", "ingested", "unchanged"):
        table.add_row(key, str(summary[key]))
    table.add_row("quarantined", str(len(summary["quarantined"])))
    for key in ("findings", "escalations", "timings"):
        table.add_row(key, str(summary[key]))
    quality = summary.get("quality", {"checks": 0, "failed": []})
    table.add_row("quality checks", f"{quality['checks'] - len(quality['failed'])}/{quality['checks']} passed")
    table.add_row("seconds", f"{summary['seconds']:.1f}")
    table.add_row("warehouse", summary["db"])
    out.print(table)
    if summary["quarantined"]:
        q = Table(title="Quarantined")
        q.add_column("source")
        q.add_column("stage")
        q.add_column("reason")
        for item in summary["quarantined"]:
            q.add_row(item["source"], item["stage"], item["reason"])
        out.print(q)


@app.command()
def report(
    db: DbOption = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.html,
    out_file: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write here instead of stdout")] = None,
    topic: Annotated[Optional[str], typer.Option(help="Only this topic (e.g. back_pain)")] = None,
    editorial: Annotated[Optional[Path], typer.Option(help="Editorial config \\[default: ./concord-editorial.toml if present]")] = None,
    reference: Annotated[Optional[list[str]], typer.Option(help="Mark sources matching this glob as authoritative (repeatable)")] = None,
    record: Annotated[bool, typer.Option("--record/--no-record", help="Remember this report for the next one's 'changes since'")] = True,
) -> None:
    """Write the consistency report (HTML, Markdown or JSON) from the warehouse."""
    from pipelines.editorial import load_editorial
    from reports.build import render_report

    config = load_editorial(editorial, reference or [])
    text = render_report(_db(db), format.value, topic=topic, editorial=config, record=record)
    if out_file is None:
        sys.stdout.write(text)
        return
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(text, encoding="utf-8")
    err.print(f"wrote {out_file}", highlight=False)


class ReviewStatus(str, Enum):
    confirmed = "confirmed"
    dismissed = "dismissed"
    fixed = "fixed"


@app.command()
def review(
    finding_id: Annotated[str, typer.Argument(help="Finding id, as shown in the report")],
    status: Annotated[ReviewStatus, typer.Option(help="The editor's decision")],
    note: Annotated[Optional[str], typer.Option(help="Why")] = None,
    reviewer: Annotated[Optional[str], typer.Option(help="Who \\[default: $USER]")] = None,
    db: DbOption = None,
) -> None:
    """Record an editor's decision on a finding; it holds until the finding's evidence changes."""
    from warehouse.editorial import add_review
    from warehouse.store import Warehouse

    who = reviewer or os.environ.get("USER") or os.environ.get("USERNAME") or "editor"
    with Warehouse.open(_db(db)) as wh:
        result = add_review(wh, finding_id, status.value, note, who)
    out.print(f"{result['finding_id']}: {result['status']} by {result['reviewer']} — {result['summary']}",
              highlight=False)


class Split(str, Enum):
    dev = "dev"
    test = "test"
    all = "all"


@app.command()
def evaluate(
    split: Annotated[Split, typer.Option(help="Gold split: dev (tuned on), test (held out) or all")] = Split.all,
    format: Annotated[OutFormat, typer.Option("--format", "-f")] = OutFormat.table,
    errors: Annotated[bool, typer.Option("--errors", help="List false positives/negatives per article")] = False,
    gold: Annotated[Optional[Path], typer.Option(help="Gold directory \\[default: tests/gold]")] = None,
) -> None:
    """Score the extractor against the hand-annotated gold set (precision/recall/F1 per kind)."""
    from extractors import evaluation

    gold_dir = gold or evaluation.GOLD_DIR
    if not gold_dir.is_dir():
        raise UsageError(f"no gold directory at {gold_dir}")
    report = evaluation.evaluate(gold_dir, split.value)
    if format is OutFormat.json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    out.print(evaluation.render_table(report))
    if errors:
        out.print(evaluation.render_errors(report))
    for line in report.skipped:
        err.print(f"skipped {line}", highlight=False)


def _register_analyst_commands() -> None:
    from pipelines.warehouse_commands import export_command, sql_command

    from pipelines.schedule_commands import run_command, serve_command

    app.command("sql")(sql_command)
    app.command("export")(export_command)
    app.command("serve")(serve_command)
    app.command("run")(run_command)


_register_analyst_commands()


def main() -> None:
    """Console entry point: ConcordError → one line on stderr and its exit code."""
    try:
        app(standalone_mode=True)
    except ConcordError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("[red]error:[/] interrupted", highlight=False)
        sys.exit(130)
