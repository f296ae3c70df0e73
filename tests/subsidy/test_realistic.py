"""The realistic subsidy corpus: applications and expert scores read as a person reads them.

For every file: the expected applications or scores and their values (or errors at named
cells), and nothing silently lost: every non-empty source column is mapped or listed in the
report, every non-empty row under the header is a record or a listed skip.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from energy.subsidy.intake import check_applications, check_reviews, is_form, read_book
from energy.subsidy.reviews import read_score_sheets
from sheets.cells import column_letter, is_blank
from tests.subsidy.realistic import corpus, corpus_blind, corpus_unseen

APPS = (corpus.application_cases() + corpus_unseen.application_cases()
        + corpus_unseen.second_batch_application_cases()
        + corpus_unseen.third_batch_application_cases()
        + corpus_unseen.fourth_batch_application_cases()
        + corpus_unseen.fifth_batch_application_cases()
        + corpus_unseen.sixth_batch_application_cases()
        + corpus_unseen.seventh_batch_application_cases())
REVIEWS = (corpus.review_cases() + corpus_unseen.review_cases()
           + corpus_unseen.second_batch_review_cases()
           + corpus_unseen.third_batch_review_cases()
           + corpus_unseen.fourth_batch_review_cases()
           + corpus_unseen.fifth_batch_review_cases()
           + corpus_unseen.seventh_batch_review_cases())
BLIND_APPS = (corpus_blind.application_cases() + corpus_blind.second_batch_application_cases()
              + corpus_blind.third_batch_application_cases()
              + corpus_blind.fourth_batch_application_cases()
              + corpus_blind.fifth_batch_application_cases()
              + corpus_blind.sixth_batch_application_cases()
              + corpus_blind.seventh_batch_application_cases()
              + corpus_blind.eighth_batch_application_cases())
BLIND_REVIEWS = (corpus_blind.review_cases() + corpus_blind.second_batch_review_cases()
                 + corpus_blind.third_batch_review_cases()
                 + corpus_blind.fourth_batch_review_cases()
                 + corpus_blind.fifth_batch_review_cases()
                 + corpus_blind.sixth_batch_review_cases()
                 + corpus_blind.seventh_batch_review_cases()
                 + corpus_blind.eighth_batch_review_cases())


def _params(cases, strict: bool = True, blind=()):
    """The cases, those not yet read (corpus_unseen.NOT_YET_READ) as expected failures
    (strict where the reading is checked: a case read at last must leave the list); then the
    blind corpus's cases, ids ``blind-…``, with its own list (corpus_blind.NOT_YET_READ_BLIND)."""
    def one(c, not_yet, prefix):
        if c.name in not_yet:
            return pytest.param(c, id=prefix + c.name, marks=pytest.mark.xfail(
                reason=not_yet[c.name], strict=strict))
        return pytest.param(c, id=prefix + c.name)
    return ([one(c, corpus_unseen.NOT_YET_READ, "") for c in cases]
            + [one(c, corpus_blind.NOT_YET_READ_BLIND, "blind-") for c in blind])


def _same(found, expected) -> bool:
    if expected is None:
        return found is None or (isinstance(found, float) and math.isnan(found)) or (
            str(found) in ("<NA>", "NaT"))
    if isinstance(expected, float):
        return found == pytest.approx(expected)
    if isinstance(expected, dt.datetime):
        return found == expected
    return found == expected


def _check_issues(result, expect) -> str:
    text = result.report.to_text()
    codes = {i.code for i in result.report.issues}
    assert expect.warnings <= codes, text
    assert not (expect.absent & codes), text
    warning_cells = {i.cell for i in result.report.warnings}
    assert expect.warning_cells <= warning_cells, text
    errors = {i.cell for i in result.report.errors}
    if getattr(expect, "refused", False):
        assert not result.ok, text
    if expect.ok:
        assert result.ok, text
    else:
        assert expect.errors <= errors, text
    listed = {i.cell for i in result.report.issues}
    assert getattr(expect, "listed", set()) <= listed, text
    for issue in result.report.issues:
        assert issue.message_zh and issue.message_en, issue
        assert "调研表" not in issue.message_zh and "survey" not in issue.message_en, issue
        assert "栋楼" not in issue.message_zh and "楼栋" not in issue.message_zh, issue
    return text


@pytest.mark.parametrize("case", _params(APPS, blind=BLIND_APPS))
def test_application_sheet_is_read_as_a_person_reads_it(case):
    result = check_applications(case.data, case.file_name)
    text = _check_issues(result, case.expect)
    if case.expect.ok:
        assert len(result.frame) == case.expect.n, text
        for (k, name), value in case.expect.values.items():
            assert _same(result.frame.iloc[k][name], value), (k, name, result.frame.iloc[k][name],
                                                              text)


