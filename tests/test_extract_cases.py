"""Sentence-level behaviour of the extractor: the duration grammar, escalation windows versus
timing claims, negation / hedging / conditionals and section awareness.

Each case is a tiny article, so a failure names the exact phrasing that regressed.
"""

from __future__ import annotations

import pytest

from extractors.extract import extract
from extractors.markdown import parse_markdown
from extractors.plaintext import parse_plaintext
from extractors.records import Extraction


def run_text(text: str) -> Extraction:
    return extract(parse_plaintext(text.encode("utf-8"), "case.txt"))


def run_md(text: str) -> Extraction:
    return extract(parse_markdown(text.encode("utf-8"), "case.md"))


def windows(result: Extraction) -> set[tuple[str, float | None, float | None]]:
    return {(e.action, e.min_days, e.max_days) for e in result.escalations}


def findings(result: Extraction, *, negated: bool = False) -> set[tuple[str, str]]:
    return {(f.kind, f.concept) for f in result.findings if f.negated == negated}


def finding(result: Extraction, concept: str):
    matches = [f for f in result.findings if f.concept == concept]
    assert matches, f"{concept} not found in {[f.concept for f in result.findings]}"
    return matches[0]


# --- duration grammar and escalation windows ----------------------------------------------------

WINDOWS = [
    ("If back pain lasts for more than two to three weeks, see a doctor.", ("gp", 14, 21)),
    ("If it hasn't improved in a week or two, you should see a doctor.", ("gp", 7, 14)),
    ("See your GP if the pain has not improved after 10 to 14 days.", ("gp", 10, 14)),
    ("If the pain is still there after six weeks, ask your GP to refer you to a physiotherapist.",
     ("specialist", 42, 42)),
    ("Call a doctor if the fever lasts longer than 48 hours.", ("gp", 2, None)),
    ("See a doctor if your symptoms don't improve after five days.", ("gp", 5, 5)),
    ("If the pain persists for a fortnight, see your GP.", ("gp", 14, 14)),
    ("If your back pain continues for more than a couple of days, contact your doctor.", ("gp", 2, None)),
    ("Go to A&E if you have not peed for 8 hours.", ("emergency", 0.3333, 0.3333)),
    # "See a GP if" is also an advice concept; its "if" still makes the sentence a condition
    ("See a GP if your back pain lasts more than a week or two.", ("gp", 7, 14)),
    ("A doctor should be consulted if a child needs the spray for more than two months.", ("gp", 60, None)),
    ("Call your healthcare provider if mild pain lasts a week or more.", ("gp", 7, None)),
    ("See a GP if your muscle strain has not improved after three days.", ("gp", 3, 3)),
]


@pytest.mark.parametrize(("text", "expected"), WINDOWS, ids=[w[0][:40] for w in WINDOWS])
def test_escalation_windows(text: str, expected: tuple) -> None:
    result = run_text(text)
    assert windows(result) == {expected}
    assert not result.timings


TIMINGS = [
    ("Muscle soreness usually lasts a couple of days.", (2, 2)),
    ("Pain lasting longer than 12 weeks is called chronic.", (84, None)),
    ("Apply ice for 15–20 minutes at a time.", (0.0104, 0.0139)),
    ("Take painkillers for no more than three days.", (0, 3)),
    ("You should be able to have surgery within 18 weeks of your GP appointment.", (126, 126)),
    ("Most coughs go away on their own within 3 weeks.", (21, 21)),
    ("Acute back pain generally lasts a week or two.", (7, 14)),
    ("A flare-up usually settles in two and a half weeks.", (17.5, 17.5)),
    ("Each session lasts about an hour and a half.", (0.0625, 0.0625)),
]


@pytest.mark.parametrize(("text", "expected"), TIMINGS, ids=[t[0][:40] for t in TIMINGS])
def test_timing_claims_are_not_windows(text: str, expected: tuple) -> None:
    result = run_text(text)
    assert not result.escalations
    assert [(t.min_days, t.max_days) for t in result.timings] == [expected]


