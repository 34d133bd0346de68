"""The MDF page as a person uses it: set an allocation, take a request through approval (in
part), claim with proof files picked in the file dialog, approve the claim and mark it paid;
read the history, open and save a proof; see a refusal in the dialog with nothing changed; and
narrow the balances by quarter and partner."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import MdfRequest, MdfStep, Partner
from app.domain.enums import MdfStatus
from app.domain.names import name_key
from app.services.mdf.allocations import set_allocation
from app.services.mdf.requests import create_request
from app.ui.context import UiContext
from app.ui.errors import ErrorReport
from app.ui.main_window import MainWindow
from app.ui.mdf.allocation_dialog import MdfAllocationDialog
from app.ui.mdf.claim_dialog import MdfClaimDialog
from app.ui.mdf.detail import RequestDetailView
from app.ui.mdf.page import MdfPage
from app.ui.mdf.request_dialog import MdfRequestDialog
from app.ui.mdf.step_dialog import MdfStepDialog
from tests.support.pages import settled, shown_page
from tests.support.table_cells import cells

Opener = Callable[[Database], MainWindow]
TODAY = date(2026, 11, 20)


@pytest.fixture
def window(open_window: Opener, sqlite_db: Database, context: UiContext) -> MainWindow:
    context.today = lambda: TODAY
    with sqlite_db.transaction() as s:
        for name, code in (("Bluepeak", "P-1001"), ("Northwind", "P-1002")):
            s.add(Partner(name=name, name_key=name_key(name), partner_code=code, country="DE"))
    window = open_window(sqlite_db)
    window.resize(1366, 768)
    return window


def mdf_page(window: MainWindow) -> MdfPage:
    return shown_page(window, "mdf", MdfPage)


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def type_over(qtbot: QtBot, line: object, text: str) -> None:
    line.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(line, text)  # type: ignore[arg-type]


def pick_row(qtbot: QtBot, table: object, row: int) -> None:
    view = table
    rect = view.visualRect(view.records.index(row, 0))  # type: ignore[attr-defined]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # type: ignore[attr-defined]


def latest(page: MdfPage, kind: type) -> object:
    found = [d for d in page.dialogs if isinstance(d, kind)]
    assert found, f"no {kind.__name__} open"
    return found[-1]


def steps_in(db: Database) -> int:
    with db.reading() as s:
        return int(s.execute(select(func.count()).select_from(MdfStep)).scalar_one())


def test_a_request_from_allocation_to_payment(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester,
) -> None:  # fmt: skip
    page = mdf_page(window)
    click(qtbot, page.new_allocation_button)
    allocation = latest(page, MdfAllocationDialog)
    assert isinstance(allocation, MdfAllocationDialog)
    assert allocation.quarter.text() == "2026Q4"  # the quarter of today
    line = allocation.partner.lineEdit()
    qtbot.keyClicks(line, "Bluepeak (P-1001)")
    qtbot.keyClicks(allocation.amount, "10,000")
    click(qtbot, allocation.save_button)
    assert allocation.written, allocation.problem.text()
    settled(page)
    assert cells(page.balances, "partner") == ["Bluepeak (P-1001)"]
    assert cells(page.balances, "available") == ["EUR 10,000.00"]
    qtmodeltester.check(page.balances.records)

    pick_row(qtbot, page.balances, 0)
    with qtbot.waitActive(window):
        window.activateWindow()
    page.balances.setFocus()
    qtbot.waitUntil(page.balances.hasFocus)
    qtbot.keyClick(page.balances, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    request = latest(page, MdfRequestDialog)
    assert isinstance(request, MdfRequestDialog)
    qtbot.keyClicks(request.activity, "Partner summit booth")
    request.starts.setDate(QDate(2026, 11, 10))
    request.ends.setDate(QDate(2026, 11, 12))
    qtbot.keyClicks(request.amount, "4000")
    click(qtbot, request.ok_button)
    assert request.written, request.problem.text()
    settled(page)
    assert cells(page.requests, "status") == ["Requested"]
    # The request just made is the one selected: its next step is a click away.
    qtbot.waitUntil(lambda: page.selected_request() is not None)
    assert page.selected_request().id == request.saved_id
    assert [b.isEnabled() for b in page.step_buttons.values()] == [True, True, False, False, False]
    click(qtbot, page.step_buttons[next(iter(page.step_buttons))])
    approve = latest(page, MdfStepDialog)
    assert isinstance(approve, MdfStepDialog) and approve.amount is not None
    assert approve.amount.text() == "4,000.00"  # what was asked for, prefilled
    type_over(qtbot, approve.amount, "3000")  # a partial approval
    click(qtbot, approve.ok_button)
    assert approve.written, approve.problem.text()
    settled(page)
    assert cells(page.requests, "approved") == ["EUR 3,000.00"]

    proof_bytes = bytes(range(256)) * 40
    invoice = tmp_path / "invoice.pdf"
    invoice.write_bytes(proof_bytes)
    photo = tmp_path / "booth.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo")
    pick_row(qtbot, page.requests, 0)
    click(qtbot, page.buttons["claim"])
    claim = latest(page, MdfClaimDialog)
    assert isinstance(claim, MdfClaimDialog)
    claim.choose_files = lambda _parent, _title: [str(invoice), str(photo)]  # type: ignore[method-assign]
    click(qtbot, claim.add_button)
    assert claim.files.count() == 2
    type_over(qtbot, claim.amount, "2800")
    click(qtbot, claim.ok_button)
    assert claim.written, claim.problem.text()
    settled(page)

    for name, amount in (("approveClaim", "2500"), ("pay", "2500")):
        pick_row(qtbot, page.requests, 0)
        click(qtbot, page.buttons[name])
        dialog = latest(page, MdfStepDialog)
        assert isinstance(dialog, MdfStepDialog) and dialog.amount is not None
        type_over(qtbot, dialog.amount, amount)
        click(qtbot, dialog.ok_button)
        assert dialog.written, dialog.problem.text()
        settled(page)
    assert cells(page.requests, "status") == ["Paid"]
    assert cells(page.balances, "paid") == ["EUR 2,500.00"]

    pick_row(qtbot, page.requests, 0)
    detail = page.detail
    assert cells(detail.history, "step") == [
        "Requested", "Approved", "Claimed", "Claim approved", "Paid"
    ]  # fmt: skip
    assert cells(detail.proofs, "name") == ["invoice.pdf", "booth.jpg"]
    assert cells(detail.proofs, "size") == ["10.0 KB", "9 bytes"]  # a size with its unit
    opened: list[QUrl] = []
    monkeypatch.setattr(
        RequestDetailView, "open_url", staticmethod(lambda url: opened.append(url) or True)
    )
    pick_row(qtbot, detail.proofs, 0)
    click(qtbot, detail.open_button)
    assert len(opened) == 1 and Path(opened[0].toLocalFile()).read_bytes() == proof_bytes
    target = tmp_path / "kept" / "copy.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(RequestDetailView, "ask_path", staticmethod(lambda *_a: str(target)))
    click(qtbot, detail.save_button)
    assert target.read_bytes() == proof_bytes


def test_a_refused_approval_says_why_in_the_dialog_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    with sqlite_db.transaction() as s:
        partner = s.scalars(select(Partner.id).where(Partner.name == "Bluepeak")).one()
        allocation = set_allocation(s, partner, "2026Q4", Decimal("5000"), "EUR")
        create_request(s, allocation, "Webinar", TODAY, TODAY, Decimal("8000"), TODAY)
    page = mdf_page(window)
    pick_row(qtbot, page.requests, 0)
    click(qtbot, page.buttons["approve"])
    dialog = latest(page, MdfStepDialog)
    assert isinstance(dialog, MdfStepDialog) and dialog.amount is not None
    assert dialog.amount.text() == "5,000.00"  # what is left, not the 8,000 asked for
    type_over(qtbot, dialog.amount, "5000.01")
    before = steps_in(sqlite_db)
    click(qtbot, dialog.ok_button)
    assert not dialog.written and dialog.isVisible()
    assert dialog.problem.text().startswith("Only EUR 5,000.00 of Bluepeak's 2026Q4 allocation")
    assert steps_in(sqlite_db) == before
    type_over(qtbot, dialog.amount, "12x")
    assert "not a number" in dialog.form.problems["amount"].text()
    dialog.ask_to_discard = lambda _parent, _noun: True  # type: ignore[method-assign]
    dialog.reject()
    with sqlite_db.reading() as s:
        assert s.scalars(select(MdfRequest.status)).one() is MdfStatus.REQUESTED


def test_a_claim_without_proof_or_past_the_approval_is_refused(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    with sqlite_db.transaction() as s:
        partner = s.scalars(select(Partner.id).where(Partner.name == "Bluepeak")).one()
        allocation = set_allocation(s, partner, "2026Q4", Decimal("5000"), "EUR")
        request = create_request(
            s, allocation, "Webinar", date(2026, 11, 2), date(2026, 11, 3), Decimal("800"), TODAY
        )
        found = s.get(MdfRequest, request)
        assert found is not None
        found.status, found.approved_amount = MdfStatus.APPROVED, Decimal("800")
    page = mdf_page(window)
    pick_row(qtbot, page.requests, 0)
    click(qtbot, page.buttons["claim"])
    claim = latest(page, MdfClaimDialog)
    assert isinstance(claim, MdfClaimDialog)
    assert claim.amount.text() == "800.00"
    click(qtbot, claim.ok_button)
    assert claim.problem.text().startswith("Attach proof of the activity")
    claim.ask_to_discard = lambda _parent, _noun: True  # type: ignore[method-assign]
    claim.reject()


def test_the_balances_narrow_by_quarter_and_partner(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    with sqlite_db.transaction() as s:
        ids = dict(s.execute(select(Partner.name, Partner.id)).all())
        for name, quarter in (
            ("Bluepeak", "2026Q3"),
            ("Bluepeak", "2026Q4"),
            ("Northwind", "2026Q4"),
        ):
            set_allocation(s, ids[name], quarter, Decimal("1000"), "EUR")
    page = mdf_page(window)
    assert cells(page.balances, "quarter") == ["2026Q4", "2026Q4", "2026Q3"]
    lapsed = ["EUR 0.00", "EUR 0.00", "EUR 1,000.00"]  # the third quarter has ended
    assert cells(page.balances, "lapsed") == lapsed
    combo = page.quarter
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the latest quarter after "All quarters"
    assert combo.currentText() == "2026Q4"
    assert cells(page.balances, "partner") == ["Bluepeak (P-1001)", "Northwind (P-1002)"]
    qtbot.keyClicks(page.filter_edit, "north")
    assert cells(page.balances, "partner") == ["Northwind (P-1002)"]
    assert page.count_text().startswith("1 of 2 allocations")
    QApplication.processEvents()


def test_delete_removes_an_allocation_nobody_requested_from(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, shown_errors: list[ErrorReport]
) -> None:
    with sqlite_db.transaction() as s:
        ids = dict(s.execute(select(Partner.name, Partner.id)).all())
        used = set_allocation(s, ids["Bluepeak"], "2026Q4", Decimal("1000"), "EUR")
        create_request(s, used, "Webinar", TODAY, TODAY, Decimal("10"), TODAY)
        set_allocation(s, ids["Northwind"], "2026Q4", Decimal("500"), "EUR")
    page = mdf_page(window)
    asked: list[str] = []
    page.ask_yes = lambda _parent, _title, text: asked.append(text) or True  # type: ignore[method-assign]
    with qtbot.waitActive(window):
        window.activateWindow()
    pick_row(qtbot, page.balances, 1)
    qtbot.keyClick(page.balances, Qt.Key.Key_Delete)
    assert asked == ["Delete Northwind (P-1002)'s 2026Q4 allocation of EUR 500.00?"]
    settled(page)
    assert cells(page.balances, "partner") == ["Bluepeak (P-1001)"]
    pick_row(qtbot, page.balances, 0)
    qtbot.keyClick(page.balances, Qt.Key.Key_Delete)
    assert shown_errors and shown_errors[-1].message.startswith("Requests were made from this")
    settled(page)
    assert cells(page.balances, "partner") == ["Bluepeak (P-1001)"]


def test_a_refused_step_takes_the_cursor_to_the_field_to_fix(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    """Every MDF dialog alike: Enter on a form with a problem goes to the field that has it."""
    with sqlite_db.transaction() as s:
        partner = s.scalars(select(Partner.id).where(Partner.name == "Bluepeak")).one()
        allocation = set_allocation(s, partner, "2026Q4", Decimal("5000"), "EUR")
        create_request(s, allocation, "Webinar", TODAY, TODAY, Decimal("800"), TODAY)
    page = mdf_page(window)
    pick_row(qtbot, page.requests, 0)
    click(qtbot, page.buttons["reject"])
    dialog = latest(page, MdfStepDialog)
    assert isinstance(dialog, MdfStepDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.ok_button.setFocus()
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    assert not dialog.written and dialog.isVisible()
    assert "Say why" in dialog.form.problems["note"].text()
    qtbot.waitUntil(dialog.note.hasFocus)
    dialog.reject()
