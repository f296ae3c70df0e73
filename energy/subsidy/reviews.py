"""Expert scores: the layouts committees write them in, and one documented aggregation rule.

Reading. Scores arrive as

* a long table: application, expert, criterion, score (the template; the expert may be
  written once above the table, ``评审专家：张伟``, or be the sheet's name);
* a matrix with the experts as columns (专家1 … 专家5, or their names), one row per
  application and criterion, or one row per application with the criterion in the title
  (``示范教育作用评分汇总``);
* a matrix with the criteria as columns (示范教育作用 | 技术方案 | 实施保障), one row per
  application and expert, or per application on a sheet of its own per expert;
* one expert's matrix with the criteria as rows and the applications as columns
  (评分指标 | PD-01 | XH-01), the expert written above it or the sheet's name; or one
  criterion's with the experts as rows (评审专家 | PD-01 | XH-01), the criterion in the title;
* a two-row header with each criterion over its experts (示范教育 over 专家1 | 专家2 | 专家3).

A criterion named by neither a column nor the title may be the sheet's name (技术方案).

Scores may be typed ``4.5``, ``4.5分`` or in full-width digits; criterion wording is matched
against the criteria like headers are (``示范教育作用`` → 示范教育). Computed columns (平均分,
合计) are listed, not read: the aggregation below recomputes them. :func:`read_score_sheets`
turns every layout into located records of the long table, so that the checks in
:mod:`energy.subsidy.intake` report every problem at its cell.

Aggregation rule: for each application and criterion, the scores (0–5) of all reviewers are
averaged; with ``trim_min_reviewers`` (default 4) or more reviewers, the single highest and
the single lowest score are dropped first (a trimmed mean), so that one generous or one
harsh expert cannot move the result alone. The spread (highest − lowest) and the standard
deviation are kept so that the committee sees where experts disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from energy.subsidy.messages import MESSAGES, REVIEW_NOUN
from energy.subsidy.schema import REVIEW
from sheets import headers as hdr
from sheets import rows as rowkinds
from sheets import workbook
from sheets.cells import clean_text, column_letter, is_blank, is_placeholder, to_halfwidth
from sheets.reader import (
    Grid,
    Located,
    ParsedSheet,
    Record,
    UnreadableFile,
    find_header,
    parse_grid,
    read_csv_grid,
    read_excel_grids,
)
from sheets.report import INFO, WARNING, Issue
from sheets.safety import DEFAULT_LIMITS, Limits, RefusedFile, prescan
from sheets.spec import normalise_key

AGGREGATE_COLUMNS = ["application_id", "criterion", "n_reviewers", "score", "mean", "min",
                     "max", "spread", "std", "trimmed"]


def _aggregate_one(scores: np.ndarray, trim_min: int) -> dict:
    ordered = np.sort(scores)
    trimmed = len(ordered) >= trim_min
    kept = ordered[1:-1] if trimmed else ordered
    return {"n_reviewers": len(ordered), "score": float(kept.mean()),
            "mean": float(ordered.mean()), "min": float(ordered[0]),
            "max": float(ordered[-1]), "spread": float(ordered[-1] - ordered[0]),
            "std": float(ordered.std(ddof=0)), "trimmed": trimmed}


def aggregate_reviews(reviews: pd.DataFrame, trim_min_reviewers: int = 4) -> pd.DataFrame:
    """One row per application and criterion with the aggregated score and the spread.

    Parameters
    ----------
    reviews
        Clean score rows (``application_id, reviewer_id, criterion, score``).
    trim_min_reviewers
        From this many reviewers on, the highest and lowest score are dropped.

    Returns
    -------
    DataFrame
        :data:`AGGREGATE_COLUMNS`; ``score`` is the aggregate [0–5 points], ``spread`` the
        highest minus the lowest score [points].
    """
    rows = []
    if len(reviews):
        for (app_id, criterion), group in reviews.groupby(
                ["application_id", "criterion"], sort=True):
            stats = _aggregate_one(group["score"].to_numpy(float), trim_min_reviewers)
            rows.append({"application_id": app_id, "criterion": criterion, **stats})
    return pd.DataFrame(rows, columns=AGGREGATE_COLUMNS)


def expert_scores(aggregated: pd.DataFrame, criteria: tuple[str, ...]) -> pd.Series:
    """Mean aggregated score over ``criteria`` per application [0–5 points]."""
    used = aggregated[aggregated["criterion"].isin(criteria)]
    return used.groupby("application_id")["score"].mean()


# --- reading the layouts -------------------------------------------------------------------

LONG, EXPERT_COLUMNS, CRITERION_COLUMNS = "long", "experts_as_columns", "criteria_as_columns"
CRITERION_ROWS, EXPERT_ROWS = "criteria_as_rows", "experts_as_rows"
CRITERIA_OVER_EXPERTS = "criteria_over_experts"
LAYOUT_WORDS = {LONG: ("长表（每行一个评分）", "a long table (one score per row)"),
                EXPERT_COLUMNS: ("专家为列的矩阵", "a matrix with the experts as columns"),
                CRITERION_COLUMNS: ("评分项为列的矩阵", "a matrix with the criteria as columns"),
                CRITERION_ROWS: ("评分项为行、项目为列的矩阵",
                                 "a matrix with the criteria as rows and the applications as columns"),
                EXPERT_ROWS: ("专家为行、项目为列的矩阵",
                              "a matrix with the experts as rows and the applications as columns"),
                CRITERIA_OVER_EXPERTS: ("两行表头（评分项下分专家）的矩阵",
                                        "a matrix with each criterion over its experts' columns")}

_EXPERT_HEADER = re.compile(
    r"^(?:专家|评委|评审专家|评审人|评审|expert|reviewer|judge)\s*[(（]?\s*"
    r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2}|[a-z])\s*[)）]?\s*(?:号)?\s*(?:评分|打分|得分)?"
    r"\s*(?:[(（][^)）]{1,12}[)）])?$",
    re.IGNORECASE)
DERIVED_WORDS = ("平均", "均分", "合计", "总分", "总计", "小计", "最高", "最低", "加权", "排名",
                 "名次", "去掉", "average", "mean", "total", "sum", "rank")
# A column or row naming the scale or the layout, not an expert's or a project's scores:
# 满分 | 权重 (40%) | 分值 | 序号 (1, 2, 3 look like scores).
SCALE_WORDS = frozenset({"满分", "满分值", "分值", "标准分", "权重", "比重", "权数", "weight",
                         "fullmarks", "maxscore", "max"}) | hdr.ROW_NUMBER_HEADERS
# 4.5, 4.5分, 4.5/5 (out of the scale's 5; 4/10 is left for the checks to refuse).
_SCORE_TAIL = re.compile(r"^\s*([+-]?\d+(?:\.\d*)?)\s*分?\s*(?:/\s*5(?:\.0)?\s*分?)?\s*$")
_SCORE_WORDS = re.compile(r"(?:得分|评分|打分|分值|分数|[(（]?满分\s*\d+\s*分?[)）]?|分)$")
_GENERIC_SHEET = re.compile(r"^(?:sheet\d*|工作表\d*|表\d*|评分表?|专家评分表?|打分表|"
                            r"scores?|reviews?)$", re.IGNORECASE)
_APP_ID = re.compile(r"^[A-Za-z]{0,6}[-_]?\d{1,4}(?:[-_][A-Za-z]{0,2}\d{1,4})*$")
_HALF_POINT = re.compile(r"^\s*(\d)\s*分\s*半\s*$")  # 4分半: four and a half points
REVIEW_HEADER_ROWS = 40
WITHHELD_WORDS = frozenset({"回避", "缺席", "弃权", "未评", "未评分", "不评", "请假", "未参加"})
ABOVE = -1  # the application is written above the header or is the sheet's name
_FOOTER_TEXT = re.compile(r"[:：]\s*$|签字|签名|^\s*(?:日期|评审日期|填表日期)\s*[:：]|组长")


def score_value(value: object) -> object:
    """A score as typed (``4.5分``, ``４.５``, ``4.5/5``, ``4分半``) made readable by the
    number parser."""
    if isinstance(value, str):
        text = to_halfwidth(value)
        match = _SCORE_TAIL.match(text)
        if match:
            return match[1]
        half = _HALF_POINT.match(text)
        if half:
            return f"{half[1]}.5"
    return value


def criterion_of(text: object) -> tuple[str, float] | None:
    """The criterion a header or cell's wording names (``示范教育作用（满分5分）`` → 示范教育),
    with its score: 1.0 for a written synonym, less for a near wording."""
    if not isinstance(text, str) or not text.strip():
        return None
    header = hdr.parse_header(text)
    words = [clean_text(text) or ""] + list(header.keys if header else ())
    words += [_SCORE_WORDS.sub("", w) for w in list(words)]
    for word in words:
        value = REVIEW.choice_value("criterion", word) if word else None
        if value is not None:
            return value, 1.0
    best = (0.0, "")
    for choice in REVIEW.by_name["criterion"].choices:
        for synonym in (choice.value, *choice.synonyms):
            key = normalise_key(synonym)
            if len(key) < 2:
                continue
            score = max(hdr.key_score(normalise_key(w), key) for w in words if w)
            best = max(best, (score, choice.value))
    return (best[1], best[0]) if best[0] >= hdr.CONFIDENT_SCORE else None


@dataclass
class _Columns:
    """What each header cell of a score sheet is."""

    app: int | None = None
    reviewer: int | None = None
    criterion: int | None = None
    score: int | None = None
    comment: int | None = None
    criteria: dict[int, tuple[str, float]] = field(default_factory=dict)  # column → criterion
    experts: dict[int, str] = field(default_factory=dict)  # column → expert as written
    apps: dict[int, str] = field(default_factory=dict)  # column → application (criteria as rows)
    pairs: dict[int, tuple[str, str, int]] = field(default_factory=dict)  # → criterion, expert, parent
    derived: list[int] = field(default_factory=list)
    other: list[int] = field(default_factory=list)
    texts: dict[int, str] = field(default_factory=dict)
    app_above: Located | None = None  # 项目编号：PD-01 above the header (one sheet per app)

    @property
    def layout(self) -> str | None:
        if self.pairs and self.app is not None:
            return CRITERIA_OVER_EXPERTS
        if self.app is None:
            if not self.apps:
                return None
            return CRITERION_ROWS if self.criterion is not None else (
                EXPERT_ROWS if self.reviewer is not None else None)
        if len(self.criteria) >= 1 and (len(self.criteria) >= 2 or self.score is None):
            return CRITERION_COLUMNS
        if len(self.experts) >= 2 or self.experts and self.score is None:
            return EXPERT_COLUMNS
        return LONG if self.score is not None else None


def _field_of(text: str, names: tuple[str, ...]) -> str | None:
    hit = hdr.best_field(text, REVIEW, tuple(REVIEW.by_name[n] for n in names))
    return hit[0] if hit else None


def _classify(row: list) -> _Columns:
    cols = _Columns()
    for j, value in enumerate(row):
        label = clean_text(value, fold=False) if isinstance(value, str) else None
        if not label:
            if not is_blank(value):
                cols.other.append(j)
            continue
        cols.texts[j] = label
        key = normalise_key(label)
        if any(w in key for w in DERIVED_WORDS) or key in SCALE_WORDS:
            cols.derived.append(j)
        elif _EXPERT_HEADER.match(to_halfwidth(label).strip()):
            cols.experts[j] = label
        elif (found := criterion_of(label)) is not None and _field_of(
                label, ("application_id", "reviewer_id", "comment")) is None:
            cols.criteria[j] = found
        else:
            _assign_field(cols, j, label)
    return cols


def _assign_field(cols: _Columns, j: int, label: str) -> None:
    name = _field_of(label, ("application_id", "reviewer_id", "criterion", "score", "comment"))
    slot = {"application_id": "app", "reviewer_id": "reviewer", "criterion": "criterion",
            "score": "score", "comment": "comment"}.get(name or "")
    if slot and getattr(cols, slot) is None:
        setattr(cols, slot, j)
    else:
        cols.other.append(j)


def _numeric_score(value: object) -> bool:
    value = score_value(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False
    return 0 <= number <= 10


def _signature_row(row: list) -> bool:
    """专家签字 | | 张伟 | 李红 under the scores: the experts signing, not scores."""
    return any(isinstance(v, str) and _FOOTER_TEXT.search(v) for v in row)


def _named_experts(grid: Grid, top: int, cols: _Columns) -> None:
    """Columns headed by a person's name whose values are scores: experts (no criterion
    columns and no score column, but a criterion known from a column)."""
    if cols.criteria or cols.score is not None or cols.app is None:
        return
    for j in list(cols.other):
        if j not in cols.texts:
            continue
        values = [grid.value(i, j) for i in range(top + 1, min(len(grid.rows), top + 40))
                  if not _signature_row(grid.rows[i])]
        filled = [v for v in values if not is_blank(v)]
        if filled and all(_numeric_score(v) for v in filled) and len(cols.texts[j]) <= 8:
            cols.experts[j] = cols.texts[j]
            cols.other.remove(j)


def _apps_across(grid: Grid, top: int, cols: _Columns) -> None:
    """Columns headed by application IDs (PD-01 | XH-01) beside a criterion or an expert
    column, their values scores: one expert's (or one criterion's) matrix."""
    if cols.app is not None or cols.criteria or cols.experts:
        return
    criterion = cols.criterion if cols.criterion is not None else _criteria_down(grid, top, cols)
    if criterion is None and cols.reviewer is None:
        return
    for j in cols.other:
        label = to_halfwidth(cols.texts.get(j, "")).strip()
        if j == criterion or not _APP_ID.match(label) or not any(ch.isdigit() for ch in label):
            continue
        values = [grid.value(i, j) for i in range(top + 1, min(len(grid.rows), top + 40))]
        filled = [v for v in values if not is_blank(v) and not is_withheld(v)]
        if filled and sum(_numeric_score(v) for v in filled) >= len(filled) / 2:
            cols.apps[j] = cols.texts[j]
    if cols.apps and criterion is not None:
        cols.criterion = criterion
        cols.other = [j for j in cols.other if j not in cols.apps and j != criterion]
    elif cols.apps:
        cols.other = [j for j in cols.other if j not in cols.apps]


def _criteria_down(grid: Grid, top: int, cols: _Columns) -> int | None:
    """The first column whose cells below the header mostly name criteria."""
    for j in sorted(cols.other):
        values = [grid.value(i, j) for i in range(top + 1, min(len(grid.rows), top + 20))]
        filled = [v for v in values if isinstance(v, str) and v.strip()]
        if filled and sum(criterion_of(v) is not None for v in filled) >= len(filled) / 2:
            return j
    return None


def _experts_under(grid: Grid, top: int, cols: _Columns) -> None:
    """Criteria as parents over 专家1 | 专家2 | 专家3 on the row below: each child column is one
    expert's score on the criterion to its left."""
    if not cols.criteria or cols.reviewer is not None or top + 1 >= len(grid.rows):
        return
    below = _classify(grid.rows[top + 1])
    if len(below.experts) < 2:
        return
    for j, expert in below.experts.items():
        parent = max((c for c in cols.criteria if c <= j), default=None)
        if parent is not None:
            cols.pairs[j] = (cols.criteria[parent][0], expert, parent)
    if cols.pairs:
        cols.criteria = {}


