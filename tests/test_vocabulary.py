"""The shipped concept vocabulary loads, covers what the brief requires, and bad files fail with
a one-line ``<file>:<line>: <problem>`` RuleError (the CLI shows exactly that line)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest
import spacy
from spacy.lookups import load_lookups
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans

from extractors.errors import RuleError
from extractors.vocabulary import (
    KINDS,
    Vocabulary,
    load_vocabulary,
    phrase_slug,
    rule_id_for,
)

ARTICLES = Path(__file__).resolve().parents[1] / "examples" / "articles"

REQUIRED = {
    "cause": [
        "muscle_strain", "ligament_sprain", "poor_posture", "improper_lifting_technique", "overexertion",
        "lifting_too_much_weight", "insufficient_warm_up", "repetitive_stress", "weak_core_muscles",
        "muscular_imbalance", "herniated_disc", "degenerative_disc_disease", "sciatica", "nerve_compression",
        "spondylolysis_spondylolisthesis", "dehydration", "prolonged_sitting", "psychological_stress",
        "poor_sleep", "sleeping_position", "arthritis", "injury_trauma", "doms",
    ],
    "symptom": [
        "stiffness", "reduced_range_of_motion", "muscle_spasm", "sharp_pain", "dull_ache", "tightness",
        "soreness", "radiating_pain", "numbness", "tingling", "weakness", "headache", "fever",
    ],
    "advice": [
        "rest", "relative_rest", "keep_active", "bed_rest", "ice", "heat", "rice", "nsaids", "paracetamol",
        "otc_pain_relief", "stretching", "core_strengthening", "gradual_progression", "warm_up", "cool_down",
        "proper_form", "lifting_belt", "see_physiotherapist", "personal_trainer", "massage", "foam_rolling",
        "yoga_pilates", "hydration", "good_posture", "sleep_position_pillow", "listen_to_body",
    ],
    "red_flag": [
        "bladder_bowel_dysfunction", "saddle_numbness", "leg_numbness_tingling_weakness",
        "unexplained_weight_loss", "pain_after_trauma", "night_pain", "severe_pain", "pain_not_improving",
        "difficulty_walking_standing", "chest_pain", "history_of_cancer",
    ],
}


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return load_vocabulary()


# --- the shipped vocabulary --------------------------------------------------------------------


def test_counts_per_kind(vocab: Vocabulary) -> None:
    counts = Counter(c.kind for c in vocab.concepts.values())
    assert set(counts) == set(KINDS)
    assert 150 <= len(vocab.concepts) <= 260
    assert counts["cause"] >= 40 and counts["symptom"] >= 40
    assert counts["advice"] >= 40 and counts["red_flag"] >= 30
    assert len(vocab.patterns) > 4 * len(vocab.concepts)
    assert vocab.excludes and all(p.concept_id.startswith("exclude.") for p in vocab.excludes)


def test_required_concepts_exist_with_their_kind(vocab: Vocabulary) -> None:
    for kind, ids in REQUIRED.items():
        for concept_id in ids:
            assert concept_id in vocab.concepts, concept_id
            assert vocab.concepts[concept_id].kind == kind, concept_id


def test_every_concept_has_a_pattern_and_labels_match(vocab: Vocabulary) -> None:
    with_pattern = {p.concept_id for p in vocab.patterns}
    assert with_pattern == set(vocab.concepts)
    for pattern in vocab.patterns:
        assert pattern.label == vocab.concepts[pattern.concept_id].kind


def test_rule_ids_are_unique_and_stable(vocab: Vocabulary) -> None:
    rule_ids = [p.rule_id for p in vocab.patterns + vocab.excludes]
    assert len(rule_ids) == len(set(rule_ids))
    assert rule_id_for("muscle_strain", "Muscle strain") == "muscle_strain:muscle_strain"
    assert phrase_slug("over-the-counter pain relievers") == "over-the-counter_pain_relievers"
    assert phrase_slug("over the counter") != phrase_slug("over-the-counter")
    token_pattern = [{"NORM": "rest"}]
    assert rule_id_for("rest", token_pattern) == "rest:t" + hashlib.sha1(b'[{"NORM":"rest"}]').hexdigest()[:8]
    by_rule = {p.rule_id: p for p in vocab.patterns}
    assert by_rule["herniated_disc:slipped_disc"].concept_id == "herniated_disc"


def test_escalating_symptoms(vocab: Vocabulary) -> None:
    for concept_id in ("fever", "numbness", "tingling", "weakness", "neck_stiffness"):
        assert vocab.concepts[concept_id].kind == "symptom"
        assert vocab.concepts[concept_id].escalates_to == "red_flag"
    assert all(c.escalates_to in (None, *KINDS) for c in vocab.concepts.values())


def test_codes_are_well_formed_and_spot_checked(vocab: Vocabulary) -> None:
    assert vocab.concepts["muscle_strain"].codes == {"umls": "C0080194"}
    assert vocab.concepts["sciatica"].codes["umls"] == "C0036396"
    assert vocab.concepts["fever"].codes["umls"] == "C0015967"
    coded = [c for c in vocab.concepts.values() if c.codes]
    assert len(coded) >= 40


def test_vocabulary_extension_of_2026_12_08(vocab: Vocabulary) -> None:
    """The 14 ids pre-registered in tests/gold/README.md, with their kinds and the CUIs of their
    MedQuAD focus annotations."""
    kinds = {"genetics_family_history": "cause", "older_age": "cause", "weakened_immunity": "cause",
             "high_blood_pressure": "cause", "hormonal_changes": "cause", "kidney_stones": "cause",
             "acid_reflux": "cause", "fungal_infection": "cause", "tinnitus": "symptom", "sweating": "symptom",
             "irritability": "symptom", "bruising": "symptom", "difficulty_speaking": "red_flag",
             "anaphylaxis": "red_flag"}
    for concept_id, kind in kinds.items():
        assert vocab.concepts[concept_id].kind == kind, concept_id
    assert vocab.concepts["high_blood_pressure"].codes["umls"] == "C0020538"
    assert vocab.concepts["acid_reflux"].codes["umls"] == "C0017168"
    assert vocab.concepts["tinnitus"].codes["umls"] == "C0040264"
    assert vocab.concepts["anaphylaxis"].codes["umls"] == "C0002792"


def test_loader_is_cached_per_path(vocab: Vocabulary) -> None:
    assert load_vocabulary() is vocab
    assert vocab.concepts["rest"].label == "Rest"
    with pytest.raises(TypeError):
        vocab.concepts["rest"] = vocab.concepts["ice"]  # type: ignore[index]


def test_token_patterns_compile_in_a_matcher(vocab: Vocabulary) -> None:
    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab, validate=True)
    for pattern in vocab.patterns + vocab.excludes:
        if not isinstance(pattern.pattern, str):
            matcher.add(pattern.rule_id, [pattern.pattern])
    assert len(matcher) > 0


# --- matching the seed articles ------------------------------------------------------------------


@pytest.fixture(scope="module")
def find_concepts(vocab: Vocabulary):
    """A minimal stand-in for the matching engine: PhraseMatcher + Matcher on NORM; excludes remove
    overlapping concept matches, then the longest match wins (spaCy's ``filter_spans``)."""
    nlp = spacy.blank("en")
    lemmas = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")

    def make(text: str):
        doc = nlp.make_doc(text)
        for token in doc:
            token.norm_ = lemmas.get(token.lower_, token.lower_)
        return doc

    phrases = PhraseMatcher(nlp.vocab, attr="NORM")
    tokens = Matcher(nlp.vocab)
    for item in vocab.patterns + vocab.excludes:
        if isinstance(item.pattern, str):
            phrases.add(item.concept_id, [make(item.pattern)])
        else:
            tokens.add(item.concept_id, [item.pattern])

    def find(text: str) -> Counter[str]:
        doc = make(text)
        spans = [(start, end, nlp.vocab.strings[key]) for key, start, end in phrases(doc) + tokens(doc)]
        excluded = [(s, e) for s, e, cid in spans if cid.startswith("exclude.")]
        kept = [
            Span(doc, start, end, label=cid)
            for start, end, cid in spans
            if not cid.startswith("exclude.") and not any(s < end and start < e for s, e in excluded)
        ]
        return Counter(span.label_ for span in filter_spans(kept))

    return find


EXPECTED = {
    "spine-surgeon-neck-back-pain-exercise.txt": {
        "herniated_disc", "degenerative_disc_disease", "sciatica", "leg_numbness_tingling_weakness", "neck_pain",
        "pain_after_trauma", "core_strengthening", "see_doctor",
    },
    "clinic-blog-back-pain-when-to-stop.txt": {
        "bladder_bowel_dysfunction", "improper_lifting_technique", "muscular_imbalance", "poor_posture",
        "stiffness", "reduced_range_of_motion", "muscle_spasm", "lifting_belt", "gradual_progression",
        "leg_numbness_tingling_weakness", "difficulty_walking_standing", "see_physiotherapist", "pain_not_improving",
        "core_strengthening", "listen_to_body",
    },
    "listicle-back-pain-after-exercise.txt": {
        "bladder_bowel_dysfunction", "doms", "ice", "heat", "nsaids", "foam_rolling", "yoga_pilates",
        "spondylolysis_spondylolisthesis", "herniated_disc", "unexplained_weight_loss", "fever",
        "lifting_too_much_weight", "sleeping_position", "sleep_position_pillow", "repetitive_stress",
        "weak_core_muscles", "cool_down", "severe_pain", "leg_numbness_tingling_weakness",
    },
    "doctor-qa-neck-back-pain-weightlifting.txt": {
        "muscle_strain", "prolonged_sitting", "psychological_stress", "poor_sleep", "nerve_compression",
        "improper_lifting_technique", "warm_up", "gradual_progression", "see_physiotherapist", "overexertion",
    },
    "explainer-upper-back-pain-exercise.txt": {
        "muscle_strain", "ligament_sprain", "overexertion", "insufficient_warm_up", "dehydration", "arthritis",
        "rice", "otc_pain_relief", "poor_posture", "numbness", "tingling", "weakness",
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_articles_mention_expected_concepts(name: str, find_concepts) -> None:
    found = find_concepts((ARTICLES / name).read_text(encoding="utf-8"))
    missing = EXPECTED[name] - set(found)
    assert not missing, f"{name}: not found {sorted(missing)}"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("For the rest of the day, take it easy.", set(), {"rest"}),
        ("Rest assured, most back pain settles.", set(), {"rest"}),
        ("Rest and apply an ice pack.", {"rest", "ice"}, set()),
        ("Eat some ice cream.", set(), {"ice"}),
        ("Heat rash is common in hot weather.", {"heat_rash", "hot_weather"}, {"heat"}),
        ("Stay out of the heat; use a heat pack on your back.", {"heat"}, set()),
        ("The number of cases rose.", set(), {"numbness"}),
        ("Eat more rice and pasta.", set(), {"rice"}),
        ("Muscle fibers repair after exercise.", set(), {"high_fibre_diet"}),
        ("This puts undue stress on your spine.", set(), {"psychological_stress"}),
        ("Stress and poor sleep can contribute.", {"psychological_stress", "poor_sleep"}, set()),
        ("Bed rest is no longer advised; keep active.", {"bed_rest", "keep_active"}, set()),
        ("Pain that doesn’t improve with rest.", {"pain_not_improving"}, set()),
        ("Loss of bowel or bladder control is an emergency.", {"bladder_bowel_dysfunction"}, set()),
    ],
)
def test_ambiguous_words_in_context(text: str, present: set[str], absent: set[str], find_concepts) -> None:
    found = set(find_concepts(text))
    assert present <= found, (text, found)
    assert not absent & found, (text, found)


# --- malformed files ------------------------------------------------------------------------------

GOOD_YAML = """\
version: "2026.11.1"
concepts:
  - id: muscle_strain
    kind: cause
    label: Muscle strain
    codes: {umls: C0080194}
  - id: fever
    kind: symptom
    label: Fever
    escalates_to: red_flag
"""
GOOD_JSONL = (
    '{"label": "cause", "pattern": "muscle strain", "id": "muscle_strain"}\n'
    '{"label": "symptom", "pattern": [{"NORM": "fever"}], "id": "fever"}\n'
    '{"label": "exclude", "pattern": "fever pitch", "id": "exclude.fever_pitch"}\n'
)


def write_rules(directory: Path, concepts: str = GOOD_YAML, patterns: str = GOOD_JSONL) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "concepts.yaml").write_text(concepts, encoding="utf-8")
    (directory / "concept_patterns.jsonl").write_text(patterns, encoding="utf-8")
    return directory


