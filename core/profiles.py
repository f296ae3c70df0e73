"""Column-mapping profiles: a person's confirmed reading of a header layout, kept and reused.

When the reader is unsure how a sheet's headers map onto the declared fields, someone (the
school uploading it, or a committee member) confirms or corrects the mapping once. The
confirmed mapping is stored here, keyed by the layout's signature
(:func:`sheets.headers.header_signature`, which folds in the declaration's name), with who
saved it and when, and :func:`profiles_for` hands every profile of one declaration to
:func:`sheets.reader.read_table` (``profiles=``): the same layout is then read as confirmed,
from any school, without asking again.

A profile's mapping is ``{header wording: field name or None}``; ``None`` means "not read".
The wording is :attr:`sheets.headers.HeaderMatch.header`, e.g. ``"面积（㎡） › 建筑面积"``.
Every change is written to the audit trail in the same transaction. Profiles move between
databases as JSON (:func:`export_profiles`, :func:`import_profiles`); such a file is read
bounded and checked field by field (:func:`parse_document`).

Nothing here knows a particular sheet: callers check field names against their declaration
(``known_fields``).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from core import sql
from core.store import Store, record_audit, utc_now

__all__ = ["FORMAT", "Profile", "ProfileError", "delete_profile", "export_profiles",
           "get_profile", "import_profiles", "list_profiles", "parse_document",
           "profile_frame", "profiles_for", "read_profiles_file", "record_use", "save_profile",
           "set_field", "write_export"]

FORMAT = "campus-energy/mapping-profiles"
VERSION = 1
MAX_FILE_BYTES = 2_000_000  # an export of thousands of layouts stays far below [bytes]
MAX_PROFILES = 10_000
MAX_HEADERS = 400  # header cells of one layout
MAX_TEXT = 300  # characters of one header wording, field or spec name

HeaderMap = dict[str, str | None]


@dataclasses.dataclass(frozen=True)
class Profile:
    """One saved mapping profile (a row of ``mapping_profiles``)."""

    signature: str
    spec_name: str
    mapping: HeaderMap
    headers: tuple[str, ...]
    created_by: str
    created_at: _dt.datetime
    updated_by: str
    updated_at: _dt.datetime
    times_used: int = 0
    last_used_at: _dt.datetime | None = None

    @classmethod
    def from_row(cls, row: tuple) -> Profile:
        (signature, spec_name, mapping_json, headers_json, created_by, created_at, updated_by,
         updated_at, times_used, last_used_at) = row
        return cls(signature, spec_name, json.loads(mapping_json),
                   tuple(json.loads(headers_json)), created_by, created_at, updated_by,
                   updated_at, int(times_used), last_used_at)

    def to_dict(self) -> dict:
        """The profile as JSON-ready data (times in ISO 8601, UTC)."""
        out = dataclasses.asdict(self)
        out["headers"] = list(self.headers)
        for key in ("created_at", "updated_at", "last_used_at"):
            out[key] = out[key].isoformat() if out[key] is not None else None
        return out

    @property
    def n_read(self) -> int:
        """Headers the profile reads (the others it declines)."""
        return sum(1 for v in self.mapping.values() if v)


class ProfileError(ValueError):
    """A profile file or edit that cannot be used, in Chinese and English.

    Attributes
    ----------
    code : str
        ``too_large``, ``not_json``, ``bad_format``, ``unknown_field``, ``unknown_profile``
        or ``unknown_header``.
    """

    def __init__(self, code: str, message_zh: str, message_en: str):
        super().__init__(f"{message_zh} / {message_en}")
        self.code, self.message_zh, self.message_en = code, message_zh, message_en


# --- reads ---------------------------------------------------------------------------------

def list_profiles(store: Store, spec_name: str | None = None) -> list[Profile]:
    """Every saved profile (of one declaration, or all), newest change first per spec."""
    rows = store.execute(sql.query("mapping_profiles"), {"spec_name": spec_name}).fetchall()
    return [Profile.from_row(row) for row in rows]


def get_profile(store: Store, signature: str) -> Profile | None:
    """The profile saved for ``signature``, or ``None``."""
    row = store.one(sql.query("mapping_profile"), {"signature": signature})
    return None if row is None else Profile.from_row(row)


def profiles_for(store: Store, spec_name: str) -> dict[str, HeaderMap]:
    """``{signature: mapping}`` of one declaration: the ``profiles`` of
    :func:`sheets.reader.read_table` (plain dicts, so they cross to the isolated worker)."""
    return {p.signature: dict(p.mapping) for p in list_profiles(store, spec_name)}


def profile_frame(store: Store, spec_name: str | None = None) -> pd.DataFrame:
    """The saved profiles as a table for people: one row each, with counts of headers read
    and declined."""
    rows = [{"signature": p.signature, "spec_name": p.spec_name, "n_headers": len(p.headers),
             "n_read": p.n_read, "n_declined": len(p.mapping) - p.n_read,
             "created_by": p.created_by, "created_at": p.created_at,
             "updated_by": p.updated_by, "updated_at": p.updated_at,
             "times_used": p.times_used, "last_used_at": p.last_used_at}
            for p in list_profiles(store, spec_name)]
    columns = ["signature", "spec_name", "n_headers", "n_read", "n_declined", "created_by",
               "created_at", "updated_by", "updated_at", "times_used", "last_used_at"]
    return pd.DataFrame(rows, columns=columns)


# --- writes --------------------------------------------------------------------------------

def _upsert(cur, signature: str, spec_name: str, mapping: HeaderMap, headers, actor: str,
            now: _dt.datetime) -> None:
    cur.execute(sql.query("upsert_mapping_profile"), {
        "signature": signature, "spec_name": spec_name,
        "mapping_json": json.dumps(dict(mapping), ensure_ascii=False),
        "headers_json": json.dumps(list(headers), ensure_ascii=False),
        "actor": actor, "now": now})


def save_profile(store: Store, signature: str, spec_name: str, mapping: HeaderMap,
                 headers: list[str] | tuple[str, ...], actor: str) -> Profile:
    """Save (or replace) the profile of a layout and audit it as ``mapping_saved``.

    Parameters
    ----------
    store
        The product database.
    signature
        The layout's :func:`sheets.headers.header_signature`.
    spec_name
        Name of the declaration the layout is read with (``survey``, ``roster`` …).
    mapping
        Header wording → field name, or ``None`` for a column not read.
    headers
        The layout's header wordings in column order (for people editing it later).
    actor
        Who confirmed it: a committee account, ``school:<code>`` or ``cli``.
    """
    _check_profile(signature, spec_name, mapping, headers)
    with store.transaction() as cur:
        _upsert(cur, signature, spec_name, mapping, headers, actor, utc_now())
        record_audit(cur, actor, "mapping_saved", signature, spec=spec_name,
                     mapping=dict(mapping))
    return get_profile(store, signature)


def set_field(store: Store, signature: str, header: str, field: str | None,
              actor: str) -> Profile:
    """Change how one header of a saved profile is read (``None``: not read), audited as
    ``mapping_edited``. A field given to ``header`` is taken from any other header.

    Raises
    ------
    ProfileError
        ``unknown_profile`` or ``unknown_header``.
    """
    with store.transaction() as cur:
        row = cur.execute(sql.query("mapping_profile"), {"signature": signature}).fetchone()
        if row is None:
            raise _unknown_profile(signature)
        profile = Profile.from_row(row)
        if header not in profile.mapping and header not in profile.headers:
            raise ProfileError("unknown_header", f"配置 {signature} 中没有表头“{header}”。",
                               f"Profile {signature} has no header '{header}'.")
        mapping = {h: (None if field and v == field else v) for h, v in profile.mapping.items()}
        mapping[header] = field
        _upsert(cur, signature, profile.spec_name, mapping, profile.headers, actor, utc_now())
        record_audit(cur, actor, "mapping_edited", signature, header=header, field=field,
                     before=profile.mapping.get(header))
    return get_profile(store, signature)


def delete_profile(store: Store, signature: str, actor: str) -> bool:
    """Delete a profile (audited as ``mapping_deleted``); ``False`` when there was none."""
    with store.transaction() as cur:
        row = cur.execute(sql.query("mapping_profile"), {"signature": signature}).fetchone()
        if row is None:
            return False
        cur.execute(sql.query("delete_mapping_profile"), {"signature": signature})
        record_audit(cur, actor, "mapping_deleted", signature, spec=row[1],
                     mapping=json.loads(row[2]))
    return True


def record_use(cur, signature: str) -> None:
    """Count one stored import read with the profile ``signature`` (inside the caller's
    transaction, with its cursor ``cur``)."""
    cur.execute(sql.query("use_mapping_profile"), {"signature": signature, "now": utc_now()})


def _unknown_profile(signature: str) -> ProfileError:
    return ProfileError("unknown_profile", f"没有签名为 {signature} 的列对应配置。",
                        f"No mapping profile has the signature {signature}.")


# --- export and import ---------------------------------------------------------------------

def export_profiles(store: Store, spec_name: str | None = None) -> dict:
    """Every profile (of one declaration, or all) as one JSON-ready document."""
    return {"format": FORMAT, "version": VERSION, "exported_at": utc_now().isoformat(),
            "profiles": [p.to_dict() for p in list_profiles(store, spec_name)]}


def write_export(store: Store, path: str | Path, spec_name: str | None = None) -> int:
    """Write :func:`export_profiles` to ``path`` (UTF-8 JSON); returns the number written."""
    document = export_profiles(store, spec_name)
    Path(path).write_text(json.dumps(document, ensure_ascii=False, indent=2), "utf-8")
    return len(document["profiles"])


def _bad(detail_zh: str, detail_en: str) -> ProfileError:
    return ProfileError("bad_format", f"列对应文件格式不正确：{detail_zh}",
                        f"The mapping file is not in the expected format: {detail_en}")


def _short_text(value, what: str) -> str:
    if not isinstance(value, str) or not value or len(value) > MAX_TEXT:
        raise _bad(f"{what} 应为不超过 {MAX_TEXT} 个字符的文字", f"{what} must be a text of at "
                   f"most {MAX_TEXT} characters")
    return value


def _check_profile(signature, spec_name, mapping, headers) -> None:
    _short_text(signature, "signature")
    _short_text(spec_name, "spec_name")
    if not isinstance(mapping, Mapping) or len(mapping) > MAX_HEADERS:
        raise _bad("mapping 应为表头到字段的对应", "mapping must map headers to fields")
    if not isinstance(headers, (list, tuple)) or len(headers) > MAX_HEADERS:
        raise _bad("headers 应为表头列表", "headers must be a list of header wordings")
    for header in headers:
        _short_text(header, "header")
    for header, field in mapping.items():
        _short_text(header, "header")
        if field is not None:
            _short_text(field, "field")


def _profile_entry(entry) -> dict:
    if not isinstance(entry, Mapping):
        raise _bad("profiles 的每一项应为对象", "each entry of profiles must be an object")
    signature, spec_name = entry.get("signature"), entry.get("spec_name")
    mapping, headers = entry.get("mapping"), entry.get("headers", list(entry.get("mapping") or ()))
    _check_profile(signature, spec_name, mapping, headers)
    return {"signature": signature, "spec_name": spec_name, "mapping": dict(mapping),
            "headers": list(headers)}


def parse_document(data: bytes | str) -> list[dict]:
    """The profiles of an exported file (:func:`export_profiles`), checked.

    Returns a list of ``{"signature", "spec_name", "mapping", "headers"}``.

    Raises
    ------
    ProfileError
        ``too_large``, ``not_json`` or ``bad_format``, with the reason in Chinese and English.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_FILE_BYTES:
        raise ProfileError("too_large", f"列对应文件超过 {MAX_FILE_BYTES // 1_000_000} MB。",
                           f"The mapping file is larger than {MAX_FILE_BYTES // 1_000_000} MB.")
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProfileError("not_json", f"列对应文件不是 UTF-8 JSON：{exc}",
                           f"The mapping file is not UTF-8 JSON: {exc}") from exc
    if not isinstance(document, Mapping) or document.get("format") != FORMAT:
        raise _bad(f"缺少 \"format\": \"{FORMAT}\"（应为本系统导出的文件）",
                   f"no \"format\": \"{FORMAT}\" (expected a file this system exported)")
    entries = document.get("profiles")
    if not isinstance(entries, list) or len(entries) > MAX_PROFILES:
        raise _bad("profiles 应为列表", "profiles must be a list")
    return [_profile_entry(entry) for entry in entries]


