"""Every dialog and the import wizard, opened from the window as a person opens them, as a
keyboard-only user and a screen reader meet them: every enabled control is reached by Tab and by
Shift+Tab, Tab leaves every table, no Alt+letter is taken twice, every control has a name.

Which dialogs exist is asked of the application (every ``QDialog`` class under ``app.ui``), so a
new dialog that this test does not open fails it until it is walked too.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QDialog, QTableView, QWidget, QWizard
from pytestqt.qtbot import QtBot

import app.ui
from app.db.engine import Database
from app.domain.mdf.lifecycle import Step
from app.ui.claims.overlaps_page import OverlapsPage
from app.ui.claims.page import ClaimsPage
from app.ui.deals.page import DealsPage
from app.ui.importing.wizard import ImportWizard
from app.ui.leads.page import LeadsPage
from app.ui.main_window import MainWindow
from app.ui.mdf.page import MdfPage
from app.ui.page_base import Page
from app.ui.partners.dialog import PartnerDialog
from app.ui.partners.page import PartnersPage
from app.ui.partners.scorecard_tab import ScorecardTab
from app.ui.pricebook.page import PriceBookPage
from app.ui.program.page import ProgramPage
from app.ui.program.rates_dialog import RatesDialog
from app.ui.program.rules_dialog import RulesDialog
from app.ui.quotes.page import QuotesPage
from app.ui.stale_dialog import StaleDialog
from app.ui.training.page import TrainingPage
from tests.support import keyboard
from tests.support.lead_world import add_lead_world
from tests.support.pages import settled, shown_page
from tests.support.sample_records import TODAY
from tests.support.table_cells import cells
from tests.ui.test_keyboard_pages import each_tab, select_first_rows

Opener = Callable[[Database], MainWindow]


def dialog_classes() -> set[type[QDialog]]:
    """Every dialog class the application defines that is not only a base of others."""
    for module in pkgutil.walk_packages(app.ui.__path__, "app.ui."):
        importlib.import_module(module.name)
    found: set[type[QDialog]] = set()
    todo: list[type[QDialog]] = [QDialog]
    while todo:
        cls = todo.pop()
        subclasses = cls.__subclasses__()
        todo += subclasses
        ours = [s for s in subclasses if s.__module__.startswith("app.ui.")]
        if cls.__module__.startswith("app.ui.") and not ours:
            found.add(cls)
    return found


def settle_background() -> None:
    """Let background reads finish and put what they read on screen, so the walk meets the
    controls a person meets once the tab has filled. What arrives can start more work (the
    scorecard's figures start its charts' drawing), so this waits until nothing is left."""
    pool = QThreadPool.globalInstance()
    for _ in range(20):
        assert pool.waitForDone(10_000), "background work did not finish"
        QApplication.processEvents()
        if pool.activeThreadCount() == 0:
            return
    raise AssertionError("background work kept starting more work")


class Walker:
    """Checks each dialog it is given, once per class, and keeps the problems."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.problems: list[str] = []
        self.walked: set[type[QDialog]] = set()

    def check(self, dialog: QDialog | None, what: str = "") -> None:
        assert dialog is not None, f"{what}: no dialog opened"
        where = what or type(dialog).__name__
        if not dialog.isVisible():
            dialog.show()
        with self.qtbot.waitActive(dialog):
            dialog.activateWindow()
        for tab in each_tab(dialog):
            scorecard = getattr(dialog, "scorecard", None)
            if isinstance(scorecard, ScorecardTab) and scorecard.isVisible():
                self.qtbot.waitUntil(
                    lambda card=scorecard: card.reads > 0 and not card.reading.running,
                    timeout=20_000,
                )
            settle_background()  # a tab that reads when shown (the scorecard) has its rows
            select_first_rows(dialog)
            self.check_in_view(dialog, f"{where} ({tab})")
        self.walked.add(type(dialog))

    def check_in_view(self, dialog: QWidget, where: str) -> None:
        in_view = keyboard.controls(dialog)
        assert in_view, f"{where}: nothing takes the focus"
        if keyboard.focused() is None or not dialog.isAncestorOf(keyboard.focused()):
            in_view[0].setFocus()
        self.problems += [f"{where}: Tab misses {w}" for w in keyboard.unreached(dialog)]
        self.problems += [
            f"{where}: Shift+Tab misses {w}" for w in keyboard.unreached(dialog, back=True)
        ]
        self.problems += [f"{where}: no name for {w}" for w in keyboard.unnamed(dialog)]
        mnemonics = keyboard.window_mnemonics(dialog)
        self.problems += [f"{where}: {c}" for c in keyboard.clashes(mnemonics)]

    def close(self, dialog: QDialog | None) -> None:
        if dialog is not None:
            dialog.reject()
            dialog.close()
        QApplication.processEvents()


@pytest.fixture
def window(open_window: Opener, demo_db: Database) -> MainWindow:
    window = open_window(demo_db)
    window.resize(1366, 768)
    return window


