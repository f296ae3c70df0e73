"""Validation reports: every problem located by cell, in Chinese and English."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"
# Information, not a problem: a row or sheet the reader left, and why (nothing disappears
# unexplained, yet a clean sheet is not "with warnings").
INFO = "info"
_RANK = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass(frozen=True)
class Issue:
    """One problem found in a sheet, located by its Excel cell."""

    severity: str  # "error", "warning" or "info"
    code: str
    message_zh: str
    message_en: str
    cell: str | None = None  # e.g. "D7"
    row: int | None = None  # Excel row number
    column: str | None = None  # canonical column name
    value: str | None = None  # the value found, as text
    sheet: str | None = None

    @property
    def message(self) -> str:
        return f"{self.message_zh} / {self.message_en}"


# Problems listed one by one; beyond this a report counts them. A sheet whose every cell is
# wrong (50,000 rows, 550,000 problems) otherwise cost gigabytes to hold and show, and no
# school reads past the first screens anyway.
MAX_LISTED = 1000


@dataclass
class Report:
    """All problems found in one file: the first :data:`MAX_LISTED` one by one, the rest
    counted by kind (severity, rule and column), each kind with its first example."""

    file_name: str
    issues: list[Issue] = field(default_factory=list)
    sheet: str | None = None
    unlisted: dict[tuple, list] = field(default_factory=dict)   # kind -> [count, example]

    def __post_init__(self):
        self._totals = {ERROR: 0, WARNING: 0, INFO: 0}
        given, self.issues = self.issues, []
        for issue in given:
            self.add(issue)

    @property
    def full(self) -> bool:
        """True once :data:`MAX_LISTED` problems are listed: further ones are counted."""
        return len(self.issues) >= MAX_LISTED

    def add(self, issue: Issue, always: bool = False) -> None:
        """List ``issue`` (``always``: even beyond :data:`MAX_LISTED`), or count it."""
        if always or not self.full:
            self.issues.append(issue)
            self._totals[issue.severity] = self._totals.get(issue.severity, 0) + 1
            return
        self.count(issue.severity, issue.code, issue.column, issue)

    def count(self, severity: str, code: str, column: str | None,
              example: Issue | None = None) -> None:
        """Count one more problem that is not listed (``example`` is kept for the first)."""
        self._totals[severity] = self._totals.get(severity, 0) + 1
        kind = (severity, code, column)
        if kind in self.unlisted:
            self.unlisted[kind][0] += 1
        else:
            self.unlisted[kind] = [1, example]

    def absorb(self, other: Report, seen: set | None = None) -> None:
        """Take in the problems of ``other`` (another sheet of the same workbook).

        ``seen`` collects what was taken in: a problem already there (the same school
        block, inherited by a second sheet, judged twice) is taken once.
        """
        for issue in other.issues:
            if seen is not None:
                key = (issue.severity, issue.code, issue.message_zh, issue.cell, issue.row,
                       issue.sheet if issue.cell or issue.row else None)
                if key in seen:
                    continue
                seen.add(key)
            self.add(issue)
        for (severity, code, column), (n, example) in other.unlisted.items():
            self._totals[severity] = self._totals.get(severity, 0) + n
            kind = (severity, code, column)
            if kind in self.unlisted:
                self.unlisted[kind][0] += n
            else:
                self.unlisted[kind] = [n, example]

    @property
    def several_sheets(self) -> bool:
        return len({i.sheet for i in self.issues if i.sheet and i.cell}) > 1

    def where(self, issue: Issue) -> str:
        """An issue's place as a person writes it: ``D7``, or ``分校!D7`` in a report that
        spans several sheets."""
        place = issue.cell or (f"row {issue.row}" if issue.row else "-")
        if issue.sheet and self.several_sheets and (issue.cell or issue.row):
            return f"{issue.sheet}!{place}"
        return place

    def needs_example(self, severity: str, code: str, column: str | None) -> bool:
        """Whether a problem of this kind still has to be written out (as the example)."""
        return not self.full or (severity, code, column) not in self.unlisted

    def _summaries(self) -> list[Issue]:
        """One issue per kind of unlisted problem: how many, and the first of them."""
        found = []
        for (severity, _code, column), (n, example) in self.unlisted.items():
            where_zh = f"，例如 {example.cell}：{example.message_zh.rstrip('。')}" if example \
                else ""
            where_en = f", e.g. {example.cell}: {example.message_en.rstrip('.')}" if example \
                else ""
            found.append(Issue(
                severity, "more_like_this",
                f"另有 {n} 处同类问题未逐条列出{where_zh}。请先修改以上问题后重新上传。",
                f"{n} more problems of the same kind are not listed{where_en}. Fix the ones "
                "above and upload again.", column=column, sheet=self.sheet))
        return found

    @property
    def errors(self) -> list[Issue]:
        return [i for i in [*self.issues, *self._summaries()] if i.severity == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in [*self.issues, *self._summaries()] if i.severity == WARNING]

    @property
    def infos(self) -> list[Issue]:
        """What the reader left and why (skipped rows and sheets): information only."""
        return [i for i in [*self.issues, *self._summaries()] if i.severity == INFO]

    @property
    def n_infos(self) -> int:
        return self._total(INFO)

    @property
    def n_errors(self) -> int:
        """Every error found, listed or counted."""
        return self._total(ERROR)

    @property
    def n_warnings(self) -> int:
        """Every warning found, listed or counted."""
        return self._total(WARNING)

    def _total(self, severity: str) -> int:
        return self._totals.get(severity, 0)

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted_issues(self) -> list[Issue]:
        order = {name: k for k, name in enumerate(dict.fromkeys(i.sheet for i in self.issues))}
        listed = sorted(self.issues, key=lambda i: (_RANK.get(i.severity, 1), order[i.sheet],
                                                    i.row or 0, i.cell or ""))
        return listed + self._summaries()

    def to_dict(self) -> dict:
        return {
            "file": self.file_name,
            "sheet": self.sheet,
            "ok": self.ok,
            "n_errors": self.n_errors,
            "n_warnings": self.n_warnings,
            "n_infos": self.n_infos,
            "issues": [asdict(i) for i in self.sorted_issues()],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        head = (f"{self.file_name}: {self.n_errors} 个错误 errors, "
                f"{self.n_warnings} 个警告 warnings")
        lines = [head]
        for issue in self.sorted_issues():
            tag = {ERROR: "错误 ERROR", INFO: "说明 INFO "}.get(issue.severity, "警告 WARN ")
            where = self.where(issue)
            value = f" [{issue.value}]" if issue.value not in (None, "") else ""
            lines.append(f"  {tag} {where:>8}{value}: {issue.message_zh}")
            lines.append(f"  {'':10} {'':>8}  {issue.message_en}")
        return "\n".join(lines)