def _header_row(grid: Grid, i: int) -> list:
    """Row ``i`` as a header: a blank cell under a vertical merge from the row above
    (项目编号 merged over a parent row 专家评分 and its children 专家1 …) takes its text."""
    row = list(grid.rows[i])
    for (r0, c0), (r1, _) in grid.merges:
        if r0 < i <= r1 and c0 < len(row) and is_blank(row[c0]):
            row[c0] = grid.value(r0, c0)
    return row


def _find_score_header(grid: Grid) -> tuple[int, _Columns] | None:
    for i in range(min(len(grid.rows), REVIEW_HEADER_ROWS)):
        row = _header_row(grid, i)
        if sum(1 for v in row if isinstance(v, str) and v.strip()) < 2:
            continue
        cols = _classify(row)
        _apps_across(grid, i, cols)
        _experts_under(grid, i, cols)
        if cols.app is None and not cols.apps and (
                cols.criteria or cols.experts or cols.criterion is not None):
            cols.app_above = _block_value(grid, i, "application_id") or (
                Located(grid.sheet, grid.address(0, 0), grid.first_row)
                if _sheet_names_app(grid) else None)
            cols.app = ABOVE if cols.app_above else None
        _named_experts(grid, i, cols)
        if cols.layout is not None:
            return i, cols
    return None


