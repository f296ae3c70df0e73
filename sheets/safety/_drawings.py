"""Text a school typed in drawn text boxes (插入 → 文本框), by the sheet they are drawn on.

A text box is no cell: its words live in the sheet's drawing part (``xl/drawings/…xml``),
reached from the workbook through two relationship parts. Called after the pre-scan passed,
with an archive of its own so this walk has a budget of its own; every part is read through
the bounded collecting sink and parsed by defusedxml, and at most :data:`MAX_BOXES` boxes of
:data:`MAX_BOX_CHARS` characters are kept.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from sheets.safety._common import Limits
from sheets.safety._xml import Collector, local, parse_xml
from sheets.safety._zip import Archive

MAX_BOXES = 50        # text boxes kept per workbook
MAX_BOX_CHARS = 2000  # characters kept per box
_REL_DRAWING = "/drawing"


@dataclass(frozen=True)
class TextBox:
    """The paragraphs of one text box and the cell its top-left corner sits on (0-based)."""

    lines: tuple[str, ...]
    row: int
    col: int


def _rels(archive: Archive, part: str) -> dict[str, tuple[str, str]]:
    """``Id → (Type, Target)`` of a part's relationships, targets resolved to part paths."""
    directory, base = posixpath.split(part)
    data = archive.read_part(posixpath.join(directory, "_rels", base + ".rels"), Collector)
    if not data:
        return {}
    found = {}
    for elem in parse_xml(part, data).iter():
        if local(elem.tag) == "Relationship" and elem.get("TargetMode") != "External":
            target = elem.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(directory, target))
            found[elem.get("Id", "")] = (elem.get("Type", ""), path)
    return found


def _sheet_parts(archive: Archive) -> list[tuple[str, str]]:
    """``(sheet name, worksheet part)`` in workbook order."""
    workbook = "xl/workbook.xml"
    data = archive.read_part(workbook, Collector)
    if not data:
        return []
    rels = _rels(archive, workbook)
    out = []
    for elem in parse_xml(workbook, data).iter():
        if local(elem.tag) != "sheet":
            continue
        rid = next((v for k, v in elem.attrib.items() if local(k) == "id"), None)
        if rid in rels:
            out.append((elem.get("name", ""), rels[rid][1]))
    return out


def _anchor(elem) -> tuple[int, int]:
    for child in elem.iter():
        if local(child.tag) == "from":
            cells = {local(c.tag): c.text for c in child}
            return int(cells.get("row") or 0), int(cells.get("col") or 0)
    return 0, 0


def _boxes(part: str, data: bytes) -> list[TextBox]:
    out = []
    for anchor in parse_xml(part, data):
        lines = []
        for elem in anchor.iter():
            if local(elem.tag) == "p":
                text = "".join(t.text or "" for t in elem.iter() if local(t.tag) == "t").strip()
                if text:
                    lines.append(text[:MAX_BOX_CHARS])
        if lines:
            out.append(TextBox(tuple(lines), *_anchor(anchor)))
    return out


def text_boxes(data: bytes, limits: Limits) -> dict[str, tuple[TextBox, ...]]:
    """Sheet name → the text boxes drawn on it, for an .xlsx that passed the pre-scan."""
    archive = Archive(data, limits)
    out: dict[str, tuple[TextBox, ...]] = {}
    kept = 0
    for name, sheet_part in _sheet_parts(archive):
        found = []
        for rel_type, target in _rels(archive, sheet_part).values():
            if not rel_type.endswith(_REL_DRAWING) or kept >= MAX_BOXES:
                continue
            drawing = archive.read_part(target, Collector)
            if drawing:
                boxes = _boxes(target, drawing)[:MAX_BOXES - kept]
                kept += len(boxes)
                found.extend(boxes)
        if found:
            out[name] = tuple(found)
    return out
