"""Header cells matched onto declared fields by evidence, not by a list.

A header is read the way a person reads it: its words without units, brackets, line breaks,
required-field stars or numbering (:func:`parse_header`); a parent header spanning it in a
two-row header gives it context and a unit (:func:`header_cells`). Each header is scored
against every field of a :class:`~surveys.schema.TableSpec` (:func:`name_score`: the same
words, one containing the other, shared character bigrams and runs), the score is adjusted by
whether the unit and the column's values fit the field (:func:`value_fit`), and fields are
assigned one-to-one by total score (:func:`match_columns`, Hungarian method, :func:`assign`).

The outcome of every header is kept as a :class:`HeaderMatch`, so a mapping-confirmation
page can show it: ``exact`` and ``confident`` matches are read, ``uncertain`` ones are read
and reported for confirmation, ``suggested`` ones are not read but reported with the field
they resemble, ``unmatched`` ones are reported as ignored. Nothing here reads files or knows
the survey: a spec and cell values come in, matches go out.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial

import numpy as np

from sheets.cells import (
    NumberProblem,
    canonical_school_code,
    clean_text,
    is_blank,
    parse_date,
    parse_number,
    parse_year,
    to_halfwidth,
)
from sheets.loose import reads_as_year
from sheets.spec import COMPASS_DEG, UNIT_FACTORS, Column, TableSpec, normalise_key

EXACT, CONFIDENT, UNCERTAIN, SUGGESTED, UNMATCHED = (
    "exact", "confident", "uncertain", "suggested", "unmatched")
# A person's word on a header (a saved mapping profile): read as they said, or not read.
CONFIRMED, DECLINED = "confirmed", "declined"
HIDDEN = "hidden"  # a column the sheet hides: not read, listed
UNITS = "units"  # a 单位 column of unit words: the unit of the number column before it
APPLIED_LEVELS = (EXACT, CONFIDENT, UNCERTAIN, CONFIRMED)

CONFIDENT_SCORE = 0.75  # at or above (and unambiguous): read without asking
APPLY_SCORE = 0.5  # at or above: read, and reported for confirmation
SUGGEST_SCORE = 0.3  # at or above: not read, reported with the field it resembles
AMBIGUITY_MARGIN = 0.08  # a runner-up field this close makes a match uncertain
CONTAINMENT_BASE, CONTAINMENT_SPAN = 0.6, 0.35  # 楼栋名称 ⊃ 楼栋 → 0.6 + 0.35 × 2/4
SIMILARITY_WEIGHT = 0.9  # bigram or common-run similarity never reaches a containment
FIT_WEIGHT = 0.3  # values that all fit add 0.15, values that never fit take 0.15 off
UNIT_BONUS, UNIT_PENALTY = 0.05, 0.15  # a unit of the field's family / of another family
SAMPLE_ROWS = 40  # data rows looked at for value fit
MAX_EVIDENCE_SCORE = 0.99  # only the same words make an exact match
# A header whose own field went to another column is not pushed onto a much weaker field:
# it is reported as a duplicate instead.
DISPLACED_MARGIN = 0.3
EXACT_WEIGHT = 1.0  # added to an exact match's score for the one-to-one assignment
LABEL_WEIGHT = 0.5  # and to a field's own label, so it wins the field over an alias
# A header asking a yes/no question (是否已建光伏, 有无遮挡) does not hold a quantity.
QUESTION_PREFIX = re.compile(r"^(?:是否|有无|有没有|是不是)")
QUESTION_PENALTY = 0.3
# Words that turn a fact into a plan or an estimate (拟建光伏 is not 已建光伏): a header
# holding one that none of a field's names holds is not read as that field.
MODAL_WORDS = ("拟建", "拟装", "拟安装", "拟", "计划", "预计", "预估", "预测", "可安装", "可装",
               "可建", "可铺设", "潜在", "规划", "设计容量", "planned", "potential", "proposed",
               "estimated", "possible")

# A header naming what a thing was (原学校名称, 原用途 beside 现用途, 改造前屋面类型): the
# field is what it is now, so such a header resembles the field but is never read as it.
FORMER_PREFIX = re.compile(r"^(?:原来的?|原(?!址)|旧|曾用|改造前|变更前|更名前|上年度?|去年)")
# A header naming a year (已建光伏容量（2026年）): of two for one field the later one is read.
_HEADER_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
LATER_YEAR_WEIGHT = 0.001

# Words of a column answering or commenting on the sheet (学校回复, 审核意见, 反馈): a header
# holding one is not the field it names (学校回复 is no school name).
COMMENT_WORDS = ("回复", "意见", "反馈", "审核", "批注", "核实情况", "整改")

# 单位：万元 or 金额单位：万元 as a cell of the header row (after the last column): a unit
# statement for the table, never a column (sheets.notes applies it).
STANDALONE_NOTE = re.compile(r"^\s*[（(]?\s*(?:金额|资金|投资|货币|面积|电量|能耗|容量|计量|数量)?"
                             r"单位\s*[:：]")

# A column of row numbers (序号): listed for the record, never a field nor a warning.
ROW_NUMBER_HEADERS = frozenset({"序号", "序", "行号", "no", "no.", "#"})

# Words of a parent header that only say "about this group" (屋顶情况 → 屋顶).
GENERIC_PARENT_WORDS = ("基本情况", "基本信息", "情况", "信息", "概况", "现状", "数据", "状况")

_BRACKETS = re.compile(r"[（(\[【〔<《]([^）)\]】〕>》]*)[）)\]】〕>》]")
_NUMBERING = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[、.．)）]\s*(?=\D)")
_UNIT_STATED = re.compile(r"(?:本表|本列|统一|一律|均)\s*(?:按|以|用)\s*([^,，;；、\s]{1,6}?)\s*(?:填写|填报|计|为准)?$")
_STARS = re.compile(r"[*＊★☆※]")
_UNIT_PREFIX = re.compile(r"^(?:单位|unit)\s*[:：]?\s*", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff]+")
_ASCII_WORDS = re.compile(r"[A-Za-z][A-Za-z .'&]*[A-Za-z]")
_SPLIT = re.compile(r"[/／|｜\n]")
# Counts of things (panels, sets): a unit no declared quantity is measured in, so a header
# such as 已建光伏（块） is never read as a capacity in kW.
COUNT_UNITS = frozenset({"块", "片", "组", "套", "台", "个", "张", "pcs", "panels"})
_ALL_UNITS = frozenset(k for table in UNIT_FACTORS.values() for k in table) | COUNT_UNITS
# English unit words that are also header words (Floors, Year): units only in brackets.
_WORD_UNITS = frozenset(u for u in _ALL_UNITS
                        if u.isalpha() and u.isascii() and len(u) >= 4 and u[-2:] not in ("wh", "wp"))
# Unit words that may end a header without brackets: not one CJK character (年, 层, 度 end
# ordinary words such as 建成年 and would be cut wrongly).
_TRAILING_UNITS = tuple(sorted((u for u in _ALL_UNITS - _WORD_UNITS
                                if not (len(u) == 1 and _CJK.match(u))),
                               key=len, reverse=True))


@dataclass(frozen=True)
class HeaderText:
    """A header cell as a person reads it.

    ``keys`` are comparison keys (:func:`~surveys.schema.normalise_key`), the whole wording
    first, then its parts (each side of a ``/``, the Chinese and the English wording);
    ``units`` are the unit words written in brackets, after a slash or at the end.
    """

    raw: str
    keys: tuple[str, ...]
    units: tuple[str, ...]


@dataclass(frozen=True)
class HeaderCell:
    """One column's header, from one or two header rows (and a units row).

    ``cell`` is the address of the cell holding the column's own wording (the child of a
    two-row header); ``parent`` is the header spanning it, if any.
    """

    column: int  # zero-based index in the grid
    cell: str
    text: str  # wording as shown to people, e.g. "面积（㎡） › 建筑面积"
    child: str
    parent: str | None = None
    unit_row: str | None = None


@dataclass(frozen=True)
class HeaderMatch:
    """How one header cell was read: the field, the score and how sure the reader is.

    ``level`` is ``exact`` or ``confident`` (read), ``uncertain`` (read, to be confirmed),
    ``suggested`` (not read; ``suggestion`` names the field it resembles) or ``unmatched``
    (not read, resembles nothing). ``factor`` converts the column's values to the field's
    canonical unit (1e4 for ``(万㎡)``).
    """

    column: int
    cell: str
    header: str
    field: str | None
    score: float
    level: str
    suggestion: str | None = None
    factor: float = 1.0
    unit_understood: bool = True

    @property
    def applied(self) -> bool:
        """Whether the reader takes this column's values as ``field``."""
        return self.level in APPLIED_LEVELS


