"""The report as a PDF (fpdf2) with an embedded subset of Noto Sans CJK SC.

fpdf2 reads OpenType collections (``collection_font_number``) and embeds the CFF outlines
of only the glyphs used, so a report is some hundreds of kB, not the font's 20 MB.
"""

from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.fonts import FontFace

from energy.report.document import Block
from energy.report.fonts import FAMILY, cjk_font_path, collection_index

MARGIN_MM = 20.0
SIZES = {"title": 18, "subtitle": 11, "heading": 14, "paragraph": 10.5, "note": 10.5,
         "caption": 9, "table": 8.5}
HEADER_FILL = (230, 236, 244)
# Noto Sans CJK has no subscript digits: the declared labels' CO₂ is printed as CO2.
_NO_GLYPH = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
NOTE_COLOUR = (192, 57, 43)


def _pdf(title: str) -> FPDF:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    path = cjk_font_path()
    pdf.add_font(FAMILY, fname=str(path), collection_font_number=collection_index(path))
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=MARGIN_MM)
    pdf.set_title(title)
    pdf.set_creator("campus-energy")
    pdf.add_page()
    return pdf


def _text(pdf: FPDF, value: str, size: float, gap_mm: float = 2.0,
          colour: tuple[int, int, int] = (0, 0, 0)) -> None:
    pdf.set_font(FAMILY, size=size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, value.translate(_NO_GLYPH), align="L", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(gap_mm)


def _table(pdf: FPDF, block: Block) -> None:
    pdf.set_font(FAMILY, size=SIZES["table"])
    header = FontFace(emphasis="NONE", fill_color=HEADER_FILL)
    with pdf.table(headings_style=header, line_height=SIZES["table"] * 0.55,
                   text_align="LEFT") as grid:
        for values in [block.header, *block.rows]:
            row = grid.row()
            for value in values:
                row.cell(value.translate(_NO_GLYPH))
    pdf.ln(3)


def _figure(pdf: FPDF, block: Block) -> None:
    width = pdf.epw
    pdf.image(io.BytesIO(block.image), w=width)
    _text(pdf, block.text, SIZES["caption"], gap_mm=4)


def _block(pdf: FPDF, block: Block) -> None:
    if block.kind == "table":
        _table(pdf, block)
    elif block.kind == "figure":
        _figure(pdf, block)
    elif block.kind == "note":
        _text(pdf, block.text, SIZES["note"], colour=NOTE_COLOUR)
    elif block.kind == "heading":
        pdf.ln(2)
        _text(pdf, block.text, SIZES["heading"])
    else:
        _text(pdf, block.text, SIZES[block.kind], gap_mm=6 if block.kind == "title" else 2)


def write_pdf(blocks: list[Block]) -> bytes:
    """The blocks as a PDF file (bytes)."""
    title = next((b.text for b in blocks if b.kind == "title"), "")
    pdf = _pdf(title)
    for block in blocks:
        _block(pdf, block)
    return bytes(pdf.output())
