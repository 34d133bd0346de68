"""The dashboard's charts: they arrive after the headline figures, show the services' figures,
follow the period and partner chosen by keyboard, and a click on a figure opens the rows behind
it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.dashboard.charts import ChartFilter, dashboard_charts
from app.ui.charts.view import ChartView
from app.ui.dashboard.page import DashboardPage
from app.ui.main_window import MainWindow
from tests.support.charts import bar_point, bar_values
from tests.support.dashboard import DRAW_MS, drawn, open_dashboard
from tests.support.sample_records import TODAY

Opener = Callable[[Database], MainWindow]


@pytest.fixture
def dashboard(qtbot: QtBot, open_window: Opener, demo_db: Database) -> DashboardPage:
    return open_dashboard(qtbot, open_window(demo_db))


def plotted(view: ChartView) -> dict[int, list[float]]:
    assert view.figure is not None
    return bar_values(view.figure.axes[0])


def test_the_charts_show_the_services_figures(dashboard: DashboardPage, demo_db: Database) -> None:
    period = dashboard.charts_area.period_picker.period()
    assert (period.start, period.end) == (date(TODAY.year, 1, 1), date(TODAY.year, 12, 31))
    with demo_db.reading() as session:
        expected = dashboard_charts(session, ChartFilter(period.start, period.end, TODAY))
    views = dashboard.charts_area.views
    for name in ("pipeline", "won", "program", "funnel", "coverage", "overlaps"):
        spec = getattr(expected, name)
        assert views[name].spec == spec, name
        for s, series in enumerate(spec.series):
            shown = plotted(views[name]).get(s, [])
            assert shown == pytest.approx([float(v or 0) for v in series.values]), name
    assert sum(expected.pipeline.series[0].values) > 0  # the demo has open deals to show
    assert "Registered" in views["pipeline"].accessibleDescription()


def test_the_partner_chosen_by_keyboard_narrows_every_chart(
    qtbot: QtBot, dashboard: DashboardPage
) -> None:
    area = dashboard.charts_area
    area.partner.setFocus()
    qtbot.keyClick(area.partner, Qt.Key.Key_Down)
    partner = area.partner.currentData()
    assert partner is not None
    qtbot.waitUntil(lambda: area.charts is not None and drawn(dashboard), timeout=DRAW_MS)
    qtbot.waitUntil(
        lambda: (
            area.charts is not None and set(area.charts.funnel.categories) <= {partner, "Direct"}
        ),
        timeout=DRAW_MS,
    )


def test_a_click_on_a_stage_opens_the_deals_of_that_stage(
    qtbot: QtBot, dashboard: DashboardPage
) -> None:
    view = dashboard.charts_area.views["pipeline"]
    view.parentWidget()  # scrolled into sight below the headline figures
    dashboard.scroll_area.ensureWidgetVisible(view)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=bar_point(view, "0:1"))
    window = dashboard.window()
    assert isinstance(window, MainWindow)
    deals = window.page("deals")
    qtbot.waitUntil(lambda: window.current_page() is deals)
    assert deals.filter_edit.text() == "Qualified"


def test_enter_on_the_revenue_chart_opens_the_program_page(
    qtbot: QtBot, dashboard: DashboardPage
) -> None:
    view = dashboard.charts_area.views["won"]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    window = dashboard.window()
    assert isinstance(window, MainWindow)
    qtbot.waitUntil(lambda: window.current_page() is window.page("program"))
