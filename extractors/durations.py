"""The duration grammar: "a week or two" → 7–14 days, "longer than 48 hours" → 2 days, open-ended.

Shapes are Matcher rules in ``rules/durations.jsonl``; this module only turns a matched span into
numbers. Every number token contributes a (low, high) pair — "two" is (2, 2), "a few" is (2, 4),
an article counts as one only when a unit follows it ("a week or two") — and the window is the
smallest low to the largest high, times the unit. A qualifier just before the span ("more than",
"within", "up to") says whether the window is open-ended; one after the span that points back
at it ("if it persists beyond that", "longer than that") opens it too.

Values take the unit that follows them, so "a few days to two weeks" is 2–14 days. A duration
that is a rate ("20 minutes a day": the "a day"; "$50 billion a year") is no duration, and one in a
sentence that reports a study (``REPORT`` cues: "participants", "follow-up", "researchers") is
marked ``reported``: a study's design, not a claim about the condition. One that ``NOT_WINDOW``
cues make a deadline to act ("within 72 hours of the first sign", "right away -- within 5
minutes") is marked ``not_window``: a timing, never an escalation window without a persistence
trigger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from extractors.errors import RuleError
from extractors.nlp import RuleMatcher, get_nlp, longest_non_overlapping, sentence_start
from extractors.rulefiles import RULES_DIR, Rule, load_jsonl_rules, load_yaml

_ARTICLES = {"a", "an"}
# Rules whose span is itself a range with both ends written out ("a few days to two weeks")
_RANGE_RULES = frozenset({"dur.vague_range", "dur.vague_to_vague", "dur.range_to_article", "dur.range_between_units"})


@dataclass(frozen=True, slots=True)
class Duration:
    start: int  # token indices into the doc
    end: int
    min_value: float
    max_value: float | None  # None: open-ended ("more than a week")
    unit: str
    min_days: float
    max_days: float | None
    bound: str  # "exact" | "open" | "point" | "max"
    rule_id: str
    qualifier_start: int  # token index of the qualifier, or ``start`` when there is none
    reported: bool = False  # in a sentence that reports a study (its design, follow-up, groups)
    not_window: bool = False  # a deadline to act, not a wait (NOT_WINDOW cues)


@dataclass(frozen=True)
class Quantities:
    numbers: dict[str, float]
    vague: dict[str, tuple[float, float]]
    units: dict[str, float]
    unit_names: dict[str, str]


@lru_cache(maxsize=1)
def load_quantities() -> Quantities:
    data = load_yaml(RULES_DIR / "quantities.yaml")
    try:
        numbers = {str(k): float(v) for k, v in data["numbers"].items()}
        vague = {str(k): (float(v[0]), float(v[1])) for k, v in data["vague"].items()}
        units = {str(k): float(v) for k, v in data["units"].items()}
        names = {str(k): str(v) for k, v in data.get("unit_names", {}).items()}
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise RuleError(f"quantities.yaml: malformed ({exc})") from None
    for low, high in vague.values():
        if low > high:
            raise RuleError("quantities.yaml: a vague range has low > high")
    return Quantities(numbers, vague, units, names)


class DurationMatcher:
    def __init__(self) -> None:
        rules = load_jsonl_rules(
            RULES_DIR / "durations.jsonl",
            labels=("DURATION", "QUALIFIER", "EXCLUDE", "REPORT", "NOT_WINDOW"),
            extra_keys={"bound": str, "after": bool, "refers_back": bool},
        )
        for rule in rules:
            if rule.label == "QUALIFIER" and rule.get("bound") not in ("open", "point", "max"):
                raise RuleError(f"durations.jsonl:{rule.line}: bound must be open, point or max")
            if rule.label == "DURATION" and rule.get("bound") not in (None, "open", "point", "max"):
                raise RuleError(f"durations.jsonl:{rule.line}: bound must be open, point or max")
        self.quantities = load_quantities()
        self.matcher = RuleMatcher(get_nlp(), rules)

    def __call__(self, doc: Doc) -> list[Duration]:
        matches = self.matcher(doc)
        excluded = {i for rule, s, e in matches if rule.label == "EXCLUDE" for i in range(s, e)}
        qualifiers: dict[int, tuple[Rule, int]] = {}
        open_after = {s for rule, s, e in matches if rule.label == "QUALIFIER" and rule.get("after")
                      and not rule.get("refers_back")}
        back_refs = sorted(s for rule, s, e in matches if rule.get("refers_back"))
        reports = [s for rule, s, e in matches if rule.label == "REPORT"]
        report_sents = {sentence_start(doc, s) for s in reports}
        # a NOT_WINDOW cue right after the duration ("... of the first sign") or ending where it
        # starts ("right away -- within ...")
        not_window_starts = {s for rule, s, e in matches if rule.label == "NOT_WINDOW" and rule.get("after")}
        not_window_ends = {e for rule, s, e in matches if rule.label == "NOT_WINDOW" and not rule.get("after")}
        for rule, s, e in matches:
            if rule.get("after"):
                continue
            best = qualifiers.get(e)
            # the longest qualifier ending right before a duration wins ("no more than" > "more than")
            if rule.label == "QUALIFIER" and (best is None or s < best[1]):
                qualifiers[e] = (rule, s)
        spans = longest_non_overlapping([m for m in matches if m[0].label == "DURATION"])
        found: list[Duration] = []
        for rule, start, end in spans:
            if any(i in excluded for i in range(start, end)):
                continue
            if rule.id == "dur.article" and start > 0 and self._is_rate(doc[start - 1]):
                continue  # "20 minutes a day", "$50 billion a year": a rate, not a duration
            qualifier = qualifiers.get(start)
            duration = self._normalise(doc[start:end], rule, qualifier)
            if duration is not None and end in open_after and duration.bound != "max":
                # "a week or more", "three days or longer": open-ended from the first value
                duration = replace(duration, max_value=None, max_days=None, bound="open")
            if duration is not None and duration.max_days is not None and self._referred_back(
                    doc, end, back_refs, [s for _, s, _ in spans]):
                # "after five days or so, but if your discomfort persists beyond that": more than it
                duration = replace(duration, max_value=None, max_days=None, bound="open")
            if duration is not None and report_sents and sentence_start(doc, start) in report_sents:
                duration = replace(duration, reported=True)
            if duration is not None and (end in not_window_starts or start in not_window_ends):
                duration = replace(duration, not_window=True)
            if duration is not None:
                found.append(duration)
        return found

    def _is_rate(self, previous: Token) -> bool:
        """Is the token before "a day" / "a year" a number or a unit ("20 minutes a day", "$50
        billion a year")?"""
        q = self.quantities
        return previous.like_num or previous.norm_ in q.units or previous.lower_ in q.units

    @staticmethod
    def _referred_back(doc: Doc, end: int, back_refs: list[int], starts: list[int]) -> bool:
        """Does a refers-back qualifier ("beyond that") follow the duration in its sentence, with
        no other duration between?"""
        sent_end = doc[end - 1].sent.end
        for ref in back_refs:
            if end <= ref < sent_end:
                return not any(end <= s < ref for s in starts)
        return False

    def _normalise(self, span: Span, rule: Rule, qualifier: tuple[Rule, int] | None) -> Duration | None:
        q = self.quantities
        unit = None
        lows: list[float] = []
        highs: list[float] = []
        units_of: list[str | None] = []  # the unit each value takes: the next unit after it
        tokens = list(span)
        for i, token in enumerate(tokens):
            lower, norm = token.lower_, token.norm_
            if norm in q.units or lower in q.units:
                unit = norm if norm in q.units else lower
                units_of += [unit] * (len(lows) - len(units_of))
                continue
            if lower in q.vague:
                low, high = q.vague[lower]
                lows.append(low)
                highs.append(high)
                continue
            if lower in _ARTICLES:
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                if nxt is not None and (nxt.norm_ in q.units or nxt.lower_ in q.units):
                    lows.append(1.0)
                    highs.append(1.0)
                continue
            value = _number(lower, q.numbers)
            if value is not None:
                lows.append(value)
                highs.append(value)
        if unit is None or not lows:
            return None
        units_of += [unit] * (len(lows) - len(units_of))
        if len(set(units_of)) > 1:  # "a few days to two weeks": in the last unit, 2/7 to 2 weeks
            lows = [v * q.units[u] / q.units[unit] for v, u in zip(lows, units_of)]
            highs = [v * q.units[u] / q.units[unit] for v, u in zip(highs, units_of)]
        low, high = min(lows), max(highs)
        if rule.id == "dur.half":
            low = high = 0.5
        elif rule.id in ("dur.n_and_a_half", "dur.unit_and_a_half"):  # "two and a half weeks"
            whole = 1.0 if tokens[0].lower_ in _ARTICLES else _number(tokens[0].lower_, q.numbers)
            if whole is None:
                return None
            low = high = whole + 0.5
        bound = "exact"
        qualifier_start = span.start
        max_value: float | None = high
        if rule.get("bound"):  # "(for) longer than2 days": the qualifier is inside the span
            qualifier = (rule, qualifier[1] if qualifier else span.start)
        if qualifier is not None:
            qrule, qstart = qualifier
            bound = qrule.get("bound")
            qualifier_start = qstart
            if bound == "open" and low == high:
                max_value = None
            elif bound == "max" and not (rule.id in _RANGE_RULES and low < high):
                low = 0.0  # "up to 2 weeks"; "no longer than a few days to two weeks" keeps its range
        factor = q.units[unit]
        name = q.unit_names.get(unit, unit)
        return Duration(
            start=span.start,
            end=span.end,
            min_value=low,
            max_value=max_value,
            unit=name,
            min_days=_days(low, factor),
            max_days=None if max_value is None else _days(max_value, factor),
            bound=bound,
            rule_id=rule.id,
            qualifier_start=qualifier_start,
        )


# A scraper glues a number to the word before a removed link: "longer than2 days", "at least3 months".
_GLUED_NUMBER = re.compile(r"^(?:than|least)(\d+(?:\.\d+)?)$")


def _number(text: str, words: dict[str, float]) -> float | None:
    if text in words and text not in _ARTICLES:
        return words[text]
    glued = _GLUED_NUMBER.match(text)
    cleaned = glued.group(1) if glued else text.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if 0 <= value < 100_000 else None


def _days(value: float, factor: float) -> float:
    return round(value * factor, 4)


@lru_cache(maxsize=1)
def get_duration_matcher() -> DurationMatcher:
    return DurationMatcher()
