"""Shared data of the online-review tests: a demo database with three reviewer accounts.

Reviewer ``li`` works at the school of the first demo application, ``wang`` in the district
of the second one's school (when that differs), ``zhao`` has no affiliation.
"""

from __future__ import annotations

from pathlib import Path

from core import access
from energy.subsidy import SubsidyStore
from tests.dashboard_helpers import demo_database

PASSWORD = "reviewer-pass-0123"
CHAIR, CHAIR_PASSWORD = "chair", "chair-password-0123"
REVIEWERS = ("li", "wang", "zhao")


def reviewer_database(folder: Path, n_schools: int = 20, n_applications: int = 8) -> dict:
    """A demo DuckDB file in ``folder`` with a chair and three reviewers (accounts file
    beside it); returns ``db``, ``accounts`` and the applications ``apps`` (id order)."""
    db = demo_database(folder / "demo.duckdb", n_schools=n_schools,
                       n_applications=n_applications)
    accounts = folder / "accounts.json"
    access.add_account(CHAIR, CHAIR_PASSWORD, path=accounts)
    with SubsidyStore(db) as sub:
        apps = sub.current_applications().sort_values("application_id")
        schools = sub.survey.current_schools()
        districts = dict(zip(schools["school_code"], schools["district"]))
        first, second = apps.iloc[0], apps.iloc[1]
        own_district = districts[second["school_code"]]
        access.add_reviewer(sub.survey, "li", PASSWORD, "cli", full_name="李老师",
                            school_code=first["school_code"], path=accounts)
        access.add_reviewer(sub.survey, "wang", PASSWORD, "cli", full_name="王工",
                            district=own_district, path=accounts)
        access.add_reviewer(sub.survey, "zhao", PASSWORD, "cli", full_name="赵教授",
                            path=accounts)
    return {"db": db, "accounts": accounts, "apps": apps, "districts": districts}
