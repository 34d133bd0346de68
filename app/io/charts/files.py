"""A chart as a file (PNG, SVG, PDF) or as a reportlab drawing for the product's PDFs.

The drawing for reportlab goes through SVG with its text turned into outlines, so the chart in a
PDF is vector graphics in exactly the font and colours of the screen, and needs no font of its own
embedded in the document.
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
    from svglib.svglib import svg2rlg

    figure = new_figure(width_pt / 72, height_pt / 72)
    draw(spec, figure)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "channel-desk"}):
        figure.savefig(buffer, format="svg", facecolor="white")
    buffer.seek(0)
    drawing = svg2rlg(buffer)
    if drawing is None:  # pragma: no cover - svglib returns None only for unreadable SVG
        raise RuntimeError("the chart could not be turned into a drawing")
    return drawing


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