@pytest.fixture
def walker(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Walker:
    """A walker; a dialog the application runs with ``exec`` is walked, then cancelled."""
    walker = Walker(qtbot)

    def walked_exec(dialog: QDialog) -> int:
        walker.check(dialog)
        dialog.reject()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", walked_exec)
    return walker


def choose_first_row(page: Page, table: QTableView) -> None:
    """The first row selected once the page has read its rows (a page may read again as it
    is shown, and a new read clears the selection)."""
    for _ in range(3):
        settled(page)
        table.selectRow(0)
        QApplication.processEvents()
        if not page.loading and table.selectionModel().selectedRows():
            return
    raise AssertionError(f"{page.key}: no row could be selected")


def walk_partner_dialogs(window: MainWindow, walker: Walker) -> None:
    page = shown_page(window, "partners", PartnersPage)
    choose_first_row(page, page.table)
    dialog = page.open_selected()
    assert isinstance(dialog, PartnerDialog)
    walker.check(dialog)
    assert dialog.contacts is not None
    dialog.tabs.setCurrentWidget(dialog.contacts)
    dialog.contacts.add()  # the contact dialog, through its exec
    walker.close(dialog)
    walker.close(page.new_partner())
    choose_first_row(page, page.table)
    review = page.review_selected()
    walker.check(review)
    walker.close(review)


def walk_training_dialogs(window: MainWindow, walker: Walker) -> None:
    page = shown_page(window, "training", TrainingPage)
    for dialog in (page.log_training(), page.new_course()):
        walker.check(dialog)
        walker.close(dialog)


def walk_claims_dialogs(window: MainWindow, walker: Walker) -> None:
    page = shown_page(window, "claims", ClaimsPage)
    dialog = page.claim_actions.register()
    walker.check(dialog)
    walker.close(dialog)
    choose_first_row(page, page.claims)
    page.claim_actions.decide(True)  # the decision dialog, through its exec
    deal = page.claim_actions.deal_from_claim()
    walker.check(deal)
    walker.close(deal)
    choose_first_row(page, page.accounts)
    account = page.open_account()
    walker.check(account)
    walker.close(account)
    page.accounts.selectRow(0)
    page.accounts.selectionModel().select(
        page.accounts.model().index(1, 0),
        page.accounts.selectionModel().SelectionFlag.Select
        | page.accounts.selectionModel().SelectionFlag.Rows,
    )
    page.merge_selected()  # the merge dialog, through its exec
    rules = page.rules_of_engagement()
    walker.check(rules)
    walker.close(rules)
    reps = page.direct_reps()
    assert reps is not None
    walker.check(reps)
    walker.check(reps.add())
    walker.close(reps.editor)
    walker.close(reps)


def walk_overlap_dialogs(window: MainWindow, walker: Walker) -> None:
    page = shown_page(window, "overlaps", OverlapsPage)
    choose_first_row(page, page.group_table)
    page.resolve_selected()  # the resolve dialog, through its exec


def walk_deal_dialogs(window: MainWindow, walker: Walker) -> None:
    page = shown_page(window, "deals", DealsPage)
    choose_first_row(page, page.table)
    dialog = page.open_selected()
    walker.check(dialog)
    walker.close(dialog)


def walk_mdf_dialogs(window: MainWindow, walker: Walker) -> None:
    page = shown_page(window, "mdf", MdfPage)
    dialog = page.new_allocation()
    walker.check(dialog)
    walker.close(dialog)
    choose_first_row(page, page.balances)
    for dialog in (page.edit_allocation(), page.new_request()):
        walker.check(dialog)
        walker.close(dialog)
    page.balances.clearSelection()  # the requests of every allocation
    for step in (Step.APPROVE, Step.CLAIM):  # the demo has requests ready for both
        rows = page.requests.records.rows()
        page.requests.selectRow(next(n for n, r in enumerate(rows) if step in r.steps))
        dialog = page.do_step(step)
        walker.check(dialog, step.value)
        walker.close(dialog)


def walk_quote_dialogs(window: MainWindow, walker: Walker) -> None:
    page = shown_page(window, "quotes", QuotesPage)
    editor = page.new_quote()
    walker.check(editor)
    walker.close(editor)
    drafts = [n for n, r in enumerate(page.table.records.rows()) if r.status.value == "draft"]
    assert drafts, "the demo world has no draft quote"
    page.table.selectRow(drafts[0])
    assert not page.issue_selected()  # the issue dialog, through its exec, cancelled
    issued = [n for n, r in enumerate(page.table.records.rows()) if r.status.value == "issued"]
    assert issued, "the demo world has no issued quote"
    page.table.selectRow(issued[0])
    for dialog in (
        page.preview_selected(), page.email_selected(), page.mail_settings(),
        page.company_settings(),
    ):  # fmt: skip
        walker.check(dialog)
        walker.close(dialog)
    page.table.selectRow(issued[0])
    assert not page.accept_selected()  # the day of acceptance, through its exec, cancelled
    drafts = [n for n, r in enumerate(page.table.records.rows()) if r.status.value == "draft"]
    page.table.selectRow(drafts[0])
    page.issue_selected()  # the question before issuing, through its exec


def walk_pricebook_dialogs(window: MainWindow, walker: Walker) -> None:
    page = shown_page(window, "pricebook", PriceBookPage)
    choose_first_row(page, page.products)
    page.tiers.selectRow(0)
    for open_dialog in (
        page.new_product, page.edit_product, page.add_price, page.edit_breaks,
        page.edit_family_breaks, page.edit_tier, page.edit_settings,
    ):  # fmt: skip
        dialog = open_dialog()
        walker.check(dialog, open_dialog.__name__)
        walker.close(dialog)
    unused = [n for n, r in enumerate(page.prices.records.rows()) if not r.used]
    if unused:
        page.prices.selectRow(unused[0])
        dialog = page.correct_price()
        walker.check(dialog)
        walker.close(dialog)


def walk_program_dialogs(window: MainWindow, walker: Walker) -> None:
    page = shown_page(window, "program", ProgramPage)
    for dialog in (page.show_not_converted(), page.new_spend_item(), page.open_spend_items()):
        walker.check(dialog)
        walker.close(dialog)
    rates = page.open_rates()
    assert isinstance(rates, RatesDialog)
    walker.check(rates)
    walker.check(rates.add())
    walker.close(rates.editor)
    walker.close(rates)
    rules = page.open_rules()
    assert isinstance(rules, RulesDialog)
    walker.check(rules)
    for tab in (0, 1):  # a SPIF rule, then a rebate threshold
        rules.tabs.setCurrentIndex(tab)
        walker.check(rules.add())
        walker.close(rules.editor)
    walker.close(rules)


def walk_lead_dialogs(window: MainWindow, walker: Walker) -> None:
    add_lead_world(window.database, TODAY)
    page = shown_page(window, "leads", LeadsPage)
    page.invalidate()
    settled(page)
    dialog = page.open_rules()
    walker.check(dialog)
    walker.close(dialog)
    flow = page.route()  # the preview, through its exec
    assert flow is not None
    walker.qtbot.waitUntil(lambda: not flow.busy, timeout=20_000)
    codes = cells(page.leads.table, "lead_code")
    page.leads.table.selectRow(codes.index("L-002"))
    page.lead_actions.decline()  # the reason dialog, through its exec
    page.leads.table.selectRow(codes.index("L-001"))
    page.lead_actions.convert()  # the conversion dialog, through its exec
    page.lead_actions.assign()  # the assignment dialog, through its exec


def walk_window_dialogs(window: MainWindow, walker: Walker) -> None:
    for dialog in (window.show_guide(), window.show_shortcuts()):
        walker.check(dialog)
        walker.close(dialog)
    stale = StaleDialog("Partner Contoso", [("Name", "Contoso Ltd", "Contoso Group")], window)
    walker.check(stale)
    walker.close(stale)


def test_every_dialog_is_usable_from_the_keyboard(window: MainWindow, walker: Walker) -> None:
    for walk in (
        walk_partner_dialogs, walk_training_dialogs, walk_claims_dialogs, walk_overlap_dialogs,
        walk_deal_dialogs, walk_quote_dialogs, walk_pricebook_dialogs, walk_window_dialogs,
        walk_mdf_dialogs, walk_program_dialogs, walk_lead_dialogs,
    ):  # fmt: skip
        walk(window, walker)
    assert not walker.problems, "\n".join(walker.problems)
    walked = walker.walked | {ImportWizard}  # walked step by step in the next test
    not_walked = {c.__name__ for c in dialog_classes() - walked}
    assert not_walked == set(), "dialogs this test does not open yet"


def test_every_step_of_the_import_wizard_is_usable_from_the_keyboard(
    window: MainWindow, walker: Walker, tmp_path: Path, qtbot: QtBot
) -> None:
    source = tmp_path / "partners.xlsx"  # two sheets: the sheet step is shown
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Country", "Tier"])
    sheet.append(["Contoso Ltd", "DE", "Gold"])
    sheet.append(["Fabrikam", "FR", "Silver"])
    book.create_sheet("Notes").append(["nothing to import here"])
    book.save(source)
    window.commands.import_records(source)
    wizard = window.commands.wizard
    assert isinstance(wizard, QWizard)
    with qtbot.waitActive(wizard):
        wizard.activateWindow()
    steps = []
    for _step in range(5):  # what and which file; sheet; columns; the check; what it did
        page = wizard.currentPage()
        assert page is not None
        operation = wizard.last_operation  # the check (and the import) read in the background
        if operation is not None:
            qtbot.waitUntil(lambda op=operation: not op.running, timeout=10_000)
        select_first_rows(page)
        walker.check_in_view(wizard, f"Import: {page.title()}")
        steps.append(page.title())
        wizard.next()
        QApplication.processEvents()
    assert not walker.problems, "\n".join(walker.problems)
    assert len(set(steps)) == 5, steps
    wizard.reject()
