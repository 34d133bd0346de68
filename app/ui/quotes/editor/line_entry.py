"""The quote editor's line entry: SKU, quantity, special discount, Add line and Remove line.

The SKU field offers "SKU — name" entries. Enter on a suggestion (or on a typed SKU or name)
settles the product and moves on to the quantity; it never adds a line by itself, so a second
Enter cannot add the same line twice. What is typed must name exactly one product
(``app.domain.product_pick``), else the reason shows beside the field and no line is added.
Return in the quantity or the special discount adds the line.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from app.domain.errors import InputError
from app.domain.pricing import MAX_QUANTITY, LineRequest
from app.domain.product_pick import ENTRY_SEPARATOR, entry, pick_sku
from app.domain.quote_spec import special_discount
from app.ui.completing import offer
from app.ui.field_box import ProblemLine

RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
#: A new database has no price book: the quote can have no line until it has products.
NO_PRODUCTS = (
    "The price book has no products yet: add them on the Price book page, or import a price "
    "book there, then quote them."
)
NO_PRODUCTS_PLACEHOLDER = "No products yet: add them on the Price book page"


class LineEntry(QObject):
    """The entry fields and their rules; the editor lays them out and keeps the lines."""

    #: A line to add, read by the quote spec's rules.
    line_wanted = Signal(object)
    #: A problem with the special discount, for the editor's list of problems.
    refused = Signal(str)

    def __init__(self, products: Sequence[tuple[str, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.products = list(products)
        self.sku = QLineEdit()
        self.sku.setObjectName("sku")
        self.sku.setPlaceholderText(
            "Type a SKU or part of its name" if products else NO_PRODUCTS_PLACEHOLDER
        )
        completer = offer(self.sku, [entry(sku, name) for sku, name in products])
        completer.activated.connect(lambda text: self.sku.setText(text.split(ENTRY_SEPARATOR)[0]))
        self.suggestions = completer.popup()
        assert self.suggestions is not None  # a completer makes its list when asked for it
        self.suggestions.installEventFilter(self)
        self.qty = QSpinBox()
        self.qty.setObjectName("qty")
        self.qty.setRange(1, MAX_QUANTITY)
        self.qty.installEventFilter(self)
        self.special = QLineEdit()
        self.special.setObjectName("special")
        self.special.setPlaceholderText("0")
        self.add_button = QPushButton("&Add line")
        self.add_button.setObjectName("addLine")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton("&Remove line")
        self.problem = ProblemLine()  # its line is kept even when empty: nothing moves
        self.problem.setObjectName("skuProblem")
        self.sku.returnPressed.connect(self.sku_entered)
        self.sku.textEdited.connect(lambda _text: self._say(""))
        self.special.returnPressed.connect(self.add)

    def row(self) -> QHBoxLayout:
        """The fields in one row, each with its label."""
        layout = QHBoxLayout()
        for text, widget, stretch in (
            ("S&KU", self.sku, 3),
            ("&Qty", self.qty, 0),
            ("Sp&ecial %", self.special, 1),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget, stretch)
        layout.addWidget(self.add_button)
        layout.addWidget(self.remove_button)
        return layout

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.sku, self.qty, self.add_button, self.remove_button):
            widget.setEnabled(enabled)
        self.special.setReadOnly(not enabled)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Return pressed in the quantity itself adds the line (not a Return that reached the
        dialog from another field after the focus moved here). Return on the open list of
        suggestions with none highlighted settles a typed SKU ("CD-301", its list still open) and
        goes on to the quantity, or says why it names no one product, instead of the list
        closing on it."""
        if (
            event.type() != QEvent.Type.KeyPress
            or not isinstance(event, QKeyEvent)
            or event.key() not in RETURN_KEYS
        ):
            return super().eventFilter(watched, event)
        if watched is self.qty:
            self.add()
            return True
        if watched is self.suggestions and not self.suggestions.currentIndex().isValid():
            if self.picked_sku() is not None:  # else the reason shows and the list stays
                self.suggestions.hide()
                self.sku_entered()
            return True
        return super().eventFilter(watched, event)

    def picked_sku(self) -> str | None:
        """The SKU the SKU field names, or ``None`` with the reason shown beside the field."""
        if not self.products:  # "pick one from the list" would point at an empty list
            self._say(NO_PRODUCTS)
            return None
        try:
            sku = pick_sku(self.sku.text(), self.products)
        except InputError as exc:
            self._say(str(exc))
            return None
        self._say("")
        return sku

    def _say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def sku_entered(self) -> None:
        """Enter in the SKU field: the product is settled, the quantity comes next."""
        completer = self.sku.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None and popup.isVisible():
            return  # the list takes this Enter: it picks the entry
        sku = self.picked_sku()
        if sku is not None:
            self.sku.setText(sku)
            self.qty.setFocus()
            self.qty.selectAll()

    def add(self) -> None:
        """Ask for the line the fields describe, then clear them for the next one."""
        if not self.sku.text().strip():
            return
        sku = self.picked_sku()
        if sku is None:
            self.sku.setFocus()
            return
        try:  # the quote spec's rule, so the editor and `quote create` take the same text
            request = LineRequest(sku, self.qty.value(), special_discount(self.special.text()))
        except InputError as exc:
            self.refused.emit(str(exc))
            return
        self.sku.clear()
        self.special.clear()
        self.qty.setValue(1)
        self.line_wanted.emit(request)
        self.sku.setFocus()
