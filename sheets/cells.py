"""Cell-level text handling: full-width folding, numbers with units, cell addresses."""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from functools import lru_cache

# Full-width ASCII block (U+FF01–U+FF5E) maps onto ASCII by a fixed offset; the ideographic
# space U+3000 onto a plain space.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_FULLWIDTH.update({ord("。"): ord("."), ord("，"): ord(","), ord("、"): ord(",")})


def to_halfwidth(text: str) -> str:
    """Fold full-width digits, letters and punctuation to ASCII (``１２３，５`` → ``123,5``)."""
    return text.translate(_FULLWIDTH)


# Traditional characters of the words our sheets are read by (labels, aliases, choices) and
# their simplified forms; a sheet from Hong Kong, Taiwan or an old template writes 樓棟名稱.
# Only characters that are never simplified ones themselves, so folding changes no
# simplified text (opencc is not a dependency; some 250 characters cover our vocabulary).
_TRADITIONAL = ("樓棟層數積頂築學區縣類號稱實驗訓辦體館圖書況狀擋無輕嚴較鋼設計總備註說聯繫係電話經緯標識碼單"
                "裝機現發據專評報額萬補貼預門衛禮廳倉車動場風滲損維傾東陽陰蔭採國際語屬雙職業兒園結構壓準"
                "認確時間開關階級寫請續個邊樣選義務與為這裡裏舊蓋責負執節燈環淨幾齡線網絡護換費資興項題檢"
                "測錄鄉鎮滬橫順齊陸塊處廠庫廁廚飯廣帶熱氣濕紅綠藍黃漢楊閔寶靜長閘匯灣瀋屆師員戶產權歷厲週"
                "約劃畫擴殘聾啞啟夾飾頁贊欄擬規儲價達離遠側莊樁"
                "優傳內別製佔盧臺吳圍牆獎寧審壽術條來氈沒瀝澆溫點監籌簡組織統綜編繕騰藝範見訊讀調賢貫輔運進領")
_SIMPLIFIED = ("楼栋层数积顶筑学区县类号称实验训办体馆图书况状挡无轻严较钢设计总备注说联系系电话经纬标识码单"
               "装机现发据专评报额万补贴预门卫礼厅仓车动场风渗损维倾东阳阴荫采国际语属双职业儿园结构压准"
               "认确时间开关阶级写请续个边样选义务与为这里里旧盖责负执节灯环净几龄线网络护换费资兴项题检"
               "测录乡镇沪横顺齐陆块处厂库厕厨饭广带热气湿红绿蓝黄汉杨闵宝静长闸汇湾沈届师员户产权历厉周"
               "约划画扩残聋哑启夹饰页赞栏拟规储价达离远侧庄桩"
               "优传内别制占卢台吴围墙奖宁审寿术条来毡没沥浇温点监筹简组织统综编缮腾艺范见讯读调贤贯辅运进领")
_FOLD_TRADITIONAL = str.maketrans(_TRADITIONAL, _SIMPLIFIED)


def fold_traditional(text: str) -> str:
    """Traditional characters of our vocabulary in their simplified form (``樓棟名稱`` →
    ``楼栋名称``), for comparing headers and choice words; stored names keep what was
    written."""
    return text.translate(_FOLD_TRADITIONAL)


# Excel writes ="0123" into a CSV to keep a number as text (leading zeros); the cell means 0123.
_TEXT_FORMULA = re.compile(r'^\s*=\s*"(?P<text>[^"]*)"\s*$')


def strip_text_formula(text: str) -> str:
    """``="3101150431"`` (Excel's formula wrapper keeping a code as text in a CSV) → its text."""
    match = _TEXT_FORMULA.match(text) if "=" in text else None
    return match["text"] if match else text


