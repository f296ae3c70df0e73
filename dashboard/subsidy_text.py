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
    # experts scoring online: the reviewer's page
    "page_review": ("专家评审", "Expert review"),
    "reviewer_only": ("此页面供评审专家登录后使用。", "This page is for signed-in reviewers."),
    "page_panel": ("评审分配", "Review panel"),
    "review_title": ("专家在线评审", "Scoring online"),
    "review_help": ("这里只列出分配给您的申请。每项申请须先申报是否存在利益冲突，再按各评分项打 0–5 分并写评语；"
                    "提交后不能修改，提交后才能看到其他专家的评分。",
                    "Only the applications assigned to you are listed. For each one, declare "
                    "any conflict of interest first, then score every criterion 0–5 with a "
                    "comment; once submitted the scores are final, and the other reviewers' "
                    "scores show."),
    "review_none": ("目前没有分配给您的申请。", "No application is assigned to you yet."),
    "review_pick": ("评审申请", "Application to review"),
    "review_closed": ("评分已结束，不能再保存或提交。", "Scoring is closed: nothing more can be saved or submitted."),
    "conflict_title": ("利益冲突申报", "Conflict of interest"),
    "conflict_help": ("本人所在学校、所在区的申请不会分配给您。如与该申请存在其他利益关系（曾任职、亲属、合作等），请申报并回避。",
                      "Applications of your own school or district are never assigned to you. "
                      "If you have any other interest in this one (former employer, relative, "
                      "partner …), declare it and stand aside."),
    "conflict_choice": ("是否存在利益冲突", "Do you have a conflict of interest?"),
    "conflict_no": ("无利益冲突", "No conflict"),
    "conflict_yes": ("存在利益冲突（回避）", "I have a conflict (stand aside)"),
    "conflict_reason": ("利益冲突说明", "What the conflict is"),
    "conflict_submit": ("确认申报", "Declare"),
    "conflict_recorded": ("已申报：您回避申请 {application_id}。",
                          "Declared: you stand aside on {application_id}."),
    "score_title": ("评分（0–5 分）", "Scores (0–5)"),
    "score_comment": ("评语：{criterion}", "Comment: {criterion}"),
    "score_save": ("保存评分", "Save the scores"),
    "score_submit": ("提交评分（提交后不能修改）", "Submit the scores (final)"),
    "score_saved": ("评分已保存，尚未提交。", "Scores saved, not yet submitted."),
    "score_submitted": ("已提交对申请 {application_id} 的评分。",
                        "Scores on {application_id} submitted."),
    "my_scores": ("我的评分", "My scores"),
    "panel_scores": ("全体专家已提交的评分", "Scores submitted by the panel"),
    "panel_hidden": ("提交自己的评分后才能查看其他专家的评分。",
                     "Other reviewers' scores show once you have submitted yours."),
    # the chair's section
    "panel_title": ("专家评审分配与进度", "Reviewers: assignment and progress"),
    "panel_progress": ("评审进度", "Progress"),
    "panel_assignments": ("全部分配", "Every assignment"),
    "panel_state_open": ("{name}：在线评分进行中。", "{name}: online scoring is open."),
    "panel_state_closed": ("{name}：在线评分已结束。", "{name}: online scoring is closed."),
    "panel_close": ("结束评分", "Close scoring"),
    "panel_reopen": ("重新开放评分", "Reopen scoring"),
    "panel_add_title": ("添加评审专家账号", "Add a reviewer account"),
    "panel_account": ("登录账号", "Account name"),
    "panel_full_name": ("姓名", "Full name"),
    "panel_school": ("所在学校代码（回避本校）", "School code where they work (conflict)"),
    "panel_district": ("所在区（回避本区）", "District where they work (conflict)"),
    "panel_add": ("添加", "Add"),
    "panel_added": ("已添加评审专家 {account}，初始密码（只显示这一次）：{password}",
                    "Reviewer {account} added; first password (shown only this once): {password}"),
    "panel_need_account": ("请填写登录账号。", "Please give an account name."),
    "panel_hand_title": ("手动分配", "Assign by hand"),
    "panel_reviewer": ("评审专家", "Reviewer"),
    "panel_applications": ("申请", "Applications"),
    "panel_choose": ("请选择（可多选）", "Choose one or more"),
    "panel_assign": ("分配", "Assign"),
    "panel_assigned": ("已分配 {n} 项。", "{n} assigned."),
    "panel_auto_title": ("轮流分配（自动避开本校、本区）", "Assign in turn (avoiding own school and district)"),
    "panel_reviewers": ("参与的评审专家", "Reviewers taking part"),
    "panel_per_application": ("每项申请的专家人数", "Reviewers per application"),
    "panel_auto": ("轮流分配", "Assign in turn"),
    "panel_auto_done": ("已分配 {n} 项；{short} 项申请的专家不足。",
                        "{n} assignments made; {short} applications are short of reviewers."),
    "panel_no_reviewers": ("还没有评审专家账号。", "No reviewer account yet."),
}


def s(key: str, lang: str, **fields) -> str:
    """The string ``key`` in ``lang`` ("zh" or "en")."""
    zh, en = STRINGS[key]
    return (zh if lang == "zh" else en).format(**fields)
