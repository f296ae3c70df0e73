"""The survey's SQL: numbered migrations and named queries (read with :mod:`core.sql`)."""

from __future__ import annotations

from core import sql as _files


def query(name: str) -> str:
    """Text of ``surveys/sql/queries/<name>.sql``."""
    return _files.query(name, __package__)


def migrations() -> list[tuple[int, str, str]]:
    """The survey's numbered migrations, in order."""
    return _files.migrations(__package__)
