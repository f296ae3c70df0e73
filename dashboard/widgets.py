"""Widgets every page shares: the file uploader in the reader's language, tables through
their output declarations, the audit trail as sentences.

Streamlit 1.67's ``st.file_uploader`` writes its own words in English only: the button
(``Upload``), the line of limits (``20MB per file • XLSX, XLS, CSV``), the drop hint
(``Drag and drop a file here``) and the refusal of a file too large or of another type
(``File must be 20.0MB or smaller.``). There is no option, locale setting or translation hook for
them (streamlit/streamlit issue #13500 asks for one and is open; pull request #10042 adding
``browseButtonText``/``dragAndDropText`` was closed unmerged).

:func:`uploader` therefore keeps ``st.file_uploader`` itself, so every upload still goes
through Streamlit's own upload route (XSRF token, ``server.maxUploadSize`` of
``.streamlit/config.toml`` refused by the server, the same ``UploadedFile``) and through our
own checks afterwards, unchanged. It writes that uploader's four texts in the page's
language with a style scoped to the widget's key (``.st-key-<key>``); the refusal's tooltip
is drawn outside the widget, so its rule is the page's (an uploader's tooltips are the only
error tooltips the dashboard has). Those style rules name
Streamlit's ``data-testid`` attributes; should an update rename them, the English words come
back, and the browser test ``tests/e2e/test_page_walk.py`` fails on any English widget text
in the Chinese view.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st
from streamlit import config

from core.audit import audit_log
from core.audit_text import filter_log, readable_log
from core.outputs import AUDIT, AUDIT_DETAIL
from dashboard.i18n import t
from sheets.outputs import labelled
from surveys.outputs import ISSUES

UPLOADER_TEXT: dict[str, tuple[str, str]] = {
    "button": ("选择文件", "Choose a file"),
    "limits": ("或将文件拖放到此处 · 每个文件不超过 {mb} MB · {types}",
               "or drop a file here · up to {mb} MB per file · {types}"),
    "drop": ("松开鼠标即可上传", "Drop the file to upload it"),
    "refused": ("未上传：文件须为 {types}，且不超过 {mb} MB",
                "Not uploaded: the file must be {types} and at most {mb} MB"),
}
ZH_LIST_SEPARATOR = "、"

_DROPZONE = '.st-key-{key} [data-testid="stFileUploaderDropzone"]'
_STYLE = """<style>
{zone} button [data-testid="stMarkdownContainer"] p {{font-size: 0;}}
{zone} button [data-testid="stMarkdownContainer"] p::after {{content: "{button}";
  font-size: 1rem;}}
{zone} [data-testid="stFileUploaderDropzoneInstructions"] span {{font-size: 0;}}
{zone} [data-testid="stFileUploaderDropzoneInstructions"] span::after {{content: "{limits}";
  font-size: 0.875rem;}}
{zone} > div:not([data-testid]):not(:has([data-testid])) * {{font-size: 0;}}
{zone} > div:not([data-testid]):not(:has([data-testid])) > *::after {{content: "{drop}";
  font-size: 1rem;}}
{zone} [data-testid="stFileChip"] [role="alert"] {{font-size: 0;}}
{zone} [data-testid="stFileChip"] [role="alert"]::after {{content: "{refused}";
  font-size: 0.875rem;}}
[data-testid="stTooltipErrorContent"] {{font-size: 0;}}
[data-testid="stTooltipErrorContent"]::after {{content: "{refused}"; font-size: 0.875rem;}}
</style>"""


def max_upload_mb() -> int:
    """The server's upload limit, ``server.maxUploadSize`` [MB]."""
    return int(config.get_option("server.maxUploadSize"))


def _css_text(text: str) -> str:
    """``text`` safe inside a CSS string: no quote, backslash, angle bracket or newline."""
    return re.sub(r'["\\<>\n\r]', " ", text)


