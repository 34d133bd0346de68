"""Charts: the figures drawn are the figures given, written the way the tables write them, in the
window's colours, and saved as PNG, SVG, PDF or vector graphics inside a reportlab PDF."""

from __future__ import annotations

import dataclasses
import io
import math
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Annotation
from pypdf import PdfReader
from PySide6.QtGui import QColor
from reportlab.graphics.shapes import Rect
from reportlab.platypus import SimpleDocTemplate

from app.domain.errors import InputError
from app.io.charts.draw import draw, new_figure
from app.io.charts.files import chart_bytes, chart_drawing, format_of, write_figure
from app.io.charts.look import look, parse_tokens
from app.io.charts.numbers import tick_label, value_label
from app.io.charts.reportlab_renderer import render
from app.io.charts.spec import ChartKind, ChartSpec, Series, ValueKind
from app.io.pdf_fonts import SANS
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


def pdf_of(*specs: ChartSpec, width: float = 460, height: float = 240) -> bytes:
    """The charts one under another in a PDF, as the review pack prints them."""
    out = io.BytesIO()
    drawings = []
    for spec in specs:
        drawing = chart_drawing(spec, width, height)
        drawing.initialFontName = SANS.name
        drawings.append(drawing)
    SimpleDocTemplate(out, initialFontName=SANS.name).build(drawings)
    return out.getvalue()


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def test_in_a_pdf_a_chart_is_vector_graphics_with_its_words_as_text(tmp_path: Path) -> None:
    data = pdf_of(won_by_quarter())
    page = PdfReader(io.BytesIO(data)).pages[0]
    resources = page["/Resources"]
    xobjects = resources.get("/XObject", {}) if resources else {}
    assert not xobjects  # no pictures, nor forms holding one
    content = page.get_contents().get_data()  # type: ignore[union-attr]
    assert len(re.findall(rb"\sre\s+f\b", content)) >= 5  # the bars: filled rectangles
    assert len(re.findall(rb"\s[ml]\s", content)) > 20  # axes, ticks, grid: lines
    words = " ".join(pdf_text(data).split())
    for word in ("Won revenue by quarter", "120,000.15", "50,000.00", "90,000.00", "2026Q1",
                 "2026Q3", "Sourced", "Influenced", "EUR", "All partners", "120k"):  # fmt: skip
        assert word in words, word
    path = tmp_path / "chart.pdf"
    path.write_bytes(data)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    fonts = {row.split()[0].split("+")[-1] for row in listing.stdout.splitlines()[2:]}
    assert fonts == {"DejaVuSans", "DejaVuSans-Bold"}
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True)
    if listing.returncode == 0:
        assert len(listing.stdout.strip().splitlines()) == 2  # the header only: no pictures


def screen_bars(spec: ChartSpec, width_in: float, height_in: float) -> dict[str, tuple[float, ...]]:
    """Each bar's box as a fraction of the figure, drawn as the window draws it (Agg)."""
    figure = new_figure(width_in, height_in, dpi=100)
    canvas = FigureCanvasAgg(figure)
    axes = draw(spec, figure)
    canvas.draw()
    w, h = canvas.get_width_height()
    boxes = {}
    for patch in axes.patches:
        if gid := patch.get_gid():
            box = patch.get_window_extent()
            boxes[gid] = (box.x0 / w, box.y0 / h, box.x1 / w, box.y1 / h)
    return boxes


def paper_bars(spec: ChartSpec, width: float, height: float) -> dict[str, tuple[float, ...]]:
    """Each bar's box as a fraction of the drawing, as the PDF prints it."""
    figure = new_figure(width / 72, height / 72, dpi=72)
    draw(spec, figure)
    printed = render(figure)
    drawing = printed.drawing()
    assert (drawing.width, drawing.height) == pytest.approx((width, height))
    boxes = {}
    for gid, shapes in printed.marks.items():
        (bar,) = shapes
        assert isinstance(bar, Rect)
        boxes[gid] = (bar.x / width, bar.y / height, (bar.x + bar.width) / width,
                      (bar.y + bar.height) / height)  # fmt: skip
    return boxes


