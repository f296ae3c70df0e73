"""Files attached to applications in the tests: real ones written here (fpdf2, Pillow,
openpyxl, a zip holding a Word document) and hostile ones built byte by byte."""

from __future__ import annotations

import io
import struct
import zlib

from tests.security.hostile import compound_file, docm_package, rewrite, survey_xlsx, zip_of


def good_pdf(text: str = "Project budget 2027") -> bytes:
    """A one-page PDF written by fpdf2."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text=text)
    return bytes(pdf.output())


def pdf_of(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A small PDF from its objects' bodies (object 1 is the catalog), with a real xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, trailer_extra, xref))
    return out.getvalue()


PAGES = [b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
          b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]


def pdf_with_javascript(name: bytes = b"/JavaScript") -> bytes:
    """A PDF whose catalog runs a script when it opens (``name`` may be escaped)."""
    catalog = (b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S " + name
               + b" /JS (app.alert\\(1\\)) >> >>")
    return pdf_of([catalog, *PAGES])


def pdf_with_launch() -> bytes:
    catalog = (b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /Launch "
               b"/F (cmd.exe) >> >>")
    return pdf_of([catalog, *PAGES])


def pdf_script_in_object_stream() -> bytes:
    """The script's dictionary inside a compressed object stream (invisible in raw bytes)."""
    hidden = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"
    packed = zlib.compress(b"4 0 " + hidden)
    stream = (b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n"
              % len(packed) + packed + b"\nendstream")
    catalog = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"
    return pdf_of([catalog, *PAGES, stream])


def encrypted_pdf() -> bytes:
    encrypt = b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <00> /U <00> >>"
    return pdf_of([b"<< /Type /Catalog /Pages 2 0 R >>", *PAGES, encrypt],
                trailer_extra=b"/Encrypt 4 0 R ")


def good_png(size: tuple[int, int] = (640, 480)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def good_jpeg(size: tuple[int, int] = (800, 600)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 30)).save(out, format="JPEG", quality=80)
    return out.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_header_only(width: int = 50_000, height: int = 50_000) -> bytes:
    """A PNG whose header declares ``width`` × ``height`` pixels, with one row of data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = zlib.compress(b"\x00" + b"\x00" * 3 * min(width, 1000))
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", row) \
        + _chunk(b"IEND", b"")


def good_xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "投资明细"
    sheet.append(["项目", "金额（元）"])
    sheet.append(["LED 灯具", 120000])
    sheet.append(["安装", 30000])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_DOCX_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
               b'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
               b'ContentType="application/xml"/><Override PartName="/word/document.xml" '
               b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
               b'document.main+xml"/></Types>')


def good_docx() -> bytes:
    """A minimal Word document (what Word needs to open it)."""
    return zip_of({
        "[Content_Types].xml": _DOCX_TYPES,
        "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                       b'openxmlformats.org/package/2006/relationships"><Relationship Id="r1" '
                       b'Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       b'relationships/officeDocument" Target="word/document.xml"/>'
                       b"</Relationships>",
        "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.'
                             b'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
                             b"<w:r><w:t>Project description</w:t></w:r></w:p></w:body>"
                             b"</w:document>",
    })


def docx_with_macros() -> bytes:
    """A Word package holding a VBA project, named .docx."""
    return docm_package()


def xlsx_zip_bomb() -> bytes:
    """An xlsx carrying 60 MB of zeros packed some 1000:1."""
    return rewrite(survey_xlsx(), add={"xl/media/filler.bin": b"\x00" * (60 * 1024 * 1024)})


def html_page() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def docx_zip_bomb() -> bytes:
    """A Word document carrying 60 MB of zeros packed some 1000:1."""
    return rewrite(good_docx(), add={"word/media/filler.bin": b"\x00" * (60 * 1024 * 1024)})


def docx_with_vba_object() -> bytes:
    """A Word document embedding an OLE object whose compound file holds VBA storages."""
    ole = compound_file([("WordDocument", "stream", b"\x00" * 4096),
                         ("Macros", "storage", b""), ("VBA", "storage", b""),
                         ("_VBA_PROJECT", "stream", b"\xcc\x61" + b"\x00" * 4094)])
    return rewrite(good_docx(), add={"word/embeddings/oleObject1.bin": ole})


def docx_with_doctype() -> bytes:
    """A Word document whose main part declares an entity (a billion-laughs start)."""
    return zip_of({"[Content_Types].xml": _DOCX_TYPES,
                   "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>'
                                        b"<w:document xmlns:w=\"urn:w\">&a;</w:document>"})
