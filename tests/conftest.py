"""Run-wide set-up: the folder of demo databases seeded once per run (tests/demo_cache.py)."""

from __future__ import annotations

from tests import demo_cache


def pytest_configure(config):
    config._demo_cache_owner = demo_cache.start_run()   # xdist workers inherit the folder


def pytest_unconfigure(config):
    if getattr(config, "_demo_cache_owner", False):
        demo_cache.end_run()
