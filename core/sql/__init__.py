"""SQL lives in .sql files: numbered migrations and named queries.

Each component (``core`` for the platform, ``surveys``, ``energy.subsidy``) keeps its own
``migrations/NNN_name.sql`` and ``queries/name.sql`` beside an ``__init__.py``; the migrations
are recorded per component in ``schema_migrations``. :func:`query` and :func:`migrations` read
any component's files; the component packages call them with their own package name.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_MIGRATION_NAME = re.compile(r"^(\d{3})_(\w+)\.sql$")


@cache
def query(name: str, package: str = __package__) -> str:
    """Text of ``<package>/queries/<name>.sql``."""
    return resources.files(package).joinpath("queries", f"{name}.sql").read_text("utf-8")


def migrations(package: str = __package__) -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` of every numbered migration of ``package``, in order."""
    found = []
    for entry in resources.files(package).joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match[1]), match[2], entry.read_text("utf-8")))
    return sorted(found)
