"""Every exception Concord raises on purpose, in one place.

The CLI turns any ``ConcordError`` into one line on stderr and an exit code; anything else is a
bug. Input problems (``InputError`` and subclasses) become quarantine records instead, so a run
carries on past a bad file.
"""

from __future__ import annotations


class ConcordError(Exception):
    """Base class: a problem we can explain to the user in one line."""

    exit_code = 1


class UsageError(ConcordError):
    """The command line or configuration is wrong (exit code 2)."""

    exit_code = 2


class InputError(ConcordError):
    """One input cannot be ingested; the run quarantines it and carries on."""

    stage = "parse"


class UnsupportedFormat(InputError):
    stage = "detect"


class EmptyDocument(InputError):
    stage = "parse"


class ReadError(InputError):
    """The bytes could not be read: over the size cap, unreadable, or a corrupt/oversized gzip."""

    stage = "read"


class DecodeError(InputError):
    stage = "read"


class FetchError(InputError):
    stage = "fetch"


class RuleError(ConcordError):
    """A rules file under ``extractors/rules`` is malformed (caught on load, never mid-run)."""

    exit_code = 2


class WarehouseError(ConcordError):
    """The DuckDB warehouse cannot be opened, migrated or written."""


class WarehouseLocked(WarehouseError):
    """Another process holds the warehouse's write lock."""


class DataQualityError(WarehouseError):
    """A data-quality check failed at the end of a run."""