def test_unquoted_snomed_id_is_accepted_as_digits(tmp_path: Path) -> None:
    concepts = GOOD_YAML.replace("{umls: C0080194}", "{umls: C0080194, snomed: 279039007}")
    vocab = load_vocabulary(write_rules(tmp_path, concepts=concepts))
    assert vocab.concepts["muscle_strain"].codes == {"umls": "C0080194", "snomed": "279039007"}


def test_minimal_good_files_load(tmp_path: Path) -> None:
    vocab = load_vocabulary(write_rules(tmp_path))
    assert vocab.version == "2026.11.1"
    assert list(vocab.concepts) == ["muscle_strain", "fever"]
    assert [p.rule_id for p in vocab.patterns] == [
        "muscle_strain:muscle_strain",
        rule_id_for("fever", [{"NORM": "fever"}]),
    ]
    assert vocab.excludes[0].rule_id == "exclude.fever_pitch:fever_pitch"
    assert vocab.concepts["fever"].escalates_to == "red_flag"


@pytest.mark.parametrize(
    ("concepts", "message"),
    [
        (GOOD_YAML.replace("    label: Fever\n", "    label: Fever\n    synonyms: [pyrexia]\n"),
         "concepts.yaml:7: unknown key(s) synonyms"),
        (GOOD_YAML.replace("kind: symptom", "kind: sign"),
         "concepts.yaml:7: concept 'fever': kind 'sign' not one of cause, symptom, advice, red_flag"),
        (GOOD_YAML.replace("id: fever", "id: muscle_strain"),
         "concepts.yaml:7: duplicate concept id 'muscle_strain' (first at line 3)"),
        (GOOD_YAML.replace("C0080194", "C123"),
         "concepts.yaml:3: concept 'muscle_strain': bad umls code 'C123' (expected a CUI like C0080194)"),
        (GOOD_YAML.replace("{umls: C0080194}", "{mesh: 'D1416'}"),
         "concepts.yaml:3: concept 'muscle_strain': bad mesh code 'D1416' (expected a MeSH id like D001416)"),
        (GOOD_YAML.replace("{umls: C0080194}", "{snomed: '279039008'}"),
         "concepts.yaml:3: concept 'muscle_strain': bad snomed code '279039008' "
         "(expected a SNOMED CT id of 6-18 digits with a valid check digit)"),
        (GOOD_YAML.replace("{umls: C0080194}", "{icd10: M54.5}"),
         "concepts.yaml:3: concept 'muscle_strain': unknown code system 'icd10' (use umls, snomed or mesh)"),
        (GOOD_YAML.replace("escalates_to: red_flag", "escalates_to: emergency"),
         "concepts.yaml:7: concept 'fever': escalates_to 'emergency' not one of cause, symptom, advice, red_flag"),
        (GOOD_YAML.replace("escalates_to: red_flag", "escalates_to: symptom"),
         "concepts.yaml:7: concept 'fever': escalates_to 'symptom' must be another kind, not 'symptom'"),
        (GOOD_YAML.replace("id: fever", "id: Fever"), "concepts.yaml:7: concept id 'Fever' is not snake_case"),
        (GOOD_YAML.replace("    label: Fever\n", ""), "concepts.yaml:7: missing key(s) label"),
        (GOOD_YAML.replace('version: "2026.11.1"', "version: 2026.11"),
         'concepts.yaml:1: version must be a quoted string like "2026.11.1", got 2026.11'),
        (GOOD_YAML.replace("    kind: cause\n", "    kind: cause\n    kind: symptom\n"),
         "concepts.yaml:5: invalid YAML (duplicate key 'kind')"),
        (GOOD_YAML + "  - id: back_pain\n    kind: symptom\n    label: Back pain\n",
         "concepts.yaml:11: concept 'back_pain' has no pattern in concept_patterns.jsonl"),
    ],
)
def test_malformed_concepts_file(tmp_path: Path, concepts: str, message: str) -> None:
    with pytest.raises(RuleError) as info:
        load_vocabulary(write_rules(tmp_path, concepts=concepts))
    assert str(info.value) == message
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"label": "cause", "pattern": "strain", "id": "muscle_strain", "note": "x"}',
         "concept_patterns.jsonl:4: unknown key(s) note"),
        ('{"label": "cause", "pattern": "strain"}', "concept_patterns.jsonl:4: missing key(s) id"),
        ('{"label": "cause", "pattern": "strain", "id": "back_strain"}',
         "concept_patterns.jsonl:4: id 'back_strain' is not a concept in concepts.yaml"),
        ('{"label": "symptom", "pattern": "strain", "id": "muscle_strain"}',
         "concept_patterns.jsonl:4: label 'symptom' does not match the kind 'cause' of 'muscle_strain'"),
        ('{"label": "cause", "pattern": "muscle strain", "id": "muscle_strain"}',
         "concept_patterns.jsonl:4: duplicate pattern line (same as line 1)"),
        ('{"label": "cause", "pattern": "muscle strains", "id": "muscle_strain"}',
         "concept_patterns.jsonl:4: pattern 'muscle strains' normalises like line 1 of 'muscle_strain' "
         "(muscle strain)"),
        ('{"label": "cause", "pattern": "Pulled muscle", "id": "muscle_strain"}',
         "concept_patterns.jsonl:4: phrase 'Pulled muscle' must be lowercase"),
        ('{"label": "cause", "pattern": "  ", "id": "muscle_strain"}', "concept_patterns.jsonl:4: empty pattern"),
        ('{"label": "cause", "pattern": [{"LEMMA": "strain"}], "id": "muscle_strain"}',
         "concept_patterns.jsonl:4: token attribute(s) LEMMA not available without a model "
         "(use IS_DIGIT, IS_PUNCT, LIKE_NUM, LOWER, NORM, OP, ORTH, TEXT)"),
        ('{"label": "cause", "pattern": [{"NORM": "lifting"}], "id": "muscle_strain"}',
         "concept_patterns.jsonl:4: NORM value 'lifting' never occurs: it normalises to 'lift'"),
        ('{"label": "cause", "pattern": [{"NORM": "strain", "OP": "x"}], "id": "muscle_strain"}',
         "concept_patterns.jsonl:4: invalid token pattern"),
        ('{"label": "cause", "pattern": [], "id": "muscle_strain"}',
         "concept_patterns.jsonl:4: pattern must be a phrase or a non-empty list of token objects"),
        ('{"label": "exclude", "pattern": "rest of", "id": "rest_of"}',
         "concept_patterns.jsonl:4: exclude id 'rest_of' must look like 'exclude.<snake_case name>'"),
        ('{"label": "advice", "pattern": "rest of", "id": "exclude.rest_of"}',
         "concept_patterns.jsonl:4: label 'advice' must be 'exclude' for id 'exclude.rest_of'"),
        ('{"label": "cause", "pattern": "strain", "id": "muscle_strain",',
         "concept_patterns.jsonl:4: invalid JSON (Expecting property name enclosed in double quotes)"),
        ('["cause", "strain", "muscle_strain"]', "concept_patterns.jsonl:4: each line must be a JSON object"),
    ],
)
def test_malformed_patterns_file(tmp_path: Path, line: str, message: str) -> None:
    with pytest.raises(RuleError) as info:
        load_vocabulary(write_rules(tmp_path, patterns=GOOD_JSONL + line + "\n"))
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_pattern_for_unknown_concept_reported_before_missing_patterns(tmp_path: Path) -> None:
    patterns = GOOD_JSONL.replace('"id": "fever"', '"id": "fevers"')
    with pytest.raises(RuleError, match=r"^concept_patterns\.jsonl:2: id 'fevers' is not a concept"):
        load_vocabulary(write_rules(tmp_path, patterns=patterns))


