"""Functions the isolated worker runs in tests/core/test_isolation.py (importable by name)."""

from __future__ import annotations

import io
import os
import re
import signal
import sys
import time
import zipfile
from contextlib import suppress
from pathlib import Path

import pandas as pd
import xlsxwriter


class SheetError(Exception):
    """An exception shaped like ``sheets.reader.UnreadableFile``: ``args`` are not the
    ``__init__`` parameters, so plain unpickling fails."""

    def __init__(self, code: str, message_zh: str, message_en: str, cell: str | None = None):
        super().__init__(f"{message_zh} / {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        self.cell = cell


class UnpicklableError(Exception):
    """Neither pickles plainly (``__init__`` signature) nor by parts (a lambda attribute)."""

    def __init__(self, code: str, hook):
        super().__init__(code)
        self.hook = hook


def frame(n: int) -> pd.DataFrame:
    return pd.DataFrame({"building": [f"{i}号楼" for i in range(n)],
                         "area_m2": [100.0 + i for i in range(n)]})


def raise_sheet_error() -> None:
    raise SheetError("far_cell", "单元格 ZZ9 超出范围", "cell ZZ9 is out of range", cell="ZZ9")


def raise_unpicklable() -> None:
    raise UnpicklableError("odd", lambda: None)


def exit_politely() -> None:
    sys.exit(3)


def abort() -> None:
    os.abort()


def kill_self() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def allocate(n_bytes: int) -> int:
    return len(bytearray(n_bytes))


def spin() -> None:
    while True:
        pass


def sleep_forever() -> None:
    while True:
        time.sleep(60)


def big_answer(n_bytes: int) -> bytes:
    return b"x" * n_bytes


def pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def count_alive(directory: str, seconds: float) -> int:
    """Mark this child alive in ``directory`` for ``seconds``; the most marks seen at once."""
    mark = Path(directory) / str(os.getpid())
    mark.touch()
    try:
        seen = len(os.listdir(directory))
        time.sleep(seconds)
        return max(seen, len(os.listdir(directory)))
    finally:
        mark.unlink()


def environment() -> dict:
    """The child's open file descriptors (fd -> target) and its thread settings."""
    fds = {}
    for name in os.listdir("/proc/self/fd"):
        with suppress(OSError):  # the listing's own descriptor is gone already
            fds[int(name)] = os.readlink(f"/proc/self/fd/{name}")
    return {"fds": fds, "openblas": os.environ.get("OPENBLAS_NUM_THREADS"),
            "pgid": os.getpgid(0), "pid": os.getpid()}


def shared_strings_bomb() -> bytes:
    """A small valid .xlsx whose ``sharedStrings.xml`` claims two billion unique strings."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain_xlsx())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/sharedStrings.xml":
                data = re.sub(rb'uniqueCount="\d+"', b'uniqueCount="2000000000"', data)
            dst.writestr(item, data)
    return out.getvalue()


def plain_xlsx() -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.add_worksheet("调研表").write_row(0, 0, ["学校代码", "学校名称"])
    book.close()
    return buffer.getvalue()


def calamine_rows(data: bytes, sheet: str) -> list:
    """python-calamine straight on the bytes, no pre-scan."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return book.get_sheet_by_name(sheet).to_python()


def flat_survey_xlsx(n_rows: int) -> bytes:
    """A committee's flat survey sheet: the 23 schema columns, school fields on every row."""
    from surveys.schema import BUILDING_COLUMNS, SCHOOL_COLUMNS

    columns = SCHOOL_COLUMNS + BUILDING_COLUMNS
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("调研表")
    sheet.write_row(0, 0, [c.label_zh for c in columns])
    for i in range(n_rows):
        school = i // 20
        sheet.write_row(i + 1, 0, [
            f"31{school:08d}", f"测试学校{school}", "徐汇区", "中小学", 31.1 + school % 50 / 1000,
            121.4 + school % 37 / 1000, "WGS84", 1_200_000.0, "张老师 021-12345678",
            f"{i % 20 + 1}号楼", "教学", 1990 + i % 30, 1 + i % 10, 3000.0 + i % 97,
            800.0 + i % 13, "混凝土平屋面", 0, "南", 500.0, 0, "无", "良好", f"备注{i}"])
    book.close()
    return buffer.getvalue()
