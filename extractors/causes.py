"""Cause readings that depend on where a phrase stands (``rules/causes.yaml``).

A *cause context* is a list item under a causes heading (``sections.yaml`` role ``cause``) or under
a lead-in whose last sentence names a cause ("Other things that can cause indigestion include:",
"You're more likely to get it if:"), or a sentence with a causal cue under a causes heading. There:

* ``readings`` turn advice (or red-flag) concepts into the cause they stand for: "Causes include:
  taking NSAIDs" names a medicine side effect, not pain-relief advice; "you're pregnant" under
  "What causes thrush" is pregnancy, not the pregnant-and-unwell red flag;
* ``rule_readings`` do the same for single pattern rules of a concept that only some of its words
  share: "over 65" in "more common in people over 65" is older age, while "under 5" (the same
  age-risk red flag) is not; "acid reflux" in "chest pain can be caused by acid reflux" is the
  cause, in a symptoms list the heartburn symptom;
* ``contextual`` pattern rules count at all: words too generic to be a cause anywhere else
  ("medicines", "weight gain"); in prose they also count in a causal sentence under any
  heading ("hives can be the result of an allergic reaction to certain medicines").

In a "Don't" list ("Don't: smoke", "drink too much caffeine or alcohol") or after a cut-down cue
("reducing your intake of salt, alcohol, caffeine"), ``avoid_readings`` turn a cause into the advice
to avoid it (stop smoking, cut down on alcohol and caffeine).

``list_heads`` pattern rules count only as the head of a list item in a cause context ("What causes
arthritis? - injuries"): in prose, "can lead to injury" is what a cause leads to.

A phrase whose nearest cue (before it in its sentence, else after it) is a ``treatment`` cue, or a
list under a lead-in with one, is about treating, not causing, even under a causes heading:
"Treatment may include medications", "your doctor may recommend the following medications for
certain causes of food poisoning:".
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span

from extractors.errors import RuleError
from extractors.nlp import RuleMatcher, get_nlp, sentence_start, sentence_starts
from extractors.rulefiles import RULES_DIR, Rule, load_yaml
from extractors.sections import DocumentLayout, SectionInfo
from extractors.vocabulary import Vocabulary

CAUSES_FILE = "causes.yaml"
CUE_WINDOW = 8  # tokens between a phrase and the cue that says what it is doing there
EFFECT_WINDOW = 1  # words between an effect-after cue and its effect ("can cause severe dehydration")
# How a lead-in ends when its list enumerates the causes it names ("Factors that can cause vertigo
# include:", "caused by things you can try to avoid, such as:")
CAUSE_LIST_ENDINGS = ("include:", "includes:", "including:", "such as:", "for example:", "like:", "are:")
ANAPHORA_TOKENS = 8  # at most this long, a lead-in's last sentence that only points back ("These include:")
ANAPHORA_ENDINGS = ("include", "includes", "are", "following")  # and ending so: "They'll also:" is no list of causes


@dataclass(frozen=True)
class CauseRules:
    readings: Mapping[str, str]  # advice or red-flag concept id -> cause concept id
    contextual: frozenset[str]  # concept pattern rule ids that count only in a cause context
    cues: RuleMatcher  # causal (CAUSAL), treatment (TREATMENT), cut-down (REDUCTION), COMPLICATION cues
    avoid_readings: Mapping[str, str] = field(default_factory=dict)  # cause id -> advice id
    list_heads: frozenset[str] = frozenset()  # pattern rule ids that count only as a cause list item's head
    list_head_tails: tuple[str, ...] = ()  # what may follow such a head in its item ("- injuries, like a cut")
    symptom_readings: Mapping[str, str] = field(default_factory=dict)  # cause id -> symptom id
    section_rules: frozenset[str] = frozenset()  # contextual rule ids that count anywhere under a causes heading
    outcome_reach: Mapping[str, int] = field(default_factory=dict)  # OUTCOME / SYMPTOM_LIST -> words it reaches
    outcome_stops: frozenset[str] = frozenset()  # words that end an outcome cue's reach ("due to smoking")
    lead_in_anaphora: tuple[str, ...] = ()  # first words of a lead-in sentence that points back ("These include:")
    rule_readings: Mapping[str, str] = field(default_factory=dict)  # pattern rule id -> cause concept id

    def cue_sentences(self, doc: Doc) -> CueSentences:
        """Which sentences hold a causal or a treatment cue (matched on first use)."""
        return CueSentences(self.cues, doc)


class CueSentences:
    """The causal (CAUSAL) and treatment (TREATMENT) cues of a doc by sentence, found only when
    first asked: most findings never need them."""

    def __init__(self, cues: RuleMatcher, doc: Doc) -> None:
        self._cues = cues
        self._doc = doc
        self._by_sentence: dict[int, list[tuple[int, str]]] | None = None

    def _sentence(self, sent_start: int) -> list[tuple[int, str]]:
        if self._by_sentence is None:
            matches = self._cues(self._doc)
            starts = sentence_starts(self._doc) if matches else []
            self._by_sentence = {}
            for rule, start, end in sorted(matches, key=lambda m: m[1]):
                sent = starts[bisect.bisect_right(starts, start) - 1]
                # an effect-after cue is kept where its effect starts ("can cause | dehydration")
                position = end if rule.label in ("EFFECT_AFTER", "OUTCOME", "SYMPTOM_LIST") else start
                self._by_sentence.setdefault(sent, []).append((position, rule.label))
        return self._by_sentence.get(sent_start, [])

    def positions(self, sent_start: int, label: str) -> list[int]:
        """Where the cues of one kind stand in the sentence starting at ``sent_start``."""
        return [position for position, found in self._sentence(sent_start) if found == label]

    def has(self, sent_start: int, label: str) -> bool:
        return any(found == label for _, found in self._sentence(sent_start))

    def leaning(self, span: Span) -> str | None:
        """The kind of the nearest cue before the span in its sentence, else the nearest after it,
        within ``CUE_WINDOW`` tokens: "recommend the following medications for certain causes" is
        about treating, "a side effect of some medications, especially those used to treat cancer"
        about causing."""
        cues = [(position, label) for position, label in self._sentence(sentence_start(span.doc, span.start))
                if label in ("CAUSAL", "TREATMENT")]
        before = [label for position, label in cues if span.start - CUE_WINDOW <= position < span.start]
        if before:
            return before[-1]
        after = [label for position, label in cues if span.end <= position <= span.end + CUE_WINDOW]
        return after[0] if after else None

    def effect_cues(self, span: Span) -> list[tuple[int, str]]:
        """The effect cues the span stands right beside as their effect: right after an
        effect-after cue ("persistent vomiting can cause dehydration", "can lead to severe
        dehydration") or right before an effect-before cue ("whether you are dehydrated due to
        food poisoning"), with where the cue's other side starts or ends."""
        return [(position, label) for position, label in self._sentence(sentence_start(span.doc, span.start))
                if (label == "EFFECT_AFTER" and position <= span.start <= position + EFFECT_WINDOW)
                or (label == "EFFECT_BEFORE" and span.end <= position <= span.end + 1)]

    def reduced(self, span: Span) -> bool:
        """Is the span what a cut-down cue shortly before it tells the reader to have less of
        ("reducing your intake of salt, alcohol, caffeine", "avoid alcohol, caffeine and nicotine")?"""
        doc = span.doc
        return any(label == "REDUCTION" and position < span.start
                   and _list_distance(doc, position, span.start) <= CUE_WINDOW
                   for position, label in self._sentence(sentence_start(span.doc, span.start)))


# Tokens of a list's joints, not counted in a cue's reach: "avoiding stomach irritants such as
# alcohol, tobacco, and caffeine" reaches the caffeine at the end of the list.
_LIST_JOINTS = frozenset({",", "and", "or", "such", "as", "like", "including"})


def _list_distance(doc: Doc, lo: int, hi: int) -> int:
    """Tokens between ``lo`` and ``hi``, not counting list punctuation and conjunctions."""
    return sum(1 for i in range(lo, hi) if doc[i].lower_ not in _LIST_JOINTS)


def load_cause_rules(vocabulary: Vocabulary) -> CauseRules:
    data = load_yaml(RULES_DIR / CAUSES_FILE)
    keys = {"version", "readings", "contextual", "cues", "treatment_cues", "avoid_readings", "reduction_cues",
            "complication_cues", "effect_after_cues", "effect_before_cues", "list_heads", "list_head_tails",
            "symptom_readings", "outcome_cues", "symptom_list_cues", "section_contextual", "outcome_reach",
            "outcome_stops", "lead_in_anaphora", "rule_readings"}
    if not isinstance(data, dict) or set(data) - keys:
        raise RuleError(f"{CAUSES_FILE}: expected 'version', 'readings', 'contextual', 'cues', 'treatment_cues' "
                        f"(optional: 'avoid_readings', 'reduction_cues', 'complication_cues', "
                        f"'effect_after_cues', 'effect_before_cues', 'list_heads', 'list_head_tails', "
                        f"'symptom_readings')")
    concepts = vocabulary.concepts
    readings = data.get("readings") or {}
    if not isinstance(readings, dict):
        raise RuleError(f"{CAUSES_FILE}: readings must map advice concept ids to cause concept ids")
    for source, target in readings.items():
        if concepts.get(source) is None or concepts[source].kind not in ("advice", "red_flag"):
            raise RuleError(f"{CAUSES_FILE}: readings: {source!r} is not an advice or red-flag concept")
        if concepts.get(target) is None or concepts[target].kind != "cause":
            raise RuleError(f"{CAUSES_FILE}: readings: {target!r} is not a cause concept")
    rule_ids = {p.rule_id for p in vocabulary.patterns}
    rule_readings = data.get("rule_readings") or {}
    if not isinstance(rule_readings, dict):
        raise RuleError(f"{CAUSES_FILE}: rule_readings must map concept pattern rule ids to cause concept ids")
    for source, target in rule_readings.items():
        if source not in rule_ids:
            raise RuleError(f"{CAUSES_FILE}: rule_readings: unknown rule id {source!r} (see concept_patterns.jsonl)")
        if concepts.get(target) is None or concepts[target].kind != "cause":
            raise RuleError(f"{CAUSES_FILE}: rule_readings: {target!r} is not a cause concept")
    contextual = _rule_id_list(data, "contextual", rule_ids)
    section_rules = _rule_id_list(data, "section_contextual", rule_ids)
    if section_rules - contextual:
        raise RuleError(f"{CAUSES_FILE}: section_contextual must list rule ids from contextual")
    list_heads = _rule_id_list(data, "list_heads", rule_ids)
    tails = data.get("list_head_tails") or []
    if (not isinstance(tails, list) or not all(isinstance(t, str) and t for t in tails)
            or (list_heads and not tails)):
        raise RuleError(f"{CAUSES_FILE}: list_head_tails must be a non-empty list of strings when list_heads is set")
    avoid_readings = data.get("avoid_readings") or {}
    if not isinstance(avoid_readings, dict):
        raise RuleError(f"{CAUSES_FILE}: avoid_readings must map cause concept ids to advice concept ids")
    for source, target in avoid_readings.items():
        if concepts.get(source) is None or concepts[source].kind != "cause":
            raise RuleError(f"{CAUSES_FILE}: avoid_readings: {source!r} is not a cause concept")
        if concepts.get(target) is None or concepts[target].kind != "advice":
            raise RuleError(f"{CAUSES_FILE}: avoid_readings: {target!r} is not an advice concept")
    symptom_readings = data.get("symptom_readings") or {}
    if not isinstance(symptom_readings, dict) or any(
            concepts.get(a) is None or concepts[a].kind != "cause" or concepts.get(b) is None
            or concepts[b].kind != "symptom" for a, b in symptom_readings.items()):
        raise RuleError(f"{CAUSES_FILE}: symptom_readings must map cause concept ids to symptom concept ids")
    rules = []
    for key, label in (("cues", "CAUSAL"), ("treatment_cues", "TREATMENT"), ("reduction_cues", "REDUCTION"),
                       ("complication_cues", "COMPLICATION"), ("effect_after_cues", "EFFECT_AFTER"),
                       ("effect_before_cues", "EFFECT_BEFORE"), ("outcome_cues", "OUTCOME"),
                       ("symptom_list_cues", "SYMPTOM_LIST")):
        cues = data.get(key) or []
        if key in ("reduction_cues", "complication_cues", "effect_after_cues", "effect_before_cues",
                   "outcome_cues", "symptom_list_cues") and key not in data:
            continue  # optional, like avoid_readings
        if not isinstance(cues, list) or not cues:
            raise RuleError(f"{CAUSES_FILE}: {key} must be a non-empty list of phrases or token patterns")
        for n, cue in enumerate(cues, start=1):
            if not (isinstance(cue, str) and cue.strip()) and not (isinstance(cue, list) and cue):
                raise RuleError(f"{CAUSES_FILE}: {key} {n} must be a phrase or a token pattern")
            rules.append(Rule(f"{key}.{n}", label, cue.lower() if isinstance(cue, str) else cue))
    reach, stops = _outcome_reach(data)
    anaphora = data.get("lead_in_anaphora") or []
    if not isinstance(anaphora, list) or not all(isinstance(w, str) and w.strip() for w in anaphora):
        raise RuleError(f"{CAUSES_FILE}: lead_in_anaphora must be a list of words or phrases")
    return CauseRules(dict(readings), contextual, RuleMatcher(get_nlp(), rules), dict(avoid_readings), list_heads,
                      tuple(t.lower() for t in tails), dict(symptom_readings), section_rules, reach, stops,
                      tuple(w.strip().lower() + " " for w in anaphora), dict(rule_readings))


def _outcome_reach(data: dict[str, Any]) -> tuple[dict[str, int], frozenset[str]]:
    """``outcome_reach`` (cue list -> words it reaches) and ``outcome_stops``, needed together with
    the outcome or symptom-list cues they govern."""
    labels = {"outcome_cues": "OUTCOME", "symptom_list_cues": "SYMPTOM_LIST"}
    reach = data.get("outcome_reach") or {}
    stops = data.get("outcome_stops") or []
    used = {key for key in labels if key in data}
    if (not isinstance(reach, dict) or set(reach) != used
            or not all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in reach.values())):
        raise RuleError(f"{CAUSES_FILE}: outcome_reach must give a positive word count for each of "
                        f"{', '.join(sorted(used)) or 'the outcome cue lists'} (and nothing else)")
    if used and (not isinstance(stops, list) or not stops or not all(isinstance(w, str) and w for w in stops)):
        raise RuleError(f"{CAUSES_FILE}: outcome_stops must be a non-empty list of words")
    return {labels[key]: n for key, n in reach.items()}, frozenset(w.lower() for w in stops)


