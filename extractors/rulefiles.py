"""Loading and validating the JSONL/YAML rule files under ``extractors/rules/``.

Each JSONL line is a spaCy SpanRuler-style pattern (``label``, ``pattern``, ``id``) plus
optional keys a given file allows (``direction``, ``max_scope`` …). Files are validated when
loaded so that a typo fails the run at start-up with the file and line, never mid-batch.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from extractors.errors import RuleError

RULES_DIR = Path(__file__).parent / "rules"

_PATTERN_KEYS = {"label", "pattern", "id"}


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern line: ``id`` is stable and is stored with every finding it produces."""

    id: str
    label: str
    pattern: str | list[dict[str, Any]]
    attrs: Mapping[str, Any] = field(default_factory=dict)
    line: int = 0

    def get(self, key: str, default: Any = None) -> Any:
        return self.attrs.get(key, default)


def _fail(path: Path, line: int, message: str) -> RuleError:
    return RuleError(f"{path.name}:{line}: {message}")


def iter_jsonl_objects(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each line of a JSONL rule file; blank lines and ``//``
    comments are skipped, anything else that is not a JSON object fails with file and line."""
    if not path.is_file():
        raise RuleError(f"rule file not found: {path}")
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        raw = raw.strip()
        if not raw or raw.startswith("//"):
            continue
        try:
            entry = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise _fail(path, number, f"invalid JSON ({exc.msg})") from None
        if not isinstance(entry, dict):
            raise _fail(path, number, "each line must be a JSON object")
        yield number, entry


def load_jsonl_rules(
    path: Path,
    labels: Iterable[str],
    extra_keys: Mapping[str, type | tuple[type, ...]] | None = None,
    required_extra: Iterable[str] = (),
) -> list[Rule]:
    """Read and validate one JSONL rule file; ids must be unique within the file."""
    allowed_labels = set(labels)
    extra_keys = dict(extra_keys or {})
    required = set(required_extra)
    rules: list[Rule] = []
    seen: set[str] = set()
    for number, entry in iter_jsonl_objects(path):
        unknown = set(entry) - _PATTERN_KEYS - set(extra_keys)
        if unknown:
            raise _fail(path, number, f"unknown key(s) {', '.join(sorted(unknown))}")
        missing = (_PATTERN_KEYS | required) - set(entry)
        if missing:
            raise _fail(path, number, f"missing key(s) {', '.join(sorted(missing))}")
        rule_id, label, pattern = entry["id"], entry["label"], entry["pattern"]
        if not isinstance(rule_id, str) or not rule_id:
            raise _fail(path, number, "id must be a non-empty string")
        if rule_id in seen:
            raise _fail(path, number, f"duplicate id {rule_id!r}")
        seen.add(rule_id)
        if label not in allowed_labels:
            raise _fail(path, number, f"label {label!r} not one of {sorted(allowed_labels)}")
        if isinstance(pattern, str):
            if not pattern.strip():
                raise _fail(path, number, "empty pattern")
        elif not (isinstance(pattern, list) and pattern and all(isinstance(t, dict) for t in pattern)):
            raise _fail(path, number, "pattern must be a phrase or a list of token objects")
        attrs = {k: v for k, v in entry.items() if k not in _PATTERN_KEYS}
        for key, value in attrs.items():
            if not isinstance(value, extra_keys[key]):
                raise _fail(path, number, f"{key} has the wrong type ({type(value).__name__})")
        rules.append(Rule(rule_id, label, pattern, attrs, number))
    if not rules:
        raise RuleError(f"{path.name}: no rules")
    return rules


# libyaml's parser when PyYAML was built with it (~5x faster): every process (CLI, flow, each
# Dask worker) parses the rule files at start-up.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    if not path.is_file():
        raise RuleError(f"rule file not found: {path}")
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        raise RuleError(f"{path.name}: invalid YAML ({exc})") from None


def load_regex_rules(entries: object, key: str, path: Path) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """A YAML list of ``{id, pattern}`` regular expressions, compiled ignoring case: (id, pattern)
    pairs. ``case: sensitive`` on an entry keeps case ("More inCold and Flu…" is chrome because
    of its glued capital)."""
    if not isinstance(entries, list):
        raise RuleError(f"{path.name}: {key} must be a list")
    compiled, seen = [], set()
    for entry in entries:
        if not (isinstance(entry, dict) and isinstance(entry.get("id"), str)
                and isinstance(entry.get("pattern"), str)
                and set(entry) <= {"id", "pattern", "case"} and entry.get("case", "sensitive") == "sensitive"):
            raise RuleError(f"{path.name}: {key} entries need a string id and pattern "
                            f"(and optionally case: sensitive): {entry!r}")
        if entry["id"] in seen:
            raise RuleError(f"{path.name}: duplicate id {entry['id']!r} in {key}")
        seen.add(entry["id"])
        try:
            compiled.append((entry["id"], re.compile(entry["pattern"], 0 if "case" in entry else re.IGNORECASE)))
        except re.error as exc:
            raise RuleError(f"{path.name}: {key} {entry['id']}: bad pattern ({exc})") from None
    return tuple(compiled)
