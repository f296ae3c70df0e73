"""Rows under a header that are not records: totals, sections, footers, repeated headers.

Pure functions over one row's cell values; the reader skips what they name and lists each
skip in the report with its row, so that nothing disappears unexplained.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sheets.cells import clean_text, is_blank, to_halfwidth

TOTAL, SECTION, FOOTER, REPEATED_HEADER, UNITS, NO_FIELDS, SCHOOL_BLOCK, HIDDEN = (
    "total", "section", "footer", "repeated_header", "units", "no_fields", "school_block",
    "hidden")
MARKER, BREAKDOWN, HEADER_NOTE, EXAMPLE = "marker", "breakdown", "header_note", "example"
STRUCK = "struck"  # written struck through (删除线): deleted the way a school deletes
DEMOLISHED = "demolished"  # named as gone: 原3号楼（已拆除）, 老食堂(已拆)
WITHDRAWN = "withdrawn"  # a cell saying the row is void: 学校已撤回, 作废
OTHER_TABLE, CONTINUED = "other_table", "continued"  # a second table under the buildings

# A line that marks the table itself: continued on the next page, nothing below.
MARKER_WORDS = frozenset({"续表", "续", "续上表", "接上表", "接上页", "续上页", "上接", "以下空白",
                          "以下无", "以下无内容", "以下无数据", "此栏空白", "此处空白", "本页完",
                          "以下为空", "空白", "continued", "cont", "contd", "blankbelow"})
# A row under a building that details part of it (其中：地下车库 1500): not another building.
_BREAKDOWN = re.compile(r"^(?:其中|(?:内含|含|包括|包含|另有)[:：,，、]|(?:of which|including)\b)")
# A row of fill-in markers under the header (必填 | 必填 | 选填).
HEADER_NOTE_WORDS = frozenset({"必填", "选填", "可选", "非必填", "必选", "可不填", "如有请填",
                               "required", "optional", "mandatory"})
# A school's own example row: 例：1号教学楼, （示例）实验楼, 示例-体育馆, 填写示例.
_EXAMPLE = re.compile(r"^(?:[(（【\[]\s*(?:示例|样例|例|举例|填写示例|范例)\s*[)）】\]]|"
                      r"(?:示例|样例|举例|填写示例|范例|例)\s*[:：\-—、]|(?:示例|样例|范例)(?=\S)|"
                      r"(?:示例|样例|填写示例|范例|example)\s*$|e\.g\.|example\s*[:：])",
                      re.IGNORECASE)
# The sender's instructions left as a line in brackets under the header:
# （金额单位：万元，请逐项填写）, 【注：一个项目一行】.
_INSTRUCTION = re.compile(r"^[(（【\[][^)）】\]]*(?:单位|请|填写|填报|说明|注)[^)）】\]]*[)）】\]]$")

# Words that open a footer line: who filled in the sheet, when, stamps and signatures, notes.
FOOTER_WORDS = ("填表人", "填报人", "填表", "制表人", "制表", "审核人", "审核", "审批人", "负责人",
                "单位负责人", "学校负责人", "经办人", "复核人", "核对人", "统计人", "主管领导",
                "联系人", "联系电话", "电话", "手机", "填报日期", "填表日期", "日期", "报送日期",
                "单位盖章", "盖章", "公章", "签字", "签名", "校长", "分管领导", "注", "备注",
                "说明", "填表说明", "附注")
_FOOTER_INITIALS = frozenset(w[0] for w in FOOTER_WORDS)
# Section and campus labels: 一、教学用房 (、 folded to a comma), （二）, 第一部分, 本部, 东校区, A区.
_SECTION_HEAD = re.compile(r"^(?:[一二三四五六七八九十]+[、.．,]|[(（][一二三四五六七八九十\d]+[)）]|"
                           r"第[一二三四五六七八九十\d]+[部分类校区栋]|[\dA-Za-z][、.．](?=\D))")
SECTION_ENDINGS = ("校区", "分校", "本部", "部分", "用房", "类", "校舍", "园区", "院区", "片区")
# A line introducing the rows under it (以下为追加项目, 以上为本部): no record of its own.
_NOTE_LINE = re.compile(r"^(?:以下|以上|下列|下面)(?:为|是|系|均为|各)")
# A row said to be void in one of its cells (备注 学校已撤回, 作废): not read, and said.
_WITHDRAWN = re.compile(r"(?:已撤回|撤回申报|撤回申请|已撤销|撤销申报|不再申报|放弃申报|已作废|作废)[。.!！]?$")
# A print footer: 第1页 共2页, 共3页, Page 1 of 2.
_PAGE = re.compile(r"^(?:第\d+页)?[,，、/]?(?:共\d+页)?$|^page\d+(?:of\d+)?$")
_LONE_DATE = re.compile(r"^\d{4}[年.\-/]\d{1,2}(?:[月.\-/]\d{1,2}日?|月)?$")
MAX_TOTAL_LABEL = 12  # characters of a label such as 本部小计 or 合计（3栋）


@lru_cache(maxsize=65536)
def _key(text: str) -> str:
    return "".join(to_halfwidth(text).split()).lower()


def _texts(row: list, upto: int | None = None) -> list[tuple[int, str]]:
    cells = row if upto is None else row[:upto + 1]
    texts = [(j, clean_text(v, fold=False)) for j, v in enumerate(cells)
             if isinstance(v, str) and not is_blank(v)]
    return [(j, t) for j, t in texts if t]


def is_total(row: list, name_column: int | None, total_words: tuple[str, ...]) -> bool:
    """A subtotal or total row: 合计, 本部小计, 小　计, 合　　计, 总计（3栋）, Total.

    The word must be in one of the first three text cells, left of or in the name column.
    """
    limit = None if name_column is None else name_column
    for _, text in _texts(row, limit)[:3]:
        key = re.sub(r"[:：()（）\d栋幢座处个_-]+", "", _key(text))
        if len(key) <= MAX_TOTAL_LABEL and any(_total_word(key, w) for w in total_words):
            return True
    return False


def _total_word(key: str, word: str) -> bool:
    """本部小计, 小计, 合计（3栋）; total, subtotal, grand total — not @SUM(A1:A9)."""
    if word.isascii():
        return key.isalpha() and (key.startswith(word) or key.endswith(word))
    return key.startswith(word) or key.endswith(word)


def is_footer(row: list) -> bool:
    """A footer line: 填表人：…, 联系电话：…, 填报日期, （盖章）, 注：…"""
    first_text = next((v for v in row if isinstance(v, str) and v.strip()), None)
    if first_text is None:
        return False
    stripped = first_text.strip()
    if _PAGE.match(_key(stripped)) and any(ch.isdigit() for ch in stripped):
        return True
    if stripped[:1].isdigit():  # a date alone under the stamp
        return bool(_LONE_DATE.match(_key(stripped))) and sum(
            1 for v in row if isinstance(v, str) and v.strip()) == 1
    if "盖章" in first_text or "签字" in first_text:
        return True
    if stripped[:1] not in _FOOTER_INITIALS:
        return False
    first = _key(first_text)
    n_texts = sum(1 for v in row if isinstance(v, str) and v.strip())
    for word in FOOTER_WORDS:
        if first.startswith(word):
            rest = first[len(word):]
            return rest[:1] in (":", "：", "") or n_texts == 1 and len(first) > 6
    return False


def is_section(row: list, mapped: set[int], merged: set[int]) -> bool:
    """A section or campus label alone on its row (一、教学用房; 东校区; a merged band).

    A lone text in the name column that reads like a building stays a record, so that its
    missing values are reported.
    """
    filled = [(j, v) for j, v in enumerate(row) if not is_blank(v)]
    if len(filled) == 2 and _is_serial(filled[0][1]) and isinstance(filled[1][1], str):
        filled = filled[1:]  # 1 | 本部校区: a numbered campus heading
    if not filled or len(filled) > 2 or not all(isinstance(v, str) for _, v in filled):
        return False
    j, text = filled[0]
    key = _key(text)
    if _SECTION_HEAD.match(key) or j in merged or any(key.endswith(w) for w in SECTION_ENDINGS):
        return True
    if _NOTE_LINE.match(key) and len(filled) == 1:
        return True  # 以下为3月追加申报项目: a line about the rows under it
    return all(k not in mapped for k, _ in filled)


_SERIAL = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[A-Za-z])[、.．)）]?$")


def _is_serial(value: object) -> bool:
    """A serial number on its own (1, "2", 三, "A."), as a numbered heading starts."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return float(value).is_integer() and 0 < value < 1000
    return isinstance(value, str) and bool(_SERIAL.match(_key(value)))


