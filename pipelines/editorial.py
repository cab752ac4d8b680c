"""The editors' small config file (``concord-editorial.toml``): topic pins and reference sources.

```toml
[topics.pins]                       # source glob → topics (overrides the topic rules)
"*/doctor-qa-*.txt" = ["neck_pain", "back_pain"]

[reference]                         # sources editors treat as authoritative
publishers = ["NHS"]
sources = ["https://www.nhs.uk/*", "*/nhs-conditions-*.md"]
```
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from extractors.errors import UsageError
from extractors.topics import load_topic_rules
from reports.analysis import Editorial

DEFAULT_FILE = Path("concord-editorial.toml")
_TOP_KEYS = {"topics", "reference"}


def _fail(path: Path, message: str) -> UsageError:
    return UsageError(f"{path}: {message}")


def _strings(path: Path, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(path, f"{key} must be a list of non-empty strings")
    return list(value)


def load_editorial(path: Path | None, extra_references: Sequence[str] = ()) -> Editorial:
    """Read the file (``concord-editorial.toml`` if present when no path is given)."""
    if path is None:
        path = DEFAULT_FILE if DEFAULT_FILE.is_file() else None
    editorial = Editorial()
    if path is not None:
        if not path.is_file():
            raise UsageError(f"no editorial config at {path}")
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise _fail(path, f"invalid TOML ({exc})") from None
        unknown = set(data) - _TOP_KEYS
        if unknown:
            raise _fail(path, f"unknown section(s) {', '.join(sorted(unknown))}")
        topics = data.get("topics", {})
        if set(topics) - {"pins"}:
            raise _fail(path, f"unknown key(s) in [topics]: {', '.join(sorted(set(topics) - {'pins'}))}")
        known = {t.id for t in load_topic_rules().topics}
        for pattern, ids in topics.get("pins", {}).items():
            ids = _strings(path, f"topics.pins.{pattern!r}", ids)
            bad = [i for i in ids if i not in known]
            if bad:
                raise _fail(path, f"unknown topic(s) {', '.join(bad)} in topics.pins (known: {', '.join(sorted(known))})")
            editorial.pins[pattern] = ids
        reference = data.get("reference", {})
        if set(reference) - {"publishers", "sources"}:
            raise _fail(path, f"unknown key(s) in [reference]: {', '.join(sorted(set(reference) - {'publishers', 'sources'}))}")
        editorial.reference_publishers = _strings(path, "reference.publishers", reference.get("publishers", []))
        editorial.reference_patterns = _strings(path, "reference.sources", reference.get("sources", []))
    editorial.reference_patterns += list(extra_references)
    return editorial
