"""Drawing a ``ChartSpec`` onto a matplotlib figure with the product's look.

The one place a chart is drawn: the dashboard's canvas, the scorecard and the quarterly review
PDF all call ``draw``. Every bar and point carries a ``gid`` of ``"series:category"`` so a click
on the screen can say which figure was chosen, and a test can read back what was plotted.
Values become floats only here, for their position on the page; their labels are written from
the exact values.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation

from app.io.charts import text_size
from app.io.charts.layout import TITLE_PAD, fit, note_position
from app.io.charts.look import Look, look, register_font
from app.io.charts.numbers import value_label
from app.io.charts.spec import ChartSpec, Number, ValueKind
from app.io.charts.ticks import draw_marks, value_ticks

#: The share of a category's room its bars take (the rest is the gap between categories).
BAR_ROOM = 0.8
#: Points kept clear on each side of a bar's figure.
LABEL_GAP = 1.5


def new_figure(width_in: float = 6.0, height_in: float = 3.2, dpi: float = 100) -> Figure:
    """A white figure in the product's font; ``draw`` lays it out to fit its labels."""
    register_font()
    figure = Figure(figsize=(width_in, height_in), dpi=dpi)
    figure.set_facecolor("white")
    return figure


def draw(spec: ChartSpec, figure: Figure) -> Axes:
    """Clear ``figure`` and draw ``spec`` on it; an empty chart says so in words."""
    figure.clear()
    style = look()
    axes = figure.add_subplot()
    _frame(axes, spec, style)
    if spec.is_empty:
        axes.set_axis_off()
        axes.text(
            0.5,
            0.5,
            spec.empty_text,
            ha="center",
            va="center",
            color=style.muted,
            fontsize=style.label_size,
            family=style.font_family,
            transform=axes.transAxes,
            parse_math=False,
        )
        fit(axes, spec, style, ())
        return axes
    if spec.kind == "hbar":
        _hbar(axes, spec, style)
    elif spec.kind == "line":
        _lines(axes, spec, style)
    else:
        _bars(axes, spec, style, stacked=spec.kind == "stacked")
    if len(spec.series) > 1:
        legend = axes.legend(
            frameon=False, fontsize=style.label_size, loc="upper left", bbox_to_anchor=(1.0, 1.0)
        )
        for text in legend.get_texts():
            text.set_color(style.ink)
            text.set_parse_math(False)
    horizontal = spec.kind == "hbar"
    values = value_ticks(*(axes.get_xlim() if horizontal else axes.get_ylim()), spec.value_kind)
    names = fit(axes, spec, style, values)
    if _crowded(axes, spec):  # the bars' figures would run into each other: the scale tells
        for text in [t for t in axes.texts if isinstance(t, Annotation)]:
            text.remove()
        names = fit(axes, spec, style, values)
    draw_marks(axes, style, values, names.names, names.turn, horizontal)
    return axes


def _frame(axes: Axes, spec: ChartSpec, style: Look) -> None:
    axes.set_title(
        spec.title,
        loc="left",
        fontsize=style.title_size,
        color=style.ink,
        family=style.font_family,
        fontweight="bold",
        y=1.0,  # placed by ``fit``, not by matplotlib measuring the ticks at each drawing
        pad=TITLE_PAD,
        parse_math=False,
    )
    if spec.note:  # a footnote, where a long title cannot run into it
        figure = axes.get_figure(root=True)
        assert isinstance(figure, Figure)
        width, height = figure.get_size_inches() * 72
        x, y = note_position(width, height)
        figure.supxlabel(
            spec.note,
            x=x,
            y=y,
            ha="left",
            parse_math=False,
            fontsize=style.label_size - 0.5,
            color=style.muted,
            family=style.font_family,
        )
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(style.axis)


def _value_axis(axes: Axes, spec: ChartSpec, style: Look, horizontal: bool) -> None:
    """The value axis' limits and its label (the currency); its ticks come from ``ticks``."""
    if not horizontal and all(
        v is None or v >= 0 for series in spec.series for v in series.values
    ):  # amounts and counts are read from zero, with room above the tallest bar for its label
        axes.set_ylim(0, _peak(spec) * 1.15 or 1.0)
    if spec.currency and spec.value_kind is ValueKind.MONEY:
        (axes.set_xlabel if horizontal else axes.set_ylabel)(
            spec.currency, fontsize=style.label_size, color=style.muted
        )


def _peak(spec: ChartSpec) -> float:
    """The top of the tallest bar, or point: a stack's total, else the largest value."""
    if spec.kind == "stacked":
        columns = zip(*(series.values for series in spec.series), strict=True)
        return max((sum(_plain(v) for v in column) for column in columns), default=0.0)
    return max((_plain(v) for series in spec.series for v in series.values), default=0.0)