@lru_cache(maxsize=4096)
def _header_key(text: str) -> str:
    """:func:`_key` of a header text (a sheet has few; every row is compared with them)."""
    return _key(text)


_APPENDIX = re.compile(r"^(?:附[:：]|附表|附件|另附)")


def is_appendix_title(row: list) -> bool:
    """A title line opening another table under the buildings (附：屋顶现有设备, 附表2)."""
    texts = [v for v in row if isinstance(v, str) and v.strip()]
    return len(texts) == 1 and bool(_APPENDIX.match(to_halfwidth(texts[0].strip())))


def is_header_like(row: list) -> bool:
    """A row of three or more words and no number: the header of a table."""
    filled = [v for v in row if v is not None and not is_blank(v)]
    if len(filled) < 3 or not all(isinstance(v, str) for v in filled):
        return False
    return not any(any(ch.isdigit() for ch in v) and len(v.strip()) <= 8 for v in filled)


def is_repeated_header(row: list, header_texts: dict[int, str], minimum: int) -> bool:
    """The header written again (a second table on the same sheet)."""
    same, left = 0, len(header_texts)
    for j, text in header_texts.items():
        left -= 1
        cell = row[j] if j < len(row) else None
        if isinstance(cell, str) and _key(cell) == _header_key(text):
            same += 1
            if same >= minimum:
                return True
        elif same + left < minimum:   # cannot reach the minimum any more
            return False
    return same >= minimum