def uploader_texts(types: list[str], lang: str) -> dict[str, str]:
    """The uploader's button, limits line and drop hint in ``lang``, for ``types`` (file
    endings, without dots) and the server's upload limit [MB]."""
    index = 0 if lang == "zh" else 1
    listed = (ZH_LIST_SEPARATOR if lang == "zh" else ", ").join(t.upper() for t in types)
    return {name: texts[index].format(mb=max_upload_mb(), types=listed)
            for name, texts in UPLOADER_TEXT.items()}


def uploader_style(key: str, types: list[str], lang: str) -> str:
    """The ``<style>`` that writes the uploader ``key``'s texts in ``lang``."""
    if not re.fullmatch(r"[A-Za-z0-9_-]+", key):
        raise ValueError(f"uploader key {key!r}: letters, digits, _ and - only")
    texts = {name: _css_text(text) for name, text in uploader_texts(types, lang).items()}
    return _STYLE.format(zone=_DROPZONE.format(key=key), **texts)


def uploader(label: str, types: list[str], key: str, lang: str, help: str | None = None):
    """``st.file_uploader`` for one file of ``types`` with its texts in ``lang``.

    Parameters
    ----------
    label : str
        The label above the uploader, already in ``lang``.
    types : list of str
        Accepted file endings without dots (``["xlsx", "xls", "csv"]``).
    key : str
        Widget key (letters, digits, ``_``, ``-``): it scopes the style to this uploader.
    lang : str
        ``"zh"`` or ``"en"``.
    help : str, optional
        Tooltip, in ``lang``.

    Returns
    -------
    UploadedFile or None
        Streamlit's uploaded file, exactly as ``st.file_uploader`` returns it.
    """
    st.html(uploader_style(key, types, lang))
    return st.file_uploader(label, type=types, key=key, help=help)


def table(frame, declared, lang: str, **options) -> None:
    """``st.dataframe`` of ``frame`` through its output declaration (:func:`labelled`):
    headers with units in ``lang``, numbers formatted, missing values as ``–``; a table
    with no rows says so in words."""
    shown = labelled(frame, declared, lang)
    if shown.empty:
        st.caption(t("no_rows", lang))
        return
    st.dataframe(shown, hide_index=True, **options)


def issues_table(issues, lang: str, where=None) -> None:
    """Problems found in an uploaded sheet (:class:`sheets.report.Issue`), located; ``where``
    (e.g. :meth:`sheets.report.ValidationReport.where`) names a cell with its sheet."""
    rows = [{"severity": t(f"sev_{i.severity}", lang),
             "cell": ((where(i) if where else i.cell) if i.cell else (i.row or "")),
             "value": i.value, "message": i.message_zh if lang == "zh" else i.message_en}
            for i in issues]
    table(pd.DataFrame(rows, columns=["severity", "cell", "value", "message"]), ISSUES, lang)


def _school_names(store) -> dict[str, str]:
    schools = store.current_schools()
    return dict(zip(schools["school_code"], schools["school_name"]))


def audit_view(store, lang: str, limit: int = 500, key: str = "audit") -> None:
    """The audit trail as sentences, filterable by school, person and action; the raw
    entries of what is shown one click away (an expander)."""
    readable = readable_log(audit_log(store, limit=limit), lang, _school_names(store))
    if readable.empty:
        st.caption(t("no_rows", lang))
        return
    everyone = t("all", lang)
    left, middle, right = st.columns(3)
    schools = sorted({code for codes in readable["schools"] for code in codes})
    school = left.selectbox(t("audit_school", lang), [everyone, *schools], key=f"{key}_school")
    actor = middle.selectbox(t("audit_actor", lang), [everyone, *sorted(set(readable["actor"]))],
                             key=f"{key}_actor")
    action = right.selectbox(t("audit_action", lang),
                             [everyone, *sorted(set(readable["action"]))], key=f"{key}_action")
    shown = filter_log(readable, None if school == everyone else school,
                       None if actor == everyone else actor,
                       None if action == everyone else action)
    table(shown, AUDIT, lang)
    with st.expander(t("audit_raw", lang)):
        table(shown, AUDIT_DETAIL, lang)
