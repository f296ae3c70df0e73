"""The CJK font the report embeds: Noto Sans CJK SC from Debian's fonts-noto-cjk.

``$CAMPUS_ENERGY_CJK_FONT`` may name another OpenType/TrueType file (or collection) with
Chinese glyphs.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTCollection

FONT_ENV = "CAMPUS_ENERGY_CJK_FONT"
CANDIDATES = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)
FAMILY = "NotoSansCJK"               # the name the PDF writer registers it under


class FontMissing(RuntimeError):
    """No font with Chinese glyphs: install fonts-noto-cjk (``make test`` does)."""


def cjk_font_path() -> Path:
    """The font file to embed.

    Raises
    ------
    FontMissing
        When none of the candidates (or ``$CAMPUS_ENERGY_CJK_FONT``) exists.
    """
    given = os.environ.get(FONT_ENV)
    for path in ([Path(given)] if given else []) + list(CANDIDATES):
        if path.is_file():
            return path
    raise FontMissing("没有中文字体：请安装 fonts-noto-cjk / no CJK font: install fonts-noto-cjk "
                      f"or set {FONT_ENV}")


@cache
def collection_index(path: Path, prefer: str = "SC") -> int:
    """Index of the Simplified-Chinese face in a font collection (0 for a single font)."""
    if path.suffix.lower() not in (".ttc", ".otc"):
        return 0
    faces = TTCollection(str(path), lazy=True).fonts
    names = [face["name"].getDebugName(1) or "" for face in faces]
    return next((i for i, n in enumerate(names) if n.endswith(f" {prefer}")
                 and "Mono" not in n), 0)
