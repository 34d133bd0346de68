"""Route as a person uses it: pick the day, see what the run would do (the dry run, with the
reasons and the counts), then run it or leave everything as it is; both steps in the background,
so the window keeps answering while many leads are routed."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.db.engine import Database, open_database
from app.db.models.leads import Lead, LeadAssignment
from app.domain.enums import AssignmentOutcome, LeadStatus
from app.services.leads.route_rows import preview_route
from app.ui.context import UiContext
from app.ui.leads.page import LeadsPage
from app.ui.leads.route import RouteFlow, RoutePreviewDialog
from app.ui.main_window import MainWindow
from tests.support.lead_world import add_lead_world
from tests.support.many_leads import add_many_leads
from tests.support.many_partners import add_many_partners
from tests.support.pages import settled, shown_page
from tests.support.sample_records import TODAY
from tests.support.stall import StallMeter, as_launched, check
from tests.support.table_cells import cells

Opener = Callable[[Database], MainWindow]
LATER = TODAY + timedelta(days=5)  # L-002's three days to accept are over by then


def leads_page(window: MainWindow) -> LeadsPage:
    return shown_page(window, "leads", LeadsPage)


def pick_day(qtbot: QtBot, page: LeadsPage) -> None:
    """Type the day to route on, as a person does in the date field."""
    page.route_on.setFocus()
    page.route_on.setDate(QDate(LATER.year, LATER.month, LATER.day))
    assert page.route_day() == LATER


def state(db: Database) -> tuple[object, ...]:
    with db.reading() as session:
        statuses = tuple(session.execute(select(Lead.lead_code, Lead.status).order_by(Lead.id)))
        assignments = session.scalar(select(func.count(LeadAssignment.id)))
        outcomes = tuple(
            session.scalars(select(LeadAssignment.outcome).order_by(LeadAssignment.id))
        )
    return statuses, assignments, outcomes


def test_the_preview_shows_what_the_run_does_then_the_run_does_it(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_lead_world(sqlite_db, TODAY)
    with sqlite_db.reading() as session:
        expected = preview_route(session, LATER)  # what `leads route --dry-run` says
    before = state(sqlite_db)
    window = open_window(sqlite_db)
    page = leads_page(window)
    pick_day(qtbot, page)
    seen: dict[str, object] = {}

    def look_then_route(dialog: RoutePreviewDialog) -> bool:
        assert state(sqlite_db) == before  # the preview wrote nothing
        heading = dialog.findChild(QLabel, "routeSummary")
        assert heading is not None
        seen.update(
            title=dialog.windowTitle(),
            heading=heading.text(),
            leads=cells(dialog.table, "lead"),
            reasons=cells(dialog.table, "reason"),
            what=cells(dialog.table, "what"),
        )
        return True

    qtbot.mouseClick(page.route_button, Qt.MouseButton.LeftButton)
    flow = page.route_flow
    assert flow is not None
    flow.ask = look_then_route
    qtbot.waitUntil(lambda: not flow.busy, timeout=20_000)
    assert seen["title"] == f"Route leads on {LATER.isoformat()}"
    assert seen["leads"] == [line.lead for line in expected.lines]
    assert seen["reasons"] == [line.reason for line in expected.lines]
    assert seen["what"][0] == "expired"  # type: ignore[index]  # L-002, not accepted in time
    assert expected.summary() in str(seen["heading"])
    assert "1 expired" in expected.summary()
    assert page.last_message == f"Routed on {LATER.isoformat()}: {expected.summary()}."
    with sqlite_db.reading() as session:
        blue = session.scalar(select(Lead).where(Lead.lead_code == "L-002"))
        assert blue is not None and blue.status is not LeadStatus.ASSIGNED
        first = session.scalar(select(LeadAssignment).where(LeadAssignment.lead_id == blue.id))
        assert first is not None and first.outcome is AssignmentOutcome.EXPIRED
        assert first.ended_on == LATER
    settled(page)
    assert "L-002" in cells(page.leads.table, "lead_code")


def test_a_preview_not_taken_or_a_cancelled_run_changes_nothing(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_lead_world(sqlite_db, TODAY)
    before = state(sqlite_db)
    page = leads_page(open_window(sqlite_db))
    pick_day(qtbot, page)
    qtbot.keyClick(
        page, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    flow = page.route_flow
    assert flow is not None
    flow.ask = lambda dialog: False  # Cancel on the preview
    qtbot.waitUntil(lambda: not flow.busy, timeout=20_000)
    assert page.last_message == "Routing not run: nothing was changed."
    assert state(sqlite_db) == before

    flow = page.route()  # Route again, and cancel while the run works
    assert flow is not None
    routed: list[bool] = []

    def route_then_cancel(dialog: RoutePreviewDialog) -> bool:
        routed.append(True)
        return True

    flow.ask = route_then_cancel
    original = flow._route

    def cancel_at_once() -> None:
        original()
        assert flow.operation is not None
        flow.operation.cancel()  # the person presses Cancel in the progress dialog

    flow._route = cancel_at_once  # type: ignore[method-assign]
    qtbot.waitUntil(lambda: not flow.busy, timeout=20_000)
    assert routed and page.last_message == "Routing cancelled: nothing was changed."
    assert state(sqlite_db) == before


def test_routing_many_leads_leaves_the_window_answering(
    qtbot: QtBot, open_window: Opener, context: UiContext, tmp_path: Path
) -> None:
    db = open_database(tmp_path / "many-leads.sqlite")
    try:
        add_many_partners(db, 2_000)
        add_many_leads(db, 12_000, TODAY)
        window = open_window(db)
        flows: list[RouteFlow] = []
        meter = StallMeter()
        meter.watch = lambda: bool(flows) and flows[0].busy
        with as_launched(qtbot, window, context):
            page = leads_page(window)
            meter.start()
            began = time.perf_counter()
            try:
                flow = page.route()
                assert flow is not None
                flow.ask = lambda _dialog: True  # the preview, then the run
                flows.append(flow)
                qtbot.waitUntil(lambda: not flow.busy, timeout=120_000)
            finally:
                took = time.perf_counter() - began
                meter.stop()
        check(meter, took, "routing preview and run")
        assert page.last_message.startswith("Routed on")
        # The routed leads are read again in the background: the test ends once they are
        # shown, however long a busy machine takes to read twelve thousand of them.
        qtbot.waitUntil(lambda: not page.loading, timeout=60_000)
    finally:
        db.dispose()
