"""Command line: ``python -m energy.report OUT.docx|OUT.pdf [--db PATH] [--district …] [--lang en]``.

Writes the survey analysis report of the database's read-only snapshot (it works while the
dashboard runs). ``--district`` takes a district's name in any form the survey accepts
(浦东, 浦东新区, pudong) and may be repeated. Exit codes: 0 written; 2 bad arguments, no
database, or no Chinese font.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from energy.api import SnapshotMissing, open_survey_db
from energy.report import FORMATS, write_report
from energy.report.fonts import FontMissing
from sheets.spec import normalise_key
from surveys.schema import DISTRICTS


class UsageError(Exception):
    """Bad arguments (exit 2), with a bilingual message."""


def district_name(text: str) -> str:
    """The canonical district for ``text`` (name, short form, pinyin)."""
    key = normalise_key(text)
    for choice in DISTRICTS:
        if key in {normalise_key(v) for v in (choice.value, choice.label_en, *choice.synonyms)}:
            return choice.value
    raise UsageError(f"未知的区“{text}” / unknown district {text!r}: expected one of "
                     + "、".join(c.value for c in DISTRICTS))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m energy.report",
                                     description="调研分析报告 Survey analysis report")
    parser.add_argument("out", help="OUT.docx or OUT.pdf")
    parser.add_argument("--db", help="database file (default: $CAMPUS_ENERGY_DB or "
                                     "data/campus_energy.duckdb)")
    parser.add_argument("--district", action="append", default=[],
                        help="cover only this district (repeatable)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        out = Path(args.out)
        if out.suffix.lower().lstrip(".") not in FORMATS:
            raise UsageError(f"输出文件应以 .docx 或 .pdf 结尾 / OUT must end in .docx or .pdf: "
                             f"{args.out}")
        districts = [district_name(d) for d in args.district]
        with open_survey_db(args.db) as store:
            write_report(out, store, districts=districts, lang=args.lang)
    except (UsageError, SnapshotMissing, FontMissing) as problem:
        print(problem, file=sys.stderr)
        return 2
    print(f"已写出 Written: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
