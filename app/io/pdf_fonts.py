"""Fonts for PDFs: bundled TrueType fonts, chosen per run of text by coverage.

Text from the database is text, never markup: ``rich`` escapes it for reportlab's ``Paragraph``
and wraps each run that the main font cannot draw in a ``<font>`` tag naming a font that can
(DejaVu Sans for Latin, Greek, Cyrillic, Hebrew, Armenian and Georgian; Noto Naskh Arabic; a Noto
Sans font for each script of India and South-East Asia and for Ethiopic; Symbola for emoji and the
symbols the others lack; Droid Sans Fallback for Chinese and Japanese; Nanum Square for Korean),
so a partner called ``<b>Fast & "Safe"</b>`` prints exactly so, and mixed scripts print in one
line. A fallback font is read only when a text first needs it.

Emoji print in black and white: reportlab embeds outline (glyf) fonts only, not the colour
bitmaps of emoji fonts, so Symbola's outlines stand in for them. A sequence that a colour font
draws as one picture (a family joined by U+200D, a skin tone, a flag) prints as its parts.

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
DEVANAGARI = FontFace("CD-Devanagari", "NotoSansDevanagari-Regular.ttf")
DEVANAGARI_BOLD = FontFace("CD-Devanagari-Bold", "NotoSansDevanagari-Bold.ttf")
#: One weight each: a bold run of these scripts prints in their regular weight.
SCRIPTS = tuple(
    FontFace(f"CD-{script}", f"NotoSans{script}-Regular.ttf")
    for script in (
        "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam",
        "Sinhala", "Thai", "Lao", "Myanmar", "Khmer", "Ethiopic",
    )
)  # fmt: skip
#: Emoji (in outline) and symbols; after the scripts, since it draws some letters too.
SYMBOLS = FontFace("CD-Symbols", "Symbola.ttf")
KOREAN = FontFace("CD-Korean", "NanumSquareR.ttf")
KOREAN_BOLD = FontFace("CD-Korean-Bold", "NanumSquareB.ttf")
CJK = FontFace("CD-CJK", "DroidSansFallbackFull.ttf")

#: Fonts tried in order for a character the main font lacks: regular and bold text. The large
#: ones come last, so a text that needs none of them never reads them; Chinese before Korean,
#: whose font maps the Chinese characters to empty glyphs.
_FALLBACKS: dict[bool, tuple[FontFace, ...]] = {
    False: (SANS, ARABIC, DEVANAGARI, *SCRIPTS, SYMBOLS, CJK, KOREAN),
    True: (SANS_BOLD, ARABIC_BOLD, DEVANAGARI_BOLD, *SCRIPTS, SYMBOLS, CJK, KOREAN_BOLD),
}

#: Every face by its registered name.
_FACES = {face.name: face for faces in _FALLBACKS.values() for face in faces}

#: Right-to-left letters: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic (U+0590 to
#: U+08FF), their presentation forms, and the right-to-left blocks beyond the first plane.
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff"
#: Left-to-right scripts whose letters combine and reorder (Indic, Sinhala, Thai, Lao, Tibetan,
#: Myanmar, Khmer, Mongolian): they print right only once HarfBuzz has shaped them.
_COMPLEX = "\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u18af"
_SHAPED_CHAR = re.compile(f"[{_RTL}{_COMPLEX}]")
#: A run of right-to-left words separated by spaces (digits and Latin end it).
_RTL_RUN = re.compile(f"[{_RTL}]+(?: +[{_RTL}]+)*")

#: What a character no bundled font draws prints as: the replacement character, which the main
#: font draws. Without it the PDF would hold the font's .notdef box, and HarfBuzz, shaping a
#: word around such a character, stops reportlab altogether.
MISSING = "\ufffd"

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
    """Make the main fonts known to reportlab (cheap after the first call); a fallback is
    registered by ``font_for`` when a character first needs it."""
    _face(SANS)
    _face(SANS_BOLD)
    pdfmetrics.registerFontFamily(
        SANS.name,
        normal=SANS.name,
        bold=SANS_BOLD.name,
        italic=SANS.name,
        boldItalic=SANS_BOLD.name,
    )


def font_for(char: str, bold: bool = False) -> str:
    """The first bundled font that draws ``char`` (the main font when none does)."""
    return drawing_font(char, bold) or _FALLBACKS[bold][0].name


def drawing_font(char: str, bold: bool = False) -> str | None:
    """The first bundled font that draws ``char``, or ``None`` when none does (an emoji newer
    than Symbola's, a script without a bundled font)."""
    code = ord(char)
    for face in _FALLBACKS[bold]:
        if code in _face(face):
            return face.name
    return None


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
    line breaks kept.

    Within a word a character stays in the font of the letters before it when that font draws
    it (a comma or a digit after Arabic letters), so words change font only where they must.
    In text that is shaped (``needs_shaping``) such a change also ends the word with a space:
    reportlab shapes a whole word with the font of its first run, which draws the rest with the
    wrong glyphs, or stops the PDF when a glyph of the first font has no character (the
    conjuncts of Devanagari).
    """
    main = _FALLBACKS[bold][0].name
    shaped = needs_shaping(text)
    out: list[str] = []
    for index, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if index:
            out.append("<br/>")
        if needs_shaping(line):
            line = visual_order(line)
        run: list[str] = []
        run_font = main
        for ch in line:
            if ch == " " or (run and run[-1] != " " and ord(ch) in _face(_FACES[run_font])):
                name: str | None = run_font
            else:
                name = drawing_font(ch, bold)
            if name is None:  # no glyph anywhere: say so visibly, rather than an empty box
                ch, name = MISSING, main
            if name != run_font and run:
                if shaped and run[-1] != " ":
                    run.append(" ")
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
