"""A tiny hook so the flow can report progress to whoever runs it (the CLI's Rich bar).

Flow parameters travel to the Prefect API as JSON, so a callback cannot be one of them.
"""

from __future__ import annotations

from collections.abc import Callable

ProgressHook = Callable[[int, int], None]  # (documents done in this step, total documents)

_hooks: list[ProgressHook] = []


def set_hook(hook: ProgressHook | None) -> None:
    _hooks.clear()
    if hook is not None:
        _hooks.append(hook)


def advance(done: int, total: int) -> None:
    for hook in _hooks:
        hook(done, total)
