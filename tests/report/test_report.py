"""The survey analysis report (energy.report): Word and PDF of the demo data, figures equal to
the API's, Chinese text really in the PDF (embedded font, extractable, rendered)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from energy.api import estimate_pv, open_survey_db
from energy.pv.explore import city_summary, district_table
from energy.report import build_report
from energy.report.labels import SUMMARY_ROWS, TEXT
from surveys.demo import seed_demo

N_SCHOOLS = 30
POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext") and shutil.which("pdffonts")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "campus_energy.duckdb"
    seed_demo(path, n_schools=N_SCHOOLS, progress=None)
    return path


@pytest.fixture(scope="module")
def docx_file(demo_db) -> Path:
    out = demo_db.with_name("报告.docx")
    done = subprocess.run([sys.executable, "-m", "energy.report", str(out), "--db", str(demo_db)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def pdf_file(demo_db) -> Path:
    out = demo_db.with_name("报告.pdf")
    done = subprocess.run([sys.executable, "-m", "energy.report", str(out), "--db", str(demo_db)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return out


def _number(text: str) -> float:
    """A table cell back to a number: ``1,234`` → 1234, ``20.5%`` → 0.205."""
    value = float(text.replace(",", "").rstrip("%"))
    return value / 100 if text.endswith("%") else value


def _resolution(fmt: str) -> float:
    """Half the last printed digit of a format such as ``{:,.0f}`` or ``{:.1%}``."""
    decimals = int(re.search(r"\.(\d)", fmt).group(1))
    return 0.5 * 10 ** -(decimals + (2 if fmt.endswith("%}") else 0))


def _tables(path: Path) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in table.rows] for table in
            docx.Document(str(path)).tables]


def test_docx_summary_figures_equal_the_api(demo_db, docx_file):
    with open_survey_db(demo_db) as store:
        expected = city_summary(estimate_pv(store))
    summary = next(t for t in _tables(docx_file) if t[0][0] == TEXT["summary_table"][0])
    shown = {label: value for label, value in summary[1:]}
    assert len(shown) == len(SUMMARY_ROWS)
    for key, label_zh, _, fmt in SUMMARY_ROWS:
        assert abs(_number(shown[label_zh]) - expected[key]) <= _resolution(fmt) * 1.0001, key
    assert expected["campuses"] == N_SCHOOLS


def test_docx_district_table_equals_the_api(demo_db, docx_file):
    with open_survey_db(demo_db) as store:
        api = district_table(estimate_pv(store)).set_index("district")
    table = next(t for t in _tables(docx_file) if t[0][0] == "区" and t[0][1] == "校园数")
    rows = {row[0]: row for row in table[1:]}
    assert len(rows) == 16                           # every district, surveyed or not
    for district, row in api.iterrows():
        assert int(row["n_schools"]) == _number(rows[district][1])
        assert abs(row["annual_yield_kwh"] / 1e3 - _number(rows[district][4])) <= 0.5


def test_docx_says_demo_data_and_the_costs_are_assumptions(docx_file):
    paragraphs = "\n".join(p.text for p in docx.Document(str(docx_file)).paragraphs)
    assert TEXT["title"][0] in paragraphs
    assert TEXT["demo"][0] in paragraphs
    assert "测算假设" in paragraphs and "并非报价" in paragraphs
    assert len(docx.Document(str(docx_file)).inline_shapes) == 3    # map, districts, months


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftoppm, pdftotext) not installed")
def test_pdf_embeds_a_chinese_font_and_its_text_extracts(pdf_file):
    fonts = subprocess.run(["pdffonts", str(pdf_file)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts   # emb
    assert any("NotoSansCJK" in line for line in fonts)
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf_file), "-"],
                           capture_output=True, text=True, check=True).stdout
    for words in (TEXT["title"][0], "一、调研概况", "二、光伏潜力汇总", "已调研校园"):
        assert words in first, first
    assert "\ufffd" not in first and "□" not in first    # no replacement glyphs (tofu)
    assert re.search(r"已调研校园\s+" + str(N_SCHOOLS), first)


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftoppm, pdftotext) not installed")
def test_pdf_first_pages_render_with_ink(pdf_file, tmp_path):
    import numpy as np
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "2", str(pdf_file),
                    str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    for page in pages:
        dark = int((np.asarray(Image.open(page).convert("L")) < 128).sum())
        assert dark > 2_000, (page.name, dark)   # text and tables drawn, not a blank page


def test_english_report_for_two_districts(demo_db):
    with open_survey_db(demo_db) as store:
        data = build_report(store, "docx", districts=["黄浦区", "浦东新区"], lang="en")
        results = estimate_pv(store)
    path = demo_db.with_name("en.docx")
    path.write_bytes(data)
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert TEXT["title"][1] in text and "Huangpu" in text and "Pudong" in text
    districts = next(t for t in _tables(path) if t[0][0] == "District")
    assert sorted(r[0] for r in districts[1:]) == ["Huangpu", "Pudong"]
    two = results[results["district"].isin(["黄浦区", "浦东新区"])]
    summary = next(t for t in _tables(path) if t[0][0] == TEXT["summary_table"][1])
    assert _number(summary[1][1]) == two["school_code"].nunique()


@pytest.mark.parametrize("args,message", [
    (["out.txt"], ".docx"),
    (["out.pdf", "--district", "火星区"], "火星区"),
])
def test_cli_refuses_bad_arguments_with_exit_2(demo_db, tmp_path, args, message):
    args = [str(tmp_path / args[0]), *args[1:], "--db", str(demo_db)]
    done = subprocess.run([sys.executable, "-m", "energy.report", *args], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2 and message in done.stderr


def test_readme_shows_the_command_and_a_page_image():
    from core.config import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text("utf-8")
    assert "python -m energy.report OUT.docx|OUT.pdf" in readme
    assert "(docs/report_page.png)" in readme and (PROJECT_ROOT / "docs/report_page.png").exists()
