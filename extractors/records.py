"""What the extractors return: findings, escalation windows and timing claims, with evidence.

Every record keeps the quoted text, its sentence and section, and character offsets into the
article's stored text, so an editor can check any claim in one click. ``to_dict`` is the
``concord extract --format json`` contract (keys may be added, never renamed).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from extractors.document import Document

KINDS = ("cause", "symptom", "advice", "red_flag")
ACTIONS = ("self_care", "gp", "specialist", "urgent", "emergency")


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    concept: str
    label: str
    text: str
    sentence: str
    section: str | None
    start: int
    end: int
    sentence_start: int
    negated: bool
    hedged: bool
    conditional: bool
    experiencer: str
    rule: str
    cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Escalation:
    action: str
    trigger: str | None
    min_days: float | None
    max_days: float | None
    text: str
    sentence: str
    section: str | None
    start: int
    end: int
    sentence_start: int
    rule: str


@dataclass(frozen=True, slots=True)
class Timing:
    subject: str
    relation: str
    min_value: float | None
    max_value: float | None
    unit: str
    min_days: float | None
    max_days: float | None
    text: str
    sentence: str
    section: str | None
    start: int
    end: int
    sentence_start: int
    rule: str


@dataclass(slots=True)
class Extraction:
    document: Document
    findings: list[Finding] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)
    timings: list[Timing] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "article": {
                "source": doc.source,
                "title": doc.title,
                "publisher": doc.publisher,
                "author": doc.author,
                "published": doc.published,
                "word_count": doc.word_count,
                "article_id": doc.article_id,
                "format": doc.format,
            },
            "findings": [_finding_dict(f) for f in self.findings],
            "escalations": [_escalation_dict(e) for e in self.escalations],
            "timings": [_plain(asdict(t)) for t in self.timings],
        }


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in data.items()}


def _finding_dict(f: Finding) -> dict[str, Any]:
    data = _plain(asdict(f))
    return {
        "kind": f.kind, "concept": f.concept, "text": f.text, "sentence": f.sentence,
        "section": f.section, "start": f.start, "end": f.end, "negated": f.negated,
        "hedged": f.hedged, "conditional": f.conditional, "rule": f.rule,
        **{k: v for k, v in data.items() if k in ("label", "experiencer", "cues", "sentence_start")},
    }


def _escalation_dict(e: Escalation) -> dict[str, Any]:
    return {
        "action": e.action, "trigger": e.trigger, "min_days": e.min_days, "max_days": e.max_days,
        "text": e.text, "sentence": e.sentence, "start": e.start, "end": e.end,
        "section": e.section, "sentence_start": e.sentence_start, "rule": e.rule,
    }
