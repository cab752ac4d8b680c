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


# --- seek-help phrasings that generalise across publishers --------------------------------------

# Each bullet sits under a "See a GP if:" heading; the red flag must be found whatever the publisher's
# wording (contractions split by the tokenizer, US spellings, severity with a body part in between).
SEEK_HELP_PHRASINGS = [
    ("the diarrhoea doesn't go away", "symptoms_not_improving"),
    ("your symptoms don’t go away after 4 days", "symptoms_not_improving"),
    ("you have shoulder pain and stiffness that doesn’t go away", "pain_not_improving"),
    ("you have hip pain that lasts longer than a few days", "pain_not_improving"),
    ("your nosebleed lasts longer than 20 minutes", "symptoms_not_improving"),
    ("other treatments haven't helped", "symptoms_not_improving"),
    ("you have persistent nausea or vomiting", "symptoms_not_improving"),
    ("you have severe joint pain", "severe_pain"),
    ("your child has severe stomach ache", "severe_pain"),
    ("the sore throat is so painful it's difficult to eat or drink", "severe_pain"),
    ("you can't bear weight on your leg", "difficulty_walking_standing"),
    ("you have neck pain following a road traffic accident or a fall", "pain_after_trauma"),
    ("you've experienced a serious injury", "pain_after_trauma"),
    ("you have dizziness or visual disturbance", "vision_changes"),
    ("you're losing weight for no reason", "unexplained_weight_loss"),
    ("you have no appetite and you're losing weight", "unexplained_weight_loss"),
    ("you have black, tarry or bloody stools", "blood_in_stool"),
    ("you have trouble breathing", "difficulty_breathing"),
    ("you notice blood in the urine", "blood_in_urine"),
    ("the joint is completely immobile", "reduced_range_of_motion"),
    ("it feels hot", "skin_red_hot_swollen"),
    ("you feel very sick and keep vomiting", "nausea"),
    ("you have any changes in your voice", "hoarse_voice"),
]


@pytest.mark.parametrize(("bullet", "concept"), SEEK_HELP_PHRASINGS, ids=[p[0][:40] for p in SEEK_HELP_PHRASINGS])
def test_seek_help_phrasings_are_red_flags(bullet: str, concept: str) -> None:
    result = run_md(f"# Condition\n\n## See a GP if:\n\n- {bullet}\n")
    assert ("red_flag", concept) in findings(result)


def test_alternatives_joined_by_or_are_each_a_red_flag() -> None:
    """"Dizziness or visual disturbance" names two reasons to seek help; "severe back pain" one."""
    result = run_md("# Neck pain\n\n## When to seek help\n\n- dizziness or visual disturbance\n"
                    "- difficulty swallowing or any changes in your voice\n- severe back pain\n")
    found = findings(result)
    assert {("red_flag", "dizziness"), ("red_flag", "vision_changes"),
            ("red_flag", "difficulty_swallowing"), ("red_flag", "hoarse_voice")} <= found
    assert ("red_flag", "back_pain") not in found


def test_severe_pain_that_does_not_improve_with_rest_is_two_red_flags() -> None:
    result = run_text("See a doctor if you have severe pain that doesn’t improve with rest.")
    assert {("red_flag", "severe_pain"), ("red_flag", "pain_not_improving")} <= findings(result)


def test_relative_clause_of_persistence_is_a_window() -> None:
    text = "Neck pain that has been present for more than two to three weeks without improvement warrants a professional assessment."
    assert windows(run_text(text)) == {("gp", 14, 21)}


def test_a_and_e_at_the_end_of_a_sentence() -> None:
    result = run_md("# Diarrhoea\n\nIf you can’t get hold of your GP, go to A&E. Drink plenty of fluids.\n")
    assert ("advice", "emergency_care") in findings(result)
    assert ("advice", "hydration") in findings(result)


def test_condition_under_a_seek_help_heading_is_not_a_cause() -> None:
    text = "# Cold\n\n## See your GP if:\n\n- you have a long-term medical condition, for example diabetes\n"
    result = run_md(text)
    assert ("cause", "diabetes") not in findings(result)
    assert ("red_flag", "long_term_condition") in findings(result)


@pytest.mark.parametrize(("text", "concept"), [
    ("Joint pain can be caused by bursitis.", "bursitis"),
    ("Joint pain can be caused by gout.", "gout"),
    ("Osteonecrosis, or avascular necrosis, can cause hip pain.", "osteonecrosis"),
    ("Causes of sciatica include a ruptured intervertebral disk.", "herniated_disc"),
    ("Narrowing of the spinal canal puts pressure on the nerve.", "nerve_compression"),
    ("Diarrhoea is usually caused by a bowel infection.", "gastroenteritis"),
    ("Bursitis can be caused by posture problems.", "poor_posture"),
    ("Tendonitis is often due to too much exercise.", "overexertion"),
])
def test_cause_vocabulary(text: str, concept: str) -> None:
    assert ("cause", concept) in findings(run_text(text))


def test_joint_pain_is_a_symptom() -> None:
    assert ("symptom", "joint_pain") in findings(run_text("Joint pain is a common complaint."))


def test_trigger_overlaps_the_symptom_it_is_about() -> None:
    """The not-improving trigger and its subject are both findings; "with rest" inside the trigger
    is not rest advice, and the symptom is not promoted to a second red flag."""
    result = run_md("# Back pain\n\n## See a GP if:\n\n- your back pain doesn’t improve with rest\n")
    found = findings(result)
    assert {("symptom", "back_pain"), ("red_flag", "pain_not_improving")} <= found
    assert ("advice", "rest") not in found
    assert ("red_flag", "back_pain") not in found


def test_definition_with_a_relative_clause_is_not_a_window() -> None:
    result = run_md("# Back pain\n\n## When to see a doctor\n\nBack pain that lasts longer than 12 weeks is called chronic.\n")
    assert not result.escalations
