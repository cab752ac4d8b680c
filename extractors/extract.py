"""Document in, findings out: the rule-based extractor that every pipeline calls.

One spaCy pass per article (tokenise + sentences), then the matchers: concepts, context cues,
escalation cues and durations. Everything after that is a little bookkeeping per match, so the
cost is dominated by the tokenizer (see ``bench/extract.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.tokens import Doc, Span

from extractors.context import get_context_matcher, modifiers_for
from extractors.document import Document
from extractors.durations import Duration, get_duration_matcher
from extractors.escalation import (
    Cue, cues_by_sentence, get_escalation_cues, is_escalation, pick_action, pick_trigger,
    timing_relation,
)
from extractors.nlp import RuleMatcher, get_nlp, longest_non_overlapping
from extractors.records import Escalation, Extraction, Finding, Timing
from extractors.rulefiles import Rule
from extractors.sections import DocumentLayout
from extractors.vocabulary import Vocabulary, load_vocabulary

RULES_VERSION_FILES = ("concepts.yaml", "context.jsonl", "escalation.jsonl", "durations.jsonl",
                       "sections.yaml", "quantities.yaml")


class ConceptMatcher:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        rules = [Rule(p.rule_id, p.label, p.pattern, {"concept": p.concept_id})
                 for p in (*vocabulary.patterns, *vocabulary.excludes)]
        self.matcher = RuleMatcher(get_nlp(), rules)

    def __call__(self, doc: Doc) -> list[tuple[Rule, int, int]]:
        matches = self.matcher(doc)
        excluded = {i for rule, s, e in matches if rule.label == "exclude" for i in range(s, e)}
        kept = [m for m in matches if m[0].label != "exclude"
                and not any(i in excluded for i in range(m[1], m[2]))]
        return longest_non_overlapping(kept)


@lru_cache(maxsize=1)
def get_concept_matcher() -> ConceptMatcher:
    return ConceptMatcher(load_vocabulary())


def warm_up() -> None:
    """Build the pipeline and every matcher now, so rule errors surface before a run starts."""
    get_nlp()
    get_concept_matcher()
    get_context_matcher()
    get_escalation_cues()
    get_duration_matcher()


def _sentence_text(sent: Span) -> str:
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
    concept_matches = get_concept_matcher()(doc)
    taken = {i for _, s, e in concept_matches for i in range(s, e)}
    # a cue inside a concept phrase belongs to it ("doesn't improve with rest" negates nothing else)
    context_cues = [c for c in get_context_matcher().cues(doc)
                    if c.rule.label == "TERMINATE" or not any(i in taken for i in range(c.start, c.end))]
    esc_cues = get_escalation_cues()(doc)
    layout.escalation_cues = esc_cues
    by_sentence = cues_by_sentence(doc, esc_cues)
    result = Extraction(document)

    for rule, start, end in concept_matches:
        concept = vocabulary.concepts[rule.get("concept")]
        span = doc[start:end]
        sent = span.sent
        info = layout.section_at(span.start_char)
        kind = concept.kind
        if kind == "symptom" and _in_escalation_context(layout, span, by_sentence.get(sent.start, ()), info):
            if concept.escalates_to == "red_flag" or _is_seek_help_item(layout, span, info):
                kind = "red_flag"
        mods = modifiers_for(start, end, kind, context_cues)
        result.findings.append(Finding(
            kind=kind, concept=concept.id, label=concept.label, text=span.text,
            sentence=_sentence_text(sent), section=info.heading, start=span.start_char,
            end=span.end_char, sentence_start=sent.start_char, negated=mods.negated,
            hedged=mods.hedged, conditional=mods.conditional, experiencer=mods.experiencer,
            rule=rule.id, cues=tuple(mods.cue_ids),
        ))

    for duration in get_duration_matcher()(doc):
        _place_duration(doc, duration, layout, by_sentence, result)
    return result


def _in_escalation_context(layout: DocumentLayout, span: Span, sent_cues: Iterable[Cue],
                           info) -> bool:
    if info.role == "seek_help":
        return True
    if any(c.kind == "ACTION" and c.value != "self_care" for c in sent_cues):
        return True
    return _lead_in_action(layout, span) is not None


def _is_seek_help_item(layout: DocumentLayout, span: Span, info) -> bool:
    index = layout.block_index_at(span.start_char)
    is_item = index is not None and layout.blocks[index].kind == "list_item"
    return is_item and (info.role == "seek_help" or _lead_in_action(layout, span) is not None)


def _lead_in_action(layout: DocumentLayout, span: Span) -> Cue | None:
    """The action named by a list's lead-in ("consult a doctor if:") applies to its bullets."""
    index = layout.block_index_at(span.start_char)
    if index is None or layout.blocks[index].kind != "list_item":
        return None
    lead = layout.lead_in(index)
    if lead is None:
        return None
    doc = span.doc
    cues = [c for c in layout.escalation_cues if lead.start <= doc[c.start].idx < lead.end]
    return pick_action(cues)


def _place_duration(doc: Doc, duration: Duration, layout: DocumentLayout,
                    by_sentence: dict[int, list[Cue]], result: Extraction) -> None:
    span = doc[duration.start:duration.end]
    sent = span.sent
    cues = by_sentence.get(sent.start, [])
    info = layout.section_at(span.start_char)
    action_cue = pick_action(cues)
    action = action_cue.value if action_cue else None
    if action is None:
        lead = _lead_in_action(layout, span)
        action = lead.value if lead else (info.action if info.role == "seek_help" else None)
    trigger = pick_trigger(cues, duration)
    if action is not None and is_escalation(duration, trigger):
        result.escalations.append(Escalation(
            action=action, trigger=trigger.value if trigger else "threshold",
            min_days=duration.min_days, max_days=duration.max_days, text=span.text,
            sentence=_sentence_text(sent), section=info.heading, start=span.start_char,
            end=span.end_char, sentence_start=sent.start_char, rule=duration.rule_id,
        ))
        return
    subject = _timing_subject(doc, sent, duration, result.findings)
    result.timings.append(Timing(
        subject=subject, relation=timing_relation(sent, duration),
        min_value=duration.min_value, max_value=duration.max_value, unit=duration.unit,
        min_days=duration.min_days, max_days=duration.max_days, text=span.text,
        sentence=_sentence_text(sent), section=info.heading, start=span.start_char,
        end=span.end_char, sentence_start=sent.start_char, rule=duration.rule_id,
    ))


def _timing_subject(doc: Doc, sent: Span, duration: Duration, findings: list[Finding]) -> str:
    """The concept nearest the duration in its sentence (preferring one before it)."""
    in_sentence = [f for f in findings if sent.start_char <= f.start < sent.end_char]
    if not in_sentence:
        return "unspecified"
    start_char = doc[duration.start].idx
    before = [f for f in in_sentence if f.end <= start_char]
    pool = before or in_sentence
    return min(pool, key=lambda f: abs(start_char - f.end)).concept