def _title_criterion(grid: Grid, top: int) -> tuple[str, Located] | None:
    for i in range(top):
        for j, value in enumerate(grid.rows[i]):
            if isinstance(value, str) and len(value) <= 60:
                key = normalise_key(value)
                for choice in REVIEW.by_name["criterion"].choices:
                    words = (choice.value, *choice.synonyms)
                    if any(len(normalise_key(w)) >= 4 and normalise_key(w) in key for w in words):
                        return choice.value, Located(choice.value, grid.address(i, j),
                                                     grid.first_row + i)
    return None


def _sheet_criterion(grid: Grid) -> tuple[str, Located] | None:
    """A sheet named after its criterion (技术方案, 示范教育作用)."""
    found = criterion_of(grid.sheet)
    if found is None or found[1] < 1.0:
        return None
    return found[0], Located(found[0], grid.address(0, 0), grid.first_row)


def _sheet_names_app(grid: Grid) -> bool:
    """A sheet named like an application ID (PD-01, 2026-003): one sheet per application."""
    name = (grid.sheet or "").strip()
    return bool(re.fullmatch(r"[A-Za-z]{0,4}[-_]?\d{1,4}(?:[-_]\d{1,4})*", name)) and any(
        ch.isdigit() for ch in name) and not _GENERIC_SHEET.match(normalise_key(name))


