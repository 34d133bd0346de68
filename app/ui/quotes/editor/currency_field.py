"""The quote's currency: one of the currencies the price book has prices in, picked from a list
(a quote in a currency without prices cannot be priced), and until the user picks one, the
currency of the account's country, else of the partner's."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox, QWidget

from app.domain.local_currency import country_currency

FALLBACK = "EUR"


class CurrencyField(QComboBox):
    """``code()`` is the chosen currency; ``suggest`` follows the record until the user picks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("currency")
        self.setAccessibleName("Currency")
        self.picked = False  # the user chose one: the record no longer decides
        self.activated.connect(self._picked)

    def offer(self, currencies: Iterable[str]) -> None:
        """The currencies to pick from; the first is chosen (EUR when the book has none)."""
        codes = list(dict.fromkeys(currencies)) or [FALLBACK]
        self.blockSignals(True)
        self.clear()
        self.addItems(codes)
        self.setCurrentIndex(codes.index(FALLBACK) if FALLBACK in codes else 0)
        self.blockSignals(False)

    def codes(self) -> list[str]:
        return [self.itemText(i) for i in range(self.count())]

    def code(self) -> str:
        return self.currentText()

    def set_code(self, code: str) -> None:
        """Show ``code`` (a stored quote's), adding it when the book no longer has it."""
        if self.findText(code) < 0:
            self.addItem(code)
        self.setCurrentIndex(self.findText(code))

    def suggest(self, countries: Iterable[str | None]) -> None:
        """The currency of the first of ``countries`` the book has, unless the user picked."""
        if self.picked:
            return
        for country in countries:
            code = country_currency(country)
            if code is not None and self.findText(code) >= 0:
                if code != self.code():
                    self.setCurrentIndex(self.findText(code))
                return

    def _picked(self, _index: int) -> None:
        self.picked = True
