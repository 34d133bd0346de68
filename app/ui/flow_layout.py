"""A layout that lays its widgets out in a row and starts a new row where the width runs out,
as words wrap in a paragraph (Qt's "Flow Layout" example).

A row of filters in a narrow window goes onto a second line instead of being cut off or
scrolled sideways; in a wide window it stays one line.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Widgets left to right, wrapping; ``spacing`` between them across and down. A widget
    added with ``add_trailing`` goes last and sits at the right end of its line (buttons after
    a row of filters)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._trailing: QLayoutItem | None = None
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def add_trailing(self, widget: QWidget) -> None:
        self.addWidget(widget)
        self._trailing = self._items[-1]

    # --- the item list QLayout asks for ------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        if item is self._trailing:
            self._trailing = None
        return item

    # --- sizes -------------------------------------------------------------------------------

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        shown = self._shown()
        width = sum(i.sizeHint().width() for i in shown) + self._spacing * max(len(shown) - 1, 0)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width, height) + self._margin_size()

    def minimumSize(self) -> QSize:
        """The widest single item: anything narrower would cut it."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size + self._margin_size()

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    # --- placing ---------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        """The visible items, the trailing one last."""
        shown = [item for item in self._items if not item.isEmpty() and item is not self._trailing]
        if self._trailing is not None and not self._trailing.isEmpty():
            shown.append(self._trailing)
        return shown

    def _margin_size(self) -> QSize:
        m: QMargins = self.contentsMargins()
        return QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in ``rect`` (only measure unless ``move``), each centred on its
        line's height; the height used."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        lines: list[list[tuple[QLayoutItem, int, int]]] = [[]]  # (item, x, width)
        x = area.x()
        for item in self._shown():
            width = min(item.sizeHint().width(), area.width()) if area.width() > 0 else 0
            width = max(width, item.minimumSize().width())
            if lines[-1] and x + width > area.x() + area.width():
                lines.append([])
                x = area.x()
            if item is self._trailing:
                x = max(x, area.x() + area.width() - width)
            lines[-1].append((item, x, width))
            x += width + self._spacing
        y = area.y()
        for line in lines:
            height = max((item.sizeHint().height() for item, _x, _w in line), default=0)
            if move:
                for item, left, width in line:
                    own = item.sizeHint().height()
                    top = y + (height - own) // 2
                    item.setGeometry(QRect(QPoint(left, top), QSize(width, own)))
            y += height + self._spacing
        return y - self._spacing - rect.y() + m.bottom()