# --- wording -------------------------------------------------------------------------------

def unit_key(text: object) -> str:
    """A unit word as the unit tables spell it (``" 万㎡ "`` → ``万㎡``, ``KW`` → ``kw``)."""
    return str(text).strip().lower().replace(" ", "")


def _is_unit(text: str) -> bool:
    return unit_key(text) in _ALL_UNITS


_UNIT_HEADERS = frozenset({"单位", "计量单位", "面积单位", "unit", "units", "uom"})


def is_units_column(cell: HeaderCell, values: list) -> bool:
    """Whether a column headed 单位 (unit) holds unit words (㎡, 万㎡, kW) on its rows."""
    if normalise_key(cell.child) not in _UNIT_HEADERS or not values:
        return False
    return all(isinstance(v, str) and _is_unit(v) for v in values)


def _split_trailing_unit(text: str) -> tuple[str, str | None]:
    """``屋顶面积 万㎡`` → (``屋顶面积``, ``万㎡``); a header that is only a unit stays."""
    compact = text.rstrip()
    lowered = compact.lower()
    for unit in _TRAILING_UNITS:
        if lowered.endswith(unit) and len(compact) > len(unit):
            before = compact[-len(unit) - 1]
            if unit[0].isascii() and unit[0].isalpha() and before.isascii() and before.isalpha():
                continue  # "Roof Area" does not end in the unit "a", nor "Staff" in "f"
            head = compact[:-len(unit)].rstrip(" :：/")
            if head and not head[-1].isdigit():
                return head, unit
    return text, None


def _is_remark(word: str) -> bool:
    """A bracketed remark (含地下室, 正南为0°), not a unit: three Chinese characters or more
    that are no unit word."""
    return not _is_unit(word) and sum(len(run) for run in _CJK.findall(word)) >= 3


