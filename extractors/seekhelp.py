"""Seek-help context: where an article tells the reader to see someone about what it names.

A symptom is a reason to seek help (a red flag, ``extractors/extract.py``) where its sentence sends
the reader to someone, where it sits under a seek-help heading, or where it is a bullet of a list
that a sentence sends the reader about:

* the lead-in names a condition and an action ("See a GP if:", "consult a doctor if you have:"),
  or its subject names signs that need help ("Symptoms of a severe reaction requiring immediate
  medical treatment include:");
* the sentence right after the list points back to it ("... - bloody urine. If you experience any
  of these symptoms, contact a doctor");
* a sentence that opens with "These include:" follows one that sends the reader to a doctor.

The phrases live in ``rules/red_flags.yaml`` (``anaphoric_lead_ins``, ``anaphoric_references``,
``help_needing_subjects``, ``help_needing_verbs``).
"""

from __future__ import annotations

import bisect
import re

from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Doc, Span

from extractors.escalation import Cue, has_persistence_trigger, is_directed, pick_action
from extractors.errors import RuleError
from extractors.nlp import sentence_start
from extractors.rulefiles import RULES_DIR, load_yaml
from extractors.sections import DocumentLayout, SectionInfo

# how far the signs word may stand before the verb that needs help: "Symptoms of a severe
# reaction requiring", "signs that need"
SUBJECT_BEFORE_VERB = 8
# how far after a clinician a verb of care may stand: "your doctor may also suggest"
CARE_VERB_GAP = 3
# an undirected mention of these is still a seek-help context: "is a medical emergency"
PRESSING_ACTIONS = frozenset({"urgent", "emergency"})


def escalates(action: str | None) -> bool:
    """Self-care ("ask a pharmacist") is advice, not a reason to treat a symptom as a red flag."""
    return action is not None and action != "self_care"


@lru_cache(maxsize=1)
def phrase_lists() -> dict[str, tuple[str, ...]]:
    """The phrase lists of red_flags.yaml this module reads, lower-cased."""
    data = load_yaml(RULES_DIR / "red_flags.yaml")
    lists = {}
    for key in ("anaphoric_lead_ins", "anaphoric_references", "help_needing_subjects", "help_needing_verbs",
                "enumeration_words", "clinician_care_verbs"):
        phrases = (data.get(key) or []) if isinstance(data, dict) else []
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise RuleError(f"red_flags.yaml: {key} must be a list of phrases")
        lists[key] = tuple(p.lower().strip() for p in phrases)
    return lists


@lru_cache(maxsize=1)
def _lead_in_first_words() -> frozenset[str]:
    """First words of the anaphoric lead-ins: most sentences are ruled out on their first token."""
    return frozenset(p.split()[0] for p in phrase_lists()["anaphoric_lead_ins"])


@lru_cache(maxsize=1)
def _reference_pattern() -> re.Pattern[str] | None:
    references = phrase_lists()["anaphoric_references"]
    if not references:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(r) for r in references) + r")\b")


def in_escalation_context(layout: DocumentLayout, span: Span, sent_cues: Iterable[Cue],
                          info: SectionInfo) -> bool:
    if info.role == "seek_help" and escalates(info.action):
        return True
    if any(c.kind == "ACTION" and escalates(c.value) for c in sent_cues) and sends_reader(layout, span.sent, sent_cues):
        return True
    action = list_action(layout, span)
    if action is not None and escalates(action.value):
        return True
    return continues_seek_help(layout, span.sent)


