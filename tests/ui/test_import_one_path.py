"""One file, three ways in: the wizard, the price book page and the command line import alike.

Each pair imports the same file into two fresh databases, one through the window driven like a
person and one through ``channel-desk import``, and must end with the same records and the same
summary, every run passing through ``app.services.importing.file_import``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

import main
from app.cli.parser import build_parser
from app.db.engine import Database, open_database
from app.db.models import Partner, Tier
from app.domain.importing.report import ImportSummary
from app.domain.importing.sheet import MappedSheet
from app.domain.progress import CancelledByUser
from app.services.importing import ImportOptions, file_import
from app.services.pricebook.read import pricebook_sheets
from app.ui.importing.wizard_pages import MappingPage
from app.ui.importing.wizard_run import CheckPage, ResultPage
from app.ui.main_window import MainWindow
from app.ui.pricebook.page import PriceBookPage
from tests.support.pricebook_files import BOOK, write_book
from tests.support.sample_records import TODAY
from tests.ui.test_import_wizard import next_step, start, wait, workbook

Opener = Callable[[Database], MainWindow]
Call = tuple[str, str, bool, bool]  # kind, source, dry run, skip invalid

ROWS = [
    ["Partner ID", "Firm", "Level", "Ctry", "Web"],
    ["P-701", "Alder Systems", "Gold", "DE", "alder.example"],
    ["P-702", "Birch IT", "Diamond", "DE", "birch.example"],  # no such tier
    ["P-703", "Cedar Data", "silver ", "gb", "https://cedar.example"],
]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[Call]:
    """Every import that reaches the database through the one orchestration."""
    seen: list[Call] = []
    real = file_import.import_kind

    def spy(
        session: Any, kind: str, sheets: Mapping[str, MappedSheet], options: ImportOptions,
        source: str,
    ) -> ImportSummary:  # fmt: skip
        seen.append((kind, source, options.dry_run, options.skip_invalid))
        return real(session, kind, sheets, options, source)

    monkeypatch.setattr(file_import, "import_kind", spy)
    return seen


def partner_records(db: Database) -> list[tuple[object, ...]]:
    with db.reading() as session:
        rows = session.execute(
            select(Partner.partner_code, Partner.name, Tier.name, Partner.country, Partner.website)
            .outerjoin(Tier, Partner.tier_id == Tier.id)
            .order_by(Partner.name)
        )
        return [tuple(row) for row in rows]


def command_line(db_path: Path, *args: str) -> Database:
    assert main.main(["import", *args, "--db", str(db_path)]) == 0
    return open_database(db_path)


def test_the_wizard_and_the_command_line_import_a_partner_list_alike(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], calls: list[Call],
) -> None:  # fmt: skip
    book = workbook(tmp_path / "partners.xlsx", ROWS)
    _window, wizard = start(qtbot, open_window, sqlite_db)
    qtbot.keyClicks(wizard.source.path, str(book))
    next_step(qtbot, wizard)  # → sheet
    next_step(qtbot, wizard)  # → columns: "Firm" is no name the wizard knows
    mapping = wizard.currentPage()
    assert isinstance(mapping, MappingPage)
    mapping.combos["Firm"].setCurrentIndex(mapping.combos["Firm"].findData("name"))
    next_step(qtbot, wizard)  # → check
    check = wizard.currentPage()
    assert isinstance(check, CheckPage)
    wait(qtbot, wizard)
    box = check.skip
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    next_step(qtbot, wizard)  # → import
    result = wizard.currentPage()
    assert isinstance(result, ResultPage)
    wait(qtbot, wizard)
    shown = result.result.text()
    wizard.close()
    assert calls == [
        ("partners", "partners.xlsx", True, False),  # the check
        ("partners", "partners.xlsx", False, True),  # the import
    ]

    capsys.readouterr()
    other = command_line(
        tmp_path / "cli.sqlite", "partners", str(book), "--map", "Firm=name", "--skip-invalid"
    )
    try:
        printed = capsys.readouterr().out.strip()
        assert calls[-1] == ("partners", "partners.xlsx", False, True)
        assert len(calls) == 3
        assert partner_records(other) == partner_records(sqlite_db)
    finally:
        other.dispose()
    assert [r[:3] for r in partner_records(sqlite_db)] == [
        ("P-701", "Alder Systems", "Gold"), ("P-703", "Cedar Data", "Silver"),
    ]  # fmt: skip
    assert printed.startswith("Partners from partners.xlsx: imported 2 new")
    assert shown == printed.replace(" (listed on stderr)", " (see the check)")


def test_the_price_book_page_and_the_command_line_import_a_price_book_alike(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], calls: list[Call],
) -> None:  # fmt: skip
    book = write_book(tmp_path / "book.xlsx", {**BOOK, "Volume": [
        ["SKU or Family", "Min quantity", "Discount %"], ["CB-100", 20, 5], ["NOPE", 5, 3],
    ]})  # fmt: skip
    window = open_window(sqlite_db)
    window.show_page("pricebook")
    page = window.page("pricebook")
    assert isinstance(page, PriceBookPage)
    page.files.choose_open = lambda *_: book
    page.files.confirm = lambda *_: True
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.files.last_summary is not None, timeout=10000)
    shown = window.statusBar().currentMessage()
    assert calls == [
        ("pricebook", "book.xlsx", True, False),  # what it would do, shown before asking
        ("pricebook", "book.xlsx", False, True),  # the valid rows, on the user's yes
    ]

    capsys.readouterr()
    other = command_line(tmp_path / "cli.sqlite", "pricebook", str(book), "--skip-invalid")
    try:
        printed = capsys.readouterr().out.strip()
        assert len(calls) == 3 and calls[-1] == ("pricebook", "book.xlsx", False, True)
        assert price_book(other) == price_book(sqlite_db)
    finally:
        other.dispose()
    assert "imported 7 new, 2 updated, 0 unchanged, 1 invalid row" in printed
    assert shown == printed.replace(" (listed on stderr)", "")


def price_book(db: Database) -> list[tuple[str, list[list[object]]]]:
    """Every sheet of the price book as its export writes it."""
    with db.reading() as session:
        return [
            (title, [[c.value(row) for c in columns] for row in rows])
            for title, rows, columns in pricebook_sheets(session, TODAY)
        ]


def test_the_wizard_offers_what_the_command_line_accepts(
    qtbot: QtBot, open_window: Opener, sqlite_db: Database
) -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    kind = next(a for a in commands.choices["import"]._actions if a.dest == "kind")
    _window, wizard = start(qtbot, open_window, sqlite_db)
    combo = wizard.source.kind
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert offered == list(kind.choices or ())
    assert combo.itemText(offered.index("claims")) == "Claims (deal registrations)"
    wizard.close()


def test_a_cancel_pressed_while_the_import_ends_writes_nothing(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancel pressed after the last row was imported, before the commit: all is rolled back
    (the wizard and the price book page both say "nothing was written" then)."""
    book = workbook(tmp_path / "partners.xlsx", [ROWS[0], ROWS[1], ROWS[3]])
    request = file_import.FileImport("partners", book, overrides=("Firm=name",))
    real, ended = file_import.import_kind, []

    def then_cancel(*args: Any) -> ImportSummary:
        summary = real(*args)
        ended.append(True)
        return summary

    monkeypatch.setattr(file_import, "import_kind", then_cancel)
    with pytest.raises(CancelledByUser):
        file_import.import_file(sqlite_db, request, ImportOptions(cancelled=lambda: bool(ended)))
    assert ended and partner_records(sqlite_db) == []
    summary = file_import.import_file(sqlite_db, request, ImportOptions())
    assert summary.new == 2 and len(partner_records(sqlite_db)) == 2