def _rule_id_list(data: dict[str, Any], key: str, rule_ids: set[str]) -> frozenset[str]:
    """An optional list of concept_patterns.jsonl rule ids, every one of which must exist."""
    ids = data.get(key) or []
    if not isinstance(ids, list) or not all(isinstance(r, str) for r in ids):
        raise RuleError(f"{CAUSES_FILE}: {key} must be a list of concept pattern rule ids")
    unknown = sorted(set(ids) - rule_ids)
    if unknown:
        raise RuleError(f"{CAUSES_FILE}: {key}: unknown rule id(s) {unknown} (see concept_patterns.jsonl)")
    return frozenset(ids)


@lru_cache(maxsize=1)
def get_cause_rules() -> CauseRules:
    from extractors.extract import get_concept_matcher  # the vocabulary the extractor matches with

    return load_cause_rules(get_concept_matcher().vocabulary)


def in_cause_context(layout: DocumentLayout, span: Span, info: SectionInfo, cues: CueSentences,
                     *, any_section: bool = False) -> bool:
    """Is the span a list item about causes, or in a causal sentence under a causes heading (with
    ``any_section``, under any heading: "hives can be the result of certain medicines")?"""
    leaning = cues.leaning(span)
    if leaning == "TREATMENT":
        return False
    if layout.is_list_item(span.start_char):
        lead_sents = _lead_sentences(layout, span)
        if any(cues.has(sent, "TREATMENT") for sent in lead_sents):
            return False  # a lead-in about treating wins: "may recommend medications for certain causes of"
        return info.role == "cause" or any(cues.has(sent, "CAUSAL") for sent in lead_sents)
    return (any_section or info.role == "cause") and leaning == "CAUSAL"


