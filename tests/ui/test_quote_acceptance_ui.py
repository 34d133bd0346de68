"""Partner accepted… on the quotes page, as a person records it: the day asked for (today unless
another is picked), a day the rules refuse said at once with the button disabled, the day kept
and shown in the quote's detail."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateTimeEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Quote, QuoteRevision
from app.domain.enums import QuoteStatus
from app.ui.main_window import MainWindow
from app.ui.quotes.accept_dialog import AcceptDialog
from tests.support.modal import when_modal
from tests.support.pages import settled
from tests.support.sample_records import TODAY
from tests.ui.test_quote_lifecycle_ui import pick, quotes_page, status_of


def _revision(db: Database, number: str) -> QuoteRevision:
    with db.reading() as s:
        rev = s.scalars(
            select(QuoteRevision)
            .join(Quote, Quote.id == QuoteRevision.quote_id)
            .where(Quote.number == number)
            .order_by(QuoteRevision.revision.desc())
        ).first()
        assert rev is not None
        s.expunge(rev)
        return rev


def test_the_day_is_asked_checked_kept_and_shown(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    page = quotes_page(open_window, demo_db)
    number = pick(page, QuoteStatus.ISSUED)
    row = page.selected()
    assert row is not None and page.accept_button.isEnabled()
    seen: dict[str, object] = {}
    quote_day = row.quote_date

    def answer(dialog: QWidget) -> None:
        try:
            look_and_pick(dialog)
        except BaseException as exc:  # reported by the test, not lost in the event loop
            seen["problem"] = exc
            dialog.close()

    def look_and_pick(dialog: QWidget) -> None:
        assert isinstance(dialog, AcceptDialog)
        seen["offered"] = dialog.chosen()
        day = dialog.day
        day.setFocus()
        day.setDate(QDate(quote_day.year, quote_day.month, quote_day.day).addDays(-400))
        seen["refused"] = dialog.problem.text()
        seen["ok while refused"] = dialog.ok.isEnabled()
        day.setDate(day.date().addDays(401))
        day.setCurrentSection(QDateTimeEdit.Section.DaySection)
        qtbot.keyClick(day, Qt.Key.Key_Down)  # back to the quote date: the first day it counts
        seen["day"] = dialog.chosen()
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        if dialog.isVisible():
            raise AssertionError(f"Enter did not record the day: {dialog.problem.text()}")

    when_modal(answer)
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "day" in seen or "problem" in seen)
    assert "problem" not in seen, seen
    settled(page)
    assert seen["offered"] == min(TODAY, row.valid_until or TODAY)
    assert "it cannot have been accepted before" in str(seen["refused"])
    assert seen["ok while refused"] is False
    chosen = seen["day"]
    assert chosen == quote_day
    assert status_of(page, number)[1] is QuoteStatus.ACCEPTED
    rev = _revision(demo_db, number)
    assert (rev.status, rev.accepted_on) == (QuoteStatus.ACCEPTED, chosen)
    page.window().activateWindow()
    editor = page.open_selected()
    assert editor is not None
    assert f"Accepted by the partner on {chosen}." in editor.problems.text()
    editor.close()


def test_cancel_records_nothing(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    page = quotes_page(open_window, demo_db)
    number = pick(page, QuoteStatus.ISSUED)

    def cancel(dialog: QWidget) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_modal(cancel)
    assert page.accept_selected() is False
    assert _revision(demo_db, number).status is QuoteStatus.ISSUED
