"""The quote editor: parties, currency, date, tax and lines, priced again on every keystroke.

Lines are added by typing a SKU (a completer offers SKU and name), a quantity and an optional
special discount. The totals, each line's receipt and every problem are shown as they change,
so the user never saves a quote whose figures they have not seen.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.errors import AppError
from app.domain.pricing import LineRequest, PricedQuote
from app.domain.quote_spec import QuoteSpec
from app.domain.quote_view import QuoteView
from app.services.quote_create import create_quote
from app.ui.quote_editor.live_price import DraftForm, DraftPrice, price_draft, sku_choices
from app.ui.quote_editor.texts import amount_text, step_text

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
HEADERS = ("SKU", "Description", "Qty", "Special %", "Net unit", "Line total")


class QuoteEditor(QDialog):
    """A new quote; Save stores it (issued, or waiting for approval)."""

    def __init__(self, db: Database, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quoteEditor")
        self.setWindowTitle("New quote")
        self.db = db
        self.requests: list[LineRequest] = []
        self.result_price: DraftPrice | None = None
        self.saved_number: str | None = None
        self.stored: QuoteView | None = None
        self.partner = self._edit("partner", "Partner ID or name")
        self.account = self._edit("account", "Account name or ID")
        self.currency = self._edit("currency", "EUR")
        self.currency.setText("EUR")
        self.quote_date = QDateEdit(QDate(today.year, today.month, today.day))
        self.quote_date.setObjectName("quoteDate")
        self.quote_date.setCalendarPopup(True)
        self.quote_date.setDisplayFormat("yyyy-MM-dd")
        self.tax = self._edit("tax", "default")
        self.sku = self._edit("sku", "Type a SKU or part of its name")
        with db.reading() as session:
            choices = sku_choices(session)
        completer = QCompleter([f"{sku} — {name}" for sku, name in choices], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(lambda text: self.sku.setText(text.split(" — ")[0]))
        self.sku.setCompleter(completer)
        self.qty = QSpinBox()
        self.qty.setObjectName("qty")
        self.qty.setRange(1, 1_000_000)
        self.special = self._edit("special", "0")
        self.add_button = QPushButton("&Add line")
        self.add_button.setObjectName("addLine")
        self.add_button.clicked.connect(self.add_line)
        self.sku.returnPressed.connect(self.add_line)
        self.special.returnPressed.connect(self.add_line)
        self.remove_button = QPushButton("&Remove line")
        self.remove_button.clicked.connect(self.remove_line)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("lines")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_: self.show_receipt())
        self.receipt = QLabel("Select a line to see how its price is built.")
        self.receipt.setObjectName("receipt")
        self.receipt.setWordWrap(True)
        self.receipt.setMinimumWidth(260)
        self.receipt.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.receipt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.totals = QLabel("")
        self.totals.setObjectName("totals")
        self.problems = QLabel("")
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #a33;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        save_key = QShortcut(QKeySequence.StandardKey.Save, self)
        save_key.activated.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        for edit in (self.partner, self.account, self.currency, self.tax):
            edit.textChanged.connect(self.reprice)
        self.quote_date.dateChanged.connect(self.reprice)
        self.reprice()

    def _edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("&Partner:", self.partner)
        form.addRow("A&ccount:", self.account)
        form.addRow("C&urrency:", self.currency)
        form.addRow("&Date:", self.quote_date)
        form.addRow("&Tax rate %:", self.tax)
        entry = QHBoxLayout()
        for text, widget, stretch in (
            ("S&KU:", self.sku, 3),
            ("&Qty:", self.qty, 0),
            ("Sp&ecial %:", self.special, 1),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            entry.addWidget(label)
            entry.addWidget(widget, stretch)
        entry.addWidget(self.add_button)
        entry.addWidget(self.remove_button)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 3)
        middle.addWidget(self.receipt, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addLayout(entry)
        outer.addLayout(middle, 1)
        outer.addWidget(self.totals)
        outer.addWidget(self.problems)
        outer.addWidget(self.buttons)
        for first, second in (
            (self.partner, self.account),
            (self.account, self.currency),
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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return adds a line in the line entry and never saves the whole quote by surprise:
        saving is the Save button or Ctrl+S."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.focusWidget() is self.qty:
                self.add_line()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- what the user does ----------------------------------------------------------------

    def add_line(self) -> None:
        sku = self.sku.text().split(" — ")[0].strip()
        if not sku:
            return
        try:
            special = Decimal(self.special.text().strip() or "0")
            request = LineRequest(sku, self.qty.value(), special)
        except (InvalidOperation, ValueError) as exc:
            self.problems.setText(f"Special discount: {exc}" if str(exc) else "Bad discount.")
            return
        self.requests.append(request)
        self.sku.clear()
        self.special.clear()
        self.qty.setValue(1)
        self.reprice()
        self.table.selectRow(len(self.requests) - 1)
        self.sku.setFocus()

    def remove_line(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.requests):
            del self.requests[row]
            self.reprice()

    def form(self) -> DraftForm | None:
        try:
            tax = Decimal(self.tax.text().strip()) if self.tax.text().strip() else None
        except InvalidOperation:
            tax = None
        day = self.quote_date.date()
        return DraftForm(
            self.partner.text().strip(),
            self.account.text().strip(),
            self.currency.text().strip().upper() or "EUR",
            date(day.year(), day.month(), day.day()),
            tax,
            tuple(self.requests),
        )

    def reprice(self) -> None:
        form = self.form()
        if form is None or self.stored is not None:
            return
        try:
            with self.db.reading() as session:
                self.result_price = price_draft(session, form)
        except ValueError as exc:  # a currency that is not three letters, while typing
            self.problems.setText(str(exc))
            return
        self.show_lines(self.result_price.priced)
        problems = list(self.result_price.problems)
        priced = self.result_price.priced
        if priced is not None and priced.needs_approval:
            problems.append("Needs approval: the quote stays DRAFT until a manager approves it.")
            problems.extend(priced.approval_reasons)
        self.problems.setText("\n".join(problems))
        self.show_receipt()

    def show_lines(self, priced: PricedQuote | None) -> None:
        self.table.setRowCount(len(self.requests))
        by_pos = {ln.position: ln for ln in priced.lines} if priced else {}
        currency = priced.currency if priced else ""
        for row, request in enumerate(self.requests):
            line = by_pos.get(row + 1)
            cells = (
                request.sku,
                line.description if line else "—",
                f"{request.qty:,}",
                f"{request.special_pct.normalize():f}",
                amount_text(line.net_unit, currency) if line else "—",
                amount_text(line.line_total, currency) if line else "—",
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
        if priced is None:
            self.totals.setText("Total: —")
            return
        t = priced.totals
        cur = priced.currency
        self.totals.setText(
            f"List {amount_text(t.list_total, cur)}   Discount {amount_text(t.discount, cur)}   "
            f"Subtotal {amount_text(t.subtotal, cur)}   "
            f"Tax {t.tax_rate_pct.normalize():f}% {amount_text(t.tax, cur)}   "
            f"Total {cur} {amount_text(t.total, cur)}"
        )

    def show_receipt(self) -> None:
        priced = self.result_price.priced if self.result_price else None
        row = self.table.currentRow()
        if priced is None or not 0 <= row < len(priced.lines):
            return
        line = priced.lines[row]
        steps = line.receipt(priced.currency)
        text = "\n".join(f"{name}:  {step_text(value)}" for name, value in steps)
        self.receipt.setText(f"{line.sku} — {line.description}\n\n{text}")

    def show_stored(self, view: QuoteView) -> None:
        """An existing revision, read-only: its stored figures, not a new pricing."""
        self.stored = view
        self.setWindowTitle(f"Quote {view.number} rev. {view.revision} — {view.status}")
        for edit in (self.partner, self.account, self.currency, self.tax):
            edit.blockSignals(True)
        self.partner.setText(view.partner_code or view.partner)
        self.account.setText(view.account)
        self.currency.setText(view.currency)
        self.tax.setText(f"{view.totals.tax_rate_pct.normalize():f}")
        self.quote_date.blockSignals(True)
        day = view.quote_date
        self.quote_date.setDate(QDate(day.year, day.month, day.day))
        for edit in (self.partner, self.account, self.currency, self.tax, self.special):
            edit.setReadOnly(True)
        entry: tuple[QWidget, ...] = (self.quote_date, self.sku, self.qty)
        for widget in (*entry, self.add_button, self.remove_button):
            widget.setEnabled(False)
        self.requests = [LineRequest(ln.sku, ln.qty, ln.special_pct) for ln in view.lines]
        priced = PricedQuote(view.currency, view.quote_date, view.lines, view.totals, ())
        self.result_price = DraftPrice(priced, (), Decimal(0))
        self.show_lines(priced)
        self.problems.setText("")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.table.selectRow(0)

    def save(self) -> None:
        form = self.form()
        if form is None:
            return
        spec = QuoteSpec(
            form.partner, form.account, form.quote_date, form.currency, form.tax_rate_pct,
            form.lines,
        )  # fmt: skip
        try:
            with self.db.transaction() as session:
                created = create_quote(session, spec)
        except AppError as exc:  # shown to the user; the dialog stays open to fix it
            self.problems.setText(str(exc))
            return
        self.saved_number = created.number
        self.accept()
