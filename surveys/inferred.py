"""What a person infers when the school block is silent, and says so.

A school that writes its name only in the title (上海市徐汇区南洋模范初级中学建筑楼宇面积调研表),
or its district only in its name, the sheet's name (徐汇区) or the title, is still read:
the name is taken from the title and the district from the first of these that names exactly
one district. Each inference is reported as a warning at the cell it came from, so the
school can confirm it.
"""

from __future__ import annotations

import re

from sheets.reader import Located
from sheets.spec import normalise_key
from surveys.schema import DISTRICTS, SCHOOL_TYPES

# The document's own words at the end of a title: 2026年度建筑楼宇面积调研表, 校舍情况统计表.
_DOCUMENT_TAIL = re.compile(
    r"(?:[（(]?20\d{2}年?度?[）)]?)?(?:校园)?(?:建筑|楼宇|校舍|房屋|屋顶|光伏)*"
    r"(?:楼宇|建筑|屋面|屋顶)?(?:面积|基本情况|情况|信息|潜力)*"
    r"(?:调研|调查|统计|填报|汇总|登记|摸底)?(?:表|表格|清单)$")
_SCHOOL_ENDINGS = ("学校", "中学", "小学", "幼儿园", "大学", "学院", "附小", "附中", "分校", "校区",
                   "中心", "学园")
_DISTRICT_WORDS = tuple(sorted(((normalise_key(w), c.value) for c in DISTRICTS
                                for w in (c.value, *c.synonyms, *c.former) if len(w) >= 2 and not w.isascii()),
                               key=lambda wv: -len(wv[0])))


def name_from_title(lines: list[Located]) -> Located | None:
    """The school's name written in a title line, or ``None``."""
    for line in lines:
        text = re.sub(r"\s+", "", str(line.value))
        head = _DOCUMENT_TAIL.sub("", text)
        if head != text and 4 <= len(head) <= 40 and head.endswith(_SCHOOL_ENDINGS):
            return Located(head, line.cell, line.row, line.sheet)
    return None


_CITY_PREFIX = re.compile(r"^(?:上海市|上海)")


def same_school_name(a: str, b: str) -> bool:
    """Whether two spellings name one school: 上海市松江区实验小学 and 松江区 实验小学 do."""
    return "".join(_CITY_PREFIX.sub("", a).split()) == "".join(_CITY_PREFIX.sub("", b).split())


def name_beside_code(lines: list[Located]) -> Located | None:
    """A band row's words beside the school code (上海市松江区岳阳小学（学校代码：…）): the
    name itself, when they end as a school's name does."""
    for line in lines:
        text = re.sub(r"\s+", "", str(line.value)).rstrip("：:,，")
        if 4 <= len(text) <= 40 and text.endswith(_SCHOOL_ENDINGS):
            return Located(text, line.cell, line.row, line.sheet)
    return None


def district_in(text: str) -> str | None:
    """The one district a text names (徐汇区, 上海市徐汇区…学校, 奉贤区教育局), else ``None``."""
    key = normalise_key(text)
    found = {value for word, value in _DISTRICT_WORDS if word in key}
    return found.pop() if len(found) == 1 else None


def district_from(candidates: list[Located]) -> Located | None:
    """The district named by the first candidate text that names exactly one."""
    for located in candidates:
        if located is None or not isinstance(located.value, str):
            continue
        district = district_in(located.value)
        if district is not None:
            return Located(district, located.cell, located.row, located.sheet)
    return None


_NAME_PARTS = re.compile(r"[_\-—–\s·.]+")
_SHANGHAI_CODE = re.compile(r"^31\d{8}$")
_CAMPUS_IN_NAME = re.compile(r"[（(]([^（）()]{1,12}校区)[）)]$")


def school_name_in(text: str | None) -> str | None:
    """The school's name a sheet tab or file name is, or holds beside the document's own
    words (上海市长宁区愚园路第一小学_建筑楼宇面积调研表), else ``None``."""
    if not text:
        return None
    for part in _NAME_PARTS.split(re.sub(r"\.[A-Za-z0-9]{2,4}$", "", text)):
        head = _DOCUMENT_TAIL.sub("", part)
        if 4 <= len(head) <= 40 and head.endswith(_SCHOOL_ENDINGS):
            return head
    return None


def code_in_file_name(file_name: str | None) -> str | None:
    """A Shanghai school code the file is named by (3101130667.xlsx, 3101130667_调研表.xlsx)."""
    if not file_name:
        return None
    stem = re.sub(r"\.[A-Za-z0-9]{2,4}$", "", file_name)
    codes = {p for p in _NAME_PARTS.split(stem) if _SHANGHAI_CODE.match(p)}
    return codes.pop() if len(codes) == 1 else None


def campus_in_name(name: object) -> str | None:
    """The campus a school's name ends with in brackets: 上海市建平中学（西校区） → 西校区."""
    split = split_campus(name)
    return split[1] if split else None


def split_campus(name: object) -> tuple[str, str] | None:
    """``(school, campus)`` of a name ending with its campus in brackets
    (上海市建平中学（西校区） → 上海市建平中学, 西校区), else ``None``."""
    if not isinstance(name, str):
        return None
    text = re.sub(r"\s+", "", name)
    found = _CAMPUS_IN_NAME.search(text)
    return (text[:found.start()], found.group(1)) if found else None


_TYPE_ENDINGS = tuple(sorted(((w, c.value) for c in SCHOOL_TYPES for w in (c.value, *c.synonyms)
                              if len(w) >= 2 and not w.isascii()), key=lambda wv: -len(wv[0])))


def type_from_name(name: object) -> str | None:
    """The school type a name ends with, by the type's own words, longest first
    (…愚园路幼儿园 → 幼儿园, …职业技术学院 → 高校, …实验学校 → 中小学), else ``None``."""
    if not isinstance(name, str):
        return None
    text = re.sub(r"[（(][^（）()]*[）)]$", "", re.sub(r"\s+", "", name))  # （西校区）
    return next((value for word, value in _TYPE_ENDINGS if text.endswith(word)), None)