def heads_cause_item(layout: DocumentLayout, span: Span, info: SectionInfo, cues: CueSentences,
                     tails: tuple[str, ...]) -> bool:
    """Does the span open a list item about causes, with nothing after it but one of ``tails``
    (causes.yaml ``list_head_tails``: punctuation or an example, "- injuries, like a cut")?"""
    index = layout.block_index_at(span.start_char)
    if index is None or layout.blocks[index].kind != "list_item" or layout.blocks[index].start != span.start_char:
        return False
    rest = layout.document.text[span.end_char:layout.blocks[index].end].strip().lower()
    return (not rest or rest.startswith(tails)) and in_cause_context(layout, span, info, cues)


def in_complication_context(layout: DocumentLayout, span: Span, cues: CueSentences) -> bool:
    """Is the span named as a complication, or as what makes complications more likely, in its own
    sentence or by its list's lead-in ("Complications are rare but can include: ear infection",
    "People with the skin condition impetigo are more prone to complications", "has an illness
    that means there's a risk of complications, such as cystic fibrosis")? What the condition
    leads to, or who fares worse with it, is not what causes it."""
    if cues.has(sentence_start(span.doc, span.start), "COMPLICATION"):
        return True
    return any(cues.has(sent, "COMPLICATION") for sent in _lead_sentences(layout, span))


