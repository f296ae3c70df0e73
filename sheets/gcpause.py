"""Pause the cyclic garbage collector while a sheet is read and checked.

A 10,000-row read makes some 200,000 small tuples and dicts that all stay alive until the
check ends; every few hundred allocations the collector walks the young ones again, which
was a fifth of a 10,000-row check (benchmarks/intake.py, measured 2026-12-02: 1.13 s with
the collector, 0.93 s without). Reference counting still frees everything at once; only
cycles wait until the block ends, and one collection then takes them.
"""

from __future__ import annotations

import gc
from contextlib import ContextDecorator


class collection_paused(ContextDecorator):  # noqa: N801 - used as a decorator, like a function
    """Context manager and decorator: no cyclic collection inside; nesting is safe (only the
    outermost block turns the collector back on, and only if it was on)."""

    def __enter__(self):
        self._was_enabled = gc.isenabled()
        gc.disable()
        return self

    def __exit__(self, *exc) -> bool:
        if self._was_enabled:
            gc.enable()
        return False