# Sentences from the real corpora that were once (wrongly) escalation windows: news and
# trial reports that mention doctors, statements of the usual course under a "When to see a
# doctor" heading, and a peak ("at their worst 5 days after").
NOT_WINDOWS = [
    "Doctors want to see how patients fare on the devices over several years.",
    "A week later, pathology tests came back and the surgeons had removed all of it.",
    "Though his pain returned after four months, his doctors report that it has remained normal for three years.",
    "Each session lasts for about an hour, and the patient speaks about their experience with a clinician.",
    "Even if you feel better after a few days, talk with your doctor before stopping an antibiotic.",
    "A health care provider uses this measurement to estimate the albumin passed over a 24-hour period.",
]


@pytest.mark.parametrize("text", NOT_WINDOWS, ids=[t[:40] for t in NOT_WINDOWS])
def test_mentions_of_doctors_are_not_windows(text: str) -> None:
    assert not run_text(text).escalations


SEEK_HELP_COURSE = """# Diarrhoea

## When to call a doctor

Most cases of acute diarrhoea are self-resolving, and symptoms will improve within a few days.

Symptoms are usually at their worst 5 days after you first notice them.

Back pain that lasts longer than 12 weeks is called chronic.

If you have symptoms for more than 2 days, you should see a doctor.
"""


def test_usual_course_under_a_seek_help_heading_is_timing_not_window() -> None:
    result = run_md(SEEK_HELP_COURSE)
    assert windows(result) == {("gp", 2, None)}
    assert sorted((t.min_days, t.max_days) for t in result.timings) == [(2, 4), (5, 5), (84, None)]


AGES_AND_FREQUENCIES = """# Diarrhoea in children

Take your baby or toddler to the GP urgently if they:

- have a high temperature - over 38C (under 3 months), over 39C (3 to 6 months)
- had 6 or more bouts of diarrhoea in the past 24 hours
- have had thrush more than twice in 6 months
- have periods more than 35 days apart
- still have diarrhoea after 5 to 7 days
"""


def test_ages_look_back_windows_and_frequencies_are_not_durations() -> None:
    result = run_md(AGES_AND_FREQUENCIES)
    assert windows(result) == {("urgent", 5, 7)}
    assert not result.timings


def test_timing_subject_is_the_nearest_concept() -> None:
    result = run_text("Apply an ice pack for 15 minutes, then rest.")
    assert [t.subject for t in result.timings] == ["ice"]


@pytest.mark.parametrize("text", [
    "He is a 74-year-old man with back pain.",
    "Do the stretches 3 times a day.",
    "This is a 5 min read.",
])
def test_non_durations_are_ignored(text: str) -> None:
    result = run_text(text)
    assert not result.timings and not result.escalations


# --- negation, hedging, conditionals -----------------------------------------------------------

MODIFIERS = [
    ("The scan showed no herniated disc.", "herniated_disc", "negated", True),
    ("There is no numbness or tingling.", "numbness", "negated", True),
    ("Avoid bed rest.", "bed_rest", "negated", True),
    ("Take ibuprofen for no more than three days.", "nsaids", "negated", False),
    ("Back pain after lifting is usually caused by a muscle strain.", "muscle_strain", "negated", False),
    ("Back pain may be caused by a herniated disc.", "herniated_disc", "hedged", True),
    ("Pain down the leg could be a sign of sciatica.", "sciatica", "hedged", True),
    ("If you experience numbness in your arms, see a doctor.", "numbness", "conditional", True),
    ("Poor posture strains the neck.", "poor_posture", "hedged", False),
]


@pytest.mark.parametrize(("text", "concept", "attribute", "expected"), MODIFIERS,
                         ids=[m[0][:40] for m in MODIFIERS])
def test_context_modifiers(text: str, concept: str, attribute: str, expected: bool) -> None:
    assert getattr(finding(run_text(text), concept), attribute) is expected


