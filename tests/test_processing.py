"""Per-document failure handling in the batch step: a document's problem is quarantined with its
reason, a broken rule set fails the run (every document would fail the same way)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extractors.errors import RuleError
from extractors.formats import parse_bytes
from pipelines import processing
from pipelines.processing import BatchOutput, extract_or_quarantine

REPO = Path(__file__).resolve().parents[1]
TEXT = b"Back pain\n\nBack pain is often caused by poor posture. See a GP if it lasts more than 6 weeks.\n"


def _document():
    return parse_bytes(TEXT, "article.txt")


def test_a_document_the_extractor_chokes_on_is_quarantined(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object) -> None:
        raise ValueError("index out of range")

    monkeypatch.setattr(processing, "extract_doc", boom)
    out = BatchOutput()
    assert extract_or_quarantine(_document(), out) is None
    assert [(q.source, q.stage, q.reason) for q in out.quarantined] == [
        ("article.txt", "extract", "internal extractor error: ValueError: index out of range")]


def test_broken_rules_fail_the_batch_instead_of_quarantining_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise RuleError("context.jsonl:45: max_scope has the wrong type (str)")

    monkeypatch.setattr(processing, "extract_doc", broken)
    out = BatchOutput()
    with pytest.raises(RuleError, match="max_scope"):
        extract_or_quarantine(_document(), out)
    assert out.quarantined == []


def test_a_good_document_is_extracted() -> None:
    out = BatchOutput()
    extraction = extract_or_quarantine(_document(), out)
    assert out.quarantined == [] and extraction is not None
    assert ("cause", "poor_posture") in {(f.kind, f.concept) for f in extraction.findings}


@pytest.mark.parametrize("command", [["run", "ex"], ["serve"]], ids=["run", "serve"])
def test_broken_rules_stop_the_command_in_one_line(tmp_path: Path, command: list[str]) -> None:
    """`concord run` and `concord serve` check the rules before Prefect starts: one line, exit 2."""
    for package in ("extractors", "pipelines", "warehouse", "reports"):
        shutil.copytree(REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    rules = tmp_path / "extractors" / "rules" / "context.jsonl"
    lines = rules.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if '"max_scope": 0' in line)
    lines[number - 1] = lines[number - 1].replace('"max_scope": 0', '"max_scope": "zero"', 1)
    rules.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_bytes(TEXT)
    (tmp_path / "concord.toml").write_text('[warehouse]\ndb = "w.duckdb"\n[sources.ex]\npaths = ["articles"]\n'
                                           'schedule = { interval = "1h" }\n')
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", "from pipelines.cli import main; main()", *command],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == f"error: context.jsonl:{number}: max_scope has the wrong type (str)\n"
    assert not (tmp_path / "w.duckdb").exists()
