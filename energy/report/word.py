"""The report as a Word document (python-docx), Chinese text in a CJK typeface."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from energy.report.document import Block

LATIN_FONT = "Calibri"
EAST_ASIAN_FONT = "Noto Sans CJK SC"     # Word falls back to 等线/宋体 where it is missing
FIGURE_WIDTH_CM = 16.0


def _fonts(style_or_run) -> None:
    """Latin and East-Asian typefaces of a style or run (w:rFonts w:eastAsia)."""
    style_or_run.font.name = LATIN_FONT
    r_pr = style_or_run.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(fonts)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _setup(document) -> None:
    for name in ("Normal", "Title", "Heading 1", "Caption"):
        _fonts(document.styles[name])
    document.styles["Normal"].font.size = Pt(10.5)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)


def _table(document, block: Block) -> None:
    grid = document.add_table(rows=1, cols=len(block.header))
    grid.style = "Table Grid"
    for cell, label in zip(grid.rows[0].cells, block.header):
        cell.text = label
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in block.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
    document.add_paragraph()


def _block(document, block: Block) -> None:
    if block.kind == "title":
        document.add_heading(block.text, level=0)
    elif block.kind == "subtitle":
        document.add_paragraph(block.text).alignment = WD_ALIGN_PARAGRAPH.LEFT
    elif block.kind == "note":
        run = document.add_paragraph().add_run(block.text)
        run.bold = True
        run.font.color.rgb = RGBColor(0xC0, 0x39, 0x2B)
    elif block.kind == "heading":
        document.add_heading(block.text, level=1)
    elif block.kind == "paragraph":
        document.add_paragraph(block.text)
    elif block.kind == "table":
        _table(document, block)
    elif block.kind == "figure":
        document.add_picture(io.BytesIO(block.image), width=Cm(FIGURE_WIDTH_CM))
        document.add_paragraph(block.text, style="Caption")


def write_docx(blocks: list[Block]) -> bytes:
    """The blocks as a .docx file (bytes)."""
    document = Document()
    _setup(document)
    for block in blocks:
        _block(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
