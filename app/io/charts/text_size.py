"""How much room a chart's words take, measured in the fonts the PDF embeds.

The chart layout (``layout``) and the PDF renderer (``reportlab_renderer``) both measure with
these functions, so the margins matplotlib is given and the text reportlab prints agree to the
point. The window draws the same DejaVu Sans through matplotlib, whose advance widths are the
same, so the one layout fits both.

A character DejaVu Sans lacks (a Chinese partner name) is measured, and printed, in the bundled
font that draws it, as the rest of the PDF does (``app.io.pdf_fonts``).
"""

from __future__ import annotations

import functools

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

from app.io.pdf_fonts import MISSING, SANS, SANS_BOLD, covered, drawing_font, register_fonts

ELLIPSIS = "…"


@functools.cache
def _fonts() -> tuple[str, str]:
    register_fonts()
    return SANS.name, SANS_BOLD.name


def load_fonts() -> None:
    """Read the fonts the charts are measured with (about 0.1 s, once a process)."""
    _fonts()


def font_name(bold: bool) -> str:
    """The registered name of the main font, regular or bold."""
    return _fonts()[bold]


@functools.cache
def _extent(bold: bool) -> tuple[float, float]:
    face = getFont(font_name(bold)).face
    return face.ascent / 1000, -face.descent / 1000


def ascent(size: float, bold: bool = False) -> float:
    """Height above the baseline of a line of text at ``size`` points."""
    return _extent(bold)[0] * size


def descent(size: float, bold: bool = False) -> float:
    """Depth below the baseline (positive) of a line of text at ``size`` points."""
    return _extent(bold)[1] * size


def line_height(size: float, bold: bool = False) -> float:
    """Ascent and descent together: the height one line of text takes."""
    up, down = _extent(bold)
    return (up + down) * size


def runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """``text`` cut into (font name, text) runs, each in a bundled font that draws it; a
    character none draws becomes the replacement character, in the main font."""
    main = font_name(bold)
    if covered(text, bold):
        return [(main, text)]
    out: list[tuple[str, list[str]]] = []
    for char in text:
        font = main if char == " " and out else drawing_font(char, bold)
        if font is None:
            char, font = MISSING, main
        if out and out[-1][0] == font:
            out[-1][1].append(char)
        else:
            out.append((font, [char]))
    return [(font, "".join(chars)) for font, chars in out]


def width(text: str, size: float, bold: bool = False) -> float:
    """The advance width of ``text`` at ``size`` points."""
    return float(sum(stringWidth(part, font, size) for font, part in runs(text, bold)))


def elide(text: str, size: float, room: float, bold: bool = False) -> str:
    """``text`` as it is when it fits ``room`` points, else cut with an ellipsis to fit."""
    if width(text, size, bold) <= room:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest start that fits with the ellipsis after it
        middle = (low + high + 1) // 2
        if width(text[:middle].rstrip() + ELLIPSIS, size, bold) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS
