"""What a drawn chart holds, read back from matplotlib's artists: the values, not the pixels."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from PySide6.QtCore import QPoint

from app.ui.charts.view import ChartView


def bar_values(axes: Axes) -> dict[int, list[float]]:
    """Series index → the heights (or widths, for a ranking) of its bars, in category order;
    a stacked bar's own part, not its top."""
    values: dict[int, dict[int, float]] = {}
    horizontal = axes.yaxis_inverted()
    for patch in axes.patches:
        gid = patch.get_gid() or ""
        series, _, category = gid.partition(":")
        if not (isinstance(patch, Rectangle) and series.isdigit() and category.isdigit()):
            continue
        size = patch.get_width() if horizontal else patch.get_height()
        values.setdefault(int(series), {})[int(category)] = size
    return {s: [v for _, v in sorted(cats.items())] for s, cats in values.items()}


def line_values(axes: Axes) -> dict[int, list[float]]:
    """Series index → the y values of its line (NaN where a value does not exist)."""
    out: dict[int, list[float]] = {}
    for line in axes.lines:
        gid = line.get_gid() or ""
        series, _, kind = gid.partition(":")
        if series.isdigit() and kind == "line":
            out[int(series)] = [float(y) for y in line.get_ydata()]  # type: ignore[union-attr]
    return out


def texts(axes: Axes) -> list[str]:
    """Every word written on the axes: title, note, bar labels, ticks."""
    found = [axes.get_title("left"), axes.get_title("right"), axes.figure.get_supxlabel()]
    found += [t.get_text() for t in axes.texts]
    found += [t.get_text() for t in axes.get_xticklabels() + axes.get_yticklabels()]
    return [t for t in found if t]


def bar_point(view: ChartView, gid: str) -> QPoint:
    """Where a person clicks the bar ``gid`` ("series:category") of a drawn chart, in the
    view's own coordinates."""
    assert view.figure is not None
    axes = view.figure.axes[0]
    patch = next(p for p in axes.patches if p.get_gid() == gid)
    x0, y0, width, height = patch.get_bbox().bounds
    x, y = axes.transData.transform((x0 + width / 2, y0 + height / 2))
    ratio = view.devicePixelRatioF()
    return QPoint(int(x / ratio), int(view.height() - y / ratio))