@pytest.mark.parametrize("kind", ["stacked", "bar", "hbar"])
def test_the_pdf_puts_every_bar_where_the_window_does(kind: ChartKind) -> None:
    spec = dataclasses.replace(won_by_quarter(), kind=kind)
    if kind == "hbar":
        spec = dataclasses.replace(spec, series=spec.series[:1])
    screen = screen_bars(spec, 6.0, 3.2)
    paper = paper_bars(spec, 6.0 * 72, 3.2 * 72)
    assert set(paper) == set(screen) and len(paper) == 3 * len(spec.series)
    for gid, box in screen.items():
        assert paper[gid] == pytest.approx(box, abs=1e-6), gid
    # the plotted values, read back from the print: each bar's length is its value to scale
    lengths = {
        gid: (x1 - x0) * 460 if kind == "hbar" else (y1 - y0) * 240
        for gid, (x0, y0, x1, y1) in paper.items()
    }
    scale = lengths["0:0"] / 100000.10
    for s, series in enumerate(spec.series):
        for c, value in enumerate(series.values):
            assert lengths[f"{s}:{c}"] == pytest.approx(float(value or 0) * scale, abs=1e-6)


def test_names_are_written_as_they_are_never_read_as_formulas() -> None:
    spec = ChartSpec("Deals over $1M", "bar", ("Cost $5 and $6", r"$\frac{$"),
                     (Series("Deals", (1, 2)),))  # fmt: skip
    figure = new_figure()
    canvas = FigureCanvasAgg(figure)
    draw(spec, figure)
    canvas.draw()  # a name that is no formula is no error
    words = pdf_text(pdf_of(spec))
    assert "Deals over $1M" in words and "Cost $5 and $6" in words and r"$\frac{$" in words


LONG = "Brandt Stahlbau GmbH & Co. KG, Niederlassung Süd, Abteilung Industrieanlagen"


