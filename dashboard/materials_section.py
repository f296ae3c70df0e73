"""申报材料 Application materials on the pages: the committee attaches files, reviewers read them.

:func:`render` is the subsidy page's section (pick an application, upload a file, list,
download, withdraw); :func:`render_for_reviewer` lists on the review page the files of the
application being reviewed, with a download button and pictures shown inline (the preview
the isolated worker drew, never the uploaded bytes decoded here). The rules (checks,
who may see what) live in :mod:`energy.subsidy.materials`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.access import audit
from dashboard.auth import committee_user
from dashboard.state import once_per_file, store
from dashboard.widgets import table, uploader
from energy.subsidy import SubsidyStore, online
from energy.subsidy import materials as mat
from energy.subsidy.outputs import MATERIALS

FLASH = "materials_flash"
TYPES = ["pdf", "png", "jpg", "jpeg", "xlsx", "xls", "csv", "docx"]
KIND_TEXT = {"pdf": ("PDF 文档", "PDF"), "png": ("图片（PNG）", "Picture (PNG)"),
             "jpeg": ("图片（JPEG）", "Picture (JPEG)"), "xlsx": ("Excel 表格", "Excel workbook"),
             "xls": ("Excel 表格（旧版）", "Excel 97-2003 workbook"), "csv": ("CSV 表格", "CSV"),
             "docx": ("Word 文档", "Word document")}
TEXT: dict[str, tuple[str, str]] = {
    "title": ("申报材料", "Application materials"),
    "help": ("为申请上传学校提交的材料（PDF、PNG/JPEG 图片、Excel、Word），每个不超过 20 MB。"
             "文件在隔离进程中检查后保存，评审专家只能查看分配给他们的申请的材料。",
             "Attach the files a school sent with its application (PDF, PNG/JPEG pictures, "
             "Excel, Word), up to 20 MB each. Each file is checked in an isolated process "
             "before it is kept; reviewers see only the files of applications assigned to them."),
    "pick": ("申请", "Application"),
    "upload": ("上传材料", "Upload a file"),
    "stored": ("已保存材料“{file_name}”。", "“{file_name}” is attached."),
    "duplicate": ("材料“{file_name}”已在该申请中，未重复保存。",
                  "“{file_name}” is already attached to this application; nothing changed."),
    "none": ("该申请还没有材料。", "This application has no files yet."),
    "file": ("文件", "File"),
    "download": ("下载", "Download"),
    "withdraw": ("撤回此材料", "Withdraw this file"),
    "withdrawn": ("已撤回材料“{file_name}”。", "“{file_name}” is withdrawn."),
    "reviewer_title": ("申报材料", "Application materials"),
}


def _m(key: str, lang: str, **fields) -> str:
    return TEXT[key][0 if lang == "zh" else 1].format(**fields)


def _shown(listed: pd.DataFrame, lang: str) -> pd.DataFrame:
    pick = 0 if lang == "zh" else 1
    return listed.assign(kind_text=listed["kind"].map(lambda k: KIND_TEXT[k][pick]),
                         size_kb=listed["size_bytes"] / 1024,
                         sha256_short=listed["sha256"].str[:12])


def _labels(listed: pd.DataFrame) -> dict[int, str]:
    return {int(r["material_id"]): r["file_name"] for r in listed.to_dict("records")}


def _upload(sub: SubsidyStore, app_id: str, user: str, lang: str) -> None:
    uploaded = uploader(_m("upload", lang), TYPES, "up_material", lang)
    if uploaded is None:
        return
    data = uploaded.getvalue()
    done = once_per_file(f"material_{sub.round_id}_{app_id}", data, lambda: mat.add_material(
        sub, app_id, data, uploaded.name, user))
    if done.status == mat.REFUSED:
        st.error(done.refusal.message(lang))
    else:
        st.success(_m(done.status, lang, file_name=done.file_name))


def _one_file(file: mat.MaterialFile, user: str, lang: str, key: str) -> None:
    if file.preview is not None:
        st.image(file.preview, caption=file.file_name)
    st.download_button(_m("download", lang), file.content, file_name=file.file_name,
                       mime=file.media_type, key=f"{key}_download", on_click=audit,
                       args=(store(), user, "material_opened", file.application_id),
                       kwargs={"file_name": file.file_name, "material_id": file.material_id})


def render(lang: str, sub: SubsidyStore | None = None) -> None:
    """The subsidy page's section: attach, list, download and withdraw the files of the
    applications of ``sub``'s round (the round picked on the page; default the current)."""
    sub, user = sub or SubsidyStore(store()), committee_user() or "?"
    apps = sub.current_applications()
    if apps.empty:
        return
    names = dict(zip(apps["application_id"], apps["project_name"]))
    with st.expander(_m("title", lang), expanded=FLASH in st.session_state):
        st.caption(_m("help", lang))
        if flash := st.session_state.pop(FLASH, None):
            st.success(flash)
        app_id = st.selectbox(_m("pick", lang), sorted(names), key="materials_application",
                              format_func=lambda a: f"{a} {names[a]}")
        _upload(sub, app_id, user, lang)
        listed = mat.materials(sub, app_id)
        if listed.empty:
            st.caption(_m("none", lang))
            return
        table(_shown(listed, lang), MATERIALS, lang)
        labels = _labels(listed)
        chosen = st.selectbox(_m("file", lang), list(labels), format_func=labels.get,
                              key="materials_file")
        _one_file(mat.material(sub, chosen), user, lang, "materials")
        if st.button(_m("withdraw", lang), key="materials_withdraw"):
            mat.withdraw_material(sub, chosen, user)
            st.session_state[FLASH] = _m("withdrawn", lang, file_name=labels[chosen])
            st.rerun()


def render_for_reviewer(sub: SubsidyStore, reviewer: str, app_id: str, lang: str) -> None:
    """The files of an application assigned to ``reviewer`` (the package refuses others)."""
    try:
        listed = mat.reviewer_materials(sub, reviewer, app_id)
    except online.ReviewRefused as refusal:
        st.error(refusal.message(lang))
        return
    st.subheader(_m("reviewer_title", lang))
    if listed.empty:
        st.caption(_m("none", lang))
        return
    table(_shown(listed, lang), MATERIALS, lang)
    labels = _labels(listed)
    chosen = st.selectbox(_m("file", lang), list(labels), format_func=labels.get,
                          key=f"review_material_{app_id}")
    try:
        file = mat.reviewer_material(sub, reviewer, chosen)
    except online.ReviewRefused as refusal:
        st.error(refusal.message(lang))
        return
    _one_file(file, reviewer, lang, f"review_material_{app_id}")
