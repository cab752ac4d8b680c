"""What a timing claim is about: the concept its duration belongs to.

The nearest concept in the duration's sentence (preferring one before it); a contrasted concept
("unlike a cold which usually goes away after 1 to 2 weeks"); in a list item that names none, the
concept its pronoun refers back to or its lead-in names; else the article's own topic from its
title; else ``unspecified`` (kept: the sentence is still evidence an editor can read).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from extractors.durations import Duration
from extractors.lookalikes import contrast_subject
from extractors.records import Finding
from extractors.sections import DocumentLayout


def timing_subject(doc: Doc, sent: Span, duration: Duration, findings: list[Finding],
                    layout: DocumentLayout) -> str:
    """The concept nearest the duration in its sentence (preferring one before it), else the
    article's own topic from its title ("Sinusitis" … "It usually clears up within 2 to 3 weeks")."""
    other = contrast_subject(doc, sent.start, duration.start, layout.concept_spans)
    if other is not None:
        return other  # "unlike a cold which usually goes away after 1 to 2 weeks"
    in_sentence = [f for f in findings if sent.start_char <= f.start < sent.end_char]
    if not in_sentence:
        return _list_subject(doc, layout, duration.start, findings) or layout_topic(layout, findings) \
            or "unspecified"
    start_char = doc[duration.start].idx
    before = [f for f in in_sentence if f.end <= start_char]
    pool = before or in_sentence
    return min(pool, key=lambda f: abs(start_char - f.end)).concept


REFERS_BACK = frozenset({"it", "them", "this", "these"})  # "hold it against your eye for 5 minutes"


def _list_subject(doc: Doc, layout: DocumentLayout, start: int, findings: list[Finding]) -> str | None:
    """For a list item whose sentence names no concept. When it refers back with a pronoun: the
    last concept before it in its item, or in the nearest earlier item of its list that names one
    ("1. soak a flannel in warm water 2. hold it against your eye for 5 to 10 minutes"). Else the
    last concept of the list's lead-in ("After surgery it usually takes: - 2 to 3 days to go
    home"). Items are not followed back otherwise: separate tips ("- cut down on alcohol - don't
    eat 3 to 4 hours before going to bed") share no subject."""
    index = layout.block_index_at(doc[start].idx)
    if index is None or layout.blocks[index].kind != "list_item":
        return None
    item = layout.blocks[index]
    refers_back = any(t.lower_ in REFERS_BACK for t in doc[doc[start].sent.start:start] if t.idx >= item.start)
    i = index
    # a pronoun in a later sentence of the item points inside it, not at the items before
    first = doc[doc[start].sent.start].idx <= item.start
    while refers_back and i >= 0 and layout.blocks[i].kind == "list_item" and (i == index or first):
        block = layout.blocks[i]  # the item itself first ("Take breaks ... It takes 30 seconds")
        named = [f for f in findings if block.start <= f.start < min(block.end, doc[start].idx)]
        if named:
            return max(named, key=lambda f: f.end).concept
        i -= 1
    lead = layout.lead_in(index)
    named = [f for f in findings if lead is not None and lead.start <= f.start < lead.end]
    return max(named, key=lambda f: f.end).concept if named else None


def layout_topic(layout: DocumentLayout, findings: list[Finding]) -> str | None:
    """The first concept named in the title (level-1 heading), if any."""
    titles = [b for b in layout.blocks if b.kind == "heading" and b.level == 1][:1]
    for title in titles:
        for finding in findings:
            if title.start <= finding.start < title.end:
                return finding.concept
    return None
