"""The dashboard as its tests open it and wait for it: the page at a laptop's size, its headline
figures read, and every chart read and drawn."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.ui.dashboard.page import DashboardPage
from app.ui.main_window import MainWindow

#: Seven charts drawn one after the other on a busy machine.
DRAW_MS = 60_000


def drawn(page: DashboardPage) -> bool:
    """Figures and charts in, and nothing being read or drawn any more."""
    area = page.charts_area  # built once the headline figures have painted
    return (
        area is not None
        and not page.loading
        and not area.reading.running
        and all(
            view.current is not None and not view.drawing.running for view in area.views.values()
        )
    )


def open_dashboard(qtbot: QtBot, window: MainWindow) -> DashboardPage:
    """Show the dashboard at 1366×768 and wait until everything on it is drawn."""
    window.resize(1366, 768)
    window.show_page("dashboard")
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: drawn(page), timeout=DRAW_MS)
    return page
