"""A page's keyboard shortcut, bound and described in one call.

Every shortcut a page binds carries what it does (its ``whatsThis``), so Help › Keyboard
shortcuts and ``docs/keyboard.md`` list it from the bound shortcuts themselves: a key added
without a description, or a list that says something else, fails a test instead of going
unnoticed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

Keys = QKeySequence | QKeySequence.StandardKey | Qt.Key | str


def bind(
    owner: QWidget,
    keys: Keys,
    slot: Callable[[], object],
    what: str,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
) -> QShortcut:
    """``keys`` run ``slot`` while focus is in ``owner`` (or on it alone, with
    ``WidgetShortcut``); ``what`` says what for the keyboard list ("New partner")."""
    shortcut = QShortcut(owner)
    if isinstance(keys, QKeySequence.StandardKey):
        shortcut.setKeys(keys)  # every binding of the platform
    else:
        shortcut.setKey(QKeySequence(keys))
    shortcut.setContext(context)
    shortcut.setWhatsThis(what)
    shortcut.activated.connect(slot)
    return shortcut