@lru_cache(maxsize=16384)
def parse_header(text: str) -> HeaderText | None:
    """Read a header cell's wording: keys to compare and unit words.

    Parameters
    ----------
    text
        The cell text, e.g. ``"*已装光伏容量\\n（kW）"`` or ``"建筑面积/m²"``.

    Returns
    -------
    HeaderText or None
        ``None`` when nothing but a unit or punctuation is left.
    """
    label = to_halfwidth(str(text)).replace("\r", "\n")
    label = _STARS.sub(" ", label)
    units: list[str] = []
    for inside in _BRACKETS.findall(label):
        stated = _UNIT_STATED.search(inside)
        if stated and _is_unit(stated[1]):  # （㎡/万㎡二选一，本表按㎡）: the one this sheet uses
            units.append(stated[1])
            continue
        for word in re.split(r"[,，;；、]", _UNIT_PREFIX.sub("", inside.strip())):
            if word.strip() and not _is_remark(word.strip()):
                units.append(word.strip())
    label = _BRACKETS.sub(" ", label)
    parts = []
    for part in _SPLIT.split(label):
        part = _NUMBERING.sub("", part.strip())
        if not part:
            continue
        if _is_unit(part) and part.strip().lower() not in _WORD_UNITS:
            units.append(part)
            continue
        part, unit = _split_trailing_unit(part)
        if unit:
            units.append(unit)
        parts.append(part)
    whole = " ".join(parts)
    keys = [normalise_key(whole)] + [normalise_key(p) for p in parts]
    for part in parts:
        keys.extend(normalise_key(run) for run in _CJK.findall(part))
        keys.extend(normalise_key(w) for w in _ASCII_WORDS.findall(part))
    keys = tuple(dict.fromkeys(k for k in keys if k))
    bare = normalise_key(label.strip())
    if not keys and _CJK.fullmatch(bare or "-"):
        keys = (bare,)  # 层 alone: a unit word, and the header of the storeys abbreviated
    if not keys:
        return None
    return HeaderText(str(text), keys, tuple(units))


def _stem(parent_key: str) -> str:
    for word in GENERIC_PARENT_WORDS:
        if parent_key.endswith(word) and len(parent_key) > len(word):
            return parent_key[:-len(word)]
    return parent_key


def cell_keys(cell: HeaderCell) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Comparison keys and unit words of a header cell, its parent's context included.

    A child ``类型`` under ``屋顶情况`` is also compared as ``屋顶类型`` and ``类型屋顶``; the
    child's own unit wins, else the units row's, else the parent's.
    """
    own = parse_header(cell.child)
    keys = list(own.keys) if own else []
    units = list(own.units) if own else []
    if cell.unit_row:
        units = units or [u for u in [cell.unit_row.strip(" ()（）")] if u]
    parent = parse_header(cell.parent) if cell.parent else None
    if parent is not None:
        stem = _stem(parent.keys[0])
        if own is not None:
            keys.extend([stem + own.keys[0], own.keys[0] + stem])
        else:
            keys.extend(parent.keys)
        units = units or list(parent.units)
    return tuple(dict.fromkeys(keys)), tuple(units)


def context_keys(cell: HeaderCell) -> tuple[str, ...]:
    """A child's keys read with its parent only (``屋顶`` over ``面积`` gives ``屋顶面积``)."""
    own = parse_header(cell.child)
    parent = parse_header(cell.parent) if cell.parent else None
    if own is None or parent is None:
        return ()
    stem = _stem(parent.keys[0])
    return stem + own.keys[0], own.keys[0] + stem


# --- scores --------------------------------------------------------------------------------

KEYWORD_CAP = 0.8  # a keyword (竣工, 光伏) is evidence, never an exact name
STAND_IN_SCORE = 0.85  # a stand-in header (栋号 for the name): read, below any alias


@dataclass(frozen=True)
class FieldKeys:
    """A field's comparison keys: its names (name, labels, aliases) and keywords."""

    names: tuple[str, ...]
    keywords: tuple[str, ...]
    stand_ins: tuple[str, ...] = ()


@lru_cache(maxsize=64)
def field_keys(spec: TableSpec) -> dict[str, FieldKeys]:
    """Every field's comparison keys, from the declaration (labels, aliases, keywords)."""
    out = {}
    for col in spec.columns:
        names = (col.name, col.label_zh, col.label_en, *col.aliases)
        out[col.name] = FieldKeys(
            tuple(dict.fromkeys(normalise_key(w) for w in names if w)),
            tuple(dict.fromkeys(normalise_key(w) for w in col.keywords if w)),
            tuple(dict.fromkeys(normalise_key(w) for w in col.stand_ins if w)))
    return out


@lru_cache(maxsize=64)
def other_header_keys(spec: TableSpec) -> frozenset[str]:
    """Keys of the declared headers that are no field (:attr:`TableSpec.other_headers`)."""
    return frozenset(normalise_key(w) for w in spec.other_headers)


def _min_contained(key: str) -> int:
    return 2 if _CJK.search(key) else 3


@lru_cache(maxsize=65536)
def _bigrams(key: str) -> frozenset[str]:
    return frozenset(key[i:i + 2] for i in range(len(key) - 1))