def test_missing_file(tmp_path: Path) -> None:
    write_rules(tmp_path)
    (tmp_path / "concept_patterns.jsonl").unlink()
    with pytest.raises(RuleError, match="rule file not found: .*concept_patterns.jsonl"):
        load_vocabulary(tmp_path)


def test_shipped_patterns_file_is_one_object_per_line() -> None:
    path = Path(__file__).resolve().parents[1] / "extractors" / "rules" / "concept_patterns.jsonl"
    for raw in path.read_text(encoding="utf-8").splitlines():
        assert set(json.loads(raw)) == {"label", "pattern", "id"}


@pytest.mark.parametrize("value", ['"diagnose"', "[diagnose, 3]", "[diagnose, '']"])
def test_diagnosis_words_must_be_a_list_of_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    import extractors.diagnosis as diagnosis

    shipped = (diagnosis.RULES_DIR / "sections.yaml").read_text(encoding="utf-8")
    (tmp_path / "sections.yaml").write_text(
        shipped.replace("diagnosis_words: [", f"diagnosis_words: {value}\nunused_words: ["), encoding="utf-8")
    monkeypatch.setattr(diagnosis, "RULES_DIR", tmp_path)
    diagnosis.diagnosis_rules.cache_clear()
    try:
        with pytest.raises(RuleError, match="sections.yaml: diagnosis_words must be a list of words"):
            diagnosis.diagnosis_rules()
    finally:
        diagnosis.diagnosis_rules.cache_clear()


