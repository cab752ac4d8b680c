"""Fuzz the parsers and the extractor with the property checks of tests/test_properties.py.

``make test`` runs 200 examples per property; this runs 10,000 (``--examples``) and prints, per
property, how many inputs were tried, how many parsed vs. were refused with ``InputError``, and
every failure hypothesis found (shrunk to a minimal input). Exit code 1 if anything failed.

    .venv/bin/python bench/fuzz.py --examples 10000
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import test_properties as props  # noqa: E402


def _run(name: str, strategy: st.SearchStrategy[Any], check: Callable[[Any], Any], examples: int,
         seed: int) -> tuple[Counter[str], list[str]]:
    counts: Counter[str] = Counter()
    failures: list[str] = []

    def counted(value: Any) -> None:
        counts["tried"] += 1
        outcome = check(value)
        counts["parsed" if outcome is not None else "refused or no document"] += 1

    profile = settings(max_examples=examples, deadline=None, database=None,
                       suppress_health_check=list(HealthCheck))
    test = settings(profile)(given(strategy)(counted))
    try:
        from hypothesis import seed as hypothesis_seed
        hypothesis_seed(seed)(test)()
    except Exception as exc:  # hypothesis re-raises the shrunk failing example
        failures.append("".join(traceback.format_exception_only(type(exc), exc)).strip())
    return counts, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000, help="inputs per property")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    def parse_and_extract(doc: tuple[bytes, str]) -> Any:
        document = props.check_parse(*doc)
        if document is not None:
            props.check_offsets(document)
        return document

    properties = [
        ("parsers raise only InputError", props.documents(), lambda d: props.check_parse(*d)),
        ("offsets point at the quoted text", st.one_of(
            props.markup.map(lambda t: (t.encode(), "p.html")), props.words.map(lambda t: (t.encode(), "p.md")),
            st.text(max_size=400).map(lambda t: (t.encode("utf-8", "replace"), "p.txt"))), parse_and_extract),
        ("duration windows ordered, non-negative",
         props.duration_sentences().map(lambda s: (s.encode(), "s.txt")), parse_and_extract),
    ]
    failed = 0
    for name, strategy, check in properties:
        started = time.perf_counter()
        counts, failures = _run(name, strategy, check, args.examples, args.seed)
        failed += len(failures)
        print(f"{name}: {counts['tried']:,} inputs, {dict(counts)} in {time.perf_counter() - started:.0f}s, "
              f"{len(failures)} failure(s)")
        for failure in failures:
            print("  FAIL", failure.replace("\n", "\n       "))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