# Characters a person cannot see but a program compares: C0/C1 controls (NUL included),
# zero-width spaces and joiners, bidirectional embeddings, overrides and isolates (the
# right-to-left override makes "1000" display as "0001"), the BOM, invisible operators and
# the Unicode tag block. Tabs and line breaks count as white space instead.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff9-\ufffb\U000e0000-\U000e007f]")
_CODE = re.compile(r"^[0-9A-Za-z]{1,32}$")
_FLOAT_TAIL = re.compile(r"(?<=^\d{6})\.0+$|(?<=\d{7})\.0+$")
# Unit text is never a code: ㎡ folds to m2 under NFKC, a 单位 column says ㎡ or 万㎡.
_UNIT_TEXT = re.compile(r"^(?:万|10k)?(?:m2|m²|m\^2|sqm|kw|kwh|kwp|mw|mwh|cny|rmb|ha)$", re.IGNORECASE)
_SHANGHAI_CODE = re.compile(r"^\d{10}$")
# 统一社会信用代码: 18 characters, the letters I, O, S, V and Z never used.
_CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def strip_invisible(text: str) -> str:
    """Remove control, zero-width and bidirectional-control characters from text."""
    return _INVISIBLE.sub("", text)


def canonical_school_code(value: object) -> str | None:
    """A school code as it is compared and stored, or ``None`` when it is not one.

    NFKC (full-width digits become ASCII), invisible and bidirectional characters and white
    space removed; what is left must be 1–32 ASCII letters and digits. ``=1+1``, a code made
    of zero-width spaces only, or Cyrillic look-alike letters give ``None``.
    """
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = strip_invisible(str(value))
    if "㎡" in raw or "²" in raw:
        return None
    text = "".join(strip_invisible(unicodedata.normalize("NFKC", raw)).split()).strip("_")
    if text[:1] in ("'", "`"):  # Excel's text prefix, typed to keep leading zeros
        text = text[1:]
    text = strip_text_formula(text)
    text = _FLOAT_TAIL.sub("", text)  # 3101150601.0: a number column exported as text
    return text if _CODE.match(text) and not _UNIT_TEXT.match(text) else None


def is_usual_school_code(code: str) -> bool:
    """Whether a canonical school code has a known form: the 10-digit Shanghai school
    identification code (3101150001) or an 18-character unified social credit code."""
    return bool(_SHANGHAI_CODE.match(code) or _CREDIT_CODE.match(code.upper()))


