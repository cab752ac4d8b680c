"""Turning command-line inputs (files, directories, globs) into a sorted list of sources."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from extractors.formats import SUPPORTED_SUFFIXES
from warehouse.batches import Quarantined

_GLOB_CHARS = set("*?[")


def _wanted(path: Path) -> bool:
    name = path.name.lower()
    if name.startswith("."):
        return False
    if name.endswith(".gz"):
        name = name[:-3]
    return any(name.endswith(suffix) for suffix in SUPPORTED_SUFFIXES)


def discover(inputs: Iterable[str]) -> tuple[list[str], list[Quarantined]]:
    """Expand inputs; directories are walked for supported extensions, URLs pass through.

    A missing path is quarantined (the run goes on); a file named explicitly is kept whatever
    its extension, so that an unsupported one gets a clear quarantine reason.
    """
    found: dict[str, None] = {}
    missing: list[Quarantined] = []
    for item in inputs:
        if item.startswith(("http://", "https://")):
            found.setdefault(item, None)
            continue
        if _GLOB_CHARS & set(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                missing.append(Quarantined(item, "read", "no files match this pattern"))
            for match in matches:
                path = Path(match)
                if path.is_file() and _wanted(path):
                    found.setdefault(str(path.resolve()), None)
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _wanted(child) and not any(
                        part.startswith(".") for part in child.relative_to(path).parts):
                    found.setdefault(str(child.resolve()), None)
        elif path.is_file():
            found.setdefault(str(path.resolve()), None)
        else:
            missing.append(Quarantined(item, "read", "no such file or directory"))
    return list(found), missing
