"""Inter-annotator agreement: two independent gold annotations of the same articles, compared.

    .venv/bin/python bench/agreement.py OTHER_DIR [--gold tests/gold] [--json]

For every ``<name>.gold.json`` present in both directories, the second annotation is scored against
the first exactly as the extractor is (``extractors.evaluation``: the same items, negated findings
dropped, day ranges to 3 decimals). F1 is symmetric, so it is the agreement whichever side is called
gold; precision/recall say which annotator listed more. It tells how far the extraction targets
(F1 0.8-0.9) are from what two careful people agree on, and lists the disagreements to adjudicate
without anyone looking at the extractor's output.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractors.evaluation import (  # noqa: E402
    CATEGORIES, GOLD_DIR, ArticleResult, load_gold_file, micro_average, score_article,
)


def compare(first_dir: Path, second_dir: Path) -> list[ArticleResult]:
    results = []
    for path in sorted(Path(second_dir).glob("*.gold.json")):
        reference = Path(first_dir) / path.name
        if reference.exists():
            results.append(score_article(load_gold_file(reference), load_gold_file(path).items()))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="directory of the second annotator's *.gold.json")
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="the first annotation (default: tests/gold)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = compare(args.gold, args.other)
    if not results:
        print(f"error: no article of {args.other} is annotated in {args.gold}", file=sys.stderr)
        return 1
    totals = micro_average(results)
    if args.json:
        print(json.dumps({"articles": len(results), "totals": {c: n.to_dict() for c, n in totals.items()},
                          "disagreements": [r.to_dict() for r in results]}, indent=1))
        return 0
    table = Table(title=f"Agreement of two annotations ({len(results)} articles)")
    for column in ("category", "both", "first only", "second only", "agreement F1"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for category in CATEGORIES:
        n = totals[category]
        table.add_row(category, str(n.tp), str(n.fn), str(n.fp), f"{n.f1:.2f}")
    Console(width=160).print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
