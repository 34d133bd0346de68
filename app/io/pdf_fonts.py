"""Fonts for PDFs: bundled TrueType fonts, chosen per run of text by coverage.

Text from the database is text, never markup: ``rich`` escapes it for reportlab's ``Paragraph``
and wraps each run that the main font cannot draw in a ``<font>`` tag naming a font that can
(DejaVu Sans for Latin, Greek and Cyrillic; Noto Naskh Arabic; Droid Sans Fallback for CJK), so a
partner called ``<b>Fast & "Safe"</b>`` prints exactly so, and mixed scripts print in one line.

Arabic: reportlab joins the letters (initial, medial, final forms) through HarfBuzz when the
optional ``uharfbuzz`` package is installed; without it the letters print unjoined. Reportlab's
own right-to-left ordering needs ``rlbidi`` (not on PyPI), so the word order of a right-to-left
run is reversed here instead: right for a name on one line, not a full bidi algorithm.

Only a Paragraph is shaped: a plain string drawn with ``drawString`` prints each letter in its
isolated form, left to right. So text may take the fast plain-string path only when ``plain``
says so: the main font draws it and none of it needs shaping (DejaVu Sans draws Arabic and
Hebrew letters too, so coverage alone is not enough).
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from importlib.resources import as_file, files
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

#: The bundled fonts, package data of ``app.resources`` (so a wheel or a bundle carries them).
FONT_DIR = files("app.resources") / "fonts"


@dataclass(frozen=True, slots=True)
class FontFace:
    name: str
    file: str


SANS = FontFace("CD-Sans", "DejaVuSans.ttf")
SANS_BOLD = FontFace("CD-Sans-Bold", "DejaVuSans-Bold.ttf")
ARABIC = FontFace("CD-Arabic", "NotoNaskhArabic-Regular.ttf")
ARABIC_BOLD = FontFace("CD-Arabic-Bold", "NotoNaskhArabic-Bold.ttf")
CJK = FontFace("CD-CJK", "DroidSansFallbackFull.ttf")

#: Fonts tried in order for a character the main font lacks: regular and bold text.
_FALLBACKS: dict[bool, tuple[FontFace, ...]] = {
    False: (SANS, ARABIC, CJK),
    True: (SANS_BOLD, ARABIC_BOLD, CJK),
}

#: Right-to-left letters: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic (U+0590 to
#: U+08FF), their presentation forms, and the right-to-left blocks beyond the first plane.
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff"
#: Left-to-right scripts whose letters combine and reorder (Indic, Sinhala, Thai, Lao, Tibetan,
#: Myanmar, Khmer, Mongolian): they print right only once HarfBuzz has shaped them.
_COMPLEX = "\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u18af"
_SHAPED_CHAR = re.compile(f"[{_RTL}{_COMPLEX}]")
#: A run of right-to-left words separated by spaces (digits and Latin end it).
_RTL_RUN = re.compile(f"[{_RTL}]+(?: +[{_RTL}]+)*")

_lock = threading.Lock()


@functools.cache
def _face(face: FontFace) -> frozenset[int]:
    """Register ``face`` with reportlab (once) and return the code points it covers."""
    with _lock:
        try:
            font = pdfmetrics.getFont(face.name)
        except KeyError:
            # reportlab opens fonts by file name and reads them whole here, so a temporary copy
            # (made only when the package is not plain files on disk) may go once it is loaded.
            with as_file(FONT_DIR / face.file) as path:
                font = TTFont(face.name, str(path))
            pdfmetrics.registerFont(font)
    return frozenset(font.face.charToGlyph)


@functools.cache
def _drawable(face: FontFace) -> frozenset[str]:
    """The characters ``face`` draws, as one-letter strings: ``covered`` tests a whole text
    against them in one C-level set operation, at every cell of a long quote."""
    return frozenset(map(chr, _face(face)))


def register_fonts() -> None:
    """Make every bundled font known to reportlab (cheap after the first call)."""
    for faces in _FALLBACKS.values():
        for face in faces:
            _face(face)
    pdfmetrics.registerFontFamily(
        SANS.name,
        normal=SANS.name,
        bold=SANS_BOLD.name,
        italic=SANS.name,
        boldItalic=SANS_BOLD.name,
    )


def font_for(char: str, bold: bool = False) -> str:
    """The first bundled font that draws ``char`` (the main font when none does)."""
    faces = _FALLBACKS[bold]
    code = ord(char)
    for face in faces:
        if code in _face(face):
            return face.name
    return faces[0].name


def needs_shaping(text: str) -> bool:
    """True when ``text`` holds letters that print right only through HarfBuzz: right-to-left
    letters (Arabic joins them, Hebrew and Arabic run right to left) or combining scripts."""
    return _SHAPED_CHAR.search(text) is not None


def right_to_left(text: str) -> bool:
    """True when ``text`` holds right-to-left letters (Hebrew, Arabic…)."""
    return _RTL_RUN.search(text) is not None


def visual_order(text: str) -> str:
    """Reverse the word order inside each right-to-left run (the letters stay logical:
    HarfBuzz orders each word's glyphs itself)."""
    return _RTL_RUN.sub(lambda m: " ".join(reversed(m.group(0).split(" "))), text)


def covered(text: str, bold: bool = False) -> bool:
    """True when the main font draws every character of ``text`` (no fallback needed)."""
    return _drawable(_FALLBACKS[bold][0]).issuperset(text)


@functools.cache
def _plain(face: FontFace) -> frozenset[str]:
    """The characters ``face`` draws that need no shaping."""
    return frozenset(ch for ch in _drawable(face) if _SHAPED_CHAR.match(ch) is None)


def plain(text: str, bold: bool = False) -> bool:
    """True when ``text`` prints right as a plain string (``drawString``, a plain table cell):
    the main font draws every character and none needs shaping. One set operation, since the
    table of lines asks it for every cell of a long quote."""
    return _plain(_FALLBACKS[bold][0]).issuperset(text)


def rich(text: str, bold: bool = False) -> str:
    """``text`` as Paragraph markup that prints exactly ``text``: escaped, one font per run,
    line breaks kept."""
    main = _FALLBACKS[bold][0].name
    out: list[str] = []
    for index, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if index:
            out.append("<br/>")
        if needs_shaping(line):
            line = visual_order(line)
        run: list[str] = []
        run_font = main
        for ch in line:
            name = run_font if ch == " " else font_for(ch, bold)
            if name != run_font and run:
                out.append(_tagged("".join(run), run_font, main))
                run = []
            run_font = name
            run.append(ch)
        if run:
            out.append(_tagged("".join(run), run_font, main))
    return "".join(out)


def _tagged(text: str, font: str, main: str) -> str:
    body = escape(text, {'"': "&quot;"})
    return body if font == main else f'<font name="{font}">{body}</font>'