def test_conditional_numbness_with_a_doctor_is_a_red_flag() -> None:
    result = run_text("If you experience numbness in your arms, see a doctor.")
    assert ("red_flag", "numbness") in findings(result)


def test_cue_inside_a_concept_phrase_does_not_negate_the_sentence() -> None:
    result = run_text("See a doctor for back pain that doesn't improve with rest.")
    assert ("symptom", "back_pain") in findings(result)


# --- section awareness -------------------------------------------------------------------------

SEEK_HELP = """# Back pain

Back pain is common.

## See a GP if:

- you have pain radiating down your leg
- you have severe back pain
- your back pain gets worse
- the pain has not improved after 2 weeks
"""


def test_bullets_under_seek_help_heading_are_red_flags_without_cue_words() -> None:
    result = run_md(SEEK_HELP)
    found = findings(result)
    assert ("red_flag", "radiating_pain") in found
    assert ("red_flag", "severe_pain") in found
    assert windows(result) == {("gp", 14, 14)}


def test_generic_symptom_beside_a_red_flag_is_not_promoted() -> None:
    found = findings(run_md(SEEK_HELP))
    assert ("red_flag", "back_pain") not in found
    assert ("symptom", "back_pain") in found


def test_symptom_outside_seek_help_stays_a_symptom() -> None:
    result = run_md("# Back pain\n\n## Symptoms\n\n- pain radiating down your leg\n")
    assert findings(result) >= {("symptom", "radiating_pain")}
    assert not any(f.kind == "red_flag" for f in result.findings)


def test_contextual_red_flag_outside_seek_help_is_not_a_finding() -> None:
    result = run_text("In the study, 320 adults with moderate to severe back pain took yoga classes.")
    assert not any(f.concept == "severe_pain" for f in result.findings)


def test_lead_in_paragraph_makes_its_list_seek_help() -> None:
    result = run_md("# Neck pain\n\nContact a doctor if:\n\n- you have a high temperature\n- you have pain radiating down your arm\n")
    assert {("red_flag", "fever"), ("red_flag", "radiating_pain")} <= findings(result)


def test_pharmacist_section_does_not_promote_symptoms() -> None:
    text = "# Cold\n\n## Your pharmacist can help\n\nYou can:\n\n- relieve a blocked nose with decongestant sprays\n"
    result = run_md(text)
    assert ("symptom", "runny_blocked_nose") in findings(result)
    assert not any(f.kind == "red_flag" for f in result.findings)


def test_bullets_under_causes_heading_are_causes() -> None:
    result = run_md("# Back pain\n\n## What causes back pain\n\n- lifting too much weight\n- poor posture\n")
    assert {("cause", "lifting_too_much_weight"), ("cause", "poor_posture")} <= findings(result)


def test_dont_list_negates_advice() -> None:
    result = run_md("# Tendonitis\n\n### Do\n\n- warm up before exercising\n\n### Don't\n\n- use heat packs\n- have a massage\n")
    assert ("advice", "warm_up") in findings(result)
    assert {("advice", "heat"), ("advice", "massage")} <= findings(result, negated=True)


def test_title_is_not_a_seek_help_heading() -> None:
    result = run_md("# Back pain after lifting: when to stop\n\n- muscle spasm\n")
    assert ("symptom", "muscle_spasm") in findings(result)


def test_referral_to_a_specialist_beats_the_gp_who_refers() -> None:
    text = "# Sinusitis\n\nYour GP may refer you to a specialist if:\n\n- you've had sinusitis for longer than 3 months\n"
    assert windows(run_md(text)) == {("specialist", 90, None)}


def test_it_has_not_improved_is_the_not_improving_red_flag() -> None:
    """"If it hasn't improved in a week or two, see a doctor" states the same red flag as "pain
    that doesn't improve with rest"; without it the report claimed the article omitted it."""
    result = run_text("If it hasn't improved in a week or two, you should definitely see a doctor!")
    assert ("red_flag", "pain_not_improving") in findings(result)
