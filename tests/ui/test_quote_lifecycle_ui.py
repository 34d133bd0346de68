"""The quotes page's lifecycle buttons and the editor's drafts, driven like a person on the demo:
approve and issue a quote waiting for approval, revise an issued one in the editor, pick a deal,
and see the certification problems."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Select, select

from app.db.engine import Database
from app.db.models import Deal, Quote, QuoteRevision
from app.domain.enums import QuoteStatus
from app.ui.main_window import MainWindow
from app.ui.quotes.editor.dialog import QuoteEditor
from app.ui.quotes.page import QuotesPage
from tests.support.modal import click_in_modal
from tests.support.pages import settled, shown_page
from tests.support.sample_records import TODAY
from tests.ui.test_quote_editor import add_line, parties

Click = Qt.MouseButton.LeftButton


def quotes_page(open_window: Callable[[Database], MainWindow], db: Database) -> QuotesPage:
    return shown_page(open_window(db), "quotes", QuotesPage)


def pick(page: QuotesPage, status: QuoteStatus) -> str:
    model = page.table.records
    row = next(r for r in range(model.rowCount()) if model.row_at(r).status is status)
    page.table.selectRow(row)
    return model.row_at(row).number


def enabled(page: QuotesPage) -> set[str]:
    buttons = {
        "approve": page.approve_button,
        "issue": page.issue_button,
        "revise": page.revise_button,
        "accept": page.accept_button,
        "email": page.email_button,
    }
    return {name for name, button in buttons.items() if button.isEnabled()}


def status_of(page: QuotesPage, number: str) -> tuple[int, QuoteStatus]:
    model = page.table.records
    row = next(model.row_at(r) for r in range(model.rowCount()) if model.row_at(r).number == number)
    return row.revision, row.status


def test_approve_issue_and_accept_with_the_buttons(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    page = quotes_page(open_window, demo_db)
    assert enabled(page) == set()  # nothing selected
    number = pick(page, QuoteStatus.NEEDS_APPROVAL)
    assert enabled(page) == {"approve"}
    qtbot.mouseClick(page.approve_button, Click)
    assert enabled(page) == set()  # until the list is read again
    settled(page)
    assert status_of(page, number)[1] is QuoteStatus.DRAFT
    assert page.selected() is not None and page.selected().number == number  # type: ignore[union-attr]
    assert enabled(page) == {"issue"}
    click_in_modal("Issue")
    qtbot.mouseClick(page.issue_button, Click)
    settled(page)
    assert status_of(page, number)[1] is QuoteStatus.ISSUED
    assert enabled(page) == {"revise", "accept", "email"}
    click_in_modal("Record acceptance")
    qtbot.mouseClick(page.accept_button, Click)
    settled(page)
    assert status_of(page, number)[1] is QuoteStatus.ACCEPTED
    assert enabled(page) == set()
    with demo_db.reading() as s:
        rev = s.scalars(select_revision(number)).first()
        assert rev is not None
        assert rev.approved_by == demo_db.actor and rev.snapshot and rev.issued_at
        assert rev.accepted_on == TODAY


def test_the_steps_answer_to_alt_and_their_underlined_letter(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    page = quotes_page(open_window, demo_db)
    # The narrowest window the app is made for: every step still has its button (a step in
    # the tool bar's overflow menu has no Alt+letter).
    page.window().resize(1024, 600)
    assert page.approve_button.text() == "&Approve"  # drawn with the A underlined
    number = pick(page, QuoteStatus.NEEDS_APPROVAL)
    page.table.setFocus()
    alt = Qt.KeyboardModifier.AltModifier
    for key, after in (
        (Qt.Key.Key_A, QuoteStatus.DRAFT),
        (Qt.Key.Key_I, QuoteStatus.ISSUED),
        (Qt.Key.Key_C, QuoteStatus.ACCEPTED),
    ):
        if key == Qt.Key.Key_I:
            click_in_modal("Issue")
        if key == Qt.Key.Key_C:
            click_in_modal("Record acceptance")
        qtbot.keyClick(page.table, key, alt)
        qtbot.waitUntil(lambda after=after: status_of(page, number)[1] is after)
        settled(page)
        # The window is active again once the question closed (the offscreen platform has no
        # window manager to hand activation back).
        page.window().activateWindow()
        qtbot.waitUntil(page.window().isActiveWindow)
        page.table.setFocus()  # a pressed button takes the focus, as a click does


def test_the_steps_are_reached_with_tab_and_pressed_with_space(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    page = quotes_page(open_window, demo_db)
    number = pick(page, QuoteStatus.NEEDS_APPROVAL)
    page.new_button.setFocus()
    qtbot.waitUntil(page.new_button.hasFocus)
    reached = []
    for _ in range(12):
        qtbot.keyClick(page.window().focusWidget(), Qt.Key.Key_Tab)
        reached.append(page.window().focusWidget())
        if reached[-1] is page.approve_button:
            break
    assert page.preview_button in reached and reached[-1] is page.approve_button
    qtbot.keyClick(page.approve_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: status_of(page, number)[1] is QuoteStatus.DRAFT)


def select_revision(number: str) -> Select[tuple[QuoteRevision]]:
    return (
        select(QuoteRevision)
        .join(Quote, Quote.id == QuoteRevision.quote_id)
        .where(Quote.number == number)
        .order_by(QuoteRevision.revision.desc())
    )


def test_revise_opens_the_new_draft_and_issue_freezes_it(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    page = quotes_page(open_window, demo_db)
    number = pick(page, QuoteStatus.ISSUED)
    before = status_of(page, number)[0]
    with demo_db.reading() as s:
        old_total = s.scalars(select_revision(number)).first().total  # type: ignore[union-attr]
    qtbot.mouseClick(page.revise_button, Click)
    editor = next(e for e in page.editors if e.draft is not None)
    qtbot.waitExposed(editor)
    assert editor.draft is not None and editor.draft.revision == before + 1
    assert editor.partner.isReadOnly() and editor.add_button.isEnabled()
    settled(page)
    assert status_of(page, number) == (before + 1, QuoteStatus.DRAFT)
    sku = editor.requests[0].sku
    add_line(qtbot, editor, sku, 2)
    click_in_modal("Issue")
    qtbot.mouseClick(editor.issue_button, Click)
    assert editor.issued and not editor.isVisible()
    settled(page)
    assert status_of(page, number) == (before + 1, QuoteStatus.ISSUED)
    with demo_db.reading() as s:
        old, new = s.scalars(select_revision(number).limit(2)).all()[::-1]
        assert old.total == old_total and len(new.lines) == len(old.lines) + 1


def test_a_draft_is_changed_in_the_editor_and_saved(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    page = quotes_page(open_window, demo_db)
    number = pick(page, QuoteStatus.DRAFT)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor = next(e for e in page.editors if e.draft is not None)
    lines = len(editor.requests)
    editor.table.selectRow(0)
    qtbot.mouseClick(editor.remove_button, Click)
    qtbot.mouseClick(editor.buttons.button(editor.buttons.StandardButton.Save), Click)
    assert not editor.isVisible(), editor.problems.text()
    with demo_db.reading() as s:
        rev = s.scalars(select_revision(number)).first()
        assert rev is not None and len(rev.lines) == lines - 1
        assert rev.status is QuoteStatus.DRAFT


def test_the_deal_field_offers_the_accounts_deals(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    partner, _account, _ = parties(demo_db)
    with demo_db.reading() as s:
        first = s.scalars(select(Deal).order_by(Deal.id)).first()
        assert first is not None
        account_id = first.account_id
        deals = s.scalars(select(Deal).where(Deal.account_id == account_id)).all()
        names = {d.name: d.id for d in deals}
    page = quotes_page(open_window, demo_db)
    editor = page.new_quote()
    assert isinstance(editor, QuoteEditor)
    assert not editor.deal.isEnabled()  # no account yet
    qtbot.keyClicks(editor.partner, partner)
    qtbot.keyClicks(editor.account, str(account_id))  # by ID: demo names have look-alikes
    assert editor.deal.isEnabled()
    offered = [editor.deal.itemText(i) for i in range(editor.deal.count())]
    assert offered[0] == "(no deal)" and set(offered[1:]) == set(names)
    chosen = offered[1]
    editor.deal.setFocus()
    qtbot.keyClick(editor.deal, Qt.Key.Key_Down)
    assert editor.deal.currentText() == chosen
    add_line(qtbot, editor, "CD-100", 1)
    qtbot.mouseClick(editor.buttons.button(editor.buttons.StandardButton.Save), Click)
    assert editor.saved_number is not None
    with demo_db.reading() as s:
        deal_id = s.scalar(select(Quote.deal_id).where(Quote.number == editor.saved_number))
    assert deal_id == names[chosen]


def test_a_partner_without_the_certification_is_listed_among_the_problems(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    page = quotes_page(open_window, demo_db)
    model = page.table.records
    seen = []
    for r in range(model.rowCount()):
        page.table.selectRow(r)
        editor = page.open_selected()
        assert editor is not None
        if editor.draft is not None:
            seen.append(editor.problems.text())
        editor.close()
    assert any("certification" in text or "certified" in text for text in seen), seen


def test_the_total_column_is_whole_in_a_1280_pixel_window(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    page = quotes_page(open_window, demo_db)
    page.window().resize(1280, 800)
    qtbot.waitUntil(lambda: page.window().width() == 1280)
    header = page.table.horizontalHeader()
    total = next(n for n, c in enumerate(page.table.records.columns) if c.key == "total")
    right = header.sectionViewportPosition(total) + header.sectionSize(total)
    assert 0 < right <= page.table.viewport().width()
    assert page.steps_bar.width() <= page.width()


def test_the_steps_are_on_the_tables_context_menu_for_the_keyboard(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    page = quotes_page(open_window, demo_db)
    number = pick(page, QuoteStatus.NEEDS_APPROVAL)
    menu = {a.text(): a for a in page.table.menu.build().actions()}
    assert {"Approve", "Issue…", "Revise", "Partner accepted…", "E-mail…"} <= set(menu)
    assert menu["Approve"].isEnabled() and not menu["Issue…"].isEnabled()
    menu["Approve"].trigger()
    settled(page)
    assert status_of(page, number)[1] is QuoteStatus.DRAFT and menu["Issue…"].isEnabled()


def test_a_lapsed_quote_shows_expired_and_can_be_revised_or_its_timely_acceptance_recorded(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    with demo_db.transaction() as s:
        rev = s.scalars(
            select(QuoteRevision).where(QuoteRevision.status == QuoteStatus.SENT)
        ).first()
        assert rev is not None
        rev.valid_until = TODAY - timedelta(days=1)
        number = rev.quote.number
    page = quotes_page(open_window, demo_db)
    assert status_of(page, number)[1] is QuoteStatus.EXPIRED
    pick(page, QuoteStatus.EXPIRED)
    # a partner that accepted in time may be recorded late, on a day the offer still stood
    assert enabled(page) == {"revise", "accept"}


def test_a_quote_just_saved_is_the_one_selected_for_its_next_step(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    """Save draft, and the new quote is selected on the page: Approve or Issue… is the next
    click, without finding it among the others."""
    partner, account, _ = parties(demo_db)
    page = quotes_page(open_window, demo_db)
    page.table.selectRow(0)  # another quote selected before
    editor = page.new_quote()
    assert isinstance(editor, QuoteEditor)
    qtbot.keyClicks(editor.partner, partner)
    qtbot.keyClicks(editor.account, account)
    add_line(qtbot, editor, "CD-100", 1)
    qtbot.mouseClick(editor.buttons.button(editor.buttons.StandardButton.Save), Click)
    number = editor.saved_number
    assert number is not None
    settled(page)
    qtbot.waitUntil(lambda: (chosen := page.selected()) is not None and chosen.number == number)
