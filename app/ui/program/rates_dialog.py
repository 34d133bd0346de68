"""Exchange rates into the reporting currency, and the reporting currency itself.

The Program page converts every amount with these rates; an amount dated T uses the latest
rate of its currency effective on or before T. A person adds, corrects or deletes a rate here,
or imports a file of them (kind *fx*). Changing the reporting currency is allowed at any time,
but says first what it does: rates are into one currency, so until rates into the new one are
added, every amount in another currency is left out of the figures ("not converted").
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import COMMON_CURRENCIES
from app.domain.program.forms import RATE_LABELS, check_rate
from app.services.business_settings import load_business_settings
from app.services.company import save_settings_text
from app.services.program.rates import (
    RATE_COLUMNS,
    RateRow,
    add_rate,
    delete_rate,
    list_rates,
    update_rate,
)
from app.services.store import Database, Session
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.labelled_form import date_edit
from app.ui.pricebook.form_dialog import FormDialog
from app.ui.record_table import RecordTable
from app.ui.selection_gate import SelectionGate
from app.ui.shortcuts import bind
from app.ui.table_menu import Needs

#: A table's own keys work while it has the focus only.
ONLY_THERE = Qt.ShortcutContext.WidgetShortcut


def explanation(currency: str) -> str:
    return (
        f"Figures are reported in {currency}. A rate says how many {currency} one unit of a "
        "currency is worth from its date on; each amount uses the latest rate on or before its "
        f"date. Amounts with no such rate are listed as not converted, never taken at 1."
    )


class RatesDialog(QDialog):
    """The list of rates with Add, Edit, Delete and Import…, and the reporting currency."""

    def __init__(self, context: UiContext, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratesDialog")
        self.setWindowTitle("Exchange rates")
        self.context, self.db = context, db
        self.editor: RateDialog | None = None  # tests drive it
        self.currency = QComboBox()
        self.currency.setObjectName("reportingCurrency")
        self.currency.setEditable(True)
        self.currency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.currency.addItems(list(COMMON_CURRENCIES))
        self.change_button = QPushButton("&Use this currency")
        self.change_button.setObjectName("useCurrency")
        self.change_button.clicked.connect(self.change_currency)
        currency_label = QLabel("&Reporting currency")
        currency_label.setBuddy(self.currency)
        line = QHBoxLayout()
        line.addWidget(currency_label)
        line.addWidget(self.currency)
        line.addWidget(self.change_button)
        line.addStretch(1)
        self.about = QLabel()
        self.about.setObjectName("ratesExplanation")
        self.about.setWordWrap(True)
        self.table = RecordTable("fx_rates", RATE_COLUMNS, self)
        self.table.setAccessibleName("Exchange rates")
        self.table.empty_text = "No rates yet. Add one, or import a file of rates (kind fx)."
        self.add_button = QPushButton("&Add…")
        self.add_button.setObjectName("addRate")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setObjectName("editRate")
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setObjectName("deleteRate")
        self.import_button = QPushButton("&Import…")
        self.import_button.setObjectName("importRates")
        self.import_button.setToolTip("Import a file of rates: Currency, Rate, Effective from")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(line)
        layout.addWidget(self.about)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.import_button.clicked.connect(self.import_rates)
        self.table.activated.connect(lambda _index: self.edit())
        self.table.menu.add("&Edit…", self.edit, default=True, shortcut="Return")
        self.table.menu.add("&Delete", self.delete, Needs.SOME, shortcut="Delete")
        bind(self.table, "Return", self.edit, "Edit the rate", ONLY_THERE)
        bind(self.table, "Delete", self.delete, "Delete the selected rates", ONLY_THERE)
        self.gate = SelectionGate(self)
        self.gate.rows(self.edit_button, self.table)
        self.gate.rows(self.delete_button, self.table, Needs.SOME)
        context.changes.changed.connect(self._changed)
        self.reporting = ""
        self.reload()
        self.resize(640, 480)

    def _changed(self, kinds: frozenset[RecordKind]) -> None:
        if kinds & {RecordKind.PROGRAM, RecordKind.SETTING}:
            self.reload()

    def reload(self) -> None:
        with self.db.reading() as session:
            self.reporting = load_business_settings(session).reporting_currency
            rows = list_rates(session)
        self.currency.setCurrentText(self.reporting)
        self.about.setText(explanation(self.reporting))
        self.table.records.set_rows(rows)

    def selected(self) -> list[RateRow]:
        chosen = self.table.selectionModel().selectedRows()
        return [self.table.records.row_at(index.row()) for index in chosen]

    def add(self) -> RateDialog:
        return self._edit_in(RateDialog(self.context, self.db, self.reporting, None, self))

    def edit(self) -> RateDialog | None:
        chosen = self.selected()
        if len(chosen) != 1:
            return None
        return self._edit_in(RateDialog(self.context, self.db, self.reporting, chosen[0], self))

    def _edit_in(self, dialog: RateDialog) -> RateDialog:
        self.editor = dialog
        dialog.open()
        return dialog

    def delete(self) -> bool:
        chosen = self.selected()
        if not chosen:
            return False
        what = f"the {chosen[0].currency} rate of {chosen[0].effective_from.isoformat()}"
        if len(chosen) > 1:
            what = f"{len(chosen)} rates"
        if not self.confirm("Delete rates", f"Delete {what}? Figures that used it change."):
            return False
        try:
            with self.db.transaction() as session:
                for row in chosen:
                    delete_rate(session, row)
        except Exception as exc:  # a stale row: one line; a bug: its details
            self.context.errors.show_now(exc)
            return False
        finally:
            self.context.changes.announce({RecordKind.PROGRAM})
        return True

    def confirm(self, title: str, text: str) -> bool:
        """Asked before a delete or a change of currency (tests answer it themselves)."""
        return ask_yes_no(self, title, text)

    def change_currency(self) -> bool:
        """Make the chosen currency the reporting currency, after saying what that does."""
        wanted = self.currency.currentText().strip().upper()
        if wanted == self.reporting:
            return False
        text = (
            f"Report in {wanted} instead of {self.reporting}? The rates listed here convert into "
            f"{self.reporting}: until rates into {wanted} are added or imported, every amount "
            f"not in {wanted} is left out of the figures and listed as not converted."
        )
        if not self.confirm("Change the reporting currency", text):
            self.currency.setCurrentText(self.reporting)
            return False
        try:
            with self.db.transaction() as session:
                save_settings_text(session, {"reporting_currency": wanted})
        except Exception as exc:  # a code that is no currency: one line
            self.context.errors.show_now(exc)
            self.currency.setCurrentText(self.reporting)
            return False
        self.context.changes.announce({RecordKind.SETTING, RecordKind.PROGRAM})
        return True

    def import_rates(self) -> None:
        """The window's import wizard, with rates chosen (its File › Import is the one way in)."""
        open_import(self, "fx")


