"""Spend items typed in: events, and any payment the program's rules do not know.

Events and other costs have no rule to compute them, so they are typed in (or imported, kind
*spend*): for a partner, or for the whole program with no partner; on a date; in any currency,
converted on the Program page with the rate of that date. An item of MDF, SPIF, rebate or
training entered here is a payment made outside those rules and adds to what they compute.
The list shows the items of the page's period, to correct or delete one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from types import MappingProxyType

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from app.domain.enums import SpendProgram
from app.domain.money import COMMON_CURRENCIES, amount_text
from app.domain.program.forms import SPEND_LABELS, check_spend
from app.services.business_settings import load_business_settings
from app.services.partners.names import partner_label, partner_names
from app.services.program.spend_items import (
    SPEND_COLUMNS,
    SpendRow,
    add_spend,
    delete_spend,
    list_spend,
    update_spend,
)
from app.services.store import Database, Session
from app.ui.changes import RecordKind
from app.ui.completing import completing_line
from app.ui.context import UiContext
from app.ui.labelled_form import date_edit
from app.ui.pricebook.form_dialog import FormDialog
from app.ui.program.list_dialog import ListWords, RecordListDialog


class SpendDialog(FormDialog):
    """A new spend item, or the item ``opened`` corrected; the partner field left empty makes
    it program-wide."""

    noun = "spend item"
    labels = MappingProxyType(SPEND_LABELS)
    kinds = frozenset({RecordKind.PROGRAM})

    def __init__(
        self, context: UiContext, db: Database, opened: SpendRow | None, parent: QWidget | None
    ) -> None:
        title = "New spend item" if opened is None else "Spend item"
        heading = "Money spent on the program, for a partner or for the whole program"
        super().__init__(context, db, title, heading, parent)
        self.setObjectName("spendDialog")
        self.opened = opened
        with db.reading() as session:
            names = partner_names(session)
            reporting = load_business_settings(session).reporting_currency
        #: What the partner field offers, and the Partner ID each stands for.
        self.partners = {partner_label(code, name): code for code, name in names.items()}
        partner = completing_line(
            sorted(self.partners, key=str.casefold), "Empty: the whole program", must_pick=True
        )
        kind = QComboBox()
        for choice in SpendProgram:
            kind.addItem(choice.label, choice)
        kind.setCurrentIndex(kind.findData(SpendProgram.EVENT))
        amount = QLineEdit()
        amount.setPlaceholderText("e.g. 2500.00")
        currency = QComboBox()
        currency.setEditable(True)
        currency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        currency.addItems(list(dict.fromkeys([reporting, *COMMON_CURRENCIES])))
        currency.setCurrentText(reporting)
        description = QLineEdit()
        description.setPlaceholderText("e.g. Partner summit, Lisbon")
        self.form.add("partner", "&Partner", partner, 0)
        self.form.add("program", "Pro&gram", kind, 1)
        self.form.add("spent_on", "&Date", date_edit(context.today()), 2)
        self.form.add("amount", "&Amount", amount, 3)
        self.form.add("currency", "&Currency", currency, 4)
        self.form.add("description", "D&escription", description, 5)
        if opened is not None:
            code = opened.partner or ""
            partner.setText(partner_label(code, names.get(code, code)) if code else "")
            kind.setCurrentIndex(kind.findData(opened.program))
            self.form.set_date("spent_on", opened.spent_on)
            amount.setText(amount_text(opened.amount, opened.currency))
            currency.setCurrentText(opened.currency)
            description.setText(opened.description or "")
        partner.setFocus()

    def raw(self) -> dict[str, object]:
        program = self.form.widgets["program"]
        assert isinstance(program, QComboBox)
        typed = self.form.text("partner").strip()
        return {
            "partner": self.partners.get(typed, typed) or None,
            "program": program.currentData(),
            "spent_on": self.form.date("spent_on"),
            "amount": self.form.text("amount"),
            "currency": self.form.text("currency"),
            "description": self.form.text("description"),
        }

    def problems(self) -> dict[str, str]:
        return check_spend(self.raw())[1]

    def write(self, session: Session, overwrite: bool) -> None:
        if self.opened is None:
            add_spend(session, self.raw())
        else:
            update_spend(session, self.opened, self.raw(), overwrite)


WORDS = ListWords(
    name="spendItemsDialog",
    title="Spend items",
    one="spend item",
    many="spend items",
    buttons="Spend",
    import_name="importSpend",
    import_kind="spend",
    import_tip=(
        "Import a file of spend items: Partner, Program, Date, Amount, Currency, Description"
    ),
    add_text="&New…",
    add_name="newSpend",
)


class SpendItemsDialog(RecordListDialog):
    """The spend items dated within the page's period, with New, Edit, Delete and Import…"""

    reload_on = frozenset({RecordKind.PROGRAM, RecordKind.PARTNER})

    def __init__(
        self, context: UiContext, db: Database, start: date, end: date, parent: QWidget | None
    ) -> None:
        super().__init__(context, db, WORDS, parent)
        self.setWindowTitle(f"Spend items, {start.isoformat()} to {end.isoformat()}")
        self.start, self.end = start, end
        note = QLabel(
            "Items typed in or imported. MDF payments, SPIFs, rebates and training seats that "
            "the program's rules compute are not listed here: the Program page adds them."
        )
        note.setWordWrap(True)
        self.table = self.list_table(
            "spend_items",
            SPEND_COLUMNS,
            "Spend items",
            "No spend items in this period. Add one, or import a file.",
        )
        self.lay_out([note], self.table, (900, 460))

    def reload(self) -> None:
        with self.db.reading() as session:
            self.table.records.set_rows(list_spend(session, self.start, self.end))

    def editor_for(self, row: SpendRow | None) -> SpendDialog:
        return SpendDialog(self.context, self.db, row, self)

    def delete_question(self, rows: Sequence[SpendRow]) -> str:
        what = f"the {rows[0].program.label} item of {rows[0].spent_on.isoformat()}"
        if len(rows) > 1:
            what = f"{len(rows)} spend items"
        return f"Delete {what}?"

    def delete_row(self, session: Session, row: SpendRow) -> None:
        delete_spend(session, row)