def sends_reader(layout: DocumentLayout, sent: Span, sent_cues: Iterable[Cue]) -> bool:
    """Does a sentence that names an escalating action send the reader there, rather than name a
    clinician who diagnoses or treats ("Doctors diagnose brain tumors by ...")? It does when the
    action is urgent or emergency care, when a directive sends the reader ("see a doctor", "should
    be checked by a doctor"), or when it is a condition ("if it gets worse, ...") whose clinician
    is not the subject of a verb of care ("your doctor may suggest surgery if ...");
    ``clinician_care_verbs`` in rules/red_flags.yaml."""
    cues = list(sent_cues)
    actions = [c for c in cues if c.kind == "ACTION" and escalates(c.value)]
    if any(c.value in PRESSING_ACTIONS for c in actions) or is_directed(sent.doc, cues):
        return True
    doc = sent.doc
    if any(d.kind == "DIRECTIVE" and d.value == "after" and any(
            d.end < sent.end and doc[d.end].lower_ == "by" and 0 <= a.start - d.end <= 2 for a in actions) for d in cues):
        return True  # "should be checked by a doctor"
    if not is_condition(sent, layout):
        return False
    care = _care_verbs()
    return not any(t.lower_ in care for a in actions for t in doc[a.end:min(a.end + CARE_VERB_GAP, sent.end)])


@lru_cache(maxsize=1)
def _care_verbs() -> frozenset[str]:
    return frozenset(phrase_lists()["clinician_care_verbs"])


def continues_seek_help(layout: DocumentLayout, sent: Span) -> bool:
    """A sentence that opens with "These include:" after one that sends the reader to a doctor
    ("some types of headache ... call for prompt medical care. These include: sudden, severe
    headache; headaches associated with fever, ...") lists reasons to seek help, as a bullet
    list under that sentence would."""
    first = next((t for t in sent if not t.is_space), None)
    if sent.start == 0 or first is None or first.lower_ not in _lead_in_first_words():
        return False
    text = sent.text.lower().lstrip()
    if not any(text.startswith(p) and not text[len(p):len(p) + 1].isalpha() for p in phrase_lists()["anaphoric_lead_ins"]):
        return False
    previous = sent.doc[sent.start - 1].sent
    return any(c.kind == "ACTION" and escalates(c.value) and previous.start <= c.start < previous.end
               for c in layout.escalation_cues)


def seek_help_item_start(layout: DocumentLayout, span: Span, info: SectionInfo) -> int | None:
    """Where the seek-help item holding the span starts (its sentence's first token), if it is a
    bullet of a seek-help list; or, for an item of a symptoms enumeration in the prose of a
    seek-help section (an emergency box: "Call 911 ... Anaphylaxis can cause symptoms such as
    difficulty breathing, abdominal pain, dizziness, or fainting"), the token after the enumerating
    word: what comes before it (the condition whose symptoms they are) is not beside the items.
    None if the span is no such item."""
    in_section = info.role == "seek_help" and escalates(info.action)
    if not layout.is_list_item(span.start_char):
        return _enumeration_start(span) if in_section else None
    if in_section:
        return sentence_start(span.doc, span.start)
    action = list_action(layout, span)
    return sentence_start(span.doc, span.start) if action is not None and escalates(action.value) else None


def _enumeration_start(span: Span) -> int | None:
    """The token after the enumerating word that follows a signs word before the span in its
    sentence ("symptoms such as", "signs include", "symptoms like"), else None."""
    phrases = phrase_lists()
    subjects, enumerators = set(phrases["help_needing_subjects"]), phrases["enumeration_words"]
    doc = span.doc
    for i in range(sentence_start(span.doc, span.start), span.start):
        if doc[i].norm_ not in subjects:
            continue
        for j in range(i + 1, span.start):
            for words in (e.split() for e in enumerators):
                if [t.lower_ for t in doc[j:j + len(words)]] == words and j + len(words) <= span.start:
                    return j + len(words)
    return None


def list_action(layout: DocumentLayout, span: Span) -> Cue | None:
    """The action a list's lead-in names (``lead_in_action``), else the one of the sentence after
    the list when it points back to the list (``follow_up_action``)."""
    return lead_in_action(layout, span) or follow_up_action(layout, span)


def lead_in_action(layout: DocumentLayout, span: Span) -> Cue | None:
    """The action named by a list's lead-in ("consult a doctor if:") applies to its bullets.

    Only the lead-in's last sentence counts, and it must be a condition: "Many things can cause
    a cough and your GP might:" introduces what the GP does, not reasons to see one. A lead-in
    whose subject names signs that need help ("Symptoms of a severe reaction requiring immediate
    medical treatment include:") counts without one.
    """
    lead = layout.list_lead_in(span.start_char)
    if lead is None:
        return None
    if lead.start not in layout.lead_actions:
        layout.lead_actions[lead.start] = condition_action(layout, span.doc, lead.start, lead.end,
                                                           help_subject=True)
    return layout.lead_actions[lead.start]


