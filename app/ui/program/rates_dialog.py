"""Exchange rates into the reporting currency, and the reporting currency itself.

The Program page converts every amount with these rates; an amount dated T uses the latest
rate of its currency effective on or before T. A person adds, corrects or deletes a rate here,
or imports a file of them (kind *fx*). Changing the reporting currency is allowed at any time,
but says first what it does: rates are into one currency, so until rates into the new one are
added, every amount in another currency is left out of the figures ("not converted").
"""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
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
from app.ui.program.list_dialog import ListWords, RecordListDialog


def explanation(currency: str) -> str:
    return (
        f"Figures are reported in {currency}. A rate says how many {currency} one unit of a "
        "currency is worth from its date on; each amount uses the latest rate on or before its "
        f"date. Amounts with no such rate are listed as not converted, never taken at 1."
    )


WORDS = ListWords(
    name="ratesDialog",
    title="Exchange rates",
    one="rate",
    many="rates",
    buttons="Rate",
    import_name="importRates",
    import_kind="fx",
    import_tip="Import a file of rates: Currency, Rate, Effective from",
)


class RatesDialog(RecordListDialog):
    """The list of rates with Add, Edit, Delete and Import…, and the reporting currency."""

    reload_on = frozenset({RecordKind.PROGRAM, RecordKind.SETTING})

    def __init__(self, context: UiContext, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(context, db, WORDS, parent)
        self.reporting = ""
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
        self.table = self.list_table(
            "fx_rates",
            RATE_COLUMNS,
            "Exchange rates",
            "No rates yet. Add one, or import a file of rates (kind fx).",
        )
        self.lay_out([line, self.about], self.table, (640, 480))

    def reload(self) -> None:
        with self.db.reading() as session:
            self.reporting = load_business_settings(session).reporting_currency
            rows = list_rates(session)
        self.currency.setCurrentText(self.reporting)
        self.about.setText(explanation(self.reporting))
        self.table.records.set_rows(rows)

    def editor_for(self, row: RateRow | None) -> RateDialog:
        return RateDialog(self.context, self.db, self.reporting, row, self)

    def delete_question(self, rows: Sequence[RateRow]) -> str:
        what = f"the {rows[0].currency} rate of {rows[0].effective_from.isoformat()}"
        if len(rows) > 1:
            what = f"{len(rows)} rates"
        return f"Delete {what}? Figures that used it change."

    def delete_row(self, session: Session, row: RateRow) -> None:
        delete_rate(session, row)

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
