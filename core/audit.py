"""The audit trail: who did what, when, in the same database as the data.

Every submission, sign-in, code issued or revoked, rubric change, ranking run and export is an
``audit_log`` row. Entries written together with the data they describe use
:func:`core.store.record_audit` inside that write's transaction; :func:`audit` writes one on
its own.

Sign-ins and code checks come in bursts on a deadline day (forty schools entering their codes
at once) and must not queue behind the imports for the database: :func:`audit_soon` hands
them to a writer thread that commits whatever has gathered in one transaction, at most
:data:`FLUSH_SECONDS` later. :func:`audit_log` and :func:`flush` wait for the queue first, and
the queue is written when the process exits normally; a crash loses at most the entries of
the last fraction of a second, never data.
"""

from __future__ import annotations

import atexit
import logging
import threading

import pandas as pd

from core import sql
from core.store import Store, record_audit

__all__ = ["audit", "audit_log", "audit_soon", "flush", "record_audit"]

LOG = logging.getLogger(__name__)
FLUSH_SECONDS = 0.2


class _AuditQueue:
    """Audit entries waiting for their transaction, per database file."""

    def __init__(self):
        self._pending: dict[str, tuple[Store, list]] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def put(self, store: Store, entry: tuple) -> None:
        with self._lock:
            self._pending.setdefault(store.path, (store, []))[1].append(entry)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="audit-writer",
                                                daemon=True)
                self._thread.start()
        self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            threading.Event().wait(FLUSH_SECONDS)   # let a burst gather
            self.flush()

    def flush(self, path: str | None = None) -> None:
        """Write the waiting entries (of one database, or all) in one transaction each."""
        with self._lock:
            paths = [path] if path is not None else list(self._pending)
            batches = [self._pending.pop(p) for p in paths if p in self._pending]
        for store, entries in batches:
            try:
                with store.transaction(publish=False) as cur:
                    for actor, action, subject, detail in entries:
                        record_audit(cur, actor, action, subject, **detail)
            except Exception:   # logged: the user's action itself has succeeded
                LOG.exception("writing %d audit entries to %s failed", len(entries), store.path)


_QUEUE = _AuditQueue()
atexit.register(_QUEUE.flush)


def audit_soon(store: Store, actor: str, action: str, subject: str | None = None,
               **detail) -> None:
    """Queue one audit entry; it is committed within :data:`FLUSH_SECONDS`."""
    if store.in_memory:
        audit(store, actor, action, subject, publish=False, **detail)
        return
    _QUEUE.put(store, (actor, action, subject, detail))


def flush(store: Store | None = None) -> None:
    """Commit every queued audit entry (of ``store``, or of every database) now."""
    _QUEUE.flush(None if store is None else store.path)


def audit(store: Store, actor: str, action: str, subject: str | None = None,
          publish: bool = True, **detail) -> None:
    """Write one audit entry in its own transaction.

    ``publish=False`` skips republishing the read-only snapshot for it (sign-in noise);
    :func:`audit_log` reads the database itself, so the entry shows at once anyway.
    """
    with store.transaction(publish=publish) as cur:
        record_audit(cur, actor, action, subject, **detail)


def audit_log(store: Store, limit: int = 500) -> pd.DataFrame:
    """The latest audit entries, newest first (read from the database, not the snapshot)."""
    flush(store)
    return store.frame(sql.query("audit_log"), {"limit": limit}, fresh=True)