_TOTAL_HINT = re.compile(r"计|均|total|sum|average|mean", re.IGNORECASE)


def _marker_key(text: str) -> str:
    return re.sub(r"[()（）\[\]【】〔〕<>《》:：.。…,，\-—_~～*＊\s]+", "", _key(text))


def is_marker(row: list) -> bool:
    """A 续表 / 以下空白 line: every text cell a marker word, nothing else filled."""
    filled = [v for v in row if not is_blank(v)]
    return bool(filled) and len(filled) <= 2 and all(
        isinstance(v, str) and _marker_key(v) in MARKER_WORDS for v in filled)


def is_header_note(row: list) -> bool:
    """A row of 必填 / 选填 markers under the header."""
    filled = [v for v in row if not is_blank(v)]
    return len(filled) >= 2 and all(
        isinstance(v, str) and _marker_key(v) in HEADER_NOTE_WORDS for v in filled)


# A fill-in hint under a header cell: 填写楼宇全称, 下拉选择, 如：2005, 保留两位小数, 按竣工图.
_HINT = re.compile(r"填写|请填|填报|下拉|选择|选填|必填|^如[:：]|例如|保留|精确到|格式|^按|可不填|"
                   r"^e\.g\.|^select|^enter|^fill", re.IGNORECASE)
# The column codes of a statistics form under its header: 栏次 | 甲 | 乙 | 1 | 2 | 3 ….
_COLUMN_CODE_WORDS = frozenset("甲乙丙丁戊己庚辛壬癸") | {"栏次", "栏号", "行次", "代码"}
# The header again in English under the Chinese one (Building name | Use | Year built).
_ENGLISH_WORDS = re.compile(r"^[A-Za-z][A-Za-z .'/&()²\-]*$")


def is_hint(text: object) -> bool:
    """Whether a cell's text tells how to fill in (填写学校全称, 下拉选择, 按竣工图)."""
    return isinstance(text, str) and bool(_HINT.search(to_halfwidth(text).strip()))


def is_hint_row(row: list) -> bool:
    """A row of fill-in hints under the header (填写楼宇全称 | 下拉选择 | 如：2005): text only,
    most cells a hint."""
    filled = [v for v in row if not is_blank(v)]
    if len(filled) < 2 or not all(isinstance(v, str) for v in filled):
        return False
    hints = sum(bool(_HINT.search(to_halfwidth(v).strip())) for v in filled)
    return hints * 2 >= len(filled) and hints >= 2


def is_column_codes(row: list) -> bool:
    """A statistics form's 栏次 row: 甲 乙 … then the columns numbered 1, 2, 3 …."""
    filled = [v for v in row if not is_blank(v)]
    if len(filled) < 3:
        return False
    numbers = []
    for v in filled:
        if isinstance(v, str) and _key(v) in _COLUMN_CODE_WORDS:
            continue
        if isinstance(v, bool) or not isinstance(v, (str, int, float)):
            return False
        text = str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip()
        if not (text.isascii() and text.isdigit()) or len(text) > 3:
            return False  # ① is a digit to str.isdigit; 2005 is a year, not a column code
        numbers.append(int(text))
    consecutive = numbers == list(range(numbers[0], numbers[0] + len(numbers))) if numbers else False
    coded = len(numbers) < len(filled)  # 甲 乙 before the numbers, or 1 2 3 4 … alone
    return len(numbers) >= 2 and consecutive and (coded or numbers[0] == 1 and len(numbers) >= 4)


