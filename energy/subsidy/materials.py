"""申报材料 Application materials: files attached to an application, kept under the upload rules.

The committee attaches the files a school sends with an application (PDF, PNG/JPEG
pictures, spreadsheets, Word documents) with :func:`add_material`. Each file is checked in
the isolated worker (:func:`energy.subsidy.material_checks.check_material`: type from the
bytes, zip bombs and macros, picture size, PDF scripts) and stored in one transaction with
its SHA-256, size and exact bytes (migration 006) in the store's round (migration 007: a
past round's files stay with that round); the same bytes again for the same application
change nothing. A refusal says which file and why, in Chinese and English, is
written to the audit log and keeps the bytes in ``rejected/subsidy/`` beside the database;
the database is unchanged. A file may be withdrawn (it stays, marked so).

Reviewers reach materials only through :func:`reviewer_materials` and
:func:`reviewer_material`, which refuse (:class:`energy.subsidy.online.ReviewRefused`) an
application not assigned to them, through :func:`energy.subsidy.online.application_for`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePath

import pandas as pd

from core.store import quarantine, record_audit, utc_now
from energy.subsidy import online
from energy.subsidy.material_checks import (
    DEFAULT_MATERIAL_LIMITS,
    CheckedMaterial,
    MaterialLimits,
    check_material,
    check_name_and_size,
)
from energy.subsidy.store import SubsidyStore, query
from sheets.reader import UnreadableFile
from surveys.intake import isolated

STORED, DUPLICATE, REFUSED = "stored", "duplicate", "refused"
ACTIVE, WITHDRAWN = "active", "withdrawn"
LISTED_COLUMNS = ["material_id", "round_id", "application_id", "file_name", "kind", "media_type",
                  "sha256", "size_bytes", "width_px", "height_px", "uploaded_at", "uploaded_by",
                  "status"]

_MIB = 1024 * 1024
MESSAGES = {
    "unknown_application": ("没有申请 {application_id}。", "No application {application_id}."),
    "too_many_files": ("申请 {application_id} 已有 {n} 个材料，达到上限 {cap} 个。",
                       "Application {application_id} already has {n} files, the most allowed "
                       "({cap})."),
    "total_too_large": ("申请 {application_id} 的材料合计将达 {mb:.1f} MB，超过上限 {cap:.0f} MB。",
                        "The files of application {application_id} would come to {mb:.1f} MB, "
                        "above the {cap:.0f} MB allowed."),
}


@dataclass(frozen=True)
class Refusal:
    """Why a file was not taken, located: which file, which application, why."""

    code: str
    file_name: str
    application_id: str
    reason_zh: str
    reason_en: str

    @property
    def message_zh(self) -> str:
        return f"申请 {self.application_id} 的材料“{self.file_name}”未接收：{self.reason_zh}"

    @property
    def message_en(self) -> str:
        return (f"The file “{self.file_name}” for application {self.application_id} was not "
                f"taken: {self.reason_en}")

    def message(self, lang: str) -> str:
        return self.message_zh if lang == "zh" else self.message_en


@dataclass(frozen=True)
class MaterialUpload:
    """Outcome of :func:`add_material`: ``stored``, ``duplicate`` or ``refused``."""

    status: str
    file_name: str
    sha256: str
    material_id: int | None = None
    refusal: Refusal | None = None
    quarantined: Path | None = None


@dataclass(frozen=True)
class MaterialFile:
    """One stored file as it is handed out: its bytes and, for a picture, the preview."""

    material_id: int
    application_id: str
    file_name: str
    media_type: str
    content: bytes
    preview: bytes | None


def _clean_name(file_name: str) -> str:
    """The name without folders or control characters (as uploaded otherwise)."""
    name = PurePath(str(file_name).replace("\\", "/")).name
    return "".join(ch for ch in name if ch.isprintable()).strip() or "file"


def _own_refusal(code: str, name: str, application_id: str, **fields) -> Refusal:
    zh, en = (m.format(application_id=application_id, **fields) for m in MESSAGES[code])
    return Refusal(code, name, application_id, zh, en)


def _bounds_refusal(sub: SubsidyStore, application_id: str, name: str, size: int,
                    limits: MaterialLimits) -> Refusal | None:
    if application_id not in set(sub.current_applications()["application_id"]):
        return _own_refusal("unknown_application", name, application_id)
    n_files, total = sub.survey.one(query("material_totals"), {
        "round_id": sub.round_id, "application_id": application_id}, fresh=True)
    if n_files >= limits.max_files:
        return _own_refusal("too_many_files", name, application_id, n=n_files,
                            cap=limits.max_files)
    if size <= limits.max_bytes and total + size > limits.max_total_bytes:
        return _own_refusal("total_too_large", name, application_id,
                            mb=(total + size) / _MIB, cap=limits.max_total_bytes / _MIB)
    return None


def _checked(data: bytes, name: str, application_id: str,
             limits: MaterialLimits) -> CheckedMaterial | Refusal:
    try:
        check_name_and_size(data, name, limits)   # a huge file never goes to the worker
        return isolated(check_material, data, name, limits)
    except UnreadableFile as refused:
        return Refusal(refused.code, name, application_id, refused.message_zh,
                       refused.message_en)


def add_material(sub: SubsidyStore, application_id: str, data: bytes, file_name: str,
                 actor: str, limits: MaterialLimits = DEFAULT_MATERIAL_LIMITS
                 ) -> MaterialUpload:
    """Check one file and attach it to an application, or attach nothing.

    Parameters
    ----------
    application_id
        A current application.
    data
        The file exactly as received [bytes].
    actor
        Who attaches it (committee account or ``cli``), for the record and the audit log.

    Returns
    -------
    MaterialUpload
        ``stored`` (with ``material_id``), ``duplicate`` (the same bytes are already
        attached: nothing changed) or ``refused`` (``refusal`` says why; audited, the bytes
        kept aside).
    """
    name, digest = _clean_name(file_name), hashlib.sha256(data).hexdigest()
    found = _find(sub, application_id, digest)
    if found is not None and found[1] == ACTIVE:
        return MaterialUpload(DUPLICATE, name, digest, int(found[0]))
    refusal = _bounds_refusal(sub, application_id, name, len(data), limits)
    checked = refusal or _checked(data, name, application_id, limits)
    if isinstance(checked, Refusal):
        return _refused(sub, checked, data, digest, actor)
    round_id = sub.round_id
    with sub.survey.transaction() as cur:
        material_id = _store(cur, round_id, application_id, name, digest, data, checked, actor)
    return MaterialUpload(STORED, name, digest, material_id)


def _find(sub: SubsidyStore | None, application_id: str, digest: str, cur=None,
          round_id: str | None = None):
    params = {"round_id": sub.round_id if round_id is None else round_id,
              "application_id": application_id, "sha256": digest}
    if cur is not None:
        return cur.execute(query("find_material"), params).fetchone()
    return sub.survey.one(query("find_material"), params, fresh=True)


def _store(cur, round_id: str, application_id: str, name: str, digest: str, data: bytes,
           checked: CheckedMaterial, actor: str) -> int:
    found = _find(None, application_id, digest, cur, round_id)   # again, inside the write
    if found is not None:   # withdrawn before: attached again
        material_id = int(found[0])
        cur.execute(query("set_material_status"), {"material_id": material_id, "status": ACTIVE,
                                                   "withdrawn_at": None, "withdrawn_by": None,
                                                   "round_id": round_id})
    else:
        material_id = cur.execute(query("insert_material"), {
            "round_id": round_id, "application_id": application_id, "file_name": name, "kind": checked.kind,
            "media_type": checked.media_type, "sha256": digest, "size_bytes": len(data),
            "width_px": checked.width_px, "height_px": checked.height_px, "content": data,
            "preview": checked.preview, "uploaded_at": utc_now(),
            "uploaded_by": actor}).fetchone()[0]
    record_audit(cur, actor, "material_added", application_id, file_name=name,
                 material_id=material_id, round_id=round_id, kind=checked.kind, size_bytes=len(data),
                 sha256=digest)
    return material_id


def _refused(sub: SubsidyStore, refusal: Refusal, data: bytes, digest: str,
             actor: str) -> MaterialUpload:
    detail = {"file": refusal.file_name, "application_id": refusal.application_id,
              "code": refusal.code, "message_zh": refusal.reason_zh,
              "message_en": refusal.reason_en}
    folder = sub.quarantine_dir
    kept = quarantine(folder / "materials" if folder else None, data[:64 * _MIB],
                      refusal.file_name, digest, detail)
    with sub.survey.transaction() as cur:
        record_audit(cur, actor, "material_refused", refusal.application_id,
                     file_name=refusal.file_name, code=refusal.code, reason=refusal.reason_zh,
                     reason_en=refusal.reason_en, sha256=digest, size_bytes=len(data))
    return MaterialUpload(REFUSED, refusal.file_name, digest, refusal=refusal, quarantined=kept)


def withdraw_material(sub: SubsidyStore, material_id: int, actor: str) -> None:
    """Withdraw an attached file of the store's round: no longer listed or handed out, kept
    in the database."""
    with sub.survey.transaction() as cur:
        row = cur.execute(query("set_material_status"), {
            "material_id": int(material_id), "status": WITHDRAWN, "withdrawn_at": utc_now(),
            "withdrawn_by": actor, "round_id": sub.round_id}).fetchone()
        if row is None:
            raise KeyError(material_id)
        record_audit(cur, actor, "material_withdrawn", row[0], file_name=row[1],
                     material_id=int(material_id))


# --- reading -------------------------------------------------------------------------------

def materials(sub: SubsidyStore, application_id: str,
              with_withdrawn: bool = False) -> pd.DataFrame:
    """The files attached to an application of the store's round (:data:`LISTED_COLUMNS`,
    no bytes), oldest first."""
    frame = sub.survey.frame(query("materials_of_application"), {
        "round_id": sub.round_id, "application_id": str(application_id),
        "with_withdrawn": with_withdrawn}, fresh=True)
    return frame if len(frame) else pd.DataFrame(columns=LISTED_COLUMNS)


def material(sub: SubsidyStore, material_id: int) -> MaterialFile:
    """One active file of the store's round with its bytes (committee side).

    Raises
    ------
    KeyError
        No active file with that id in the round.
    """
    row = sub.survey.one(query("material_content"), {"material_id": int(material_id),
                                                     "round_id": sub.round_id}, fresh=True)
    if row is None:
        raise KeyError(material_id)
    application_id, file_name, media_type, content, preview = row
    return MaterialFile(int(material_id), application_id, file_name, media_type, bytes(content),
                        None if preview is None else bytes(preview))


def reviewer_materials(sub: SubsidyStore, reviewer: str, application_id: str) -> pd.DataFrame:
    """The files of an application assigned to ``reviewer``.

    Raises
    ------
    energy.subsidy.online.ReviewRefused
        ``not_assigned`` for any other application.
    """
    online.application_for(sub, reviewer, application_id)
    return materials(sub, application_id)


def reviewer_material(sub: SubsidyStore, reviewer: str, material_id: int) -> MaterialFile:
    """One file for ``reviewer``, only of an application assigned to them.

    Raises
    ------
    energy.subsidy.online.ReviewRefused
        ``not_assigned`` when the file's application is not assigned to them, or there is
        no such file (the same answer, so ids cannot be probed).
    """
    try:
        found = material(sub, material_id)
    except (KeyError, TypeError, ValueError):
        raise online.ReviewRefused("not_assigned", application_id=f"#{material_id}") from None
    online.application_for(sub, reviewer, found.application_id)
    return found