def _longest_common_run(a: str, b: str) -> int:
    best = 0
    previous = [0] * (len(b) + 1)
    for ca in a:
        current = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


@lru_cache(maxsize=65536)
def key_score(a: str, b: str) -> float:
    """Similarity of two comparison keys in [0, 1].

    1 for the same key; ``0.6 + 0.35 × shorter/longer`` when one contains the other (at
    least two Chinese or three Latin characters); otherwise 0.9 × the larger of the bigram
    Dice coefficient and the longest common run (≥ 2 characters) over the longer key.
    """
    if a == b:
        return 1.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= _min_contained(short) and short in long_:
        return CONTAINMENT_BASE + CONTAINMENT_SPAN * len(short) / len(long_)
    grams_a, grams_b = _bigrams(a), _bigrams(b)
    if not grams_a & grams_b:
        return 0.0
    dice = 2 * len(grams_a & grams_b) / (len(grams_a) + len(grams_b))
    run = _longest_common_run(a, b)
    run_ratio = run / len(long_) if run >= 2 else 0.0
    return SIMILARITY_WEIGHT * max(dice, run_ratio, _one_slip(a, b))


# Characters whose swap changes the meaning, not the spelling: 地上/地下层数, 东/西侧.
_OPPOSITES = frozenset("上下东西南北内外前后左右已拟增减大小高低长宽新旧有无可不总分")


def _one_slip(a: str, b: str) -> float:
    """Similarity of two keys one typed character apart (屋项面积 for 屋顶面积, 建成年分 for
    建成年份): the share of characters that agree; 0 for any other pair, and for a swap of
    opposites (地上 / 地下), which is another field, not a slip."""
    if len(a) != len(b) or len(a) < 3:
        return 0.0
    differ = [(x, y) for x, y in zip(a, b) if x != y]
    if len(differ) != 1 or differ[0][0] in _OPPOSITES or differ[0][1] in _OPPOSITES:
        return 0.0
    return (len(a) - 1) / len(a)


def name_score(keys: tuple[str, ...], keys_of_field: FieldKeys) -> float:
    """Best :func:`key_score` between a header's keys and a field's names and keywords
    (a keyword's score capped at :data:`KEYWORD_CAP`)."""
    by_name = max((key_score(a, b) for a in keys for b in keys_of_field.names), default=0.0)
    if keys and by_name < 1.0 and FORMER_PREFIX.match(keys[0]) and not any(
            FORMER_PREFIX.match(name) for name in keys_of_field.names):
        return min(by_name, SUGGEST_SCORE)
    if by_name < STAND_IN_SCORE and keys and keys[0] in keys_of_field.stand_ins:
        by_name = STAND_IN_SCORE
    if by_name >= 1.0 or not keys_of_field.keywords:
        return by_name
    by_word = max((key_score(a, b) for a in keys for b in keys_of_field.keywords),
                  default=0.0)
    return max(by_name, min(by_word, KEYWORD_CAP))


_PER_YEAR = re.compile(r"(?:/(?:yr|year|a|年)|每年|per(?:year|annum)|/annum)$")


def unit_factor(col: Column, units: tuple[str, ...], text: str = "") -> tuple[float, bool]:
    """Factor of the first unit word that belongs to ``col``'s unit family.

    Returns ``(factor, understood)``; a unit word outside the family gives ``(1.0, False)``.
    Without unit words a scaled unit written loose in ``text`` (``屋顶面积万㎡``) still counts.
    """
    if not col.unit:
        return 1.0, True
    table = UNIT_FACTORS.get(col.unit, {})
    for unit in units:
        key = _PER_YEAR.sub("", unit.strip().lower().replace(" ", ""))  # kWh/yr is kWh a year
        if key in table:
            return table[key], True
    if units:
        return 1.0, False
    loose = text.lower().replace(" ", "")
    for key, factor in sorted(table.items(), key=lambda kf: -len(kf[0])):
        if factor != 1.0 and key in loose:
            return factor, True
    return 1.0, True


def _unit_evidence(col: Column, units: tuple[str, ...]) -> float:
    known = [u.strip().lower().replace(" ", "") for u in units]
    known = [u for u in known if u in _ALL_UNITS]
    if not known:
        return 0.0
    family = UNIT_FACTORS.get(col.unit, {})
    if any(u in family for u in known):
        return UNIT_BONUS
    return -UNIT_PENALTY


# --- values --------------------------------------------------------------------------------

def _fits_number(col: Column, value) -> bool:
    try:
        number = parse_number(value, UNIT_FACTORS.get(col.unit))
    except NumberProblem:
        return False
    if number is None:
        return False
    if col.min_value is not None and number < col.min_value:
        return False
    return col.max_value is None or number <= col.max_value


