"""The audit trail as sentences a person reads.

An ``audit_log`` row (:mod:`core.audit`) keeps who, what, on what and a JSON detail. For the
committee each becomes one sentence, e.g. ``demo 导入了 3101519005 上海市……中学的调研表（上传
303，12 栋建筑）``, with the time, the person, the action and the schools concerned beside it
so the log can be filtered; the raw detail stays in the row for the technical reader.

:data:`ACTIONS` declares every action once: its name in a filter list and its sentence in
both languages, with ``{actor}``, ``{subject}``, ``{schools}`` and the detail's fields as
placeholders. An action nobody declared still reads as a sentence (``… 进行了操作
「name」``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Action:
    """One kind of audit entry: its label (for filters) and sentence in both languages."""

    name: str
    label_zh: str
    label_en: str
    sentence_zh: str
    sentence_en: str


ACTIONS: dict[str, Action] = {a.name: a for a in (
    Action("submission", "提交调研表", "Survey submitted",
           "{actor} 导入了 {schools} 的调研表（上传 {upload_id}，{n_buildings} 栋建筑）",
           "{actor} imported the survey of {schools} (upload {upload_id}, {n_buildings} "
           "buildings)"),
    Action("upload_refused", "拒收文件", "File refused",
           "{actor} 上传的文件「{subject}」被拒收，原文件已留存（原因见原始记录）",
           "The file “{subject}” uploaded by {actor} was refused and kept aside (the reason is "
           "in the raw entry)"),
    Action("sign_in", "登录", "Sign-in", "{actor} 登录", "{actor} signed in"),
    Action("sign_out", "退出登录", "Sign-out", "{actor} 退出登录", "{actor} signed out"),
    Action("sign_in_failed", "登录失败", "Failed sign-in", "{actor} 登录失败（用户名或密码不正确）",
           "{actor} failed to sign in (wrong user name or password)"),
    Action("code_accepted", "上传码通过", "Upload code accepted", "{schools} 的上传码验证通过",
           "The upload code of {schools} was accepted"),
    Action("code_failed", "上传码无效", "Upload code refused", "{actor} 输入的上传码无效（{why}）",
           "An upload code entered by {actor} was refused ({why})"),
    Action("code_issued", "发放上传码", "Upload code issued",
           "{actor} 为 {schools} 发放了上传码（编号 {code_id}，有效 {days} 天）",
           "{actor} issued an upload code for {schools} (id {code_id}, valid {days} days)"),
    Action("code_revoked", "撤销上传码", "Upload code revoked",
           "{actor} 撤销了 {schools} 的上传码（编号 {code_ids}）",
           "{actor} revoked the upload code of {schools} (id {code_ids})"),
    Action("roster_imported", "导入名单", "Roster imported",
           "{actor} 导入了应提交学校名单「{subject}」（名单 {roster_id}）",
           "{actor} imported the roster “{subject}” (roster {roster_id})"),
    Action("rubric_changed", "修改评分细则", "Rubric changed",
           "{actor} 修改了评分细则「{subject}」（新的权重见原始记录）",
           "{actor} changed the rubric “{subject}” (the new weights are in the raw entry)"),
    Action("ranking_run", "评审排序", "Ranking run",
           "{actor} 运行了奖补评审排序（第 {run_id} 次，预算 {budget_cny} 元，入围 {shortlisted} 项）",
           "{actor} ran the subsidy ranking (run {run_id}, budget CNY {budget_cny}, "
           "{shortlisted} shortlisted)"),
    Action("mapping_saved", "保存列对应", "Column mapping saved",
           "{actor} 保存了表格格式 {subject} 的列对应（{spec}）",
           "{actor} saved the column mapping of layout {subject} ({spec})"),
    Action("mapping_edited", "修改列对应", "Column mapping edited",
           "{actor} 将格式 {subject} 的表头「{header}」改为读作 {field}（原为 {before}）",
           "{actor} changed header “{header}” of layout {subject} to read as {field} "
           "(was {before})"),
    Action("mapping_deleted", "删除列对应", "Column mapping deleted",
           "{actor} 删除了表格格式 {subject} 的列对应（{spec}）",
           "{actor} deleted the column mapping of layout {subject} ({spec})"),
    Action("claim_confirmed", "确认申报值", "Claim confirmed",
           "{actor} 确认了申请 {subject} 的申报值 {claimed_kwh} kWh（理由：{reason}）",
           "{actor} confirmed the claimed {claimed_kwh} kWh of application {subject} "
           "(reason: {reason})"),
    Action("claim_corrected", "更正申报值", "Claim corrected",
           "{actor} 将申请 {subject} 的申报值 {claimed_kwh} kWh 更正为 {figure_kwh} kWh（理由：{reason}）",
           "{actor} corrected the claimed {claimed_kwh} kWh of application {subject} to "
           "{figure_kwh} kWh (reason: {reason})"),
    Action("round_opened", "开启评审轮次", "Round opened",
           "{actor} 开启了奖补评审轮次 {subject}（评分细则沿用自：{from_round}）",
           "{actor} opened the subsidy round {subject} (rubric copied from: {from_round})"),
    Action("round_status", "轮次状态变更", "Round status changed",
           "{actor} 将轮次 {subject} 的状态由「{before_zh}」改为「{status_zh}」",
           "{actor} moved round {subject} from “{before_en}” to “{status_en}”"),
    Action("round_budget_set", "设定轮次预算", "Round budget set",
           "{actor} 将轮次 {subject} 的预算设为 {budget_cny} 元",
           "{actor} set the budget of round {subject} to CNY {budget_cny}"),
    Action("round_decided", "轮次决定", "Round decided",
           "{actor} 按第 {run_id} 次排序决定了轮次 {subject}，{n_awarded} 个项目获奖补",
           "{actor} decided round {subject} on ranking run {run_id}: {n_awarded} projects "
           "awarded"),
    Action("intention_added", "申报意向", "Intention stated",
           "{actor} 为 {schools} 登记了{round_id}年度的申报意向（{project_type}，约 {rough_investment_cny} 元）",
           "{actor} recorded an intention of {schools} for round {round_id} ({project_type}, "
           "about CNY {rough_investment_cny})"),
    Action("intentions_imported", "导入申报意向", "Intentions imported",
           "{actor} 导入了申报意向表「{subject}」（{round_id}年度，{n_rows} 项）",
           "{actor} imported the intention sheet “{subject}” (round {round_id}, {n_rows} rows)"),
    Action("intention_applied", "意向转为申请", "Intention became an application",
           "{actor} 将意向 {intention_id} 关联到申请 {subject}",
           "{actor} linked intention {intention_id} to application {subject}"),
    Action("project_awarded", "项目获奖补", "Project awarded",
           "{actor} 记录申请 {subject} 获得奖补（{round_id}年度）",
           "{actor} recorded application {subject} as awarded (round {round_id})"),
    Action("project_under_construction", "项目在建", "Project under construction",
           "{actor} 记录申请 {subject} 的项目开工在建",
           "{actor} recorded the project of application {subject} as under construction"),
    Action("project_accepted", "项目验收", "Project accepted",
           "{actor} 记录申请 {subject} 的项目通过验收，实测首年 {measured_kwh} kWh",
           "{actor} recorded the project of application {subject} as accepted, measured first "
           "year {measured_kwh} kWh"),
    Action("reviewer_added", "添加评审专家", "Reviewer added",
           "{actor} 添加了评审专家账号 {subject}",
           "{actor} added the reviewer account {subject}"),
    Action("reviewer_assigned", "分配评审专家", "Reviewer assigned",
           "{actor} 将申请 {application_id} 分配给评审专家 {subject}",
           "{actor} assigned application {application_id} to reviewer {subject}"),
    Action("reviewers_assigned_auto", "轮流分配评审专家", "Reviewers assigned in turn",
           "{actor} 轮流分配了评审专家（避开利益冲突，共 {n_assigned} 项分配）",
           "{actor} assigned reviewers in turn, avoiding conflicts ({n_assigned} assignments)"),
    Action("conflict_declared", "申报利益冲突", "Conflict of interest declared",
           "评审专家 {actor} 就申请 {subject} 申报了利益冲突：{reason}",
           "Reviewer {actor} declared a conflict of interest on application {subject}: {reason}"),
    Action("no_conflict_declared", "声明无利益冲突", "No conflict declared",
           "评审专家 {actor} 声明与申请 {subject} 无利益冲突",
           "Reviewer {actor} declared no conflict of interest on application {subject}"),
    Action("scores_saved", "保存评分", "Scores saved",
           "评审专家 {actor} 保存了对申请 {subject} 的评分（{n_criteria} 项）",
           "Reviewer {actor} saved scores on application {subject} ({n_criteria} criteria)"),
    Action("scores_submitted", "提交评分", "Scores submitted",
           "评审专家 {actor} 提交了对申请 {subject} 的评分",
           "Reviewer {actor} submitted the scores on application {subject}"),
    Action("scoring_closed", "结束评分", "Scoring closed", "{actor} 结束了专家在线评分",
           "{actor} closed online scoring"),
    Action("scoring_reopened", "重新开放评分", "Scoring reopened", "{actor} 重新开放了专家在线评分",
           "{actor} reopened online scoring"),
    Action("material_added", "添加申报材料", "Material attached",
           "{actor} 为申请 {subject} 添加了申报材料「{file_name}」（{size_bytes} 字节）",
           "{actor} attached the file “{file_name}” to application {subject} ({size_bytes} "
           "bytes)"),
    Action("material_refused", "拒收申报材料", "Material refused",
           "{actor} 为申请 {subject} 上传的材料「{file_name}」被拒收：{reason}",
           "The file “{file_name}” {actor} uploaded for application {subject} was refused: "
           "{reason_en}"),
    Action("material_withdrawn", "撤回申报材料", "Material withdrawn",
           "{actor} 撤回了申请 {subject} 的申报材料「{file_name}」",
           "{actor} withdrew the file “{file_name}” of application {subject}"),
    Action("material_opened", "查看申报材料", "Material opened",
           "{actor} 下载了申请 {subject} 的申报材料「{file_name}」",
           "{actor} downloaded the file “{file_name}” of application {subject}"),
    Action("export", "导出文件", "Export", "{actor} 导出了「{subject}」",
           "{actor} exported “{subject}”"),
)}
UNKNOWN = ("{actor} 进行了操作「{action}」", "{actor} did “{action}”")
# Why an upload code was refused (``code_failed``'s ``reason``: core.access.MESSAGES codes).
CODE_REFUSALS = {"bad_code": ("码不正确", "wrong code"), "expired_code": ("已过期", "expired"),
                 "revoked_code": ("已撤销", "revoked"), "wrong_school": ("不是本校的码", "another school's")}
ACTOR_WORDS = {"system": ("系统", "the system"), "cli": ("命令行", "the command line"),
               "?": ("未知用户", "an unknown user")}
MISSING = ("（未记录）", "(not recorded)")


class _Fields(dict):
    """Format fields: a placeholder the entry does not have reads as 未记录."""

    def __init__(self, values: dict, lang: str):
        super().__init__(values)
        self.lang = lang

    def __missing__(self, key: str) -> str:
        return MISSING[0 if self.lang == "zh" else 1]


def parse_detail(detail) -> dict:
    """The JSON detail of an entry as a dict (empty when missing or not JSON)."""
    if not isinstance(detail, str) or not detail.strip():
        return {}
    try:
        parsed = json.loads(detail)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def actor_text(actor, lang: str) -> str:
    """Who did it, as a person reads it: an account name, 学校 3101…, 访客 1.2.3.4."""
    actor = _text(actor)
    zh = lang == "zh"
    if actor in ACTOR_WORDS:
        return ACTOR_WORDS[actor][0 if zh else 1]
    kind, _, rest = actor.partition(":")
    if kind == "school" and rest:
        return f"学校 {rest}" if zh else f"school {rest}"
    if kind == "client" and rest:
        return f"访客（{rest}）" if zh else f"a visitor ({rest})"
    if kind == "unknown" and rest:
        return f"未知用户名（{rest[:6]}）" if zh else f"an unknown user name ({rest[:6]})"
    return actor


def _text(value) -> str:
    """A stored value as text; None and NaN (a NULL read through pandas) as empty."""
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def schools_of(action: str, subject, detail: dict) -> list[str]:
    """The school codes an entry concerns (its subject, for the actions about schools)."""
    if action not in ("submission", "code_accepted", "code_issued", "code_revoked"):
        return []
    subject = _text(subject)
    return [code.strip() for code in subject.split(",") if code.strip()]


def _schools_text(codes: list[str], names: Mapping[str, str], lang: str) -> str:
    if not codes:
        return MISSING[0 if lang == "zh" else 1]
    named = [f"{code} {names[code]}" if names.get(code) else code for code in codes]
    return ("、" if lang == "zh" else ", ").join(named)


def _shown(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def sentence(entry: Mapping, lang: str = "zh", names: Mapping[str, str] | None = None) -> str:
    """One audit row (``actor, action, subject, detail``) as a sentence in ``lang``;
    ``names`` maps school codes to school names."""
    action = str(entry.get("action") or "")
    detail = parse_detail(entry.get("detail"))
    subject = entry.get("subject")
    fields = _Fields({key: _shown(value) for key, value in detail.items()}, lang)
    refusal = CODE_REFUSALS.get(str(detail.get("reason")))
    if refusal:
        fields["why"] = refusal[0 if lang == "zh" else 1]
    fields.update(actor=actor_text(entry.get("actor"), lang), action=action,
                  subject=_text(subject),
                  schools=_schools_text(schools_of(action, subject, detail), names or {}, lang))
    known = ACTIONS.get(action)
    template = (known.sentence_zh, known.sentence_en) if known else UNKNOWN
    return template[0 if lang == "zh" else 1].format_map(fields)


def action_label(action: str, lang: str) -> str:
    known = ACTIONS.get(action)
    if known is None:
        return action
    return known.label_zh if lang == "zh" else known.label_en


def readable_log(log: pd.DataFrame, lang: str = "zh",
                 names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The audit log (:func:`core.audit.audit_log`) for reading and filtering.

    Returns
    -------
    DataFrame
        ``audit_id``, ``logged_at`` (UTC), ``sentence``, ``actor`` (as a person reads it),
        ``action`` (its label), ``schools`` (list of codes), ``detail`` (raw JSON).
    """
    rows = []
    for entry in log.to_dict("records"):
        detail = parse_detail(entry.get("detail"))
        rows.append({
            "audit_id": entry.get("audit_id"), "logged_at": entry.get("logged_at"),
            "sentence": sentence(entry, lang, names),
            "actor": actor_text(entry.get("actor"), lang),
            "action": action_label(str(entry.get("action") or ""), lang),
            "schools": schools_of(str(entry.get("action") or ""), entry.get("subject"), detail),
            "detail": _text(entry.get("detail"))})
    return pd.DataFrame(rows, columns=["audit_id", "logged_at", "sentence", "actor", "action",
                                       "schools", "detail"])


def filter_log(readable: pd.DataFrame, school: str | None = None, actor: str | None = None,
               action: str | None = None) -> pd.DataFrame:
    """Rows of :func:`readable_log` about ``school`` (a code), by ``actor``, of ``action``
    (its label); None keeps all."""
    keep = pd.Series(True, index=readable.index)
    if school:
        keep &= readable["schools"].map(lambda codes: school in codes)
    if actor:
        keep &= readable["actor"] == actor
    if action:
        keep &= readable["action"] == action
    return readable[keep]