def _check_fields(entries: list[dict], known_fields: Mapping[str, set[str]] | None) -> None:
    if known_fields is None:
        return
    for entry in entries:
        fields = known_fields.get(entry["spec_name"])
        unknown = [f for f in entry["mapping"].values() if f and (fields is None or f not in fields)]
        if fields is None or unknown:
            what = entry["spec_name"] if fields is None else "、".join(unknown)
            raise ProfileError("unknown_field", f"配置 {entry['signature']} 含有本系统不认识的"
                               f"表格或字段：{what}",
                               f"Profile {entry['signature']} names a sheet or field this "
                               f"system does not know: {what}")


def read_profiles_file(path: str | Path, spec_name: str | None = None,
                       known_fields: Mapping[str, set[str]] | None = None
                       ) -> dict[str, HeaderMap]:
    """``{signature: mapping}`` from an exported file (of one declaration, or all), read
    bounded and checked (raises :class:`ProfileError`)."""
    with open(path, "rb") as handle:
        entries = parse_document(handle.read(MAX_FILE_BYTES + 1))
    _check_fields(entries, known_fields)
    return {e["signature"]: e["mapping"] for e in entries
            if spec_name is None or e["spec_name"] == spec_name}


def import_profiles(store: Store, data: bytes | str, actor: str,
                    known_fields: Mapping[str, set[str]] | None = None) -> int:
    """Save every profile of an exported file in one transaction (each audited as
    ``mapping_saved`` with ``imported=True``); returns how many. Nothing is saved when any
    entry is bad (raises :class:`ProfileError`)."""
    entries = parse_document(data)
    _check_fields(entries, known_fields)
    now = utc_now()
    with store.transaction() as cur:
        for e in entries:
            _upsert(cur, e["signature"], e["spec_name"], e["mapping"], e["headers"], actor, now)
            record_audit(cur, actor, "mapping_saved", e["signature"], spec=e["spec_name"],
                         mapping=e["mapping"], imported=True)
    return len(entries)
