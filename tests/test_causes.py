"""rules/causes.yaml: readings and contextual rules are validated against the vocabulary on load."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import causes
from extractors.errors import RuleError
from extractors.extract import get_concept_matcher


def _load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> causes.CauseRules:
    (tmp_path / causes.CAUSES_FILE).write_text(text, encoding="utf-8")
    monkeypatch.setattr(causes, "RULES_DIR", tmp_path)
    return causes.load_cause_rules(get_concept_matcher().vocabulary)


GOOD = """version: "2026.11.1"
readings: {nsaids: medication_side_effect}
contextual: [obesity_overweight:weight_gain]
cues: [risk factor]
treatment_cues: [treatment]
"""


def test_shipped_cause_rules_load() -> None:
    rules = causes.get_cause_rules()
    assert rules.readings["nsaids"] == "medication_side_effect"
    assert "obesity_overweight:weight_gain" in rules.contextual


def test_good_cause_rules_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _load(tmp_path, monkeypatch, GOOD).readings == {"nsaids": "medication_side_effect"}


@pytest.mark.parametrize(("bad", "message"), [
    (GOOD.replace("nsaids: medication_side_effect", "nsaids: rest"), "'rest' is not a cause concept"),
    (GOOD.replace("nsaids: medication_side_effect", "gout: medication_side_effect"), "'gout' is not an advice or red-flag concept"),
    (GOOD.replace("obesity_overweight:weight_gain", "obesity_overweight:no_such_phrase"), "unknown rule id"),
    (GOOD.replace("cues: [risk factor]", "cues: []"), "cues must be a non-empty list"),
    (GOOD + "extra: 1\n", "expected 'version'"),
    (GOOD + "list_heads: [injury_trauma:no_such_phrase]\n", "list_heads: unknown rule id"),
    (GOOD + "list_heads: [obesity_overweight:weight_gain]\n", "list_head_tails must be a non-empty list"),
    (GOOD + "list_heads: [obesity_overweight:weight_gain]\nlist_head_tails: [3]\n",
     "list_head_tails must be a non-empty list"),
    (GOOD + "symptom_readings: {poor_sleep: rest}\n", "symptom_readings must map cause concept ids"),
    (GOOD + "symptom_readings: {headache: insomnia_symptom}\n", "symptom_readings must map cause concept ids"),
    (GOOD + "symptom_readings: [poor_sleep]\n", "symptom_readings must map cause concept ids"),
    (GOOD + "section_contextual: [smoking:nicotine]\n", "section_contextual must list rule ids from contextual"),
    (GOOD + "outcome_cues: [risk of]\n", "outcome_reach must give a positive word count for each of outcome_cues"),
    (GOOD + "outcome_cues: [risk of]\noutcome_reach: {outcome_cues: 0}\noutcome_stops: [due]\n",
     "outcome_reach must give a positive word count"),
    (GOOD + "outcome_cues: [risk of]\noutcome_reach: {outcome_cues: 3, symptom_list_cues: 3}\noutcome_stops: [due]\n",
     "outcome_reach must give a positive word count"),
    (GOOD + "outcome_cues: [risk of]\noutcome_reach: {outcome_cues: 3}\n", "outcome_stops must be a non-empty list"),
    (GOOD + "lead_in_anaphora: these\n", "lead_in_anaphora must be a list of words or phrases"),
    (GOOD + "lead_in_anaphora: [these, '']\n", "lead_in_anaphora must be a list of words or phrases"),
    (GOOD + "rule_readings: [age_risk:over_65]\n", "rule_readings must map concept pattern rule ids"),
    (GOOD + "rule_readings: {age_risk:no_such_phrase: older_age}\n", "rule_readings: unknown rule id"),
    (GOOD + "rule_readings: {age_risk:over_65: rest}\n", "rule_readings: 'rest' is not a cause concept"),
])
def test_bad_cause_rules_fail_on_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        _load(tmp_path, monkeypatch, bad)
