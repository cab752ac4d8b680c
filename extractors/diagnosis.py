"""Diagnosis sentences: what a doctor does to find out, not advice to the reader.

A diagnosis section's ``negates`` concepts (sections.yaml: the X-rays and scans of "How is it
diagnosed?") are read as negated in a diagnosis *sentence* under any heading too: one holding a
``diagnosis_words`` token ("Your doctor will diagnose a herniated disk with a physical exam and,
sometimes, imaging tests", "to arrive at the correct diagnosis", "X-rays usually don't show the
damage"), and the sentence right after it when it carries on with a ``diagnosis_carry_on`` token
("A diagnosis of AS is based on your medical history. You may also have imaging or blood tests.").
"""

from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import NORM
from spacy.strings import get_string_id
from spacy.tokens import Doc

from extractors.errors import RuleError
from extractors.nlp import sentence_starts
from extractors.rulefiles import RULES_DIR, load_yaml
from extractors.sections import load_section_rules


@lru_cache(maxsize=1)
def diagnosis_rules() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(concept ids the diagnosis sections negate, diagnosis words, carry-on words)."""
    data = load_yaml(RULES_DIR / "sections.yaml")
    words = data.get("diagnosis_words") or [] if isinstance(data, dict) else []
    carry = data.get("diagnosis_carry_on") or [] if isinstance(data, dict) else []
    for key, value in (("diagnosis_words", words), ("diagnosis_carry_on", carry)):
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise RuleError(f"sections.yaml: {key} must be a list of words")
    negates = frozenset(c for rule in load_section_rules() if rule.role == "diagnosis" for c in rule.negates)
    return negates, frozenset(w.lower() for w in words), frozenset(w.lower() for w in carry)


def diagnosis_sentences(doc: Doc) -> frozenset[int]:
    """Start tokens of the sentences of ``doc`` that describe a diagnosis (token norms compared as
    hashes over the whole doc at once: a set of norms per sentence cost 5 % of the extraction)."""
    _, words, carry = diagnosis_rules()
    norms = doc.to_array(NORM)
    word_hits = numpy.isin(norms, _hashes(words))
    carry_hits = numpy.isin(norms, _hashes(carry))
    starts = sentence_starts(doc)
    found: set[int] = set()
    previous = False
    for start, end in zip(starts, starts[1:] + [len(doc)]):
        current = bool(word_hits[start:end].any()) or (previous and bool(carry_hits[start:end].any()))
        if current:
            found.add(start)
        previous = current
    return frozenset(found)


@lru_cache(maxsize=4)
def _hashes(words: frozenset[str]) -> numpy.ndarray:
    return numpy.array(sorted(get_string_id(w) for w in words), dtype=numpy.uint64)
