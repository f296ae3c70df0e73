"""The survey round at city scale: its deadline, upload codes for every school at once with
the distribution sheet, and the list of schools to remind.

* :func:`add_round` / :func:`current_round` — a round's name and deadline (``survey_rounds``,
  migration 004); the newest round is the one in force.
* :func:`issue_round_codes` — one code for every school on the roster or in the store
  (optionally one district, optionally only schools without an active code), in one
  transaction with an audit entry per code (:func:`core.access.issue_codes`);
  :func:`distribution_sheet` writes the codes into the sheet the committee hands out. The
  codes exist nowhere else: only their SHA-256 is stored.
* :func:`reminders` — schools on the roster that have not submitted, and submitted schools
  whose latest sheet has warnings or gaps to fix: exactly the completeness page's missing
  list and quality table (:mod:`surveys.roster`), with contact, code and last activity.

Dates a person reads (deadline, expiry) are Shanghai calendar dates (UTC+8).
"""

from __future__ import annotations

import datetime as _dt
import io

import pandas as pd
import xlsxwriter

from core import access
from core.store import utc_now
from sheets.export_safety import XLSX_OPTIONS, neutralise_frame, quoted_format, write_safe
from sheets.outputs import OutputColumn, OutputTable, excel_format, for_export, from_input
from surveys import sql
from surveys.roster import completeness, schools_with_gaps
from surveys.schema import COLUMNS_BY_NAME, DISTRICTS
from surveys.store import SurveyStore

__all__ = ["DISTRIBUTION", "REMINDERS", "REMINDERS_SHOWN", "ROUNDS", "add_round", "code_targets",
           "current_round", "deadline_text", "distribution_sheet", "issue_round_codes",
           "reminders", "reminders_sheet", "rounds", "shanghai_today"]

SHANGHAI = _dt.timedelta(hours=8)


def _field(name: str, **changes) -> OutputColumn:
    return from_input(COLUMNS_BY_NAME[name], **changes)


#: The distribution sheet (headers: the columns' Chinese headers).
DISTRIBUTION = OutputTable("code_distribution", "上传码发放表", "Upload code distribution", (
    OutputColumn("n", "序号", "No.", "int", width=6),
    _field("school_code", width=14), _field("school_name", width=34),
    _field("district", width=12), _field("school_type", width=10),
    OutputColumn("code", "上传码", "Upload code", width=24),
    OutputColumn("expires_on", "有效期至", "Valid until", "date", width=12,
                 description_zh="上海日期", description_en="Shanghai date"),
    OutputColumn("code_id", "上传码编号", "Code id", "int", width=10),
))

REASONS = {"not_submitted": "未提交", "to_fix": "需修改"}
ACTIVITIES = {"code_issued": "已发放上传码", "code_accepted": "已验证上传码",
              "code_revoked": "上传码已撤销", "submission": "已提交"}
_REMINDER_COLUMNS = (
    OutputColumn("reason_label", "提醒原因", "Reason", width=10,
                 values_en={"未提交": "not submitted", "需修改": "to fix"}),
    _field("school_code", width=14), _field("school_name", width=30), _field("district"),
    _field("school_type"), _field("contact", width=24),
    OutputColumn("problems_zh", "需修改的问题", "Problems (Chinese)", width=40),
    OutputColumn("problems_en", "需修改的问题（英文）", "Problems to fix", width=40),
    OutputColumn("has_active_code", "有有效上传码", "Has an active code", "bool"),
    OutputColumn("code_expires_on", "上传码有效期至", "Code valid until", "date"),
    OutputColumn("last_activity_label", "最近操作", "Last activity", width=14,
                 values_en={"已发放上传码": "code issued", "已验证上传码": "code entered",
                            "上传码已撤销": "code revoked", "已提交": "submitted"}),
    OutputColumn("last_activity_at", "最近操作时间", "Last activity at", "datetime", width=17),
    OutputColumn("last_submitted_at", "最近提交时间", "Last submitted at", "datetime", width=17),
    OutputColumn("deadline", "截止日期", "Deadline", "date"),
)
#: The reminder list, all columns (files); :data:`REMINDERS_SHOWN` per language (pages).
REMINDERS = OutputTable("reminders", "催报名单", "Schools to remind", _REMINDER_COLUMNS)
REMINDERS_SHOWN = {lang: OutputTable("reminders", "催报名单", "Schools to remind",
                                     tuple(c for c in _REMINDER_COLUMNS if c.name != drop))
                   for lang, drop in (("zh", "problems_en"), ("en", "problems_zh"))}
