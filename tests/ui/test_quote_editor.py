"""The quote editor driven like a person: type a partner, an account, SKUs, quantities and a
special discount, and watch the totals and the problems change as they type."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Account, Claim, Partner, Price, Product, Quote, Tier
from app.domain.enums import QuoteStatus
from app.domain.errors import InputError
from app.domain.quote_spec import parse_quote_spec
from app.services.quotes.read import read_quote
from app.ui.main_window import MainWindow
from app.ui.quotes.editor.dialog import QuoteEditor
from app.ui.quotes.editor.preview import PdfPreview
from app.ui.quotes.issue_dialog import IssueDialog
from app.ui.quotes.page import QuotesPage
from tests.support.modal import click_in_modal
from tests.support.pages import shown_page
from tests.support.sample_records import TODAY


def parties(db: Database) -> tuple[str, str, Decimal]:
    """A tiered partner, an account it holds no claim on, and its tier discount."""
    with db.reading() as s:
        partner, pct = s.execute(
            select(Partner, Tier.discount_pct)
            .join(Tier, Tier.id == Partner.tier_id)
            .where(Partner.partner_code.is_not(None))
            .order_by(Tier.discount_pct.desc(), Partner.id)
        ).first()  # type: ignore[misc]
        claimed = select(Claim.account_id).where(Claim.partner_id == partner.id)
        account = s.scalars(
            select(Account.name).where(Account.id.not_in(claimed)).order_by(Account.id)
        ).first()
        return str(partner.partner_code), str(account), Decimal(pct)


def eur_list_price(db: Database, sku: str, day: date) -> Decimal:
    with db.reading() as s:
        return Decimal(
            s.scalars(
                select(Price.list_price)
                .join(Product, Product.id == Price.product_id)
                .where(Product.sku == sku, Price.currency == "EUR", Price.effective_from <= day)
                .order_by(Price.effective_from.desc())
            ).first()
        )


def cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def open_editor(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], db: Database
) -> QuoteEditor:
    page = shown_page(open_window(db), "quotes", QuotesPage)
    editor = page.new_quote()
    assert editor is not None
    qtbot.waitExposed(editor)
    return editor


def add_line(qtbot: QtBot, editor: QuoteEditor, sku: str, qty: int, special: str = "") -> None:
    qtbot.keyClicks(editor.sku, sku)
    editor.qty.selectAll()
    qtbot.keyClicks(editor.qty, str(qty))
    qtbot.keyClicks(editor.special, special)
    qtbot.keyClick(editor.special, Qt.Key.Key_Return)


def test_typing_a_quote_shows_the_exact_total_and_the_receipt(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    partner, account, tier = parties(demo_db)
    editor = open_editor(qtbot, open_window, demo_db)
    # A new quote opens without a word in red; Issue waits, its tooltip saying what for.
    assert editor.problems.text() == ""
    assert not editor.issue_button.isEnabled()
    assert "No partner yet" in editor.issue_button.toolTip()
    # Once the person is at work, an empty field says what to type, not that there is no
    # partner called ''.
    qtbot.keyClicks(editor.tax, "1")
    qtbot.keyClick(editor.tax, Qt.Key.Key_Backspace)
    assert editor.problems.text().splitlines()[:2] == [
        "No partner yet: type its Partner ID or name.",
        "No account yet: type its name or ID.",
    ]
    qtbot.keyClicks(editor.partner, partner)
    qtbot.keyClicks(editor.account, account)
    qtbot.keyClicks(editor.tax, "19")
    assert "at least one line" in editor.problems.text()
    assert editor.totals.text() == "Total: —"

    add_line(qtbot, editor, "CD-100", 20, "10")  # the SKU's 5% break at 20
    price = eur_list_price(demo_db, "CD-100", TODAY)
    factor = (1 - tier / 100) * Decimal("0.95") * Decimal("0.90")
    net = cents(price * factor)
    subtotal = net * 20
    total = subtotal + cents(subtotal * Decimal("0.19"))
    assert editor.totals.text().endswith(f"Total EUR {total:,.2f}")
    # Only a missing certification may be listed: the figures themselves are fine.
    assert all("certified" in line for line in editor.problems.text().splitlines())
    receipt = editor.receipt.text()
    assert "list" in receipt and "volume 5%" in receipt and f"net unit:  {net}" in receipt

    add_line(qtbot, editor, "CD-100", 1, "20")
    assert "Needs approval" in editor.problems.text()
    assert "above the approval limit of 15%" in editor.problems.text()

    # A SKU that does not exist is refused beside the field: no line, the figures stay.
    totals = editor.totals.text()
    add_line(qtbot, editor, "NOPE-1", 1)
    assert "No product is called 'NOPE-1'" in editor.sku_problem.text()
    assert len(editor.requests) == 2 and editor.totals.text() == totals


def test_saving_stores_the_quote_and_the_page_shows_it(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    partner, account, _ = parties(demo_db)
    with demo_db.reading() as s:
        before = len(s.scalars(select(Quote.id)).all())
    editor = open_editor(qtbot, open_window, demo_db)
    qtbot.keyClicks(editor.partner, partner)
    qtbot.keyClicks(editor.account, account)
    add_line(qtbot, editor, "CD-100", 2)
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    assert editor.saved_number is not None
    with demo_db.reading() as s:
        assert len(s.scalars(select(Quote.id)).all()) == before + 1


def test_a_new_quote_is_saved_as_a_draft_and_issued_only_after_a_last_look(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    """Save keeps a draft (no frozen figures); Issue… shows the total and the "not certified"
    warnings once more, Cancel leaves the draft as it was, Issue freezes it."""
    partner, account, _ = parties(demo_db)
    editor = open_editor(qtbot, open_window, demo_db)
    qtbot.keyClicks(editor.partner, partner)
    qtbot.keyClicks(editor.account, account)
    add_line(qtbot, editor, "CD-100", 2)
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    number = editor.saved_number
    assert number is not None and not editor.isVisible()
    with demo_db.reading() as s:
        stored = read_quote(s, number)
    assert stored.status is QuoteStatus.DRAFT and stored.issued_at is None

    editor = open_editor(qtbot, open_window, demo_db)
    qtbot.keyClicks(editor.partner, partner)
    qtbot.keyClicks(editor.account, account)
    add_line(qtbot, editor, "CD-300", 1)  # a family the partner may not be certified for
    shown_total = editor.totals.text().split("Total ")[-1]
    warnings = [w for w in editor.problems.text().splitlines() if "certified" in w]
    seen: list[QWidget] = []
    click_in_modal("Cancel", seen)
    qtbot.mouseClick(editor.issue_button, Qt.MouseButton.LeftButton)
    (asked,) = seen
    assert isinstance(asked, IssueDialog)
    assert asked.total.text() == f"Total {shown_total}"
    for warning in warnings:
        assert warning in asked.warnings.text()
    assert editor.isVisible() and editor.draft is not None  # kept as a draft, still open
    number = editor.draft.number
    with demo_db.reading() as s:
        assert read_quote(s, number).status is QuoteStatus.DRAFT
    click_in_modal("Issue")
    qtbot.mouseClick(editor.issue_button, Qt.MouseButton.LeftButton)
    assert editor.issued and not editor.isVisible()
    with demo_db.reading() as s:
        assert read_quote(s, number).status is QuoteStatus.ISSUED
        assert len(s.scalars(select(Quote.id).where(Quote.number == number)).all()) == 1


def test_escape_closes_the_editor(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    editor = open_editor(qtbot, open_window, demo_db)
    qtbot.keyClick(editor.partner, Qt.Key.Key_Escape)
    assert not editor.isVisible()


def test_preview_shows_the_issued_pdf_and_prints_it_to_a_file(
    qtbot: QtBot,
    open_window: Callable[[Database], MainWindow],
    demo_db: Database,
    tmp_path: Path,
) -> None:
    window = open_window(demo_db)
    page = shown_page(window, "quotes", QuotesPage)
    model = page.table.records
    issued = next(
        r for r in range(model.rowCount()) if model.row_at(r).status is QuoteStatus.ISSUED
    )
    page.table.selectRow(issued)
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    preview = window.findChild(PdfPreview)
    assert preview is not None
    assert preview.document.pageCount() > 0
    out = tmp_path / "printed.pdf"

    def to_file(printer: QPrinter, _parent: object) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    preview.ask_printer = to_file
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert out.read_bytes().startswith(b"%PDF")
    assert len(pypdf.PdfReader(out).pages) == preview.document.pageCount()
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    assert not preview.isVisible()


def test_enter_opens_a_stored_quote_read_only_with_its_stored_total(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    window = open_window(demo_db)
    page = shown_page(window, "quotes", QuotesPage)
    model = page.table.records
    row = next(r for r in range(model.rowCount()) if model.row_at(r).status is QuoteStatus.ISSUED)
    quote = model.row_at(row)
    page.table.setFocus()
    page.table.selectRow(row)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor = next(e for e in page.editors if e.stored is not None)
    assert editor.stored is not None and editor.stored.number == quote.number
    assert editor.totals.text().endswith(f"Total {quote.currency} {quote.total:,.2f}")
    assert editor.partner.isReadOnly() and not editor.add_button.isEnabled()
    assert "list" in editor.receipt.text()
    stored = editor.stored
    shown = f"{stored.partner} ({stored.partner_code})" if stored.partner_code else stored.partner
    assert editor.partner.text() == shown  # the partner by name, not only by its ID
    assert editor.account.text().startswith(stored.account)


def test_the_quotes_table_model_passes_the_model_tester(
    qtmodeltester: Any, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    window = open_window(demo_db)
    page = shown_page(window, "quotes", QuotesPage)
    assert page.table.records.rowCount() >= 4
    qtmodeltester.check(page.table.records)


def test_partner_and_account_are_picked_from_what_the_lists_offer(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    """Typing part of a name offers the partners and accounts that contain it; picking one
    with the keyboard prices the quote for that record."""
    with demo_db.reading() as s:
        partner = s.scalars(
            select(Partner).where(Partner.tier_id.is_not(None)).order_by(Partner.id)
        ).first()
        account = s.scalars(select(Account).order_by(Account.id)).first()
        assert partner is not None and account is not None
        partner_name, account_name = partner.name, account.name
    editor = open_editor(qtbot, open_window, demo_db)
    editor.activateWindow()
    for line, name in ((editor.partner, partner_name), (editor.account, account_name)):
        line.setFocus()
        qtbot.waitUntil(line.hasFocus)
        qtbot.keyClicks(line, name[1:6])  # a piece from inside the name
        popup = line.completer().popup()
        qtbot.waitUntil(popup.isVisible)
        offered = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
        assert any(label.startswith(name) for label in offered)
        wanted = next(r for r, label in enumerate(offered) if label.startswith(name))
        for _ in range(wanted + 1):
            qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        assert line.text().startswith(name)
    problems = editor.problems.text()
    assert "There is no partner" not in problems and "There is no account" not in problems
    assert "Several" not in problems
    add_line(qtbot, editor, "CD-100", 1)
    assert editor.totals.text() != "Total: —"  # priced for the partner and account picked


def _spec_takes(line: dict[str, object], tax: object = None) -> bool:
    """Whether `quote create` accepts a spec with this line and tax rate."""
    data = {"partner": "P", "account": "A", "currency": "EUR", "lines": [line]}
    if tax is not None:
        data["tax_rate"] = tax
    try:
        parse_quote_spec(data, TODAY)
    except InputError:
        return False
    return True


SPECIALS = ["", "10", "12.5", "0", "100", "1,5", "12.5%", "12.555", "120", "-1", "ten"]
TAXES = ["19", "8.875", "0", "8.87501", "105", "19%", "nineteen"]


def test_the_editor_takes_the_special_discounts_and_tax_rates_a_quote_spec_takes(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], demo_db: Database
) -> None:
    """The same text in the editor and in a spec file: both take it, or both refuse it with a
    message (the editor used to crash on 120 and quietly use the default for a bad tax)."""
    editor = open_editor(qtbot, open_window, demo_db)
    editor_takes: list[bool] = []
    for text in SPECIALS:
        before = sum(r.qty for r in editor.requests)
        add_line(qtbot, editor, "CD-100", 2, text)
        editor_takes.append(sum(r.qty for r in editor.requests) == before + 2)
        if not editor_takes[-1]:
            assert "Special discount" in editor.problems.text()
        editor.special.clear()
    spec_takes = [_spec_takes({"sku": "CD-100", "qty": 2, "special": t}) for t in SPECIALS]
    assert editor_takes == spec_takes
    assert editor_takes == [True, True, True, True, True, True, False, False, False, False, False]

    editor_taxes: list[bool] = []
    for text in TAXES:
        editor.tax.clear()
        qtbot.keyClicks(editor.tax, text)
        editor_taxes.append("Tax rate" not in editor.problems.text())
    spec_taxes = [_spec_takes({"sku": "CD-100", "qty": 2}, tax) for tax in TAXES]
    assert editor_taxes == spec_taxes == [True, True, True, False, False, False, False]
