"""Every page of the window, every tab of each, as a keyboard-only user and a screen reader
meet it: every enabled control is reached by Tab and by Shift+Tab, Tab leaves every table, no
Alt+letter is taken twice, every control has a name, and the menus give each item its letter.

The pages come from the window's own list (``PAGES``) and the tabs from each page's tab widgets,
so a new page or tab is walked without changing this test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QTableView, QTabWidget, QWidget

from app.db.engine import Database
from app.ui.main_window import MainWindow
from app.ui.page_list import PAGES
from tests.support import keyboard
from tests.support.pages import settled

Opener = Callable[[Database], MainWindow]


@pytest.fixture
def window(open_window: Opener, demo_db: Database) -> MainWindow:
    window = open_window(demo_db)
    window.resize(1366, 768)
    return window


def each_tab(page: QWidget) -> Iterator[str]:
    """Show every tab of every tab widget of ``page`` in turn (the page itself first)."""
    yield "page"
    for tabs in page.findChildren(QTabWidget):
        for n in range(tabs.count()):
            if tabs.isVisible() and tabs.isTabEnabled(n):
                tabs.setCurrentIndex(n)
                yield tabs.tabText(n).replace("&", "")


def select_first_rows(page: QWidget) -> None:
    """A row chosen in every table in view, so that the commands waiting for one are enabled."""
    for table in page.findChildren(QTableView):
        if table.isVisible() and table.model() is not None and table.model().rowCount() > 0:
            table.selectRow(0)


def check_in_view(window: MainWindow, where: str) -> list[str]:
    page = window.current_page()
    settled(page)
    select_first_rows(page)
    window.navigation.setFocus()
    problems = [f"{where}: Tab misses {w}" for w in keyboard.unreached(page)]
    problems += [f"{where}: Shift+Tab misses {w}" for w in keyboard.unreached(page, back=True)]
    problems += [f"{where}: no name for {w}" for w in keyboard.unnamed(window)]
    problems += [f"{where}: {c}" for c in keyboard.clashes(keyboard.window_mnemonics(window))]
    problems += [f"{where}: Alt+letter of {m}" for m in keyboard.buddies_missed(window)]
    return problems


def test_every_page_and_tab_is_usable_from_the_keyboard(window: MainWindow) -> None:
    problems: list[str] = []
    for entry in PAGES:
        window.show_page(entry.key)
        page = settled(window.current_page())
        for tab in each_tab(page):
            problems += check_in_view(window, f"{entry.title} ({tab})")
    assert not problems, "\n".join(problems)


def test_every_menu_item_has_its_own_letter(window: MainWindow) -> None:
    problems: list[str] = []
    for menu in keyboard.menu_bar_menus(window):
        problems += keyboard.menu_problems(menu)
    assert not problems, "\n".join(problems)
    go = next(m for m in keyboard.menu_bar_menus(window) if m.title() == "&Go")
    assert "&Accounts && Claims" in [a.text() for a in go.actions()]  # "&" shown as itself


def test_a_coverage_cell_tells_a_screen_reader_what_its_colour_means(window: MainWindow) -> None:
    from app.ui.training.coverage import FIXED_COLUMNS
    from app.ui.training.page import COVERAGE, TrainingPage

    page = window.page("training")
    assert isinstance(page, TrainingPage)
    window.show_page("training")
    page.tabs.setCurrentIndex(COVERAGE)
    settled(page)
    model = page.coverage.model
    assert model.rowCount() > 0
    cell = model.index(0, FIXED_COLUMNS)
    said = cell.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert said and said == cell.data(Qt.ItemDataRole.ToolTipRole)  # not only in a tooltip
    table = QAccessible.queryAccessibleInterface(page.coverage.matrix)
    assert table is not None
    told = [table.child(n).text(QAccessible.Text.Description) for n in range(table.childCount())]
    assert said in told
