"""The one settings object: how batch sizes are chosen, and what bad environment values say."""

from __future__ import annotations

import pytest

from extractors.errors import UsageError
from pipelines.settings import Settings


@pytest.mark.parametrize(("runner", "configured", "documents", "slots", "expected"), [
    ("thread", None, 5000, 1, 50),      # cheap task runs: small batches, smooth progress
    ("thread", 7, 5000, 1, 7),          # a configured size always wins
    ("dask", 7, 5000, 2, 7),
    ("dask", None, 5000, 2, 500),       # ~4 batches per worker, capped at 500
    ("dask", None, 5000, 1, 500),
    ("dask", None, 2000, 2, 250),
    ("dask", None, 1000, 4, 63),
    ("dask", None, 40, 2, 50),          # never below the thread runner's size
    ("dask", None, 0, 2, 50),
])
def test_batch_size_for(runner: str, configured: int | None, documents: int, slots: int,
                        expected: int) -> None:
    settings = Settings(runner=runner, batch_size=configured)
    assert settings.batch_size_for(documents, slots) == expected


@pytest.mark.parametrize(("runner", "configured", "documents", "slots", "expected"), [
    ("thread", None, 120, 1, [50, 50, 20]),           # one slot: nothing to balance
    ("dask", 7, 20, 2, [7, 7, 6]),                    # a configured size is kept as given
    ("dask", None, 5000, 1, [500] * 10),
    ("dask", None, 5000, 2, [500] * 7 + [375, 282, 211, 158, 119, 100, 100, 100, 55]),
    ("dask", None, 2000, 2, [250] * 5 + [188, 141, 106, 100, 100, 115]),  # no 15-document crumb
    ("dask", None, 333, 2, [50] * 5 + [83]),
    ("dask", None, 40, 2, [40]),
    ("dask", None, 0, 2, []),
])
def test_batch_sizes_taper_on_several_slots(runner: str, configured: int | None, documents: int, slots: int,
                                            expected: list[int]) -> None:
    sizes = Settings(runner=runner, batch_size=configured).batch_sizes(documents, slots)
    assert sizes == expected
    assert sum(sizes) == documents


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONCORD_BATCH_SIZE", "20")
    monkeypatch.setenv("CONCORD_LOCK_TIMEOUT", "2.5")
    monkeypatch.setenv("CONCORD_RATE_LIMIT", "0.5")
    settings = Settings.from_env(lock_timeout=4.0)
    assert (settings.batch_size, settings.lock_timeout, settings.rate_limit) == (20, 4.0, 0.5)
    monkeypatch.setenv("CONCORD_BATCH_SIZE", "")
    assert Settings.from_env().batch_size is None
    for size in ("auto", "256MB", "1GiB", "1.5 GB"):
        monkeypatch.setenv("CONCORD_DUCKDB_MEMORY", size)
        assert Settings.from_env().duckdb_memory == size


@pytest.mark.parametrize(("name", "value", "message"), [
    ("CONCORD_BATCH_SIZE", "abc", "$CONCORD_BATCH_SIZE must be a positive integer, got 'abc'"),
    ("CONCORD_BATCH_SIZE", "0", "$CONCORD_BATCH_SIZE must be a positive integer, got '0'"),
    ("CONCORD_BATCH_SIZE", "2.5", "$CONCORD_BATCH_SIZE must be a positive integer, got '2.5'"),
    ("CONCORD_LOCK_TIMEOUT", "soon", "$CONCORD_LOCK_TIMEOUT must be a positive number, got 'soon'"),
    ("CONCORD_DASK_WORKERS", "-1", "$CONCORD_DASK_WORKERS must be a positive integer, got '-1'"),
    ("CONCORD_RATE_LIMIT", "nan", "$CONCORD_RATE_LIMIT must be a positive number, got 'nan'"),
    ("CONCORD_DUCKDB_MEMORY", "lots", "$CONCORD_DUCKDB_MEMORY must be 'auto' or a size such as 512MB, got 'lots'"),
    ("CONCORD_DUCKDB_MEMORY", "512", "$CONCORD_DUCKDB_MEMORY must be 'auto' or a size such as 512MB, got '512'"),
])
def test_bad_environment_values(monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(UsageError) as caught:
        Settings.from_env()
    assert str(caught.value) == message
