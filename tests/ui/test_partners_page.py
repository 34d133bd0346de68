"""The partners page as a person uses it: create a partner, find it by typing, filter, open,
edit a contact, delete (refused or asked), and meet another user's save."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.db.engine import Database, open_database
from app.services.partners.edit import create_partner, get_partner, update_partner
from app.ui.main_window import MainWindow
from app.ui.partners.contact_dialog import ContactDialog
from app.ui.partners.dialog import PartnerDialog
from app.ui.partners.page import PartnersPage
from app.ui.stale_dialog import StaleChoice, StaleDialog
from tests.support.many_partners import add_many_partners
from tests.support.modal import when_modal
from tests.support.sample_records import add_sample_records

Opener = Callable[[Database], MainWindow]


def names(page: PartnersPage) -> list[str]:
    model = page.model
    return [model.row_at(r).name for r in range(model.rowCount())]


def type_into(qtbot: QtBot, dialog: PartnerDialog, field: str, text: str) -> None:
    widget = dialog.fields.widgets[field]
    if isinstance(widget, QComboBox):
        widget = widget.lineEdit()
    assert isinstance(widget, QLineEdit)
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def partners_page(window: MainWindow) -> PartnersPage:
    page = window.page("partners")
    assert isinstance(page, PartnersPage)
    return page


def test_create_a_partner_then_find_it_by_typing_and_filter_by_tier(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, qtmodeltester: ModelTester
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    page = partners_page(window)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialogs[-1]
    assert dialog.windowTitle() == "New partner" and not dialog.save_button.isEnabled()

    type_into(qtbot, dialog, "email", "not an address")
    assert dialog.fields.problems["email"].text() == "E-mail is not an e-mail address"
    type_into(qtbot, dialog, "email", "sales@woodgrove.example")
    assert dialog.fields.problems["email"].isHidden()
    type_into(qtbot, dialog, "name", "Woodgrove Bank")
    type_into(qtbot, dialog, "country", "Norway (NO)")
    type_into(qtbot, dialog, "city", "Oslo")
    tier = dialog.fields.widgets["tier"]
    assert isinstance(tier, QComboBox)
    tier.setCurrentIndex(tier.findText("Gold"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.windowTitle() == "Woodgrove Bank — partner"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    qtbot.waitUntil(lambda: page.count_label.text() == "4 partners")
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_edit.hasFocus()
    qtbot.keyClicks(page.filter_edit, "woodgr")
    qtbot.waitUntil(lambda: names(page) == ["Woodgrove Bank"])
    assert window.count_label.text() == "1 of 4 partners"
    row = page.model.row_at(0)
    assert (row.country, row.city, row.tier) == ("NO", "Oslo", "Gold")

    page.filter_edit.clear()
    combo = page.filters.combos["tier"]
    combo.setFocus()
    combo.setCurrentIndex(combo.findText("Gold"))
    qtbot.waitUntil(lambda: page.count_label.text() == "2 of 4 partners")
    assert sorted(names(page)) == ["Northwind Traders", "Woodgrove Bank"]
    qtmodeltester.check(page.model)


def test_enter_opens_the_partner_and_a_contact_is_edited(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    page = partners_page(window)
    page.table.setFocus()
    page.table.selectRow(names(page).index("Northwind Traders"))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialogs[-1]
    assert dialog.tabs.tabText(1) == "Contacts (1)"
    assert dialog.training_summary.text().startswith("1 training record for 1 person")
    dialog.tabs.setCurrentIndex(1)
    contacts = dialog.contacts
    assert contacts is not None
    contacts.table.selectRow(0)

    def rename(widget: QWidget) -> None:
        assert isinstance(widget, ContactDialog)
        widget.name.selectAll()
        qtbot.keyClicks(widget.name, "Alice Meyer-Stone")
        widget.email.selectAll()
        qtbot.keyClicks(widget.email, "alice@")  # not yet an address: said under the fields
        save = widget.buttons.buttons()[0]
        assert not widget.check() and "mail" in widget.problems["email"].text().lower()
        qtbot.keyClicks(widget.email, "northwind.example")
        assert widget.check() and widget.problem_texts() == []
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    when_modal(rename)
    qtbot.mouseClick(contacts.edit_button, Qt.MouseButton.LeftButton)
    assert contacts.table.records.row_at(0).name == "Alice Meyer-Stone"
    qtbot.mouseClick(contacts.active_button, Qt.MouseButton.LeftButton)
    assert contacts.table.records.row_at(0).active is False
    history = dialog.lists["history"].records.rows()
    assert ("Name", "Alice Meyer", "Alice Meyer-Stone") in [
        (h.field, h.old, h.new) for h in history
    ]


def test_delete_is_refused_for_a_busy_partner_and_asks_for_an_empty_one(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, shown_errors: list
) -> None:
    add_sample_records(sqlite_db)
    with sqlite_db.transaction() as s:
        create_partner(s, {"name": "Empty Co"})
    window = open_window(sqlite_db)
    page = partners_page(window)
    page.table.setFocus()
    page.table.selectRow(names(page).index("Northwind Traders"))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(shown_errors) == 1 and "Terminated instead" in shown_errors[0].message
    assert "1 contact" in shown_errors[0].message

    page.table.selectRow(names(page).index("Empty Co"))
    when_modal(lambda box: box.done(QMessageBox.StandardButton.No))  # type: ignore[attr-defined]
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert "Empty Co" in names(page)

    page.table.selectRow(names(page).index("Empty Co"))
    window.activateWindow()  # back from the question, as a person clicks on the window
    qtbot.waitUntil(window.isActiveWindow)
    when_modal(lambda box: box.done(QMessageBox.StandardButton.Yes))  # type: ignore[attr-defined]
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert "Empty Co" not in names(page)
    assert page.count_label.text() == "3 partners" and len(shown_errors) == 1


def test_a_save_over_another_users_change_shows_both_and_overwrites_or_reloads(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    page = partners_page(window)
    page.table.selectRow(names(page).index("Northwind Traders"))
    dialog = page.open_selected()
    assert dialog is not None and dialog.partner_id is not None
    other_user = open_database(sqlite_db.path, actor="bea")  # another session on the same file
    try:
        with other_user.transaction() as s:
            theirs = get_partner(s, dialog.partner_id)
            update_partner(s, theirs, {**theirs.values(), "city": "Munich"})
    finally:
        other_user.dispose()

    seen: list[list[tuple[str, str, str]]] = []

    def choose(choice: StaleChoice) -> Callable[[StaleDialog], StaleChoice]:
        def run(stale: StaleDialog) -> StaleChoice:
            seen.append(stale.cells())
            return choice

        return run

    qtbot.waitUntil(dialog.isActiveWindow)
    type_into(qtbot, dialog, "city", "Hamburg")
    dialog.ask_stale = choose(StaleChoice.RELOAD)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert seen[-1] == [("City", "Hamburg", "Munich")]
    assert dialog.fields.shown("city") == "Munich" and not dialog.dirty

    type_into(qtbot, dialog, "city", "Hamburg")
    with sqlite_db.transaction() as s:  # they save again meanwhile
        theirs = get_partner(s, dialog.partner_id)
        update_partner(s, theirs, {**theirs.values(), "city": "Bremen"})
    dialog.ask_stale = choose(StaleChoice.OVERWRITE)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert seen[-1] == [("City", "Hamburg", "Bremen")]
    with sqlite_db.reading() as s:
        assert get_partner(s, dialog.partner_id).city == "Hamburg"


def test_the_stale_dialog_is_driven_by_its_buttons(qtbot: QtBot) -> None:
    stale = StaleDialog("Northwind", [("City", "Hamburg", "Munich")])
    qtbot.addWidget(stale)
    stale.show()
    assert stale.cells() == [("City", "Hamburg", "Munich")]
    qtbot.mouseClick(stale.overwrite_button, Qt.MouseButton.LeftButton)
    assert stale.choice is StaleChoice.OVERWRITE and stale.result() == QDialog.DialogCode.Accepted


def test_many_partners_arrive_a_slice_at_a_time_as_the_user_scrolls(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, qtmodeltester: ModelTester
) -> None:
    add_many_partners(sqlite_db, 1_000)
    window = open_window(sqlite_db)
    page = partners_page(window)
    assert page.count_label.text() == "1,000 partners"
    assert page.model.rowCount() < 1_000
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > 200)
    qtmodeltester.check(page.model)
    header = page.table.horizontalHeader()
    city = [c.key for c in page.model.columns].index("city")
    header.setSortIndicator(city, Qt.SortOrder.DescendingOrder)
    cities = [page.model.row_at(r).city or "" for r in range(page.model.rowCount())]
    assert cities == sorted(cities, reverse=True)
    assert len(page.export_source()[1]) == 1_000  # type: ignore[index]


def test_terminating_from_the_page_asks_first_and_keeps_the_partner(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    page = partners_page(window)
    page.table.selectRow(names(page).index("Contoso Partners"))
    menu = page.status_button.menu()
    assert menu is not None
    terminate = next(a for a in menu.actions() if a.text() == "Terminated")
    page.confirm = lambda _title, text: "Terminate Contoso Partners?" in text
    terminate.trigger()
    row = page.model.row_at(names(page).index("Contoso Partners"))
    assert row.status.label == "Terminated"
    status = page.filters.combos["status"]
    status.setCurrentIndex(status.findText("Terminated"))
    assert names(page) == ["Contoso Partners"]
    assert page.count_label.text() == "1 of 3 partners"
    # Ctrl+Z on the table takes the status change back, Ctrl+Shift+Z does it again.
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert names(page) == [] and page.count_label.text() == "0 of 3 partners"
    status.setCurrentIndex(0)
    row = page.model.row_at(names(page).index("Contoso Partners"))
    assert row.status.label == "Active"
    page.table.setFocus()
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.table, Qt.Key.Key_Z, modifiers)
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)  # lets go of Ctrl+Shift for the next test
    row = page.model.row_at(names(page).index("Contoso Partners"))
    assert row.status.label == "Terminated"


def test_an_undo_over_someone_elses_later_change_is_refused(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, shown_errors: list
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    page = partners_page(window)
    page.table.selectRow(names(page).index("Northwind Traders"))
    dialog = page.open_selected()
    assert dialog is not None and dialog.partner_id is not None
    type_into(qtbot, dialog, "city", "Hamburg")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.undo_stack.undoText() == "edit of Northwind Traders' city"
    with sqlite_db.transaction() as s:
        theirs = get_partner(s, dialog.partner_id)
        update_partner(s, theirs, {**theirs.values(), "city": "Kiel"})
    page.undo_stack.undo()
    assert "changed by someone else since (City)" in shown_errors[-1].message
    with sqlite_db.reading() as s:
        assert get_partner(s, dialog.partner_id).city == "Kiel"


def test_the_form_walks_by_tab_and_names_the_missing_name_only_when_it_matters(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    window = open_window(sqlite_db)
    page = partners_page(window)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialogs[-1]
    qtbot.waitUntil(dialog.isActiveWindow)
    fields = dialog.fields
    assert fields.problems["name"].isHidden()  # nothing typed yet: no scolding
    name = fields.widgets["name"]
    assert name.hasFocus()
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    assert fields.widgets["legal_name"].hasFocus()
    manager = fields.widgets["account_manager"]
    manager.setFocus()
    qtbot.keyClick(manager, Qt.Key.Key_Tab)  # the left column ends, the right one begins
    assert fields.widgets["country"].hasFocus()
    label = next(
        w for w in fields.findChildren(QLabel) if w.buddy() is fields.widgets["partner_since"]
    )
    assert label.text() == "Pa&rtner since"
    assert not dialog.save()  # Ctrl+S on an empty form shows what is missing
    assert fields.problems["name"].text() == "Name is required"
    assert name.hasFocus()


def test_the_filters_and_buttons_wrap_whole_in_a_narrow_window(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    page = partners_page(window)
    controls: list[QWidget] = [*page.filters.combos.values()]
    controls += [page.new_button, page.status_button, page.review_button, page.delete_button]

    def placed() -> list[tuple[int, int, int, int]]:
        QApplication.processEvents()
        spots = []
        for widget in controls:
            top_left = widget.mapTo(page, widget.rect().topLeft())
            spots.append((top_left.x(), top_left.y(), widget.width(), widget.height()))
        return spots

    window.resize(1280, 800)
    wide = placed()
    middles = {y + h // 2 for _x, y, _w, h in wide}
    assert max(middles) - min(middles) <= 1  # one line

    window.resize(window.minimumSizeHint())
    narrow = placed()
    edge = page.table.mapTo(page, page.table.rect().topRight()).x()
    for (x, _y, width, _h), widget in zip(narrow, controls, strict=True):
        # Whole and inside the page: no list or button is cut off or scrolled out of sight.
        assert width >= widget.minimumSizeHint().width(), widget.objectName()
        assert x >= 0 and x + width <= edge + 1, widget.objectName()
    boxes = [QRect(x, y, w, h) for x, y, w, h in narrow]
    assert not any(a.intersects(b) for n, a in enumerate(boxes) for b in boxes[n + 1 :])
    # The buttons keep to the right edge, as in a wide window.
    assert page.delete_button.mapTo(page, page.delete_button.rect().topRight()).x() >= edge - 1


def test_a_long_name_ends_in_an_ellipsis_instead_of_widening_the_dialog(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    long_name = "Northwind Traders and Integration Services for the Nordic Public Sector " * 2
    with sqlite_db.transaction() as s:
        create_partner(s, {"name": long_name.strip(), "country": "GS"})
    window = open_window(sqlite_db)
    page = partners_page(window)
    page.table.selectRow(names(page).index(long_name.strip()))
    dialog = page.open_selected()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    short = PartnerDialog(page.context, sqlite_db, None, window)
    qtbot.addWidget(short)
    # Neither the name in the heading nor the longest country name sets the dialog's width.
    assert dialog.minimumSizeHint().width() <= short.minimumSizeHint().width() + 20
    assert dialog.minimumSizeHint().width() < 600
    assert dialog.heading.toolTip().startswith(long_name.strip())  # whole, for the curious
    dialog.resize(dialog.minimumSizeHint())
    left, right = dialog.fields.widgets["name"], dialog.fields.widgets["country"]
    assert abs(left.width() - right.width()) < 40  # both columns of fields readable


def test_tab_walks_the_page_as_it_reads(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    window = open_window(sqlite_db)
    page = partners_page(window)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.table.selectRow(0)  # the buttons that act on a partner wait for one to be chosen
    page.filter_edit.setFocus()
    walked: list[QWidget] = []
    for _ in range(10):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None
        walked.append(focused)
    # The search, then the filters left to right, the buttons, and the table they act on.
    expected: list[QWidget] = [*page.filters.combos.values()]
    expected += [page.new_button, page.status_button, page.review_button, page.delete_button]
    expected.append(page.table)
    assert walked == expected


def test_a_new_contact_says_nothing_until_typed_in_and_everything_on_save(qtbot: QtBot) -> None:
    dialog = ContactDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.problem_texts() == []
    qtbot.keyClicks(dialog.email, "x")
    assert dialog.problems["email"].text() != "" and dialog.problems["name"].isHidden()
    dialog.email.clear()
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "name" in dialog.problems["name"].text().lower()
    qtbot.keyClicks(dialog.name, "Alice Meyer")
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
