"""A course's cost per seat is in a currency picked from the price book's, as a quote's is;
a course stored in a currency the price book has no prices in keeps it."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.pricebook.currencies import price_book_currencies
from app.services.training.courses import create_course, get_course
from app.ui.context import UiContext
from app.ui.training.course_dialog import NO_CURRENCY, CourseDialog


def shown(qtbot: QtBot, dialog: CourseDialog) -> CourseDialog:
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def stored(db: Database, course_id: int) -> tuple[Decimal | None, str | None]:
    with db.reading() as session:
        row = get_course(session, course_id)
    return row.cost_per_seat, row.currency


def test_the_currency_is_picked_from_the_price_books(
    qtbot: QtBot, context: UiContext, demo_db: Database
) -> None:
    with demo_db.reading() as session:
        book = price_book_currencies(session)
    assert set(book) == {"EUR", "USD"}
    dialog = shown(qtbot, CourseDialog(context, demo_db, None, []))
    combo = dialog.currency
    assert not combo.isEditable()  # nothing to mistype
    assert [combo.itemText(i) for i in range(combo.count())] == [NO_CURRENCY, *book]
    assert combo.currentText() == NO_CURRENCY
    qtbot.keyClicks(dialog.code, "WS-9")
    qtbot.keyClicks(dialog.title_edit, "Workshop")
    qtbot.keyClicks(dialog.cost, "250")
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_U)  # the list's entry that starts with U
    assert combo.currentText() == "USD"
    saved: list[int] = []
    dialog.saved.connect(saved.append)
    qtbot.keyClick(dialog.cost, Qt.Key.Key_Return)
    assert saved and not dialog.isVisible()
    assert stored(demo_db, saved[0]) == (Decimal(250), "USD")


def test_a_stored_currency_outside_the_price_book_stays(
    qtbot: QtBot, context: UiContext, demo_db: Database
) -> None:
    with demo_db.transaction() as session:
        course_id = create_course(session, {
            "code": "JP-1", "title": "Tokyo workshop", "family": None, "certifies": False,
            "valid_months": None, "cost_per_seat": "30000", "currency": "JPY",
        })  # fmt: skip
    with demo_db.reading() as session:
        row = get_course(session, course_id)
    dialog = shown(qtbot, CourseDialog(context, demo_db, row, []))
    assert dialog.currency.currentText() == "JPY"
    assert dialog.problem_texts() == []
    qtbot.keyClicks(dialog.title_edit, " (spring)")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert stored(demo_db, course_id) == (Decimal(30000), "JPY")
