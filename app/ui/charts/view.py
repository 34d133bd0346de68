"""A chart in the window: drawn off the GUI thread, clickable, exportable, readable aloud.

matplotlib needs a few hundred milliseconds to lay out and draw a chart, so the chart is drawn
on a worker thread into a picture of the widget's size and shown when ready (the window keeps
answering meanwhile; a new size or new data draws again, and only the newest drawing counts).
A click on a bar says which figure was chosen (``picked``), so the page behind the chart can open
the rows that make it; the context menu (right click, the Menu key or Shift+F10) saves the chart
as PNG, SVG or PDF; a screen reader reads the figures from the accessible description, as a chart
is a picture to everyone who cannot see it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from app.domain.errors import AppError
from app.io.charts.numbers import value_label
from app.io.charts.spec import ChartSpec
from app.ui.errors import ErrorHook
from app.ui.operations import IsCancelled, LatestOnly, Operation, Progress
from app.ui.palette import PLACEHOLDER

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_FILTERS = {
    "png": "PNG picture (*.png)",
    "svg": "SVG drawing (*.svg)",
    "pdf": "PDF document (*.pdf)",
}
#: A resize draws again once the size has settled for this long.
_SETTLE_MS = 120


class _Drawn:
    """A chart drawn at one size: the figure (for clicks and export) and its picture."""

    def __init__(self, figure: Figure, image: QImage) -> None:
        self.figure = figure
        self.image = image


def load_chart_code() -> None:
    """Import what a chart is drawn with (about a second): off the GUI thread, at the
    application's start once the window has painted (``app.ui.launch``) or with the first
    drawing, never with a page, which would otherwise wait for it before it first paints."""
    import matplotlib.backends.backend_agg  # noqa: F401

    import app.io.charts.draw  # noqa: F401
    from app.io.charts.text_size import load_fonts

    load_fonts()  # the fonts every chart's layout is measured with


def _render(spec: ChartSpec, size: QSize, ratio: float) -> _Drawn:
    """Lay out and draw ``spec`` at ``size`` logical pixels: runs on a worker thread, touching
    nothing but its own figure; the chart code is imported here if the start has not yet
    (``load_chart_code``)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from app.io.charts.draw import draw, new_figure

    dpi = 100 * ratio
    figure = new_figure(size.width() / 100, size.height() / 100, dpi=dpi)
    canvas = FigureCanvasAgg(figure)
    draw(spec, figure)
    canvas.draw()  # type: ignore[no-untyped-call]
    width, height = canvas.get_width_height(physical=True)
    pixels = bytes(canvas.buffer_rgba())  # type: ignore[no-untyped-call]
    image = QImage(pixels, width, height, QImage.Format.Format_RGBA8888)
    image.setDevicePixelRatio(ratio)
    return _Drawn(figure, image.copy())