def follow_up_action(layout: DocumentLayout, span: Span) -> Cue | None:
    """The action of the paragraph right after a list when its first sentence points back to the
    list ("any of these symptoms", "the above") in a condition that sends the reader to someone:
    "Symptoms of potentially life threatening food poisoning include: - ... - bloody urine / If you
    experience any of these symptoms, contact a doctor or seek medical treatment immediately."
    Not when the sentence makes the listed symptoms the subject of a trigger ("If these symptoms
    last more than a week, see a GP": the trigger is the reason, not the symptoms)."""
    follow = layout.list_follow_up(span.start_char)
    if follow is None:
        return None
    if follow.start not in layout.follow_actions:
        layout.follow_actions[follow.start] = _follow_up_action(layout, span.doc, follow.start, follow.end)
    return layout.follow_actions[follow.start]


def _follow_up_action(layout: DocumentLayout, doc: Doc, start: int, end: int) -> Cue | None:
    block = doc.char_span(start, end, alignment_mode="expand")
    pattern = _reference_pattern()
    if block is None or pattern is None:
        return None
    first = doc[block.start].sent
    if not pattern.search(first.text.lower()) or not is_condition(first, layout):
        return None
    cues = [c for c in layout.escalation_cues if first.start <= c.start < first.end]
    if has_persistence_trigger(cues):
        return None
    return pick_action(cues) if is_directed(doc, cues) else None


def is_condition(sent: Span, layout: DocumentLayout, *, with_action: bool = False) -> bool:
    """``with_action``: also count the conditionals that need a directed action in the sentence."""
    for starts in ((layout.conditions, layout.action_conditions) if with_action else (layout.conditions,)):
        index = bisect.bisect_left(starts, sent.start)
        if index < len(starts) and starts[index] < sent.end:
            return True
    return False


def condition_action(layout: DocumentLayout, doc: Doc, start: int, end: int, *,
                     help_subject: bool = False) -> Cue | None:
    """The action of a lead-in paragraph whose last sentence is a condition that sends the reader
    to someone, else None: "If you have moderate acne, a dermatologist may recommend:" introduces
    treatments, "See a dermatologist if:" reasons to go. ``help_subject``: also a sentence whose
    subject is signs that need help ("Signs that need emergency care include:")."""
    last = doc.char_span(start, end, alignment_mode="expand")
    if last is None:
        return None
    last_sent = doc[last.end - 1].sent
    cues = [c for c in layout.escalation_cues if last_sent.start <= c.start < last_sent.end]
    if not any(c.rule.label == "CONDITIONAL" and not c.rule.get("with_action")
               and last_sent.start <= c.start < last_sent.end for c in layout.context_cues):
        if not (help_subject and _names_signs_needing_help(doc, last_sent, cues)):
            return None
    return pick_action(cues) if is_directed(doc, cues) else None


def _names_signs_needing_help(doc: Doc, sent: Span, cues: list[Cue]) -> bool:
    """Is the sentence's subject signs that need an action: a signs word ("symptoms", "signs")
    shortly before a verb of need ("requiring", "that need", "warrant") that directs to an
    escalating action ("Symptoms of a severe reaction requiring immediate medical treatment")?"""
    phrases = phrase_lists()
    subjects, verbs = set(phrases["help_needing_subjects"]), set(phrases["help_needing_verbs"])
    for cue in cues:
        if cue.kind != "DIRECTIVE" or doc[cue.start].norm_ not in verbs:
            continue
        if not any(c.kind == "ACTION" and escalates(c.value) and c.start >= cue.end for c in cues):
            continue
        window = doc[max(sent.start, cue.start - SUBJECT_BEFORE_VERB):cue.start]
        if any(t.norm_ in subjects for t in window):
            return True
    return False