#: The survey rounds as pages show them (:func:`rounds`).
ROUNDS = OutputTable("survey_rounds", "调研轮次", "Survey rounds", (
    OutputColumn("round_id", "轮次编号", "Round no.", "int", width=8),
    OutputColumn("name", "轮次名称", "Round", width=20),
    OutputColumn("opens_on", "开始日期", "Opens on", "date"),
    OutputColumn("deadline", "截止日期", "Deadline", "date"),
    OutputColumn("created_at", "创建时间", "Created at", "datetime", width=17),
    OutputColumn("created_by", "创建人", "Created by", width=12),
))
#: Code columns of :func:`reminders` (``reason``: ``not_submitted`` or ``to_fix``).
REMINDER_CODES = ("reason", "last_activity")


def shanghai_today() -> _dt.date:
    return (utc_now() + SHANGHAI).date()


# --- rounds ------------------------------------------------------------------------------

def add_round(store: SurveyStore, name: str, deadline: _dt.date, actor: str,
              opens_on: _dt.date | None = None) -> int:
    """Record a survey round (it becomes the round in force); returns its id.

    Raises
    ------
    ValueError
        For an empty name, or a deadline before the opening date.
    """
    name = name.strip()
    if not name:
        raise ValueError("a round needs a name")
    if opens_on is not None and deadline < opens_on:
        raise ValueError("the deadline is before the round opens")
    with store.transaction() as cur:
        round_id = cur.execute(sql.query("insert_survey_round"), {
            "name": name, "opens_on": opens_on, "deadline": deadline,
            "created_at": utc_now(), "created_by": actor}).fetchone()[0]
        access.record_audit(cur, actor, "round_added", name, round_id=round_id,
                            deadline=deadline.isoformat())
    return round_id


def rounds(store: SurveyStore) -> pd.DataFrame:
    """Every round, newest first (``round_id, name, opens_on, deadline, created_at,
    created_by``)."""
    return store.frame(sql.query("survey_rounds"))


def current_round(store: SurveyStore) -> dict | None:
    """The round in force (the newest), with ``days_left`` to its deadline (negative once
    past), or None."""
    table = rounds(store)
    if table.empty:
        return None
    row = table.iloc[0].to_dict()
    row["deadline"] = pd.Timestamp(row["deadline"]).date()
    row["days_left"] = (row["deadline"] - shanghai_today()).days
    return row


def deadline_text(round_: dict | None) -> tuple[str, str] | None:
    """One line about the round in force, in Chinese and English (None without a round)."""
    if round_ is None:
        return None
    name, deadline, left = round_["name"], round_["deadline"].isoformat(), round_["days_left"]
    if left >= 0:
        return (f"调研轮次“{name}”：截止日期 {deadline}，还剩 {left} 天。",
                f"Survey round '{name}': deadline {deadline}, {left} days left.")
    return (f"调研轮次“{name}”：截止日期 {deadline}，已过期 {-left} 天。",
            f"Survey round '{name}': deadline {deadline}, passed {-left} days ago.")


# --- bulk codes --------------------------------------------------------------------------

def _active_codes(store: SurveyStore) -> pd.DataFrame:
    return store.frame(sql.query("active_codes_by_school"), {"now": utc_now()}, fresh=True)


def canonical_district(text: str) -> str:
    """A district as the survey stores it, from its name, English name, a synonym or a
    former name (``浦东`` → ``浦东新区``, ``闸北区`` → ``静安区``).

    Raises
    ------
    ValueError
        For a name that is no Shanghai district (bilingual message).
    """
    key = text.strip().lower()
    for choice in DISTRICTS:
        if key in {choice.value.lower(), choice.label_en.lower(),
                   *(s.lower() for s in (*choice.synonyms, *choice.former))}:
            return choice.value
    raise ValueError(f"“{text}”不是上海的区。 '{text}' is not a Shanghai district.")


def code_targets(store: SurveyStore, district: str | None = None,
                 without_code: bool = False) -> pd.DataFrame:
    """Schools that a bulk issue gives codes to: every school on the roster or in the store
    (:func:`surveys.roster.completeness`), of one district if given, and only those without an
    active code if ``without_code``."""
    table = completeness(store)[["school_code", "school_name", "district", "school_type",
                                 "on_roster", "submitted"]]
    if district:
        table = table[table["district"] == canonical_district(district)]
    if without_code:
        table = table[~table["school_code"].isin(_active_codes(store)["school_code"])]
    return table.reset_index(drop=True)


