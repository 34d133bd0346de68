"""A matplotlib renderer that draws a figure straight into a reportlab ``Drawing``.

The review PDF puts the very charts of the screens on paper, as vector graphics: matplotlib lays
out and draws the figure, and this renderer turns each of its drawing calls into a reportlab
shape (a rectangle for a bar, a path for a line or a marker, a string for a word). Writing SVG
and reading it back cost several times the drawing itself and turned every letter into curves;
here text stays text, printed in the PDF's embedded DejaVu Sans (so it can be searched and
copied), and it is measured with the same font metrics (``text_size``), so matplotlib aligns
and centres each word exactly where reportlab prints it.

Display units are points: the figure is drawn at 72 dots per inch, so the Drawing's
coordinates are the PDF's. What the product's charts never use is left out: pictures, hatching,
and clipping to shapes other than rectangles.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Bbox, Transform
from matplotlib.typing import ColorType
from numpy.typing import ArrayLike
from reportlab.graphics.shapes import FILL_NON_ZERO, Drawing, Group, Path, Rect, Shape, String
from reportlab.lib.colors import Color

from app.io.charts import text_size

#: matplotlib's cap and join styles as reportlab numbers them.
_CAPS = {"butt": 0, "round": 1, "projecting": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}
#: The codes of an upright rectangle's path (a bar's).
_BOX = [MplPath.MOVETO, MplPath.LINETO, MplPath.LINETO, MplPath.LINETO, MplPath.CLOSEPOLY]
_BOLD = {"semibold", "demibold", "demi", "bold", "heavy", "extra bold", "black"}


def is_bold(prop: FontProperties) -> bool:
    """True for the weights the bold DejaVu Sans prints (the titles' "bold")."""
    weight = prop.get_weight()
    return weight >= 600 if isinstance(weight, int | float) else weight in _BOLD


class ReportlabRenderer(RendererBase):
    """Collects one figure's drawing calls as reportlab shapes.

    Shapes go into groups, one per clip rectangle in force (the axes' area for bars and lines,
    none for titles and ticks), in the order matplotlib draws them. ``marks`` keeps the shapes
    drawn for each artist that carries a ``gid`` (the bars: ``"series:category"``), so what was
    printed can be checked against what was plotted."""

    def __init__(self, width: float, height: float, dpi: float = 72.0) -> None:
        super().__init__()
        self.width, self.height, self.dpi = width, height, dpi
        self.groups: list[Group] = []
        self.marks: dict[str, list[Shape]] = {}
        self._clip: tuple[float, float, float, float] | bool | None = False  # none yet
        self._gids: list[str | None] = []

    # --- what matplotlib asks of every renderer

    def flipy(self) -> bool:
        return False  # y grows upwards, as in PDF

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    def points_to_pixels(self, points: ArrayLike) -> ArrayLike:
        return np.multiply(points, self.dpi / 72)

    def _points(self, points: float) -> float:
        return float(points) * self.dpi / 72

    def new_gc(self) -> GraphicsContextBase:
        return GraphicsContextBase()

    def option_image_nocomposite(self) -> bool:
        return True

    def open_group(self, s: str, gid: str | None = None) -> None:
        self._gids.append(gid)

    def close_group(self, s: str) -> None:
        if self._gids:
            self._gids.pop()

    def get_text_width_height_descent(
        self, s: str, prop: FontProperties, ismath: Any
    ) -> tuple[float, float, float]:
        size = self._points(prop.get_size_in_points())
        bold = is_bold(prop)
        return (
            text_size.width(s, size, bold),
            text_size.line_height(size, bold),
            text_size.descent(size, bold),
        )

    # --- drawing

    def draw_path(
        self,
        gc: GraphicsContextBase,
        path: MplPath,
        transform: Transform,
        rgbFace: ColorType | None = None,  # noqa: N803 - matplotlib's name
    ) -> None:
        fill = _fill_colour(gc, rgbFace)
        stroke = _stroke_colour(gc)
        if fill is None and stroke is None:
            return
        corners = _rectangle(path, transform)
        if corners is not None:
            x0, y0, x1, y1 = corners
            shape: Shape = Rect(x0, y0, x1 - x0, y1 - y0)
        else:
            shape = _path(path, transform, closed_fill=fill is not None)
        self._add(gc, self._styled(gc, shape, fill, stroke))

    def draw_markers(
        self,
        gc: GraphicsContextBase,
        marker_path: MplPath,
        marker_trans: Transform,
        path: MplPath,
        trans: Transform,
        rgbFace: ColorType | None = None,  # noqa: N803 - matplotlib's name
    ) -> None:
        """Each mark (a tick, a point of a line) is the marker's path moved to its place: the
        marker is transformed once, where the base class makes a transform for every mark."""
        fill = _fill_colour(gc, rgbFace)
        stroke = _stroke_colour(gc)
        if fill is None and stroke is None:
            return
        marker = marker_trans.transform_path(marker_path)
        for vertices, _code in path.iter_segments(trans, simplify=False):
            if len(vertices):
                x, y = (float(v) for v in np.asarray(vertices)[-2:])
                shape = _path(marker, None, closed_fill=fill is not None, offset=(x, y))
                self._add(gc, self._styled(gc, shape, fill, stroke))

    def _styled(
        self, gc: GraphicsContextBase, shape: Shape, fill: Color | None, stroke: Color | None
    ) -> Shape:
        shape.fillColor = fill
        shape.strokeColor = stroke
        if stroke is not None:
            shape.strokeWidth = self._points(gc.get_linewidth())
            shape.strokeLineCap = _CAPS.get(gc.get_capstyle(), 0)
            shape.strokeLineJoin = _JOINS.get(gc.get_joinstyle(), 0)
            offset, dashes = gc.get_dashes()
            pattern = [self._points(float(d)) for d in np.asarray(dashes).ravel()] if dashes else []
            if pattern:
                shape.strokeDashArray = (self._points(offset or 0.0), pattern)
        return shape

    def draw_text(
        self,
        gc: GraphicsContextBase,
        x: float,
        y: float,
        s: str,
        prop: FontProperties,
        angle: float,
        ismath: Any = False,
        mtext: Any = None,
    ) -> None:
        """``(x, y)`` is the left end of the baseline, the text turned ``angle`` degrees about
        it: matplotlib has already aligned it with this renderer's own measures. Mathematical
        notation is never asked for (charts write names and figures as they are)."""
        colour = _stroke_colour(gc, ignore_width=True)
        if colour is None or not s.strip():
            return
        size = self._points(prop.get_size_in_points())
        bold = is_bold(prop)
        strings: list[Shape] = []
        start = 0.0
        for font, part in text_size.runs(s, bold):
            strings.append(String(start, 0, part, fontName=font, fontSize=size, fillColor=colour))
            start += text_size.width(part, size, bold)
        if angle:
            turn = math.radians(angle)
            cos, sin = math.cos(turn), math.sin(turn)
            self._add(gc, Group(*strings, transform=(cos, sin, -sin, cos, x, y)))
            return
        for string in strings:
            string.x += x
            string.y = y
            self._add(gc, string)

    def _add(self, gc: GraphicsContextBase, shape: Shape) -> None:
        clip = _clip_of(gc)
        if clip != self._clip or not self.groups:
            group = Group()
            if clip is not None:
                x0, y0, x1, y1 = clip
                box = Path(fillColor=None, strokeColor=None, isClipPath=1)
                box.moveTo(x0, y0)
                box.lineTo(x1, y0)
                box.lineTo(x1, y1)
                box.lineTo(x0, y1)
                box.closePath()
                group.add(box)
            self.groups.append(group)
            self._clip = clip
        self.groups[-1].add(shape)
        gid = next((g for g in reversed(self._gids) if g), None)
        if gid is not None:
            self.marks.setdefault(gid, []).append(shape)

    def drawing(self) -> Drawing:
        """Everything drawn so far, as one Drawing of the figure's size."""
        drawing = Drawing(self.width, self.height)
        for group in self.groups:
            drawing.add(group)
        return drawing


def render(figure: Figure) -> ReportlabRenderer:
    """Draw ``figure`` with a ``ReportlabRenderer`` and return the renderer, its shapes and
    marks. The Drawing is in the figure's display units: points, for a figure of 72 dots per
    inch (``files.chart_drawing`` makes it so)."""
    renderer = ReportlabRenderer(float(figure.bbox.width), float(figure.bbox.height), figure.dpi)
    figure.draw(renderer)
    return renderer


def figure_drawing(figure: Figure) -> Drawing:
    """``figure`` as a reportlab Drawing of its size in points."""
    return render(figure).drawing()


def _colour(rgba: Sequence[float], alpha: float) -> Color | None:
    if alpha <= 0:
        return None
    return Color(float(rgba[0]), float(rgba[1]), float(rgba[2]), alpha=float(alpha))


def _fill_colour(gc: GraphicsContextBase, colour: ColorType | None) -> Color | None:
    if colour is None:
        return None
    rgb = to_rgba(colour)
    forced = gc.get_forced_alpha()
    alpha = gc.get_alpha() if forced else (rgb[3] if len(rgb) > 3 else 1.0)
    return _colour(rgb, alpha)


def _stroke_colour(gc: GraphicsContextBase, ignore_width: bool = False) -> Color | None:
    if not ignore_width and gc.get_linewidth() <= 0:
        return None
    rgb = gc.get_rgb()
    return _colour(rgb, rgb[3] if len(rgb) > 3 else 1.0)


def _clip_of(gc: GraphicsContextBase) -> tuple[float, float, float, float] | None:
    box: Bbox | None = gc.get_clip_rectangle()
    if box is None:
        return None
    x0, y0, x1, y1 = box.extents
    return float(x0), float(y0), float(x1), float(y1)


def _rectangle(path: MplPath, transform: Transform) -> tuple[float, float, float, float] | None:
    """The corners of ``path`` when it is an upright rectangle (a bar, a background), else
    None."""
    codes, vertices = path.codes, np.asarray(path.vertices)
    if len(vertices) != 5 or codes is None or [int(c) for c in np.asarray(codes)] != _BOX:
        return None
    points = transform.transform(vertices[:4])
    xs = sorted({round(float(x), 6) for x in points[:, 0]})
    ys = sorted({round(float(y), 6) for y in points[:, 1]})
    if len(xs) > 2 or len(ys) > 2:
        return None  # turned: not upright
    return xs[0], ys[0], xs[-1], ys[-1]


def _path(
    path: MplPath,
    transform: Transform | None,
    closed_fill: bool,
    offset: tuple[float, float] = (0.0, 0.0),
) -> Path:
    """``path`` through ``transform``, moved by ``offset``, as a reportlab Path."""
    shape = Path(autoclose="pdf" if closed_fill else None, fillMode=FILL_NON_ZERO)
    dx, dy = offset
    last = (0.0, 0.0)
    for vertices, code in path.iter_segments(transform, remove_nans=True, simplify=False):
        points = [float(v) + (dy if i % 2 else dx) for i, v in enumerate(np.asarray(vertices))]
        if code == MplPath.MOVETO:
            shape.moveTo(*points)
        elif code == MplPath.LINETO:
            shape.lineTo(*points)
        elif code == MplPath.CURVE3:  # a quadratic curve, as the cubic that draws it
            (cx, cy, x, y), (x0, y0) = points, last
            shape.curveTo(
                x0 + 2 / 3 * (cx - x0),
                y0 + 2 / 3 * (cy - y0),
                x + 2 / 3 * (cx - x),
                y + 2 / 3 * (cy - y),
                x,
                y,
            )
        elif code == MplPath.CURVE4:
            shape.curveTo(*points)
        elif code == MplPath.CLOSEPOLY:
            shape.closePath()
            continue
        if len(points) >= 2:
            last = (points[-2], points[-1])
    return shape
