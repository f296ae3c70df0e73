"""SQL lives in .sql files: numbered migrations and named queries."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_MIGRATION_NAME = re.compile(r"^(\d{3})_(\w+)\.sql$")


@cache
def query(name: str) -> str:
    """Text of ``queries/<name>.sql``."""
    return resources.files(__package__).joinpath("queries", f"{name}.sql").read_text("utf-8")


def migrations() -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` of every numbered migration, in order."""
    found = []
    for entry in resources.files(__package__).joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match[1]), match[2], entry.read_text("utf-8")))
    return sorted(found)