def _block_reviewer(grid: Grid, top: int) -> Located | None:
    """``评审专家：张伟`` (or a label and the cell after it) above the header."""
    return _block_value(grid, top, "reviewer_id")


def _block_value(grid: Grid, top: int, name: str) -> Located | None:
    """A field written once above the header: ``项目编号：PD-01`` or a label and the cell
    after it."""
    for i in range(top):
        row = grid.rows[i]
        for j, value in enumerate(row):
            if not isinstance(value, str):
                continue
            parts = re.split(r"[:：]", value, maxsplit=1)
            if len(parts[0]) > 20 or _field_of(parts[0], (name,)) is None:
                continue
            if len(parts) == 2 and parts[1].strip():
                given = parts[1].strip()
                if name == "application_id":  # 项目编号：JA-2027-11  评分表: the ID, not the words after
                    given = next((w for w in given.split() if _APP_ID.match(w)), given)
                return Located(given, grid.address(i, j), grid.first_row + i)
            for k in range(j + 1, len(row)):
                if not is_blank(row[k]):
                    return Located(row[k], grid.address(i, k), grid.first_row + i)
    return None


def _sheet_reviewer(grid: Grid) -> Located | None:
    """The expert a sheet is named after; a date or number after the name (张伟-0312,
    李娜 3.12) is the day of the review, not part of the name."""
    name = _DATED_NAME.sub("", (grid.sheet or "").strip())
    if not name or _GENERIC_SHEET.match(normalise_key(name)):
        return None
    return Located(person_name(name), grid.address(0, 0), grid.first_row)


_DATED_NAME = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z])\s*[-_（(\s]\s*\d[\d.\-/月日]*[)）]?$")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[\s\u3000]+(?=[\u4e00-\u9fff])")


def person_name(text: str) -> str:
    """A name as compared: spaces padding a two-character name (张  伟) removed."""
    return _CJK_GAP.sub("", text.strip())


@dataclass
class ScoreSheet:
    """One sheet of scores read into the long table's located records."""

    parsed: ParsedSheet
    layout: str | None = None
    reviewer: Located | None = None  # written once for the whole sheet
    criterion: Located | None = None  # named in the title


