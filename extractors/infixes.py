"""Splitting link text a scraper glued to its neighbour ("persistentvomiting", "askin rash",
"weaknessortingling", "palpitationsor"), as zero-width infixes of the tokenizer; the word lists
are data (``rules/tokenizer.yaml`` ``glued``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extractors.errors import RuleError
from extractors.rulefiles import RULES_DIR, load_yaml


def _word_list(data: object, key: str) -> frozenset[str]:
    words = data.get(key) if isinstance(data, dict) else None
    if not isinstance(words, list) or not words or not all(
            isinstance(w, str) and w.isalpha() and w == w.lower() for w in words):
        raise RuleError(f"tokenizer.yaml: glued.{key} must be a list of lower-case words")
    return frozenset(words)


_EMPTY = re.compile("")
_JOINERS = ("or", "and")


class InfixFinder:
    """spaCy's infix ``finditer`` plus zero-width splits of glued link text (``rules/tokenizer.yaml``):
    "highfever" (a ``before`` word + one of ``words``), "weaknessortingling" (two of ``words``
    joined by "or"/"and") and "palpitationsor" (one of ``words`` + "or"/"and"), only where the whole chunk is exactly that. Called only for chunks the
    tokenizer has not cached; an alphabetic chunk cannot hold any of the regex's infixes, so it is
    only checked against the word sets (whether it ends with one of ``words`` first), which a regex of lookbehinds
    tried at every position of every chunk is not. ``pattern`` is the regex's, so the tokenizer
    still serialises."""

    def __init__(self, regex: re.Pattern[str], before: frozenset[str], words: frozenset[str],
                 keep: frozenset[str] = frozenset()) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        self.before = before
        self.words = words
        self.endings = frozenset(w[-3:] for w in words)
        self.lengths = sorted({len(w) for w in words})
        self.keep = keep  # real words never split ("stressor", "asepsis")
        self.seen: dict[str, list[int]] = {}  # chunks with affixes reach here on every occurrence
        # "palpitationsor" (a link's text glued to the "or" after it): cut before the joiner,
        # unless the whole is a real word ("stressor", in ``keep``)
        self.trailing = {w + j: len(w) for w in words for j in _JOINERS if w + j not in keep}

    def cuts(self, chunk: str) -> list[int]:
        lower = chunk.lower()
        found = self.seen.get(lower)
        if found is None:
            if len(self.seen) >= 100_000:
                self.seen.clear()
            found = self.seen[lower] = self._cuts(lower)
        return found

    def _cuts(self, lower: str) -> list[int]:
        if lower in self.keep:
            return []
        if lower in self.trailing:
            return [self.trailing[lower]]
        if lower[-3:] not in self.endings or not any(lower[-n:] in self.words for n in self.lengths):
            return []  # every split ends with one of ``words``
        for word in self.before:
            if lower.startswith(word):
                rest = self._words(lower, len(word))
                if rest is not None:
                    return [len(word), *rest]
        return self._words(lower, 0) or []

    def _words(self, lower: str, start: int, depth: int = 0) -> list[int] | None:
        """Cuts that split ``lower[start:]`` into ``words`` joined by "or"/"and" ("fluandpneumonia"),
        or None; a lone word is ``[]``."""
        if lower[start:] in self.words:
            return []
        if depth > 2:
            return None
        for i in range(start + 3, len(lower) - 4):
            if lower[start:i] in self.words:
                for joiner in _JOINERS:
                    if lower.startswith(joiner, i):
                        rest = self._words(lower, i + len(joiner), depth + 1)
                        if rest is not None:
                            return [i, i + len(joiner), *rest]
        return None

    def finditer(self, chunk: str) -> Iterable[re.Match[str]]:
        if not chunk.isalpha():
            # glued words between other infixes: "withgout,diabetes,obesity"
            found = list(self.regex.finditer(chunk))
            if not found:  # then the one piece is the chunk itself, which is not alphabetic
                return found
            cuts, start = [], 0
            for match in [*found, None]:
                end = match.start() if match is not None else len(chunk)
                piece = chunk[start:end]
                if len(piece) >= 5 and piece.isalpha():
                    cuts += [_EMPTY.match(chunk, start + cut) for cut in self.cuts(piece)]
                if match is not None:
                    start = match.end()
            return sorted([*found, *cuts], key=lambda m: m.start()) if cuts else found  # type: ignore[misc]
        if len(chunk) < 5:
            return ()
        return [_EMPTY.match(chunk, cut) for cut in self.cuts(chunk)]  # type: ignore[misc]


def extra_infixes() -> list[str]:
    """Infix regexes added to spaCy's (``rules/tokenizer.yaml`` ``infixes``): "rhinoviruses(common cold)"."""
    data = load_yaml(RULES_DIR / "tokenizer.yaml")
    found = data.get("infixes", []) if isinstance(data, dict) else []
    if not isinstance(found, list) or not all(isinstance(r, str) for r in found):
        raise RuleError("tokenizer.yaml: infixes must be a list of regexes")
    for pattern in found:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise RuleError(f"tokenizer.yaml: infixes: bad regex {pattern!r}: {exc}") from exc
    return found


def infix_finder(regex: re.Pattern[str]) -> InfixFinder:
    data = load_yaml(RULES_DIR / "tokenizer.yaml")
    glued = data.get("glued") if isinstance(data, dict) else None
    keep = _word_list(glued, "keep") if isinstance(glued, dict) and "keep" in glued else frozenset()
    return InfixFinder(regex, _word_list(glued, "before"), _word_list(glued, "words"), keep)
