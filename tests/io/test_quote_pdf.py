"""The quote PDF, read back with pypdf and pdftotext: figures, text as written, every script,
repeated header, page numbers, watermark and byte-for-byte determinism."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.enums import QuoteStatus
from app.domain.money import format_amount
from app.domain.quote_view import as_json
from app.io import pdf_fonts
from app.io.quote_pdf import render_quote_pdf
from tests.conftest import REPO
from tests.support.quote_docs import (
    MARKUP,
    NAMES,
    document,
    folded,
    line,
    pdftotext_pages,
    pypdf_pages,
)

SMALL = (
    line(1, "CD-100", "Edge router", 3, "1234.50"),
    line(2, "CD-200", MARKUP, 10, "99.99", ("10", "5", "10", "0")),
)


def long_quote(n: int = 200) -> tuple:
    return tuple(
        line(i, f"CD-{i:04d}", f"Product {i} " + "with a long description " * (i % 4), i % 37 + 1,
             f"{(i * 37) % 2000 + 9}.{i % 100:02d}", ("10", "0", str(i % 3 * 5), "0"))
        for i in range(1, n + 1)
    )  # fmt: skip


def json_figures(doc_json: dict) -> list[str]:
    """Every figure of ``quote show --format json``, as the PDF prints it (1,234.50)."""
    cur = doc_json["currency"]

    def money(text: str) -> str:
        return format_amount(Decimal(text), cur)

    out = [money(doc_json[k]) for k in ("list_total", "discount", "subtotal", "tax", "total")]
    out.append(f"Tax {doc_json['tax_rate']}%")
    for ln in doc_json["lines"]:
        out += [ln["sku"], f"{ln['qty']:,}", money(ln["list"]), money(ln["net_unit"]),
                money(ln["line_total"])]  # fmt: skip
        labels = {"tier": "tier", "deal_registration": "reg.", "volume": "vol.", "special": "spec."}
        out += [f"{labels[k]} {v}%" for k, v in ln["discounts"].items() if v != "0"]
    return out


def squashed(text: str) -> str:
    return " ".join(text.split())


def test_every_json_figure_is_in_the_pdf_text_by_pypdf_and_pdftotext() -> None:
    doc = document(SMALL)
    data = render_quote_pdf(doc)
    for pages in (pypdf_pages(data), pdftotext_pages(data)):
        text = squashed(" ".join(pages))
        for figure in json_figures(as_json(doc.view)):
            assert figure in text
        for money in ("EUR 4,703.40", "EUR -767.50", "EUR 3,935.90", "EUR 747.82", "EUR 4,683.72"):
            assert money in text
        assert "Q-2026-00001" in text and "2026-11-22" in text and "2026-12-22" in text


def test_markup_looking_text_prints_exactly_as_written() -> None:
    doc = document(SMALL, partner=MARKUP, company='A & B <Ltd> "Q"')
    data = render_quote_pdf(doc)
    for pages in (pypdf_pages(data), pdftotext_pages(data)):
        text = " ".join(pages)
        assert text.count(MARKUP) >= 2  # the partner block and the line's description
        assert 'A & B <Ltd> "Q"' in text
        assert "Payment within 30 days. <i>Not</i> markup & never will be." in squashed(text)


@pytest.mark.parametrize("script", sorted(NAMES))
def test_names_in_every_script_extract_back(script: str) -> None:
    name = NAMES[script]
    doc = document((line(1, "CD-1", f"{name} licence", 1, "10.00"),), partner=name, account=name)
    data = render_quote_pdf(doc)
    for pages in (pypdf_pages(data), pdftotext_pages(data)):
        text = folded(" ".join(pages))
        if script == "arabic":
            # Shaped Arabic extracts as presentation forms (NFKC gives the letters back), and
            # pdftotext/pypdf may order a right-to-left run either way: both are accepted.
            assert all(word in text for word in name.split())
        else:
            assert name in text


def test_mixed_scripts_choose_a_font_per_run() -> None:
    markup = pdf_fonts.rich("Tokyo 東京 & Ωμέγα <x>")
    assert markup == (f'Tokyo <font name="{pdf_fonts.CJK.name}">東京 </font>&amp; Ωμέγα &lt;x&gt;')
    assert pdf_fonts.visual_order("شركة الخليج ABC") == "الخليج شركة ABC"


def test_a_long_quote_repeats_its_header_and_numbers_its_pages() -> None:
    doc = document(long_quote())
    data = render_quote_pdf(doc)
    pages = pdftotext_pages(data)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "Description" in page and "Line total" in page
        assert f"Page {number} of {len(pages)}" in page
    last = pages[-1]
    # The totals are never alone: the last lines are on their page too.
    assert "CD-0200" in last and "CD-0199" in last and "Total" in last
    text = squashed(" ".join(pypdf_pages(data)))
    for figure in json_figures(as_json(doc.view)):
        assert figure in text


@pytest.mark.parametrize(
    ("status", "marked"),
    [
        (QuoteStatus.DRAFT, True),
        (QuoteStatus.NEEDS_APPROVAL, True),
        (QuoteStatus.ISSUED, False),
        (QuoteStatus.SENT, False),
    ],
)
def test_draft_watermark(status: QuoteStatus, marked: bool) -> None:
    pages = pypdf_pages(render_quote_pdf(document(long_quote(60), status=status)))
    assert len(pages) >= 2
    assert all(("DRAFT" in page) is marked for page in pages)


def test_the_same_document_gives_the_same_bytes_in_two_processes() -> None:
    doc = document((*SMALL, line(3, "CD-3", NAMES["arabic"] + " " + NAMES["japanese"], 1, "5")))
    first = render_quote_pdf(doc)
    assert render_quote_pdf(doc) == first
    script = textwrap.dedent(
        f"""
        import hashlib, sys
        sys.path.insert(0, {str(REPO)!r})
        from tests.support.quote_docs import MARKUP, NAMES, document, line
        from app.io.quote_pdf import render_quote_pdf
        SMALL = (line(1, "CD-100", "Edge router", 3, "1234.50"),
                 line(2, "CD-200", MARKUP, 10, "99.99", ("10", "5", "10", "0")))
        doc = document(SMALL + (line(3, "CD-3", NAMES["arabic"] + " " + NAMES["japanese"], 1,
                                     "5"),))
        print(hashlib.sha256(render_quote_pdf(doc)).hexdigest())
        """
    )
    other = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert other.stdout.strip() == hashlib.sha256(first).hexdigest()
    assert b"/CreationDate (D:20261122140000+00'00')" in first


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)
pcts = st.sampled_from(["0", "5", "10", "12.5", "33.33"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(amounts, st.integers(1, 1000), pcts, pcts, pcts), min_size=1, max_size=12),
    st.sampled_from(["EUR", "JPY", "KWD"]),
    st.sampled_from(["0", "19", "8.875"]),
)
def test_property_the_json_and_the_pdf_text_carry_the_same_figures(
    rows: list[tuple[Decimal, int, str, str, str]], currency: str, tax: str
) -> None:
    lines = tuple(
        line(i, f"SKU-{i}", f"Item {i}", qty,
             str(price if currency != "JPY" else price.to_integral_value() + 1),
             (tier, "0", vol, spec), currency)
        for i, (price, qty, tier, vol, spec) in enumerate(rows, start=1)
    )  # fmt: skip
    doc = document(lines, currency=currency, tax_rate=tax)
    text = squashed(" ".join(pypdf_pages(render_quote_pdf(doc))))
    for figure in json_figures(as_json(doc.view)):
        assert figure in text
