"""Print the gold-set evaluation for dev, test and all (needs ../shared for most gold articles).

Usage: ``.venv/bin/python bench/evaluate.py [--errors] [--split dev|test|all] [--json]``
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractors.evaluation import GOLD_DIR, evaluate, render_errors, render_table  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--errors", action="store_true", help="list false positives/negatives")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--gold", type=Path, default=GOLD_DIR)
    args = parser.parse_args()
    report = evaluate(args.gold, args.split)
    if args.json:
        print(json.dumps(report.to_dict(), indent=1))
        return 0
    console = Console(width=200)
    console.print(render_table(report))
    for line in report.skipped:
        console.print(f"[yellow]skipped[/] {line}")
    if args.errors:
        console.print(render_errors(report))
    failures = report.target_failures("dev")
    console.print("dev targets: " + ("[green]all met[/]" if not failures else "[red]" + "; ".join(failures) + "[/]"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
