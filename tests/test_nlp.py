"""The shared spaCy pipeline: sentence boundaries, NORM normalisation, tokenisation, RuleMatcher."""

from __future__ import annotations

import random

import pytest
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from extractors.nlp import _CLOSERS, _SENT_END, TOKEN_COLUMNS, RuleMatcher, get_nlp
from extractors.rulefiles import Rule


def sentences(text: str) -> list[str]:
    return [s.text for s in get_nlp()(text).sents]


def reference_sentences(doc: Doc) -> Doc:
    """The original token-by-token ``concord_sentences`` (O(n²) in spaCy): the behaviour to keep."""
    start_next, after_end = True, False
    for token in doc:
        if token.is_space:
            token.is_sent_start = token.i == 0
            if "\n" in token.text:
                start_next, after_end = True, False
            continue
        if after_end and token.text in _CLOSERS and not doc[token.i - 1].whitespace_:
            token.is_sent_start = False
            continue
        token.is_sent_start = start_next
        after_end = token.text in _SENT_END
        start_next = after_end
    return doc


@pytest.mark.parametrize(("text", "expected"), [
    ("Heading\nFirst line. Second\n\n- item one\n- item two",
     ["Heading\n", "First line.", "Second\n\n", "- item one\n", "- item two"]),
    ("Dr. Smith said so. Then he left.", ["Dr. Smith said so.", "Then he left."]),
    ('He said "stop." Then went.', ['He said "stop."', "Then went."]),
    ("She said: “Rest!” He agreed.", ["She said: “Rest!”", "He agreed."]),
    ("It hurts (a lot.) Rest.", ["It hurts (a lot.)", "Rest."]),
    ('End. "Quote" next.', ["End.", '"Quote" next.']),
    ("Does it hurt? See a GP! Now.", ["Does it hurt?", "See a GP!", "Now."]),
    ("\nLeading newline. Then text", ["\n", "Leading newline.", "Then text"]),
])
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentence_boundaries_match_the_reference_implementation() -> None:
    nlp = get_nlp()
    pieces = ["word", "Dr.", "U.S.", "e.g.", ".", "!", "?", "…", "...", '"', "'", "”", "’", ")", "]",
              "(", " ", "  ", "\n", "\n\n", " \n ", "\t", "3.5", "24–48", "?!", ".”", "\r\n", "\u00a0"]
    rng = random.Random(0)
    texts = ["", " ", "\n", "Wait... what?! OK.", "Mr. X. Dr.\nY"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 20))) for _ in range(1500)]
    for text in texts:
        expected = reference_sentences(nlp.make_doc(text)).to_array([SENT_START]).tolist()
        assert nlp(text).to_array([SENT_START]).tolist() == expected, repr(text)


def test_norm_is_the_lemma_of_the_lower_cased_word() -> None:
    doc = get_nlp()("Discs slipped after lifting techniques")
    assert [t.norm_ for t in doc] == ["disc", "slip", "after", "lift", "technique"]


@pytest.mark.parametrize(("variants", "norms"), [
    (["isn't", "isn\u2019t", "isn\u2018t", "isn\u02bct", "is not"], ["be", "not"]),
    (["doesn't", "doesn\u2019t", "doesn\u2018t", "does not"], ["do", "not"]),
    (["don't", "don\u2019t", "Don\u2018t", "do not"], ["do", "not"]),
    (["you're", "you\u2019re", "you\u2018re", "you are"], ["you", "be"]),
    (["hasn't", "hasn\u2019t", "has not"], ["have", "not"]),
    (["doctor's", "doctor\u2019s"], ["doctor", "'s"]),
])
def test_contractions_have_the_norms_of_the_written_out_words(variants: list[str], norms: list[str]) -> None:
    """Whatever apostrophe a publisher types, a contraction reads like the words it stands for."""
    nlp = get_nlp()
    for text in variants:
        assert [t.norm_ for t in nlp(text)] == norms, text


def test_phrase_patterns_match_inflected_forms() -> None:
    nlp = get_nlp()
    matcher = RuleMatcher(nlp, [Rule("t.lifting", "cause", "lifting techniques"), Rule("t.disc", "cause", "disc")])
    doc = nlp("Improper lifting technique hurt two Discs.")
    assert [(rule.id, doc[s:e].text) for rule, s, e in matcher(doc)] == [
        ("t.lifting", "lifting technique"), ("t.disc", "Discs")]


def test_en_dash_ranges_are_split() -> None:
    nlp = get_nlp()
    assert [t.text for t in nlp("Rest for 24–48 hours, or 2—3 days.")] == [
        "Rest", "for", "24", "–", "48", "hours", ",", "or", "2", "—", "3", "days", "."]
    assert [t.text for t in nlp("back/neck")] == ["back", "/", "neck"]


