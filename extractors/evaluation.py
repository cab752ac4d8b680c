"""Scores the extractor against the hand-annotated gold set in ``tests/gold/``.

Evaluation is set-based per article, because an editor judges an article by the list of claims
it makes, not by how often each is repeated: findings are the (kind, concept) pairs the article
affirms (a negated finding is no finding), escalation windows are (action, min_days, max_days)
tuples with an exact day range, timing claims are (subject, min_days, max_days). Counts are
micro-averaged over articles, separately for the ``dev`` split (which rules are tuned on), the
held-out ``test`` split and both together. Pure: no warehouse, no Prefect.

Gold files whose source lies under ``../shared`` are skipped (and listed) when it is absent.
"""

from __future__ import annotations

import gzip

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table

from extractors.errors import InputError
from extractors.extract import extract
from extractors.formats import parse_bytes
from extractors.records import KINDS, Extraction

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "gold"
SPLITS = ("dev", "test")
# Scored categories: one per finding kind, then windows (exact and window-only) and timings.
CATEGORIES = (*KINDS, "escalation", "escalation_window", "timing", "timing_window")
# The product targets (dev split): (category, metric) -> minimum.
TARGETS: dict[tuple[str, str], float] = {
    ("escalation", "precision"): 0.9, ("escalation", "recall"): 0.9,
    ("red_flag", "precision"): 0.85, ("red_flag", "recall"): 0.85,
    ("cause", "f1"): 0.8, ("symptom", "f1"): 0.8, ("advice", "f1"): 0.8,
}

Item = tuple[Any, ...]


class GoldError(ValueError):
    """A gold file is malformed; the message names the file."""


def day_key(days: float | None) -> float | None:
    """Days to 3 decimals (about a minute and a half), so 15 minutes is 0.0104 days either way."""
    return None if days is None else round(float(days), 3)


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    source: str
    split: str
    findings: frozenset[Item]
    escalations: frozenset[Item]
    timings: frozenset[Item]
    notes: str = ""

    def items(self) -> dict[str, frozenset[Item]]:
        return _category_items(self.findings, self.escalations, self.timings)


def _category_items(findings: Iterable[Item], escalations: Iterable[Item],
                    timings: Iterable[Item]) -> dict[str, frozenset[Item]]:
    findings, escalations, timings = set(findings), set(escalations), set(timings)
    items = {kind: frozenset((k, c) for k, c in findings if k == kind) for kind in KINDS}
    items["escalation"] = frozenset(escalations)
    items["escalation_window"] = frozenset(e[1:] for e in escalations)
    items["timing"] = frozenset(timings)
    items["timing_window"] = frozenset(t[1:] for t in timings)
    return items


def load_gold_file(path: Path) -> GoldArticle:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        split = data["split"]
        if split not in SPLITS:
            raise GoldError(f"{path.name}: split must be one of {SPLITS}, not {split!r}")
        findings = frozenset(
            (f["kind"], f["concept"]) for f in data.get("findings", []) if not f.get("negated", False)
        )
        bad = {k for k, _ in findings} - set(KINDS)
        if bad:
            raise GoldError(f"{path.name}: unknown finding kind(s) {sorted(bad)}")
        escalations = frozenset(
            (e["action"], day_key(e["min_days"]), day_key(e.get("max_days")))
            for e in data.get("escalations", [])
        )
        timings = frozenset(
            (t["subject"], day_key(t["min_days"]), day_key(t.get("max_days")))
            for t in data.get("timings", [])
        )
        name = path.name.removesuffix(".gold.json")
        return GoldArticle(name, str(data["source"]), split, findings, escalations, timings,
                           str(data.get("notes", "")))
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path.name}: malformed gold file ({exc!r})") from None


def load_gold(gold_dir: Path = GOLD_DIR) -> list[GoldArticle]:
    return [load_gold_file(p) for p in sorted(Path(gold_dir).glob("*.gold.json"))]