def in_effect_list(layout: DocumentLayout, span: Span, cues: CueSentences) -> bool:
    """Is the span an item of a list whose lead-in ends with an effect-after cue ("But the flu can
    lead to:", "Chronic hepatitis C may cause:", "This can cause")? The list names what the lead-in's
    subject leads to, not what causes the article's condition."""
    if not layout.is_list_item(span.start_char):
        return False
    last = _lead_in(layout, span)
    if last is None:
        return False
    end = last.end
    while end > last.start and span.doc[end - 1].is_punct:
        end -= 1  # "can lead to:" ends where "to" does
    return end in cues.positions(sentence_start(span.doc, end - 1), "EFFECT_AFTER")


def _lead_in(layout: DocumentLayout, span: Span) -> Span | None:
    """The lead-in sentence(s) of the list the span is an item of, as a span of its doc."""
    lead = layout.list_lead_in(span.start_char)
    return None if lead is None else span.doc.char_span(lead.start, lead.end, alignment_mode="expand")


def _lead_sentences(layout: DocumentLayout, span: Span) -> list[int]:
    """The starts of the lead-in sentences that say what the span's list is: the last one, and the
    one before it when the last only points back (causes.yaml ``lead_in_anaphora``: "A variety of
    problems can cause an abnormal gait. These include:", "What causes hearing loss? Some
    possibilities are")."""
    last = _lead_in(layout, span)
    if last is None:
        return []
    doc = span.doc
    sent = sentence_start(doc, last.end - 1)
    if sent > last.start and last.end - sent <= ANAPHORA_TOKENS:
        text = doc[sent:last.end].text.rstrip(" :").lower()
        if text.endswith(ANAPHORA_ENDINGS) and text.startswith(get_cause_rules().lead_in_anaphora):
            return [sent, sentence_start(doc, sent - 1)]
    return [sent]