def _fits(col: Column, value, spec: TableSpec) -> bool:
    if col.unit == "year":
        return parse_year(value) is not None or reads_as_year(value)
    if col.dtype == "int":
        return _fits_number(col, value) and float(parse_number(
            value, UNIT_FACTORS.get(col.unit))).is_integer()
    if col.dtype in ("float", "azimuth"):
        # a facing may be written as a compass word (正南, 南偏东), as the converter reads it;
        # other words (平屋面) do not fit an angle
        return _fits_number(col, value) or (
            col.dtype == "azimuth" and isinstance(value, str)
            and normalise_key(value) in COMPASS_DEG)
    if col.dtype == "enum":
        return spec.choice_value(col.name, clean_text(value) or "") is not None
    if col.dtype == "date":
        try:
            return parse_date(value) is not None
        except ValueError:
            return False
    if col.fold_width:
        return canonical_school_code(value) is not None
    return isinstance(value, str) and not isinstance(value, (_dt.date, _dt.datetime))


def value_fit(col: Column, values: list, spec: TableSpec) -> float | None:
    """Share of ``values`` that fit ``col`` (years, floor counts, areas, enum words).

    ``None`` when there are no values or the field is free text (anything fits).
    """
    if not values or is_free_text(col):
        return None
    return sum(_fits(col, v, spec) for v in values) / len(values)


def is_free_text(col: Column) -> bool:
    """Optional text without rules (notes): values cannot confirm or refute a header."""
    return col.dtype == "text" and not col.required and not col.fold_width


def field_score(keys: tuple[str, ...], units: tuple[str, ...], col: Column,
                fit: Callable[[], float | None], keys_of_field: FieldKeys) -> float:
    """A header's score for one field: name, then unit and value evidence.

    ``fit`` gives the share of the column's values that fit the field; it is asked only when
    the name leaves the match open (most header × field pairs share no wording at all).
    """
    score = name_score(keys, keys_of_field)
    if score < SUGGEST_SCORE * 0.8:
        return score
    if _foreign_unit(col, units):
        return min(score, SUGGEST_SCORE)  # 已建光伏（块）: panels, never read as kW
    if score >= 1.0:
        return score
    if col.dtype in ("int", "float") and keys and QUESTION_PREFIX.match(keys[0]):
        score -= QUESTION_PENALTY
    if _modal_word(keys, keys_of_field):
        return min(score, SUGGEST_SCORE)  # shown as a resemblance, never read
    share = fit()
    if share == 0.0 and (score < CONFIDENT_SCORE or col.dtype == "enum"):
        # 坐落位置 holding addresses is not 经度, 所在区域 holding 东区/西区 not 所在区: a header
        # that only resembles a field and whose values never fit it is not read as it (for a
        # list of words, however close the header: 来源 holding 微信 is no 坐标系)
        return min(score, SUGGEST_SCORE)
    if share is not None:
        score += FIT_WEIGHT * (share - 0.5)
    return min(score + _unit_evidence(col, units), MAX_EVIDENCE_SCORE)


def _modal_word(keys: tuple[str, ...], keys_of_field: FieldKeys) -> bool:
    """Whether the header plans or estimates (拟建, 可安装, 预计), or comments (学校回复,
    审核意见), where the field does not."""
    header = keys[0] if keys else ""
    for word in (*MODAL_WORDS, *COMMENT_WORDS):
        if word in header and not any(word in name for name in keys_of_field.names):
            return True
    return False


def _foreign_unit(col: Column, units: tuple[str, ...]) -> bool:
    """Whether the header states a known unit of another family than ``col``'s (kWh for a
    capacity in kW, 年 for an area)."""
    if not col.unit or not units:
        return False
    family = UNIT_FACTORS.get(col.unit, {})
    known = [u.strip().lower().replace(" ", "") for u in units]
    known = [u for u in known if u in _ALL_UNITS]
    return bool(known) and not any(u in family for u in known)


# --- assignment ----------------------------------------------------------------------------

def _level(score: float, runner_up: float, col: Column) -> str:
    if score >= 1.0:
        return EXACT
    if is_free_text(col) and score < 1.0:
        return SUGGESTED if score >= SUGGEST_SCORE else UNMATCHED
    if score >= CONFIDENT_SCORE and score - runner_up >= AMBIGUITY_MARGIN:
        return CONFIDENT
    if score >= APPLY_SCORE:
        return UNCERTAIN
    return SUGGESTED if score >= SUGGEST_SCORE else UNMATCHED


def assign(scores: np.ndarray) -> list[tuple[int, int]]:
    """Rows and columns paired one-to-one for the largest total score (Hungarian method).

    The Kuhn–Munkres algorithm with potentials, O(n² m) for an n × m matrix; written here so
    that reading a sheet does not load scipy.optimize (about 35 MB) for a 30 × 25 matrix.
    Every row is paired when ``n ≤ m``; otherwise every column.
    """
    n, m = scores.shape
    if n == 0 or m == 0:
        return []
    transposed = n > m
    cost = -(scores.T if transposed else scores)
    n, m = cost.shape
    u, v = np.zeros(n + 1), np.zeros(m + 1)
    owner = np.zeros(m + 1, dtype=int)  # column j (1-based) → row (1-based), 0 = free
    way = np.zeros(m + 1, dtype=int)
    for i in range(1, n + 1):
        owner[0], j0 = i, 0
        slack = np.full(m + 1, np.inf)
        used = np.zeros(m + 1, dtype=bool)
        while owner[j0]:
            used[j0] = True
            i0 = owner[j0]
            free = ~used[1:]
            reduced = cost[i0 - 1] - u[i0] - v[1:]
            better = free & (reduced < slack[1:])
            slack[1:][better] = reduced[better]
            way[1:][better] = j0
            candidates = np.where(free, slack[1:], np.inf)
            j1 = int(np.argmin(candidates)) + 1
            delta = candidates[j1 - 1]
            u[owner[used]] += delta
            v[used] -= delta
            slack[1:][free] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    pairs = [(int(owner[j]) - 1, j - 1) for j in range(1, m + 1) if owner[j]]
    return sorted((c, r) if transposed else (r, c) for r, c in pairs)