PHRASE_LISTS = [  # (module, rule file, key, the loader that validates it, how the key opens its list)
    ("sections", "sections.yaml", "avoid_lead_ins", "load_avoid_lead_ins", " ["),
    ("sections", "sections.yaml", "side_effect_lead_ins", "load_side_effect_lead_ins", " ["),
    ("sections", "sections.yaml", "cause_lead_ins", "load_cause_lead_ins", " ["),
    ("seekhelp", "red_flags.yaml", "anaphoric_lead_ins", "phrase_lists", "\n"),
    ("seekhelp", "red_flags.yaml", "enumeration_words", "phrase_lists", "\n"),
    ("seekhelp", "red_flags.yaml", "clinician_care_verbs", "phrase_lists", "\n"),
]


@pytest.mark.parametrize(("module", "file", "key", "loader", "opening"), PHRASE_LISTS)
@pytest.mark.parametrize("value", ['"avoid"', "3", "[avoid, 3]", "[avoid, '']"])
def test_phrase_lists_must_be_lists_of_phrases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str,
                                               file: str, key: str, loader: str, opening: str, value: str) -> None:
    import importlib

    rules = importlib.import_module(f"extractors.{module}")
    shipped = (rules.RULES_DIR / file).read_text(encoding="utf-8")
    old = f"\n{key}:{opening}"
    assert old in shipped
    (tmp_path / file).write_text(shipped.replace(old, f"\n{key}: {value}\nunused_{key}:{opening}"), encoding="utf-8")
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    load = getattr(rules, loader)
    load.cache_clear()
    try:
        with pytest.raises(RuleError, match=f"{file}: {key} must be a list of phrases"):
            load()
    finally:
        load.cache_clear()