def _mapping(grid: Grid, top: int, cols: _Columns, used: dict[int, str]) -> list:
    matches = []
    for j, label in cols.texts.items():
        name = used.get(j)
        level = hdr.CONFIDENT if name else hdr.UNMATCHED
        matches.append(hdr.HeaderMatch(j, grid.address(top, j), label, name, 1.0 if name else 0.0,
                                       level))
    return matches


def _list_column(sheet: ScoreSheet, grid: Grid, top: int, j: int, code: str) -> None:
    header = clean_text(grid.value(top, j), fold=False) or column_letter(grid.first_col + j)
    if code == "review_column_derived" and normalise_key(header) in SCALE_WORDS:
        code = "review_column_scale"  # 满分, 权重, 序号: no computed scores either
    zh, en = MESSAGES[code]
    fill = dict(header=header, noun=REVIEW_NOUN[0], noun_en=REVIEW_NOUN[1])
    sheet.parsed.issues.append(Issue(WARNING, code, zh.format(**fill),
                                     en.format(**fill), cell=grid.address(top, j),
                                     row=grid.first_row + top, value=header, sheet=grid.sheet))


def _matrix_sheet(grid: Grid, top: int, cols: _Columns, parsed: ParsedSheet) -> ScoreSheet:
    sheet = ScoreSheet(parsed, cols.layout, _block_reviewer(grid, top))
    if sheet.reviewer is None and cols.reviewer is None and cols.layout != EXPERT_COLUMNS:
        sheet.reviewer = _sheet_reviewer(grid)
    if cols.criterion is None and cols.layout != CRITERION_COLUMNS:
        found = _title_criterion(grid, top) or _sheet_criterion(grid)
        sheet.criterion = found[1] if found else None
    used = {} if cols.app == ABOVE else {cols.app: "application_id"}
    for j, name in ((cols.reviewer, "reviewer_id"), (cols.criterion, "criterion"),
                    (cols.comment, "comment")):
        if j is not None:
            used[j] = name
    used.update({j: "score" for j in cols.criteria})
    used.update({j: "score" for j in cols.experts})
    if cols.layout == CRITERION_COLUMNS and cols.score is not None:
        cols.other.append(cols.score)
    parsed.grid, parsed.sheet = grid, grid.sheet
    parsed.header_row = grid.first_row + top
    parsed.header_rows = (grid.first_row + top,)
    parsed.columns = {"application_id": cols.app_above.cell if cols.app == ABOVE
                      else grid.address(top, cols.app)}
    score_cols = list(cols.criteria if cols.layout == CRITERION_COLUMNS else cols.experts)
    given = "criterion" if cols.layout == CRITERION_COLUMNS else "reviewer_id"
    parsed.columns["score"] = parsed.columns[given] = grid.address(top, score_cols[0])
    for j, name in ((cols.reviewer, "reviewer_id"), (cols.criterion, "criterion"),
                    (cols.comment, "comment")):
        if j is not None:
            parsed.columns[name] = grid.address(top, j)
    parsed.mapping = _mapping(grid, top, cols, used)
    for j in cols.derived:
        _list_column(sheet, grid, top, j, "review_column_derived")
    for j in cols.other:
        _list_column(sheet, grid, top, j, "ignored_column")
    for j, (value, score) in cols.criteria.items():
        if score < 1.0:
            _criterion_uncertain(parsed, grid, top, j, cols.texts[j], value)
    _matrix_records(grid, top, cols, sheet)
    _say_layout(parsed, grid, top, cols.layout)
    return sheet


def _pairs_sheet(grid: Grid, top: int, cols: _Columns, parsed: ParsedSheet) -> ScoreSheet:
    """A two-row header: each criterion over its experts' columns, a row per application."""
    sheet = ScoreSheet(parsed, CRITERIA_OVER_EXPERTS)
    parsed.grid, parsed.sheet = grid, grid.sheet
    parsed.header_row = grid.first_row + top + 1
    parsed.header_rows = (grid.first_row + top, grid.first_row + top + 1)
    first = min(cols.pairs)
    parsed.columns = {"application_id": grid.address(top, cols.app),
                      "criterion": grid.address(top, cols.pairs[first][2]),
                      "reviewer_id": grid.address(top + 1, first),
                      "score": grid.address(top + 1, first)}
    parsed.mapping = [hdr.HeaderMatch(cols.app, grid.address(top, cols.app), cols.texts[cols.app],
                                      "application_id", 1.0, hdr.CONFIDENT)] + [
        hdr.HeaderMatch(j, grid.address(top + 1, j), expert, "score", 1.0, hdr.CONFIDENT)
        for j, (_, expert, _) in cols.pairs.items()]
    for j in cols.derived:
        _list_column(sheet, grid, top, j, "review_column_derived")
    for j in cols.other:
        _list_column(sheet, grid, top, j, "ignored_column")
    for i in range(top + 2, len(grid.rows)):
        if all(is_blank(v) for v in grid.rows[i]):
            continue
        kind = _row_kind(grid, i, cols)
        if kind is not None:
            _skip_row(parsed, grid, i, kind)
            continue
        added = 0
        for j, (criterion, expert, parent) in cols.pairs.items():
            score = _cells(grid, i, j)
            if score is None or is_withheld(score.value):
                _blank_score(parsed, grid, i, j, cols, score)
                continue
            values = {"application_id": _app_at(grid, i, cols),
                      "criterion": Located(criterion, grid.address(top, parent),
                                           grid.first_row + top),
                      "reviewer_id": Located(expert, grid.address(top + 1, j),
                                             grid.first_row + top + 1),
                      "score": Located(score_value(score.value), score.cell, score.row)}
            parsed.records.append(Record(grid.first_row + i, values))
            added += 1
        if not added:
            parsed.skipped_rows.append((grid.first_row + i, "no_scores"))
    _say_layout(parsed, grid, top, CRITERIA_OVER_EXPERTS)
    return sheet


