"""The shared rule-only spaCy pipeline: ``spacy.blank("en")``, lemma-normalised tokens, sentences.

Speed matters (the target is a third of the bare tokenizer's throughput), so nothing here loops
over tokens in Python that spaCy can do in Cython:

* ``NORM`` is set per *lexeme* (once per distinct word, cached in the vocab) to the lookup
  lemma of the lower-cased word from ``spacy-lookups-data``. Phrase patterns are normalised the
  same way, so "lifting techniques" matches "improper lifting technique" and "Discs" matches
  "disc" without a lemmatizer component (which on a blank pipeline does nothing unless set to
  lookup mode, and then only looks up the cased text).
* Contractions mean the same whatever apostrophe a publisher types: ``’`` and ``‘`` (used as an
  apostrophe by some CMSs) and ``ʼ`` read as ``'`` in NORM, and the tokenizer's special cases are
  copied for the apostrophes spaCy lacks, so "doesn‘t" splits like "doesn't". The NORM of each
  contraction piece is the lemma of what it stands for, like the written-out word: "isn't" and
  "is not" are both ``be not``, "you're" and "you are" both ``you be``.
* Sentences break at ``.``, ``!``, ``?`` and at every newline, because the stored text puts
  headings and list items on their own lines.
* Link text glued to its neighbour by a scraper ("persistentvomiting", "askin rash") is split into
  its words at zero-width infixes (``extractors.infixes``, closed word lists in ``rules/tokenizer.yaml``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import (
    IS_ALPHA, IS_DIGIT, IS_PUNCT, IS_SPACE, LIKE_NUM, LOWER, NORM, ORTH, SENT_START, SPACY,
)
from spacy.language import Language
from spacy.lookups import Table, load_lookups
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import StringStore, get_string_id
from spacy.symbols import NORM as NORM_SYMBOL
from spacy.symbols import ORTH as ORTH_SYMBOL
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_suffix_regex

from extractors.errors import RuleError
from extractors.infixes import extra_infixes, infix_finder
from extractors.rulefiles import Rule

_SENT_END = frozenset({".", "!", "?", "…"})
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]"})
# Typographic apostrophes read as "'" in NORM ("you’re", "isn‘t", "doesnʼt" are "you're" …).
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
# spaCy's tokenizer exceptions cover "'" and "’"; these are added by copying the "'" ones.
_EXTRA_APOSTROPHES = ("\u2018", "\u02bc")
# Where the lookup lemma misreads a function word: "does" is not the plural of "doe", and the
# clitic "'s" (is / has / us / possessive) is left as itself rather than read as "have".
_NORM_OVERRIDES = {"does": "do", "'s": "'s"}


@lru_cache(maxsize=1)
def _lemma_table() -> Table:
    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


def norm_of(word: str) -> str:
    lower = word.lower().translate(_APOSTROPHES)
    override = _NORM_OVERRIDES.get(lower)
    return override if override is not None else _lemma_table().get(lower, lower)


def _contraction_rules(rules: dict[str, list[dict[int, str]]]) -> dict[str, list[dict[int, str]]]:
    """The tokenizer's special cases with lemma NORMs, plus copies for the extra apostrophes.

    A piece's NORM is the lemma of the word it stands for (``n't`` → ``not``, ``'re`` → ``be``,
    ``does`` → ``do``), so a contraction matches the same phrase and token patterns as the
    written-out words and as the contraction typed with any apostrophe.
    """
    out: dict[str, list[dict[int, str]]] = {}
    for key, pieces in rules.items():
        variants = [(key, None)] + [(key.replace("'", a), a) for a in _EXTRA_APOSTROPHES if "'" in key]
        for variant, apostrophe in variants:
            if apostrophe is not None and variant in rules:
                continue
            out[variant] = [
                {**piece,
                 ORTH_SYMBOL: piece[ORTH_SYMBOL] if apostrophe is None else piece[ORTH_SYMBOL].replace("'", apostrophe),
                 NORM_SYMBOL: norm_of(piece.get(NORM_SYMBOL, piece[ORTH_SYMBOL]))}
                for piece in pieces
            ]
    return out


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
    infixes = list(nlp.Defaults.infixes) + extra_infixes()
    nlp.tokenizer.infix_finditer = infix_finder(compile_infix_regex(infixes)).finditer
    # "go to A&E." kept its full stop ("A&E." one token): no A&E match and no sentence end there.
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=[A-Za-z]&[A-Za-z])\."]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    nlp.vocab.lex_attr_getters[NORM] = norm_of
    nlp.tokenizer.rules = _contraction_rules(nlp.tokenizer.rules)
    for lexeme in list(nlp.vocab):
        lexeme.norm_ = norm_of(lexeme.orth_)
    nlp.add_pipe("concord_sentences")
    nlp.max_length = 5_000_000
    return nlp


def make_doc(text: str) -> Doc:
    return get_nlp()(text)


# Token-pattern keys the runs can test from ``Doc.to_array``, exactly as the Matcher compares them:
# string attributes (a value or an ``IN`` list of strings) and lexeme flags set to ``true``.
_STRING_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "NORM": NORM}
_FLAG_ATTRS = {"LIKE_NUM": LIKE_NUM, "IS_DIGIT": IS_DIGIT, "IS_ALPHA": IS_ALPHA, "IS_PUNCT": IS_PUNCT}

Atom = tuple[int, frozenset[int]]  # (attr id, values): "this token's attr is one of these"


def _atom(key: object, value: object) -> Atom | None:
    if not isinstance(key, str):
        return None
    key = key.upper()
    if key in _FLAG_ATTRS:
        return (_FLAG_ATTRS[key], frozenset((1,))) if value is True else None
    attr = _STRING_ATTRS.get(key)
    if attr is None:
        return None
    if isinstance(value, str):
        return attr, frozenset((get_string_id(value),))
    if (isinstance(value, dict) and list(value) == ["IN"] and isinstance(value["IN"], list)
            and all(isinstance(v, str) for v in value["IN"])):
        return attr, frozenset(get_string_id(v) for v in value["IN"])
    return None


@dataclass(frozen=True)
class _Plan:
    """How a token pattern is found without running spaCy's Matcher over the whole doc.

    ``run``: the atoms of consecutive required tokens (no ``OP`` among them) that every match
    contains; ``before``: how many tokens at most precede the run in a match (specs before it
    with "?" or a bounded "{n,m}" count their most); ``length``: the longest match; ``pivot``: the index in ``run`` of its rarest-looking atom, looked up first;
    ``exact``: the run *is* the pattern, so a run found is a match.
    """

    run: tuple[Atom, ...]
    before: int
    length: int
    pivot: int
    exact: bool
    required: tuple[Atom, ...] = ()  # one atom of each other run (``token_matches`` checks them)


def _plan(pattern: object, stop_ids: frozenset[int]) -> _Plan | None:
    """``None`` for a pattern that must be matched over the whole doc (unbounded, or no literals)."""
    if not isinstance(pattern, list) or not pattern:
        return None

    def rarity(atom: Atom) -> tuple[int, int]:  # lower is rarer: stop words and flags are common
        attr, values = atom
        if attr in _FLAG_ATTRS.values():
            return (len(stop_ids), 0)
        return (len(values & stop_ids), len(values))

    runs: list[tuple[int, list[Atom]]] = []
    current: list[Atom] = []
    exact = True
    length = 0  # the most tokens the specs so far can take
    for spec in pattern:
        if not isinstance(spec, dict):
            return None
        op = spec.get("OP")
        most = _most_tokens(op)
        if most is None:
            return None  # "*", "+", "!": unbounded, or zero-width
        atoms = [a for a in (_atom(k, v) for k, v in spec.items()) if a is not None]
        exact = exact and op is None and len(atoms) == 1 and len(spec) == 1
        if op is None and atoms:
            current.append(min(atoms, key=rarity))
            if len(current) == 1:
                runs.append((length, current))
        else:
            current = []
        length += most
    if not runs:
        return None
    before, run = max(runs, key=lambda r: (len(r[1]), [-x for x in min(map(rarity, r[1]))]))
    pivot = min(range(len(run)), key=lambda k: rarity(run[k]))
    # the rarest atom of each other run: it must also occur in a window before the Matcher runs
    others = tuple(min(r, key=rarity) for b, r in runs if r is not run)
    return _Plan(tuple(run), before, length, pivot, exact and len(run) == len(pattern), others)


_COMMON_PUNCT = ("-", "–", "—", ",", ".", ":", ";", "(", ")", "'", '"', "'s", "/", "!", "?")
_BOUNDED = re.compile(r"^\{(\d*),?(\d*)\}$")


def _most_tokens(op: object) -> int | None:
    """How many tokens a spec with this ``OP`` matches at most; None when unbounded or zero-width.
    "{n,m}" is bounded ("{0,3}": a gap of up to three words), so such patterns still get a run."""
    if op is None or op == "?":
        return 1
    match = _BOUNDED.match(op) if isinstance(op, str) else None
    if match is None:
        return None
    low, high = match.groups()
    if "," not in op:
        return int(low)
    return int(high) if high else None  # "{n,}" has no upper bound


TOKEN_COLUMNS = "concord_token_columns"  # Doc.user_data key: attr -> (array, list) of the doc's tokens
_MATCHED_ATTRS: set[int] = set()  # every attribute some RuleMatcher looks tokens up by


def token_columns(doc: Doc, attrs: Sequence[int]) -> tuple[list[numpy.ndarray], list[list[int]]]:
    """The doc's token values of ``attrs``, as arrays and as lists, kept on the doc.

    Five rule matchers run over every doc and ``Doc.to_array`` costs per attribute and call (it
    was 14 % of the extraction time): the first call fetches every attribute any matcher uses in
    one go, the others reuse it."""
    cache = doc.user_data.get(TOKEN_COLUMNS)
    if cache is None:
        cache = doc.user_data[TOKEN_COLUMNS] = {}
    missing = [a for a in attrs if a not in cache]
    if missing:
        fetch = sorted(set(missing) | (_MATCHED_ATTRS - cache.keys()))
        table = doc.to_array(fetch).reshape(len(doc), len(fetch)).T
        for attr, column, values in zip(fetch, table, table.tolist()):
            cache[attr] = (column, values)
    return [cache[a][0] for a in attrs], [cache[a][1] for a in attrs]


class RuleMatcher:
    """Phrase and token patterns from rule files, matched together; match ids are rule ids.

    spaCy's ``Matcher`` costs about a microsecond per token *per call* whatever the patterns, so
    bounded token patterns are not run over the whole doc. Each has a *run*: the tokens with
    literals (``ORTH``/``TEXT``/``LOWER``/``NORM`` value or ``IN`` list, ``LIKE_NUM``…) it requires
    at consecutive positions. One vectorised ``Doc.to_array`` lookup gives every token a bit per
    literal it satisfies, the runs are checked from the positions of their rarest literal, and the
    Matcher only looks at a window around each run found (a match contains its run and is at most
    ``length`` tokens long), or not at all when the run is the whole pattern. The matches are
    exactly the plain Matcher's over the doc (``self.tokens``; ``tests/test_nlp.py`` compares).
    """

    def __init__(self, nlp: Language, rules: Iterable[Rule], phrase_attr: str = "NORM") -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr=phrase_attr)
        self.tokens = Matcher(nlp.vocab, validate=True)  # every token pattern (validation, reference)
        self._windowed = Matcher(nlp.vocab)
        self._unanchored = Matcher(nlp.vocab)
        self.rules: dict[str, Rule] = {}
        phrase_groups: dict[str, list[Doc]] = {}
        # words a run should not be looked up by: stop words, and punctuation ("-" starts every
        # Markdown bullet, so a dash pivot would send half the lines to the Matcher)
        stop_ids = frozenset(get_string_id(w) for w in (*nlp.Defaults.stop_words, *_COMMON_PUNCT))
        planned: list[tuple[int, _Plan]] = []
        for rule in rules:
            self.rules[rule.id] = rule
            if isinstance(rule.pattern, str):
                phrase_groups.setdefault(rule.id, []).append(nlp.make_doc(rule.pattern))
                continue
            try:
                self.tokens.add(rule.id, [rule.pattern])
            except Exception as exc:  # spaCy raises ValueError/MatchPatternError
                raise RuleError(f"rule {rule.id!r} (line {rule.line}): {exc}".splitlines()[0]) from None
            plan = _plan(rule.pattern, stop_ids)
            if plan is None:
                self._unanchored.add(rule.id, [rule.pattern])
                continue
            if not plan.exact:
                self._windowed.add(rule.id, [rule.pattern])
            planned.append((nlp.vocab.strings.add(rule.id), plan))
        for rule_id, docs in phrase_groups.items():
            self.phrases.add(rule_id, docs)
        self._build_runs(planned)

    def _build_runs(self, planned: list[tuple[int, _Plan]]) -> None:
        self._attrs = sorted({attr for _, plan in planned for attr, _ in (*plan.run, *plan.required)})
        _MATCHED_ATTRS.update(self._attrs)
        column = {attr: i for i, attr in enumerate(self._attrs)}
        # (column, value) of a pivot token -> runs as ((offset from the pivot, column, values) of
        # the other atoms, match id when the run is the whole pattern, window start and end
        # relative to the pivot)
        runs: dict[tuple[int, int], set] = {}
        for match_id, plan in planned:
            others = tuple((k - plan.pivot, column[attr], values)
                           for k, (attr, values) in enumerate(plan.run) if k != plan.pivot)
            start = -plan.pivot - plan.before
            required = tuple((column[attr], values) for attr, values in plan.required)
            entry = (others, match_id if plan.exact else None, start, start + plan.length, required)
            attr, values = plan.run[plan.pivot]
            for value in values:
                runs.setdefault((column[attr], value), set()).add(entry)
        self._runs = {key: sorted(entries, key=repr) for key, entries in runs.items()}
        self._pivot_values = [numpy.array(sorted(v for c, v in self._runs if c == col), dtype=numpy.uint64)
                              for col in range(len(self._attrs))]

    def token_matches(self, doc: Doc | Span) -> list[tuple[int, int, int]]:
        """What ``self.tokens(doc)`` returns (in no particular order), much faster."""
        if isinstance(doc, Span) or not self._runs:
            return list(self.tokens(doc)) if len(self.tokens) else []
        found = list(self._unanchored(doc)) if len(self._unanchored) else []
        n = len(doc)
        if n == 0:
            return found
        columns, at = token_columns(doc, self._attrs)
        pivots = []
        for col, values in enumerate(self._pivot_values):
            if len(values):
                column = columns[col]
                index = numpy.minimum(values.searchsorted(column), len(values) - 1)
                positions = numpy.flatnonzero(values[index] == column)
                pivots.extend(zip(positions.tolist(), [col] * len(positions), column[positions].tolist()))
        if not pivots:
            return found
        windows = []
        runs = self._runs
        for position, col, value in pivots:
            for others, match_id, start, end, required in runs[col, value]:
                for offset, other_col, values in others:
                    i = position + offset
                    if i < 0 or i >= n or at[other_col][i] not in values:
                        break
                else:
                    if match_id is not None:
                        found.append((match_id, position + start, position + end))
                        continue
                    low, high = max(position + start, 0), min(position + end, n)
                    # a Matcher call costs ~50 us: skip windows that lack another run's token
                    if all(any(v in values for v in at[other_col][low:high]) for other_col, values in required):
                        windows.append((low, high))
        if windows:
            windows.sort()
            start, stop = windows[0]
            for s, e in windows[1:]:
                if s > stop:
                    found.extend((m, a + start, b + start) for m, a, b in self._windowed(doc[start:stop]))
                    start, stop = s, e
                else:
                    stop = max(stop, e)
            found.extend((m, a + start, b + start) for m, a, b in self._windowed(doc[start:stop]))
        return found

    def __call__(self, doc: Doc | Span) -> list[tuple[Rule, int, int]]:
        """Matches as (rule, start token, end token), longest first at each start, no duplicates."""
        strings = doc.vocab.strings
        found = {(strings[m], s, e) for m, s, e in self.phrases(doc)}
        found.update((strings[m], s, e) for m, s, e in self.token_matches(doc))
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


SENTENCE_STARTS = "concord_sentence_starts"  # Doc.user_data key: the start token of every sentence


def sentence_starts(doc: Doc) -> list[int]:
    """Start tokens of the doc's sentences, from one pass over ``doc.sents``, kept on the doc."""
    starts = doc.user_data.get(SENTENCE_STARTS)
    if starts is None:
        starts = doc.user_data[SENTENCE_STARTS] = [sent.start for sent in doc.sents]
    return starts


def sentence_start(doc: Doc, i: int) -> int:
    """Start token of the sentence holding token ``i``: ``doc[i].sent.start`` by bisection.
    ``Token.sent`` scans for the boundaries and builds a Span on every call; the extractor asks
    ~90 times per article, which was ~10 % of the extraction time."""
    starts = sentence_starts(doc)
    return starts[bisect.bisect_right(starts, i) - 1]
