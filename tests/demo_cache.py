"""Demo databases seeded once per test run and copied for each use.

Seeding the demo takes seconds (300 schools: minutes) and a DuckDB file copies in
milliseconds. The first caller of a kind (survey demo of n schools, with or without m demo
applications) seeds it into a folder of the run that every pytest worker shares, holding a
file lock so that two xdist workers do not both seed it; every caller gets its own copy of the
file (and of the ``rejected`` folder beside it), free to write to. The folder is made by the
first pytest process of the run (:func:`start_run`, from ``tests/conftest.py``), inherited by
its workers through the environment and removed at its end (:func:`end_run`).

Tests about seeding itself (tests/surveys/test_demo.py, tests/subsidy/test_demo.py,
tests/subsidy/test_outcomes.py) call the seeding functions directly.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

CACHE_ENV = "CAMPUS_ENERGY_TEST_DEMO_CACHE"
DB_NAME = "demo.duckdb"
REJECTED = "rejected"   # core.store.Store.quarantine_dir, beside the database


def start_run() -> bool:
    """Make the run's folder unless a parent process did; True when this process made it."""
    if os.environ.get(CACHE_ENV):
        return False
    os.environ[CACHE_ENV] = tempfile.mkdtemp(prefix="campus-energy-demo-cache-")
    return True


def end_run() -> None:
    shutil.rmtree(os.environ.pop(CACHE_ENV), ignore_errors=True)


def _seeded(kind: str, seed: Callable[[Path], dict]) -> tuple[Path, dict]:
    """The run's database of ``kind`` (seeded now by ``seed(path)`` if no process has) and
    the summary ``seed`` returned."""
    root = Path(os.environ.get(CACHE_ENV) or tempfile.gettempdir()) / kind
    root.mkdir(parents=True, exist_ok=True)
    summary_file = root / "summary.json"
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not summary_file.exists():
            summary = seed(root / DB_NAME)
            summary_file.write_text(json.dumps(summary), "utf-8")
    return root / DB_NAME, json.loads(summary_file.read_text("utf-8"))


def _copy(template: Path, path: Path) -> None:
    """The database file and what was set aside beside it; opening the copy once publishes
    its own read-only snapshot, as seeding did for the original."""
    from surveys.store import SurveyStore

    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    if (template.parent / REJECTED).is_dir():
        shutil.copytree(template.parent / REJECTED, path.parent / REJECTED, dirs_exist_ok=True)
    SurveyStore(path).close()


def survey_demo(path: str | Path, n_schools: int) -> dict:
    """A copy at ``path`` of the run's survey demo of ``n_schools``; the summary
    :func:`surveys.demo.seed_demo` gave (``db`` is ``path``)."""
    from surveys.demo import seed_demo

    template, summary = _seeded(f"survey-{n_schools}", lambda p: seed_demo(
        p, n_schools=n_schools, progress=None))
    _copy(template, Path(path))
    return {**summary, "db": str(path)}


def subsidy_demo(path: str | Path, n_schools: int, n_applications: int) -> dict:
    """A copy at ``path`` of the run's survey demo of ``n_schools`` with both demo rounds of
    ``n_applications`` each; the summaries of :func:`surveys.demo.seed_demo` (``survey``)
    and of :func:`energy.subsidy.demo.seed_demo_applications` (``subsidy``)."""
    def seed(target: Path) -> dict:
        from energy.subsidy import SubsidyStore
        from energy.subsidy.demo import seed_demo_applications
        from surveys.store import SurveyStore

        survey = survey_demo(target, n_schools)
        with SurveyStore(target) as store:
            subsidy = seed_demo_applications(SubsidyStore(store), n=n_applications)
        return {"survey": survey, "subsidy": subsidy}

    template, summary = _seeded(f"subsidy-{n_schools}-{n_applications}", seed)
    _copy(template, Path(path))
    return {**summary, "survey": {**summary["survey"], "db": str(path)}}