def predicted_items(extraction: Extraction) -> dict[str, frozenset[Item]]:
    """The extractor's output in the gold set's terms (negated findings dropped)."""
    findings = ((f.kind, f.concept) for f in extraction.findings if not f.negated)
    escalations = ((e.action, day_key(e.min_days), day_key(e.max_days)) for e in extraction.escalations)
    timings = ((t.subject, day_key(t.min_days), day_key(t.max_days)) for t in extraction.timings)
    return _category_items(findings, escalations, timings)


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        """An empty prediction set is vacuously precise; 1.0 keeps "no windows" articles neutral."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def score_sets(gold: frozenset[Item], predicted: frozenset[Item]) -> Counts:
    return Counts(tp=len(gold & predicted), fp=len(predicted - gold), fn=len(gold - predicted))


@dataclass(slots=True)
class ArticleResult:
    name: str
    split: str
    source: str
    counts: dict[str, Counts]
    false_positives: dict[str, list[Item]]
    false_negatives: dict[str, list[Item]]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "split": self.split, "source": self.source,
                "counts": {c: n.to_dict() for c, n in self.counts.items()},
                "false_positives": {c: [list(i) for i in v] for c, v in self.false_positives.items() if v},
                "false_negatives": {c: [list(i) for i in v] for c, v in self.false_negatives.items() if v}}


def score_article(gold: GoldArticle, predicted: dict[str, frozenset[Item]]) -> ArticleResult:
    expected = gold.items()
    counts, fps, fns = {}, {}, {}
    for category in CATEGORIES:
        counts[category] = score_sets(expected[category], predicted[category])
        fps[category] = sorted(predicted[category] - expected[category], key=repr)
        fns[category] = sorted(expected[category] - predicted[category], key=repr)
    return ArticleResult(gold.name, gold.split, gold.source, counts, fps, fns)


def micro_average(results: Iterable[ArticleResult]) -> dict[str, Counts]:
    totals = {category: Counts() for category in CATEGORIES}
    for result in results:
        for category, counts in result.counts.items():
            totals[category].add(counts)
    return totals


@dataclass(slots=True)
class EvaluationReport:
    split: str  # "dev" | "test" | "all"
    articles: list[ArticleResult]
    skipped: list[str] = field(default_factory=list)

    def scopes(self) -> list[str]:
        return ["dev", "test", "all"] if self.split == "all" else [self.split]

    def metrics(self, scope: str) -> dict[str, Counts]:
        chosen = self.articles if scope == "all" else [a for a in self.articles if a.split == scope]
        return micro_average(chosen)

    def target_failures(self, scope: str = "dev") -> list[str]:
        """Targets the given scope misses, as readable lines (empty when all are met)."""
        metrics = self.metrics(scope)
        failures = []
        for (category, metric), minimum in TARGETS.items():
            value = getattr(metrics[category], metric)
            if value < minimum:
                failures.append(f"{scope} {category} {metric} {value:.3f} < {minimum}")
        return failures

    def to_dict(self) -> dict[str, Any]:
        return {
            "split": self.split,
            "articles": len(self.articles),
            "skipped": self.skipped,
            "metrics": {s: {c: n.to_dict() for c, n in self.metrics(s).items()} for s in self.scopes()},
            "targets": {f"{c}.{m}": v for (c, m), v in TARGETS.items()},
            "per_article": [a.to_dict() for a in self.articles],
        }


def evaluate(gold_dir: Path = GOLD_DIR, split: str | None = None) -> EvaluationReport:
    """Run the extractor over every gold article of ``split`` (None or "all": both) and score it."""
    scope = split or "all"
    if scope not in (*SPLITS, "all"):
        raise ValueError(f"split must be one of dev, test, all; not {split!r}")
    articles, skipped = [], []
    for gold in load_gold(gold_dir):
        if scope != "all" and gold.split != scope:
            continue
        path = (ROOT / gold.source).resolve()
        if not path.is_file():
            skipped.append(f"{gold.name}: {gold.source} not found")
            continue
        try:
            data = path.read_bytes()
            if gold.source.endswith(".gz"):  # as ingestion reads them (the benchmark's pages)
                data = gzip.decompress(data)
            document = parse_bytes(data, gold.source)
        except InputError as exc:
            skipped.append(f"{gold.name}: {exc}")
            continue
        articles.append(score_article(gold, predicted_items(extract(document))))
    return EvaluationReport(scope, articles, skipped)


def render_table(report: EvaluationReport) -> Table:
    """Precision / recall / F1 per category, one column group per scope, targets marked."""
    table = Table(title=f"Concord extraction vs gold ({len(report.articles)} articles)")
    table.add_column("category")
    for scope in report.scopes():
        n = len(report.articles) if scope == "all" else sum(a.split == scope for a in report.articles)
        for metric in ("P", "R", "F1"):
            table.add_column(f"{scope} {metric}" + (f" (n={n})" if metric == "P" else ""), justify="right")
    all_metrics = {scope: report.metrics(scope) for scope in report.scopes()}
    for category in CATEGORIES:
        cells = []
        for scope in report.scopes():
            counts = all_metrics[scope][category]
            for metric in ("precision", "recall", "f1"):
                value = getattr(counts, metric)
                minimum = TARGETS.get((category, metric))
                text = f"{value:.2f}"
                if minimum is not None and scope != "test":
                    text = f"[green]{text}[/]" if value >= minimum else f"[red]{text}[/]"
                cells.append(text)
        table.add_row(category, *cells)
    return table


def render_errors(report: EvaluationReport) -> Table:
    """Per-article false positives and false negatives: the tuning worklist."""
    table = Table(title="Errors per article (FP = extracted, not in gold; FN = missed)")
    for column in ("article", "split", "category", "false positives", "false negatives"):
        table.add_column(column, overflow="fold")
    for article in report.articles:
        for category in CATEGORIES:
            fps, fns = article.false_positives[category], article.false_negatives[category]
            if category.endswith("_window") or not (fps or fns):
                continue
            table.add_row(article.name, article.split, category, _items(fps), _items(fns))
    return table


def _items(items: list[Item]) -> str:
    return ", ".join(":".join("∞" if v is None else str(v) for v in item) for item in items)
