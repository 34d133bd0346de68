"""The dashboard reads again only what a change touches: the headline figures, the charts made
from the changed records, or nothing; charts it does not read again keep their pictures."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.dashboard.chart_data import CHART_PARTS
from app.ui.changes import RecordKind
from app.ui.claims.overlaps_page import OverlapsPage
from app.ui.dashboard.charts_area import PART_KINDS
from app.ui.dashboard.page import DashboardPage
from app.ui.leads.page import LeadsPage
from app.ui.main_window import MainWindow
from app.ui.page_base import Page
from app.ui.program.page import ProgramPage
from app.ui.training.page import TrainingPage
from tests.support.dashboard import DRAW_MS, drawn, open_dashboard
from tests.support.sample_records import add_sample_records

Opener = Callable[[Database], MainWindow]


@pytest.fixture
def dashboard(qtbot: QtBot, open_window: Opener, sqlite_db: Database) -> DashboardPage:
    add_sample_records(sqlite_db)
    page = open_dashboard(qtbot, open_window(sqlite_db))
    assert page.loads == 1 and page.charts_area.reads == [frozenset(CHART_PARTS)]
    return page


def announce(page: DashboardPage, *kinds: RecordKind) -> None:
    page.context.changes.announce(kinds)


def test_a_lead_change_reads_the_lead_charts_alone(qtbot: QtBot, dashboard: DashboardPage) -> None:
    area = dashboard.charts_area
    pictures = {name: view.current for name, view in area.views.items()}
    announce(dashboard, RecordKind.LEAD)
    assert not dashboard.loading  # the headline figures hold no lead
    assert area.reads[-1] == frozenset({"leads"})
    qtbot.waitUntil(lambda: drawn(dashboard), timeout=DRAW_MS)
    assert dashboard.loads == 1
    for name in ("pipeline", "won", "program", "coverage", "overlaps"):
        assert area.views[name].current is pictures[name], name  # not drawn again


def test_a_claim_change_reads_the_figures_and_the_overlaps(
    qtbot: QtBot, dashboard: DashboardPage
) -> None:
    announce(dashboard, RecordKind.CLAIM)
    assert dashboard.loading
    assert dashboard.charts_area.reads[-1] == frozenset({"overlaps"})
    qtbot.waitUntil(lambda: drawn(dashboard), timeout=DRAW_MS)
    assert dashboard.loads == 2 and len(dashboard.charts_area.reads) == 2


def test_a_change_out_of_sight_is_read_when_the_dashboard_is_shown_again(
    qtbot: QtBot, dashboard: DashboardPage
) -> None:
    window = dashboard.window()
    assert isinstance(window, MainWindow)
    window.show_page("partners")
    announce(dashboard, RecordKind.MDF)
    assert len(dashboard.charts_area.reads) == 1  # nothing read out of sight
    window.show_page("dashboard")
    assert dashboard.charts_area.reads[-1] == frozenset({"returns"})
    qtbot.waitUntil(lambda: drawn(dashboard), timeout=DRAW_MS)
    assert dashboard.loads == 1


@pytest.mark.parametrize(
    ("part", "page"),
    [("returns", ProgramPage), ("coverage", TrainingPage), ("leads", LeadsPage),
     ("overlaps", OverlapsPage)],
)  # fmt: skip
def test_each_chart_reads_again_whenever_the_page_behind_it_does(
    part: str, page: type[Page]
) -> None:
    assert page.kinds <= PART_KINDS[part]


def test_a_price_book_change_reads_the_returns_alone(
    qtbot: QtBot, dashboard: DashboardPage
) -> None:
    """A SPIF accrues by the family of the product quoted, which the price book sets."""
    announce(dashboard, RecordKind.PRICE_BOOK)
    assert not dashboard.loading  # the headline figures hold no price
    assert dashboard.charts_area.reads[-1] == frozenset({"returns"})
    qtbot.waitUntil(lambda: drawn(dashboard), timeout=DRAW_MS)