def issue_round_codes(store: SurveyStore, actor: str, days: int, district: str | None = None,
                      without_code: bool = False) -> pd.DataFrame:
    """Issue a code to every school of :func:`code_targets`, in one transaction.

    Returns
    -------
    DataFrame
        One row per school: ``school_code, school_name, district, school_type, code_id,
        code, expires_on`` (Shanghai date). The codes are in this frame only: hand it to
        :func:`distribution_sheet` and do not keep it.
    """
    targets = code_targets(store, district, without_code)
    issued = access.issue_codes(store, targets["school_code"].tolist(), actor, days)
    codes = pd.DataFrame(issued, columns=["school_code", "code_id", "code"])
    out = targets.drop(columns=["on_roster", "submitted"]).merge(codes, on="school_code")
    expires = (utc_now() + _dt.timedelta(days=days) + SHANGHAI).date()
    return out.assign(expires_on=expires)


def _book(buffer: io.BytesIO):
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **XLSX_OPTIONS})
    return book, {"title": book.add_format({"bold": True, "font_size": 14}),
                  "head": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                           "text_wrap": True}),
                  "cell": book.add_format({"border": 1}),
                  "quoted": quoted_format(book, border=1),
                  "code": book.add_format({"border": 1, "font_name": "Consolas",
                                           "font_size": 12})}


def distribution_sheet(issued: pd.DataFrame, round_: dict | None = None) -> bytes:
    """The sheet the committee sends out: one row per school with its upload code.

    Chinese headers on row 3 (a title and a note above), every cell written as text or number,
    never a formula (:func:`sheets.export_safety.write_safe`): a school name cannot run in
    Excel. Returns the ``.xlsx`` bytes.
    """
    buffer = io.BytesIO()
    book, f = _book(buffer)
    sheet = book.add_worksheet("上传码发放表")
    title = "校园建筑面积调研 上传码发放表"
    if round_ is not None:
        title += f"（{round_['name']}，截止 {round_['deadline']}）"
    sheet.write_string(0, 0, title, f["title"])
    sheet.write_string(1, 0, "每校一个上传码，只在本表中出现一次（系统只保存其哈希值），请逐校转交、"
                       "妥善保管；遗失请联系协会撤销后重新发放。")
    formats = {c.name: book.add_format({"border": 1, "num_format": excel_format(c)})
               for c in DISTRIBUTION.columns if excel_format(c)}
    for col, column in enumerate(DISTRIBUTION.columns):
        sheet.write_string(2, col, column.header("zh"), f["head"])
        sheet.set_column(col, col, column.width)
    rows = issued.reset_index(drop=True).assign(n=lambda t: t.index + 1)
    for r, record in enumerate(rows.to_dict(orient="records"), start=3):
        for col, column in enumerate(DISTRIBUTION.columns):
            value = record.get(column.name)
            if column.dtype == "text" and value is not None:   # codes stay text (leading 0s)
                sheet.write_string(r, col, str(value),
                                   f["code"] if column.name == "code" else f["cell"])
            else:
                write_safe(sheet, r, col, value, f["quoted"], formats.get(column.name, f["cell"]))
    sheet.freeze_panes(3, 0)
    sheet.set_landscape()
    sheet.repeat_rows(2)
    sheet.fit_to_pages(1, 0)
    book.close()
    return buffer.getvalue()


# --- reminders ---------------------------------------------------------------------------

def _problems(row) -> tuple[str, str]:
    """What a submitted school has to fix, in Chinese and English."""
    zh, en = [], []
    if row["n_warnings"]:
        zh.append(f"{int(row['n_warnings'])} 个警告待核对")
        en.append(f"{int(row['n_warnings'])} warnings to check")
    if row["missing_coordinates"]:
        zh.append("缺少坐标")
        en.append("no coordinates")
    if row["missing_electricity"]:
        zh.append("缺少年用电量")
        en.append("no annual electricity use")
    if row["n_pitched_without_azimuth"]:
        zh.append(f"{int(row['n_pitched_without_azimuth'])} 栋坡屋面缺朝向")
        en.append(f"{int(row['n_pitched_without_azimuth'])} pitched roofs without azimuth")
    if row["n_roof_above_floor"]:
        zh.append(f"{int(row['n_roof_above_floor'])} 栋屋顶面积大于建筑面积")
        en.append(f"{int(row['n_roof_above_floor'])} roofs larger than the floor area")
    return "；".join(zh), "; ".join(en)


