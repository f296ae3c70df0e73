"""Strings of the subsidy rounds on the subsidy page (rounds, intentions, history, 成效), zh and en."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "round_pick": ("评审轮次", "Round"),
    "round_info": ("{name}：{status}", "{name}: {status}"),
    "round_decided": ("本轮已于 {when} 按第 {run_id} 次排序决定；以下为历史记录。",
                      "This round was decided on {when} on ranking run {run_id}; what follows is "
                      "its record."),
    "round_budget_saved": ("排序所用预算已存为本轮预算。", "The budget ranked with is now the round's."),
    "intentions_title": ("申报意向（按区与项目类型）", "Intentions by district and project type"),
    "intentions_help": ("学校在申报前登记的拟申报项目，供确定预算参考。",
                        "Projects schools said they plan, before the call: for setting the budget."),
    "intentions_total": ("意向项目 {n} 项，预计投资合计 {wan:,.0f} 万元",
                         "{n} planned projects, rough investment {wan:,.0f} × 10⁴ CNY in total"),
    "intentions_upload": ("导入申报意向表", "Import an intention sheet"),
    "intentions_file": ("申报意向表（学校代码、项目类型、预计投资、项目简介）",
                        "Intention sheet (school code, project type, rough investment, description)"),
    "school_intentions_title": ("项目申报意向（{name}）", "Project intentions ({name})"),
    "school_intentions_help": ("本轮正在收集项目申报意向：请登记本校计划申报的项目（类型、预计投资、"
                               "简介），可逐项填写或上传申报意向表。",
                               "This round is collecting intentions: state the projects your "
                               "school plans to apply for (type, rough investment, description), "
                               "one by one or as an intention sheet."),
    "school_intention_type": ("项目类型", "Project type"),
    "school_intention_wan": ("预计投资（万元）", "Rough investment (10⁴ CNY)"),
    "school_intention_description": ("项目简介", "Description"),
    "school_intention_submit": ("登记意向", "State this intention"),
    "school_intention_stored": ("已登记申报意向（编号 {intention_id}）。",
                                "Intention stated (no. {intention_id})."),
    "school_intentions_stored": ("已登记 {n} 项申报意向。", "{n} intentions stated."),
    "history_title": ("学校历年申请", "A school's applications across rounds"),
    "history_pick": ("选择学校", "School"),
    "history_none": ("还没有任何学校提交过申请。", "No school has applied yet."),
    "outcomes_title": ("成效：获奖补项目的进展与实测", "Results: what the funded projects delivered"),
    "outcomes_none": ("本轮还没有获奖补的项目。", "No project of this round is awarded yet."),
    "trail_title": ("项目进展（获奖补 → 在建 → 验收）", "Status trail (awarded → under construction → accepted)"),
    "comparison_title": ("已验收项目：申报、我们的估算与实测", "Accepted projects: claim, our estimate and result"),
    "city_title": ("全市各轮：申报高出实测多少（按项目类型）",
                   "All rounds, city-wide: how far claims ran above results, by type"),
    "evidence_title": ("对合理上限的证据（仅供参考，不自动修改评分细则）",
                       "Evidence for the plausible bounds (shown only: the rubric is not changed)"),
    "no_accepted": ("还没有已验收的项目。", "No project has been accepted yet."),
    "step_title": ("记录项目进展", "Record a project's next step"),
    "step_pick": ("项目（下一步）", "Project (next step)"),
    "step_measured": ("验收时：实测首年节电量或发电量（kWh）",
                      "At acceptance: measured first-year saving or generation (kWh)"),
    "step_note": ("备注（验收报告编号等）", "Note (acceptance report number …)"),
    "step_submit": ("记录", "Record"),
    "step_recorded": ("已记录：{application_id} {step}。", "Recorded: {application_id} {step}."),
}


def r(key: str, lang: str, **fields) -> str:
    """The string ``key`` in ``lang`` ("zh" or "en")."""
    zh, en = STRINGS[key]
    return (zh if lang == "zh" else en).format(**fields)
