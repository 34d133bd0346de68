"""The partner dialog's Scorecard tab as a person uses it: open a partner, click the tab, read
the score and the figures (the service's, for the same partner and period), hover over a rule
to see why it gave its points, and pick another period."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Account, Claim, Deal, DealParty, Partner
from app.domain.enums import ClaimStatus, DealStage, PartyRole
from app.domain.scorecard.health import HealthFigures, health_score
from app.services.scorecard.figures import LeadFigures, PartnerScorecard
from app.services.scorecard.scorecard import partner_scorecard
from app.ui.changes import RecordKind
from app.ui.main_window import MainWindow
from app.ui.partners.dialog import PartnerDialog
from app.ui.partners.page import PartnersPage
from app.ui.partners.scorecard_tab import ScorecardTab, last_four_quarters
from tests.support.charts import bar_values
from tests.support.sample_records import TODAY, add_sample_records

Opener = Callable[[Database], MainWindow]
READ_MS = 20_000
DRAW_MS = 30_000


@pytest.fixture
def world(sqlite_db: Database) -> Database:
    """The sample records, and a deal Northwind Traders registered and won today, so its
    revenue chart has a bar."""
    add_sample_records(sqlite_db)
    with sqlite_db.transaction() as s:
        north = s.scalar(select(Partner).where(Partner.partner_code == "P-001"))
        tailspin = s.scalar(select(Account).where(Account.name == "Tailspin Toys"))
        won = Deal(
            name="Tailspin upgrade",
            account=tailspin,
            stage=DealStage.WON,
            closed_on=TODAY,
            amount=Decimal("42000.00"),
            currency="EUR",
        )
        won.parties = [
            DealParty(partner=north, role=PartyRole.REGISTERING_PARTNER, commission_pct=Decimal(10))
        ]
        s.add(won)
    return sqlite_db


def open_partner(qtbot: QtBot, window: MainWindow, name: str) -> PartnerDialog:
    page = window.page("partners")
    assert isinstance(page, PartnersPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).name == name)
    page.table.setFocus()
    page.table.selectRow(row)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    return page.dialogs[-1]


def click_scorecard(qtbot: QtBot, dialog: PartnerDialog) -> ScorecardTab:
    bar = dialog.tabs.tabBar()
    index = dialog.tabs.indexOf(dialog.scorecard_page)
    assert dialog.tabs.tabText(index) == "Scorecard"
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    tab = dialog.scorecard
    assert tab is not None
    qtbot.waitUntil(lambda: tab.reads > 0, timeout=READ_MS)
    return tab


def expected(db: Database, tab: ScorecardTab, code: str) -> PartnerScorecard:
    period = tab.period_picker.period()
    with db.reading() as s:
        return partner_scorecard(s, code, period.start, period.end, TODAY)


def test_the_tab_reads_when_first_shown_and_shows_the_services_figures(
    qtbot: QtBot, open_window: Opener, world: Database
) -> None:
    window = open_window(world)
    dialog = open_partner(qtbot, window, "Northwind Traders")
    assert dialog.scorecard is None  # opened at once: nothing built, nothing read
    tab = click_scorecard(qtbot, dialog)
    period = tab.period_picker.period()
    month, year = TODAY.month - 9, TODAY.year  # nine months back lies three quarters back
    if month <= 0:
        month, year = month + 12, year - 1
    first = date(year, (month - 1) // 3 * 3 + 1, 1)
    assert (period.start, period.end) == (first, TODAY)  # the last four quarters, to today
    card = expected(world, tab, "P-001")
    assert tab.card == card and tab.reads == 1
    # the score, big, with the rule sentences on hover
    assert card.health.score == 50  # certifications renewed 0 of 50, overlaps settled 50 of 50
    assert tab.health.score.text() == "50"
    assert tab.health.score.toolTip() == card.health.tooltip()
    name, figure, points, bar = tab.health.lines["expiring_unreplaced"]
    assert (figure.text(), points.text()) == ("1", "0 of 50 points")
    assert name.toolTip() == points.toolTip() == bar.toolTip()
    assert name.toolTip().startswith("Certifications renewed: 1, 0 of 50 points. No certif")
    _name, _figure, points, _bar = tab.health.lines["return_ratio"]
    assert points.text() == "not counted" and "not counted" in points.toolTip()
    # the figures, written as the product writes money
    values = {key: label.text() for key, label in tab.values.items()}
    assert values["won"] == "EUR 42,000.00"
    assert values["pipeline"] == "EUR 125,000.00"
    assert values["expiring"] == "1" and values["claims"] == "1"
    assert values["leads"] == "none in this period" and values["return_ratio"] == "nothing spent"
    assert values["overlaps"] == "1 overlap, the oldest open 5 days"
    # the lists
    assert [r.contact for r in tab.expiring.records.rows()] == ["Alice Meyer"]
    assert [r.account for r in tab.claims.records.rows()] == ["Fabrikam Inc"]
    assert [r.account for r in tab.overlaps.records.rows()] == ["Fabrikam Inc"]
    assert tab.expiring.isVisibleTo(tab) and not tab.empty_notes["scorecard_expiring"].isVisibleTo(
        tab
    )
    # the charts plot the card's figures
    views = tab.views
    qtbot.waitUntil(lambda: all(v.current is not None for v in views.values()), timeout=DRAW_MS)
    revenue = views["revenue"]
    assert revenue.figure is not None
    plotted = bar_values(revenue.figure.axes[0])
    assert plotted[0][-1] == pytest.approx(42000.0)
    pipeline = views["pipeline"]
    assert pipeline.figure is not None
    assert bar_values(pipeline.figure.axes[0])[0] == pytest.approx(
        [float(p.amount) for p in card.pipeline]
    )
    assert "Proposal" in pipeline.accessibleDescription()


def test_another_period_reads_again_and_is_no_edit_of_the_partner(
    qtbot: QtBot, open_window: Opener, world: Database
) -> None:
    window = open_window(world)
    dialog = open_partner(qtbot, window, "Northwind Traders")
    tab = click_scorecard(qtbot, dialog)
    picker = tab.period_picker
    picker.kind.setFocus()
    with qtbot.waitSignal(tab.filled, timeout=READ_MS):
        qtbot.keyClick(picker.kind, Qt.Key.Key_Up)  # Dates → Year
    assert picker.period().name == str(TODAY.year)
    # two choices in a row: only the last one's figures are shown
    picker.year.setFocus()
    qtbot.keyClick(picker.year, Qt.Key.Key_Down)
    qtbot.keyClick(picker.year, Qt.Key.Key_Down)
    last = str(TODAY.year - 2)
    qtbot.waitUntil(
        lambda: tab.card is not None and tab.card.start == date(TODAY.year - 2, 1, 1),
        timeout=READ_MS,
    )
    qtbot.waitUntil(lambda: not tab.reading.running, timeout=READ_MS)
    assert picker.period().name == last
    assert tab.card == expected(world, tab, "P-001")
    assert tab.values["won"].text() == "EUR 0.00"
    # looking at another period changed nothing of the partner: Escape closes without asking
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_only_a_saved_partner_has_a_scorecard(
    qtbot: QtBot, open_window: Opener, world: Database
) -> None:
    window = open_window(world)
    page = window.page("partners")
    assert isinstance(page, PartnersPage)
    dialog = page.new_partner()
    assert dialog is not None and dialog.scorecard_page is None
    tabs = [dialog.tabs.tabText(n) for n in range(dialog.tabs.count())]
    assert "Scorecard" not in tabs
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_a_partner_with_nothing_yet_says_so(
    qtbot: QtBot, open_window: Opener, world: Database
) -> None:
    """Adatum Systems has no Partner ID, no claim, deal, lead or certification: it is read
    under its name, has no score, and each list says it is empty."""
    window = open_window(world)
    dialog = open_partner(qtbot, window, "Adatum Systems")
    tab = click_scorecard(qtbot, dialog)
    assert tab.card is not None and tab.card.partner == "Adatum Systems"
    assert tab.health.score.text() == "–"
    assert tab.health.caption.text().startswith("No health score")
    for name, note in tab.empty_notes.items():
        assert note.isVisibleTo(tab), name
        assert not tab.findChild(type(tab.expiring), name).isVisibleTo(tab)
    assert tab.empty_notes["scorecard_claims"].text() == "No open claim."


def test_a_claim_registered_elsewhere_shows_on_the_open_scorecard(
    qtbot: QtBot, open_window: Opener, world: Database
) -> None:
    window = open_window(world)
    dialog = open_partner(qtbot, window, "Northwind Traders")
    tab = click_scorecard(qtbot, dialog)
    assert tab.values["claims"].text() == "1"
    with world.transaction() as s:
        north = s.scalar(select(Partner).where(Partner.partner_code == "P-001"))
        tailspin = s.scalar(select(Account).where(Account.name == "Tailspin Toys"))
        s.add(
            Claim(
                account=tailspin,
                partner=north,
                claimed_on=TODAY,
                valid_until=TODAY + timedelta(days=90),
                status=ClaimStatus.PENDING,
            )
        )
    window.context.changes.announce({RecordKind.CLAIM})  # as the Claims page says after a save
    qtbot.waitUntil(lambda: tab.values["claims"].text() == "2", timeout=READ_MS)
    assert sorted(r.account for r in tab.claims.records.rows()) == ["Fabrikam Inc", "Tailspin Toys"]
    assert tab.reads == 2


@pytest.mark.parametrize(
    ("today", "first"),
    [
        (date(2026, 11, 20), date(2026, 1, 1)),
        (date(2026, 1, 1), date(2025, 4, 1)),
        (date(2026, 3, 31), date(2025, 4, 1)),
        (date(2026, 4, 1), date(2025, 7, 1)),
    ],
)
def test_the_first_period_is_today_s_quarter_and_the_three_before(today: date, first: date) -> None:
    period = last_four_quarters(today)
    assert (period.start, period.end) == (first, today)


def test_a_click_on_a_chart_opens_the_page_behind_it_as_the_dashboard_does(
    qtbot: QtBot, open_window: Opener, world: Database
) -> None:
    """The quarter's revenue bar opens the Program page on that quarter; a stage of the
    pipeline opens the Deals page filtered to the partner."""
    from app.domain.quarters import Quarter
    from app.ui.program.period import period_of_quarter
    from tests.support.charts import bar_point

    window = open_window(world)
    window.resize(1366, 768)
    dialog = open_partner(qtbot, window, "Northwind Traders")
    tab = click_scorecard(qtbot, dialog)
    views = tab.views
    qtbot.waitUntil(lambda: all(v.current is not None for v in views.values()), timeout=DRAW_MS)
    revenue = views["revenue"]
    last = len(tab.card.won) - 1 if tab.card is not None else -1
    tab.scroll_area.ensureWidgetVisible(revenue)
    qtbot.mouseClick(revenue, Qt.MouseButton.LeftButton, pos=bar_point(revenue, f"0:{last}"))
    program = window.page("program")
    qtbot.waitUntil(lambda: window.current_page() is program)
    quarter = Quarter.of(TODAY)
    assert program.period_picker.period() == period_of_quarter(quarter)  # type: ignore[attr-defined]
    pipeline = views["pipeline"]
    assert tab.card is not None
    stage = next(n for n, p in enumerate(tab.card.pipeline) if p.amount > 0)
    tab.scroll_area.ensureWidgetVisible(pipeline)
    qtbot.mouseClick(pipeline, Qt.MouseButton.LeftButton, pos=bar_point(pipeline, f"0:{stage}"))
    deals = window.page("deals")
    qtbot.waitUntil(lambda: window.current_page() is deals)
    assert deals.filter_edit.text() == "Northwind Traders"


def test_the_index_and_the_return_read_the_same_in_the_score_and_the_figures(
    qtbot: QtBot, open_window: Opener, world: Database
) -> None:
    """One tab writes one figure one way: the health score's lines and the figures below them
    write the grade-adjusted index and the program return alike, to four places as the lead
    board, the Program page and the review pack do (not 0.00 above and 0.0000 below)."""
    tab = click_scorecard(qtbot, open_partner(qtbot, open_window(world), "Northwind Traders"))
    card = tab.card
    assert card is not None
    index, ratio = Decimal("2") / Decimal("3"), Decimal("1.23456")
    leads = LeadFigures(3, 2, 1, Decimal("0.6667"), index)
    figures = HealthFigures(
        lead_acceptance=Decimal("0.6667"),
        grade_index=index,
        families_uncovered=None,
        expiring_unreplaced=None,
        return_ratio=ratio,
        oldest_overlap_days=None,
    )
    tab.show_card(replace(card, leads=leads, return_ratio=ratio, health=health_score(figures)))
    shown = {key: figure.text() for key, (_n, figure, _p, _b) in tab.health.lines.items()}
    assert shown["grade_index"] == tab.values["grade_index"].text() == "0.6667"
    assert shown["return_ratio"] == tab.values["return_ratio"].text() == "1.2346"