def score_matrix(cells: list[HeaderCell], samples: dict[int, list], spec: TableSpec
                 ) -> tuple[np.ndarray, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """Scores of every header (rows) for every field of ``spec`` (columns)."""
    fkeys = field_keys(spec)
    parsed = [cell_keys(c) for c in cells]
    scores = np.zeros((len(cells), len(spec.columns)))
    for i, (cell, (keys, units)) in enumerate(zip(cells, parsed)):
        if not keys:
            continue
        values = samples.get(cell.column, [])
        for k, col in enumerate(spec.columns):
            fit = partial(value_fit, col, values, spec)
            scores[i, k] = field_score(keys, units, col, fit, fkeys[col.name])
        _parent_decides(scores[i], context_keys(cell), spec, fkeys)
        if keys[0] in other_header_keys(spec):
            scores[i] = np.minimum(scores[i], SUGGEST_SCORE * 0.5)  # another register's column
        if STANDALONE_NOTE.match(to_halfwidth(cell.text or "")):
            scores[i] = 0.0
    return scores, parsed


def _parent_decides(row: np.ndarray, keys: tuple[str, ...], spec: TableSpec,
                    fkeys: dict[str, FieldKeys]) -> None:
    """A child that names a field exactly with its parent (屋顶 over 面积: 屋顶面积) is that
    field; the child alone (面积) naming another one exactly is no longer exact."""
    if not keys:
        return
    exact = [k for k, col in enumerate(spec.columns) if name_score(keys, fkeys[col.name]) >= 1.0]
    if exact:
        others = np.ones(len(row), dtype=bool)
        others[exact] = False
        row[others] = np.minimum(row[others], MAX_EVIDENCE_SCORE)


def _label_exact(parsed: list[tuple[tuple[str, ...], tuple[str, ...]]], spec: TableSpec
                 ) -> np.ndarray:
    """Header × field: whether the header is the field's own label (屋顶面积), not one of its
    aliases (占地面积, a stand-in used when no roof area is given)."""
    labels = [{normalise_key(w) for w in (col.name, col.label_zh, col.label_en) if w}
              for col in spec.columns]
    out = np.zeros((len(parsed), len(spec.columns)))
    for i, (keys, _) in enumerate(parsed):
        for k, names in enumerate(labels):
            out[i, k] = bool(keys) and keys[0] in names
    return out


def _later_years(cells: list[HeaderCell]) -> np.ndarray:
    """A small weight for each header by the year it names (none: 0), so that of two headers
    for one field (已建光伏容量（2025年） | （2026年）) the later year's wins."""
    years = [max((int(y) for y in _HEADER_YEAR.findall(c.text or "")), default=2000)
             for c in cells]
    return (np.array(years, dtype=float) - 2000) * LATER_YEAR_WEIGHT


def match_columns(cells: list[HeaderCell], samples: dict[int, list], spec: TableSpec
                  ) -> list[HeaderMatch]:
    """Assign fields to header cells one-to-one by score.

    Parameters
    ----------
    cells
        The table's header cells (:func:`header_cells`).
    samples
        Non-blank values of the first data rows, by grid column.
    spec
        The declared table.

    Returns
    -------
    list of HeaderMatch
        One per header cell, in column order.
    """
    if not cells:
        return []
    scores, parsed = score_matrix(cells, samples, spec)
    unit_columns = {i for i, cell in enumerate(cells)
                    if is_units_column(cell, samples.get(cell.column, []))}
    scores[list(unit_columns)] = 0.0
    # A header that names a field exactly keeps it: evidence for another header (0.99 at
    # most) must not win it over by the sum of near-ties elsewhere.
    weights = scores + (scores >= 1.0) * EXACT_WEIGHT + _label_exact(parsed, spec) * LABEL_WEIGHT
    weights += _later_years(cells)[:, None] * (scores >= SUGGEST_SCORE)
    assigned = {r: c for r, c in assign(weights) if scores[r, c] >= SUGGEST_SCORE
                and scores[r].max() - scores[r, c] < DISPLACED_MARGIN}
    matches = []
    for i, cell in enumerate(cells):
        k = assigned.get(i)
        if i in unit_columns:
            matches.append(HeaderMatch(cell.column, cell.cell, cell.text, None, 0.0, UNITS))
            continue
        if k is None:
            best = int(np.argmax(scores[i])) if scores.shape[1] else 0
            suggestion = spec.columns[best].name if scores[i, best] >= SUGGEST_SCORE else None
            matches.append(HeaderMatch(cell.column, cell.cell, cell.text, None,
                                       float(scores[i, best]), UNMATCHED, suggestion))
            continue
        col = spec.columns[k]
        others = np.delete(scores[i], k)
        level = _level(float(scores[i, k]), float(others.max(initial=0.0)), col)
        keys, units = parsed[i]
        factor, understood = unit_factor(col, units, cell.text)
        field_name = col.name if level in APPLIED_LEVELS else None
        matches.append(HeaderMatch(cell.column, cell.cell, cell.text, field_name,
                                   round(float(scores[i, k]), 3), level,
                                   None if field_name else col.name, factor, understood))
    return matches


def header_signature(cells: list[HeaderCell], spec: TableSpec) -> str:
    """A layout's fingerprint: the declaration and every header's wording in column order
    (folded as :func:`~sheets.spec.normalise_key` folds), so the same layout from another
    school, with other values, has the same signature."""
    import hashlib

    words = "\x1f".join(f"{c.column}:{normalise_key(c.text)}" for c in cells)
    return hashlib.sha256(f"{spec.name}\x1e{words}".encode()).hexdigest()[:16]


def apply_profile(matches: list[HeaderMatch], cells: list[HeaderCell],
                  profile: dict[str, str | None], spec: TableSpec) -> list[HeaderMatch]:
    """The matches with a person's confirmed mapping laid over them.

    ``profile`` maps a header's wording (``HeaderMatch.header``) to a field name, or to
    ``None`` for a column they said is not read. Headers the profile does not name keep the
    reader's own match; a field the profile gives to one header is taken from any other.
    """
    by_column = {c.column: c for c in cells}
    given = {f for f in profile.values() if f}
    out = []
    for match in matches:
        if match.header not in profile:
            if match.field in given:
                match = HeaderMatch(match.column, match.cell, match.header, None, match.score,
                                    UNMATCHED, match.field)
            out.append(match)
            continue
        name = profile[match.header]
        if name is None or name not in spec.by_name:
            out.append(HeaderMatch(match.column, match.cell, match.header, None, match.score,
                                   DECLINED, None))
            continue
        _, units = cell_keys(by_column[match.column])
        factor, understood = unit_factor(spec.by_name[name], units, match.header)
        out.append(HeaderMatch(match.column, match.cell, match.header, name, 1.0, CONFIRMED,
                               None, factor, understood))
    return out


@lru_cache(maxsize=16384)
def top_field(keys: tuple[str, ...], spec: TableSpec) -> tuple[float, str]:
    """(score, field name) of the field a header's keys name best (ties: the later name,
    as ``max`` over (score, name) pairs gives)."""
    fkeys = field_keys(spec)
    return max((name_score(keys, fkeys[c.name]), c.name) for c in spec.columns)


def best_field(text: str, spec: TableSpec, columns: tuple[Column, ...] | None = None
               ) -> tuple[str, float, float, bool] | None:
    """The field a label alone names confidently (a school-block label such as 所在区县).

    Returns ``(name, score, factor, unit_understood)`` or ``None``.
    """
    header = parse_header(text)
    if header is None:
        return None
    block_only = spec.block_labels.get(header.keys[0]) if columns is not None else None
    if block_only in {c.name for c in columns or ()}:  # 类型：九年一贯制 in a school block
        return block_only, 1.0, 1.0, True
    fkeys = field_keys(spec)
    scored = sorted(((name_score(header.keys, fkeys[c.name]), c)
                     for c in (columns or spec.columns)), key=lambda sc: -sc[0])
    if not scored:
        return None
    score, col = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if _level(score, runner_up, col) not in (EXACT, CONFIDENT):
        return None
    factor, understood = unit_factor(col, header.units, text)
    return col.name, score, factor, understood


def row_header_strength(row: list, spec: TableSpec) -> tuple[int, int, float]:
    """How much a row looks like a header: (table fields named confidently, fields named
    at all, total score) — used to find the header row."""
    confident, named, total = set(), set(), 0.0
    for value in row:
        if not isinstance(value, str) or not value.strip():
            continue
        hit = _cell_strength(value, spec)
        if hit is None:
            continue
        name, score = hit
        named.add(name)
        total += score
        if score >= CONFIDENT_SCORE and not spec.is_block_column(name):
            confident.add(name)
    return len(confident), len(named), total


@lru_cache(maxsize=16384)
def _cell_strength(text: str, spec: TableSpec) -> tuple[str, float] | None:
    header = parse_header(text)
    if header is None or len(text) > 40:
        return None
    fkeys = field_keys(spec)
    best = max(((name_score(header.keys, fkeys[c.name]), c.name) for c in spec.columns),
               default=(0.0, ""))
    return (best[1], best[0]) if best[0] >= APPLY_SCORE else None


# --- one- and two-row headers --------------------------------------------------------------

Merge = tuple[tuple[int, int], tuple[int, int]]  # ((row, col), (last row, last col)), grid indices


def _text(row: list, j: int) -> str | None:
    value = row[j] if j < len(row) else None
    return None if is_blank(value) else clean_text(value, fold=False)


def is_units_row(row: list) -> bool:
    """A row under the header holding only units (㎡ | 层 | 年 | kW)."""
    found = False
    for value in row:
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            return False
        text = value.strip().strip("()（）[]【】 ").replace("单位:", "").replace("单位：", "")
        if not text or normalise_key(text) in _UNIT_HEADERS:
            continue  # 单位 | ㎡ | 层: the row's own label
        if not _is_unit(to_halfwidth(text)):
            return False
        found = True
    return found


def _header_like(row: list, spec: TableSpec) -> bool:
    """No numbers, and at least two cells that read as field wording."""
    if any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in row
           if not is_blank(v)):
        return False
    return row_header_strength(row, spec)[1] >= 2


