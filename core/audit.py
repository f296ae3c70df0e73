"""The audit trail: who did what, when, in the same database as the data.

Every submission, sign-in, code issued or revoked, rubric change, ranking run and export is an
``audit_log`` row. Entries written together with the data they describe use
:func:`core.store.record_audit` inside that write's transaction; :func:`audit` writes one on
its own.
"""

from __future__ import annotations

import pandas as pd

from core import sql
from core.store import Store, record_audit

__all__ = ["audit", "audit_log", "record_audit"]


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
    return store.frame(sql.query("audit_log"), {"limit": limit}, fresh=True)
