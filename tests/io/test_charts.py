"""Charts: the figures drawn are the figures given, written the way the tables write them, in the
window's colours, and saved as PNG, SVG, PDF or vector graphics inside a reportlab PDF."""

from __future__ import annotations

import math
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor
from reportlab.platypus import SimpleDocTemplate

from app.domain.errors import InputError
from app.io.charts.draw import draw, new_figure
from app.io.charts.files import chart_bytes, chart_drawing, format_of, write_figure
from app.io.charts.look import look, parse_tokens
from app.io.charts.numbers import tick_label, value_label
from app.io.charts.spec import ChartSpec, Series, ValueKind
from tests.support.charts import bar_values, line_values, texts
from tests.support.contrast import ratio

D = Decimal


def won_by_quarter() -> ChartSpec:
    return ChartSpec(
        "Won revenue by quarter",
        "stacked",
        ("2026Q1", "2026Q2", "2026Q3"),
        (
            Series("Sourced", (D("100000.10"), D(0), D("90000"))),
            Series("Influenced", (D("20000.05"), D("50000"), None)),
        ),
        ValueKind.MONEY,
        "EUR",
        note="All partners",
    )


def test_stacked_bars_plot_each_part_and_write_the_exact_totals() -> None:
    figure = new_figure()
    axes = draw(won_by_quarter(), figure)
    plotted = bar_values(axes)
    assert plotted[0] == pytest.approx([100000.10, 0.0, 90000.0])
    assert plotted[1] == pytest.approx([20000.05, 50000.0, 0.0])
    words = texts(axes)
    assert "120,000.15" in words  # the total, from the exact values, not the floats
    assert "50,000.00" in words and "90,000.00" in words
    assert "Won revenue by quarter" in words and "All partners" in words


def test_a_ranking_puts_the_first_on_top_and_labels_every_bar() -> None:
    spec = ChartSpec(
        "Top overlaps by exposure",
        "hbar",
        ("Contoso", "Fabrikam"),
        (Series("Exposure", (D("900.5"), D("12"))),),
        ValueKind.MONEY,
        "USD",
    )
    axes = draw(spec, new_figure())
    assert bar_values(axes) == {0: [900.5, 12.0]}
    assert axes.yaxis_inverted()
    assert {"900.50", "12.00"} <= set(texts(axes))


def test_a_line_leaves_a_gap_where_a_value_does_not_exist() -> None:
    spec = ChartSpec("Trend", "line", ("Q1", "Q2", "Q3"), (Series("Won", (1, None, 3)),))
    values = line_values(draw(spec, new_figure()))[0]
    assert values[0] == 1 and math.isnan(values[1]) and values[2] == 3


def test_an_empty_chart_says_so_instead_of_drawing_zero() -> None:
    spec = ChartSpec("Pipeline", "bar", ("Won",), (Series("EUR", (D(0),)),), empty_text="None yet")
    axes = draw(spec, new_figure())
    assert "None yet" in texts(axes)
    assert bar_values(axes) == {}


def test_a_series_must_fit_its_categories_and_money_names_its_currency() -> None:
    with pytest.raises(ValueError, match="2 values for 1 categories"):
        ChartSpec("x", "bar", ("a",), (Series("s", (1, 2)),))
    with pytest.raises(ValueError, match="currency"):
        ChartSpec("x", "bar", ("a",), (Series("s", (1,)),), ValueKind.MONEY)


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        (D("0.125"), ValueKind.MONEY, "0.13"),
        (D("-0.001"), ValueKind.MONEY, "0.00"),
        (D("1234567.5"), ValueKind.MONEY, "1,234,567.50"),
        (1200, ValueKind.COUNT, "1,200"),
        (D("12.345"), ValueKind.PERCENT, "12.3%"),
        (None, ValueKind.RATIO, "—"),
    ],
)
def test_labels_are_written_as_the_tables_write_them(
    value: Decimal | int | None, kind: ValueKind, text: str
) -> None:
    assert value_label(value, kind, "EUR") == text


@pytest.mark.parametrize(
    ("tick", "text"), [(250000.0, "250k"), (1500000.0, "1.5M"), (0.0, "0"), (2.5, "")]
)
def test_axis_ticks_are_short(tick: float, text: str) -> None:
    assert tick_label(tick, ValueKind.MONEY) == text


def test_colours_come_from_the_stylesheet_and_stand_out_on_white() -> None:
    tokens = parse_tokens("/* Charts\n   @ink: #0F172A\n   @series: #112233 #445566\n*/")
    assert tokens == {"ink": ("#0f172a",), "series": ("#112233", "#445566")}
    style = look()
    assert len(style.series) >= 4
    for colour in style.series:  # graphics need 3:1 against their background (WCAG 1.4.11)
        assert ratio(QColor(colour), QColor("white")) >= 3.0, colour
    assert ratio(QColor(style.ink), QColor("white")) >= 4.5


@pytest.mark.parametrize(
    ("fmt", "magic"), [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")]
)
def test_a_chart_is_saved_in_the_format_its_name_asks(
    tmp_path: Path, fmt: str, magic: bytes
) -> None:
    figure = new_figure()
    draw(won_by_quarter(), figure)
    path = tmp_path / f"chart.{fmt.upper()}"
    write_figure(figure, path)
    assert path.read_bytes().startswith(magic)
    if fmt == "svg":
        assert "Won revenue by quarter" in path.read_text(encoding="utf-8")


def test_a_name_without_a_chart_format_is_refused_before_writing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\.png, \.svg or \.pdf"):
        format_of(tmp_path / "chart.jpg")
    assert chart_bytes(won_by_quarter(), "png")[:4] == b"\x89PNG"


def test_in_a_pdf_a_chart_is_vector_graphics_without_pictures(tmp_path: Path) -> None:
    path = tmp_path / "review.pdf"
    SimpleDocTemplate(str(path)).build([chart_drawing(won_by_quarter(), 460, 240)])
    page = PdfReader(path).pages[0]
    resources = page["/Resources"]
    xobjects = resources.get("/XObject", {}) if resources else {}
    assert not [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
    content = page.get_contents().get_data()  # type: ignore[union-attr]
    assert len(re.findall(rb"\s[mlc]\s", content)) > 200  # paths: bars, axes, letters
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True)
    if listing.returncode == 0:
        assert len(listing.stdout.strip().splitlines()) == 2  # the header only: no pictures
