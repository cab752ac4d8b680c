"""Sentences about a look-alike condition named in the sentence before them.

"Mouth ulcers shouldn't be confused with cold sores. Cold sores appear on the lips and often begin
with a tingling, itching or burning sensation." The second sentence describes the look-alike: its
symptoms are the cold sores', not the article's. A sentence whose first words repeat what follows
a look-alike cue of the sentence before it ("confused with", "mistaken for", "not the same as";
``LOOKALIKE_CUES``, ids of ``rules/context.jsonl``) is such a sentence; within that sentence the
cue's own negation already applies.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from extractors.context import Cue

# context.jsonl rules whose object is another condition the reader might take this one for
LOOKALIKE_CUES = frozenset({"neg.cause.confused_with", "neg.cause.mistaken_for", "neg.lookalike.not_the_same_as"})
NAME_WORDS = 3  # how many words of the look-alike's name must open the next sentence (fewer if it is shorter)
_SKIP = frozenset({"a", "an", "the", "other", "some"})


def _name_after(doc: Doc, cue: Cue) -> list[str]:
    """The look-alike's name: the words after the cue up to punctuation or a conjunction."""
    words = []
    for token in doc[cue.end:cue.sent_end]:
        if token.is_punct or token.lower_ in ("or", "and", "but", "because", "which", "that"):
            break
        if not words and token.lower_ in _SKIP:
            continue
        words.append(token.lower_)
        if len(words) == NAME_WORDS:
            break
    return words


def lookalike_sentences(doc: Doc, cues: Iterable[Cue]) -> frozenset[int]:
    """Start tokens of the sentences that describe a look-alike named just before them."""
    starts = set()
    for cue in cues:
        if cue.rule.id not in LOOKALIKE_CUES or cue.sent_end >= len(doc):
            continue
        name = _name_after(doc, cue)
        if not name:
            continue
        following = doc[cue.sent_end].sent
        opening = [t.lower_ for t in following if t.lower_ not in _SKIP or t.i > following.start][:len(name)]
        if opening == name:
            starts.add(following.start)
    return frozenset(starts)


# Words that set another condition against the article's ("unlike a cold which usually goes away
# after 1 to 2 weeks", "whereas flu lasts ..."): a duration after one, in its sentence, is about the
# condition named after it
CONTRAST_WORDS = frozenset({"unlike", "whereas"})


def contrast_subject(doc: Doc, sent_start: int, duration_start: int,
                     matches: Iterable[tuple[str, int, int]]) -> str | None:
    """The concept named right after a contrast word that comes before the duration in its
    sentence, if any. ``matches``: (concept id, start token, end token) of every concept match."""
    contrast = [i for i in range(sent_start, duration_start) if doc[i].lower_ in CONTRAST_WORDS]
    if not contrast:
        return None
    after = [(start, concept) for concept, start, end in matches
             if contrast[-1] < start <= contrast[-1] + NAME_WORDS and end <= duration_start]
    return min(after)[1] if after else None
