"""The quote editor: parties, currency, date, tax and lines, priced again on every keystroke.

Lines are added in the line entry (``line_entry``) and changed in the table (``lines_table``).
The totals, each line's receipt and every problem are shown as they change, so the user never
saves a quote whose figures they have not seen.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError, InputError
from app.domain.money import percent_number
from app.domain.pricing import LineRequest, PricedQuote
from app.domain.quote_spec import tax_rate
from app.domain.quote_view import QuoteView
from app.services.claims.account_edit import account_choices
from app.services.claims.choices import partner_choices
from app.services.pricebook.currencies import price_book_currencies
from app.services.quotes.draft_pricing import (
    DraftForm,
    DraftPrice,
    price_draft,
    sku_choices,
)
from app.services.quotes.draft_store import OpenDraft, issue_draft, store_draft
from app.services.store import Database
from app.ui.completing import offer
from app.ui.quotes.editor.currency_field import CurrencyField
from app.ui.quotes.editor.deal_field import DealField
from app.ui.quotes.editor.line_entry import LineEntry
from app.ui.quotes.editor.lines_table import LinesTable
from app.ui.quotes.editor.problem_block import ProblemBlock
from app.ui.quotes.editor.texts import receipt_text, totals_text
from app.ui.quotes.issue_dialog import confirm_issue
from app.ui.selection_gate import SelectionGate
from app.ui.unsaved import AsksBeforeDiscarding

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
HEADERS = ("SKU", "Description", "Qty", "Special %", "Net unit", "Line total")


class QuoteEditor(AsksBeforeDiscarding, QDialog):
    """A new quote or a stored draft (Save keeps it as a draft; Issue… saves it, shows the total
    and the warnings once more and freezes it when confirmed), or an issued revision to read."""

    #: A draft was written (created or changed): the pages that list quotes read again.
    stored_draft = Signal()

    noun = "quote"

    def __init__(self, db: Database, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quoteEditor")
        self.setWindowTitle("New quote")
        self.db = db
        self.requests: list[LineRequest] = []
        self.result_price: DraftPrice | None = None
        self.saved_number: str | None = None
        self.stored: QuoteView | None = None
        self.draft: OpenDraft | None = None
        self.issued = False
        self.partner = self._edit("partner", "Type a partner's name or Partner ID")
        self.account = self._edit("account", "Type an account's name")
        self.currency = CurrencyField()
        self.quote_date = QDateEdit(QDate(today.year, today.month, today.day))
        self.quote_date.setObjectName("quoteDate")
        self.quote_date.setCalendarPopup(True)
        self.quote_date.setDisplayFormat("yyyy-MM-dd")
        self.tax = self._edit("tax", "default")
        self.deal = DealField()
        with db.reading() as session:
            choices = sku_choices(session)
            partners = partner_choices(session)
            accounts = account_choices(session)
            self.currency.offer(price_book_currencies(session))
        # where each party is, by its entry or its bare name: what the currency follows
        self.countries = {c.label: c.country for c in (*partners, *accounts)}
        for c in (*partners, *accounts):
            self.countries.setdefault(c.label.split(" · ")[0], c.country)
        # What the lists offer, and the record each entry names: a name shared by two
        # partners or accounts is told apart in its entry, and priced by its record.
        self.refs: dict[QLineEdit, dict[str, str]] = {
            self.partner: {c.label: f"#{c.id}" for c in partners},
            self.account: {c.label: f"#{c.id}" for c in accounts},
        }
        offer(self.partner, list(self.refs[self.partner]), must_pick=True)
        offer(self.account, list(self.refs[self.account]), must_pick=True)
        self.entry = LineEntry(choices, self)
        self.entry.line_wanted.connect(self.add_request)
        # The entry's fields by their own names: the layout, the tab order and tests use them.
        self.sku, self.qty, self.special = self.entry.sku, self.entry.qty, self.entry.special
        self.add_button, self.sku_problem = self.entry.add_button, self.entry.problem
        self.remove_button = self.entry.remove_button
        self.problems = ProblemBlock()
        # Problems wait until the person has done something (or asks to save): a new quote
        # opens without a list of what it lacks; the Issue button's tooltip says it meanwhile.
        self.revealed = False
        self.entry.refused.connect(self._refused)
        self.remove_button.clicked.connect(self.remove_line)
        self.table = LinesTable()
        self.table.line_edited.connect(self.line_edited)
        self.table.refused.connect(self._refused)
        self.table.itemSelectionChanged.connect(self.show_receipt)
        self.table.currentCellChanged.connect(lambda *_: self.show_receipt())
        self.receipt = QLabel("Select a line to see how its price is built.")
        self.receipt.setObjectName("receipt")
        self.receipt.setWordWrap(True)
        self.receipt.setMinimumWidth(260)
        self.receipt.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.receipt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.totals = QLabel("")
        self.totals.setObjectName("totals")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.issue_button = QPushButton("&Issue…")
        self.issue_button.setObjectName("issue")
        self.issue_button.setToolTip("Save the draft and issue it: its figures are frozen")
        self.issue_button.clicked.connect(self.save_and_issue)
        self.buttons.addButton(self.issue_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Save draft")
        save_key = QShortcut(QKeySequence.StandardKey.Save, self)
        save_key.activated.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        for edit in (self.partner, self.account):
            edit.textChanged.connect(self._suggest_currency)
        for edit in (self.partner, self.account, self.tax):
            edit.textChanged.connect(self.reprice)
        self.currency.currentIndexChanged.connect(self.reprice)
        self.quote_date.dateChanged.connect(self.reprice)
        self.gate = SelectionGate(self)  # Remove line waits for a line to be selected
        self.gate.watch(self.table)
        self.gate.add(
            self.remove_button,
            lambda: self.stored is None and 0 <= self.table.currentRow() < len(self.requests),
        )
        self.reprice()

    def _edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _lay_out(self) -> None:
        # Who the quote is for on the left, its terms on the right: two short columns read
        # better than six fields stretched across the whole dialog.
        form = QGridLayout()
        form.setHorizontalSpacing(10)
        form.setColumnStretch(1, 3)
        form.setColumnStretch(3, 1)
        for row, (text, widget, col) in enumerate((
            ("&Partner", self.partner, 0),
            ("A&ccount", self.account, 0),
            ("Dea&l", self.deal, 0),
            ("C&urrency", self.currency, 2),
            ("&Date", self.quote_date, 2),
            ("&Tax rate %", self.tax, 2),
        )):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(widget)
            form.addWidget(label, row % 3, col)
            form.addWidget(widget, row % 3, col + 1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 3)
        middle.addWidget(self.receipt, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addSpacing(6)
        outer.addLayout(self.entry.row())
        outer.addWidget(self.sku_problem)
        outer.addLayout(middle, 1)
        outer.addWidget(self.totals)
        outer.addWidget(self.problems)
        outer.addWidget(self.buttons)
        for first, second in (
            (self.partner, self.account),
            (self.account, self.deal),
            (self.deal, self.currency),
            (self.currency, self.quote_date),
            (self.quote_date, self.tax),
            (self.tax, self.sku),
            (self.sku, self.qty),
            (self.qty, self.special),
            (self.special, self.add_button),
            (self.add_button, self.table),
        ):
            QWidget.setTabOrder(first, second)
        self.resize(980, 620)

    def extra_state(self) -> tuple[LineRequest, ...]:
        return tuple(self.requests)

    def has_unsaved_edits(self) -> bool:
        return self.stored is None and super().has_unsaved_edits()  # an issued one is read-only

    def _suggest_currency(self) -> None:
        """The account's country's currency, else the partner's, until the user picks one."""
        texts = (self.account.text().strip(), self.partner.text().strip())
        self.currency.suggest(self.countries.get(text) for text in texts)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return never saves the whole quote by surprise: saving is the Save button or
        Ctrl+S. (Return in the line entry adds the line: see ``LineEntry``.)"""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- what the user does ----------------------------------------------------------------

    def add_line(self) -> None:
        """Add the line the entry fields describe (the Add line button, Return there)."""
        self.entry.add()

    def add_request(self, request: LineRequest) -> None:
        """A line from the entry. The same SKU with the same special discount adds to that
        line's quantity instead of making a second line."""
        same = next(
            (n for n, r in enumerate(self.requests)
             if r.sku == request.sku and r.special_pct == request.special_pct),
            None,
        )  # fmt: skip
        if same is None:
            self.requests.append(request)
            row = len(self.requests) - 1
        else:
            old = self.requests[same]
            self.requests[same] = LineRequest(old.sku, old.qty + request.qty, old.special_pct)
            row = same
        self.reprice()
        self.table.selectRow(row)

    def line_edited(self, row: int, request: LineRequest) -> None:
        """A quantity or special discount changed in the table: price the quote again."""
        self.requests[row] = request
        self.reprice()

    def remove_line(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.requests):
            del self.requests[row]
            self.reprice()
            if self.requests:
                self.table.selectRow(min(row, len(self.requests) - 1))

    def _refused(self, problem: str) -> None:
        """What the person just did was refused: say why at once."""
        self.revealed = True
        self.problems.setText(problem)

    def _say(self, problems: list[str]) -> None:
        """Show ``problems`` once the person has changed anything (typing a letter and taking
        it back still counts: they are at work), or asked to save."""
        self.revealed = self.revealed or self.has_unsaved_edits()
        self.problems.setText("\n".join(problems) if self.revealed else "")

    def form(self) -> DraftForm | None:
        try:  # empty: the default rate; else the quote spec's rule
            tax = tax_rate(self.tax.text())
        except InputError as exc:
            self._say([str(exc)])
            return None
        day = self.quote_date.date()
        return DraftForm(
            self._ref(self.partner),
            self._ref(self.account),
            self.currency.code(),
            date(day.year(), day.month(), day.day()),
            tax,
            tuple(self.requests),
        )

    def _ref(self, line: QLineEdit) -> str:
        """What ``line`` names for pricing: the record of an entry the list offered (or the
        stored quote shows), else the text as typed (a Partner ID, a name)."""
        text = line.text().strip()
        return self.refs[line].get(text, text)

    def _show_parties(self, view: QuoteView) -> None:
        """The stored quote's partner and account by name, the Partner ID beside the name."""
        partner = f"{view.partner} ({view.partner_code})" if view.partner_code else view.partner
        account = view.account
        if view.account_country:
            account = f"{view.account} ({view.account_country})"
        self.refs[self.partner][partner] = view.partner_code or view.partner
        self.refs[self.account][account] = view.account
        for edit, text in ((self.partner, partner), (self.account, account)):
            edit.blockSignals(True)
            edit.setText(text)
            edit.setCursorPosition(0)
            edit.blockSignals(False)

    def reprice(self) -> None:
        form = self.form()
        if form is None or self.stored is not None:
            return
        try:
            with self.db.reading() as session:
                self.result_price = price_draft(session, form)
        except ValueError as exc:  # a currency that is not three letters, while typing
            self._say([str(exc)])
            return
        self.show_lines(self.result_price.priced)
        self.deal.show_account(self.db, self.result_price.account_id)
        problems = list(self.result_price.problems)
        priced = self.result_price.priced
        if priced is not None and priced.needs_approval:
            problems.append("Needs approval: the quote stays DRAFT until a manager approves it.")
            problems.extend(priced.approval_reasons)
        self._say(problems)
        issuable = priced is not None and not priced.needs_approval
        self.issue_button.setEnabled(issuable)
        self.issue_button.setToolTip(
            "Save the draft and issue it: its figures are frozen"
            if issuable
            else "\n".join((
                "Only a draft without problems and within the approval limit can be issued:",
                *problems,
            ))
        )  # fmt: skip
        self.show_receipt()

    def show_lines(self, priced: PricedQuote | None) -> None:
        uncertified = self.result_price.uncertified if self.result_price else frozenset()
        self.table.show_lines(self.requests, priced, uncertified)
        self.totals.setText(totals_text(priced))

    def show_receipt(self) -> None:
        """How the selected line's price is built; never a line that is no longer selected."""
        priced = self.result_price.priced if self.result_price else None
        row = self.table.currentRow()
        if not 0 <= row < len(self.requests):
            self.receipt.setText("Select a line to see how its price is built.")
            return
        lines = priced.lines if priced is not None else ()
        found = lines[row] if row < len(lines) else None
        self.receipt.setText(
            receipt_text(found, priced.currency if priced else "", self.requests[row].sku)
        )

    def show_stored(self, view: QuoteView) -> None:
        """An existing revision, read-only: its stored figures, not a new pricing."""
        self.stored = view
        self.setWindowTitle(f"Quote {view.number} rev. {view.revision} — {view.status}")
        for edit in (self.partner, self.account, self.currency, self.tax):
            edit.blockSignals(True)
        self._show_parties(view)
        self.currency.set_code(view.currency)
        self.tax.setText(percent_number(view.totals.tax_rate_pct))
        self.quote_date.blockSignals(True)
        day = view.quote_date
        self.quote_date.setDate(QDate(day.year, day.month, day.day))
        for edit in (self.partner, self.account, self.tax):
            edit.setReadOnly(True)
        self.entry.set_enabled(False)
        for widget in (self.quote_date, self.currency, self.deal):
            widget.setEnabled(False)
        self.table.set_editable(False)
        self.requests = [LineRequest(ln.sku, ln.qty, ln.special_pct) for ln in view.lines]
        priced = PricedQuote(view.currency, view.quote_date, view.lines, view.totals, ())
        self.result_price = DraftPrice(priced, (), Decimal(0))
        self.show_lines(priced)
        self.problems.setText("")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.issue_button.hide()
        self.table.selectRow(0)

    def show_note(self, text: str) -> None:
        """A fact about the stored quote (when and to whom it was sent), not a problem."""
        self.problems.show_note(text)

    def edit_draft(self, view: QuoteView, version: int, deal_id: int | None) -> None:
        """A stored draft to change: partner and account stay the quote's, the rest is open."""
        self.draft = OpenDraft(view.number, view.revision, version)
        self.setWindowTitle(f"Quote {view.number} rev. {view.revision} — {view.status.label}")
        self._show_parties(view)
        self.currency.blockSignals(True)
        self.currency.set_code(view.currency)
        self.currency.picked = True  # the draft's currency stays unless the user changes it
        self.currency.blockSignals(False)
        self.tax.blockSignals(True)
        self.tax.setText(percent_number(view.totals.tax_rate_pct))
        self.tax.blockSignals(False)
        self.partner.setReadOnly(True)
        self.account.setReadOnly(True)
        day = view.quote_date
        self.quote_date.blockSignals(True)
        self.quote_date.setDate(QDate(day.year, day.month, day.day))
        self.quote_date.blockSignals(False)
        self.requests = [LineRequest(ln.sku, ln.qty, ln.special_pct) for ln in view.lines]
        self.revealed = True  # a stored draft's problems are its state, shown on opening
        self.reprice()
        self.deal.show_account(self.db, self.deal.account_id, keep=deal_id)
        self.table.selectRow(0)
        self.sku.setFocus()
        self.mark_clean()  # the stored draft, as it is: nothing to lose yet

    def save(self) -> None:
        """Store the quote (new) or the change (draft); the dialog closes when it is kept."""
        if self._store():
            self.accept()

    def save_and_issue(self) -> None:
        """Keep the change as a draft, then issue it once the person has seen the total and
        the warnings again; declined, the draft stays saved and open here."""
        if not self._store() or self.draft is None:
            return
        self._show_draft_title()
        if not confirm_issue(self.db, self.draft.number, self.draft.revision, self):
            return
        try:
            with self.db.transaction() as session:
                issue_draft(session, self.draft)
        except AppError as exc:
            self._refused(str(exc))
            return
        self.issued = True
        self.accept()

    def _store(self) -> bool:
        self.revealed = True  # asked to save: every problem counts now
        form = self.form()
        if form is None:
            return False
        deal_id = self.deal.deal_id()
        try:
            with self.db.transaction() as session:
                self.saved_number, stored = store_draft(session, form, self.draft, deal_id)
        except AppError as exc:  # shown to the user; the dialog stays open to fix it
            self._refused(str(exc))
            return False
        self.draft = stored
        self.stored_draft.emit()
        return True

    def _show_draft_title(self) -> None:
        if self.draft is not None:
            self.setWindowTitle(f"Quote {self.draft.number} rev. {self.draft.revision} — Draft")