@pytest.mark.parametrize(("edit", "message"), [
    (("  gap: 3", "  gap: many"), "senses.yaml: psychological_trauma.gap must be a whole number from 0 to 10"),
    (("  beside: [", "  beside: []\n  unused: ["), "senses.yaml: psychological_trauma needs exactly the keys"),
    (("  own_sense: [", "  own_sense: [3, "), "senses.yaml: bare_cramp.own_sense must be a non-empty list of words"),
    (("bare_cramp:", "cramps:"), "senses.yaml: needs exactly the entries bare_cramp, psychological_trauma"),
])
def test_malformed_senses_file_is_a_one_line_rule_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        edit: tuple[str, str], message: str) -> None:
    import extractors.senses as senses

    shipped = senses.SENSES_FILE.read_text(encoding="utf-8")
    assert edit[0] in shipped
    (tmp_path / "senses.yaml").write_text(shipped.replace(edit[0], edit[1], 1), encoding="utf-8")
    monkeypatch.setattr(senses, "SENSES_FILE", tmp_path / "senses.yaml")
    senses.sense_rules.cache_clear()
    try:
        with pytest.raises(RuleError, match=message):
            senses.sense_rules()
    finally:
        senses.sense_rules.cache_clear()


@pytest.mark.parametrize(("edit", "message"), [
    (("infixes:\n", "infixes: '('\nunused:\n"), "tokenizer.yaml: infixes must be a list of regexes"),
    (("  - '(?<=[a-zA-Z])/(?=[a-zA-Z])'", "  - '(?<=[a-zA-Z]/'"), "tokenizer.yaml: infixes: bad regex"),
    (("  keep: [", "  keep: [Stressor, "), "tokenizer.yaml: glued.keep must be a list of lower-case words"),
    (("  before: [", "  before: [two words, "), "tokenizer.yaml: glued.before must be a list of lower-case words"),
])
def test_bad_tokenizer_rules_fail_on_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          edit: tuple[str, str], message: str) -> None:
    import re

    import extractors.infixes as infixes

    shipped = (infixes.RULES_DIR / "tokenizer.yaml").read_text(encoding="utf-8")
    assert edit[0] in shipped
    (tmp_path / "tokenizer.yaml").write_text(shipped.replace(edit[0], edit[1], 1), encoding="utf-8")
    monkeypatch.setattr(infixes, "RULES_DIR", tmp_path)
    with pytest.raises(RuleError, match=re.escape(message)):
        infixes.infix_finder(re.compile(""))
        infixes.extra_infixes()


