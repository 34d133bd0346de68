"""Any character a person can type prints with a glyph: each run of text goes to a bundled font
that draws it, emoji in outline (Symbola), and a character no bundled font has prints as the
replacement character instead of an empty box."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from app.io import pdf_fonts
from app.io.quote_pdf import render_quote_pdf
from tests.support.quote_docs import document, line, pdftotext_pages

#: Names as partners type them, one script (or kind of symbol) each, with the font that draws it.
SAMPLES = {
    "emoji": ("Sunny Side Café 😀🚀🎉☕👍", "Symbola"),
    "symbols": ("Ace ✓ ★ ☎ ₹ ⌘ ⚡ ♻", "Symbola"),
    "devanagari": ("नमस्ते प्रणाली", "NotoSansDevanagari"),
    "bengali": ("বাংলা সিস্টেম", "NotoSansBengali"),
    "tamil": ("தமிழ் நிறுவனம்", "NotoSansTamil"),
    "thai": ("บริษัท ไทย", "NotoSansThai"),
    "korean": ("한국 시스템 주식회사", "NanumSquare"),
    "chinese": ("北京科技有限公司", "DroidSansFallback"),
}
_RUN = re.compile(r'<font name="([^"]+)">(.*?)</font>|([^<]+)', re.S)


def _runs(markup: str) -> list[tuple[str | None, str]]:
    """(font name or None for the main font, text) of each run of ``rich`` markup."""
    return [(font or None, text or plain) for font, text, plain in _RUN.findall(markup)]


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
@pytest.mark.parametrize("name", [text for text, _font in SAMPLES.values()], ids=list(SAMPLES))
def test_every_character_goes_to_a_font_that_draws_it(name: str, bold: bool) -> None:
    pdf_fonts.register_fonts()
    main = "CD-Sans-Bold" if bold else "CD-Sans"
    for font, text in _runs(pdf_fonts.rich(name, bold)):
        drawn = pdf_fonts._face(next(
            face for faces in pdf_fonts._FALLBACKS.values() for face in faces
            if face.name == (font or main)
        ))  # fmt: skip
        assert all(ord(ch) in drawn for ch in text if ch != " "), (font, text)


def _fonts(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "quote.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [row.split() for row in listing.stdout.splitlines()[2:]]


def test_each_script_prints_in_its_font_embedded_as_a_subset(tmp_path: Path) -> None:
    lines = tuple(
        line(i, f"CD-{i}", f"{text} licence", 1, "10.00")
        for i, (text, _font) in enumerate(SAMPLES.values(), start=1)
    )
    pdf = render_quote_pdf(document(lines, partner=SAMPLES["emoji"][0]))
    fonts = _fonts(pdf, tmp_path)
    for _text, family in SAMPLES.values():
        found = [row for row in fonts if family in row[0]]
        assert found, (family, fonts)
        assert all(row[0][6] == "+" and row[-5] == "yes" for row in found)  # subset, embedded
    # reportlab's ToUnicode map holds four hex digits a character, so the emoji beyond the first
    # plane (😀) cannot be read back as text, though they are drawn from Symbola (test above).
    text = " ".join(pdftotext_pages(pdf))
    for ch in "☕✓★☎₹⌘⚡♻한국시스템北京科技":
        assert ch in text, ch


def test_a_character_no_font_draws_prints_as_the_replacement_character() -> None:
    # U+1FAE0 is newer than Symbola's emoji; beside Devanagari the word is shaped by HarfBuzz,
    # which stopped the whole PDF when it met a glyph the font lacked.
    name = "नमस्ते\U0001fae0 Acme"
    assert pdf_fonts.drawing_font("\U0001fae0") is None
    assert "\ufffd" in pdf_fonts.rich(name) and "\U0001fae0" not in pdf_fonts.rich(name)
    doc = document((line(1, "CD-1", f"{name} licence", 1, "10.00"),), partner=name)
    text = " ".join(pdftotext_pages(render_quote_pdf(doc)))
    assert "\ufffd" in text and "Acme" in text


@pytest.mark.parametrize(
    "name",
    ["नमस्तेA Acme", "नमस्ते🚀 Acme", "ঢাকা✓ Acme", "شركةAB Acme"],
    ids=["devanagari-latin", "devanagari-emoji", "bengali-symbol", "arabic-latin"],
)
def test_a_word_of_two_fonts_in_shaped_text_prints(name: str) -> None:
    """reportlab shapes a word with its first run's font: a word that changes font in shaped
    text is split where it changes, so each part is shaped with its own font."""
    doc = document((line(1, "CD-1", f"{name} licence", 1, "10.00"),), partner=name)
    text = " ".join(" ".join(pdftotext_pages(render_quote_pdf(doc))).split())
    assert "Acme licence" in text
    assert name.split()[0][-1] in text or name.split()[0][-1] == "\U0001f680"