TOKEN_PATTERNS = {
    "exact": [{"NORM": {"IN": ["do", "have", "be"]}}, {"NORM": {"IN": ["not", "n't", "never"]}}, {"NORM": "improve"}],
    "single": [{"LOWER": "sore"}],
    "optional_first": [{"LOWER": "a", "OP": "?"}, {"LOWER": {"IN": ["few", "couple"]}}, {"NORM": "day"}],
    "optional_middle": [{"NORM": "refer"}, {"LOWER": "you", "OP": "?"}, {"LOWER": "to"}],
    "optional_last": [{"LIKE_NUM": True}, {"NORM": "year"}, {"TEXT": "-", "OP": "?"}],
    "num_range": [{"LIKE_NUM": True}, {"TEXT": {"IN": ["-", "–", "to"]}}, {"LIKE_NUM": True}, {"NORM": "day"}],
    "flags_only": [{"LIKE_NUM": True}, {"IS_ALPHA": True}],
    "unbounded": [{"LOWER": "pain"}, {"IS_ALPHA": True, "OP": "+"}, {"LOWER": "rest"}],
    "no_literal": [{"IS_DIGIT": True}, {"IS_PUNCT": True}],
    # bounded gaps are planned (a run, a window, and the other run's token checked in the window)
    "bounded_gap": [{"NORM": "refer"}, {"OP": "{0,3}"}, {"LOWER": {"IN": ["rest", "pain"]}}],
    "bounded_first": [{"LOWER": {"IN": ["a", "few"]}, "OP": "{1,2}"}, {"NORM": "day"}, {"LOWER": "."}],
    "exact_gap": [{"LOWER": "do"}, {"OP": "{2}"}, {"NORM": "improve"}],
}


def test_rule_matcher_finds_exactly_what_the_plain_matcher_finds() -> None:
    nlp = get_nlp()
    matcher = RuleMatcher(nlp, [Rule(k, "x", p) for k, p in TOKEN_PATTERNS.items()])
    words = ("a few couple day days 24 48 two - – to year years refer you to pain rest sore "
             "do does not n't never improve improved have has be is . , 3 x").split()
    rng = random.Random(1)
    texts = ["It doesn't improve. A few days - 24–48 days, 3 years - refer you to a GP; pain and rest"]
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(0, 40))) for _ in range(1500)]
    for doc in nlp.pipe(texts):
        assert sorted(set(matcher.token_matches(doc))) == sorted(set(matcher.tokens(doc))), doc.text
        span = doc[1:len(doc) - 1] if len(doc) > 2 else doc[:]
        assert sorted(set(matcher.token_matches(span))) == sorted(set(matcher.tokens(span)))


def test_matchers_share_one_fetch_of_token_values_per_doc() -> None:
    """Token values are fetched once per doc for every matcher; an attribute the first fetch did
    not hold (a matcher built later) is fetched when needed."""
    nlp = get_nlp()
    first = RuleMatcher(nlp, [Rule(k, "x", p) for k, p in TOKEN_PATTERNS.items()])
    doc = nlp("It doesn't improve. A few days - 24-48 days, 3 years - refer you to a GP about 2024")
    assert sorted(set(first.token_matches(doc))) == sorted(set(first.tokens(doc)))
    held = dict(doc.user_data[TOKEN_COLUMNS])
    assert set(first._attrs) <= set(held)
    again = RuleMatcher(nlp, [Rule(k, "x", p) for k, p in TOKEN_PATTERNS.items()])
    assert sorted(set(again.token_matches(doc))) == sorted(set(first.tokens(doc)))
    assert doc.user_data[TOKEN_COLUMNS] == held  # reused, not fetched again
    missing = first._attrs[-1]  # as for a matcher built after the first fetch, on a new attribute
    del doc.user_data[TOKEN_COLUMNS][missing]
    assert sorted(set(first.token_matches(doc))) == sorted(set(first.tokens(doc)))
    assert missing in doc.user_data[TOKEN_COLUMNS]


def test_bounded_gaps_are_planned_not_run_over_the_whole_doc() -> None:
    """A "{0,3}" gap used to send its pattern to the whole-doc Matcher (rules of 2026-12 cost 40 %
    of the extraction time that way); only unbounded ones ("+", "*") still go there."""
    matcher = RuleMatcher(get_nlp(), [Rule(k, "x", p) for k, p in TOKEN_PATTERNS.items()])
    assert {r for r in matcher.rules if r in matcher._unanchored} == {"unbounded"}


def test_rule_files_match_exactly_what_the_plain_matcher_finds(examples_dir) -> None:
    from extractors.context import get_context_matcher
    from extractors.durations import get_duration_matcher
    from extractors.escalation import get_escalation_cues
    from extractors.extract import get_concept_matcher

    matchers = [get_concept_matcher().matcher, get_context_matcher().matcher,
                get_escalation_cues().matcher, get_duration_matcher().matcher]
    texts = [p.read_text(encoding="utf-8") for p in sorted(examples_dir.glob("*.txt"))]
    assert texts
    for doc in get_nlp().pipe(texts):
        for matcher in matchers:
            assert sorted(set(matcher.token_matches(doc))) == sorted(set(matcher.tokens(doc)))


def test_no_shipped_rule_runs_over_the_whole_doc() -> None:
    """An unbounded operator ("*", "+") sends its pattern to spaCy's Matcher over every token of
    every document: one such exclude (`{"IS_PUNCT": true, "OP": "*"}`, round 21) doubled the
    concept matcher's time. Bound it ("{0,2}") instead."""
    from extractors.context import get_context_matcher
    from extractors.durations import get_duration_matcher
    from extractors.escalation import get_escalation_cues
    from extractors.extract import get_concept_matcher

    matchers = [get_concept_matcher().matcher, get_context_matcher().matcher,
                get_escalation_cues().matcher, get_duration_matcher().matcher]
    unanchored = sorted(r for m in matchers for r in m.rules if r in m._unanchored)
    assert unanchored == []
