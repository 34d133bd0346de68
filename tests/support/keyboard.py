"""Walking a window as a keyboard-only user and a screen reader see it.

``walk`` presses Tab (or Shift+Tab) until the focus comes back where it started and returns
every widget it passed; a table that never lets the focus go shows as a walk that does not come
back. ``controls`` are the widgets a person can act on (visible, enabled, taking Tab focus);
``name_of`` is what a screen reader says for one (Qt's accessibility interface, with buddy
labels); ``mnemonic_clashes`` lists the Alt+letter keys taken twice in one window or menu.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDateTimeEdit,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollBar,
    QTabBar,
    QWidget,
)

#: Tab presses before a walk is called stuck: more than any window here has stops.
LIMIT = 400


def controls(root: QWidget) -> list[QWidget]:
    """The widgets under ``root`` a person can reach with Tab and act on."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not (widget.isVisible() and widget.isEnabled()):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None or isinstance(widget, QScrollBar):
            continue  # the inner line edit of a spin box or a combo box: its owner counts
        found.append(widget)
    return found


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def walk(back: bool = False, limit: int = LIMIT) -> list[QWidget]:
    """Press Tab (Shift+Tab) from the focused widget until the focus goes round a loop; the
    widgets of that loop. A table's current cell counts, so a spreadsheet's cell-by-cell moves
    are steps, not a loop. Raises ``AssertionError`` when the loop never leaves one table."""
    assert focused() is not None, "nothing has the keyboard focus"
    stops: list[QWidget] = []
    seen: dict[tuple[int, ...], int] = {}
    for _ in range(limit):
        here = focused()
        assert here is not None, f"the focus was lost after {describe(stops[-1:])}"
        QTest.keyClick(here, Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab)
        QApplication.processEvents()
        now = focused()
        assert now is not None, f"the focus was lost after {describe([here])}"
        state = _state(now)
        if state in seen:
            loop = stops[seen[state] :]
            tables = {id(t) for t in map(_table_of, loop)}
            if len(loop) > 1 and len(tables) == 1 and None not in map(_table_of, loop):
                raise AssertionError(f"Tab never leaves {describe([_table_of(loop[0])])}")
            return loop
        seen[state] = len(stops)
        stops.append(now)
    raise AssertionError(f"Tab went round no loop: it stays in {describe(stops[-3:])}")


def _table_of(widget: QWidget) -> QWidget | None:
    """The item view that is ``widget`` or holds it (a cell's editor)."""
    while widget is not None:
        if isinstance(widget, QAbstractItemView):
            return widget
        widget = widget.parentWidget()
    return None


def _state(widget: QWidget) -> tuple[int, ...]:
    """Where the focus is: the widget, a table's current cell, a date box's part (Tab moves
    from the day to the month to the year before it leaves the box)."""
    if isinstance(widget, QDateTimeEdit):
        return (id(widget), widget.currentSectionIndex())
    table = _table_of(widget)
    if table is None or not isinstance(table, QAbstractItemView):
        return (id(widget),)
    current = table.currentIndex()
    return (id(table), current.row(), current.column())


def reached(stops: Iterable[QWidget]) -> set[int]:
    """Ids of the widgets a walk reached, counting the table that holds a cell's editor."""
    ids = set()
    for widget in stops:
        ids.add(id(widget))
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QAbstractItemView) and parent.viewport().isAncestorOf(widget):
                ids.add(id(parent))  # an editor inside a table: the table was reached
            parent = parent.parentWidget()
    return ids


def unreached(root: QWidget, back: bool = False) -> list[str]:
    """The controls under ``root`` a Tab (Shift+Tab) walk from the focused widget misses."""
    stops = walk(back)
    got = reached(stops)
    return [describe([w]) for w in controls(root) if id(w) not in got]


def name_of(widget: QWidget) -> str:
    """What a screen reader says the widget is."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def unnamed(root: QWidget) -> list[str]:
    return [describe([w]) for w in controls(root) if not name_of(w)]


def describe(widgets: Iterable[QWidget]) -> str:
    return ", ".join(
        f"{type(w).__name__} {w.objectName() or name_of(w) or '(nameless)'}" for w in widgets
    )


def mnemonic(text: str) -> str | None:
    """The Alt+letter of a text ("&Save" → "s"; "&&" is a plain ampersand)."""
    n = 0
    while n < len(text) - 1:
        if text[n] == "&":
            if text[n + 1] != "&":
                return text[n + 1].casefold()
            n += 1
        n += 1
    return None


def usable(letter: str | None) -> bool:
    """A letter or digit: "& Claims" would underline a space, which no key presses."""
    return letter is not None and letter.isalnum()


def window_mnemonics(window: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every mnemonic in view in ``window``: its buttons, buddy labels, group
    boxes, tabs and the titles of its menu bar."""
    found: list[tuple[str, str]] = []
    texts: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        # A disabled button counts too: its letter clashes as soon as it is enabled.
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if isinstance(widget, QAbstractButton) or labelled:
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts.extend(widget.tabText(n) for n in range(widget.count()) if widget.isTabEnabled(n))
    if isinstance(window, QMainWindow):
        texts.extend(a.text() for a in window.menuBar().actions() if a.isVisible())
    for text in texts:
        letter = mnemonic(text)
        if letter is not None:
            found.append((letter, text))
    return found


def clashes(pairs: Iterable[tuple[str, str]]) -> list[str]:
    by_letter: dict[str, list[str]] = defaultdict(list)
    for letter, text in pairs:
        by_letter[letter].append(text)
    return [f"Alt+{k.upper()}: {' / '.join(v)}" for k, v in by_letter.items() if len(v) > 1]


def menu_problems(menu: QMenu) -> list[str]:
    """Items of ``menu`` (and its submenus) without a mnemonic, and clashes within each."""
    problems: list[str] = []
    items = [a for a in menu.actions() if a.isVisible() and not a.isSeparator()]
    problems += [
        f"{menu.title()} › {a.text()}: no letter" for a in items if not usable(mnemonic(a.text()))
    ]
    problems += [
        f"{menu.title()}: {c}" for c in clashes((mnemonic(a.text()) or "", a.text()) for a in items)
    ]
    for action in items:
        sub = action.menu()
        if isinstance(sub, QMenu):
            problems += menu_problems(sub)
    return [p for p in problems if "Alt+:" not in p]


def menu_bar_menus(window: QMainWindow) -> list[QMenu]:
    menus = []
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            menus.append(menu)
    return menus


def buddies_missed(window: QWidget) -> list[str]:
    """Labels in view whose Alt+letter does not bring the focus to their buddy."""
    missed = []
    for label in window.findChildren(QLabel):
        buddy = label.buddy()
        letter = mnemonic(label.text())
        if buddy is None or not label.isVisible() or not usable(letter) or not buddy.isEnabled():
            continue
        assert letter is not None
        QTest.keyClick(window, letter, Qt.KeyboardModifier.AltModifier)
        QApplication.processEvents()
        now = focused()
        target = buddy.focusProxy() or buddy
        if now is not target and not target.isAncestorOf(now):
            missed.append(f"{label.text()} → {describe([buddy])} (focus on {describe([now])})")
    return missed
