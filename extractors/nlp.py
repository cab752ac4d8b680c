"""The shared rule-only spaCy pipeline: ``spacy.blank("en")``, lemma-normalised tokens, sentences.

Speed matters (the target is a third of the bare tokenizer's throughput), so nothing here loops
over tokens in Python that spaCy can do in Cython:

* ``NORM`` is set per *lexeme* (once per distinct word, cached in the vocab) to the lookup
  lemma of the lower-cased word from ``spacy-lookups-data``. Phrase patterns are normalised the
  same way, so "lifting techniques" matches "improper lifting technique" and "Discs" matches
  "disc" without a lemmatizer component (which on a blank pipeline does nothing unless set to
  lookup mode, and then only looks up the cased text).
* Sentences break at ``.``, ``!``, ``?`` and at every newline, because the stored text puts
  headings and list items on their own lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IS_SPACE, NORM, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.lookups import Table, load_lookups
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

from extractors.errors import RuleError
from extractors.rulefiles import Rule

_SENT_END = frozenset({".", "!", "?", "…"})
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]"})


@lru_cache(maxsize=1)
def _lemma_table() -> Table:
    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


def norm_of(word: str) -> str:
    lower = word.lower()
    return _lemma_table().get(lower, lower)


@lru_cache(maxsize=1)
def _boundary_ids() -> tuple[frozenset[int], frozenset[int]]:
    return frozenset(map(get_string_id, _SENT_END)), frozenset(map(get_string_id, _CLOSERS))


@lru_cache(maxsize=4096)
def _has_newline(orth: int, strings: StringStore) -> bool:
    return "\n" in strings[orth]


@Language.component("concord_sentences")
def concord_sentences(doc: Doc) -> Doc:
    """Sentence starts after terminal punctuation (a closing quote stays behind) and newlines.

    Every token gets an explicit start (1) or non-start (-1). The boundaries are computed over
    plain integer lists from ``Doc.to_array`` and written back with one ``Doc.from_array``:
    setting ``Token.is_sent_start`` token by token costs O(n) per token (spaCy checks
    ``doc.has_annotation("DEP")`` on every assignment), i.e. O(n²) per document.
    """
    n = len(doc)
    if n == 0:
        return doc
    ends, closers = _boundary_ids()
    strings = doc.vocab.strings
    columns = doc.to_array([ORTH, SPACY, IS_SPACE]).T.tolist()
    orths, spaced, spaces = columns
    starts = [-1] * n
    start_next = True
    after_end = False
    for i in range(n):
        orth = orths[i]
        if spaces[i]:
            if _has_newline(orth, strings):
                start_next, after_end = True, False
            continue
        if after_end and orth in closers and not spaced[i - 1]:
            continue
        if start_next:
            starts[i] = 1
        after_end = orth in ends
        start_next = after_end
    starts[0] = 1
    doc.from_array([SENT_START], numpy.array(starts, dtype=numpy.int64).view(numpy.uint64))
    return doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process-wide pipeline (built once per process; workers build their own)."""
    nlp = spacy.blank("en")
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[0-9])[–—‑](?=[0-9])", r"(?<=[a-zA-Z])/(?=[a-zA-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.vocab.lex_attr_getters[NORM] = norm_of
    for lexeme in list(nlp.vocab):
        lexeme.norm_ = norm_of(lexeme.orth_)
    nlp.add_pipe("concord_sentences")
    nlp.max_length = 5_000_000
    return nlp


def make_doc(text: str) -> Doc:
    return get_nlp()(text)


class RuleMatcher:
    """Phrase and token patterns from rule files, matched together; match ids are rule ids."""

    def __init__(self, nlp: Language, rules: Iterable[Rule], phrase_attr: str = "NORM") -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr=phrase_attr)
        self.tokens = Matcher(nlp.vocab, validate=True)
        self.rules: dict[str, Rule] = {}
        phrase_groups: dict[str, list[Doc]] = {}
        for rule in rules:
            self.rules[rule.id] = rule
            if isinstance(rule.pattern, str):
                phrase_groups.setdefault(rule.id, []).append(nlp.make_doc(rule.pattern))
            else:
                try:
                    self.tokens.add(rule.id, [rule.pattern])
                except Exception as exc:  # spaCy raises ValueError/MatchPatternError
                    raise RuleError(f"rule {rule.id!r} (line {rule.line}): {exc}".splitlines()[0]) from None
        for rule_id, docs in phrase_groups.items():
            self.phrases.add(rule_id, docs)

    def __call__(self, doc: Doc | Span) -> list[tuple[Rule, int, int]]:
        """Matches as (rule, start token, end token), longest first at each start, no duplicates."""
        strings = doc.vocab.strings
        found = {(strings[m], s, e) for m, s, e in self.phrases(doc)}
        if len(self.tokens):
            found.update((strings[m], s, e) for m, s, e in self.tokens(doc))
        ordered = sorted(found, key=lambda m: (m[1], -(m[2] - m[1]), m[0]))
        return [(self.rules[rule_id], s, e) for rule_id, s, e in ordered]


def longest_non_overlapping(matches: list[tuple[Rule, int, int]]) -> list[tuple[Rule, int, int]]:
    """Greedy longest-first selection, as spaCy's ``filter_spans`` does for spans."""
    chosen: list[tuple[Rule, int, int]] = []
    taken: set[int] = set()
    for match in sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1])):
        _, start, end = match
        if any(i in taken for i in range(start, end)):
            continue
        chosen.append(match)
        taken.update(range(start, end))
    return sorted(chosen, key=lambda m: m[1])
