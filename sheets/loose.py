"""Values written loosely, as people fill a sheet from memory: readings that need a guess.

Each function recognises one habit and returns what a careful clerk would read, or ``None``
when the cell is not written that way. The caller (:mod:`sheets.values`) says every such
reading to the school, quoting the cell, so each guess can be confirmed:

- an approximate number: ``约1200``, ``1200左右``, ``1200余㎡``, ``有（约50kW）``;
- a year given as a decade (``90年代``, ``上世纪80年代末``, ``1990s``) or an era (``民国``,
  ``民国二十五年``), or only as the year of later works (``2008年扩建``);
- storeys of a building of mixed heights (``4-5层``, ``局部5层``, ``主楼5层，裙房2层``);
- a word saying there is some of a quantity without saying how much (``有`` under 已建光伏).
"""

from __future__ import annotations

import re

from sheets.cells import parse_year, strip_invisible, to_halfwidth

_CN_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                "九": 9}


def _compact(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return "".join(to_halfwidth(strip_invisible(value)).split())


def _numeral(text: str) -> int | None:
    """1–99 in figures or characters (5, 十二, 三十八)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CN_NUMERALS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    high = _CN_NUMERALS.get(tens) if tens else 1
    low = _CN_NUMERALS.get(ones) if ones else 0
    return None if high is None or low is None else high * 10 + low


# --- approximate numbers ------------------------------------------------------------------

# 约1200, 大约1.2万, 近500: a word before the figure saying it is not exact.
_ABOUT_BEFORE = re.compile(r"^(?:~|≈|≒|∽)|(?:大约|约为|约合|约计|约|大概|将近|接近|差不多|估计|估算|估|近)(?=[\d.])")
# 1200左右, 1200余㎡, 1200多平方米, 2000以上, 1985?: after the figure (or its 万) or at the end.
_ABOUT_AFTER = re.compile(r"(?<=[\d万千百])(?:余|多|许)|(?:左右|上下|前后|以上|开外|\?+)$")


def without_approximation(value: object) -> str | None:
    """The cell without the words that make a number approximate: ``约1200`` → ``1200``,
    ``1200左右`` → ``1200``, ``1200余㎡`` → ``1200㎡``, ``有（约50kW）`` → ``有（50kW）``;
    ``None`` when the cell has no such word (or nothing else)."""
    text = _compact(value)
    if not text:
        return None
    exact = _ABOUT_AFTER.sub("", _ABOUT_BEFORE.sub("", text))
    if exact == text or not any(ch.isdigit() for ch in exact):
        return None
    return exact


# --- years given as a decade, an era, or later works ---------------------------------------

# 90年代, 九十年代, 上世纪80年代末, 20世纪90年代中期, 1990年代初, 1990s
_DECADE = re.compile(r"^(?P<century>上世纪|上个世纪|20世纪|二十世纪|21世纪|二十一世纪|本世纪)?"
                     r"(?P<decade>\d{4}|\d{2}|[一二三四五六七八九]十)年代"
                     r"(?P<part>初期|初|前期|早期|中期|中|后期|末期|末|晚期)?(?:建成|建造|建|左右)?$")
_DECADE_EN = re.compile(r"^(?:the)?(?:early|mid|late)?-?(?P<decade>\d{3}0)'?s$", re.IGNORECASE)
_DECADE_PART = {"初期": 2, "初": 2, "前期": 2, "早期": 2, "中期": 5, "中": 5, "后期": 8,
                "末期": 8, "末": 8, "晚期": 8}


def read_decade(value: object) -> tuple[int, int, int] | None:
    """A year given as a decade: ``(year read, first year, last year)``, the year read in
    the middle of the decade, or of the part of it named (初 → 2, 中 → 5, 末 → 8).

    ``90年代`` → (1995, 1990, 1999); ``上世纪80年代末`` → (1988, 1980, 1989); ``1990s`` →
    (1995, 1990, 1999). Two figures without a century are 1930–1990s, or 2000s/2010s for
    00 and 10 (a school writes a recent building's year).
    """
    text = _compact(value)
    if not text:
        return None
    english = _DECADE_EN.match(text)
    if english:
        start, part = int(english["decade"]), 5
        lower = text.lower()
        part = 2 if "early" in lower else 8 if "late" in lower else 5
        return start + part, start, start + 9
    match = _DECADE.match(text)
    if not match:
        return None
    start = _decade_start(match["decade"], match["century"])
    if start is None:
        return None
    return start + _DECADE_PART.get(match["part"] or "", 5), start, start + 9


def _decade_start(decade: str, century: str | None) -> int | None:
    if len(decade) == 4:
        return int(decade) if decade.endswith("0") else None
    tens = _numeral(decade)
    if tens is None or tens % 10:
        return None
    if century in ("21世纪", "二十一世纪", "本世纪"):
        return 2000 + tens
    if century is None and tens <= 10:
        return 2000 + tens  # 00年代, 10年代
    return 1900 + tens


ROC_FIRST, ROC_LAST = 1912, 1949  # the Republic's years on the mainland
_ROC = re.compile(r"^民国(?:时期|年间|期间|初期|时|建筑|老楼|建成|建造|建)?$")
_ROC_YEAR = re.compile(r"^民国(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})年(?:建成|建造|建)?$")


def read_era(value: object) -> tuple[int, int, int, bool] | None:
    """A year given in the Republic's reckoning: ``(year, first, last, exact)``.

    ``民国二十五年`` is 1936 exactly (民国 year + 1911); ``民国`` or ``民国时期`` alone spans
    1912–1949, read as its middle, 1930.
    """
    text = _compact(value)
    if not text:
        return None
    year = _ROC_YEAR.match(text)
    if year:
        n = _numeral(year["n"])
        if n is None or not 1 <= n <= ROC_LAST - 1911:
            return None
        return 1911 + n, 1911 + n, 1911 + n, True
    if _ROC.match(text):
        return (ROC_FIRST + ROC_LAST) // 2, ROC_FIRST, ROC_LAST, False
    return None


# 2008年扩建, 2015年大修: the year of works on a building whose year built is not given.
_WORKS = re.compile(r"^(?P<year>\d{4})年?(?P<work>扩建|改建|改造|大修|翻修|加层|加建|装修|维修|加固|修缮|"
                    r"重新装修|整体改造|出新)(?:完成|竣工|完工)?$")


def read_works_year(value: object) -> tuple[int, str] | None:
    """``(year, works)`` of a cell giving only when the building was worked on:
    ``2008年扩建`` → (2008, ``扩建``)."""
    text = _compact(value)
    match = _WORKS.match(text) if text else None
    return (int(match["year"]), match["work"]) if match else None


# --- storeys of a building of mixed heights ---------------------------------------------

_STOREYS = r"(?:\d{1,3}|[一二两三四五六七八九十]{1,3})"
_PARTLY = re.compile(rf"^(?:局部|部分|最高)(?P<n>{_STOREYS})(?:层|f)?$", re.IGNORECASE)
_SPAN = re.compile(rf"^(?P<low>{_STOREYS})(?:层|f)?(?:-|~|—|–|至|到|或)(?P<high>{_STOREYS})(?:层|f)?$",
                   re.IGNORECASE)
_PART_STOREYS = re.compile(rf"(?P<n>{_STOREYS})(?:层|f)", re.IGNORECASE)
# What may name the parts of a building between their storey counts (主楼5层，裙房2层).
_PART_WORDS = re.compile(r"^[\u4e00-\u9fffA-Za-z,，、;；/()（）:：+]*$")


def read_mixed_storeys(value: object) -> tuple[int, str] | None:
    """The highest storey count of a building of mixed heights, and how it was written
    (``"partly"``: 局部5层; ``"span"``: 4-5层; ``"parts"``: 主楼5层，裙房2层).

    ``1-4层`` (floors from the ground up) is not this: see :func:`sheets.cells.parse_floor_range`.
    """
    text = _compact(value)
    if not text:
        return None
    partly = _PARTLY.match(text)
    if partly:
        n = _storeys(partly["n"])
        return (n, "partly") if n else None
    span = _SPAN.match(text)
    if span:
        low, high = _storeys(span["low"]), _storeys(span["high"])
        return (high, "span") if low and high and low < high else None
    counts = [_storeys(m["n"]) for m in _PART_STOREYS.finditer(text)]
    rest = _PART_STOREYS.sub("", text)
    if len(counts) >= 2 and all(counts) and _PART_WORDS.match(rest) and not any(
            ch.isdigit() for ch in rest) and "地下" not in rest:
        return max(counts), "parts"
    return None


def _storeys(text: str) -> int | None:
    n = _numeral(text)
    return n if n is not None and 0 < n <= 150 else None


# --- some, without an amount ---------------------------------------------------------------

_SOME = re.compile(r"^(?:有|是|已建|已装|已安装|已建成|已建设|现有|已有|√|✓|✔|☑|yes|y)"
                   r"(?:光伏|光伏板|光伏电站|太阳能板|太阳能)?(?:[(（][^()（）\d]*[)）])?$", re.IGNORECASE)


def says_some(value: object) -> bool:
    """Whether the cell says there is some (``有``, ``已安装``, ``√``, ``有（容量不详）``) and
    gives no amount."""
    text = _compact(value)
    return bool(text) and bool(_SOME.match(text))


# --- dates given as a season or a part of the year -----------------------------------------

# 2027年春季 → March, 暑假 → July, 下半年 → July: the first month of what is named.
_SEASON_MONTH = {"春季": 3, "春天": 3, "春": 3, "开春": 3, "春节后": 2, "夏季": 6, "夏天": 6, "夏": 6,
                 "暑假": 7, "暑期": 7, "暑假期间": 7, "秋季": 9, "秋天": 9, "秋": 9, "秋季开学": 9,
                 "冬季": 12, "冬天": 12, "冬": 12, "寒假": 1, "寒假期间": 1, "上半年": 1,
                 "下半年": 7, "年初": 1, "年中": 6, "年底": 12, "年末": 12, "年内": 1,
                 "第一季度": 1, "一季度": 1, "第二季度": 4, "二季度": 4, "第三季度": 7, "三季度": 7,
                 "第四季度": 10, "四季度": 10}
_SEASON = re.compile(r"^(?P<year>\d{4})年?(?:度)?(?P<part>" + "|".join(
    sorted(_SEASON_MONTH, key=len, reverse=True)) + r")(?:前|后|期间|开始|启动|开工|完工|完成)?$")


def read_season(value: object) -> tuple[int, int] | None:
    """``(year, month)`` of a date given as a season or part of a year (``2027年春季`` →
    (2027, 3), ``2027年暑假`` → (2027, 7), ``2027年下半年`` → (2027, 7)); ``None`` otherwise."""
    text = _compact(value)
    match = _SEASON.match(text) if text else None
    if match is None:
        return None
    return int(match["year"]), _SEASON_MONTH[match["part"]]


def reads_as_year(value: object) -> bool:
    """Whether a cell gives a year the way people write one from memory (约2000年, 90年代,
    民国, 2008年扩建): evidence that a column holds years."""
    exact = without_approximation(value)
    return (exact is not None and parse_year(exact) is not None) or any(
        read(value) is not None for read in (read_decade, read_era, read_works_year))
