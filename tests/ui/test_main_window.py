"""The main window as a person uses it: navigate, read each page, sort, reopen where they left."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.db.models import Partner
from app.domain.names import name_key
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from tests.support.pages import settled
from tests.support.sample_records import add_sample_records
from tests.support.table_cells import cells

Opener = Callable[[Database], MainWindow]


def click_nav(qtbot: QtBot, window: MainWindow, title: str) -> None:
    nav = window.navigation
    item = nav.findItems(title, Qt.MatchFlag.MatchExactly)[0]
    rect = nav.visualItemRect(item)
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_each_page_shows_its_records_from_the_database(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, qtmodeltester: ModelTester
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    assert window.current_page().key == "partners"
    partners = window.page("partners")
    assert cells(partners.table, "name") == [
        "Adatum Systems",
        "Contoso Partners",
        "Northwind Traders",
    ]
    assert partners.count_label.text() == "3 partners"
    assert window.count_label.text() == "3 partners"

    click_nav(qtbot, window, "Training")
    training = settled(window.page("training"))
    assert window.stack.currentWidget() is training
    assert sorted(cells(training.table, "state")) == ["Expired", "Expiring soon", "Valid"]

    click_nav(qtbot, window, "Accounts & Claims")
    claims = settled(window.page("claims"))
    assert sorted(cells(claims.claims, "claimant")) == [
        "Contoso Partners",
        "Direct",
        "Northwind Traders",
    ]
    assert "EUR 125,000.00" in cells(claims.claims, "deal_amount")
    assert cells(claims.accounts, "live_claims") == ["2", "0"]
    assert window.count_label.text() == "3 claims · 2 accounts"

    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    deals = settled(window.page("deals"))
    assert window.current_page() is deals
    assert cells(deals.table, "registering_partner") == ["Northwind Traders", ""]
    assert cells(deals.table, "total_commission_pct") == ["25%", "0%"]

    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    quotes = settled(window.page("quotes"))
    assert window.current_page() is quotes
    assert cells(quotes.table, "revision") == ["1", "2"]
    assert cells(quotes.table, "status") == ["Sent", "Needs approval"]

    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    dashboard = settled(window.page("dashboard"))
    assert window.current_page() is dashboard
    assert dashboard.cards["quotes_awaiting_approval"].value.text() == "1"
    assert dashboard.cards["live_claims"].value.text() == "2"
    assert cells(dashboard.pipeline, "amount") == ["EUR 125,000.00"]

    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is partners
    for page in window.pages:
        for table in page.tables():
            qtmodeltester.check(table.records)


def test_clicking_a_header_sorts_and_the_filter_narrows_the_count(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    table = window.page("partners").table
    header = table.horizontalHeader()
    country = [c.key for c in table.records.columns].index("country")
    x = header.sectionViewportPosition(country) + header.sectionSize(country) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert cells(table, "country") == ["DE", "FR", "US"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert cells(table, "country") == ["US", "FR", "DE"]

    page = window.page("partners")
    qtbot.keyClicks(page.filter_edit, "north")
    qtbot.waitUntil(lambda: window.count_label.text() == "1 of 3 partners")  # after a pause
    assert cells(table, "name") == ["Northwind Traders"]


def test_status_bar_and_title_name_the_database(open_window: Opener, sqlite_db: Database) -> None:
    window = open_window(sqlite_db)
    assert window.database_label.text() == f"Database: {sqlite_db.label}"
    assert "test.sqlite" in window.windowTitle()
    assert window.page("partners").count_label.text() == "0 partners"


def test_geometry_last_page_and_column_widths_come_back_after_a_restart(
    qtbot: QtBot, context: UiContext, sqlite_db: Database
) -> None:
    first = MainWindow(context, sqlite_db)
    qtbot.addWidget(first)
    with qtbot.waitExposed(first):
        first.show()
    first.resize(790, 560)  # inside the offscreen screen (800 x 600), which restoring clamps to
    first.show_page("deals")
    first.page("partners").table.setColumnWidth(1, 333)
    first.close()

    second = MainWindow(context, sqlite_db)
    qtbot.addWidget(second)
    with qtbot.waitExposed(second):
        second.show()
    assert (second.size().width(), second.size().height()) == (790, 560)
    assert second.current_page().key == "deals"
    assert second.menu_actions.pages[3].isChecked()
    assert second.page("partners").table.columnWidth(1) == 333


def test_pages_reload_only_for_the_kinds_of_records_they_show(
    open_window: Opener, sqlite_db: Database, context: UiContext
) -> None:
    window = open_window(sqlite_db)
    partners, quotes = window.page("partners"), window.page("quotes")
    with sqlite_db.transaction() as s:
        s.add(Partner(name="Woodgrove", name_key=name_key("Woodgrove")))
    loads = partners.loads
    context.changes.announce({RecordKind.QUOTE})
    assert partners.loads == loads and quotes.stale is True  # hidden: reloads when shown
    context.changes.announce({RecordKind.PARTNER})
    assert partners.loads == loads + 1
    assert cells(partners.table, "name") == ["Woodgrove"]
    window.show_page("quotes")
    assert quotes.loading and quotes.stale  # the rows read before stay until the new ones come
    settled(quotes)
    assert quotes.stale is False


def test_opening_another_database_shows_its_records_and_closes_the_old_one(
    open_window: Opener, sqlite_db: Database, tmp_path: Path
) -> None:
    window = open_window(sqlite_db)
    other = tmp_path / "other.sqlite"
    window.commands.choose_open_path = lambda *_: other  # type: ignore[method-assign]
    from app.db.engine import open_database

    seeded = open_database(other)
    add_sample_records(seeded)
    seeded.dispose()
    window.menu_actions.open_database.trigger()
    assert window.database.path == other.resolve()
    assert window.page("partners").count_label.text() == "3 partners"
    assert str(other.resolve()) in window.database_label.text()
    assert window.context.settings.preferences.recent_databases[0] == str(other.resolve())


def test_opening_a_file_that_is_not_a_database_says_so_and_keeps_the_old_one(
    open_window: Opener, sqlite_db: Database, tmp_path: Path, shown_errors: list
) -> None:
    window = open_window(sqlite_db)
    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a database")
    window.commands.choose_open_path = lambda *_: bad  # type: ignore[method-assign]
    window.menu_actions.open_database.trigger()
    assert window.database is sqlite_db
    assert len(shown_errors) == 1 and not shown_errors[0].is_bug
    assert "not a Channel Desk database" in shown_errors[0].message


def test_backup_writes_a_copy_in_the_background(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, tmp_path: Path
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    target = tmp_path / "copies" / "backup.sqlite"
    window.commands.choose_save_path = lambda *_: target  # type: ignore[method-assign]
    window.menu_actions.backup.trigger()
    operation = window.commands.last_operation
    assert operation is not None
    with qtbot.waitSignal(operation.finished, timeout=5000):
        pass
    assert target.read_bytes().startswith(b"SQLite format 3")
    assert "Backup written" in window.statusBar().currentMessage()


def test_export_writes_the_partners_the_page_shows(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, tmp_path: Path
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    qtbot.keyClicks(window.page("partners").filter_edit, "tr")  # Northwind Traders only
    target = tmp_path / "partners.csv"
    window.commands.choose_save_path = lambda *_: target  # type: ignore[method-assign]
    assert window.menu_actions.export_records.isEnabled()
    window.menu_actions.export_records.trigger()
    operation = window.commands.last_operation
    assert operation is not None
    with qtbot.waitSignal(operation.finished, timeout=5000):
        pass
    text = target.read_text(encoding="utf-8-sig")
    assert "Northwind Traders" in text and "Contoso" not in text
    window.show_page("dashboard")
    assert not window.menu_actions.export_records.isEnabled()


def test_file_import_opens_the_import_wizard(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, shown_errors: list
) -> None:
    window = open_window(sqlite_db)
    window.menu_actions.import_records.trigger()
    wizard = window.commands.wizard
    qtbot.waitExposed(wizard)
    assert wizard.windowTitle() == "Import" and shown_errors == []
    wizard.close()


def test_about_names_the_version_and_the_database(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    window = open_window(sqlite_db)
    seen: list[str] = []

    def close_about() -> None:
        box = QApplication.activeModalWidget()
        assert box is not None
        seen.append(box.findChild(type(window.count_label), "qt_msgbox_label").text())
        box.close()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, close_about)
    window.menu_actions.about.trigger()
    assert "0.1.0" in seen[0] and sqlite_db.label in seen[0]


def test_quit_closes_the_window(qtbot: QtBot, open_window: Opener, sqlite_db: Database) -> None:
    window = open_window(sqlite_db)
    window.menu_actions.quit.trigger()
    assert not window.isVisible()


def test_every_area_stays_in_view_in_the_smallest_window(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    window = open_window(sqlite_db)
    window.resize(window.minimumSizeHint())
    qtbot.waitUntil(lambda: window.size() == window.minimumSizeHint())
    navigation = window.navigation
    assert navigation.verticalScrollBar().maximum() == 0
    last = navigation.visualItemRect(navigation.item(navigation.count() - 1))
    assert navigation.viewport().rect().contains(last)
