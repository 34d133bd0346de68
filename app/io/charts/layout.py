"""Where a chart's axes sit in its figure: margins made from its own labels, computed once.

matplotlib's constrained layout finds the margins by drawing the figure's text to measure it,
twice, before the real drawing: most of the cost of a small chart. The words of the product's
charts are few and known (the title, the scale, the category names, the currency, the legend,
the figures on the bars, the note), so their sizes are summed here from the font's metrics
(``text_size``) and the axes placed once. The window, the exported files and the review PDF all
go through ``fit`` (called by ``draw``), so a chart keeps one look on screen and on paper.

A name too long for the room it may take is cut with an ellipsis rather than squeezing the plot
to nothing (the full names stay in the chart's description); in a small figure the names give
way first, so the plot keeps about half the width.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text

from app.io.charts import text_size
from app.io.charts.look import Look
from app.io.charts.spec import ChartSpec
from app.io.charts.ticks import TICK_LENGTH, TICK_PAD, Tick

#: Points between the figure's edge and anything drawn.
EDGE = 4.0
#: Between the tick labels and the axis' own label (the currency).
LABEL_PAD = 4.0
#: Between the top of the axes and the title's baseline.
TITLE_PAD = 6.0
#: Between the category names and the note under the chart.
NOTE_GAP = 4.0
#: Category names are turned this far (degrees) when they would come closer than twice
#: ``TURN_GAP`` points; turned, each ends at its tick.
TURN = 30
TURN_GAP = 3.0
#: The legend's spacing, in multiples of its font size (matplotlib's defaults): the gap from
#: the axes, the padding inside its (invisible) frame, the swatch and the gap after it.
LEGEND_SPACING = 0.5 + 2 * 0.4 + 2.0 + 0.8
#: The most of the figure's width a name may take: a series in the legend beside the plot, a
#: category at the left of a ranking, a turned category name across; and of its height, a
#: turned category name under the plot.
LEGEND_MOST = 0.22
RANKING_MOST = 0.35
ACROSS_MOST = 0.35
UNDER_MOST = 0.3
#: The share of the width the plot keeps, names giving way (down to ``SHRINK[-1]`` of their
#: room, never below ``NAME_LEAST``) until it does.
PLOT_LEAST = 0.45
SHRINK = (1.0, 0.75, 0.55)
#: The room no name is cut below (points): ten letters or so.
NAME_LEAST = 48.0
#: Added to each margin: matplotlib on screen measures its text with hinting.
SLACK = 1.0
TICK_ROOM = TICK_LENGTH + TICK_PAD


@dataclass(frozen=True)
class Names:
    """The category names as they are written (shortened where too long) and their angle."""

    names: tuple[str, ...]
    turn: int = 0


@dataclass(frozen=True)
class _Spread:
    """A word along the horizontal axis: its anchor as a fraction of the plot's width, and how
    far it reaches to the left and to the right of that anchor (points)."""

    at: float
    left: float
    right: float


@dataclass(frozen=True)
class _Plan:
    """Margins (points) and the words as they will be written."""

    left: float
    bottom: float
    right: float
    top: float
    names: Names
    series: tuple[str, ...]

    def plot_width(self, width: float) -> float:
        return width - self.left - self.right


def note_position(width: float, height: float) -> tuple[float, float]:
    """Where the note under a chart starts (figure fractions): at its bottom left corner."""
    return EDGE / width, EDGE / height


def category_turn(categories: Sequence[str], size: float, slot: float) -> int:
    """The angle for the category names: turned when the widest would not fit the room each
    category has (``slot`` points) with a little space to spare."""
    widest = max((text_size.width(c, size) for c in categories), default=0.0)
    return TURN if widest + 2 * TURN_GAP > slot else 0


def fit(axes: Axes, spec: ChartSpec, style: Look, values: Sequence[Tick]) -> Names:
    """Place ``axes`` so its title, scale (``values``), category names, axis label, legend,
    figures and note all fit its figure; the category names come back turned or shortened
    where they need it, for ``ticks.draw_marks`` to write."""
    figure = axes.get_figure(root=True)
    assert isinstance(figure, Figure)
    width, height = (float(v) * 72 for v in figure.get_size_inches())
    for shrink in SHRINK:
        plan = _plan(axes, spec, style, values, width, height, shrink)
        if plan.plot_width(width) >= PLOT_LEAST * width:
            break
    legend = axes.get_legend()
    if legend is not None:
        for text, name in zip(legend.get_texts(), plan.series, strict=True):
            text.set_text(name)
    plot_width = max(plan.plot_width(width), width / 5)
    plot_height = max(height - plan.bottom - plan.top, height / 5)
    axes.set_position(
        (plan.left / width, plan.bottom / height, plot_width / width, plot_height / height)
    )
    # Both axis labels are placed here: matplotlib would measure the ticks to place them.
    horizontal = spec.kind == "hbar"
    line = text_size.line_height(style.label_size)
    widest = max((text_size.width(label, style.label_size) for _, label in values), default=0.0)
    down = TICK_ROOM + line + LABEL_PAD if horizontal else 0.0
    across = 0.0 if horizontal else TICK_ROOM + widest + LABEL_PAD
    axes.xaxis.set_label_coords(0.5, -down / plot_height)
    axes.yaxis.set_label_coords(-across / plot_width, 0.5)
    # The title starts at the figure's edge, not the plot's: the titles of charts side by side
    # line up, and a ranking's long names do not push its title out of the figure.
    title = axes._left_title  # type: ignore[attr-defined]  # set_title(loc="left") sets it
    title.set_x((EDGE - plan.left) / plot_width)
    _shorten_title(title, style, width - 2 * (EDGE + SLACK))
    return plan.names


def _plan(
    axes: Axes,
    spec: ChartSpec,
    style: Look,
    values: Sequence[Tick],
    width: float,
    height: float,
    shrink: float,
) -> _Plan:
    """The margins with every name given ``shrink`` times its usual room."""
    size = style.label_size
    top = EDGE + text_size.ascent(style.title_size, bold=True) + TITLE_PAD + SLACK
    bottom = left = right = EDGE + SLACK
    if spec.note:
        bottom += text_size.line_height(size - 0.5) + NOTE_GAP
    series = tuple(s.name for s in spec.series)
    if spec.is_empty:
        return _Plan(left, bottom, right, top, Names(spec.categories), series)
    horizontal = spec.kind == "hbar"
    line = text_size.line_height(size)
    widths = [text_size.width(label, size) for _, label in values]
    if axes.get_legend() is not None:
        series = _shorten(series, size, LEGEND_MOST * width * shrink)
        right += LEGEND_SPACING * size + max(text_size.width(s, size) for s in series)
    low, high = axes.get_xlim()
    spreads = list(_annotations(axes, horizontal, low, high))
    turn = 0
    if horizontal:
        names = _shorten(spec.categories, size, RANKING_MOST * width * shrink - TICK_ROOM)
        left += TICK_ROOM + max(text_size.width(n, size) for n in names)
        bottom += TICK_ROOM + line + (LABEL_PAD + line if axes.get_xlabel() else 0.0)
        spreads += [
            _Spread(_fraction(v, low, high), w / 2, w / 2)
            for (v, _), w in zip(values, widths, strict=True)
        ]
    else:
        left += TICK_ROOM + max(widths, default=0.0)
        left += LABEL_PAD + line if axes.get_ylabel() else 0.0
        slot = (width - left - right) / max(len(spec.categories), 1)
        turn = category_turn(spec.categories, size, slot)
        if turn:
            sin, cos = math.sin(math.radians(turn)), math.cos(math.radians(turn))
            room = min((UNDER_MOST * height - line * cos) / sin, ACROSS_MOST * width * shrink / cos)
            names = _shorten(spec.categories, size, room)
            reach = [text_size.width(n, size) for n in names]
            bottom += TICK_ROOM + max(w * sin + line * cos for w in reach)
            spreads += [  # each name ends at its tick and runs down to the left
                _Spread(_fraction(i, low, high), w * cos, line * sin) for i, w in enumerate(reach)
            ]
        else:
            names = spec.categories
            bottom += TICK_ROOM + line
            spreads += [
                _Spread(_fraction(i, low, high), w / 2, w / 2)
                for i, w in enumerate(text_size.width(n, size) for n in names)
            ]
    plot_width = width - left - right
    reach_left = reach_right = 0.0
    for _ in range(3):  # how far edge words reach out depends on the width left to the plot
        reach_left = max([0.0] + [s.left - s.at * plot_width for s in spreads])
        reach_right = max([0.0] + [s.at * plot_width + s.right - plot_width for s in spreads])
        plot_width = width - left - right - reach_left - reach_right
    return _Plan(left + reach_left, bottom, right + reach_right, top, Names(names, turn), series)


def _fraction(value: float, low: float, high: float) -> float:
    return (value - low) / (high - low) if high != low else 0.5


def _annotations(axes: Axes, horizontal: bool, low: float, high: float) -> Iterable[_Spread]:
    """The figures written at the bars' ends: how far each reaches across."""
    for text in axes.texts:
        if not isinstance(text, Annotation):
            continue
        reach = text_size.width(text.get_text(), float(text.get_fontsize()))
        offset = float(text.xyann[0]) if text.anncoords == "offset points" else 0.0
        at = _fraction(float(text.xy[0]), low, high)
        align = text.get_horizontalalignment()
        if align == "left":
            yield _Spread(at, -offset, offset + reach)
        elif align == "right":
            yield _Spread(at, reach - offset, offset)
        elif not horizontal:
            yield _Spread(at, reach / 2 - offset, reach / 2 + offset)


def _shorten(names: Sequence[str], size: float, room: float) -> tuple[str, ...]:
    return tuple(text_size.elide(name, size, max(room, NAME_LEAST)) for name in names)


def _shorten_title(title: Text, style: Look, room: float) -> None:
    words = title.get_text()
    short = text_size.elide(words, style.title_size, max(room, 40.0), bold=True)
    if short != words:
        title.set_text(short)