def _criterion_uncertain(parsed: ParsedSheet, grid: Grid, i: int, j: int, text: str,
                         value: str) -> None:
    choice = next(c for c in REVIEW.by_name["criterion"].choices if c.value == value)
    zh, en = MESSAGES["criterion_uncertain"]
    fill = dict(header=text, label=value, label_en=choice.label_en)
    parsed.issues.append(Issue(WARNING, "criterion_uncertain", zh.format(**fill),
                               en.format(**fill), cell=grid.address(i, j),
                               row=grid.first_row + i, sheet=grid.sheet))


def _say_layout(parsed: ParsedSheet, grid: Grid, top: int, layout: str) -> None:
    zh, en = MESSAGES["review_layout"]
    words = LAYOUT_WORDS[layout]
    fill = dict(layout=words[0], layout_en=words[1], n=len(parsed.records))
    parsed.issues.append(Issue(INFO, "review_layout", zh.format(**fill), en.format(**fill),
                               cell=grid.address(top, 0), row=grid.first_row + top,
                               sheet=grid.sheet))


def _rows_sheet(grid: Grid, top: int, cols: _Columns, parsed: ParsedSheet) -> ScoreSheet:
    """One expert's matrix (a criterion per row) or one criterion's (an expert per row),
    an application per column."""
    key, name = ((cols.criterion, "criterion") if cols.layout == CRITERION_ROWS
                 else (cols.reviewer, "reviewer_id"))
    sheet = ScoreSheet(parsed, cols.layout)
    if name == "criterion":
        sheet.reviewer = _block_reviewer(grid, top) or _sheet_reviewer(grid)
    else:
        found = _title_criterion(grid, top) or _sheet_criterion(grid)
        sheet.criterion = found[1] if found else None
    parsed.grid, parsed.sheet = grid, grid.sheet
    parsed.header_row = grid.first_row + top
    parsed.header_rows = (grid.first_row + top,)
    first = grid.address(top, min(cols.apps))
    parsed.columns = {"application_id": first, "score": first, name: grid.address(top, key)}
    parsed.mapping = _mapping(grid, top, cols, {key: name, **{j: "score" for j in cols.apps}})
    for j in cols.derived:
        _list_column(sheet, grid, top, j, "review_column_derived")
    for j in cols.other:
        _list_column(sheet, grid, top, j, "ignored_column")
    for i in range(top + 1, len(grid.rows)):
        if not all(is_blank(v) for v in grid.rows[i]):
            _key_row(grid, top, i, (key, name), cols, parsed)
    _say_layout(parsed, grid, top, cols.layout)
    return sheet


def _key_row(grid: Grid, top: int, i: int, key: tuple[int, str], cols: _Columns,
             parsed: ParsedSheet) -> None:
    """The scores of one row of a matrix whose columns are applications."""
    row, label = grid.rows[i], _cells(grid, i, key[0])
    text = clean_text(label.value, fold=False) if label is not None else None
    if rowkinds.is_footer(row) or any(isinstance(v, str) and _FOOTER_TEXT.search(v) for v in row):
        return _skip_row(parsed, grid, i, rowkinds.FOOTER)
    if text and any(w in normalise_key(text) for w in DERIVED_WORDS):
        return _skip_row(parsed, grid, i, rowkinds.TOTAL)
    found = criterion_of(text) if key[1] == "criterion" else None
    if found is not None and found[1] < 1.0:
        _criterion_uncertain(parsed, grid, i, key[0], text, found[0])
    keyed = None if label is None else Located(found[0] if found else label.value,
                                               label.cell, label.row)
    added = 0
    for j, app in cols.apps.items():
        score = _cells(grid, i, j)
        if score is None or is_withheld(score.value):
            _blank_score(parsed, grid, i, j, cols, score, who=text or "")
            continue
        values = {"application_id": Located(app, grid.address(top, j), grid.first_row + top),
                  "score": Located(score_value(score.value), score.cell, score.row)}
        if keyed is not None:
            values[key[1]] = keyed
        parsed.records.append(Record(grid.first_row + i, values))
        added += 1
    if not added:
        parsed.skipped_rows.append((grid.first_row + i, "no_scores"))


