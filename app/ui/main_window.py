"""The main window: navigation on the left, one page per area, menus and a status bar.

The window owns the open ``Database``: switching to another one disposes the old engine and
tells every page, so nothing keeps reading the file that was closed.

It paints before the database is open and before any page exists: each page is built the first
time it is shown (``app.ui.page_list``), and reads its rows then, so starting the application
costs the window and the page in view, not all eight.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app import APP_NAME
from app.ui.actions import build_menus, create_actions, page_key
from app.ui.changes import ALL_KINDS
from app.ui.context import UiContext
from app.ui.edit_history import EditHistory
from app.ui.file_commands import FileCommands
from app.ui.help import GUIDE, HelpDialog, keyboard_html
from app.ui.page_list import PAGES
from app.ui.resources import icon
from app.ui.screen_fit import (
    FitToScreen,
    centered,
    fit_window,
    fitted_size,
    screen_for,
    screen_key,
)
from app.ui.write_wait import WriteWait

if TYPE_CHECKING:
    from app.services.store import Database
    from app.ui.page_base import Page

log = logging.getLogger(__name__)

OPENING = "Opening the database…"
#: The size a first start asks for, made smaller to fit a smaller screen.
DEFAULT_SIZE = QSize(1280, 800)
#: Below this width the navigation shows icons only, leaving the room to the page.
COMPACT_BELOW = 1200
NAVIGATION_WIDTH = 210
DROPPABLE = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv", ".txt", ".tsv")
NO_EXPORT_TIP = "This page has no table to export."
#: The start of each ``--demo`` folder's name (in the system's temporary folder).
DEMO_PREFIX = "channel-desk-demo-"


class MainWindow(QMainWindow):
    def __init__(self, context: UiContext, database: Database | None = None) -> None:
        """The window on ``database``; without one it shows "Opening the database…" until
        ``set_database`` (the application paints the window first, then opens the file)."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.context = context
        self._database = database
        #: The folder of a ``--demo`` database in use: removed once the database is closed.
        self.demo_folder: Path | None = None
        self.setWindowIcon(icon("app"))
        self._built: dict[int, Page] = {}  # by row; the others are placeholders until shown
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Areas")
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pageArea")
        for entry in PAGES:
            item = QListWidgetItem(icon(entry.icon_name), entry.title, self.navigation)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, entry.title)
            self.stack.addWidget(_placeholder())
        self.compact = False  # icons only, in a narrow window
        self._names_too = self.navigation.itemDelegate()
        self._icons_only = IconOnly(self.navigation)
        # Every area stays in view: the list never scrolls, however short the window.
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = sum(self.navigation.sizeHintForRow(n) for n in range(self.navigation.count()))
        spacing = self.navigation.spacing() * 2 * self.navigation.count()
        self.navigation.setMinimumHeight(rows + spacing + 2 * self.navigation.frameWidth() + 24)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.fitter = FitToScreen(self)
        self.fitter.watch(self)  # every dialog of the window opens within the screen
        self.commands = FileCommands(self)
        self.write_wait = WriteWait(self)
        # A database found damaged while in use: its error box offers the backup, opened here.
        context.errors.open_backup = self.commands.open_location
        self.setAcceptDrops(True)  # a workbook dropped on the window opens the import wizard
        self.menu_actions = create_actions(
            self, [(e.menu_text, e.title, e.icon_name) for e in PAGES]
        )
        build_menus(self.menuBar(), self.menu_actions)
        self.history = EditHistory(
            self, self.menu_actions.undo, self.menu_actions.redo, self.show_message
        )
        self._connect_actions()

        self.database_label = QLabel()
        self.database_label.setObjectName("databaseLabel")
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.count_label)

        context.changes.changed.connect(self._records_changed)
        self.navigation.currentRowChanged.connect(self._show_row)
        self.database_label.setText(OPENING)
        self.setWindowTitle(APP_NAME)
        self._restore()
        if database is not None:
            self.set_database(database)

    @property
    def database(self) -> Database:
        assert self._database is not None, "the window has no database yet"
        return self._database

    # --- pages, built when first shown -----------------------------------------------------

    @property
    def pages(self) -> list[Page]:
        """Every page (each is built now if it was not yet)."""
        return [self._page_at(row) for row in range(len(PAGES))]

    def _page_at(self, row: int) -> Page:
        page = self._built.get(row)
        if page is None:
            page = PAGES[row].page_type()(self.context)
            self._built[row] = page
            current, placeholder = self.stack.currentIndex(), self.stack.widget(row)
            self.stack.insertWidget(row, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self.stack.setCurrentIndex(current)
            page.count_changed.connect(self._page_count_changed)
            page.wanted.connect(self.open_behind)
            for table in page.tables():  # "Export selection…" in each table's menu
                table.export_rows = self.commands.export_rows
            page.restore_state()
            if self._database is not None:
                page.set_database(self._database)
        return page

    # --- navigation ----------------------------------------------------------------------

    def current_page(self) -> Page:
        return self._page_at(self.stack.currentIndex())

    def page(self, key: str) -> Page:
        return self._page_at(self._row(key))

    def _row(self, key: str) -> int:
        for row, entry in enumerate(PAGES):
            if entry.key == key:
                return row
        raise KeyError(key)

    def show_page(self, key: str) -> None:
        self.navigation.setCurrentRow(self._row(key))

    def open_behind(self, key: str, text: str, period: object) -> None:
        """Show page ``key`` filtered by ``text`` (and on ``period``, where it has one): where
        a click on a dashboard chart leads."""
        self.show_page(key)
        page = self.page(key)
        picker = getattr(page, "period_picker", None)
        if period is not None and picker is not None:
            picker.set_period(period)
            page.invalidate()
        page.filter_edit.setText(text)

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        for n, action in enumerate(self.menu_actions.pages):
            action.setChecked(n == row)
        if self._database is None:  # opening: the page is built once the file is open
            self.stack.setCurrentIndex(row)
            return
        page = self._page_at(row)
        self.stack.setCurrentIndex(row)
        self.history.show_stack(page.undo_stack)
        can_export = page.export_source() is not None
        self.menu_actions.export_records.setEnabled(can_export)
        self.menu_actions.export_records.setToolTip(
            self.menu_actions.export_records.statusTip() if can_export else NO_EXPORT_TIP
        )
        self.count_label.setText(page.count_label.text())

    def _page_count_changed(self, text: str) -> None:
        if self.sender() is self.stack.currentWidget():
            self.count_label.setText(text)

    # --- the database --------------------------------------------------------------------

    def set_database(self, database: Database, demo_folder: Path | None = None) -> None:
        """Show ``database`` everywhere; the previous one is closed. A demo database (in
        ``demo_folder``) is not added to Open recent: its folder goes when it is closed."""
        old, self._database = self._database, database
        self.write_wait.install(database)  # a save behind another program's write waits in sight
        if old is not None and old is not database:
            old.dispose()
            self._remove_demo_folder()
            log.info("switched database from %s to %s", old.label, database.label)
        self.demo_folder = demo_folder
        for page in self._built.values():
            page.set_database(database)
        self._show_row(self.navigation.currentRow())  # builds the page in view, if not yet
        self.database_label.setText(f"Database: {database.label}")
        self.database_label.setToolTip(database.label)
        name = database.path.name if database.path else database.label
        self.setWindowTitle(f"{name} — {APP_NAME}")
        if demo_folder is None:
            self.context.settings.preferences.remember_database(database.label)

    def close_database(self) -> None:
        """Close the database as the application ends (and remove a demo's folder)."""
        if self._database is not None:
            self._database.dispose()
        self._remove_demo_folder()

    def _remove_demo_folder(self) -> None:
        folder, self.demo_folder = self.demo_folder, None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
            log.info("removed the demo folder %s", folder)

    def _records_changed(self, kinds: frozenset[object]) -> None:
        for page in self._built.values():  # a page built later reads its rows then
            page.on_changed(kinds)  # type: ignore[arg-type]

    def reload(self) -> None:
        """Read every page again. The window reloads what it saves itself; what another
        program saved (a scheduled import, a colleague on the shared database) comes into
        view here: the page in view at once, the others when next shown."""
        self.context.changes.announce(ALL_KINDS)
        self.show_message("Read again from the database.")

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # --- actions -------------------------------------------------------------------------

    def _connect_actions(self) -> None:
        a, c = self.menu_actions, self.commands
        a.new_database.triggered.connect(c.new_database)
        a.open_database.triggered.connect(c.open_database)
        a.open_recent.aboutToShow.connect(self._fill_recent)
        a.backup.triggered.connect(c.backup)
        a.import_records.triggered.connect(lambda _checked=False: c.import_records())
        a.export_records.triggered.connect(c.export_records)
        a.quit.triggered.connect(self.close)
        a.about.triggered.connect(c.about)
        a.guide.triggered.connect(self.show_guide)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.reload.triggered.connect(self.reload)
        for n, action in enumerate(a.pages):
            action.triggered.connect(
                lambda _checked=False, row=n: self.navigation.setCurrentRow(row)
            )
            self.addAction(action)

    def show_guide(self) -> HelpDialog:
        return self._help("Guide", GUIDE)

    def show_shortcuts(self) -> HelpDialog:
        return self._help("Keyboard shortcuts", keyboard_html(self))

    def _help(self, title: str, text: str) -> HelpDialog:
        """A help window beside the main one (modeless: the person reads it while working)."""
        dialog = HelpDialog(f"{title} — {APP_NAME}", text, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.show()
        self.help_dialog = dialog  # tests read it
        return dialog

    def _fill_recent(self) -> None:
        menu = self.menu_actions.open_recent
        menu.clear()
        # Demo databases of earlier versions, removed since, are not offered.
        recent = [
            r for r in self.context.settings.preferences.recent_databases if DEMO_PREFIX not in r
        ]
        for location in recent:
            action = menu.addAction(location)
            action.setEnabled(self._database is None or location != self._database.label)
            action.triggered.connect(
                lambda _checked=False, where=location: self.commands.open_location(where)
            )
        if not recent:
            menu.addAction("No recent databases").setEnabled(False)

    # --- remembered state ----------------------------------------------------------------

    def _restore(self) -> None:
        state = self.context.settings.window
        self.place_on(screen_for())
        if state.state:
            self.restoreState(state.state)
        keys = [e.key for e in PAGES]  # each page restores its own state when built
        last = state.last_page
        self.navigation.setCurrentRow(keys.index(last) if last in keys else 0)

    def place_on(self, screen: QScreen) -> None:
        """Where the window was last on ``screen``, or a size that fits it, in the middle;
        either way all of it within the screen's available area."""
        available = screen.availableGeometry()
        remembered = self.context.settings.window.geometry_on(screen_key(screen))
        if remembered and self.restoreGeometry(remembered):
            if self.isMaximized() or self.isFullScreen():
                return
            fit_window(self, available, QSize(0, 0))  # restoring allowed for the frame
            return
        self.setGeometry(centered(fitted_size(DEFAULT_SIZE, available), available))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.set_compact(event.size().width() < COMPACT_BELOW)

    def set_compact(self, compact: bool) -> None:
        """Icons only in the navigation (each area's name in its tool tip), or icons and
        names."""
        if compact == self.compact:
            return
        self.compact = compact
        nav = self.navigation
        for row, entry in enumerate(PAGES):
            tip = f"{entry.title} ({page_key(row + 1, entry.menu_text)})"
            nav.item(row).setToolTip(tip if compact else "")
        nav.setItemDelegate(self._icons_only if compact else self._names_too)
        frame = 2 * nav.frameWidth()
        nav.setFixedWidth(nav.iconSize().width() + 28 + frame if compact else NAVIGATION_WIDTH)

    def save_window_state(self) -> None:
        state = self.context.settings.window
        state.set_geometry_on(screen_key(self.screen()), bytes(self.saveGeometry().data()))
        state.state = bytes(self.saveState().data())
        state.last_page = PAGES[self.stack.currentIndex()].key
        for page in self._built.values():
            page.save_state()
        self.context.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()
        super().closeEvent(event)

    # --- a file dropped on the window is imported ------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.commands.import_records(path)


class IconOnly(QStyledItemDelegate):
    """Draws a navigation entry as its icon alone; its name stays the item's text, read
    out by a screen reader and shown in its tool tip."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.text = ""
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDisplay
        option.decorationAlignment = Qt.AlignmentFlag.AlignCenter


def _placeholder() -> QWidget:
    """What stands in the page area until the page is built: the database is being opened."""
    label = QLabel(OPENING)
    label.setObjectName("pagePlaceholder")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def dropped_file(data: QMimeData) -> Path | None:
    """The one local workbook or CSV file being dragged, if that is what it is."""
    urls = data.urls() if data.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in DROPPABLE else None