@pytest.mark.parametrize(
    "spec",
    [
        ChartSpec(
            "Top overlaps by commission exposure, all partners, the whole year",
            "hbar",
            (LONG, "Contoso"),
            (Series("Exposure", (D("83010.22"), D("12"))),),
            ValueKind.MONEY,
            "EUR",
        ),
        ChartSpec(
            "Coverage",
            "stacked",
            (LONG, "Data Analytics", "Endpoint Security"),
            (
                Series("Certified people holding a current certificate", (1, 2, 3)),
                Series("Expiring", (4, 5, 6)),
            ),
            note="active partners",
        ),
        ChartSpec(
            "Funnel",
            "bar",
            tuple(f"P-{n}" for n in range(12)),
            (Series("Received", tuple(range(12))),),
        ),
        ChartSpec(
            "Trend",
            "line",
            ("2026 Q1", "2026 Q2"),
            (Series("Won", (D(1), D("2.5"))),),
            ValueKind.MONEY,
            "EUR",
        ),
        ChartSpec("Empty", "bar", ("a",), (Series("s", (0,)),), note="nothing yet"),
    ],
    ids=["ranking", "stacked", "many", "line", "empty"],
)
@pytest.mark.parametrize("size", [(6.0, 3.2), (3.35, 2.83), (2.8, 2.6)], ids=str)
def test_every_word_fits_the_figure_beside_the_plot(
    spec: ChartSpec, size: tuple[float, float]
) -> None:
    """As the window draws it (Agg measures its own text): nothing runs off the figure, the
    scale and the names stay outside the plot, the title above it and the legend beside it."""
    figure = new_figure(*size, dpi=100)
    canvas = FigureCanvasAgg(figure)
    axes = draw(spec, figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    page = figure.bbox
    plot = axes.get_window_extent()
    legend = axes.get_legend()
    words = [axes.title, axes._left_title, *figure.texts, axes.xaxis.label,
             axes.yaxis.label, *axes.texts, *(legend.get_texts() if legend else [])]  # fmt: skip
    for text in words:
        if not text.get_text() or not text.get_visible():
            continue
        box = text.get_window_extent(renderer)
        assert page.x0 - 0.5 <= box.x0 and box.x1 <= page.x1 + 0.5, text.get_text()
        assert page.y0 - 0.5 <= box.y0 and box.y1 <= page.y1 + 0.5, text.get_text()
    for text in axes.texts:  # the scale and the names (the bars' figures are annotations)
        if isinstance(text, Annotation) or spec.is_empty:
            continue
        box = text.get_window_extent(renderer)
        assert box.x1 <= plot.x0 + 0.5 or box.y1 <= plot.y0 + 0.5, text.get_text()
    title = axes._left_title.get_window_extent(renderer)
    assert title.y0 >= plot.y1
    if legend is not None:
        for text in legend.get_texts():
            assert text.get_window_extent(renderer).x0 >= plot.x1
    assert plot.height >= 0.3 * page.height and plot.width >= 0.3 * page.width


def test_a_name_too_long_for_its_room_is_cut_with_an_ellipsis() -> None:
    spec = ChartSpec("Top overlaps", "hbar", (LONG, "Contoso"), (Series("x", (2, 1)),))
    axes = draw(spec, new_figure(4.0, 3.0))
    names = [t.get_text() for t in axes.texts if not isinstance(t, Annotation)]
    assert "Contoso" in names
    (cut,) = [n for n in names if n.startswith("Brandt")]
    assert cut.endswith("…") and LONG.startswith(cut[:-1])


RANKED = ("Tidewater Manufacturing", "Brandt Stahlbau GmbH & Co. KG", "Contoso Ltd")
SPEND = ChartSpec(
    "Program spend and return",
    "bar",
    ("2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"),
    (
        Series("Spend", (D("46374.72"), D("34134.74"), D("87508.68"), D("35635.60"))),
        Series("Won revenue", (D("585235.65"), D("665413.96"), D("440733.94"), D("518538.97"))),
    ),
    ValueKind.MONEY,
    "EUR",
)


def test_titles_start_at_the_figure_edge_so_a_ranking_keeps_its_whole_title() -> None:
    """A ranking's long names push its plot to the right; its title still starts where every
    other chart's does, at the figure's edge, and is written whole where the figure has room."""
    ranking = ChartSpec(
        "Top overlaps by commission exposure",
        "hbar",
        RANKED,
        (Series("Exposure", (D("83010.22"), D("58425.00"), D("44626.47"))),),
        ValueKind.MONEY,
        "EUR",
    )
    starts = []
    for spec in (ranking, SPEND):
        figure = new_figure(4.9, 2.6, dpi=100)
        canvas = FigureCanvasAgg(figure)
        axes = draw(spec, figure)
        canvas.draw()
        title = axes._left_title
        assert title.get_text() == spec.title
        box = title.get_window_extent(canvas.get_renderer())
        assert box.x1 <= figure.bbox.x1
        starts.append(box.x0)
    assert starts[0] == pytest.approx(starts[1], abs=1.0)
    assert starts[0] < 10  # pixels: at the edge, not after the names


def test_figures_over_bars_are_left_out_where_they_would_run_into_a_bar() -> None:
    """In a small chart a short bar's figure would be written across the tall bar beside it:
    then no bar carries its figure (the scale tells); in a wide one each does."""
    small = draw(SPEND, new_figure(4.9, 2.6))
    assert [t for t in small.texts if isinstance(t, Annotation)] == []
    wide = draw(SPEND, new_figure(12.0, 4.0))
    written = {t.get_text() for t in wide.texts if isinstance(t, Annotation)}
    assert written == {
        value_label(v, ValueKind.MONEY, "EUR") for s in SPEND.series for v in s.values
    }