def _cells(grid: Grid, i: int, j: int | None) -> Located | None:
    """The located value at (i, j); a cell inside a vertical merge gives the merge's value."""
    if j is None:
        return None
    value = grid.value(i, j)
    if is_blank(value):
        top = next((r0 for (r0, c0), (r1, c1) in grid.merges
                    if c0 <= j <= c1 and r0 < i <= r1), None)
        if top is None or is_blank(grid.value(top, j)):
            return None
        return Located(grid.value(top, j), grid.address(top, j), grid.first_row + i)
    return Located(value, grid.address(i, j), grid.first_row + i)


def _app_at(grid: Grid, i: int, cols: _Columns) -> Located | None:
    """The application a data row scores: its own cell, or the one above the header."""
    if cols.app == ABOVE:
        return cols.app_above
    return _cells(grid, i, cols.app)


def _skip_row(parsed: ParsedSheet, grid: Grid, i: int, kind: str) -> None:
    number = grid.first_row + i
    parsed.skipped_rows.append((number, kind))
    code = "total_row_skipped" if kind == rowkinds.TOTAL else f"row_skipped_{kind}"
    texts = [clean_text(v, fold=False) for v in grid.rows[i] if not is_blank(v)]
    zh, en = REVIEW.text(code, row=number, text=" ".join(t for t in texts[:3] if t)[:40])
    parsed.issues.append(Issue(WARNING, code, zh, en, cell=grid.address(i, 0), row=number,
                               sheet=grid.sheet))


def _scale_label(text: str) -> bool:
    """满分, 权重（%）, 分值: a row label naming the scale, not a project."""
    key = re.sub(r"[(（][^)）]*[)）]", "", normalise_key(text)).rstrip(":：")
    return key in SCALE_WORDS


def _row_kind(grid: Grid, i: int, cols: _Columns) -> str | None:
    row = grid.rows[i]
    if cols.app == ABOVE:
        label = grid.value(i, cols.criterion) if cols.criterion is not None else None
        derived = isinstance(label, str) and any(w in normalise_key(label) for w in DERIVED_WORDS)
        return rowkinds.TOTAL if derived else None
    app = _app_at(grid, i, cols)
    app = None if app is None else app.value
    if rowkinds.is_footer(row) or any(isinstance(v, str) and _FOOTER_TEXT.search(v)
                                      for v in row):
        return rowkinds.FOOTER
    if isinstance(app, str) and any(w in normalise_key(app) for w in DERIVED_WORDS):
        return rowkinds.TOTAL
    if isinstance(app, str) and _scale_label(app):
        return rowkinds.HEADER_NOTE  # 满分 | 5 | 5 or 权重 | 40% under the header
    if rowkinds.is_example(app, "【示例】"):
        return rowkinds.EXAMPLE
    if is_blank(app):
        return rowkinds.SECTION if sum(not is_blank(v) for v in row) <= 2 else None
    return None


def _matrix_records(grid: Grid, top: int, cols: _Columns, sheet: ScoreSheet) -> None:
    parsed = sheet.parsed
    score_cols = cols.criteria if cols.layout == CRITERION_COLUMNS else cols.experts
    for i in range(top + 1, len(grid.rows)):
        row = grid.rows[i]
        if all(is_blank(v) for v in row):
            continue
        kind = _row_kind(grid, i, cols)
        if kind is not None:
            _skip_row(parsed, grid, i, kind)
            continue
        base = {"application_id": _app_at(grid, i, cols)}
        for j, name in ((cols.reviewer, "reviewer_id"), (cols.criterion, "criterion"),
                        (cols.comment, "comment")):
            if (located := _cells(grid, i, j)) is not None:
                base[name] = located
        added = 0
        for j in score_cols:
            values = {k: v for k, v in base.items() if v is not None}
            if cols.layout == CRITERION_COLUMNS:
                values["criterion"] = Located(cols.criteria[j][0], grid.address(top, j),
                                              grid.first_row + top)
            else:
                values["reviewer_id"] = Located(cols.experts[j], grid.address(top, j),
                                                grid.first_row + top)
            score = _cells(grid, i, j)
            if score is None or is_withheld(score.value):
                _blank_score(parsed, grid, i, j, cols, score)
                continue
            values["score"] = Located(score_value(score.value), score.cell, score.row)
            parsed.records.append(Record(grid.first_row + i, values))
            added += 1
        if not added:
            parsed.skipped_rows.append((grid.first_row + i, "no_scores"))


def is_withheld(value: object) -> bool:
    """An expert's "no score" entry: 回避 (conflict of interest), 缺席, 弃权, 未评, —."""
    if is_placeholder(value):
        return True
    if not isinstance(value, str):
        return False
    key = normalise_key(value)
    # 回避（同校）: the reason in brackets after the word
    return key in WITHHELD_WORDS or re.sub(r"[(（][^)）]*[)）]$", "", key) in WITHHELD_WORDS


