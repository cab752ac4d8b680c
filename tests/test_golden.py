"""Golden files: the extraction of each seed article, reviewed by hand.

When a rule change alters the output on purpose, regenerate with
``CONCORD_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py`` and review the diff
(``git diff tests/golden``) before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from extractors.extract import extract
from extractors.formats import parse_bytes

GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
SEEDS = sorted(EXAMPLES.glob("*.txt"))


def _extraction(path: Path) -> dict:
    data = extract(parse_bytes(path.read_bytes(), str(path))).to_dict()
    data["article"]["source"] = path.name  # machine-independent
    return data


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_matches_golden(path: Path) -> None:
    expected_file = GOLDEN / f"{path.stem}.expected.json"
    actual = _extraction(path)
    if os.environ.get("CONCORD_REGENERATE_GOLDEN"):
        expected_file.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    assert actual["article"] == expected["article"]
    assert actual["escalations"] == expected["escalations"]
    assert actual["findings"] == expected["findings"]
    assert actual["timings"] == expected["timings"]


@pytest.mark.parametrize(
    ("stem", "window"),
    [
        ("doctor-qa-neck-back-pain-weightlifting", ("gp", 7.0, 14.0)),
        ("listicle-back-pain-after-exercise", ("gp", 7.0, 14.0)),
        ("spine-surgeon-neck-back-pain-exercise", ("specialist", 14.0, 21.0)),
    ],
)
def test_brief_escalation_windows(stem: str, window: tuple[str, float, float]) -> None:
    """The windows the product was specified from: "a week or two" and "two to three weeks"."""
    data = _extraction(EXAMPLES / f"{stem}.txt")
    found = {(e["action"], e["min_days"], e["max_days"]) for e in data["escalations"]}
    assert window in found