def _plain(value: Number | None) -> float:
    return 0.0 if value is None else float(value)


def _bars(axes: Axes, spec: ChartSpec, style: Look, stacked: bool) -> None:
    count = len(spec.series)
    positions = range(len(spec.categories))
    width = BAR_ROOM if stacked else BAR_ROOM / count
    bottoms = [0.0] * len(spec.categories)
    containers = []
    for s, series in enumerate(spec.series):
        offset = 0.0 if stacked else (s - (count - 1) / 2) * width
        heights = [_plain(v) for v in series.values]
        bars = axes.bar(
            [p + offset for p in positions],
            heights,
            width=width * 0.92,
            bottom=bottoms if stacked else None,
            color=style.colour(s),
            label=series.name,
        )
        _tag(bars.patches, s)
        containers.append((bars, series.values))
        if stacked:
            bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    _value_axis(axes, spec, style, horizontal=False)
    if len(spec.categories) > spec.label_limit:
        return
    if stacked:
        totals = [
            _total([series.values[c] for series in spec.series])
            for c in range(len(spec.categories))
        ]
        for c, total in enumerate(totals):
            axes.annotate(
                value_label(total, spec.value_kind, spec.currency),
                (c, bottoms[c]),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=style.label_size - 1,
                color=style.ink,
                parse_math=False,
            )
    elif count * len(spec.categories) <= spec.label_limit:  # room for each bar's own figure
        for bars, values in containers:
            axes.bar_label(
                bars,
                labels=[value_label(v, spec.value_kind, spec.currency) for v in values],
                fontsize=style.label_size - 1,
                color=style.ink,
                padding=2,
                parse_math=False,
            )


def _hbar(axes: Axes, spec: ChartSpec, style: Look) -> None:
    series = spec.series[0]
    positions = list(range(len(spec.categories)))
    bars = axes.barh(
        positions,
        [_plain(v) for v in series.values],
        color=style.colour(0),
        height=0.7,
        label=series.name,
    )
    _tag(bars.patches, 0)
    axes.invert_yaxis()  # the first category, the largest, on top
    _value_axis(axes, spec, style, horizontal=True)
    if len(spec.categories) <= spec.label_limit:
        axes.bar_label(
            bars,
            labels=[value_label(v, spec.value_kind, spec.currency) for v in series.values],
            fontsize=style.label_size - 1,
            color=style.ink,
            padding=3,
            parse_math=False,
        )
        axes.margins(x=0.18)


def _lines(axes: Axes, spec: ChartSpec, style: Look) -> None:
    positions = list(range(len(spec.categories)))
    for s, series in enumerate(spec.series):
        ys = [float("nan") if v is None else float(v) for v in series.values]
        (line,) = axes.plot(
            positions,
            ys,
            marker="o",
            markersize=4,
            linewidth=1.8,
            color=style.colour(s),
            label=series.name,
        )
        line.set_gid(f"{s}:line")
    _value_axis(axes, spec, style, horizontal=False)


def _crowded(axes: Axes, spec: ChartSpec) -> bool:
    """Whether a figure written over a bar would run into another figure or into a neighbouring
    bar (a tall bar beside a short one in a group), with a little space to spare."""
    labels = [t for t in axes.texts if isinstance(t, Annotation)]
    if spec.kind not in ("bar", "stacked") or not labels:
        return False
    figure = axes.get_figure(root=True)
    assert isinstance(figure, Figure)
    scale = 72 / figure.dpi

    def at(x: float, y: float) -> tuple[float, float]:
        px, py = axes.transData.transform((x, y))
        return float(px) * scale, float(py) * scale

    words: list[_Box] = []
    for label in labels:
        size = float(label.get_fontsize())
        x, y = at(*label.xy)
        half = text_size.width(label.get_text(), size) / 2 + LABEL_GAP
        y += float(label.xyann[1])
        words.append((x - half, x + half, y, y + text_size.line_height(size)))
    bars: list[_Box] = []
    for bar in axes.patches:
        assert isinstance(bar, Rectangle)
        (x0, y0), (x1, y1) = (
            at(bar.get_x(), bar.get_y()),
            at(bar.get_x() + bar.get_width(), bar.get_y() + bar.get_height()),
        )
        bars.append((min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)))
    return any(_meet(a, b) for a, b in combinations(words, 2)) or any(
        _meet(a, b) for a in words for b in bars
    )


#: left, right, bottom, top, in points.
_Box = tuple[float, float, float, float]


def _meet(a: _Box, b: _Box) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def _tag(patches: Sequence[object], series: int) -> None:
    for category, patch in enumerate(patches):
        patch.set_gid(f"{series}:{category}")  # type: ignore[attr-defined]


def _total(values: Sequence[Number | None]) -> Number | None:
    present = [v for v in values if v is not None]
    return sum(present[1:], present[0]) if present else None
