"""A chart's scale and category names: tick marks, their labels and the grid, as a few plain
artists.

matplotlib's own axis makes five artists for every tick (two marks, a grid line, two labels) and
copies its properties tick by tick; for the product's small charts that was half the cost of
drawing one. Here each axis gets one line of tick marks, one collection of grid lines and a
label per tick, placed in points from the axes' edge as matplotlib places its own (the gap of
``TICK_LENGTH`` and ``TICK_PAD``), so the chart looks the same and ``layout`` knows every label
it has to make room for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator, NullLocator
from matplotlib.transforms import ScaledTranslation, Transform

from app.io.charts.look import Look
from app.io.charts.numbers import tick_label
from app.io.charts.spec import ValueKind

#: A tick's length and the gap between it and its label (points), as matplotlib draws them.
TICK_LENGTH = 3.0
TICK_PAD = 3.5
#: matplotlib's markers for a tick out of the left and the bottom side.
TICKLEFT: Literal[0] = 0
TICKDOWN: Literal[3] = 3
#: The width of tick marks and grid lines (points).
TICK_WIDTH = 0.8

Tick = tuple[float, str]


def value_ticks(low: float, high: float, kind: ValueKind) -> list[Tick]:
    """The scale's ticks between ``low`` and ``high``: about five round values, each with its
    short label ("" where a label would mean nothing, as between two whole counts)."""
    low, high = sorted((low, high))
    locator = MaxNLocator(nbins=5, integer=kind is ValueKind.COUNT)
    slack = (high - low) * 1e-9
    return [
        (float(v), tick_label(float(v), kind))
        for v in locator.tick_values(low, high)
        if low - slack <= v <= high + slack
    ]


def draw_marks(
    axes: Axes,
    style: Look,
    values: Sequence[Tick],
    names: Sequence[str],
    turn: float,
    horizontal: bool,
) -> None:
    """Draw the value scale (``values``, with its grid) and the category ``names`` (turned
    ``turn`` degrees) on ``axes``; the categories go down the left side of a ranking
    (``horizontal``) and along the bottom otherwise."""
    axes.xaxis.set_major_locator(NullLocator())
    axes.yaxis.set_major_locator(NullLocator())
    figure = axes.get_figure(root=True)
    assert figure is not None
    gap = (TICK_LENGTH + TICK_PAD) / 72
    down = axes.get_xaxis_transform() + ScaledTranslation(0, -gap, figure.dpi_scale_trans)
    left = axes.get_yaxis_transform() + ScaledTranslation(-gap, 0, figure.dpi_scale_trans)
    spots = [v for v, _ in values]
    places = list(range(len(names)))
    if horizontal:
        _grid(axes, [[(v, 0.0), (v, 1.0)] for v in spots], axes.get_xaxis_transform(), style)
        _marks(axes, spots, [0.0] * len(spots), TICKDOWN, axes.get_xaxis_transform(), style)
        _marks(axes, [0.0] * len(places), places, TICKLEFT, axes.get_yaxis_transform(), style)
        for v, label in values:
            _label(axes, v, 0.0, label, down, "center", "top", style)
        for p, name in zip(places, names, strict=True):
            _label(axes, 0.0, p, name, left, "right", "center_baseline", style)
    else:
        _grid(axes, [[(0.0, v), (1.0, v)] for v in spots], axes.get_yaxis_transform(), style)
        _marks(axes, [0.0] * len(spots), spots, TICKLEFT, axes.get_yaxis_transform(), style)
        _marks(axes, places, [0.0] * len(places), TICKDOWN, axes.get_xaxis_transform(), style)
        for v, label in values:
            _label(axes, 0.0, v, label, left, "right", "center_baseline", style)
        across: Literal["center", "right"] = "right" if turn else "center"  # ends at its tick
        for p, name in zip(places, names, strict=True):
            _label(axes, p, 0.0, name, down, across, "top", style, turn)


def _grid(
    axes: Axes, segments: list[list[tuple[float, float]]], place: Transform, style: Look
) -> None:
    grid = LineCollection(
        segments, colors=style.grid, linewidths=TICK_WIDTH, transform=place, zorder=0.5
    )
    axes.add_collection(grid, autolim=False)


def _marks(
    axes: Axes,
    xs: Sequence[float],
    ys: Sequence[float],
    marker: Literal[0, 3],  # TICKLEFT or TICKDOWN
    place: Transform,
    style: Look,
) -> None:
    marks = Line2D(
        xs,
        ys,
        linestyle="none",
        marker=marker,
        markersize=TICK_LENGTH,
        markeredgewidth=TICK_WIDTH,
        color=style.ink,
        transform=place,
        clip_on=False,
    )
    axes.add_artist(marks)


def _label(
    axes: Axes,
    x: float,
    y: float,
    words: str,
    place: Transform,
    across: Literal["left", "center", "right"],
    up: Literal["top", "center_baseline"],
    style: Look,
    turn: float = 0,
) -> None:
    if not words:
        return
    text = Text(
        x,
        y,
        words,
        color=style.ink,
        fontsize=style.label_size,
        horizontalalignment=across,
        verticalalignment=up,
        rotation=turn,
        rotation_mode="anchor",  # aligned first, then turned about its anchor
        transform=place,
        clip_on=False,
        parse_math=False,
    )
    axes.add_artist(text)
