"""Every menu command of the main window, declared in one place with its shortcut and icon.

The window connects them to handlers; tests trigger them by name (``actions.backup.trigger()``)
exactly as the menu would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from app.ui.resources import icon


@dataclass
class Actions:
    new_database: QAction
    open_database: QAction
    open_recent: QMenu
    backup: QAction
    import_records: QAction
    export_records: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    reload: QAction
    guide: QAction
    shortcuts: QAction
    about: QAction
    pages: list[QAction] = field(default_factory=list)


def _action(
    parent: QWidget,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    icon_name: str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, parent)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)  # every binding of the platform (Redo: Ctrl+Y too)
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if icon_name:
        action.setIcon(icon(icon_name))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    return action


#: Areas with a Ctrl+digit key of their own: Ctrl+1 to Ctrl+9, then Ctrl+0 for the tenth, as
#: the digits run along the keyboard (there is no Ctrl+10).
KEYED_PAGES = 10


def page_key(n: int, menu_text: str) -> str:
    """The key that shows the ``n``-th area (from 1). After the tenth, the digits are spent:
    Ctrl+Shift and the area's letter in the Go menu ("Pro&gram": Ctrl+Shift+G), a letter
    because Shift turns a digit into another sign on most keyboards."""
    if 1 <= n <= KEYED_PAGES:
        return f"Ctrl+{n % 10}"
    return f"Ctrl+Shift+{menu_letter(menu_text).upper()}"


def menu_letter(menu_text: str) -> str:
    """The letter after the single "&" of a menu text ("&&" is a plain "&")."""
    plain = menu_text.replace("&&", "")
    at = plain.index("&")
    return plain[at + 1]


def create_actions(parent: QWidget, pages: Sequence[tuple[str, str, str]]) -> Actions:
    """The window's actions; ``pages`` are (menu text, title, icon name) in navigation order
    (Ctrl+1 to Ctrl+9 and Ctrl+0, then Ctrl+Shift and the Go menu's letter)."""
    key = QKeySequence.StandardKey
    actions = Actions(
        new_database=_action(
            # Ctrl+N is left to the pages: it makes a new partner, course, claim…
            parent,
            "&New database…",
            "Ctrl+Shift+N",
            "database",
            "Start an empty database file",
        ),
        open_database=_action(
            parent, "&Open database…", key.Open, None, "Open another database file"
        ),
        open_recent=QMenu("Open &recent", parent),
        backup=_action(
            parent, "&Backup…", "Ctrl+Shift+B", "backup", "Write a copy of the database"
        ),
        import_records=_action(
            parent, "&Import…", "Ctrl+I", "import", "Import partners and more from a workbook"
        ),
        export_records=_action(
            parent, "&Export…", "Ctrl+E", "export", "Export this page's table to .xlsx or .csv"
        ),
        quit=_action(parent, "&Quit", "Ctrl+Q", None, "Close Channel Desk"),
        undo=_action(parent, "&Undo", key.Undo),
        redo=_action(parent, "&Redo", key.Redo),
        reload=_action(
            parent,
            "&Reload",
            "F5",
            None,
            "Read every page again: what others saved meanwhile comes into view",
        ),
        guide=_action(parent, "&Guide", key.HelpContents, None, "A short guide to each area"),
        shortcuts=_action(
            parent, "&Keyboard shortcuts", "Ctrl+/", None, "Every key and what it does"
        ),
        about=_action(parent, "&About Channel Desk", None, "app"),
    )
    actions.undo.setWhatsThis("Undo the last saved edit on this page (Edit names it)")
    actions.redo.setWhatsThis("Redo what was undone")
    for n, (text, title, icon_name) in enumerate(pages, start=1):
        page = _action(parent, text, page_key(n, text), icon_name, f"Show {title}")
        page.setCheckable(True)
        actions.pages.append(page)
    return actions


def build_menus(menu_bar: QMenuBar, actions: Actions) -> None:
    file_menu = menu_bar.addMenu("&File")
    file_menu.addAction(actions.new_database)
    file_menu.addAction(actions.open_database)
    file_menu.addMenu(actions.open_recent)
    file_menu.addSeparator()
    file_menu.addAction(actions.backup)
    file_menu.addSeparator()
    file_menu.addAction(actions.import_records)
    file_menu.addAction(actions.export_records)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit_menu = menu_bar.addMenu("Edi&t")
    edit_menu.addAction(actions.undo)
    edit_menu.addAction(actions.redo)
    go_menu = menu_bar.addMenu("&Go")
    go_menu.addAction(actions.reload)
    go_menu.addSeparator()
    for page in actions.pages:
        go_menu.addAction(page)
    help_menu = menu_bar.addMenu("&Help")
    help_menu.addAction(actions.guide)
    help_menu.addAction(actions.shortcuts)
    help_menu.addSeparator()
    help_menu.addAction(actions.about)
