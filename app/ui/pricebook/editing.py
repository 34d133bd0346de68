"""What the price book page does when the user edits: it opens the right editor, modeless, for
the selected SKU or tier, and imports or exports the whole book. Kept apart from the page's
layout and loading so each file has one job."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from app.domain.money import format_percent
from app.services.pricebook.edit import get_product
from app.services.pricebook.read import PriceRow, ProductRow, SettingsRow, TierRow
from app.services.store import Database
from app.ui.context import UiContext
from app.ui.open_dialogs import OpenDialogs
from app.ui.pricebook.breaks_dialog import BreaksDialog
from app.ui.pricebook.dialogs import (
    CorrectPriceDialog,
    PriceDialog,
    ProductDialog,
    SettingsDialog,
    TierDialog,
)
from app.ui.pricebook.files import PriceBookFiles
from app.ui.record_table import RecordTable


class PriceBookEditing:
    """Mixed into ``PriceBookPage`` (a ``QWidget``), which provides these attributes."""

    _db: Database | None
    context: UiContext
    products: RecordTable
    prices: RecordTable
    breaks: RecordTable
    tiers: RecordTable
    families: list[str]
    settings_row: SettingsRow | None
    dialogs: OpenDialogs[QDialog]
    files: PriceBookFiles

    if TYPE_CHECKING:  # provided by QWidget and by the page; never shadow them at run time

        def window(self) -> QWidget: ...

        def selected_product(self) -> ProductRow | None: ...

    def keep(self, dialog: QDialog) -> QDialog:
        """Show a modeless editor and forget it once closed."""
        return self.dialogs.show(dialog)

    def new_product(self) -> ProductDialog | None:
        if self._db is None:
            return None
        dialog = ProductDialog(self.context, self._db, None, self.families, self.window())
        self.keep(dialog)
        return dialog

    def edit_product(self) -> ProductDialog | None:
        product = self.selected_product()
        if self._db is None or product is None:
            return None
        with self._db.reading() as session:
            opened = get_product(session, product.id)
        dialog = ProductDialog(self.context, self._db, opened, self.families, self.window())
        self.keep(dialog)
        return dialog

    def add_price(self) -> PriceDialog | None:
        product = self.selected_product()
        if self._db is None or product is None:
            return None
        currencies = list(dict.fromkeys(r.currency for r in self.prices.records.rows()))
        label = f"{product.sku} — {product.name}"
        dialog = PriceDialog(self.context, self._db, product.id, label, currencies, self.window())
        self.keep(dialog)
        return dialog

    def selected_price(self) -> PriceRow | None:
        chosen = self.prices.selectionModel().selectedRows()
        return self.prices.records.row_at(chosen[0].row()) if chosen else None

    def correct_price(self) -> CorrectPriceDialog | None:
        price = self.selected_price()
        if self._db is None or price is None or price.used:
            return None
        dialog = CorrectPriceDialog(self.context, self._db, price, self.window())
        self.keep(dialog)
        return dialog

    def edit_breaks(self) -> BreaksDialog | None:
        product = self.selected_product()
        if self._db is None or product is None:
            return None
        family = [r for r in self.breaks.records.rows() if r.applies_to == "Family"]
        shown = ", ".join(f"{r.min_qty}+: {format_percent(r.discount_pct)}" for r in family)
        note = (
            f"Family {product.family}: {shown or 'no breaks'}. A SKU break applies from its "
            "quantity on; below the SKU's first break the family's applies."
            if product.family
            else "This SKU has no family: only its own breaks apply."
        )
        dialog = BreaksDialog(self.context, self._db, product.id, product.sku, note, self.window())
        self.keep(dialog)
        return dialog

    def edit_family_breaks(self) -> BreaksDialog | None:
        product = self.selected_product()
        if self._db is None or product is None or product.family_id is None:
            return None
        family = product.family or ""
        note = (
            f"These breaks apply to every SKU of {family} that has no break of its own at the "
            "quantity ordered."
        )
        dialog = BreaksDialog(
            self.context, self._db, product.family_id, family, note, self.window(),
            of_family=True,
        )  # fmt: skip
        self.keep(dialog)
        return dialog

    def selected_tier(self) -> TierRow | None:
        chosen = self.tiers.selectionModel().selectedRows()
        return self.tiers.records.row_at(chosen[0].row()) if chosen else None

    def edit_tier(self) -> TierDialog | None:
        tier = self.selected_tier()
        if self._db is None or tier is None:
            return None
        dialog = TierDialog(self.context, self._db, tier, self.window())
        self.keep(dialog)
        return dialog

    def edit_settings(self) -> SettingsDialog | None:
        if self._db is None or self.settings_row is None:
            return None
        dialog = SettingsDialog(self.context, self._db, self.settings_row, self.window())
        self.keep(dialog)
        return dialog

    def import_file(self) -> None:
        if self._db is not None:
            self.files.import_file(self._db)

    def export_file(self) -> None:
        if self._db is not None:
            self.files.export_file(self._db)