def reminders(store: SurveyStore) -> pd.DataFrame:
    """Schools to remind: ``reason`` (``not_submitted`` or ``to_fix``), ``last_activity``
    (an audit action) and the columns of :data:`REMINDERS`.

    ``not_submitted``: on the roster without a submission (the completeness page's missing
    list); ``to_fix``: submitted, with warnings or data gaps in the latest sheet
    (:func:`surveys.roster.schools_with_gaps`, the page's quality table). With each: the
    contact from the school's latest submission that gave one, else from the roster; whether
    it holds an active code and until when; its last step in the audit trail; the round's
    deadline.
    """
    table = completeness(store)
    expected = table[table["on_roster"]]
    missing = expected[~expected["submitted"]].assign(reason="not_submitted")
    to_fix = schools_with_gaps(table).assign(reason="to_fix")
    out = pd.concat([missing, to_fix], ignore_index=True)
    problems = [_problems(row) if row["reason"] == "to_fix" else ("", "")
                for _, row in out.iterrows()]
    out["problems_zh"] = [p[0] for p in problems]
    out["problems_en"] = [p[1] for p in problems]
    contacts = store.frame(sql.query("school_contacts"))
    activity = store.frame(sql.query("school_activity"), fresh=True)
    codes = _active_codes(store)
    out = (out.merge(contacts, on="school_code", how="left")
              .merge(activity, on="school_code", how="left")
              .merge(codes, on="school_code", how="left"))
    out["has_active_code"] = out["n_active_codes"].fillna(0) > 0
    out["code_expires_on"] = pd.to_datetime(out["code_expires_at"]).add(SHANGHAI).dt.date
    round_ = current_round(store)
    out["deadline"] = round_["deadline"] if round_ else None
    out["reason_label"] = out["reason"].map(REASONS)
    out["last_activity_label"] = out["last_activity"].map(ACTIVITIES)
    return out[[*REMINDER_CODES, *(c.name for c in REMINDERS.columns)]]


def _for_file(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Reminder values as a file holds them: times in Beijing time, stored Chinese words in
    English for an English file."""
    out = frame.copy()
    for column in REMINDERS.columns:
        if column.dtype == "datetime":
            out[column.name] = pd.to_datetime(out[column.name]) + SHANGHAI
        elif column.values_en and lang != "zh":
            out[column.name] = out[column.name].map(lambda v, c=column: c.values_en.get(v, v))
    return out


def _file_header(column: OutputColumn, lang: str) -> str:
    if column.dtype != "datetime":
        return column.header(lang)
    return column.label(lang) + ("（北京时间）" if lang == "zh" else " (Beijing time)")


def reminders_sheet(frame: pd.DataFrame, lang: str = "zh") -> bytes:
    """The reminder list as an ``.xlsx``: :data:`REMINDERS` headers in ``lang``, values with
    the declared number formats (times in Beijing time); no cell is ever a formula."""
    columns = REMINDERS.present(frame)
    table = for_export(_for_file(frame, lang), REMINDERS, bilingual=False, lang=lang)
    buffer = io.BytesIO()
    book, f = _book(buffer)
    sheet = book.add_worksheet(REMINDERS.title(lang))
    formats = {col: book.add_format({"border": 1, "num_format": excel_format(c)})
               for col, c in enumerate(columns) if excel_format(c)}
    for col, column in enumerate(columns):
        sheet.write_string(0, col, _file_header(column, lang), f["head"])
        sheet.set_column(col, col, column.width)
    for r, record in enumerate(table.itertuples(index=False), start=1):
        for col, value in enumerate(record):
            if isinstance(value, pd.Timestamp):
                value = value.to_pydatetime()
            write_safe(sheet, r, col, None if pd.isna(value) else value, f["quoted"],
                       formats.get(col, f["cell"]))
    sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def reminders_csv(frame: pd.DataFrame, lang: str = "zh") -> bytes:
    """The reminder list as CSV (UTF-8 with BOM; headers in ``lang``, times in Beijing
    time; formula-like text neutralised)."""
    table = for_export(_for_file(frame, lang), REMINDERS, bilingual=False, lang=lang)
    table.columns = [_file_header(c, lang) for c in REMINDERS.present(frame)]
    return neutralise_frame(table).to_csv(index=False).encode("utf-8-sig")
