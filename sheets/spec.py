"""Sheets declared as data: columns, units, allowed values and the table they form.

A :class:`TableSpec` is what the engine is handed: the fields a block above the table may
hold, the table's own columns (canonical name with unit suffix, zh/en labels, dtype, unit,
allowed values and their synonyms, valid range, aliases and keywords for header matching),
and the messages that name the document (调研表, 申请表). The reader, header matcher, value
converter, templates and store checks are all driven by these declarations; the engine knows
no particular sheet.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

# dtype vocabulary: text, int, float, enum, azimuth (degrees or a compass word), date
SQL_TYPES = {
    "text": "VARCHAR",
    "int": "INTEGER",
    "float": "DOUBLE",
    "enum": "VARCHAR",
    "azimuth": "DOUBLE",
    "date": "DATE",
}

# Unit families: the text a header or cell may carry → factor to the canonical unit.
# Keys are compared after lower-casing and removing spaces.
UNIT_FACTORS: dict[str, dict[str, float]] = {
    "m2": {
        "m²": 1.0, "m2": 1.0, "㎡": 1.0, "平方米": 1.0, "平米": 1.0, "平方": 1.0, "sqm": 1.0,
        "平": 1.0, "个平方": 1.0, "个平": 1.0, "平方米㎡": 1.0,
        "万m²": 1e4, "万m2": 1e4, "万㎡": 1e4, "万": 1e4, "万平方米": 1e4, "万平米": 1e4, "万平方": 1e4,
        "ha": 1e4, "公顷": 1e4,
        "sqft": 0.09290304, "ft²": 0.09290304, "ft2": 0.09290304, "sq.ft": 0.09290304,
        "sq.ft.": 0.09290304, "平方英尺": 0.09290304,
    },
    "kwh": {
        "kwh": 1.0, "kw·h": 1.0, "kw.h": 1.0, "度": 1.0, "千瓦时": 1.0,
        "万kwh": 1e4, "万kw·h": 1e4, "万度": 1e4, "万千瓦时": 1e4, "万": 1e4, "kw时": 1.0,
        "mwh": 1e3, "兆瓦时": 1e3,
    },
    "kw": {
        "kw": 1.0, "kwp": 1.0, "千瓦": 1.0, "千瓦峰": 1.0, "千瓦峰值": 1.0, "kw峰值": 1.0,
        "mw": 1e3, "mwp": 1e3, "兆瓦": 1e3, "w": 1e-3, "wp": 1e-3, "瓦": 1e-3,
    },
    "deg": {"°": 1.0, "deg": 1.0, "degree": 1.0, "degrees": 1.0, "度": 1.0},
    "year": {"年": 1.0, "year": 1.0},
    "floors": {"层": 1.0, "floors": 1.0, "f": 1.0, "层楼": 1.0},
    "cny": {"元": 1.0, "cny": 1.0, "rmb": 1.0, "¥": 1.0, "人民币元": 1.0,
            "万元": 1e4, "万": 1e4, "万元人民币": 1e4, "10kcny": 1e4, "亿元": 1e8},
    "kwp": {"kwp": 1.0, "kw": 1.0, "千瓦": 1.0, "千瓦峰": 1.0, "千瓦峰值": 1.0, "mwp": 1e3, "mw": 1e3,
            "兆瓦": 1e3, "w": 1e-3, "wp": 1e-3, "瓦": 1e-3},
    "years": {"年": 1.0, "years": 1.0, "year": 1.0, "yr": 1.0, "a": 1.0},
}

UNIT_LABELS = {"m2": "m²", "kwh": "kWh", "kw": "kW", "deg": "°", "year": "", "floors": "",
               "cny": "元", "kwp": "kWp", "years": "年", "": ""}


@dataclass(frozen=True)
class Choice:
    """One allowed value of an enumerated column."""

    value: str
    label_en: str
    synonyms: tuple[str, ...] = ()
    # Former names read as this value with a note (卢湾区 → 黄浦区, merged in 2011).
    former: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    """One column of a declared sheet, declared once."""

    name: str
    label_zh: str
    label_en: str
    dtype: str
    block: str  # "school" or "building"
    description_zh: str
    description_en: str
    unit: str = ""  # key of UNIT_FACTORS
    required: bool = False
    choices: tuple[Choice, ...] = ()
    min_value: float | None = None
    max_value: float | None = None
    min_exclusive: bool = False
    aliases: tuple[str, ...] = ()
    example: object = None
    width: int = 14  # template column width [characters]
    default: object = None
    fold_width: bool = False  # store text half-width (codes); names keep what was written
    # Words that, contained in a header, point at this column (weaker than an alias: the
    # header matcher scores containment, see sheets.headers).
    keywords: tuple[str, ...] = ()
    # The allowed value a word outside the list is read as, with a warning (a building used
    # as 报告厅 or 门卫 is 其他), instead of an error; ``None``: such a word is an error.
    fallback_choice: str | None = None
    # Above this [canonical unit] a number scaled by its header's unit (1680000 under 万元:
    # 168亿) looks typed in the base unit: read as the header says, and asked about.
    plausible_max: float | None = None
    # The value a word saying "none" (无, 没有, 未建) stands for, where none is a quantity
    # (no PV installed: 0 kW); other "nothing here" words (不详, —) stay blank.
    none_value: object = None
    # Labels that name this field only in a school block (``类型：九年一贯制``); as a table
    # header the same word is another field's (屋面类型 split over two lines gives 类型).
    block_aliases: tuple[str, ...] = ()
    # A tilt column: a fall in per cent (2%) or a rise to run (1:2) is read as its angle.
    reads_slope: bool = False
    # The column a share typed here is of (60% under 可利用屋顶面积: of the roof area).
    share_of: str | None = None
    # Several values named in one cell (教学/办公, 平屋面（局部坡屋面）): the first, or the one
    # outside brackets, is the main one. Off, the cell reads as its words together do (a
    # condition 较好，局部渗漏 is poor, the worse word deciding).
    main_first: bool = False
    # Headers that stand in for this field when the sheet has no column of its own (栋号 as
    # the building's name, 占地面积 as its roof): read, but any label or alias wins over them.
    stand_ins: tuple[str, ...] = ()

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.dtype]

    @property
    def unit_label(self) -> str:
        return UNIT_LABELS[self.unit]

    @property
    def header(self) -> str:
        """Bilingual header text as written by the template, e.g. ``屋顶面积 Roof area (m²)``."""
        unit = f" ({self.unit_label})" if self.unit_label else ""
        return f"{self.label_zh} {self.label_en}{unit}"

    @property
    def allowed_values(self) -> list[str]:
        return [c.value for c in self.choices]


# Compass words accepted in the azimuth column [degrees clockwise from north].
COMPASS_DEG = {
    "北": 0.0, "n": 0.0, "north": 0.0, "正北": 0.0,
    "东北": 45.0, "ne": 45.0, "northeast": 45.0,
    "东": 90.0, "e": 90.0, "east": 90.0, "正东": 90.0,
    "东南": 135.0, "se": 135.0, "southeast": 135.0,
    "南": 180.0, "s": 180.0, "south": 180.0, "正南": 180.0, "朝南": 180.0,
    "西南": 225.0, "sw": 225.0, "southwest": 225.0,
    "西": 270.0, "w": 270.0, "west": 270.0, "正西": 270.0,
    "西北": 315.0, "nw": 315.0, "northwest": 315.0,
    # the 16-point letters of design drawings
    "nne": 22.5, "ene": 67.5, "ese": 112.5, "sse": 157.5, "ssw": 202.5, "wsw": 247.5,
    "wnw": 292.5, "nnw": 337.5,
    "南偏东": 157.5, "南偏西": 202.5, "南偏东15°": 165.0, "南偏西15°": 195.0,
    "坐北朝南": 180.0, "南北向": 180.0, "南北朝向": 180.0, "朝东": 90.0, "朝西": 270.0,
    "朝北": 0.0, "东西向": 90.0, "坐东朝西": 270.0, "坐西朝东": 90.0,
}

# Words that mark a total row at the bottom of a table.
TOTAL_ROW_WORDS = ("合计", "总计", "小计", "共计", "累计", "平均", "平均值", "均值", "total", "sum",
                   "subtotal", "average", "mean")

# Prefix marking a template's example row; the reader skips such rows.
EXAMPLE_MARK = "【示例】"


# Suffixes and prefixes around a compass word: 东南向, 朝东南, 面向南, 南侧.
_COMPASS_AFFIX = re.compile(r"^(?:朝|面向|面朝)?(?P<word>.+?)(?:向|方向|朝向|侧|面)?$")


# 南偏东10°, 北偏西20度, 正南偏西5°: a bearing from north or south towards east or west.
_BEARING = re.compile(r"^正?(?P<base>[南北])偏(?P<side>[东西])(?P<deg>\d{1,2}(?:\.\d+)?)(?:°|度)?$")


def _bearing(key: str) -> float | None:
    match = _BEARING.match(key)
    if not match or float(match["deg"]) > 90:
        return None
    towards_east = float(match["deg"]) if match["side"] == "东" else -float(match["deg"])
    return towards_east % 360.0 if match["base"] == "北" else 180.0 - towards_east


def compass_degrees(word: str) -> float | None:
    """Azimuth [degrees clockwise from north] of a compass word as schools write it
    (``南``, ``东南向``, ``朝南``, ``坐北朝南``, ``南偏东10°``, ``SE``), or ``None``."""
    key = normalise_key(word)
    found = COMPASS_DEG.get(key)
    if found is None:
        found = _bearing(key)
    if found is None:
        match = _COMPASS_AFFIX.match(key)
        found = COMPASS_DEG.get(match["word"]) if match else None
    return found


# A drop-down list's code before its word: C.差, A、良好, 1-良好, 01-教学, ①坡屋面, (2)一般.
_CHOICE_CODE = re.compile(r"^\s*(?:[(（]?(?:[A-Za-z]|\d{1,2})[)）.、,:：\-]|[①-⑳])\s*(?P<word>\S.*)$")


# How :meth:`TableSpec.choice_reading` read a word naming more than one value.
CHOICE_MAIN_WORD, CHOICE_FIRST_OF_SEVERAL = "main_word", "first_of_several"
_BRACKET_NOTE = re.compile(r"^(?P<main>[^（(]+?)\s*[（(](?P<aside>[^）)]+)[）)]\s*$")
# 教学/办公, 教学、办公, 实验及教学, 坡屋面+平台: several words, the first one the main.
_LIST_SEPARATOR = re.compile(r"\s*(?:[/／、,，;；+＋&＆]|及|兼|和|与)\s*")


def normalise_key(text: str) -> str:
    """Fold a header or enum word for comparison: half-width, simplified characters, lower
    case, no spaces or ``_-``."""
    text = str(text)
    return _short_key(text) if len(text) <= 64 else _normalise_key(text)


@lru_cache(maxsize=65536)
def _short_key(text: str) -> str:
    """:func:`normalise_key` of short text, remembered: a sheet repeats its words (uses, roof
    types, districts) thousands of times; long text is not kept."""
    return _normalise_key(text)


def _normalise_key(text: str) -> str:
    from sheets.cells import fold_traditional, to_halfwidth

    folded = fold_traditional(to_halfwidth(text)).strip().lower()
    for ch in " \t\r\n_-·:：*＊":
        folded = folded.replace(ch, "")
    return folded


@dataclass(frozen=True, eq=False)
class TableSpec:
    """A sheet declared as data: fields that may sit in a block above the table, and the
    table's own columns. Readers, validation and templates take a spec, so the survey and the
    subsidy application share one machinery."""

    name: str
    title_zh: str
    title_en: str
    block_columns: tuple[Column, ...]
    row_columns: tuple[Column, ...]
    min_header_matches: int = 3
    example_key: str | None = None  # a row whose value here starts with example_mark is skipped
    example_mark: str = EXAMPLE_MARK
    total_words: tuple[str, ...] = TOTAL_ROW_WORDS
    # Headers of other registers' columns that resemble a field but are not it (使用面积 is
    # the floor area in use, not the usable roof): never read, listed as not read.
    other_headers: tuple[str, ...] = ()
    # Messages that replace the engine's (sheets.messages) for this document, e.g. the
    # survey's no_header naming its template.
    messages: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    noun_zh: str = "表格"  # what the document is called in messages: 调研表, 申请表, 评分表
    noun_en: str = "sheet"
    # A field a group's label gives its rows (东校区 over its buildings, 本部小计 under them)
    # when their own cell is blank, and the endings that make a label name a group.
    group_field: str | None = None
    group_endings: tuple[str, ...] = ()
    # Words in the title of a table beside the main one that make its rows no records of
    # this sheet (拟建: buildings only planned).
    other_table_words: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.block_columns + self.row_columns

    @cached_property
    def by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}

    @cached_property
    def header_aliases(self) -> dict[str, str]:
        aliases: dict[str, str] = {}
        for col in self.columns:
            for alias in (col.name, col.label_zh, col.label_en, *col.aliases):
                aliases.setdefault(normalise_key(alias), col.name)
        return aliases

    @cached_property
    def block_labels(self) -> dict[str, str]:
        """Words that name a field only as a school-block label (``类型：``), by key."""
        return {normalise_key(w): c.name for c in self.block_columns for w in c.block_aliases}

    @cached_property
    def choice_lookup(self) -> dict[str, dict[str, str]]:
        lookups: dict[str, dict[str, str]] = {}
        for col in self.columns:
            if col.choices:
                lookup: dict[str, str] = {}
                for choice in col.choices:
                    for word in (choice.value, choice.label_en, *choice.synonyms, *choice.former):
                        lookup.setdefault(normalise_key(word), choice.value)
                lookups[col.name] = lookup
        return lookups

    @cached_property
    def _former_words(self) -> dict[str, frozenset[str]]:
        return {col.name: frozenset(normalise_key(w) for c in col.choices for w in c.former)
                for col in self.columns if col.choices}

    def former_name(self, column_name: str, raw: str) -> str | None:
        """The former name (卢湾区, 崇明县) a written word is read by, or ``None`` when it
        uses a current one: the longest word of the column found in it decides, so
        ``崇明县`` is a former name although it contains 崇明."""
        former = self._former_words.get(column_name)
        if not former:
            return None
        key = normalise_key(raw)
        if key in former:
            return key
        if key in self.choice_lookup[column_name]:
            return None
        words = self._choice_words[column_name]
        longest = max((w for w, _ in words if w in key), key=len, default=None)
        return longest if longest in former else None

    @cached_property
    def _choice_words(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """Per enum column: (synonym key, value), longest key first, for containment."""
        return {name: tuple(sorted(((k, v) for k, v in lookup.items() if len(k) >= 2),
                                   key=lambda kv: -len(kv[0])))
                for name, lookup in self.choice_lookup.items()}

    def choice_reading(self, column_name: str, raw: str) -> tuple[str | None, str]:
        """The allowed value a written word stands for and how it was read: ``""`` for a
        word that names one value, :data:`CHOICE_MAIN_WORD` for a main word with a part in
        brackets (``平屋面（局部坡屋面）`` → 平屋面), :data:`CHOICE_FIRST_OF_SEVERAL` for a list
        (``教学/办公``, ``实验及教学``: the first is the building's main use)."""
        whole = self.choice_value(column_name, raw)
        if not self.by_name[column_name].main_first:
            return whole, ""
        text = str(raw).strip()
        noted = _BRACKET_NOTE.match(text)
        if noted:
            main = self.choice_value(column_name, noted["main"])
            aside = self.choice_value(column_name, noted["aside"])
            if main is not None:
                return main, (CHOICE_MAIN_WORD if aside not in (None, main) else "")
        parts = [p for p in _LIST_SEPARATOR.split(text) if p.strip()]
        if len(parts) > 1:
            values = [self.choice_value(column_name, p) for p in parts]
            if values[0] is not None:
                several = any(v not in (None, values[0]) for v in values[1:])
                return values[0], (CHOICE_FIRST_OF_SEVERAL if several else "")
        return whole, ""

    def choice_value(self, column_name: str, raw: str) -> str | None:
        """The allowed value a written word stands for, or ``None``.

        The word itself or a synonym (``小学`` → 中小学), else the longest synonym the word
        contains (``上海市XX区九年一贯制学校`` → 中小学). When equally long synonyms of
        different values are contained, the one written last decides, as the head of a
        Chinese noun phrase comes last (``上海师范大学附属中学`` → 中小学, not 高校).
        """
        key = normalise_key(raw)
        if not key:
            return None
        exact = self.choice_lookup[column_name].get(key)
        if exact is not None:
            return exact
        coded = _CHOICE_CODE.match(str(raw))
        if coded:  # a drop-down's code before a known word: C.差 → 差
            exact = self.choice_lookup[column_name].get(normalise_key(coded["word"]))
            if exact is not None:
                return exact
        found: dict[str, int] = {}  # value → where its synonym ends
        length = 0
        for word, value in self._choice_words[column_name]:
            if length and len(word) < length:
                break
            if word in key and (len(word) >= 2 and not word.isascii() or len(word) >= 4):
                found[value] = max(found.get(value, -1), key.rfind(word) + len(word))
                length = len(word)
        if len(found) <= 1:
            return next(iter(found), None)
        ends = sorted(found.values())
        if ends[-1] == ends[-2]:
            return None
        return max(found, key=found.get)

    def is_block_column(self, name: str) -> bool:
        return self.by_name[name] in self.block_columns

    def text(self, code: str, **fields) -> tuple[str, str]:
        """This document's Chinese and English message ``code`` with ``fields`` filled in."""
        from sheets import messages

        zh, en = self.messages.get(code) or messages.MESSAGES[code]
        fields.setdefault("noun", self.noun_zh)
        fields.setdefault("noun_en", self.noun_en)
        return zh.format(**fields), en.format(**fields)
