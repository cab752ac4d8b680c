"""The concept vocabulary: canonical concepts (``rules/concepts.yaml``) and their patterns
(``rules/concept_patterns.jsonl``).

Concept ids and pattern rule ids are stored with every finding in the warehouse, so they must be
stable, and a typo must fail at start-up with the file and line rather than silently never
match. Everything here is validated on load and raises :class:`extractors.errors.RuleError`
with a one-line ``<file>:<line>: <problem>`` message.

Matching is done on ``NORM`` = lookup lemma of the lowercased token, so token patterns are
checked to use only attributes a blank English pipeline sets, and ``NORM`` values are checked
to be normalised (``{"NORM": "lifting"}`` could never match: every token's NORM is ``lift``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from extractors.errors import RuleError
from extractors.rulefiles import SAFE_LOADER, iter_jsonl_objects

RULES_DIR = Path(__file__).parent / "rules"
CONCEPTS_FILE = "concepts.yaml"
PATTERNS_FILE = "concept_patterns.jsonl"

KINDS = ("cause", "symptom", "advice", "red_flag")
EXCLUDE_LABEL = "exclude"
EXCLUDE_PREFIX = "exclude."

_TOP_KEYS = {"version", "concepts"}
_CONCEPT_KEYS = {"id", "kind", "label", "codes", "escalates_to", "topics"}
_CONCEPT_REQUIRED = {"id", "kind", "label"}
_PATTERN_KEYS = {"label", "pattern", "id"}
# Only attributes that a blank English pipeline (tokenizer + our NORM) provides; LEMMA, POS,
# DEP, ENT_TYPE … would need a statistical model, which is not available.
_TOKEN_ATTRS = {"NORM", "LOWER", "ORTH", "TEXT", "OP", "IS_PUNCT", "IS_DIGIT", "LIKE_NUM"}

_ID_RE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_EXCLUDE_ID_RE = re.compile(r"exclude\.[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_VERSION_RE = re.compile(r"\d{4}\.\d{1,2}\.\d+")
_CODE_RES = {
    "umls": re.compile(r"C\d{7}"),
    # MeSH descriptor (D + 6 digits) or supplementary concept (C + 6 or 9 digits).
    "mesh": re.compile(r"[DC]\d{6}(?:\d{3})?"),
    "snomed": re.compile(r"[1-9]\d{5,17}"),
}
_CODE_HINTS = {
    "umls": "a CUI like C0080194",
    "mesh": "a MeSH id like D001416",
    "snomed": "a SNOMED CT id of 6-18 digits with a valid check digit",
}


@dataclass(frozen=True, slots=True)
class Concept:
    """One canonical concept; ``id`` is stored in the warehouse and is never renamed."""

    id: str
    kind: str
    label: str
    codes: Mapping[str, str]
    escalates_to: str | None
    topics: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ConceptPattern:
    """One pattern line; ``rule_id`` is stored with each finding so it must not drift."""

    concept_id: str
    label: str
    pattern: str | list[dict[str, Any]]
    rule_id: str


@dataclass(frozen=True)
class Vocabulary:
    """The loaded vocabulary; ``excludes`` suppress overlapping concept matches."""

    version: str
    concepts: Mapping[str, Concept]
    patterns: tuple[ConceptPattern, ...]
    excludes: tuple[ConceptPattern, ...]

    def by_kind(self, kind: str) -> tuple[Concept, ...]:
        """Concepts of one kind, in file order."""
        return tuple(c for c in self.concepts.values() if c.kind == kind)


def phrase_slug(phrase: str) -> str:
    """The stable slug of a phrase pattern: ASCII, lowercase, ``_`` between words.

    Hyphens are kept so "over-the-counter" and "over the counter" get distinct rule ids.
    """
    text = unicodedata.normalize("NFKD", phrase).encode("ascii", "ignore").decode("ascii")
    words = [re.sub(r"[^a-z0-9-]", "", w) for w in text.lower().split()]
    return "_".join(w for w in words if w)


def rule_id_for(concept_id: str, pattern: str | list[dict[str, Any]]) -> str:
    """``<concept>:<phrase slug>`` or ``<concept>:t<sha1-8 of the canonical JSON>``."""
    if isinstance(pattern, str):
        return f"{concept_id}:{phrase_slug(pattern)}"
    canonical = json.dumps(pattern, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"{concept_id}:t{hashlib.sha1(canonical.encode('utf-8')).hexdigest()[:8]}"


@functools.lru_cache(maxsize=8)
def load_vocabulary(rules_dir: Path | None = None) -> Vocabulary:
    """Load and validate the vocabulary from ``rules_dir`` (default: the shipped rules)."""
    directory = Path(rules_dir) if rules_dir is not None else RULES_DIR
    version, concepts = _load_concepts(directory / CONCEPTS_FILE)
    patterns, excludes = _load_patterns(directory / PATTERNS_FILE, concepts)
    used = {p.concept_id for p in patterns}
    for concept, line in concepts.values():
        if concept.id not in used:
            raise _fail(
                directory / CONCEPTS_FILE, line, f"concept {concept.id!r} has no pattern in {PATTERNS_FILE}"
            )
    return Vocabulary(
        version=version,
        concepts=MappingProxyType({cid: concept for cid, (concept, _) in concepts.items()}),
        patterns=tuple(patterns),
        excludes=tuple(excludes),
    )


# --- concepts.yaml -----------------------------------------------------------------------------


def _fail(path: Path, line: int | None, message: str) -> RuleError:
    return RuleError(f"{path.name}:{line}: {message}" if line else f"{path.name}: {message}")


class _LineLoader(SAFE_LOADER):  # type: ignore[misc, valid-type]
    """SafeLoader that records each mapping's line and rejects duplicate keys.

    PyYAML silently keeps the last of two equal keys, which would hide a typo'd concept.
    """


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    mapping = SAFE_LOADER.construct_mapping(loader, node, deep=deep)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _load_concepts(path: Path) -> tuple[str, dict[str, tuple[Concept, int]]]:
    if not path.is_file():
        raise RuleError(f"rule file not found: {path}")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise _fail(path, line, f"invalid YAML ({exc.problem or exc.context})") from None
    except yaml.YAMLError as exc:
        raise _fail(path, None, f"invalid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise _fail(path, 1, "expected a mapping with 'version' and 'concepts'")
    top_line = data.pop("__line__")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise _fail(path, top_line, f"unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    version = data.get("version")
    if not isinstance(version, str) or not _VERSION_RE.fullmatch(version):
        raise _fail(path, top_line, f"version must be a quoted string like \"2026.11.1\", got {version!r}")
    entries = data.get("concepts")
    if not isinstance(entries, list) or not entries:
        raise _fail(path, top_line, "concepts must be a non-empty list")
    concepts: dict[str, tuple[Concept, int]] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            raise _fail(path, top_line, f"each concept must be a mapping, got {entry!r}")
        concept, line = _parse_concept(path, entry)
        if concept.id in concepts:
            first = concepts[concept.id][1]
            raise _fail(path, line, f"duplicate concept id {concept.id!r} (first at line {first})")
        concepts[concept.id] = (concept, line)
    return version, concepts


def _parse_concept(path: Path, entry: dict[str, Any]) -> tuple[Concept, int]:
    line = entry.pop("__line__")
    unknown = set(entry) - _CONCEPT_KEYS
    if unknown:
        raise _fail(path, line, f"unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    missing = _CONCEPT_REQUIRED - set(entry)
    if missing:
        raise _fail(path, line, f"missing key(s) {', '.join(sorted(missing))}")
    cid, kind, label = entry["id"], entry["kind"], entry["label"]
    if not isinstance(cid, str) or not _ID_RE.fullmatch(cid):
        raise _fail(path, line, f"concept id {cid!r} is not snake_case")
    if kind not in KINDS:
        raise _fail(path, line, f"concept {cid!r}: kind {kind!r} not one of {', '.join(KINDS)}")
    if not isinstance(label, str) or not label.strip():
        raise _fail(path, line, f"concept {cid!r}: label must be a non-empty string")
    codes = entry.get("codes") or {}
    if not isinstance(codes, dict):
        raise _fail(path, line, f"concept {cid!r}: codes must be a mapping")
    codes.pop("__line__", None)
    for system, code in list(codes.items()):
        if system == "snomed" and type(code) is int:
            code = codes[system] = str(code)  # unquoted SNOMED ids load as int; the id is the digits
        if system not in _CODE_RES:
            raise _fail(path, line, f"concept {cid!r}: unknown code system {system!r} (use umls, snomed or mesh)")
        if not isinstance(code, str) or not _CODE_RES[system].fullmatch(code) or (
            system == "snomed" and not _verhoeff_ok(code)
        ):
            raise _fail(path, line, f"concept {cid!r}: bad {system} code {code!r} (expected {_CODE_HINTS[system]})")
    escalates_to = entry.get("escalates_to")
    if escalates_to is not None and escalates_to not in KINDS:
        raise _fail(path, line, f"concept {cid!r}: escalates_to {escalates_to!r} not one of {', '.join(KINDS)}")
    if escalates_to == kind:
        raise _fail(path, line, f"concept {cid!r}: escalates_to {escalates_to!r} must be another kind, not {kind!r}")
    topics = entry.get("topics") or []
    if not isinstance(topics, list) or not all(isinstance(t, str) and _ID_RE.fullmatch(t) for t in topics):
        raise _fail(path, line, f"concept {cid!r}: topics must be a list of snake_case ids")
    concept = Concept(
        id=cid,
        kind=kind,
        label=label.strip(),
        codes=MappingProxyType(dict(codes)),
        escalates_to=escalates_to,
        topics=tuple(topics),
    )
    return concept, line


_VERHOEFF_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 4, 0, 6, 7, 8, 9, 5), (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7), (4, 0, 1, 2, 3, 9, 5, 6, 7, 8), (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2), (7, 6, 5, 9, 8, 2, 1, 0, 4, 3), (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_VERHOEFF_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 5, 7, 6, 2, 8, 3, 0, 9, 4), (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7), (9, 4, 5, 3, 1, 2, 6, 8, 7, 0), (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5), (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)


def _verhoeff_ok(digits: str) -> bool:
    """SNOMED CT ids end in a Verhoeff check digit: a cheap guard against a mistyped code."""
    check = 0
    for position, char in enumerate(reversed(digits)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[position % 8][int(char)]]
    return check == 0


# --- concept_patterns.jsonl --------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _english() -> tuple[Any, Any, frozenset[str]]:
    """Blank English pipeline, the lemma lookup table and the set of its lemmas (loaded once)."""
    import spacy
    from spacy.lookups import load_lookups

    nlp = spacy.blank("en")
    table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    return nlp, table, frozenset(table.values())


def normalise(text: str) -> tuple[str, ...]:
    """The NORM sequence the matcher sees for ``text``: lookup lemma of each lowercased token."""
    nlp, table, _ = _english()
    return tuple(table.get(tok.lower_, tok.lower_) for tok in nlp.make_doc(text))


def _load_patterns(
    path: Path, concepts: Mapping[str, tuple[Concept, int]]
) -> tuple[list[ConceptPattern], list[ConceptPattern]]:
    patterns: list[ConceptPattern] = []
    excludes: list[ConceptPattern] = []
    seen_lines: dict[str, int] = {}
    seen_rule_ids: dict[str, int] = {}
    seen_phrases: dict[tuple[str, tuple[str, ...]], tuple[str, int]] = {}
    for number, entry in iter_jsonl_objects(path):
        unknown = set(entry) - _PATTERN_KEYS
        if unknown:
            raise _fail(path, number, f"unknown key(s) {', '.join(sorted(unknown))}")
        missing = _PATTERN_KEYS - set(entry)
        if missing:
            raise _fail(path, number, f"missing key(s) {', '.join(sorted(missing))}")
        canonical = json.dumps(entry, sort_keys=True, ensure_ascii=False)
        if canonical in seen_lines:
            raise _fail(path, number, f"duplicate pattern line (same as line {seen_lines[canonical]})")
        seen_lines[canonical] = number
        cid, label, pattern = entry["id"], entry["label"], entry["pattern"]
        if not isinstance(cid, str):
            raise _fail(path, number, f"id must be a string, got {cid!r}")
        if cid.startswith(EXCLUDE_PREFIX) or label == EXCLUDE_LABEL:
            if not _EXCLUDE_ID_RE.fullmatch(cid):
                raise _fail(path, number, f"exclude id {cid!r} must look like 'exclude.<snake_case name>'")
            if label != EXCLUDE_LABEL:
                raise _fail(path, number, f"label {label!r} must be 'exclude' for id {cid!r}")
        elif cid not in concepts:
            raise _fail(path, number, f"id {cid!r} is not a concept in {CONCEPTS_FILE}")
        elif label != concepts[cid][0].kind:
            raise _fail(path, number, f"label {label!r} does not match the kind {concepts[cid][0].kind!r} of {cid!r}")
        _check_pattern(path, number, pattern)
        if isinstance(pattern, str):
            norms = normalise(pattern)
            if not norms:
                raise _fail(path, number, "empty pattern")
            owner = seen_phrases.get((label, norms))
            if owner is not None:
                raise _fail(
                    path, number,
                    f"pattern {pattern!r} normalises like line {owner[1]} of {owner[0]!r} ({' '.join(norms)})",
                )
            seen_phrases[(label, norms)] = (cid, number)
        rule_id = rule_id_for(cid, pattern)
        if rule_id in seen_rule_ids:
            raise _fail(path, number, f"rule id {rule_id!r} already made by line {seen_rule_ids[rule_id]}")
        seen_rule_ids[rule_id] = number
        item = ConceptPattern(concept_id=cid, label=label, pattern=pattern, rule_id=rule_id)
        (excludes if label == EXCLUDE_LABEL else patterns).append(item)
    return patterns, excludes


def _check_pattern(path: Path, number: int, pattern: Any) -> None:
    if isinstance(pattern, str):
        if not pattern.strip():
            raise _fail(path, number, "empty pattern")
        if pattern != pattern.lower():
            raise _fail(path, number, f"phrase {pattern!r} must be lowercase")
        return
    if not (isinstance(pattern, list) and pattern and all(isinstance(t, dict) for t in pattern)):
        raise _fail(path, number, "pattern must be a phrase or a non-empty list of token objects")
    from spacy.errors import MatchPatternError
    from spacy.matcher import Matcher

    nlp, _, lemmas = _english()
    for token in pattern:
        bad = set(token) - _TOKEN_ATTRS
        if bad:
            raise _fail(
                path, number,
                f"token attribute(s) {', '.join(sorted(bad))} not available without a model "
                f"(use {', '.join(sorted(_TOKEN_ATTRS))})",
            )
        norm = token.get("NORM")
        values = norm.get("IN", []) if isinstance(norm, dict) else [norm] if isinstance(norm, str) else []
        for value in values:
            if isinstance(value, str) and value != value.lower():
                raise _fail(path, number, f"NORM value {value!r} must be lowercase")
            if isinstance(value, str) and value not in lemmas and normalise(value) != (value,):
                raise _fail(
                    path, number, f"NORM value {value!r} never occurs: it normalises to {' '.join(normalise(value))!r}"
                )
        lower = token.get("LOWER")
        values = lower.get("IN", []) if isinstance(lower, dict) else [lower] if isinstance(lower, str) else []
        for value in values:
            if isinstance(value, str) and value != value.lower():
                raise _fail(path, number, f"LOWER value {value!r} must be lowercase")
    matcher = Matcher(nlp.vocab, validate=True)
    try:
        matcher.add("check", [pattern])
    except (MatchPatternError, ValueError) as exc:
        detail = " ".join(str(exc).split())
        raise _fail(path, number, f"invalid token pattern ({detail})") from None