_SIDE_EFFECTS_CROSSES = '"id": "neg.symptom.side_effects_list", "direction": "forward", "max_scope": 40, ' \
    '"applies_to": ["symptom"], "crosses": ["term.colon", "term.which"]}'


@pytest.mark.parametrize(("crosses", "message"), [
    ('["term.colon", "term.comma"]', "crosses needs a non-TERMINATE rule and a list of TERMINATE rule ids"),
    ('["neg.symptom.are_side_effects"]', "crosses needs a non-TERMINATE rule and a list of TERMINATE rule ids"),
    ("[]", "crosses needs a non-TERMINATE rule and a list of TERMINATE rule ids"),
    ('"term.colon"', "crosses"),
])
def test_context_crosses_must_name_terminator_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    crosses: str, message: str) -> None:
    """Round 21: a cue's ``crosses`` (the terminators it reaches over) must list TERMINATE rule ids."""
    import re

    import extractors.context as context

    shipped = (context.RULES_DIR / "context.jsonl").read_text(encoding="utf-8")
    assert _SIDE_EFFECTS_CROSSES in shipped
    edited = shipped.replace(_SIDE_EFFECTS_CROSSES, _SIDE_EFFECTS_CROSSES.replace(
        '["term.colon", "term.which"]', crosses))
    (tmp_path / "context.jsonl").write_text(edited, encoding="utf-8")
    monkeypatch.setattr(context, "RULES_DIR", tmp_path)
    with pytest.raises(RuleError, match=r"^context\.jsonl:\d+: .*" + re.escape(message)):
        context.ContextMatcher()


