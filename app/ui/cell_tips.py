"""Tooltips of table cells: the model's own explanation, else the whole text of a cell that is
drawn cut off ("Redline Managed Serv…").

Whether a cell is cut off is decided as the view draws it: the text's width in the cell's font
against the room the style leaves for text in the column as it is now, never by counting
characters (twelve narrow letters fit where six wide ones do not).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

Index = QModelIndex | QPersistentModelIndex


def cut_off(view: QAbstractItemView, index: Index) -> bool:
    """Whether the cell's text is wider than the room it is drawn in (so it is elided)."""
    if not index.isValid():
        return False
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)  # protected: callable on our own subclasses
    option.rect = view.visualRect(index)
    delegate = view.itemDelegateForIndex(index)
    if isinstance(delegate, QStyledItemDelegate):
        delegate.initStyleOption(option, index)
    else:
        option.text = str(index.data() or "")
    style = view.style()
    room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view).width()
    room -= 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, view) + 1)
    return option.fontMetrics.horizontalAdvance(option.text) > room


def cell_tip(view: QAbstractItemView, index: Index) -> str:
    """The model's own tip for a cell (an explanation), else its text when it is cut off."""
    if not index.isValid():
        return ""
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    if tip:
        return str(tip)
    return str(index.data() or "") if cut_off(view, index) else ""


def show_cell_tip(view: QAbstractItemView, event: QEvent) -> bool:
    """Answer a tooltip event on ``view``'s viewport; False for any other event."""
    if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
        return False
    index = view.indexAt(event.pos())
    tip = cell_tip(view, index)
    if tip:
        QToolTip.showText(event.globalPos(), tip, view.viewport(), view.visualRect(index))
    else:
        QToolTip.hideText()
        event.ignore()
    return True
