"""The price book page: SKUs with their family on the left; the selected SKU's prices per
currency (full history, the price in force today in bold on green, future prices in blue) and
the volume breaks that apply to it on the right; tiers and the pricing settings below.

Keys: Ctrl+N adds a product, Enter edits the selected one, Ctrl+P adds a dated price to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.columns import Column
from app.domain.money import format_percent
from app.services.pricebook.read import (
    BREAK_COLUMNS,
    PRICE_COLUMNS,
    PRICE_HISTORY_COLUMNS,
    PRODUCT_COLUMNS,
    TIER_COLUMNS,
    ProductRow,
    SettingsRow,
    TierRow,
    family_names,
    list_breaks,
    list_prices,
    list_products,
    list_tiers,
    pricing_settings,
)
from app.services.pricebook.rules import SETTING_LABELS
from app.services.store import Session
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.open_dialogs import OpenDialogs
from app.ui.operations import IsCancelled, Progress
from app.ui.page_base import Page, Reader, plural, table_count
from app.ui.page_scroll import page_scroll
from app.ui.pricebook.editing import PriceBookEditing
from app.ui.pricebook.files import PriceBookFiles
from app.ui.pricebook.widgets import PriceHistoryModel
from app.ui.record_table import RecordTable
from app.ui.sections import button, section, splitter
from app.ui.shortcuts import bind


class PriceBookRead(NamedTuple):
    """What the page reads in the background."""

    products: Sequence[ProductRow]
    tiers: Sequence[TierRow]
    settings: SettingsRow
    families: list[str]


class PriceBookPage(PriceBookEditing, Page):
    key = "pricebook"
    title = "Price book"
    icon_name = "pricebook"
    loading_text = "Reading the price book…"
    kinds = frozenset({RecordKind.PRICE_BOOK, RecordKind.TIER, RecordKind.SETTING,
                       RecordKind.QUOTE})  # fmt: skip

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.products = RecordTable("products", PRODUCT_COLUMNS)
        self.products.setSelectionMode(RecordTable.SelectionMode.SingleSelection)
        history = PriceHistoryModel(PRICE_HISTORY_COLUMNS)
        self.prices = RecordTable("product_prices", PRICE_HISTORY_COLUMNS, model=history)
        history.setParent(self.prices)
        self.breaks = RecordTable("product_breaks", BREAK_COLUMNS)
        self.tiers = RecordTable("tiers", TIER_COLUMNS)
        self.products.empty_text = (
            "No products yet. Add a SKU with New product (Ctrl+N), or import a price book."
        )
        self.prices.empty_text = "Select a product to see its prices."
        self.breaks.empty_text = "No volume breaks for this product."
        self.tiers.setSelectionMode(RecordTable.SelectionMode.SingleSelection)
        self.new_product_button = button("&New product", "newProduct", "Add a SKU (Ctrl+N)")
        self.edit_product_button = button("&Edit…", "editProduct", "Edit the selected SKU (Enter)")
        self.add_price_button = button(
            "&Add price…", "addPrice", "Add a dated price to the selected SKU (Ctrl+P)"
        )
        self.family_breaks_button = button(
            "Famil&y…", "editFamilyBreaks", "Edit the volume breaks of this SKU's product family"
        )
        self.correct_button = button(
            "&Correct…",
            "correctPrice",
            "Correct the selected price: only one no issued quote was priced from",
        )
        self.breaks_button = button(
            "S&KU…", "editBreaks", "Edit the volume breaks of this SKU itself"
        )
        self.tier_button = button("Edit &discount…", "editTier", "Change the tier's discount")
        self.settings_button = button(
            "Edit &settings…", "editSettings", "Change the pricing settings"
        )
        self.files = PriceBookFiles(self, context, self.say)
        self.import_button = button(
            "&Import…",
            "importPricebook",
            "Import a price book workbook (Prices, Tiers, Volume, "
            "Settings); you see what it would change first",
        )
        self.export_button = button(
            "E&xport…", "exportPricebook", "Write the price book to a workbook the import reads"
        )
        self.header.insertWidget(self.header.count() - 1, self.import_button)
        self.header.insertWidget(self.header.count() - 1, self.export_button)
        self.product_heading = QLabel("Select a SKU to see its prices")
        self.product_heading.setObjectName("sectionTitle")
        self.product_heading.setWordWrap(True)
        self.legend = QLabel(
            "<span style='background:#e3f4e8'><b>&nbsp;in force today&nbsp;</b></span>&nbsp; "
            "<i style='color:#1d4ed8'>future</i>&nbsp; <span style='color:#64748b'>superseded"
            "</span>"
        )
        self.legend.setObjectName("priceLegend")
        self.legend.setWordWrap(True)
        self.settings_labels: dict[str, QLabel] = {}
        self._build()
        self.dialogs: OpenDialogs[QDialog] = OpenDialogs()
        self.selected_id: int | None = None
        self.settings_row: SettingsRow | None = None
        self.families: list[str] = []
        self._connect()

    def _build(self) -> None:
        """Left: the SKUs, and the tiers under them. Right: the selected SKU's prices and
        breaks, and the pricing settings under them. The SKU's prices get the height."""
        products_box, self.products_title = section(
            "Pr&oducts", self.products, [self.new_product_button, self.edit_product_button]
        )
        tiers_box, _ = section("Tie&rs", self.tiers, [self.tier_button])
        prices_box, _ = section(
            "&Prices", self.prices, [self.correct_button, self.add_price_button]
        )
        prices_box.layout().addWidget(self.legend)  # type: ignore[union-attr]
        breaks_box, _ = section(
            "&Volume breaks", self.breaks, [self.family_breaks_button, self.breaks_button]
        )
        settings = QWidget()
        form = QFormLayout(settings)
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(4)
        for key, label in SETTING_LABELS.items():
            value = QLabel("")
            value.setObjectName(f"setting_{key}")
            self.settings_labels[key] = value
            form.addRow(label, value)
        settings_box, _ = section("Pricing settings", settings, [self.settings_button])
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(14)
        left_layout.addWidget(products_box, 1)
        left_layout.addWidget(tiers_box, 0)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(10)
        right_layout.addWidget(self.product_heading)
        right_layout.addWidget(prices_box, 3)
        right_layout.addWidget(breaks_box, 2)
        right_layout.addWidget(settings_box, 0)
        self.splitter = splitter(
            Qt.Orientation.Horizontal, "pricebookSplitter", [(left, 1), (right, 1)]
        )
        self.remember_splitter(self.splitter)
        # Each table keeps a few rows in view; a window too short for them all scrolls the
        # page rather than squeezing the prices down to a single row.
        for table, rows in ((self.products, 5), (self.prices, 3), (self.breaks, 2)):
            table.setMinimumHeight(table.rows_height(rows, bar=True))
        self.body.addWidget(page_scroll(self.splitter, "pricebookScroll", "Price book"))

    def _connect(self) -> None:
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.new_product_button.clicked.connect(self.new_product)
        self.edit_product_button.clicked.connect(self.edit_product)
        self.add_price_button.clicked.connect(self.add_price)
        self.breaks_button.clicked.connect(self.edit_breaks)
        self.correct_button.clicked.connect(self.correct_price)
        self.family_breaks_button.clicked.connect(self.edit_family_breaks)
        self.prices.selectionModel().selectionChanged.connect(lambda *_: self._price_chosen())
        self.prices.activated.connect(lambda _index: self.correct_price())
        self.tier_button.clicked.connect(self.edit_tier)
        self.settings_button.clicked.connect(self.edit_settings)
        self.products.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.products.activated.connect(lambda _index: self.edit_product())
        self.tiers.activated.connect(lambda _index: self.edit_tier())
        self.products.menu.add("&Edit SKU…", self.edit_product, default=True, shortcut="Return")
        self.products.menu.add("Add &price…", self.add_price, shortcut="Ctrl+P")
        self.products.menu.add("Volume &breaks…", self.edit_breaks)
        self.prices.menu.add("&Correct…", self.correct_price, default=True)
        self.tiers.menu.add("Edit &discount…", self.edit_tier, default=True)
        bind(self, "Ctrl+N", self.new_product, "New SKU")
        bind(self, "Ctrl+P", self.add_price, "New price for the selected SKU")
        bind(
            self.products,
            Qt.Key.Key_Return,
            self.edit_product,
            "Edit the selected SKU",
            Qt.ShortcutContext.WidgetShortcut,
        )

    # --- loading -------------------------------------------------------------------------

    def reader(self) -> Reader:
        """Every product, the tiers and the settings: in the background."""

        def read(session: Session, _progress: Progress, _cancelled: IsCancelled) -> PriceBookRead:
            return PriceBookRead(
                list_products(session),
                list_tiers(session),
                pricing_settings(session),
                family_names(session),
            )

        return read

    def show_read(self, result: PriceBookRead) -> None:
        keep = self.selected_id
        self.products.records.set_rows(result.products)
        self.tiers.records.set_rows(result.tiers)
        self._fit_tiers()
        self.settings_row = result.settings
        for key, label in self.settings_labels.items():
            value = getattr(self.settings_row, key)
            label.setText(f"{value} days" if isinstance(value, int) else format_percent(value))
        self.families = result.families
        self.select_product(keep)
        if self._db is not None:  # one SKU's prices: a short read
            with self._db.reading() as session:
                self._load_detail(session)

    def _fit_tiers(self) -> None:
        """Tiers are few: their table is as tall as its rows (up to 8), never taller, and may
        scroll in a small window, where the SKU's prices need the room more."""
        self.tiers.fit_height_to_rows(8)
        rows_height = self.tiers.height()
        self.tiers.setMinimumHeight(self.tiers.horizontalHeader().sizeHint().height() + 64)
        self.tiers.setMaximumHeight(rows_height)

    def select_product(self, product_id: int | None) -> None:
        """Select the SKU ``product_id`` (or the first one) in the products table."""
        rows = self.products.records.rows()
        if not rows:
            self.selected_id = None
            return
        at = next((n for n, r in enumerate(rows) if r.id == product_id), 0)
        self.products.selectionModel().blockSignals(True)
        self.products.selectRow(at)
        self.products.selectionModel().blockSignals(False)
        self.selected_id = rows[at].id

    def selected_product(self) -> ProductRow | None:
        chosen = self.products.selectionModel().selectedRows()
        return self.products.records.row_at(chosen[0].row()) if chosen else None

    def _selected(self) -> None:
        product = self.selected_product()
        self.selected_id = product.id if product else None
        if self._db is not None:
            with self._db.reading() as session:
                self._load_detail(session)

    def _load_detail(self, session: Session) -> None:
        product = next((r for r in self.products.records.rows() if r.id == self.selected_id), None)
        has = product is not None
        for needs_sku in (self.edit_product_button, self.add_price_button, self.breaks_button):
            needs_sku.setEnabled(has)
        self.family_breaks_button.setEnabled(product is not None and product.family_id is not None)
        if product is None:
            self.prices.records.set_rows([])
            self._price_chosen()
            self.breaks.records.set_rows([])
            self.product_heading.setText("Select a SKU to see its prices")
            return
        today = self.context.today()
        self.prices.records.set_rows(list_prices(session, today, product.id))
        self._price_chosen()
        self.breaks.records.set_rows(list_breaks(session, product.id))
        family = f" · {product.family}" if product.family else " · no family"
        self.product_heading.setText(f"{product.sku} — {product.name}{family}")

    def _price_chosen(self) -> None:
        """Correct… only for a price no issued quote used; the tooltip says why not."""
        price = self.selected_price()
        self.correct_button.setEnabled(price is not None and not price.used)
        if price is not None and price.used:
            self.correct_button.setToolTip(
                "Issued quotes were priced from this price: add a new dated price instead"
            )
        else:
            self.correct_button.setToolTip(
                "Correct the selected price: only one no issued quote was priced from"
            )

    def count_text(self) -> str:
        products = table_count(self.products, "product", "products")
        self.products_title.setText(f"Pr&oducts · {products}")
        return f"{products} · {plural(self.tiers.records.total_count, 'tier', 'tiers')}"

    def apply_filter(self, text: str) -> None:
        self.products.records.set_filter(text)
        self.update_count()

    def export_source(self) -> tuple[str, Sequence[Any], Sequence[Column[Any]]] | None:
        if self._db is None:
            return None
        with self._db.reading() as session:
            rows = list_prices(session, self.context.today())
        return ("Prices", rows, PRICE_COLUMNS)
