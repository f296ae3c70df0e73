"""Strings of the subsidy pages added with issue 13 (held claims, reviewers), zh and en.

Kept beside :mod:`dashboard.i18n` (whose :func:`~dashboard.i18n.t` serves every other
string) so that the subsidy pages' own wording lives with them.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "combine": ("专家评分汇总方式", "Combining the experts' scores"),
    "combine_trimmed_mean": ("按原分（去掉最高最低）", "As given (trimmed mean)"),
    "combine_zscore": ("按专家标准化（z 分数）", "Normalised per reviewer (z-score)"),
    "held_title": ("待核实（申报值超过该类项目的合理上限）",
                   "Needs clarification (claims above their project type's plausible bound)"),
    "held_help": ("这些申请按合理上限暂定计分，不进入入围名单，直到评审委员会成员确认或更正申报值。",
                  "These applications are scored at the bound for now and are not shortlisted "
                  "until a committee member confirms or corrects the figure."),
    "held_none": ("没有待核实的申请。", "No application needs clarification."),
    "held_pick": ("核实申请", "Application to decide on"),
    "held_action": ("核实结论", "Decision"),
    "held_confirm": ("确认申报值", "Confirm the claim"),
    "held_correct": ("更正为", "Correct it to"),
    "held_figure": ("更正后的年电量（kWh）", "Corrected annual figure (kWh)"),
    "held_reason": ("理由（学校的答复、所见材料）", "Reason (the school's answer, documents seen)"),
    "held_submit": ("记录核实结论", "Record the decision"),
    "held_need_reason": ("请填写理由。", "Please give a reason."),
    "held_recorded": ("已记录 {application_id} 的核实结论，请重新运行排序。",
                      "Decision on {application_id} recorded; run the ranking again."),
}


def s(key: str, lang: str, **fields) -> str:
    """The string ``key`` in ``lang`` ("zh" or "en")."""
    zh, en = STRINGS[key]
    return (zh if lang == "zh" else en).format(**fields)
