"""docs/warehouse.md is generated from the live schema; it must be current and complete."""

from __future__ import annotations

import copy

import pytest

from extractors.errors import WarehouseError
from warehouse import dictionary


def test_docs_are_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    code = dictionary.main(["--check"])
    assert code == 0, capsys.readouterr().err + " (regenerate: python -m warehouse.dictionary)"


def test_every_view_column_needs_a_description() -> None:
    spec = copy.deepcopy(dictionary.load_spec())
    del spec["views"]["v_articles"]["columns"]["word_count"]
    with pytest.raises(WarehouseError, match=r"v_articles\.word_count has no description"):
        dictionary.generate(spec)


def test_stale_descriptions_fail() -> None:
    spec = copy.deepcopy(dictionary.load_spec())
    spec["views"]["v_articles"]["columns"]["retired_column"] = "gone"
    spec["views"]["v_gone"] = {"description": "x", "columns": {}}
    with pytest.raises(WarehouseError, match=r"v_articles\.retired_column is described.*v_gone"):
        dictionary.generate(spec)


def test_examples_are_documented_and_read_only() -> None:
    examples = dictionary.examples()
    assert len(examples) >= 6
    text = dictionary.DOCS.read_text(encoding="utf-8")
    for example in examples:
        assert example.question.endswith("?")
        assert example.sql in text
