"""The overlaps page as a person uses it: see the costliest conflict first with why its claims
match, resolve it by choosing the owner and a reason, and say "not the same company" about a
likely match so it is never reported again."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QPlainTextEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import AuditEntry, Claim, OverlapDismissal, OverlapResolution
from app.domain.enums import ClaimStatus
from app.domain.overlap_groups import OverlapGroup
from app.services.claims.overlap_rows import OverlapClaimRow, claim_rows
from app.ui.changes import RecordKind
from app.ui.claims.overlaps_page import OverlapsPage
from app.ui.claims.resolve_dialog import OverlapResolveDialog
from app.ui.context import UiContext
from app.ui.errors import ErrorReport
from app.ui.main_window import MainWindow
from tests.support.modal import when_modal
from tests.support.overlap_world import add_overlap_world
from tests.support.sample_records import TODAY
from tests.support.table_cells import cells

Opener = Callable[[Database], MainWindow]


def overlaps_page(qtbot: QtBot, window: MainWindow) -> OverlapsPage:
    window.show_page("overlaps")
    page = window.page("overlaps")
    assert isinstance(page, OverlapsPage)
    qtbot.waitUntil(lambda: page.loads > 0)
    return page


def test_groups_by_exposure_with_each_match_explained(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, qtmodeltester: ModelTester
) -> None:
    add_overlap_world(sqlite_db, TODAY)
    page = overlaps_page(qtbot, open_window(sqlite_db))
    for table in (page.group_table, page.claim_table, page.match_table):
        qtmodeltester.check(table.records)
    assert page.count_label.text() == "2 overlaps"
    # Contoso: 10% of 200,000 + 12.5% of 90,000 (the direct team earns no commission).
    assert cells(page.group_table, "largest") == ["EUR 31,250.00", "EUR 6,000.00"]
    assert "Direct" in cells(page.group_table, "claimants")[0]
    assert page.selected_group() is not None  # the costliest conflict is shown at once
    assert "31,250.00" in page.explanation.text()
    assert len(cells(page.claim_table, "claimant")) == 3
    assert sorted(cells(page.match_table, "why")) == [
        "same account",
        "same domain contoso.com",
        "same domain contoso.com",
    ]
    assert not page.dismiss_button.isEnabled()  # same domain is certain: merge, not dismiss

    page.group_table.selectRow(1)
    assert cells(page.match_table, "confidence") == ["Likely"]
    assert "similar name" in cells(page.match_table, "why")[0]
    assert page.dismiss_button.isEnabled()

    source = page.export_source()  # File › Export writes what `export overlaps` writes
    assert source is not None and source[0] == "Overlaps" and len(source[1]) == 5


def test_resolve_a_group_by_choosing_owner_and_reason(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, tmp_path: Path
) -> None:
    ids = add_overlap_world(sqlite_db, TODAY)
    window = open_window(sqlite_db)
    page = overlaps_page(qtbot, window)
    page.group_table.setFocus()
    seen: list[str] = []

    def decide(widget: QWidget) -> None:
        assert isinstance(widget, OverlapResolveDialog)
        widget.grab().save(str(tmp_path / "resolve.png"))
        owner = widget.findChild(QComboBox, "owner")
        reason = widget.findChild(QPlainTextEdit, "reason")
        assert owner is not None and reason is not None
        seen.extend(owner.itemText(i) for i in range(owner.count()))
        # The first try without a reason is refused in the dialog, which stays open.
        qtbot.mouseClick(widget.ok_button, Qt.MouseButton.LeftButton)
        assert widget.isVisible() and widget.problem.isVisibleTo(widget)
        owner.setFocus()
        qtbot.keyClicks(owner, "Fabrikam")
        qtbot.keyClicks(reason, "First with a signed NDA")
        qtbot.mouseClick(widget.ok_button, Qt.MouseButton.LeftButton)

    when_modal(decide)
    qtbot.keyClick(page.group_table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert len(seen) == 3 and any("Northwind" in s for s in seen)
    qtbot.waitUntil(lambda: page.group_table.records.rowCount() == 1)
    assert "Fabrikam owns" in page.last_message

    owner_id = ids["contoso-uk/Fabrikam"]
    with sqlite_db.reading() as s:
        claims = {c.id: c for c in s.scalars(select(Claim))}
        assert claims[owner_id].status is not ClaimStatus.REJECTED
        for loser in ("contoso/Northwind", "contoso-uk/direct"):
            assert claims[ids[loser]].status is ClaimStatus.REJECTED
            assert "First with a signed NDA" in (claims[ids[loser]].decision_reason or "")
        resolution = s.scalars(select(OverlapResolution)).one()
        assert resolution.owner_claim_id == owner_id
        audited = s.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "overlap_resolution")
        ).all()
        assert audited


def test_not_the_same_company_is_never_reported_again(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    ids = add_overlap_world(sqlite_db, TODAY)
    page = overlaps_page(qtbot, open_window(sqlite_db))
    page.group_table.selectRow(1)

    def confirm(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        qtbot.mouseClick(widget.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)

    when_modal(confirm)
    qtbot.mouseClick(page.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.group_table.records.rowCount() == 1)
    assert "Contoso" in cells(page.group_table, "accounts")[0]
    with sqlite_db.reading() as s:
        dismissal = s.scalars(select(OverlapDismissal)).one()
        pair = {dismissal.account_a_id, dismissal.account_b_id}
        assert pair == {ids["umbrella"], ids["umbrela"]}


def test_cancelling_changes_nothing(
    qtbot: QtBot,
    open_window: Opener,
    sqlite_db: Database,
    shown_errors: list[ErrorReport],
) -> None:
    add_overlap_world(sqlite_db, TODAY)
    page = overlaps_page(qtbot, open_window(sqlite_db))
    page.ask_resolution = lambda dialog: False
    page.confirm_dismissal = lambda parent, match: False
    qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)
    page.group_table.selectRow(1)
    qtbot.mouseClick(page.dismiss_button, Qt.MouseButton.LeftButton)
    page.refresh()
    assert page.group_table.records.rowCount() == 2
    assert not shown_errors


def test_no_overlaps_says_so(qtbot: QtBot, open_window: Opener, sqlite_db: Database) -> None:
    page = overlaps_page(qtbot, open_window(sqlite_db))
    assert page.count_label.text() == "0 overlaps"
    assert "No live claims overlap" in page.explanation.text()
    assert not page.resolve_button.isEnabled()


def test_a_new_scan_keeps_the_chosen_group_and_draws_its_detail_once(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, context: UiContext
) -> None:
    """Each redraw of the detail fills two tables and fits the splitter, on the GUI thread: a
    scan's rows arriving draw it once, for the group still chosen, not again for the table's
    reset and again for the selection."""
    add_overlap_world(sqlite_db, TODAY)
    page = overlaps_page(qtbot, open_window(sqlite_db))
    page.group_table.selectRow(1)
    chosen = page.selected_group()
    assert chosen is not None
    fills: list[int] = []
    page.claim_table.records.modelReset.connect(lambda: fills.append(1))
    context.changes.announce({RecordKind.CLAIM})  # an edit elsewhere: the page reads again
    qtbot.waitUntil(lambda: page.loads == 2)
    kept = page.selected_group()
    assert kept is not None and kept.key == chosen.key
    assert cells(page.match_table, "confidence") == ["Likely"]
    assert len(fills) == 1


def test_filter_picks_groups_and_the_detail_stays_whole(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_overlap_world(sqlite_db, TODAY)
    page = overlaps_page(qtbot, open_window(sqlite_db))
    qtbot.keyClicks(page.filter_edit, "umbrel")
    assert page.count_label.text() == "1 of 2 overlaps"
    page.group_table.selectRow(0)
    assert len(cells(page.claim_table, "claimant")) == 2
    assert len(cells(page.match_table, "why")) == 1


def test_a_small_window_keeps_the_list_of_groups_in_sight(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_overlap_world(sqlite_db, TODAY)
    window = open_window(sqlite_db)
    smallest = window.minimumSizeHint().height()
    page = overlaps_page(qtbot, window)
    window.resize(790, 560)
    QApplication.processEvents()
    assert window.size().height() == 560  # the detail gives way instead of growing the window
    row = page.group_table.verticalHeader().defaultSectionSize()
    assert page.group_table.viewport().height() >= 2 * row  # both groups to choose from
    for table in (page.claim_table, page.match_table):
        assert table.viewport().height() >= row  # and at least one row of the detail
    # The detail takes no more than the list needs, however many rows it has.
    assert window.minimumSizeHint().height() <= smallest + 3 * row


def test_long_names_do_not_widen_the_resolve_dialog(qtbot: QtBot) -> None:
    from datetime import timedelta
    from decimal import Decimal

    from app.services.claims.overlap_rows import OverlapClaimRow

    def claim(n: int, claimant: str) -> OverlapClaimRow:
        return OverlapClaimRow(
            group=1, confidence="certain", claim_id=n, claimant=claimant,
            account="Tidewater Manufacturing and Logistics Holdings International Ltd",
            website=None, country="US", claimed_on=TODAY - timedelta(days=n),
            valid_until=TODAY + timedelta(days=80), deal_amount=Decimal(298500),
            currency="USD", commission_pct=Decimal(20), exposure=Decimal(59700), why="",
        )  # fmt: skip

    short = OverlapResolveDialog([claim(1, "Bluepeak"), claim(2, "Northwind")], "Two claims.")
    long = OverlapResolveDialog(
        [claim(1, "Bluepeak Solutions Integration Services " * 2), claim(2, "Northwind")],
        "Two claims.",
    )
    for dialog in (short, long):
        qtbot.addWidget(dialog)
    assert long.minimumSizeHint().width() <= short.minimumSizeHint().width() + 40
    long.show()
    combo = long.owner_combo
    needed = combo.view().sizeHintForColumn(0)
    assert combo.view().minimumWidth() >= needed  # the open list shows each choice whole


def _shown(qtbot: QtBot, context: UiContext, db: Database) -> MainWindow:
    """A main window opened on ``db`` with the settings of ``context``, as at a start."""
    window = MainWindow(context, db)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def _detail_fitted(page: OverlapsPage) -> bool:
    """Whether the detail is as tall as its rows and the groups take the rest, as it is until
    the person moves the handle."""
    space = page.splitter.height() - page.splitter.handleWidth()
    room = space - page.groups_box.minimumSizeHint().height()
    return page.splitter.sizes()[1] == min(page.detail.sizeHint().height(), room)


def test_dragging_the_handle_gives_the_groups_more_rows_and_is_kept(
    qtbot: QtBot, context: UiContext, sqlite_db: Database
) -> None:
    add_overlap_world(sqlite_db, TODAY)
    first = _shown(qtbot, context, sqlite_db)
    first.resize(790, 560)
    page = overlaps_page(qtbot, first)
    QApplication.processEvents()
    groups_before = page.splitter.sizes()[0]
    assert _detail_fitted(page)
    handle = page.splitter.handle(1)
    middle = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(handle, middle + QPoint(0, 60))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=middle + QPoint(0, 60))
    dragged = page.splitter.sizes()
    assert dragged[0] > groups_before
    page.group_table.selectRow(1)  # another group no longer moves the handle
    assert page.splitter.sizes() == dragged
    first.close()

    second = _shown(qtbot, context, sqlite_db)  # the next start
    again = overlaps_page(qtbot, second)
    QApplication.processEvents()
    assert again.splitter.sizes() == dragged


def test_a_handle_never_moved_keeps_fitting_the_detail_after_a_restart(
    qtbot: QtBot, context: UiContext, sqlite_db: Database
) -> None:
    add_overlap_world(sqlite_db, TODAY)
    first = _shown(qtbot, context, sqlite_db)
    first.resize(790, 560)
    overlaps_page(qtbot, first)
    first.close()

    second = _shown(qtbot, context, sqlite_db)  # the next start
    second.resize(790, 600)
    page = overlaps_page(qtbot, second)
    QApplication.processEvents()
    assert not page.splitter_placed()
    assert _detail_fitted(page)


def test_choosing_a_group_fits_the_detail_to_its_rows_and_gives_the_list_the_rest(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    """On a laptop screen the list of groups keeps every row the detail does not need: the
    detail is fitted to the rows of the group chosen, once they are laid out."""
    add_overlap_world(sqlite_db, TODAY)
    window = open_window(sqlite_db)
    window.resize(1366, 740)
    page = overlaps_page(qtbot, window)
    for row in (0, 1, 0):
        page.group_table.selectRow(row)
        qtbot.waitUntil(lambda: _detail_fitted(page))
        assert page.splitter.sizes()[0] > page.groups_box.minimumSizeHint().height()


def test_export_makes_the_groups_claims_on_its_worker_not_the_windows_thread(
    qtbot: QtBot,
    open_window: Opener,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rebuilding thousands of kept groups into claim rows is whole-table work: File › Export
    does it on its background worker, and writes every claim of the groups shown."""
    add_overlap_world(sqlite_db, TODAY)
    window = open_window(sqlite_db)
    overlaps_page(qtbot, window)
    made_on: list[threading.Thread] = []

    def recorded(groups: Sequence[OverlapGroup]) -> list[OverlapClaimRow]:
        made_on.append(threading.current_thread())
        return claim_rows(groups)

    monkeypatch.setattr("app.ui.claims.overlaps_page.claim_rows", recorded)
    target = tmp_path / "overlaps.csv"
    window.commands.choose_save_path = lambda *_: target  # type: ignore[method-assign]
    window.menu_actions.export_records.trigger()
    operation = window.commands.last_operation
    assert operation is not None
    with qtbot.waitSignal(operation.finished, timeout=10_000):
        pass
    assert made_on and threading.main_thread() not in made_on
    assert len(target.read_text(encoding="utf-8-sig").splitlines()) == 1 + 5
    assert "Exported 5 rows" in window.statusBar().currentMessage()
