"""A one-line label that gives way in a narrow window: its text ends in "…" instead of
widening the window (the full text is its tooltip)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """Asks for room for its whole text, but makes do with ``shortest`` pixels."""

    def __init__(self, text: str = "", shortest: int = 48, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.shortest = shortest
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text.replace("&&", "\0").replace("&", "").replace("\0", "&"))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.shortest, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = self.contentsRect()
        mnemonic = Qt.TextFlag.TextShowMnemonic  # "&Prices": P underlined, Alt+P its buddy
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, area.width(), int(mnemonic)
        )
        painter.drawText(area, int(self.alignment()) | int(mnemonic), shown)
