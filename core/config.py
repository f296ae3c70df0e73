"""Settings read from the environment, with their defaults in one place.

``CAMPUS_ENERGY_DB``
    The DuckDB database file (default ``data/campus_energy.duckdb``).
``CAMPUS_ENERGY_ACCOUNTS``
    The committee account file (default ``accounts.json`` beside the database).
``CAMPUS_ENERGY_LOCK_WAIT_S``
    How long a write waits for another program's write before it says who holds the
    database (default 30 s).
``CAMPUS_ENERGY_TRUSTED_PROXY``
    The header carrying the client address when the dashboard runs behind a reverse proxy
    you control, e.g. ``X-Forwarded-For`` (default none: the socket address).
``CAMPUS_ENERGY_PROXY_ADDRESSES``
    The addresses that proxy connects from, comma-separated; the header is believed only
    on connections from them (default ``127.0.0.1,::1``: a proxy on the same machine).
``CAMPUS_ENERGY_WORKER_MEMORY_MB``, ``CAMPUS_ENERGY_WORKER_CPU_S``, ``CAMPUS_ENERGY_WORKERS``
    Memory beyond its start [MB], CPU time [s] and how many at once, of the isolated worker
    that checks each file from outside (defaults 2048, 60, 2; :mod:`core.isolation`).
``CAMPUS_ENERGY_METRICS_TOKEN``
    Bearer token that opens ``/_stcore/metrics`` (default none: closed;
    ``dashboard/server.py``).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DB_ENV = "CAMPUS_ENERGY_DB"
ACCOUNTS_ENV = "CAMPUS_ENERGY_ACCOUNTS"
LOCK_WAIT_ENV = "CAMPUS_ENERGY_LOCK_WAIT_S"
TRUSTED_PROXY_ENV = "CAMPUS_ENERGY_TRUSTED_PROXY"
PROXY_ADDRESSES_ENV = "CAMPUS_ENERGY_PROXY_ADDRESSES"
# The random, HttpOnly cookie dashboard/server.py gives each browser: sessions are bound to
# it, and the sign-in throttle tells two people behind one address apart by it.
CLIENT_COOKIE = "campus_energy_client"
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "campus_energy.duckdb"
DEFAULT_LOCK_WAIT_S = 30.0
# Files the product writes hold survey data, password hashes or refused uploads: owner only.
PRIVATE_FILE_MODE = 0o600
PRIVATE_UMASK = 0o077


def db_path() -> Path:
    """Survey database file: ``$CAMPUS_ENERGY_DB`` or ``data/campus_energy.duckdb``."""
    return Path(os.environ.get(DB_ENV, DEFAULT_DB_PATH))


def accounts_path() -> Path:
    """The accounts file: ``$CAMPUS_ENERGY_ACCOUNTS`` or ``accounts.json`` beside the database."""
    return Path(os.environ.get(ACCOUNTS_ENV, db_path().parent / "accounts.json"))


def lock_wait_seconds() -> float:
    """How long a write waits for the database while another program writes to it [s]."""
    try:
        return max(0.0, float(os.environ.get(LOCK_WAIT_ENV, DEFAULT_LOCK_WAIT_S)))
    except ValueError:
        return DEFAULT_LOCK_WAIT_S


def trusted_proxy_header() -> str | None:
    """The header naming the real client behind a trusted reverse proxy, or None."""
    value = os.environ.get(TRUSTED_PROXY_ENV, "").strip()
    return value or None


def proxy_addresses() -> frozenset[str]:
    """Addresses a trusted reverse proxy connects from (see ``$CAMPUS_ENERGY_PROXY_ADDRESSES``)."""
    text = os.environ.get(PROXY_ADDRESSES_ENV, "127.0.0.1,::1")
    return frozenset(part.strip() for part in text.split(",") if part.strip())


def private_files() -> None:
    """Make files this process creates from now on readable by their owner only.

    Called by the command lines and the dashboard at start: DuckDB creates its database and
    write-ahead-log files itself, so a umask is the only way to cover them at creation.
    """
    os.umask(PRIVATE_UMASK)


def make_private(path: str | Path) -> None:
    """Restrict an existing file to its owner (mode 0600); missing files are ignored."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, PRIVATE_FILE_MODE)