def column_letter(index: int) -> str:
    """Excel column letters of a zero-based column index (0 → ``A``, 26 → ``AA``)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """Zero-based column index of Excel column letters (``A`` → 0)."""
    value = 0
    for ch in letters.upper():
        value = value * 26 + (ord(ch) - 64)
    return value - 1


def cell_address(row_number: int, col_index: int) -> str:
    """Excel address from a one-based row number and a zero-based column index."""
    return f"{column_letter(col_index)}{row_number}"


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def clean_text(value: object, fold: bool = True) -> str | None:
    """Text of a cell, whitespace collapsed; ``None`` for a blank cell.

    With ``fold`` (for comparing and parsing) full-width characters become half-width; names
    and notes are stored without folding, as the school wrote them.
    """
    if type(value) is str:
        return _clean_str(value, fold) if len(value) <= 64 else _clean_long(value, fold)
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (_dt.datetime, _dt.date)):
        value = value.isoformat()
    return _clean_long(str(value), fold)


@lru_cache(maxsize=65536)
def _clean_str(value: str, fold: bool) -> str | None:
    """:func:`clean_text` of short text, remembered: a sheet repeats its words (districts,
    uses, roof types) thousands of times."""
    return _clean_long(value, fold)


# What a paper form leaves around a value: its blanks (＿＿上海市某中学＿＿) and the
# instruction to seal or sign (上海市某中学（盖章）).
_FORM_BLANKS = "_＿ \t\r\n\u3000"
_FORM_MARK = re.compile(r"\s*[(（]\s*(?:请|单位|加)?(?:盖公章|盖章|公章|签章|签字|签名|盖章处)\s*[)）]\s*$")


def _clean_long(text: str, fold: bool) -> str | None:
    text = strip_text_formula(strip_invisible(text))
    text = to_halfwidth(text) if fold else text
    text = _FORM_MARK.sub("", text.strip(_FORM_BLANKS)).strip(_FORM_BLANKS)
    return " ".join(text.split()) or None


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_UNIT_TAIL = re.compile(r"^(?P<num>[^A-Za-z\u4e00-\u9fff°㎡²]*?)\s*(?P<unit>[A-Za-z\u4e00-\u9fff°㎡²·.]+[²2]?)$")


class NumberProblem(ValueError):
    """A cell that should hold a number and does not."""


_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_SMALL = re.compile(r"^(?P<n>[零一二两三四五六七八九十]{1,3})(?P<unit>层|栋|幢|年)?$")
_ABOVE_GROUND = re.compile(r"地上([\d一二三四五六七八九十两]+)层")
_CURRENCY = re.compile(r"^[¥￥$]|^(?:rmb|cny)", re.IGNORECASE)
_BRACKETED_UNIT = re.compile(r"^(?P<num>[-+]?[\d.]+)\s*[（(]\s*(?P<unit>[^）)]+?)\s*[）)]$")
# 已建50kW, 现有 50kW, 有（100kW）, 是:30kW: the capacity after a word saying there is some.
_DONE_PREFIX = re.compile(r"^(?:已建|已装|已安装|现有|现装|有|是)[:：,，]?(?=[(（]?[\d.]+)")
_IN_BRACKETS = re.compile(r"^[(（](?P<inner>[^()（）]+)[)）]$")


def _small_chinese_number(text: str) -> int | None:
    """一 … 九十九 written in characters (五层, 十二层)."""
    if "十" not in text:
        return _CN_DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return ((_CN_DIGITS.get(tens, -99) if tens else 1) * 10
            + (_CN_DIGITS.get(ones, -99) if ones else 0)) if "十" in text else None


def _spoken_number(text: str) -> str:
    """A number cell as people type it, in figures: ¥300000.00 → 300000.00, 五层 → 5层,
    地上5层/地下1层 → 5层, 6层（局部7层） → 6层, 已建50kW → 50kW."""
    text = _CURRENCY.sub("", text)
    text = _DONE_PREFIX.sub("", text)
    inner = _IN_BRACKETS.match(text)
    if inner:  # （100kW） left over from 有（100kW）
        text = inner["inner"]
    above = _ABOVE_GROUND.search(text)
    if above:
        text = f"{above[1]}层"  # 地上四层地下一层 → 四层, read on as 四层
        if text[0].isdigit():
            return text
    text = _without_note(text)
    bracketed = _BRACKETED_UNIT.match(text)
    if bracketed and bracketed["unit"].lower() in _all_units():
        text = bracketed["num"] + bracketed["unit"]  # 0.2（万㎡） → 0.2万㎡
    small = _CN_SMALL.match(text)
    if small:
        number = _small_chinese_number(small["n"])
        if number is not None and number >= 0:
            return f"{number}{small['unit'] or ''}"
    return text


_DECIMAL_COMMA = re.compile(r"^-?\d+,\d{1,2}(?!\d)|^-?\d+,\d{4,}")


def _commas(text: str) -> str:
    """Thousands separators dropped (1,250,000); a comma that cannot be one (4200,5 from a
    decimal-comma locale's CSV, 0,75) is the decimal point, as that locale means it."""
    if "," not in text:
        return text
    if "." not in text and text.count(",") == 1 and _DECIMAL_COMMA.match(text):
        return text.replace(",", ".")
    return text.replace(",", "")


def parse_number(value: object, unit_factors: dict[str, float] | None = None,
                 header_factor: float = 1.0) -> float | None:
    """Parse a survey cell as a number in the column's canonical unit.

    Parameters
    ----------
    value
        The raw cell: a number, or text such as ``"１，２００"``, ``"0.2万㎡"`` or ``"3,500 kWh"``.
    unit_factors
        Accepted unit words of the column mapped to their factor to the canonical unit.
    header_factor
        Factor implied by the header's unit (e.g. 1e4 for a ``(万㎡)`` header), used when the cell
        itself carries no unit.

    Returns
    -------
    float or None
        ``None`` for a blank cell.

    Raises
    ------
    NumberProblem
        If the cell is not a plain number (``"约2000"``, ``"2000-3000"``, an unknown unit).
    """
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise NumberProblem("boolean")
    if isinstance(value, (int, float)):
        number = float(value)
        if not math.isfinite(number):
            raise NumberProblem("not finite")
        return number * header_factor
    text = "".join(_commas(to_halfwidth(strip_text_formula(str(value))).strip()).split())
    text = _spoken_number(text.removeprefix("'"))  # '6200: Excel's text prefix kept by a CSV
    if _NUMBER.match(text):
        return float(text) * header_factor
    match = _UNIT_TAIL.match(text)
    if match and unit_factors and _NUMBER.match(match["num"]):
        factor = unit_factors.get(match["unit"].lower())
        if factor is not None:
            return float(match["num"]) * factor
    raise NumberProblem(text)


# 4层/地下1层, 5/1 under 层数（地上/地下）, 5+1, 5层+机房层: the first part counts storeys above
# ground; the rest is a basement, a plant room or a roof stair housing, none of them a storey.
_FLOOR_PARTS = re.compile(r"^(?P<first>[^/+]+?)(?P<sep>[/+])(?P<rest>[^/+]+)$")
_BELOW = re.compile(r"^(?:地下|负|-|b)", re.IGNORECASE)
_NOT_A_STOREY = re.compile(r"^(?:地下|负|-|b)?[\d一二两三四五六七八九十]{0,3}(?:层|f)?"
                           r"(?:机房|设备|阁楼|夹层|屋顶|楼梯间|水箱|电梯|半地下|地下室|架空)?[层间室]?$",
                           re.IGNORECASE)


def parse_floors(value: object) -> tuple[int, str] | None:
    """Storeys above ground from a cell that also names what is not one.

    ``4层/地下1层`` and ``5/1`` (above/below ground) give 4 and 5, ``5+1`` and ``5层+机房层``
    give 5 (a plant room or roof housing is no storey), ``地下1层/4层`` gives 4, and 5/1 that
    Excel turned into the date 1 May gives 5. Returns
    ``(floors, the part left out)``, or ``None`` when the cell is not written that way.
    """
    if isinstance(value, (_dt.date, _dt.datetime)):
        # Excel turns 5/1 typed in a cell into 1 May: month above ground, day below
        return (value.month, str(value.day)) if value.day <= 9 else None
    if not isinstance(value, str):
        return None
    text = "".join(to_halfwidth(strip_invisible(value)).split())
    match = _FLOOR_PARTS.match(text)
    if not match or not _NOT_A_STOREY.match(match["rest"]):
        return None
    first, rest = match["first"].removeprefix("地上"), match["rest"]
    if _BELOW.match(first) and not _BELOW.match(rest):  # 地下1层/4层, B1+4F
        first, rest = rest, first
    try:
        number = parse_number(first, {"层": 1.0, "f": 1.0, "层楼": 1.0})
    except NumberProblem:
        return None
    if number is None or not number.is_integer() or number < 0:
        return None
    return int(number), rest


# 1-4层, 地上1-6层: the storeys a building spans, from the ground floor up.
_FLOOR_RANGE = re.compile(r"^(?:地上)?(?:1|一)(?:层|f)?(?:-|~|—|–|至|到)(?P<top>\d{1,3})(?:层|f)?$",
                          re.IGNORECASE)


def parse_floor_range(value: object) -> int | None:
    """Storeys above ground written as the floors spanned: ``1-4层`` and ``地上1-6层`` give 4
    and 6; ``None`` for any other cell (``3-5层`` is a building of mixed heights)."""
    if not isinstance(value, str):
        return None
    match = _FLOOR_RANGE.match("".join(to_halfwidth(strip_invisible(value)).split()))
    return int(match["top"]) if match and int(match["top"]) > 1 else None


# 3200+800 (above + below ground), 1200×5 (floor plate × floors), 60×20 (length × width):
# the sum or product a staff member worked out in the cell. Lengths may carry m or 米.
_TERM = r"\d+(?:\.\d+)?(?:m|米)?"
_ARITHMETIC = re.compile(rf"^{_TERM}(?:[+×xX*]{_TERM})+(?:㎡|m2|m²|平方米|平米)?$")


def parse_arithmetic(value: object) -> tuple[float, str] | None:
    """A sum or product typed in a cell, worked out: ``3200+800`` → (4000, ``3200+800``),
    ``60×20`` → (1200, ``60×20``), ``1200*5+300`` → (6300, …); ``None`` when the cell is no
    such expression. Products bind before sums, as on paper."""
    if not isinstance(value, str):
        return None
    text = "".join(to_halfwidth(strip_invisible(value)).split()).removeprefix("'")
    if not _ARITHMETIC.match(text):
        return None
    text = re.sub(r"(?:㎡|m2|m²|平方米|平米)$", "", text)
    shown = re.sub(r"(?:m|米)(?=[+×xX*]|$)", "", text).replace("*", "×").replace("x", "×")
    shown = shown.replace("X", "×")
    total = sum(math.prod(float(f) for f in term.split("×")) for term in shown.split("+"))
    return total, shown


# A roof's slope as the drawings give it: a fall in per cent (i=2%, a flat roof's drainage)
# or rise to run (1:2, 1：3).
_SLOPE_PERCENT = re.compile(r"^(?:i=)?(?P<p>\d+(?:\.\d+)?)%$", re.IGNORECASE)
_SLOPE_RATIO = re.compile(r"^(?P<rise>\d+(?:\.\d+)?):(?P<run>\d+(?:\.\d+)?)$")


def parse_slope(value: object) -> float | None:
    """The tilt [°] of a slope written as a fall in per cent (``2%`` → atan 0.02 = 1.15°)
    or as rise to run (``1:2`` → atan ½ = 26.6°); ``None`` for any other cell."""
    if not isinstance(value, str):
        return None
    text = "".join(to_halfwidth(strip_invisible(value)).split())
    percent = _SLOPE_PERCENT.match(text)
    if percent:
        return math.degrees(math.atan(float(percent["p"]) / 100.0))
    ratio = _SLOPE_RATIO.match(text)
    if ratio and float(ratio["run"]) > 0:
        return math.degrees(math.atan(float(ratio["rise"]) / float(ratio["run"])))
    return None


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?$")
EXCEL_EPOCH = _dt.date(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year quirk)


def parse_date(value: object) -> _dt.date | None:
    """Parse a date cell: a datetime, an Excel serial day, or ``2026-03-01``, ``2026/3``,
    ``2026年3月1日``, ``2026.03`` as text or as a number (a month alone means its first day).

    Raises
    ------
    ValueError
        If the cell is not a date.
    """
    if is_blank(value):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # 1954–2119 as Excel serial days
            return EXCEL_EPOCH + _dt.timedelta(days=int(value))
        month = _dotted_month(value)
        if month is None:
            raise ValueError(value)
        return _dt.date(*month, 1)
    text = to_halfwidth(strip_text_formula(str(value))).strip()
    text = _CN_YEAR.sub(lambda m: m[0].translate(_CN_YEAR_DIGITS), text)  # 二〇二七年
    text = _CN_MONTH.sub(lambda m: f"{_CN_MONTHS[m[1]]}月", text)  # 三月, 十二月
    match = _DATE.match(text)
    if match:
        year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
        return _dt.date(year, month, day)
    return _spoken_date(text)


_CN_MONTHS = {w: k for k, w in enumerate(
    ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"), start=1)}
_CN_MONTH = re.compile(r"(?<=年)(十[一二]|[一二三四五六七八九十])月")


def _dotted_month(value: float) -> tuple[int, int] | None:
    """``2027.03`` typed into a cell that Excel keeps as a number: (2027, 3); ``2027.2`` is
    February. ``2027.1`` is None: typed 2027.1 or 2027.10, January or October."""
    year = int(value)
    hundredths = round((value - year) * 100, 6)
    if not 1900 <= year <= 2100 or hundredths != int(hundredths):
        return None
    hundredths = int(hundredths)
    if hundredths % 10 == 0 and hundredths != 10:
        hundredths //= 10
    return (year, hundredths) if 1 <= hundredths <= 12 and hundredths != 10 else None


# Parts of a month as planners write them: 2026年3月上旬, 5月底, 3月初.
_MONTH_PART = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(上旬|中旬|下旬|初|中|底|末|份)$")
_PART_DAY = {"上旬": 1, "初": 1, "份": 1, "中旬": 11, "中": 11, "下旬": 21, "底": 28, "末": 28}
_MONTHS_EN = {m: i for i, ms in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")), 1) for m in ms}
_EN_DATE = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]+)\.?\s*,?\s*(\d{4})$")


def _spoken_date(text: str) -> _dt.date:
    """``2026年3月上旬`` (its first day), ``5月底`` (the 28th), ``Mar 2026``, ``1 March 2026``."""
    part = _MONTH_PART.match(text)
    if part:
        return _dt.date(int(part[1]), int(part[2]), _PART_DAY[part[3]])
    english = _EN_DATE.match(text)
    if english and english[2].lower() in _MONTHS_EN:
        return _dt.date(int(english[3]), _MONTHS_EN[english[2].lower()], int(english[1] or 1))
    raise ValueError(text)


# Words people type for "nothing here": blank where a field is optional.
PLACEHOLDERS = frozenset({"-", "--", "---", "—", "——", "–", "/", "//", "\\", "无", "暂无", "没有",
                          "不详", "不明", "未知", "不清楚", "空", "n/a", "na", "none", "null", "nil",
                          "待定", "待查",
                          # what a database or pandas export writes for a missing value
                          "nan", "nat", "<na>", "#n/a"})


def is_placeholder(value: object) -> bool:
    """Whether a cell holds a "nothing here" word (``—``, ``／``, ``无``, ``不详``, ``N/A``)."""
    if not isinstance(value, str) or len(value) > 12:
        return False
    return _is_placeholder_text(value)


@lru_cache(maxsize=4096)
def _is_placeholder_text(value: str) -> bool:
    return "".join(to_halfwidth(strip_invisible(value)).split()).lower() in PLACEHOLDERS


_YEAR_TEXT = re.compile(r"^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(?:(\d{1,2})\s*日?)?)?)?"
                        r"\s*[年月]?\s*(?:建成|竣工|建)?$")
MIN_YEAR, MAX_YEAR = 1800, 2200
_BUILT_IN = re.compile(r"^(?:建于|建成于|竣工于|始建于|于)\s*(?=\d)")
_SHORT_YEAR = re.compile(r"^(\d{2})\s*年$")
_TIME_TAIL = re.compile(r"(?<=\d)[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_YEAR_TAIL = re.compile(r"(?<=^\d{4})(?:\s*年度|\.0+)$")
# A note in brackets after a value: 2003年（2018年大修）, 6层（局部7层）.
_NOTE = re.compile(r"^(?P<value>[^（(]+?)\s*[（(][^）)]*[\d\u4e00-\u9fff][^）)]*[）)]\s*$")


def _without_note(text: str) -> str:
    """The value without a bracketed note after it (the note is the school's remark); a
    unit in brackets (0.2（万㎡）) is no note."""
    match = _NOTE.match(text)
    if not match:
        return text
    inside = text[len(match["value"]):].strip().strip("（()）").strip().lower()
    return text if inside in _all_units() else match["value"]


@lru_cache(maxsize=1)
def _all_units() -> frozenset[str]:
    from sheets.spec import UNIT_FACTORS

    return frozenset(k for table in UNIT_FACTORS.values() for k in table)


def parse_year(value: object) -> int | None:
    """A year as people type it: ``2005``, an Excel date, ``2005.06``, ``2005年6月``, ``2005年``,
    ``二〇〇三年``, and the readings of :func:`read_year` (a range, a rebuilt year, a remark).

    Returns
    -------
    int or None
        ``None`` when the cell is blank or not a year (``1990年代``, ``约2005``, ``20005``).
    """
    year, how = read_year(value)
    return None if how == YEAR_SLIP else year


# How :func:`read_year` read a cell beyond a plain year; the reader says so to the school.
YEAR_RANGE, YEAR_REBUILT, YEAR_REMARK, YEAR_SLIP = "range", "rebuilt", "remark", "slip"
_CN_YEAR = re.compile("[〇○零一二三四五六七八九]{4}")
_CN_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_YEAR_RANGE = re.compile(r"^(\d{4})\s*年?\s*(?:-|~|—|–|至|到)\s*(\d{4})\s*年?(?:建成|竣工)?$")
MAX_PHASES_YEARS = 15  # a building finished in phases over more years is two buildings
# 1958年建，2005年翻建: rebuilt from the ground, the building standing is the later one.
_REBUILT = re.compile(r"(\d{4})\s*年?\s*(?:原址)?(?:翻建|重建|拆建|拆除重建|拆旧建新)")
_YEAR_THEN_REMARK = re.compile(r"^(?P<year>\d{4}\s*年?\s*(?:建成|竣工|建)?)\s*[,;，；。\s]\s*(?P<rest>\S.*)$")


def read_year(value: object) -> tuple[int | None, str]:
    """A year and how it was read: ``""`` for a plain year, :data:`YEAR_RANGE` for a
    building finished in phases (``1998-2003`` → 2003, its completion), :data:`YEAR_REBUILT`
    for ``1958年建，2005年翻建`` (2005: the building as it stands), :data:`YEAR_REMARK` for a
    year followed by a remark (``2001⏎2015年大修`` → 2001), :data:`YEAR_SLIP` for a number with
    one digit too many (``20005``: a typing slip, not an Excel date serial).

    Returns
    -------
    tuple
        ``(year or None, how)``.
    """
    if is_blank(value) or isinstance(value, bool):
        return None, ""
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.year, ""
    if isinstance(value, (int, float)):
        return _year_of_number(value)
    text = to_halfwidth(strip_text_formula(strip_invisible(str(value)))).strip().lstrip("'")
    text = _CN_YEAR.sub(lambda m: m[0].translate(_CN_YEAR_DIGITS), text)
    if text.isdigit() and len(text) == 5:  # 20005 typed as text
        return _year_of_number(int(text))
    first_line, _, rest = text.partition("\n")
    year = _year_of_text(first_line.strip())
    if year is not None:
        return year, (YEAR_REMARK if rest.strip() else "")
    text = " ".join(text.split())
    rebuilt = _REBUILT.findall(text)
    if rebuilt and MIN_YEAR <= int(rebuilt[-1]) < MAX_YEAR:
        return int(rebuilt[-1]), YEAR_REBUILT
    phases = _YEAR_RANGE.match(text)
    if phases and 0 < int(phases[2]) - int(phases[1]) <= MAX_PHASES_YEARS:
        return int(phases[2]), YEAR_RANGE
    remark = _YEAR_THEN_REMARK.match(text)
    year = _year_of_text(remark["year"]) if remark else None
    return (year, YEAR_REMARK) if year is not None else (None, "")


def _year_of_number(value: float) -> tuple[int | None, str]:
    if not math.isfinite(value):
        return None, ""
    if MIN_YEAR <= value < MAX_YEAR:
        month = round(float(value - int(value)) * 100, 6)  # 2005.06: year and month
        return (int(value), "") if month.is_integer() and 0 <= month <= 12 else (None, "")
    if _is_year_slip(value):
        return None, YEAR_SLIP
    if 20000 <= value <= 80000:  # an Excel serial day whose date format was lost
        return (EXCEL_EPOCH + _dt.timedelta(days=int(value))).year, ""
    return None, ""


def _is_year_slip(value: float) -> bool:
    """20005, 19985: a year typed with one digit too many. Excel serial days of 1954–1957
    (20000–20999) look the same; a slip is far likelier in a year column than a date of
    then whose format was lost."""
    if not float(value).is_integer():
        return False
    digits = str(int(value))
    if len(digits) != 5 or digits[:2] not in ("19", "20"):
        return False
    return any(MIN_YEAR <= int(digits[:k] + digits[k + 1:]) <= _dt.date.today().year
               for k in range(2, 5))


def _year_of_text(text: str) -> int | None:
    text = _BUILT_IN.sub("", _without_note(text))  # 建于2005年, 于2005年建成
    text = _YEAR_TAIL.sub("", text)  # 2005年度, 2005.0 (a number column exported as text)
    text = _TIME_TAIL.sub("", text)  # 2005-09-01 00:00:00 from a database export
    short = _SHORT_YEAR.match(text)
    if short:  # 95年 → 1995, 08年 → 2008
        two = int(short[1])
        return (2000 if two <= _dt.date.today().year % 100 else 1900) + two
    match = _YEAR_TEXT.match(text)
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
    return year if MIN_YEAR <= year < MAX_YEAR and 1 <= month <= 12 and 1 <= day <= 31 else None


# --- label：value pairs and coordinates written as text ------------------------------------

_PAIR_LABEL = re.compile(r"(?:^|(?<=[\s,，;；|、]))([^\s:：,，;；|、]{1,20}?)\s*[:：]")
_HAS_WORD = re.compile(r"[A-Za-z\u3400-\u9fff]")


def label_pairs(text: str) -> list[tuple[str, str, int]]:
    """The ``label：value`` pairs written in one cell, in order.

    ``"学校名称：上海市某中学  学校代码：3101150001  所在区：浦东新区"`` gives three pairs; a value
    may hold spaces, and a colon inside a value (``10:30``) does not start a label because a
    label holds a word. Returns ``(label, value, offset)``; ``[]`` when the cell holds no
    label followed by a colon.
    """
    text = str(text).replace("\u3000", " ")
    starts = [m for m in _PAIR_LABEL.finditer(text) if _HAS_WORD.search(m.group(1))]
    pairs = []
    for k, match in enumerate(starts):
        end = starts[k + 1].start(1) if k + 1 < len(starts) else len(text)
        value = text[match.end():end].strip(" \t\r\n,，;；|、")
        pairs.append((match.group(1).strip(), value, match.start(1)))
    return pairs


_DMS = re.compile(
    r"(?P<hemi1>东经|西经|北纬|南纬|[NSEW])?\s*(?P<deg>\d{1,3}(?:\.\d+)?)\s*(?:°|度|º|˚)\s*"
    r"(?:(?P<min>\d{1,2}(?:\.\d+)?)\s*(?:′|'|分|’)\s*)?"
    r"(?:(?P<sec>\d{1,2}(?:\.\d+)?)\s*(?:″|\"|''|秒|”)\s*)?(?P<hemi2>[NSEW])?",
    re.IGNORECASE)
_DECIMAL = re.compile(r"(?P<hemi1>东经|西经|北纬|南纬|[NSEW](?=\s*\d))?\s*(?P<num>[-+]?\d{1,3}\.\d+|"
                      r"[-+]?\d{1,3}(?![\d.]))\s*(?P<hemi2>[NSEW](?![A-Za-z]))?", re.IGNORECASE)
LATITUDE, LONGITUDE = "latitude", "longitude"
_HEMISPHERES = {"东经": LONGITUDE, "西经": LONGITUDE, "北纬": LATITUDE, "南纬": LATITUDE,
                "e": LONGITUDE, "w": LONGITUDE, "n": LATITUDE, "s": LATITUDE}


def parse_coordinates(value: object) -> list[tuple[float, str | None]]:
    """Angles written in a cell as a person writes them, in decimal degrees [°].

    Reads a pair pasted from a map picker (``121.500284,31.254977``), degrees–minutes–seconds
    (``东经121°28′12″``, ``31°15'N``), degrees with 度/分/秒, and hemisphere words. Returns
    ``(degrees, axis)`` per angle found, ``axis`` being ``"latitude"``/``"longitude"`` when a
    word or letter says so, else ``None``; ``[]`` for a plain number (not text) or no angle.
    """
    if not isinstance(value, str):
        return []
    text = to_halfwidth(value).strip()
    found = []
    pattern = _DMS if re.search(r"[°度º˚]", text) else _DECIMAL
    for m in pattern.finditer(text):
        if pattern is _DMS:
            if not m.group("deg"):
                continue
            degrees = (float(m.group("deg")) + float(m.group("min") or 0) / 60
                       + float(m.group("sec") or 0) / 3600)
        else:
            degrees = float(m.group("num"))
        hemi = (m.group("hemi1") or m.group("hemi2") or "").lower()
        if hemi in ("西经", "南纬", "w", "s"):
            degrees = -degrees
        found.append((degrees, _HEMISPHERES.get(hemi)))
    return found


# --- tick boxes -----------------------------------------------------------------------------

# Tick-box marks: a ticked box and an empty one.
TICKED = "☑☒■√✓✔▣●◉"
EMPTY = "□☐○◯"
_TICK_SPLIT = re.compile(rf"([{TICKED}{EMPTY}])")
_BRACKET_TICK = re.compile(r"[(\[]\s*[√✓✔]\s*[)\]]")
_BRACKET_EMPTY = re.compile(r"[(\[]\s*[)\]]")


def tick_choices(value: object) -> tuple[list[str], list[str]] | None:
    """The ticked and unticked options of ``☑光伏 □照明`` (``None``: no tick boxes).

    ``[√]光伏``, ``(√)光伏`` and ``光伏√`` count as ticked too; so does a form printed for
    pen, ``光伏（ ） 照明改造（√）``, whose marks follow their options.
    """
    if not isinstance(value, str):
        return None
    folded = _BRACKET_TICK.sub("☑", to_halfwidth(value))
    folded = _BRACKET_EMPTY.sub("□", folded)
    parts = _TICK_SPLIT.split(folded)
    if len(parts) < 3:
        return None
    after = bool(parts[0].strip(" ,，、;；")) and not parts[-1].strip(" ,，、;；")
    ticked, unticked = [], []
    for k in range(1, len(parts) - 1, 2):
        option = parts[k - 1 if after else k + 1].strip(" ,，、;；")
        if option:
            (ticked if parts[k] in TICKED else unticked).append(option)
    return ticked, unticked
