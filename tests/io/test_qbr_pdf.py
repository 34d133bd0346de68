"""The quarterly review PDF read back: its figures are the pack's, its charts are vector
drawings with their words as text, its fonts are embedded, long tables repeat their header on
each page, and the last page is left for the meeting's next steps."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.db.engine import Database, open_database
from app.domain.money import format_amount, format_money
from app.io.charts.numbers import value_label
from app.io.charts.spec import ChartSpec, Series, ValueKind
from app.io.qbr_pdf import render_qbr_pdf
from app.io.qbr_pdf_model import PrintSection, PrintTable, QbrPrint
from app.services.qbr.pdf import ReviewPdf, review_pdf
from app.services.qbr.printing import print_model
from tests.support.qbr_world import QUARTER, TODAY, add_qbr_world


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReviewPdf]:
    db: Database = open_database(tmp_path_factory.mktemp("qbr") / "qbr.sqlite")
    add_qbr_world(db)
    with db.reading() as s:
        yield review_pdf(s, "P-1", QUARTER, TODAY)
    db.dispose()


def pdftotext_pages(data: bytes) -> list[str]:
    """pdftotext's text in the page's layout (a table's row on one line), one string a page."""
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
        check=True,
    )  # fmt: skip
    return result.stdout.decode("utf-8").split("\f")[:-1]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_figure_printed_is_the_packs(review: ReviewPdf) -> None:
    pack, pages = review.pack, [_flat(p) for p in pdftotext_pages(review.data)]
    whole = " ".join(pages)
    first = pages[0]
    assert "BUSINESS REVIEW" in first and "Northwind Traders" in first and "2026 Q1" in first
    assert "Health score".upper() in first and f"{pack.card.health.score} of 100" in first
    won = pack.won_sourced + pack.won_influenced
    for figure in (
        format_money(won, "EUR"),  # EUR 100,000.00
        format_money(pack.open_total, "EUR"),  # EUR 16,000.00
        format_money(pack.card.spend, "EUR"),  # EUR 5,050.00
        str(pack.card.return_ratio),  # 19.8020, as the Program page writes it
        "2 accepted (66.67%), 1 converted",
    ):
        assert figure in first, figure
    for deal in pack.won + pack.open_deals:
        assert deal.ref in whole and format_money(deal.amount, deal.currency) in whole
    assert "GBP 3,000.00 no rate" in whole  # never converted at a guess
    assert f"Total {format_amount(pack.open_total, 'EUR')}" in whole
    assert f"Total {format_amount(pack.card.spend, 'EUR')}" in whole
    for lead in pack.leads:
        assert f"{lead.lead_code} {lead.company} A {lead.assigned_on} {lead.outcome}" in whole
    assert "Ann Lee CD-201 Core Engineer Core Platform 2026-08-01 103" in whole
    assert "Webinar series 2026 Q1 Paid EUR 2,500.00 EUR 2,500.00 EUR 2,000.00" in whole
    (balance,) = pack.mdf
    amounts = (balance.allocated, balance.requested, balance.approved, balance.claimed,
               balance.paid, balance.lapsed, balance.available)  # fmt: skip
    row = " ".join(format_amount(a, "EUR") for a in amounts)
    assert f"2026 Q1 EUR {row}" in whole  # 5,000.00 2,500.00 … 0.00, the MDF page's figures
    total = len(pages)
    assert total == 5
    assert all(f"Page {n} of {total}" in page for n, page in enumerate(pages, start=1))
    assert pages[-1].startswith("Your Company · Quarterly business review · Northwind")
    assert "Agreed next steps" in pages[-1] and "For Northwind Traders" in pages[-1]