class ChartView(QWidget):
    """One chart; ``picked(series, category)`` when a bar is clicked, ``(-1, -1)`` for Enter.
    ``drawn`` fires each time a drawing arrives (tests and pages wait for it)."""

    picked = Signal(int, int)
    drawn = Signal()

    def __init__(
        self, errors: ErrorHook, parent: QWidget | None = None, *, height_px: int = 260
    ) -> None:
        super().__init__(parent)
        self.errors = errors
        self.spec: ChartSpec | None = None
        self.current: _Drawn | None = None
        self.last_saved: Path | None = None  # tests read it
        self.drawing = LatestOnly()
        self.waiting_text = "Drawing…"
        self._settle = QTimer(self, singleShot=True, interval=_SETTLE_MS)
        self._settle.timeout.connect(self._draw_again)
        self.setMinimumSize(280, height_px)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)

    @property
    def figure(self) -> Figure | None:
        """The figure now shown, laid out at the widget's size."""
        return self.current.figure if self.current else None

    def show_spec(self, spec: ChartSpec) -> None:
        """Draw ``spec`` in the background; its words and figures become the accessible name
        and description at once."""
        self.spec = spec
        self.setAccessibleName(spec.title)
        self.setAccessibleDescription(describe(spec))
        self.setToolTip(f"{spec.title}: click a bar to open what makes it; right-click to save.")
        self._draw_again()

    def show_waiting(self, text: str = "Drawing…") -> None:
        """Forget the chart and say what is happening instead (the data is being read)."""
        self.drawing.cancel()
        self.spec, self.current, self.waiting_text = None, None, text
        self.update()

    def _draw_again(self) -> None:
        spec, size, ratio = self.spec, self.size(), self.devicePixelRatioF()
        if spec is None or size.width() < 50 or size.height() < 50:
            return

        def work(_progress: Progress, cancelled: IsCancelled) -> _Drawn | None:
            if cancelled():  # waiting its turn, it was overtaken by a newer drawing: skipped
                return None
            return _render(spec, size, ratio)

        operation: Operation[_Drawn | None] = Operation(self, self.errors, work)
        operation.success(lambda drawn: self._arrived(operation, spec, drawn))
        self.drawing.start(operation)

    def _arrived(
        self, operation: Operation[_Drawn | None], spec: ChartSpec, drawn: _Drawn | None
    ) -> None:
        if not self.drawing.is_current(operation) or spec is not self.spec or drawn is None:
            return
        self.current = drawn
        self.update()
        self.drawn.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.spec is not None:
            self._settle.start()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if self.current is not None:
            painter.drawImage(QPointF(0, 0), self.current.image)
        else:
            painter.setPen(PLACEHOLDER)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.waiting_text)
        if self.hasFocus():
            painter.setPen(self.palette().highlight().color())
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.figure_at(event.position())
            if hit is not None:
                self.picked.emit(*hit)
                return
        super().mousePressEvent(event)

    def figure_at(self, position: QPointF) -> tuple[int, int] | None:
        """The (series, category) of the bar under ``position``, widget coordinates."""
        if self.current is None:
            return None
        ratio = self.devicePixelRatioF()
        x = position.x() * ratio
        y = self.current.image.height() - position.y() * ratio  # matplotlib counts from below
        for axes in self.current.figure.axes:
            for patch in axes.patches:
                series, _, category = (patch.get_gid() or "").partition(":")
                if series.isdigit() and category.isdigit() and patch.contains_point((x, y)):
                    return int(series), int(category)
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.spec is not None:
            self.picked.emit(-1, -1)
            return
        shift_f10 = event.key() == Qt.Key.Key_F10 and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        if event.key() == Qt.Key.Key_Menu or shift_f10:
            self.menu().exec(self.mapToGlobal(self.rect().center()))
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()  # the focus frame

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.menu().exec(event.globalPos())

    def menu(self) -> QMenu:
        """Export as PNG, SVG or PDF; the same from the mouse and from the keyboard."""
        menu = QMenu(self)
        menu.setObjectName("chartMenu")
        for fmt, label in (("png", "PNG…"), ("svg", "SVG…"), ("pdf", "PDF…")):
            action = menu.addAction(f"Export chart as {label}")
            action.triggered.connect(lambda _=False, f=fmt: self.export_as(f))
            action.setEnabled(self.spec is not None)
        return menu

    def export_as(self, fmt: str, path: Path | None = None) -> Path | None:
        """Ask where (unless ``path`` is given) and save the chart; a refusal is a message."""
        if self.spec is None:
            return None
        if path is None:
            suggested = f"{self.spec.title}.{fmt}".replace("/", "-")
            name, _ = QFileDialog.getSaveFileName(
                self, "Export chart", str(Path.home() / suggested), _FILTERS[fmt]
            )
            if not name:
                return None
            path = Path(name)
            if path.suffix.lower() != f".{fmt}":
                path = path.with_name(f"{path.name}.{fmt}")
        from app.io.charts.draw import draw, new_figure
        from app.io.charts.files import write_figure

        figure = new_figure()  # the file's own size, not the window's
        draw(self.spec, figure)
        try:
            write_figure(figure, path)
        except AppError as exc:
            QMessageBox.warning(self, "Chart not saved", str(exc))
            return None
        self.last_saved = path
        return path


def describe(spec: ChartSpec) -> str:
    """The chart's figures as sentences: "Sourced: 2026Q1 100,000.00 EUR, …"."""
    if spec.is_empty:
        return spec.empty_text
    unit = f" {spec.currency}" if spec.currency else ""
    parts = []
    for series in spec.series:
        figures = ", ".join(
            f"{category} {value_label(value, spec.value_kind, spec.currency)}{unit}"
            for category, value in zip(spec.categories, series.values, strict=True)
        )
        parts.append(f"{series.name}: {figures}")
    return ". ".join(parts) + "."