def _blank_score(parsed: ParsedSheet, grid: Grid, i: int, j: int, cols: _Columns,
                 score: Located | None = None, who: object = None) -> None:
    """Say that cell (i, j) holds no score; ``who`` is the expert or criterion of a row
    whose columns are the applications."""
    code = "review_score_blank" if score is None else "review_score_withheld"
    zh, en = MESSAGES[code]
    app = _app_at(grid, i, cols) if who is None else Located(cols.apps[j], None, None)
    header = (cols.texts.get(j) or (cols.pairs[j][1] if j in cols.pairs else "")
              if who is None else clean_text(who, fold=False) or "")
    fill = dict(header=header, app=clean_text(app.value) if app else "",
                value=clean_text(score.value, fold=False) if score else "")
    parsed.issues.append(Issue(WARNING, code, zh.format(**fill),
                               en.format(**fill), cell=grid.address(i, j),
                               row=grid.first_row + i, sheet=grid.sheet))


def _long_sheet(grid: Grid, parsed: ParsedSheet) -> ScoreSheet | None:
    span = find_header(grid, REVIEW)
    if span is None:
        return None
    parse_grid(grid, span, parsed)
    sheet = ScoreSheet(parsed, LONG)
    if "reviewer_id" not in parsed.columns and "reviewer_id" not in parsed.school_block:
        sheet.reviewer = _sheet_reviewer(grid)
    if "criterion" not in parsed.columns:
        found = _title_criterion(grid, span.top) or _sheet_criterion(grid)
        sheet.criterion = found[1] if found else None
    for record in list(parsed.records):
        app = record.values.get("application_id")
        if app is not None and isinstance(app.value, str) and any(
                w in normalise_key(app.value) for w in DERIVED_WORDS):
            parsed.records.remove(record)  # 平均 / 平均分 rows: computed, not scores
            _skip_row(parsed, grid, record.row - grid.first_row, rowkinds.TOTAL)
            continue
        score = record.values.get("score")
        if score is not None and is_withheld(score.value):
            parsed.records.remove(record)
            _withheld_row(parsed, grid, record, score)
            continue
        if "score" in record.values:
            located = record.values["score"]
            record.values["score"] = Located(score_value(located.value), located.cell,
                                             located.row)
    return sheet


def _withheld_row(parsed: ParsedSheet, grid: Grid, record: Record, score: Located) -> None:
    parsed.skipped_rows.append((record.row, "withheld"))
    zh, en = MESSAGES["review_score_withheld"]
    who = record.values.get("reviewer_id")
    app = record.values.get("application_id")
    fill = dict(header=clean_text(who.value) if who else "", app=clean_text(app.value) if app
                else "", value=clean_text(score.value, fold=False))
    parsed.issues.append(Issue(WARNING, "review_score_withheld", zh.format(**fill),
                               en.format(**fill), cell=score.cell, row=record.row,
                               sheet=grid.sheet))


def read_score_grid(grid: Grid, file_name: str, kind: str) -> ScoreSheet | None:
    """Read one sheet of scores in any of the layouts; ``None`` when it holds none."""
    parsed = ParsedSheet(file_name=file_name, kind=kind, spec=REVIEW)
    found = _find_score_header(grid)
    if found is not None and found[1].layout == CRITERIA_OVER_EXPERTS:
        return _pairs_sheet(grid, found[0], found[1], parsed)
    if found is not None and found[1].layout in (CRITERION_ROWS, EXPERT_ROWS):
        return _rows_sheet(grid, found[0], found[1], parsed)
    if found is not None and found[1].layout != LONG:
        return _matrix_sheet(grid, found[0], found[1], parsed)
    return _long_sheet(grid, parsed)


@dataclass
class ScoreBook:
    """Every sheet of a score workbook read, and the sheets left (name, reason code)."""

    sheets: list[ScoreSheet]
    skipped: list[tuple[str | None, str]]
    issues: list[Issue]
    formulas_without_value: tuple[tuple[str, str], ...] = ()


def read_score_sheets(data: bytes, file_name: str, limits: Limits = DEFAULT_LIMITS
                      ) -> ScoreBook:
    """Read every sheet of expert scores in a file, in whatever layout it uses.

    Raises
    ------
    sheets.reader.UnreadableFile
        When the file is refused before parsing or cannot be parsed at all.
    """
    try:
        scan = prescan(data, file_name, limits)
    except RefusedFile as refused:
        raise UnreadableFile(refused.code, refused.message_zh, refused.message_en,
                             refused.cell) from refused
    grids = [read_csv_grid(data)] if scan.kind == "csv" else read_excel_grids(data)
    names = [g.sheet for g in grids if g.sheet]
    book = ScoreBook([], [], [Issue(WARNING, "file_warning", zh, en) for zh, en in scan.warnings],
                     scan.formulas_without_value)
    for grid in grids:
        reason = workbook.skip_reason(grid.sheet, grid.hidden, names)
        sheet = None if reason else read_score_grid(grid, file_name, scan.kind)
        if sheet is None:
            book.skipped.append((grid.sheet, reason or (
                workbook.EMPTY if not any(grid.rows) else workbook.NO_TABLE)))
        else:
            book.sheets.append(sheet)
    by_grid = {id(s.parsed.grid): s for s in book.sheets}
    for grid, reason in workbook.summaries_beside_details([s.parsed.grid for s in book.sheets]):
        book.skipped.append((grid.sheet, reason))
        book.sheets.remove(by_grid[id(grid)])
    return book