def test_the_charts_are_vector_drawings_and_every_font_is_embedded(
    review: ReviewPdf, tmp_path: Path
) -> None:
    reader = PdfReader(io.BytesIO(review.data))
    images = [
        name
        for page in reader.pages
        for name, xobject in (page["/Resources"].get("/XObject") or {}).items()
        if xobject.get_object().get("/Subtype") == "/Image"
        or "/Image" in str(xobject.get_object().get("/Resources", {}).get("/XObject", {}))
    ]
    assert len(images) == 1  # the letterhead's logo on the first page, nothing else
    charts = reader.pages[1]
    assert "Scorecard" in charts.extract_text()
    assert not charts["/Resources"].get("/XObject")
    content = charts.get_contents().get_data()
    # the bars filled rectangles, the axes and ticks lines, the words text in the embedded font
    ops = Counter(re.findall(rb"(?<=\s)(re|l|m|S|f\*?|Tj)(?=\s)", content))
    assert ops[b"re"] >= 9 and ops[b"l"] > 20 and ops[b"S"] > 10 and ops[b"Tj"] > 30, ops
    page = _flat(pdftotext_pages(review.data)[1])
    for spec in print_model(review.pack).charts:  # every chart's title and figures, findable
        assert spec.title in page, spec.title
        for series in spec.series:
            for value in series.values:
                if spec.kind != "stacked" and value:
                    assert value_label(value, spec.value_kind, spec.currency) in page
    assert "100,000.00" in page and "open deals on 2026-04-20" in page
    path = tmp_path / "review.pdf"
    path.write_bytes(review.data)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = [row.split() for row in listing.stdout.splitlines()[2:]]
    assert {row[0].split("+")[-1] for row in rows} == {"DejaVuSans", "DejaVuSans-Bold"}
    assert all(row[-5] == "yes" for row in rows), rows  # embedded, none left to the reader


def test_the_same_pack_gives_the_same_bytes(review: ReviewPdf) -> None:
    model = print_model(review.pack)
    assert render_qbr_pdf(dataclasses.replace(model, charts=())) == render_qbr_pdf(
        dataclasses.replace(model, charts=())
    )
    assert PdfReader(io.BytesIO(review.data)).metadata["/CreationDate"].startswith("D:20260420")


def _print(rows: int) -> QbrPrint:
    from app.domain.quote_print import Letterhead

    table = PrintTable(
        ("Deal", "Account", "Amount"),
        tuple((f"D-{n:04}", f"Account {n}", f"EUR {n},000.00") for n in range(rows)),
        (1, 2, 1),
        numeric=frozenset({2}),
        total=("Total", "", "EUR 1.00"),
    )
    spec = ChartSpec("Won", "bar", ("2026 Q1",), (Series("Won", (5,)),), ValueKind.COUNT)
    return QbrPrint(
        company=Letterhead(name="Vendor Inc"),
        partner="Ünïcode & <b>Partner</b> 北京",
        partner_code="P-9",
        quarter="2026 Q1",
        period="2026-01-01 to 2026-03-31",
        prepared_on=date(2026, 4, 20),
        currency="EUR",
        figures=(),
        health="Not enough figures for a score",
        health_lines=(),
        charts=(spec,),
        sections=(PrintSection("Deals", "", (("Won", table),), new_page=True),),
    )


def test_a_long_table_runs_over_pages_with_its_header_on_each() -> None:
    pages = [_flat(p) for p in pdftotext_pages(render_qbr_pdf(_print(150)))]
    holding = [p for p in pages if "D-0" in p]
    assert len(holding) >= 3
    assert all("Deal Account Amount" in p for p in holding)
    assert all(f"D-{n:04}" in " ".join(holding) for n in range(150))
    assert "Total EUR 1.00" in holding[-1]
    # text from the database prints as it is written, never as markup
    assert "Ünïcode & <b>Partner</b> 北京" in pages[0]


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("Period", "2026-04-01 to 2026-04-20 (to date)"),  # a running quarter
        ("Partner ID", "NORTHWIND-TRADERS-EMEA-0001"),
    ],
)
def test_each_letterhead_fact_prints_on_one_line(label: str, value: str) -> None:
    """A running quarter's period (and a long Partner ID) beside its label, not wrapped."""
    field = "period" if label == "Period" else "partner_code"
    pack = dataclasses.replace(_print(1), quarter="2026 Q2", **{field: value})
    first = pdftotext_pages(render_qbr_pdf(pack))[0]
    lines = [line for line in first.splitlines() if re.search(rf"\b{label}\s{{2,}}", line)]
    assert len(lines) == 1 and lines[0].split(label, 1)[1].strip() == value, first[:600]
