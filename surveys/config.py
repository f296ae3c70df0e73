"""Settings read from the environment, with their defaults in one place."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DB_ENV = "CAMPUS_ENERGY_DB"
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "campus_energy.duckdb"


def db_path() -> Path:
    """Survey database file: ``$CAMPUS_ENERGY_DB`` or ``data/campus_energy.duckdb``."""
    return Path(os.environ.get(DB_ENV, DEFAULT_DB_PATH))