def _spans(row_index: int, merges: list[Merge]) -> dict[int, int]:
    """Horizontal spans starting in ``row_index``: first column → last column."""
    return {c0: c1 for (r0, c0), (r1, c1) in merges if r0 <= row_index <= r1 and c1 > c0}


def _parent_of(top: list, bottom: list, j: int, spans: dict[int, int]) -> str | None:
    for start, end in spans.items():
        if start <= j <= end:
            return _text(top, start)
    if spans:
        return _text(top, j)
    # no merge information (CSV): a parent is written once, its children sit under it
    # and to its right under blank cells
    if _text(top, j):
        return _text(top, j)
    k = j - 1
    while k >= 0 and not _text(top, k) and _text(bottom, k):
        k -= 1
    if k >= 0 and _text(top, k) and _text(bottom, k):
        return _text(top, k)
    return None


def _is_title_span(spans: dict[int, int], width: int) -> bool:
    return any(end - start + 1 >= max(3, int(0.8 * width)) for start, end in spans.items())


def _words_split(top: list, bottom: list, columns: list[int], spec: TableSpec) -> bool:
    """Whether joining each column's two rows (建筑 + 名称) names more fields exactly than the
    top row alone: a header typed over two rows without merging."""
    def exact(texts: list[str]) -> int:
        hits = [best_field(t, spec) for t in texts if t]
        return sum(hit is not None and hit[1] >= 1.0 for hit in hits)
    joined = [f"{_text(top, j) or ''}{_text(bottom, j) or ''}" for j in columns]
    alone = [_text(top, j) or "" for j in columns]
    return all(_text(bottom, j) for j in columns) and exact(joined) >= max(3, exact(alone) + 2)