@pytest.mark.parametrize("case", _params(REVIEWS, blind=BLIND_REVIEWS))
def test_score_sheet_is_read_as_a_person_reads_it(case):
    result = check_reviews(case.data, case.file_name)
    text = _check_issues(result, case.expect)
    if not case.expect.ok:
        return
    frame = result.frame
    assert len(frame) == case.expect.n, (frame, text)
    for app, reviewer, criterion in getattr(case.expect, "missing", set()):
        found = frame[(frame["application_id"] == app) & (frame["reviewer_id"] == reviewer)
                      & (frame["criterion"] == criterion)]
        assert found.empty, (app, reviewer, criterion, found, text)
    for (app, reviewer, criterion), score in case.expect.values.items():
        found = frame[(frame["application_id"] == app) & (frame["reviewer_id"] == reviewer)
                      & (frame["criterion"] == criterion)]
        assert len(found) == 1, (app, reviewer, criterion, frame, text)
        assert found.iloc[0]["score"] == pytest.approx(score), text


def _listed(report) -> tuple[set[str], set[str]]:
    cells = {i.cell for i in report.issues if i.cell}
    return cells, {c.rstrip("0123456789") for c in cells}


def _table_nothing_lost(parsed, report) -> None:
    grid = parsed.grid
    listed, letters = _listed(report)
    mapped = {m.column for m in parsed.mapping if m.applied}
    reported = {m.column for m in parsed.mapping if m.cell in listed}
    top = parsed.header_rows[0] - grid.first_row
    first = parsed.header_rows[-1] - grid.first_row + 1
    for j in range(max(len(r) for r in grid.rows)):
        if all(is_blank(grid.value(i, j)) for i in range(top, len(grid.rows))):
            continue
        letter = column_letter(grid.first_col + j)
        assert j in mapped or j in reported or letter in letters, (
            f"{parsed.sheet}: column {letter} neither read nor listed", report.to_text())
    records = {r.row for r in parsed.records}
    skipped = {row for row, _ in parsed.skipped_rows}
    for i in range(first, len(grid.rows)):
        if all(is_blank(v) for v in grid.rows[i]):
            continue
        number = grid.first_row + i
        assert number in records or number in skipped, (
            f"{parsed.sheet}: row {number} neither read nor listed", report.to_text())


def _form_nothing_lost(parsed, report) -> None:
    grid = parsed.grid
    listed, _ = _listed(report)
    skipped = {row for row, _ in parsed.skipped_rows}
    first = parsed.header_row - grid.first_row
    for i in range(first, len(grid.rows)):
        for j, value in enumerate(grid.rows[i]):
            cell = grid.address(i, j)
            if is_blank(value) or grid.first_row + i in skipped:
                continue
            assert cell in parsed.form_cells | parsed.form_listed or cell in listed, (
                f"{parsed.sheet}: cell {cell} ({value}) neither read nor listed", report.to_text())


@pytest.mark.parametrize("case", _params(APPS, strict=False, blind=BLIND_APPS))
def test_nothing_is_silently_lost_in_applications(case):
    book = read_book(case.data, case.file_name)
    report = check_applications(case.data, case.file_name).report
    assert book.sheets
    for parsed in book.sheets:
        if is_form(parsed):
            _form_nothing_lost(parsed, report)
        else:
            _table_nothing_lost(parsed, report)


@pytest.mark.parametrize("case", _params(REVIEWS, strict=False, blind=BLIND_REVIEWS))
def test_nothing_is_silently_lost_in_scores(case):
    book = read_score_sheets(case.data, case.file_name)
    report = check_reviews(case.data, case.file_name).report
    if getattr(case.expect, "refused", False):
        assert report.errors, report.to_text()  # refused as a whole: no sheet to account for
        return
    assert book.sheets
    for sheet in book.sheets:
        _table_nothing_lost(sheet.parsed, report)


def test_corpus_is_broad():
    """At least eight application files (the unit only in a title, a vertical form, one
    project per sheet among them) and four expert-score layouts, in .xlsx, .xls and CSV."""
    assert len(APPS) >= 8 and len(REVIEWS) >= 4
    names = {c.name for c in APPS}
    assert {"title_unit_only", "vertical_form", "one_project_per_sheet"} <= names
    assert {c.file_name.rsplit(".", 1)[1] for c in APPS} >= {"xlsx", "xls", "csv"}
