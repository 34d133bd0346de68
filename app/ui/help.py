"""Help › Guide and Help › Keyboard shortcuts, and the keyboard list in ``docs/keyboard.md``.

The keyboard list is read from what the window binds: its menu actions, then each page's
shortcuts with the description they were bound with (``app.ui.shortcuts.bind``). The help
window and the page in ``docs/`` are both made by ``keyboard_markdown``, and a test holds the
page to it, so the list never disagrees with the keys. To write the page again::

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m app.ui.help > docs/keyboard.md
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app import APP_NAME
from app.ui.page_list import PAGES
from app.ui.record_table import SORT_KEY

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

#: Keys every table and dialog shares, bound by Qt or by the shared widgets.
TABLE_KEYS = (
    ("Ctrl+C", "Copy the selected rows, to paste into a spreadsheet"),
    ("Menu, Shift+F10", "The selected row's commands (as a right click does)"),
    ("Up, Down, Page Up, Page Down", "Move through the rows"),
    ("Left, Right", "Move between the columns"),
    (SORT_KEY, "Sort by the current column; again to reverse the order"),
    ("Tab, Shift+Tab", "Leave the table for the next (or previous) control"),
    ("Tab in a table you type into", "The next cell; after the last cell, the next control"),
)
DIALOG_KEYS = (
    ("Ctrl+S", "Save (in a dialog that edits a record)"),
    ("Escape", "Close the dialog"),
)

GUIDE = f"""
<h2>{APP_NAME} in five minutes</h2>
<p>Each area of your work has a page, listed on the left (Ctrl+1, Ctrl+2 and so on, Ctrl+0 for the
tenth, Ctrl+Shift+G for Program; the Go menu lists them all). The box at the top
right of a page narrows its table as you type. Double-click a row, or press Enter, to open it;
right-click a row for everything you can do with it.</p>
<ul>
<li><b>Partners</b>: every partner with its Partner ID, tier and status. New partner (Ctrl+N);
Change status; a partner's window has its contacts, training, claims, deals and quotes.</li>
<li><b>Training</b>: who is certified on what, certifications expiring soon, the courses, and
the coverage of each partner. Log training (Ctrl+L) records a class at once.</li>
<li><b>Accounts &amp; Claims</b>: end customers and the partners' claims on them. Register a
claim (Ctrl+R); a claim on an account someone else has is flagged before you save.</li>
<li><b>Deals</b>: joint deals by stage, with the parties and their commission. Move a deal to
another stage from its row; Edit › Undo takes the move back.</li>
<li><b>Quotes</b>: quotes priced from the price book, a draft until you issue it, and its PDF.</li>
<li><b>Dashboard</b>: the week at a glance.</li>
<li><b>Price book</b>: SKUs, prices over time, volume breaks and tier discounts.</li>
<li><b>Overlaps</b>: accounts that look like the same company, to resolve or dismiss.</li>
<li><b>MDF</b>: market development funds per partner and quarter, from allocation and request
to approval, the claim with its proof files, and payment; the unapproved rest lapses when the
quarter ends.</li>
<li><b>Leads</b>: the campaigns' leads, who holds each one and every assignment it had; filter
by status, grade, recipient, campaign or country. Lead rules says where each grade goes.</li>
<li><b>Program</b>: what the program spent on each partner in a period (MDF, SPIFs, rebates,
training, events) and the revenue it won, with the return; the spend items, exchange rates and
SPIF and rebate rules behind the figures.</li>
</ul>
<p>File › Import reads partners, contacts, training and more from a workbook or CSV file (or
drop the file on the window). File › Export writes the page's table; a table's right-click menu
exports only the selected rows. Edit › Undo takes back a saved edit in a table, and says what
it undid.</p>
<p>Help › Keyboard shortcuts lists every key.</p>
"""


#: Keys of their own on some keyboards (Undo, Help, Open), which Qt adds to the standard
#: bindings: left out of the list, which is about keys every keyboard has.
DEDICATED = frozenset(
    {Qt.Key.Key_Open, Qt.Key.Key_Undo, Qt.Key.Key_Redo, Qt.Key.Key_Help, Qt.Key.Key_Find,
     Qt.Key.Key_Copy, Qt.Key.Key_Save, Qt.Key.Key_Cut, Qt.Key.Key_Paste}
)  # fmt: skip


def keys_text(keys: list[QKeySequence]) -> str:
    shown = [k for k in keys if k.count() and k[0].key() not in DEDICATED]  # type: ignore[index]
    return ", ".join(k.toString(QKeySequence.SequenceFormat.PortableText) for k in shown)


def _action_row(action: QAction) -> tuple[str, str] | None:
    keys = keys_text(action.shortcuts())
    if not keys:
        return None
    what = action.whatsThis() or action.statusTip()
    if not what:
        what = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return keys, what.rstrip("…")


def keyboard_sections(window: MainWindow) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(keys, what it does)]) for the window, tables, dialogs, then each page."""
    a = window.menu_actions
    menus = [
        a.new_database, a.open_database, a.backup, a.import_records, a.export_records,
        a.undo, a.redo, a.reload, a.guide, a.shortcuts, a.quit,
    ]  # fmt: skip
    everywhere = [row for row in map(_action_row, [*menus, *a.pages]) if row is not None]
    sections = [
        ("Everywhere", everywhere),
        ("Tables", list(TABLE_KEYS)),
        ("Dialogs", list(DIALOG_KEYS)),
    ]
    for entry, page in zip(PAGES, window.pages, strict=True):
        rows = []
        for shortcut in page.findChildren(QShortcut):
            keys = keys_text(shortcut.keys())
            if keys:
                rows.append((keys, shortcut.whatsThis()))
        if rows:
            sections.append((entry.title, sorted(rows, key=lambda r: r[1])))
    return sections


def keyboard_markdown(window: MainWindow) -> str:
    lines = [
        "# Keyboard shortcuts",
        "",
        f"Every key {APP_NAME} binds, as Help › Keyboard shortcuts lists them. This page is",
        "written from the keys the window binds (`python -m app.ui.help`); a test keeps it so.",
    ]
    for heading, rows in keyboard_sections(window):
        lines += ["", f"## {heading}", "", "| Keys | What it does |", "|---|---|"]
        lines += [f"| {keys} | {what} |" for keys, what in rows]
    return "\n".join(lines) + "\n"


def keyboard_html(window: MainWindow) -> str:
    parts = ["<h2>Keyboard shortcuts</h2>"]
    for heading, rows in keyboard_sections(window):
        parts.append(f"<h3>{html.escape(heading)}</h3><table cellpadding='3'>")
        parts += [
            f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(what)}</td></tr>"
            for keys, what in rows
        ]
        parts.append("</table>")
    return "".join(parts)


class HelpDialog(QDialog):
    """A page of help text that scrolls, sized to fit the screen."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(title)
        self.text = QTextBrowser()
        self.text.setAccessibleName(title)
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 620)


def _main() -> None:  # pragma: no cover - a maintainer's command, checked by a test's diff
    import sys
    import tempfile
    from pathlib import Path

    from app.ui.changes import Changes
    from app.ui.context import UiContext
    from app.ui.errors import ErrorHook
    from app.ui.launch import application
    from app.ui.main_window import MainWindow
    from app.ui.settings import Settings

    application()
    folder = Path(tempfile.mkdtemp())
    context = UiContext(Settings.at(folder / "settings.ini"), Changes(), ErrorHook(print))
    sys.stdout.write(keyboard_markdown(MainWindow(context)))


if __name__ == "__main__":  # pragma: no cover
    _main()