def has_child_row(top: list, bottom: list, top_index: int, merges: list[Merge],
                  spec: TableSpec) -> bool:
    """Whether ``bottom`` completes ``top`` as the second row of a two-row header."""
    if not _header_like(bottom, spec) and not any(_text(bottom, j) for j in _spans(
            top_index, merges)):
        return False
    if any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in bottom
           if not is_blank(v)):
        return False
    spans = _spans(top_index, merges)
    width = max(len(top), len(bottom))
    if spans and not _is_title_span(spans, width):
        return any(_text(bottom, j) for start, end in spans.items()
                   for j in range(start, end + 1))
    filled_top = [j for j in range(width) if _text(top, j)]
    children = [j for j in range(width) if _text(bottom, j) and not _text(top, j)]
    if len(filled_top) >= 3 and not children and _words_split(top, bottom, filled_top, spec):
        return True  # 建筑 / 名称, 建成 / 年份: each header typed over two rows, unmerged
    if len(filled_top) < 2 or not children:
        return False
    # stacked texts are a parent only where its children continue to the right
    return all(not _text(bottom, j) or (not _text(top, j + 1) and _text(bottom, j + 1))
               for j in filled_top)


def header_cells(rows: list[list], top: int, bottom: int, merges: list[Merge],
                 address, unit_row: int | None = None) -> list[HeaderCell]:
    """The header cells of a table whose header occupies grid rows ``top``..``bottom``.

    Parameters
    ----------
    rows
        The grid's rows.
    top, bottom
        First and last header row (equal for a one-row header).
    merges
        Merged ranges in grid indices; a parent's value sits in the range's first cell.
    address
        ``address(i, j)`` gives the Excel address of grid cell ``(i, j)``.
    unit_row
        Grid row holding only units under the header, if any.
    """
    top_row, bottom_row = rows[top], rows[bottom]
    width = max(len(top_row), len(bottom_row), len(rows[unit_row]) if unit_row else 0)
    spans = _spans(top, merges) if bottom > top else {}
    if _is_title_span(spans, width):
        spans = {}
    cells = []
    for j in range(width):
        unit = _text(rows[unit_row], j) if unit_row is not None else None
        child = _text(bottom_row, j)
        parent = _parent_of(top_row, bottom_row, j, spans) if bottom > top else None
        if child is None and parent is not None:
            cells.append(HeaderCell(j, _parent_cell(top, j, spans, address), parent, parent,
                                    None, unit))
            continue
        if child is None:
            continue
        if parent == child:
            parent = None
        text = f"{parent} › {child}" if parent else child
        cells.append(HeaderCell(j, address(bottom, j), text, child, parent, unit))
    return cells


def _parent_cell(top: int, j: int, spans: dict[int, int], address) -> str:
    for start, end in spans.items():
        if start <= j <= end:
            return address(top, start)
    return address(top, j)


def sample_values(rows: list[list], first: int, columns: list[int]) -> dict[int, list]:
    """Non-blank values of the first :data:`SAMPLE_ROWS` rows from ``first``, by column."""
    samples: dict[int, list] = {j: [] for j in columns}
    for row in rows[first:first + SAMPLE_ROWS]:
        for j in columns:
            if j < len(row) and not is_blank(row[j]):
                samples[j].append(row[j])
    return samples
