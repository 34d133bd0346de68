"""Under a dark system theme every page still reads: each label, field, button and table in view
draws its text in a colour that stands out from the background it is drawn on.

The system's palette is played by setting a dark one on the application before the application
starts as it does (``application()``); each page (every tab of each) is then painted and every
widget with text is looked at in the window's picture.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.db.engine import Database
from app.ui.launch import application
from app.ui.main_window import MainWindow
from app.ui.page_list import PAGES
from tests.support.contrast import area_contrast
from tests.support.pages import settled
from tests.ui.test_keyboard_pages import each_tab

Opener = Callable[[Database], MainWindow]
#: Text strokes against their background; antialiasing softens the thinnest, so the bar is
#: below the 4.5:1 the colours themselves meet (test_contrast.py), and far above the 1.1–1.3:1
#: of light text on white.
READABLE = 3.0

DARK = {
    QPalette.ColorRole.Window: "#202124", QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#2b2c2f", QPalette.ColorRole.AlternateBase: "#323336",
    QPalette.ColorRole.Text: "#e8eaed", QPalette.ColorRole.Button: "#303134",
    QPalette.ColorRole.ButtonText: "#e8eaed", QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    QPalette.ColorRole.Highlight: "#8ab4f8", QPalette.ColorRole.HighlightedText: "#202124",
    QPalette.ColorRole.ToolTipBase: "#3c4043", QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.Light: "#5f6368", QPalette.ColorRole.Midlight: "#4a4d51",
    QPalette.ColorRole.Mid: "#3c4043", QPalette.ColorRole.Dark: "#17181a",
}  # fmt: skip


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, value in DARK.items():
        palette.setColor(role, QColor(value))
    return palette


@pytest.fixture
def dark_system(qapp: QApplication) -> Iterator[None]:
    """The application as it starts on a system with a dark theme; the palette put back after."""
    before = qapp.palette()
    qapp.setPalette(dark_palette())
    application()
    yield
    qapp.setPalette(before)
    application()


def draws_text(widget: QWidget) -> bool:
    if isinstance(widget, QLabel):
        return bool(widget.text().strip()) and widget.pixmap().isNull()
    if isinstance(widget, QLineEdit):
        return bool(widget.text() or widget.placeholderText())
    if isinstance(widget, QComboBox):
        return bool(widget.currentText())
    if isinstance(widget, QAbstractButton):
        return bool(widget.text()) and widget.isEnabled()
    return False


def text_widgets(page: QWidget) -> list[tuple[str, QWidget]]:
    """(what, widget) for every widget in view that draws text: tables (their cells), labels,
    fields, combo boxes and buttons."""
    found: list[tuple[str, QWidget]] = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisible() or widget.width() < 4 or widget.height() < 4:
            continue
        name = f"{type(widget).__name__} {widget.objectName() or ''}".strip()
        if isinstance(widget, QAbstractItemView):
            model = widget.model()
            if model is not None and model.rowCount() > 0:
                found.append((name, widget.viewport()))
        elif draws_text(widget):
            found.append((name, widget))
    return found


def unreadable(window: MainWindow, where: str) -> list[str]:
    picture: QImage = window.grab().toImage()
    scale = picture.devicePixelRatio()
    problems = []
    for name, widget in text_widgets(window.current_page()):
        corner = widget.mapTo(window, QPoint(0, 0))
        area = QRect(corner * scale, widget.size() * scale).intersected(picture.rect())
        if area.isEmpty():
            continue
        background, best = area_contrast(picture.copy(area))
        if best < READABLE:
            problems.append(f"{where}: {name}: {best:.2f}:1 on {background.name()}")
    return problems


@pytest.mark.usefixtures("dark_system")
def test_every_page_reads_under_a_dark_system_theme(
    open_window: Opener, demo_db: Database, tmp_path: object
) -> None:
    window = open_window(demo_db)
    window.resize(1366, 768)
    problems: list[str] = []
    for entry in PAGES:
        window.show_page(entry.key)
        page = settled(window.current_page())
        for tab in each_tab(page):
            settled(page)
            QApplication.processEvents()
            problems += unreadable(window, f"{entry.title} ({tab})")
    assert not problems, "\n".join(problems)
