"""Fonts of the report: DejaVu Sans, embedded, and a fallback for CJK characters.

DejaVu Sans ships inside matplotlib's ``mpl-data``, so the report registers it
from there and embeds a subset in every PDF. It covers Latin, Greek, Cyrillic,
Arabic and Hebrew letters, but no Chinese, Japanese or Korean characters. Those
are set in Adobe's standard CID fonts (``STSong-Light``, ``HYSMyeongJo-Medium``),
which every PDF reader maps to an installed Asian font: the characters stay real,
searchable text instead of the empty boxes (and lost text) a missing glyph would
give. These fallback fonts are the one exception to embedding, and they appear
only in a report whose names contain such characters. Arabic and Hebrew are
drawn with DejaVu's glyphs in logical order, unshaped (reportlab does no
bidirectional layout): legible letter by letter, searchable, not typeset.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = [
    "BOLD",
    "REGULAR",
    "font_runs",
    "markup",
    "register_fonts",
    "string_width",
]

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_CJK = "STSong-Light"
_HANGUL = "HYSMyeongJo-Medium"


def _font_folder() -> Path:
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            folder = Path(location) / "mpl-data" / "fonts" / "ttf"
            if (folder / "DejaVuSans.ttf").is_file():
                return folder
    # A frozen app may lay matplotlib out differently: ask matplotlib itself.
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@functools.cache
def register_fonts() -> frozenset[int]:
    """Register DejaVu Sans (regular, bold) with reportlab, once.

    Returns
    -------
    frozenset of int
        The code points DejaVu Sans has glyphs for.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    folder = _font_folder()
    regular = TTFont(REGULAR, str(folder / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    pdfmetrics.registerFont(UnicodeCIDFont(_CJK))
    pdfmetrics.registerFont(UnicodeCIDFont(_HANGUL))
    return frozenset(regular.face.charToGlyph)


def _fallback(char: str) -> str:
    code = ord(char)
    if 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F or 0xAC00 <= code <= 0xD7AF:
        return _HANGUL
    return _CJK


def font_runs(text: str, font: str = REGULAR) -> list[tuple[str, str]]:
    """Split ``text`` into ``(font, chunk)`` runs: DejaVu where it has the glyphs.

    Examples
    --------
    >>> font_runs("Usine 工厂")
    [('DejaVuSans', 'Usine '), ('STSong-Light', '工厂')]
    """
    covered = register_fonts()
    if covered.issuperset(map(ord, text)):
        # (nearly every text: the tables of a 10,000-building report measure
        # 50,000 labels, one Python step a character otherwise)
        return [(font, text)] if text else []
    runs: list[tuple[str, str]] = []
    for char in text:
        name = font if ord(char) in covered or char.isspace() else _fallback(char)
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + char)
        else:
            runs.append((name, char))
    return runs


def markup(text: str, font: str = REGULAR) -> str:
    """``text`` escaped for a reportlab Paragraph, with CJK runs in their font.

    Examples
    --------
    >>> markup("A & B 工")
    'A &amp; B <font name="STSong-Light">工</font>'
    """
    # reportlab's Paragraph breaks lines at U+202F and prints it as a plain
    # space; in running text a full no-break space at least keeps "3 306 m²"
    # on one line. Figures in tables keep U+202F (drawn as strings).
    text = text.replace("\u202f", "\u00a0")
    parts = []
    for name, chunk in font_runs(text, font):
        if name == font:
            parts.append(escape(chunk))
        else:
            parts.append(f'<font name="{name}">{escape(chunk)}</font>')
    return "".join(parts)


def string_width(text: str, size: float, font: str = REGULAR) -> float:
    """Width in points of ``text`` set at ``size``, across its font runs."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(chunk, name, size) for name, chunk in font_runs(text, font))
