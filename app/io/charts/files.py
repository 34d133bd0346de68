"""A chart as a file (PNG, SVG, PDF) or as a reportlab drawing for the product's PDFs.

Files are written by matplotlib's own backends. The drawing for reportlab is made by
``reportlab_renderer`` straight from the figure: vector graphics in exactly the layout, font and
colours of the screen, with its words printed as text in the PDF's embedded DejaVu Sans.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Literal

import matplotlib
from matplotlib.figure import Figure
from reportlab.graphics.shapes import Drawing

from app.domain.errors import InputError
from app.io.atomic import atomic_path
from app.io.charts.draw import draw, new_figure
from app.io.charts.reportlab_renderer import figure_drawing
from app.io.charts.spec import ChartSpec

ChartFormat = Literal["png", "svg", "pdf"]
FORMATS: tuple[ChartFormat, ...] = ("png", "svg", "pdf")


def figure_bytes(figure: Figure, fmt: ChartFormat, dpi: float = 200) -> bytes:
    """The figure as a file's bytes; SVG and PDF keep their text as text."""
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "pdf.fonttype": 42}):
        figure.savefig(buffer, format=fmt, dpi=dpi, facecolor="white")
    return buffer.getvalue()


def chart_bytes(
    spec: ChartSpec, fmt: ChartFormat, width_in: float = 6.0, height_in: float = 3.2
) -> bytes:
    figure = new_figure(width_in, height_in)
    draw(spec, figure)
    return figure_bytes(figure, fmt)


def chart_drawing(spec: ChartSpec, width_pt: float, height_pt: float) -> Drawing:
    """The chart as a reportlab ``Drawing`` of ``width_pt`` × ``height_pt`` points, vector."""
    figure = new_figure(width_pt / 72, height_pt / 72, dpi=72)  # one display unit, one point
    draw(spec, figure)
    return figure_drawing(figure)


def format_of(path: Path) -> ChartFormat:
    """The chart format a file name asks for; refused, with the choices, when it asks none."""
    suffix = path.suffix.lower().lstrip(".")
    for fmt in FORMATS:
        if suffix == fmt:
            return fmt
    raise InputError(f"{path.name}: a chart is saved as .png, .svg or .pdf; add one of them.")


def write_figure(figure: Figure, path: Path) -> None:
    """Write the figure to ``path`` in the format its suffix names, whole or not at all."""
    data = figure_bytes(figure, format_of(path))
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)
