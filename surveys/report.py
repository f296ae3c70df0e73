"""Validation reports: every problem located by cell, in Chinese and English."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One problem found in a sheet, located by its Excel cell."""

    severity: str  # "error" or "warning"
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


@dataclass
class Report:
    """All problems found in one file."""

    file_name: str
    issues: list[Issue] = field(default_factory=list)
    sheet: str | None = None

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted_issues(self) -> list[Issue]:
        return sorted(self.issues, key=lambda i: (i.severity != ERROR, i.row or 0, i.cell or ""))

    def to_dict(self) -> dict:
        return {
            "file": self.file_name,
            "sheet": self.sheet,
            "ok": self.ok,
            "n_errors": len(self.errors),
            "n_warnings": len(self.warnings),
            "issues": [asdict(i) for i in self.sorted_issues()],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        head = (f"{self.file_name}: {len(self.errors)} 个错误 errors, "
                f"{len(self.warnings)} 个警告 warnings")
        lines = [head]
        for issue in self.sorted_issues():
            tag = "错误 ERROR" if issue.severity == ERROR else "警告 WARN "
            where = issue.cell or (f"row {issue.row}" if issue.row else "-")
            value = f" [{issue.value}]" if issue.value not in (None, "") else ""
            lines.append(f"  {tag} {where:>8}{value}: {issue.message_zh}")
            lines.append(f"  {'':10} {'':>8}  {issue.message_en}")
        return "\n".join(lines)
