"""Document in, findings out: the rule-based extractor that every pipeline calls.

A symptom becomes a red flag only where the article says to seek help for it (seek-help section,
a conditional lead-in naming a doctor, or the same sentence), and not when the sentence already
names a specific red flag or a trigger ("gets worse"); red flags that merely describe a symptom
count only in such a context (``rules/red_flags.yaml``).

One spaCy pass per article (tokenise + sentences), then the matchers: concepts, context cues,
escalation cues and durations. Everything after that is a little bookkeeping per match, so the
cost is dominated by the tokenizer (see ``bench/extract.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.tokens import Doc, Span

from extractors.causes import (
    get_cause_rules, heads_cause_item, in_causal_list, in_cause_context, in_complication_context, in_effect_list,
    is_consequence, is_outcome,
)
from extractors.context import Cue as ContextCue
from extractors.context import get_context_matcher, modifiers_for
from extractors.diagnosis import diagnosis_rules, diagnosis_sentences
from extractors.document import Document
from extractors.durations import Duration, get_duration_matcher
from extractors.escalation import (
    Cue, cues_by_sentence, get_escalation_cues, has_persistence_trigger, is_directed, is_escalation,
    pick_action, pick_trigger, timing_relation,
)
from extractors.errors import RuleError
from extractors.lookalikes import lookalike_sentences
from extractors.markdownchrome import chrome_rules
from extractors.nlp import RuleMatcher, get_nlp, longest_non_overlapping, sentence_start
from extractors.records import Escalation, Extraction, Finding, Timing
from extractors.rulefiles import RULES_DIR, Rule, load_yaml
from extractors.senses import drop_other_senses, sense_rules
from extractors.seekhelp import (
    in_escalation_context, is_condition, list_action, phrase_lists, seek_help_item_start)
from extractors.sections import (
    DocumentLayout, load_avoid_lead_ins, load_cause_lead_ins, load_section_rules, load_side_effect_lead_ins)
from extractors.timing_subjects import timing_subject
from extractors.vocabulary import Vocabulary, load_vocabulary

# Besides advice (negated anywhere under a "Don't" heading), the kinds negated in a "Don't" list
# item: a cause named there ("Don't: smoke", "lift heavy objects", "slouch when sitting") is a
# thing to avoid while recovering, not a claim about what caused the condition. Only list items,
# because prose after the list ("Tendonitis can also be caused by ...") still falls under the
# heading. Symptoms and red flags keep their meaning. Code, because sections.yaml names a role only.
AVOID_LIST_NEGATES: frozenset[str] = frozenset({"cause"})
INNER_SYMPTOMS = "concord_inner_symptoms"  # Doc.user_data key: red-flag span -> symptom matches inside

class ConceptMatcher:
    """Concept matches, longest first without overlaps; ``overlay`` concepts (the triggers "pain
    that doesn't go away", "symptoms get worse") are chosen on their own layer, so "back pain that
    lasts more than a week" is both the back-pain symptom and the not-improving red flag."""

    def __init__(self, vocabulary: Vocabulary, overlay: frozenset[str] = frozenset(),
                 second: frozenset[str] = frozenset()) -> None:
        self.vocabulary = vocabulary
        self.overlay = overlay
        self.second = second  # concepts also read on the exact span of another chosen concept
        rules = [Rule(p.rule_id, p.label, p.pattern, {"concept": p.concept_id})
                 for p in (*vocabulary.patterns, *vocabulary.excludes)]
        self.matcher = RuleMatcher(get_nlp(), rules)

    def __call__(self, doc: Doc) -> list[tuple[Rule, int, int]]:
        matches = self.matcher(doc)
        excluded = {i for rule, s, e in matches if rule.label == "exclude" for i in range(s, e)}
        kept = [m for m in matches if m[0].label != "exclude"
                and not any(i in excluded for i in range(m[1], m[2]))]
        if not self.overlay:
            return longest_non_overlapping(kept)
        triggers = longest_non_overlapping([m for m in kept if m[0].get("concept") in self.overlay])
        base = longest_non_overlapping([m for m in kept if m[0].get("concept") not in self.overlay])
        if self.second:
            base = self._second_readings(kept, base)
        # only the symptom a trigger is about survives inside it ("with rest" is not advice)
        concepts = self.vocabulary.concepts
        base = [m for m in base if concepts[m[0].get("concept")].kind == "symptom"
                or not any(s <= m[1] and m[2] <= e for _, s, e in triggers)]
        # the symptoms inside a red flag ("severe headache" holds "headache"), for a red flag that
        # counts only where the reader is told to seek help (extract_doc falls back to them)
        flags = [(s, e) for r, s, e in base if concepts[r.get("concept")].kind == "red_flag"]
        doc.user_data[INNER_SYMPTOMS] = {(fs, fe): longest_non_overlapping(
            [m for m in kept if fs <= m[1] and m[2] <= fe and (m[1], m[2]) != (fs, fe)
             and concepts[m[0].get("concept")].kind == "symptom"]) for fs, fe in flags} if flags else {}
        return sorted(base + triggers, key=lambda m: (m[1], m[2]))


    def _second_readings(self, kept: list[tuple[Rule, int, int]],
                         base: list[tuple[Rule, int, int]]) -> list[tuple[Rule, int, int]]:
        """Add the matches of a second-reading concept (red_flags.yaml ``second_readings``) on
        exactly the span of a chosen match of another concept, and the other way round: "slurred
        speech" is both confusion and difficulty speaking, "a severe allergic reaction" both
        anaphylaxis (in a seek-help context) and an allergy."""
        chosen = {(s, e): {r.get("concept")} for r, s, e in base}
        extra = []
        for match in kept:
            rule, start, end = match
            concepts = chosen.get((start, end))
            if concepts is None or rule.get("concept") in concepts:
                continue
            if rule.get("concept") in self.second or concepts & self.second:
                concepts.add(rule.get("concept"))
                extra.append(match)
        return sorted(base + extra, key=lambda m: (m[1], m[2])) if extra else base


@lru_cache(maxsize=1)
def checked_vocabulary() -> Vocabulary:
    """The vocabulary, checked against the rule files that name its concepts, without building
    spaCy: all a process that only stores extractions (the flow of a Dask run) needs (~0.1 s
    against ~1 s for the matchers)."""
    vocabulary = load_vocabulary()
    for rule in load_section_rules():  # a typo in sections.yaml `negates` would never negate
        unknown = sorted(rule.negates - vocabulary.concepts.keys())
        if unknown:
            raise RuleError(f"sections.yaml: {rule.id} negates unknown concept(s) {unknown}")
    _red_flag_lists()
    return vocabulary


@lru_cache(maxsize=1)
def get_concept_matcher() -> ConceptMatcher:
    lists = _red_flag_lists()
    return ConceptMatcher(checked_vocabulary(), lists["overlay"], lists["second_readings"])


@lru_cache(maxsize=1)
def _red_flag_lists() -> dict[str, frozenset[str]]:
    """``rules/red_flags.yaml``: the ``contextual``, ``situational``, ``overlay``, ``inner_symptoms``
    and ``second_readings`` concept lists, and ``pain_subjects`` (symptoms whose trigger is ``pain_not_improving``)."""
    data = load_yaml(RULES_DIR / "red_flags.yaml")
    concepts = load_vocabulary().concepts
    lists = {}
    for key, kinds in (("contextual", ("red_flag",)), ("situational", ("red_flag",)),
                       ("overlay", ("red_flag",)), ("pain_subjects", ("symptom", "red_flag")),
                       ("inner_symptoms", ("red_flag",)), ("second_readings", ("red_flag",))):
        entries = data.get(key) if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise RuleError(f"red_flags.yaml: expected a {key!r} list")
        for concept_id in entries:
            if concept_id not in concepts or concepts[concept_id].kind not in kinds:
                raise RuleError(f"red_flags.yaml: {key}: {concept_id!r} is not a {' or '.join(kinds)} concept")
        lists[key] = frozenset(entries)
    return lists


# The two not-improving triggers, and the words that name a trigger's subject inside its own phrase
# ("pain that doesn't go away", "symptoms don't improve"): those phrases keep their concept.
PAIN_TRIGGER, SYMPTOM_TRIGGER = "pain_not_improving", "symptoms_not_improving"
# How far after a condition a trigger may start and still be about it ("tonsillitis that isn't
# getting better", "an ear infection that doesn't get better")
TRIGGER_SUBJECT_GAP = 2
# Words of a recurrence phrase ("keeps coming back", "recurring"): whatever it follows, it is the
# symptoms_not_improving trigger (tests/gold/README.md), never pain_not_improving; so is a frequency
# ("headache symptoms three or more times per month", "dizzy often")
_RECURRENCE = frozenset({"back", "again", "recurring", "recurrent", "returning", "recur", "recurs",
                         "times", "often", "frequently", "regularly"})
_SUBJECT_NORMS = frozenset({"pain", "ache", "symptom", "sign", "treatment", "medicine", "medication",
                            "painkiller", "remedy"})


def _trigger_subject_reading(concept_id: str, span: Span, before: list[tuple[str, Span]],
                             names_subject: bool = False) -> str:
    """Which not-improving trigger a phrase without its own subject is ("it doesn't go away",
    "persistent", "lasts longer than"): that of the nearest symptom before it in its sentence,
    so "unexplained joint pain, especially if it doesn't go away" is the pain trigger and "a
    cough that lasts longer than 3 weeks" the symptom one. ``before``: (concept id, span) of the
    symptoms and red flags found before ``span``, in document order. ``names_subject``: a symptom
    lies inside the phrase ("recurring headache"), which then keeps its own concept."""
    if concept_id not in (PAIN_TRIGGER, SYMPTOM_TRIGGER) or any(t.norm_ in _SUBJECT_NORMS for t in span):
        return concept_id
    if names_subject:
        return concept_id  # it names its own subject: "recurring headache", "regular nosebleeds"
    if concept_id == SYMPTOM_TRIGGER and any(t.lower_ in _RECURRENCE for t in span):
        return concept_id  # recurrence is the symptom trigger: "a blister is very painful or keeps coming back"
    subject = next((c for c, s in reversed(before) if s.sent.start == sentence_start(span.doc, span.start)
                    and c not in (PAIN_TRIGGER, SYMPTOM_TRIGGER)), None)
    if subject is None:
        return concept_id
    return PAIN_TRIGGER if subject in _red_flag_lists()["pain_subjects"] else SYMPTOM_TRIGGER


def contextual_red_flags() -> frozenset[str]:
    """Red flags that count only in a seek-help context (elsewhere they are no finding)."""
    return _red_flag_lists()["contextual"]


def situational_red_flags() -> frozenset[str]:
    """Who is at risk (age, pregnancy, weak immunity), not what is wrong with them."""
    return _red_flag_lists()["situational"]


def warm_up() -> None:
    """Build the pipeline and every matcher now, so rule errors surface before a run starts."""
    get_nlp()
    get_concept_matcher()
    get_context_matcher()
    get_escalation_cues()
    get_duration_matcher()
    contextual_red_flags()
    get_cause_rules()
    diagnosis_rules()
    sense_rules()
    load_avoid_lead_ins()  # read lazily, at the first list item that needs them
    load_side_effect_lead_ins()
    load_cause_lead_ins()
    phrase_lists()  # red_flags.yaml's phrase lists, likewise
    chrome_rules()  # markdown_chrome.yaml, read by the Markdown parser before extraction


def _sentence_text(sent: Span, layout: DocumentLayout) -> str:
    """The evidence sentence, sliced from the document's text: ``Span.text`` rebuilds it token by
    token, which was 7 % of the extraction time. Falls back to that if ``doc`` was not made from
    this text."""
    piece = layout.document.text[sent.start_char:sent.end_char]
    if piece.startswith(sent[0].text) and piece.endswith(sent[-1].text):
        return piece.rstrip()
    return sent.text.rstrip()


def extract(document: Document) -> Extraction:
    doc = get_nlp()(document.text)
    return extract_doc(document, doc)


def extract_many(documents: Iterable[Document], batch_size: int = 32) -> Iterator[Extraction]:
    """Streams with ``nlp.pipe`` so memory stays flat however many documents pass through."""
    docs = list(documents) if not isinstance(documents, list) else documents
    for document, doc in zip(docs, get_nlp().pipe((d.text for d in docs), batch_size=batch_size)):
        yield extract_doc(document, doc)


def extract_doc(document: Document, doc: Doc) -> Extraction:
    layout = DocumentLayout(document)
    vocabulary = get_concept_matcher().vocabulary
    cause_rules = get_cause_rules()
    cause_cues = cause_rules.cue_sentences(doc)
    # words too generic to be a cause elsewhere ("Causes include: medicines") count only where the
    # article lists causes; dropped now, so they swallow no context cue ("another injury, such as")
    matched = drop_other_senses(doc, get_concept_matcher()(doc))  # "menstrual cramps", "emotional trauma"
    concept_matches = [m for m in matched if (m[0].id not in cause_rules.contextual
                       or (m[0].id in cause_rules.section_rules and layout.section_at(doc[m[1]].idx).role == "cause")
                       or in_cause_context(layout, doc[m[1]:m[2]], layout.section_at(doc[m[1]].idx), cause_cues,
                                          any_section=True))
                       and (m[0].id not in cause_rules.list_heads  # "What causes arthritis? - injuries"
                            or heads_cause_item(layout, doc[m[1]:m[2]], layout.section_at(doc[m[1]].idx), cause_cues,
                                                cause_rules.list_head_tails))]
    taken = {i for _, s, e in concept_matches for i in range(s, e)}
    # a cue inside a concept phrase belongs to it ("doesn't improve with rest" negates nothing else);
    # one that only starts inside it reaches on ("give your back a break from strenuous activity")
    all_context_cues = get_context_matcher().cues(doc)
    context_cues = [c for c in all_context_cues
                    if c.rule.label == "TERMINATE" or not all(i in taken for i in range(c.start, c.end))]
    esc_cues = get_escalation_cues()(doc)
    layout.escalation_cues = esc_cues
    layout.concept_spans = [(r.get("concept"), s, e) for r, s, e in concept_matches]
    layout.context_cues = context_cues
    layout.conditions = [c.start for c in all_context_cues
                         if c.rule.label == "CONDITIONAL" and not c.rule.get("with_action")]
    layout.action_conditions = [c.start for c in all_context_cues
                                if c.rule.label == "CONDITIONAL" and c.rule.get("with_action")]
    by_sentence = cues_by_sentence(doc, esc_cues)
    lookalike = lookalike_sentences(doc, all_context_cues)  # "... confused with cold sores. Cold sores ..."
    result = Extraction(document)

    contextual = _red_flag_lists()["contextual"]
    candidates = []
    symptoms_before: list[tuple[str, Span]] = []
    symptom_spans = [(s, e) for r, s, e in concept_matches
                     if vocabulary.concepts[r.get("concept")].kind == "symptom"]
    pending, inner_symptoms = list(concept_matches), doc.user_data.get(INNER_SYMPTOMS, {})
    for rule, start, end in pending:
        concept = vocabulary.concepts[rule.get("concept")]
        span = doc[start:end]
        inner = any(s >= start and e <= end and (s, e) != (start, end) for s, e in symptom_spans)
        concept = vocabulary.concepts[_trigger_subject_reading(concept.id, span, symptoms_before, inner)]
        if concept.kind in ("symptom", "red_flag"):
            symptoms_before.append((concept.id, span))
        info = layout.section_at(span.start_char)
        sent_cues = by_sentence.get(sentence_start(span.doc, span.start), ())
        # "Causes include: taking NSAIDs" names a side effect; "your GP may prescribe antibiotics"
        # (a clinician in the sentence) is treatment even in a list of causes
        if (concept.id in cause_rules.readings and in_cause_context(layout, span, info, cause_cues)
                and not any(c.kind == "ACTION" for c in sent_cues)):
            concept = vocabulary.concepts[cause_rules.readings[concept.id]]
        elif (rule.id in cause_rules.rule_readings  # "more common in people over 65", "caused by acid reflux"
              and in_cause_context(layout, span, info, cause_cues, any_section=True)
              and not any(c.kind == "ACTION" for c in sent_cues)):
            concept = vocabulary.concepts[cause_rules.rule_readings[rule.id]]
        # "Don't: smoke", "reducing your intake of salt, alcohol, caffeine": the advice to avoid it
        avoided = concept.id in cause_rules.avoid_readings and (
            info.role == "avoid" or layout.in_avoid_list(span.start_char) or cause_cues.reduced(span))
        if avoided:
            concept = vocabulary.concepts[cause_rules.avoid_readings[concept.id]]
        escalating = in_escalation_context(layout, span, sent_cues, info)
        kind = concept.kind
        # "Factors that can cause vertigo include: - prolonged bed rest", "triggered by: - stopping
        # smoking": an advice word in a list of causes names what brought it on, not advice
        if (kind == "advice" and not avoided and info.role != "avoid" and not layout.in_avoid_list(span.start_char)
                and not any(c.kind == "ACTION" for c in sent_cues) and in_causal_list(layout, span, cause_cues)):
            continue
        # "Some conditions they may rule out include: gout", "Complications include: poor sleep"
        if (kind == "cause" and info.causes_need_context
                and not in_cause_context(layout, span, info, cause_cues, any_section=True)):
            if info.role != "symptom" or concept.id not in cause_rules.symptom_readings:
                continue
            concept = vocabulary.concepts[cause_rules.symptom_readings[concept.id]]  # "- trouble sleeping"
            kind = concept.kind
        # "Complications can include: meningitis", "people with impetigo are more prone to complications"
        # "increases the risk of anxiety", "side effects include allergic reactions": an outcome
        # "But the flu can lead to: - ear infections": what the lead-in's subject leads to
        if kind == "cause" and (in_complication_context(layout, span, cause_cues)
                                or in_effect_list(layout, span, cause_cues)
                                or is_consequence(layout, span, cause_cues, vocabulary)
                                or is_outcome(layout, span, cause_cues, concept.id)):
            continue
        if kind == "red_flag" and not escalating and concept.id in contextual:
            # "Symptoms include: severe headaches": out of a seek-help context the symptom stays
            if concept.id in _red_flag_lists()["inner_symptoms"]:
                pending.extend(inner_symptoms.get((start, end), ()))
            continue
        if kind == "symptom" and escalating and concept.escalates_to == "red_flag":
            kind = "red_flag"
        candidates.append((rule, concept, span, info, kind, escalating, sent_cues, avoided))
    # A sentence that already names a red flag ("severe back pain", "sore throat and a temperature
    # of 38C") or ties the symptom to a trigger ("your cough gets worse") makes the red flag that
    # concept, not the generic symptom beside it (in the same clause: alternatives joined by "or"
    # are separate red flags, see _beside_red_flag).
    situational = situational_red_flags()
    # "See your GP if you have a long-term medical condition, for example diabetes": beside a
    # risk group in a seek-help context a condition says who should seek help, not a cause.
    at_risk = {sentence_start(c[2].doc, c[2].start) for c in candidates if c[5] and c[1].id in situational}
    candidates = [c for c in candidates if not (c[4] == "cause" and c[5] and sentence_start(c[2].doc, c[2].start) in at_risk)]
    # "See a GP if you have: tonsillitis that isn't getting better": a condition that is the subject
    # of a not-improving / worsening trigger in a seek-help context says when to go back, not what
    # caused this one (the trigger is the red flag)
    overlay = _red_flag_lists()["overlay"]
    trigger_starts = {c[2].start for c in candidates if c[1].id in overlay}
    candidates = [c for c in candidates if not (c[4] == "cause" and c[5] and _trigger_subject(c[2], trigger_starts))]
    # A cue inside a concept phrase belongs to it, but only to a phrase that is a finding: a
    # contextual red flag dropped outside seek-help ("antibiotics don't help" is no trigger in
    # prose) leaves its post-negation to the subject before it. Its forward cues stay inside it:
    # "a cough that does not go away, coughing up sputum" does not deny the sputum.
    kept = {i for _, _, span, *_ in candidates for i in range(span.start, span.end)}
    modifier_cues = [c for c in all_context_cues if c.rule.label == "TERMINATE"
                     or not all(i in taken for i in range(c.start, c.end))
                     or (c.rule.get("direction") == "backward" and not any(i in kept for i in range(c.start, c.end)))]
    # "Your doctor will diagnose it with ... imaging tests": what a diagnosis section negates
    diagnosis_negates = diagnosis_rules()[0]
    diagnosed = (diagnosis_sentences(doc) if any(c[1].id in diagnosis_negates for c in candidates)
                 else frozenset())
    flagged: dict[int, list[Span]] = {}
    for _, concept, span, _, kind, *_ in candidates:
        if kind == "red_flag" and concept.id not in situational:
            flagged.setdefault(sentence_start(span.doc, span.start), []).append(span)

    for rule, concept, span, info, kind, escalating, sent_cues, avoided in candidates:
        sent = span.sent
        item = seek_help_item_start(layout, span, info) if kind == "symptom" and escalating else None
        if (item is not None and not has_persistence_trigger(list(sent_cues))
                and not _beside_red_flag(span, [f for f in flagged.get(sent.start, ()) if f.start >= item])):
            kind = "red_flag"
        elif (kind == "symptom" and escalating and item is None and sent.start in flagged
              and not has_persistence_trigger(list(sent_cues)) and _alternative_to_red_flag(span, flagged[sent.start])):
            kind = "red_flag"  # "if you have chest pain, tarry stools, or vomiting", "Fever or chills: ... treated immediately"
        mods = modifiers_for(span.start, span.end, kind, modifier_cues)
        avoid = info.role == "avoid" or layout.in_avoid_list(span.start_char)
        # in a "Don't" list a negated advice phrase is affirmed: "Don't: rub your eyes if you haven't
        # washed your hands" tells the reader to wash them
        negated = (mods.negated and not avoided and not (avoid and kind == "advice")) or (not avoided and avoid and (
            (kind == "advice" and not mods.negated)
            or (kind in AVOID_LIST_NEGATES and layout.is_list_item(span.start_char)))) or (
            concept.id in info.negates) or (kind == "symptom" and sentence_start(span.doc, span.start) in lookalike) or (
            concept.id in diagnosis_negates and sent.start in diagnosed) or (
            kind == "symptom" and (layout.in_side_effect_list(span.start_char)  # "Side effects include: - nausea"
                                   or layout.in_cause_list(span.start_char)))  # "Common causes include: - constipation"
        result.findings.append(Finding(
            kind=kind, concept=concept.id, label=concept.label, text=span.text,
            sentence=_sentence_text(sent, layout), section=info.heading, start=span.start_char,
            end=span.end_char, sentence_start=sent.start_char, negated=negated,
            hedged=mods.hedged, conditional=mods.conditional, experiencer=mods.experiencer,
            rule=rule.id, cues=tuple(mods.cue_ids),
        ))

    for duration in get_duration_matcher()(doc):
        _place_duration(doc, duration, layout, by_sentence, context_cues, result)
    return result


def _trigger_subject(span: Span, trigger_starts: Iterable[int]) -> bool:
    """Does a trigger start right after the span, with no punctuation between ("tonsillitis that
    isn't getting better")?"""
    doc = span.doc
    return any(span.end <= start <= span.end + TRIGGER_SUBJECT_GAP
               and not any(t.is_punct for t in doc[span.end:start]) for start in trigger_starts)


def _beside_red_flag(span: Span, red_flags: Iterable[Span]) -> bool:
    """The symptom shares a clause with a red flag of its sentence: "severe back pain", "a sore
    throat and a temperature of 38C". Alternatives joined by "or" ("dizziness or visual
    disturbance", "difficulty swallowing or any changes in your voice") are each a reason to
    seek help."""
    doc = span.doc
    for flag in red_flags:
        lo, hi = _between(span, flag)
        if not any(doc[i].lower_ == "or" for i in range(lo, hi)) and not _or_list(doc, lo, hi):
            return True
    return False


def _between(span: Span, flag: Span) -> tuple[int, int]:
    """The tokens between a symptom and a red flag, without an article that opens the second
    ("vomiting, a severe sore throat or dizziness")."""
    lo, hi = (span.end, flag.start) if span.end <= flag.start else (flag.end, span.start)
    while hi > lo and span.doc[hi - 1].lower_ in ARTICLES:
        hi -= 1
    return lo, hi


def _alternative_to_red_flag(span: Span, red_flags: Iterable[Span]) -> bool:
    """In a sentence that sends the reader to someone, is the symptom an alternative to one of its
    red flags: joined to it by "or" ("Fever or chills: ... should be treated immediately") or an
    item of the same "or" list ("trouble breathing, chest pain, black, bloody, and tarry stools, or
    vomiting")?"""
    doc = span.doc
    for flag in red_flags:
        lo, hi = _between(span, flag)
        words = [t.lower_ for t in doc[lo:hi]]
        if words in (["or"], [",", "or"]) or _or_list(doc, lo, hi):
            return True
    return False


ARTICLES = frozenset({"a", "an", "the"})
LIST_ITEM_WORDS = 3  # the longest unmatched item between two findings of an "or" list


def _or_list(doc: Doc, lo: int, hi: int) -> bool:
    """Are tokens ``lo:hi`` a comma between two items of a list that ends in "or" ("such as pus,
    swollen glands or flu-like symptoms"), or commas around other short items of it ("difficulty
    breathing, choking sensation, wheezing, abdominal pain, dizziness, or fainting")?"""
    if hi <= lo or doc[lo].text != "," or doc[hi - 1].text != ",":
        return False
    items = " ".join(t.lower_ for t in doc[lo:hi]).split(",")
    if any(len(item.split()) > LIST_ITEM_WORDS or "and" in item.split() for item in items):
        return False
    sent_end = doc[hi].sent.end
    for i in range(hi, sent_end):
        if doc[i].lower_ == "or":
            return True
        if doc[i].lower_ == "and" or doc[i].text in (";", ":", "."):
            return False
    return False


def _place_duration(doc: Doc, duration: Duration, layout: DocumentLayout,
                    by_sentence: dict[int, list[Cue]], context_cues: list[ContextCue],
                    result: Extraction) -> None:
    span = doc[duration.start:duration.end]
    sent = span.sent
    cues = by_sentence.get(sent.start, [])
    info = layout.section_at(span.start_char)
    # A window is advice to the reader under a condition: a directed action ("see a GP", not
    # "doctors want to see how patients fare over several years") in a conditional sentence, a
    # bullet under a conditional lead-in ("See a GP if:"), or a condition under a seek-help
    # heading. Anything else with a duration ("symptoms will improve within a few days", "pain
    # lasting longer than 12 weeks is called chronic") is a timing claim.
    conditional = is_condition(sent, layout)
    directed = is_directed(doc, cues)
    action_cue = pick_action(cues) if directed and is_condition(sent, layout, with_action=True) else None
    action = action_cue.value if action_cue else None
    trigger = pick_trigger(cues, duration)
    if action is None:
        lead = list_action(layout, span)
        action = lead.value if lead else (info.action if info.role == "seek_help" else None)
        if lead is None and action is not None and not conditional and not layout.is_list_item(span.start_char):
            action = None
    if duration.not_window and not has_persistence_trigger(cues):
        action = None  # a deadline to act ("within 72 hours of the first sign"), not a wait
    if action is not None and is_escalation(duration, trigger):
        result.escalations.append(Escalation(
            action=action, trigger=trigger.value if trigger else "threshold",
            min_days=duration.min_days, max_days=duration.max_days, text=span.text,
            sentence=_sentence_text(sent, layout), section=info.heading, start=span.start_char,
            end=span.end_char, sentence_start=sent.start_char, rule=duration.rule_id,
        ))
        return
    if duration.reported:
        return  # a study's design or follow-up ("assessed at 3, 6 and 12 months"), not a timing claim
    subject = timing_subject(doc, sent, duration, result.findings, layout)
    result.timings.append(Timing(
        subject=subject, relation=timing_relation(sent, duration),
        min_value=duration.min_value, max_value=duration.max_value, unit=duration.unit,
        min_days=duration.min_days, max_days=duration.max_days, text=span.text,
        sentence=_sentence_text(sent, layout), section=info.heading, start=span.start_char,
        end=span.end_char, sentence_start=sent.start_char, rule=duration.rule_id,
    ))
