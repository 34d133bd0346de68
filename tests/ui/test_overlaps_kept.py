"""What the Overlaps page keeps between two scans: the same groups the scan found, held so that
the cycle collector stops looking at them (``app.ui.claims.kept_groups``), since each of its
passes stops the window too."""

from __future__ import annotations

import gc
from collections.abc import Callable
from types import FunctionType, ModuleType

from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.claims.overlaps import overlap_groups
from app.ui.claims.overlaps_page import OverlapsPage
from app.ui.main_window import MainWindow
from tests.support.db_templates import DemoLike
from tests.support.sample_records import TODAY

Opener = Callable[[Database], MainWindow]


def tracked_under(root: object) -> int:
    """How many objects the collector tracks that ``root`` holds, itself included (classes,
    functions and modules, which everything refers to, are not counted)."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        item = todo.pop()
        if id(item) in seen or not gc.is_tracked(item):
            continue
        if isinstance(item, type | FunctionType | ModuleType):
            continue
        seen.add(id(item))
        todo.extend(gc.get_referents(item))
    return len(seen)


def test_the_page_keeps_the_scans_groups_out_of_the_collectors_sight(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, demo_like: DemoLike
) -> None:
    db = demo_like(sqlite_db)
    window = open_window(db)
    window.show_page("overlaps")
    page = window.page("overlaps")
    assert isinstance(page, OverlapsPage)
    qtbot.waitUntil(lambda: page.loads > 0, timeout=20_000)
    with db.reading() as session:
        found = overlap_groups(session, TODAY)
    assert len(found) > 5
    assert dict(page.groups) == {group.key: group for group in found}  # the same groups
    gc.collect()  # the collector has looked at them once
    assert tracked_under(found) > 5 * len(found)  # as the scan gives them
    assert tracked_under(page.groups) < 5  # as the page keeps them: a dict and itself
    page.group_table.selectRow(1)  # shown, as ever
    assert page.selected_group() == found[1]