def ask_yes_no(parent: QWidget, title: str, text: str) -> bool:
    """A Yes/No question; No is the default, so Enter never deletes by accident."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName("question")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def open_import(dialog: QWidget, kind: str) -> None:
    """Open the window's import wizard over ``dialog``'s window with ``kind`` chosen."""
    commands: Any = getattr(dialog.parentWidget(), "commands", None)
    if commands is not None:
        commands.import_records(kind=kind)


class RateDialog(FormDialog):
    """A new rate into the reporting currency, or the rate ``opened`` corrected."""

    noun = "rate"
    labels = MappingProxyType(RATE_LABELS)
    kinds = frozenset({RecordKind.PROGRAM})

    def __init__(
        self,
        context: UiContext,
        db: Database,
        reporting: str,
        opened: RateRow | None,
        parent: QWidget | None = None,
    ) -> None:
        into = opened.into_currency if opened is not None else reporting
        title = "New exchange rate" if opened is None else f"{opened.currency} rate"
        heading = f"How many {into} one unit is worth, from a date on"
        super().__init__(context, db, title, heading, parent)
        self.setObjectName("rateDialog")
        self.opened, self.into = opened, into
        currency = QComboBox()
        currency.setEditable(True)
        currency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        currency.addItems([c for c in COMMON_CURRENCIES if c != into])
        currency.setCurrentText("" if opened is None else opened.currency)
        rate = QLineEdit("" if opened is None else format(opened.rate, "f"))
        rate.setPlaceholderText(f"{into} for one unit, e.g. 0.92")
        start = date_edit(context.today() if opened is None else opened.effective_from)
        self.form.add("currency", "&Currency", currency, 0)
        self.form.add("rate", f"&Rate into {into}", rate, 1)
        self.form.add("effective_from", "E&ffective from", start, 2)
        (rate if opened is not None else currency).setFocus()

    def raw(self) -> dict[str, object]:
        return {
            "currency": self.form.text("currency"),
            "rate": self.form.text("rate"),
            "effective_from": self.form.date("effective_from"),
        }

    def problems(self) -> dict[str, str]:
        return check_rate(self.raw(), self.into)[1]

    def write(self, session: Session, overwrite: bool) -> None:
        if self.opened is None:
            add_rate(session, self.raw())
        else:
            update_rate(session, self.opened, self.raw(), overwrite)