def test_context_crosses_on_a_terminator_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import extractors.context as context

    shipped = (context.RULES_DIR / "context.jsonl").read_text(encoding="utf-8")
    old = '"id": "term.colon", "direction": "terminate", "max_scope": 0}'
    assert old in shipped
    (tmp_path / "context.jsonl").write_text(
        shipped.replace(old, old[:-1] + ', "crosses": ["term.semicolon"]}'), encoding="utf-8")
    monkeypatch.setattr(context, "RULES_DIR", tmp_path)
    with pytest.raises(RuleError, match="crosses needs a non-TERMINATE rule"):
        context.ContextMatcher()



@pytest.mark.parametrize(("key", "value", "message"), [
    ("second_readings", "[allergy]", "red_flags.yaml: second_readings: 'allergy' is not a red_flag concept"),
    ("second_readings", "anaphylaxis", "red_flags.yaml: expected a 'second_readings' list"),
    ("contextual", "[no_such_concept]", "red_flags.yaml: contextual: 'no_such_concept' is not a red_flag concept"),
])
def test_bad_red_flag_lists_fail_on_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         key: str, value: str, message: str) -> None:
    """A red_flags.yaml list naming a concept of the wrong kind (or no list) fails on load, by key."""
    import yaml

    from extractors import extract

    shipped = extract.RULES_DIR / "red_flags.yaml"
    data = yaml.safe_load(shipped.read_text(encoding="utf-8"))
    data[key] = yaml.safe_load(value)
    (tmp_path / "red_flags.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setattr(extract, "RULES_DIR", tmp_path)
    extract._red_flag_lists.cache_clear()
    try:
        with pytest.raises(RuleError, match=message.replace("(", r"\(")):
            extract._red_flag_lists()
    finally:
        extract._red_flag_lists.cache_clear()
