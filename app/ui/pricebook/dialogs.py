"""The price book's editors: a product, a new dated price, a tier's discount, pricing settings.

Each shows what is wrong under the field as the user types (a SKU with spaces, a price with more
decimals than its currency has, a percentage over 100) and saves only a valid form.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from app.domain.money import COMMON_CURRENCIES, amount_text
from app.domain.settings import format_setting
from app.services.pricebook.edit import (
    PRICE_LABELS,
    PRODUCT_LABELS,
    ProductRecord,
    add_price,
    check_price,
    check_product,
    correct_price,
    create_product,
    get_product,
    update_product,
)
from app.services.pricebook.read import (
    PriceRow,
    SettingsRow,
    TierRow,
    list_tiers,
    pricing_settings,
)
from app.services.pricebook.rules import (
    SETTING_LABELS,
    check_settings,
    percent_problem,
    save_settings,
    set_tier_discount,
)
from app.services.store import Database, Session
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.labelled_form import date_edit
from app.ui.pricebook.form_dialog import FormDialog


def _line(text: str = "", placeholder: str = "") -> QLineEdit:
    line = QLineEdit(text)
    line.setPlaceholderText(placeholder)
    return line


class ProductDialog(FormDialog):
    """A new product, or the product ``opened`` (SKU, name, family, description)."""

    noun = "product"

    labels = PRODUCT_LABELS

    def __init__(
        self, context: UiContext, db: Database, opened: ProductRecord | None,
        families: list[str], parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        title = "New product" if opened is None else f"{opened.sku} — product"
        super().__init__(context, db, title, title, parent)
        self.setObjectName("productDialog")
        self.opened = opened
        family = QComboBox()
        family.setEditable(True)
        family.addItems(["", *families])
        if (typed := family.lineEdit()) is not None:
            typed.setPlaceholderText("pick one or type a new family")
        self.form.add("sku", "&SKU", _line(placeholder="e.g. CB-100"), 0)
        self.form.add("name", "&Name", _line(), 1)
        self.form.add("family", "&Family", family, 2)
        self.form.add("description", "&Description", QPlainTextEdit(), 3)
        self.form.widgets["description"].setMaximumHeight(90)
        if opened is not None:
            self._show(opened)
        self.form.widgets["sku"].setFocus()

    def _show(self, record: ProductRecord) -> None:
        w = self.form.widgets
        self.form.blockSignals(True)
        for name in ("sku", "name"):
            line = w[name]
            assert isinstance(line, QLineEdit)
            line.setText(getattr(record, name))
        family, description = w["family"], w["description"]
        assert isinstance(family, QComboBox) and isinstance(description, QPlainTextEdit)
        family.setEditText(record.family or "")
        description.setPlainText(record.description or "")
        self.form.blockSignals(False)

    def raw(self) -> dict[str, object]:
        return {f: self.form.text(f) for f in PRODUCT_LABELS}

    def problems(self) -> dict[str, str]:
        return check_product(self.raw())[1]

    def write(self, session: Session, overwrite: bool) -> None:
        if self.opened is None:
            create_product(session, self.raw())
        else:
            update_product(session, self.opened, self.raw(), overwrite=overwrite)

    def reload(self) -> None:
        assert self.opened is not None
        with self.db.reading() as session:
            self.opened = get_product(session, self.opened.id)
        self._show(self.opened)


class PriceDialog(FormDialog):
    """A new dated price for one SKU: it applies from its date on, earlier quotes keep theirs."""

    noun = "price"

    labels = PRICE_LABELS

    def __init__(
        self, context: UiContext, db: Database, product_id: int, product: str,
        currencies: list[str], parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(context, db, f"New price — {product}", f"New price for {product}", parent)
        self.setObjectName("priceDialog")
        self.product_id = product_id
        self.note.setText(
            "A new price applies from its date on; prices that issued quotes used are never "
            "changed. Choose a date in the future to announce a price change."
        )
        self.note.show()
        currency = QComboBox()
        currency.setEditable(True)
        currency.addItems(list(dict.fromkeys([*currencies, *COMMON_CURRENCIES])))
        self.form.add("currency", "&Currency", currency, 0)
        self.form.add("list_price", "List &price", _line(placeholder="e.g. 1234.50"), 1)
        self.form.add("effective_from", "&From", date_edit(context.today()), 2)
        self.form.widgets["list_price"].setFocus()

    def raw(self) -> dict[str, object]:
        return {
            "currency": self.form.text("currency"),
            "list_price": self.form.text("list_price"),
            "effective_from": self.form.date("effective_from"),
        }

    def problems(self) -> dict[str, str]:
        return check_price(self.raw())[1]

    def write(self, session: Session, overwrite: bool) -> None:
        add_price(session, self.product_id, self.raw())

    def effective(self) -> date:
        return self.form.date("effective_from")


class CorrectPriceDialog(FormDialog):
    """A new amount for a price no issued quote used (the page offers it only for those)."""

    noun = "price"

    labels = PRICE_LABELS

    def __init__(
        self, context: UiContext, db: Database, price: PriceRow, parent: QWidget | None = None
    ) -> None:
        when = price.effective_from.isoformat()
        heading = f"Correct the {price.currency} price of {price.sku} from {when}"
        super().__init__(context, db, f"Correct price — {price.sku}", heading, parent)
        self.setObjectName("correctPriceDialog")
        self.price = price
        self.note.setText(
            "No issued quote was priced from this price, so it may still be corrected. To change "
            "what the SKU costs from a day on, add a new price instead."
        )
        self.note.show()
        line = _line(amount_text(price.list_price, price.currency))
        self.form.add("list_price", "List &price", line, 0)
        line.selectAll()
        line.setFocus()

    def problems(self) -> dict[str, str]:
        raw = {"currency": self.price.currency, "list_price": self.form.text("list_price"),
               "effective_from": self.price.effective_from}  # fmt: skip
        errors = check_price(raw)[1]
        return {"list_price": errors["list_price"]} if "list_price" in errors else {}

    def write(self, session: Session, overwrite: bool) -> None:
        text = self.form.text("list_price")
        correct_price(session, self.price.id, self.price.version, text, overwrite)


class TierDialog(FormDialog):
    """The discount of one partner tier off list price."""

    noun = "tier discount"

    labels = MappingProxyType({"discount_pct": "Discount %"})
    kinds = frozenset({RecordKind.TIER, RecordKind.PARTNER, RecordKind.PRICE_BOOK})

    def __init__(
        self, context: UiContext, db: Database, tier: TierRow, parent: QWidget | None = None
    ) -> None:
        title = f"{tier.name} tier"
        super().__init__(context, db, title, f"Discount of the {tier.name} tier", parent)
        self.setObjectName("tierDialog")
        self.tier = tier
        line = _line(format_setting(tier.discount_pct.normalize()), "0 to 100, e.g. 12.5")
        self.form.add("discount_pct", "&Discount %", line, 0)
        line.selectAll()
        line.setFocus()

    def problems(self) -> dict[str, str]:
        problem = percent_problem(self.form.text("discount_pct"))
        return {"discount_pct": problem} if problem else {}

    def write(self, session: Session, overwrite: bool) -> None:
        set_tier_discount(session, self.tier, self.form.text("discount_pct"), overwrite)

    def reload(self) -> None:
        with self.db.reading() as session:
            found = [t for t in list_tiers(session) if t.id == self.tier.id]
        if found:
            self.tier = found[0]
            line = self.form.widgets["discount_pct"]
            assert isinstance(line, QLineEdit)
            line.setText(format_setting(self.tier.discount_pct.normalize()))


#: The settings' labels with an Alt+letter each.
_MNEMONICS = {
    "deal_reg_discount_pct": "&Deal registration discount %",
    "approval_limit_pct": "&Approval limit %",
    "default_tax_rate_pct": "Default &tax rate %",
    "quote_validity_days": "&Quote validity days",
}


class SettingsDialog(FormDialog):
    """The settings every quote is priced with."""

    noun = "pricing setup"

    labels = SETTING_LABELS
    kinds = frozenset({RecordKind.SETTING, RecordKind.PRICE_BOOK})

    def __init__(
        self, context: UiContext, db: Database, opened: SettingsRow, parent: QWidget | None = None
    ) -> None:
        title = "Pricing settings"
        super().__init__(context, db, title, title, parent)
        self.setObjectName("pricingSettingsDialog")
        self.opened = opened
        hints = ("0 to 100", "0 to 100", "0 to 100, up to 4 decimals", "1 to 3650")
        for row, key in enumerate(SETTING_LABELS):
            self.form.add(key, _MNEMONICS[key], _line(placeholder=hints[row]), row)
        self._show(opened)
        self.form.widgets["deal_reg_discount_pct"].setFocus()  # not the Save button

    def _show(self, row: SettingsRow) -> None:
        self.form.blockSignals(True)
        for key in SETTING_LABELS:
            line = self.form.widgets[key]
            assert isinstance(line, QLineEdit)
            value = getattr(row, key)
            line.setText(str(value) if isinstance(value, int) else format_setting(value))
        self.form.blockSignals(False)

    def raw(self) -> dict[str, str]:
        return {key: self.form.text(key) for key in SETTING_LABELS}

    def problems(self) -> dict[str, str]:
        return check_settings(self.raw())[1]

    def write(self, session: Session, overwrite: bool) -> None:
        save_settings(session, self.opened, self.raw(), overwrite)

    def reload(self) -> None:
        with self.db.reading() as session:
            self.opened = pricing_settings(session)
        self._show(self.opened)