def in_causal_list(layout: DocumentLayout, span: Span, cues: CueSentences) -> bool:
    """Is the span a list item under a lead-in whose last sentence names causes ("Factors that can
    cause vertigo during pregnancy include:", "Sometimes they're triggered by things you can't
    control, for example:"), and not about treating ("may recommend ... for certain causes of")?
    A heading alone is not enough: "## Causes" pages also list what to do about them."""
    if not layout.is_list_item(span.start_char) or cues.leaning(span) == "TREATMENT":
        return False
    last = _lead_in(layout, span)
    if last is None:
        return False
    if not last.text.rstrip().lower().endswith(CAUSE_LIST_ENDINGS):
        return False  # "Many things can cause a cough and your GP might:" introduces what the GP does
    lead_sents = _lead_sentences(layout, span)
    return (any(cues.has(sent, "CAUSAL") for sent in lead_sents)
            and not any(cues.has(sent, "TREATMENT") for sent in lead_sents))


def is_consequence(layout: DocumentLayout, span: Span, cues: CueSentences, vocabulary: Vocabulary) -> bool:
    """Is the cause phrase what a symptom or the article's own condition leads to ("persistent
    vomiting can cause dehydration", "dehydrated due to food poisoning" on a food-poisoning page)?
    That is a consequence, not a cause. A chain of causes keeps its links: "weightlifting can lead
    to muscle strain", "nerve compression due to muscle tightness"."""
    found = cues.effect_cues(span)
    if not found:
        return False
    concepts = vocabulary.concepts
    doc = span.doc
    topics = _topics(layout, doc)
    in_sentence = [(c, s, e) for c, s, e in layout.concept_spans
                   if sentence_start(span.doc, span.start) <= s < span.sent.end and (s, e) != (span.start, span.end)]
    for position, label in found:
        if label == "EFFECT_AFTER":
            other = [c for c, _, e in in_sentence if e <= span.start][-1:]
        else:
            other = [c for c, s, _ in in_sentence if s >= position][:1]
        if other and (concepts[other[0]].kind in ("symptom", "red_flag") or other[0] in topics):
            return True
    return False


