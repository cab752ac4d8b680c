"""The gold-set scoring: set-based per article, micro-averaged, negated findings excluded, windows
exact or window-only, durations compared at day precision; plus the seeds meeting the targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.document import DocumentBuilder
from extractors.evaluation import (
    GOLD_DIR, ROOT, SPLITS, TARGETS, Counts, GoldArticle, GoldError, day_key, evaluate,
    load_gold, load_gold_file, micro_average, predicted_items, render_errors, render_table,
    score_article, score_sets,
)
from extractors.records import Escalation, Extraction, Finding, Timing


@pytest.mark.parametrize(("gold", "predicted", "expected"), [
    ({"a", "b"}, {"a", "b"}, (2, 0, 0)),
    ({"a", "b"}, {"a"}, (1, 0, 1)),
    ({"a"}, {"a", "c"}, (1, 1, 0)),
    (set(), {"c"}, (0, 1, 0)),
    ({"a"}, set(), (0, 0, 1)),
    (set(), set(), (0, 0, 0)),
])
def test_score_sets(gold: set, predicted: set, expected: tuple[int, int, int]) -> None:
    counts = score_sets(frozenset(gold), frozenset(predicted))
    assert (counts.tp, counts.fp, counts.fn) == expected


@pytest.mark.parametrize(("tp", "fp", "fn", "p", "r", "f1"), [
    (2, 0, 0, 1.0, 1.0, 1.0),
    (1, 1, 0, 0.5, 1.0, 2 / 3),
    (1, 0, 3, 1.0, 0.25, 0.4),
    (0, 2, 2, 0.0, 0.0, 0.0),
    (0, 0, 0, 1.0, 1.0, 1.0),  # nothing expected, nothing predicted: neutral
    (0, 0, 4, 1.0, 0.0, 0.0),
])
def test_precision_recall_f1(tp: int, fp: int, fn: int, p: float, r: float, f1: float) -> None:
    counts = Counts(tp, fp, fn)
    assert counts.precision == pytest.approx(p)
    assert counts.recall == pytest.approx(r)
    assert counts.f1 == pytest.approx(f1)


def test_micro_average_sums_counts_not_ratios() -> None:
    big = GoldArticle("big", "x", "dev", frozenset(("cause", c) for c in "abcdefgh"), frozenset(), frozenset())
    small = GoldArticle("small", "y", "dev", frozenset({("cause", "z")}), frozenset(), frozenset())
    predicted_big = {**_empty(), "cause": frozenset(("cause", c) for c in "abcdefgh")}
    results = [score_article(big, predicted_big), score_article(small, _empty())]
    cause = micro_average(results)["cause"]
    assert (cause.tp, cause.fn) == (8, 1)
    assert cause.recall == pytest.approx(8 / 9)  # a macro average would give 0.5


@pytest.mark.parametrize(("days", "key"), [
    (None, None), (7, 7.0), (14.0, 14.0), (0.0104, 0.01), (15 * 0.000694444, 0.01), (0.3333, 0.333),
])
def test_day_key(days: float | None, key: float | None) -> None:
    assert day_key(days) == key


def _finding(kind: str, concept: str, negated: bool = False) -> Finding:
    return Finding(kind=kind, concept=concept, label=concept, text=concept, sentence="", section=None,
                   start=0, end=1, sentence_start=0, negated=negated, hedged=False,
                   conditional=False, experiencer="reader", rule="r")


def _extraction() -> Extraction:
    document = DocumentBuilder().build("t.txt", "text")
    return Extraction(
        document,
        findings=[_finding("cause", "muscle_strain"), _finding("cause", "muscle_strain"),
                  _finding("advice", "antibiotics", negated=True), _finding("red_flag", "fever")],
        escalations=[Escalation("gp", "persists", 7, 14, "", "", None, 0, 1, 0, "r")],
        timings=[Timing("ice", "for", 15, 20, "minute", 0.0104, 0.0139, "", "", None, 0, 1, 0, "r")],
    )


def test_predicted_items_drop_negated_and_duplicates() -> None:
    items = predicted_items(_extraction())
    assert items["cause"] == {("cause", "muscle_strain")}
    assert items["advice"] == frozenset()
    assert items["red_flag"] == {("red_flag", "fever")}
    assert items["escalation"] == {("gp", 7.0, 14.0)}
    assert items["escalation_window"] == {(7.0, 14.0)}
    assert items["timing"] == {("ice", 0.01, 0.014)}


@pytest.mark.parametrize(("gold_window", "exact_tp", "window_tp"), [
    (("gp", 7, 14), 1, 1),
    (("specialist", 7, 14), 0, 1),  # right window, wrong action
    (("gp", 7, None), 0, 0),  # open-ended is a different window
    (("gp", 7, 7), 0, 0),
])
def test_escalation_exact_and_window_only(gold_window: tuple, exact_tp: int, window_tp: int) -> None:
    action, low, high = gold_window
    gold = GoldArticle("a", "x", "dev", frozenset(), frozenset({(action, day_key(low), day_key(high))}),
                       frozenset())
    result = score_article(gold, predicted_items(_extraction()))
    assert result.counts["escalation"].tp == exact_tp
    assert result.counts["escalation_window"].tp == window_tp


def test_gold_file_parsing_skips_negated_findings(tmp_path: Path) -> None:
    path = tmp_path / "x.gold.json"
    path.write_text(json.dumps({
        "source": "examples/articles/x.txt", "split": "dev",
        "findings": [{"kind": "advice", "concept": "rest", "negated": False},
                     {"kind": "advice", "concept": "antibiotics", "negated": True}],
        "escalations": [{"action": "gp", "min_days": 21, "max_days": None}],
        "timings": [], "notes": "",
    }))
    gold = load_gold_file(path)
    assert gold.findings == {("advice", "rest")}
    assert gold.escalations == {("gp", 21.0, None)}


@pytest.mark.parametrize("data", [
    {"source": "x", "split": "train", "findings": []},
    {"source": "x", "split": "dev", "findings": [{"kind": "sign", "concept": "x"}]},
    {"split": "dev"},
])
def test_malformed_gold_files_fail_with_the_file_name(tmp_path: Path, data: dict) -> None:
    path = tmp_path / "bad.gold.json"
    path.write_text(json.dumps(data))
    with pytest.raises(GoldError, match="bad.gold.json"):
        load_gold_file(path)


# --- the shipped gold set ----------------------------------------------------------------------

def test_gold_set_composition() -> None:
    gold = load_gold(GOLD_DIR)
    assert len(gold) >= 25
    assert sum(g.split == "test" for g in gold) >= 8
    assert {g.split for g in gold} == set(SPLITS)


def test_gold_concepts_exist_in_the_vocabulary() -> None:
    from extractors.vocabulary import load_vocabulary

    concepts = load_vocabulary().concepts
    unknown = {(g.name, c) for g in load_gold(GOLD_DIR) for _, c in g.findings if c not in concepts}
    assert not unknown


def test_seed_articles_meet_the_targets(tmp_path: Path) -> None:
    """Only the seeds ship with the project, so this runs everywhere (../shared not needed)."""
    seeds = [p for p in GOLD_DIR.glob("*.gold.json")
             if json.loads(p.read_text())["source"].startswith("examples/")]
    assert len(seeds) == 5
    for path in seeds:
        (tmp_path / path.name).write_text(path.read_text())
    report = evaluate(tmp_path, None)
    assert not report.skipped
    assert len(report.articles) == 5
    metrics = report.metrics("all")
    failures = [f"{c} {m} {getattr(metrics[c], m):.3f}" for (c, m), minimum in TARGETS.items()
                if getattr(metrics[c], m) < minimum]
    assert not failures


def test_report_renders() -> None:
    from rich.console import Console

    gold = next(p for p in GOLD_DIR.glob("seed-*.gold.json"))
    report = evaluate(gold.parent, "dev")
    console = Console(record=True, width=200)
    console.print(render_table(report))
    console.print(render_errors(report))
    text = console.export_text()
    assert "red_flag" in text and "escalation_window" in text
    assert set(report.to_dict()["metrics"]) == {"dev"}
    assert (ROOT / "examples").is_dir()


def _empty() -> dict[str, frozenset]:
    return predicted_items(Extraction(DocumentBuilder().build("e.txt", "text")))


def test_agreement_compares_the_second_annotation_article_by_article(tmp_path: Path) -> None:
    """bench/agreement.py scores one annotation against the other like the extractor is scored:
    identical files agree fully; a dropped finding is one 'first only' item."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("agreement", ROOT / "bench" / "agreement.py")
    agreement = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(agreement)
    second = GOLD_DIR / "agreement"
    results = agreement.compare(GOLD_DIR, second)
    tests = [g for g in load_gold(GOLD_DIR) if g.split == "test"]
    assert len(results) == len(list(second.glob("*.gold.json"))) == len(tests) == 31  # every test article
    assert {r.split for r in results} == {"test"}
    data = json.loads((GOLD_DIR / "nhs-cold.gold.json").read_text())
    kept = [f for f in data["findings"] if f["kind"] == "symptom" and not f.get("negated")]
    data["findings"] = [f for f in data["findings"] if f is not kept[0]]
    (tmp_path / "nhs-cold.gold.json").write_text(json.dumps(data))
    (only,) = agreement.compare(GOLD_DIR, tmp_path)
    assert (only.counts["symptom"].fn, only.counts["symptom"].fp) == (1, 0)
    assert only.counts["cause"].f1 == 1.0
