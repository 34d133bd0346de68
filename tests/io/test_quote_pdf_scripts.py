"""Right-to-left text in the table of lines prints as the partner block prints it: Arabic letters
joined, Arabic and Hebrew words running right to left.

pdftotext reads the glyphs back as drawn: shaped Arabic comes out as presentation forms (joined
letters) in logical order, while letters drawn unshaped, left to right, come out reversed and
isolated. So comparing the table's text with the partner block's catches a cell that bypassed
shaping, even though both contain "the same letters".
"""

from __future__ import annotations

import re

import pytest
from reportlab.platypus import Paragraph

from app.io import pdf_fonts
from app.io.quote_pdf import render_quote_pdf
from app.io.quote_pdf_lines import line_rows
from tests.support.quote_docs import NAMES, document, folded, line, pdftotext_pages

HEBREW = "שלום עולם"
_RTL = "\u0590-\u08ff\ufb1d-\ufefe"
_RTL_RUN = re.compile(f"[{_RTL}]+(?: +[{_RTL}]+)*")


def rtl_runs(name: str) -> list[str]:
    """The right-to-left runs pdftotext reads from a quote with ``name`` as the partner and in
    a line's description: the partner block's first, then the table's."""
    doc = document((line(1, "CD-1", f"{name} licence", 1, "10.00"),), partner=name)
    return _RTL_RUN.findall(" ".join(pdftotext_pages(render_quote_pdf(doc))))


@pytest.mark.parametrize("name", [NAMES["arabic"], HEBREW], ids=["arabic", "hebrew"])
def test_the_table_prints_right_to_left_text_as_the_partner_block_does(name: str) -> None:
    partner, cell = rtl_runs(name)
    assert cell == partner
    assert folded(cell) == name  # in logical order: not drawn left to right letter by letter


def test_arabic_in_the_table_is_joined() -> None:
    _partner, cell = rtl_runs(NAMES["arabic"])
    assert any("\ufb50" <= ch <= "\ufefe" for ch in cell)  # initial, medial and final forms


def test_a_long_right_to_left_description_wraps_in_reading_order() -> None:
    """The first printed line holds the first words, as a reader of Arabic expects."""
    words = ("ترخيص سنوي لبرنامج مراقبة الشبكة مع الدعم الفني على مدار الساعة وتحديثات الأمان "
             "المنتظمة لجميع الأجهزة")  # fmt: skip
    doc = document((line(1, "CD-1", words, 1, "10.00"),))
    lines = _RTL_RUN.findall(" ".join(pdftotext_pages(render_quote_pdf(doc))))
    assert len(lines) > 1
    assert " ".join(folded(text) for text in lines) == words


def test_only_text_that_prints_as_it_stands_is_a_plain_cell() -> None:
    lines = tuple(
        line(i, f"CD-{i}", text, 1, "1.00")
        for i, text in enumerate(
            (NAMES["latin"], NAMES["greek"], NAMES["cyrillic"], NAMES["arabic"], HEBREW,
             NAMES["japanese"]), start=1,
        )
    )  # fmt: skip
    rows = line_rows(document(lines).view).rows[1 : 1 + len(lines)]
    kinds = [type(row[1]) for row in rows]
    assert kinds == [str, str, str, Paragraph, Paragraph, Paragraph]


def test_plain_means_drawn_by_the_main_font_without_shaping() -> None:
    assert pdf_fonts.plain(NAMES["latin"] + NAMES["greek"] + NAMES["cyrillic"])
    assert pdf_fonts.covered(NAMES["arabic"]) and not pdf_fonts.plain(NAMES["arabic"])
    assert pdf_fonts.covered(HEBREW) and not pdf_fonts.plain(HEBREW)
    assert not pdf_fonts.plain(NAMES["japanese"])
    assert pdf_fonts.needs_shaping("ພາສາລາວ")  # Lao: DejaVu draws it, HarfBuzz places its marks


def test_a_company_name_that_needs_shaping_is_left_out_of_the_footer() -> None:
    """The footer is drawn as a plain string, which cannot shape: the letterhead names the
    company, the footer only the quote."""
    doc = document((line(1, "CD-1", "Edge router", 1, "10.00"),), company=NAMES["arabic"])
    runs = _RTL_RUN.findall(" ".join(pdftotext_pages(render_quote_pdf(doc))))
    assert [folded(run) for run in runs] == [NAMES["arabic"]]  # the letterhead's, shaped