def _topics(layout: DocumentLayout, doc: Doc) -> set[str]:
    """The concepts the article's title (level-1 headings) names: its own condition."""
    titles = [(b.start, b.end) for b in layout.blocks if b.kind == "heading" and b.level == 1]
    return {c for c, s, _ in layout.concept_spans if any(lo <= doc[s].idx < hi for lo, hi in titles)}


def is_outcome(layout: DocumentLayout, span: Span, cues: CueSentences, concept_id: str) -> bool:
    """Is the cause phrase the outcome a risk or a side effect is about, or a symptom a symptoms
    list names (causes.yaml ``outcome_cues``: "increases the risk of anxiety", "put you at risk for
    dehydration", "side effects include allergic reactions"; ``symptom_list_cues``: "Other symptoms
    may include anxiety"), a few words on in a list after the cue (``OUTCOME_WINDOWS``)? That is
    not what causes the article's condition, unless it is that condition itself (named in the
    title: "risk factors increase your risk of gout")."""
    doc = span.doc
    if any(span.start <= position <= span.end + 2 for position in cues.positions(sentence_start(span.doc, span.start), "CAUSAL")):
        return False  # "the risk of imbalances that lead to back pain": a cause all the same
    rules = get_cause_rules()
    for label, window in rules.outcome_reach.items():
        if any(_reaches(doc, position, span.start, window, rules.outcome_stops)
               for position in cues.positions(sentence_start(span.doc, span.start), label)):
            return concept_id not in _topics(layout, doc) | _title_concepts(layout.document.title or "")
    return False


def _reaches(doc: Doc, position: int, start: int, window: int, stops: frozenset[str]) -> bool:
    """Does an outcome cue ending at ``position`` reach a phrase starting at ``start``?"""
    if position > start:
        return False
    between = doc[position:start]
    return (_list_distance(doc, position, start) <= window
            and not any(t.lower_ in stops or t.is_punct and t.text not in (",",) for t in between))


@lru_cache(maxsize=64)
def _title_concepts(title: str) -> frozenset[str]:
    """The concepts a title kept outside the text names (MedQuAD's focus "Diabetes", a news
    headline "... treatments for knee osteoarthritis")."""
    if not title.strip():
        return frozenset()
    from extractors.extract import get_concept_matcher  # the vocabulary the extractor matches with

    return frozenset(rule.get("concept") for rule, _, _ in get_concept_matcher()(get_nlp()(title)))