def is_english_header(row: list) -> bool:
    """The header in English under the Chinese one: three or more English words, nothing else."""
    filled = [v for v in row if not is_blank(v)]
    return len(filled) >= 3 and all(
        isinstance(v, str) and _ENGLISH_WORDS.match(v.strip()) for v in filled)


def is_instruction(row: list) -> bool:
    """A single bracketed instruction line under the header (（金额单位：万元，请逐项填写）)."""
    filled = [v for v in row if not is_blank(v)]
    return len(filled) == 1 and isinstance(filled[0], str) and bool(
        _INSTRUCTION.match(to_halfwidth(filled[0]).strip()))


def is_breakdown(name: object) -> bool:
    """A name cell detailing the building above (其中：地下车库, 含：报告厅)."""
    return isinstance(name, str) and bool(_BREAKDOWN.match(_key(name)))


_DEMOLISHED = re.compile(r"[(（\[【]\s*(?:已拆除|已拆|已拆毁|拆除|已被拆除|已废弃|已灭失)\s*[)）\]】]\s*$|"
                         r"^(?:已拆除|已拆)[:：\-—\s]")


def is_withdrawn(row: list) -> bool:
    """A row one of whose cells says it is withdrawn or void (学校已撤回, 作废)."""
    return any(isinstance(v, str) and len(v) <= 30 and _WITHDRAWN.search(_key(v)) for v in row)


def is_demolished(name: object) -> bool:
    """A name cell saying the building is gone (原3号楼（已拆除）): no building of the school now."""
    return isinstance(name, str) and bool(_DEMOLISHED.search(to_halfwidth(name).strip()))


def is_example(name: object, mark: str) -> bool:
    """A name cell marking an example row: the template's own ``mark`` or a school's
    例： / （示例） / 示例-."""
    if not isinstance(name, str):
        return False
    text = name.strip()
    return text.startswith(mark) or bool(_EXAMPLE.match(to_halfwidth(text)))


def _few_filled(row: list, most: int = 2) -> bool:
    """Whether at most ``most`` cells of the row hold something."""
    n = 0
    for v in row:
        if v is not None and v != "" and not is_blank(v):
            n += 1
            if n > most:
                return False
    return True


def classify(row: list, *, name_column: int | None, mapped: set[int], merged: set[int],
             header_texts: dict[int, str], total_words: tuple[str, ...],
             min_header: int) -> str | None:
    """Why a non-blank row under the header is not a record, or ``None`` if it is one.

    Parameters
    ----------
    row
        The row's cell values.
    name_column
        Grid column of the record's name (building name), if mapped.
    mapped
        Grid columns mapped to fields.
    merged
        Grid columns where this row's cell starts a horizontal merge (a band).
    header_texts
        The header's own wording by column, to recognise a repeated header.
    total_words
        Words of total rows (the declaration's ``TOTAL_ROW_WORDS``).
    min_header
        Cells that must repeat the header for a repeated header row.
    """
    head = row if name_column is None else row[:name_column + 1]
    if any(isinstance(v, str) and _TOTAL_HINT.search(v) for v in head) and is_total(
            row, name_column, total_words):
        return TOTAL
    numbers = any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in row)
    if not numbers and is_repeated_header(row, header_texts, min_header):
        return REPEATED_HEADER
    if is_footer(row):
        return FOOTER
    few = _few_filled(row)
    if few and is_marker(row):
        return MARKER
    if not numbers and (is_header_note(row) or is_instruction(row) or is_hint_row(row)
                        or is_english_header(row)):
        return HEADER_NOTE
    if is_column_codes(row):
        return HEADER_NOTE
    name = row[name_column] if name_column is not None and name_column < len(row) else None
    if is_breakdown(name) or (is_blank(name) and any(is_breakdown(v) for v in row[:4])):
        return BREAKDOWN  # 其中：照明改造 in the name column, or beside a blank ID
    if few and is_section(row, mapped, merged):
        return SECTION
    return None
