"""A chart in the window: drawn by ``app.io.charts``, clickable, exportable, readable aloud.

A click on a bar says which figure was chosen (``picked``), so the page behind the chart can open
the rows that make it; the context menu (right click, the Menu key or Shift+F10) saves the chart
as PNG, SVG or PDF; a screen reader reads the figures from the accessible description, as a chart
is a picture to everyone who cannot see it.
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.backend_bases import PickEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QVBoxLayout, QWidget

from app.domain.errors import AppError
from app.io.charts.draw import draw, new_figure
from app.io.charts.files import write_figure
from app.io.charts.numbers import value_label
from app.io.charts.spec import ChartSpec

_FILTERS = {
    "png": "PNG picture (*.png)",
    "svg": "SVG drawing (*.svg)",
    "pdf": "PDF document (*.pdf)",
}


class ChartView(QWidget):
    """One chart; ``picked(series, category)`` when a bar is clicked, ``(-1, -1)`` for Enter."""

    picked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None, *, height_px: int = 260) -> None:
        super().__init__(parent)
        self.figure = new_figure()
        self.canvas = FigureCanvasQTAgg(self.figure)  # type: ignore[no-untyped-call]
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.canvas.mpl_connect("pick_event", self._on_pick)
        self.spec: ChartSpec | None = None
        self.last_saved: Path | None = None  # tests read it
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.setMinimumHeight(height_px)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)

    def show_spec(self, spec: ChartSpec) -> None:
        """Draw ``spec``; its words and figures become the accessible name and description."""
        self.spec = spec
        axes = draw(spec, self.figure)
        for patch in axes.patches:
            patch.set_picker(True)
        for line in axes.lines:
            line.set_picker(5)
        self.canvas.draw_idle()  # type: ignore[no-untyped-call]
        self.setAccessibleName(spec.title)
        self.setAccessibleDescription(describe(spec))
        self.setToolTip(f"{spec.title}: click a bar to open what makes it; right-click to save.")

    def _on_pick(self, event: PickEvent) -> None:
        gid = event.artist.get_gid() or ""
        series, _, category = gid.partition(":")
        if series.isdigit() and category.isdigit():
            self.picked.emit(int(series), int(category))

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
        try:
            write_figure(self.figure, path)
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
