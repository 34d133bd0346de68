"""File › Import › Exchange rates, Program spend and Program rules: the wizard driven like a
person, with the rules and reports of the command line's imports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import FxRate, Partner, ProductFamily, RebateThreshold, SpendItem, SpifRule
from app.domain.names import name_key
from app.ui.importing.wizard_run import CheckPage, ResultPage
from app.ui.main_window import MainWindow
from tests.ui.test_import_leads_wizard import _book, _next, _start, _wait


def test_rates_with_their_own_headers_are_checked_then_imported(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    tmp_path: Path,
) -> None:  # fmt: skip
    wizard = _start(qtbot, open_window, sqlite_db, "fx")
    assert wizard.source.kind.currentText() == "Exchange rates"
    path = tmp_path / "rates.csv"
    path.write_text("Ccy,FX rate,Valid from\nusd,0.92,2026-01-01\nEUR,1,2026-01-01\n",
                    encoding="utf-8")  # fmt: skip
    qtbot.keyClicks(wizard.source.path, str(path))
    for _ in range(3):  # sheet, columns, check
        _next(qtbot, wizard)
    check = wizard.currentPage()
    assert isinstance(check, CheckPage)
    _wait(qtbot, wizard)
    problems = [(p.row, p.column, p.reason) for p in check.problems.records.rows()]
    assert problems == [(3, "Ccy", "is the reporting currency: it converts at 1 and takes no rate")]
    path.write_text("Ccy,FX rate,Valid from\nusd,0.92,2026-01-01\n", encoding="utf-8")
    for _ in range(3):
        wizard.back()
    for _ in range(3):
        _next(qtbot, wizard)
    _wait(qtbot, wizard)
    check = wizard.currentPage()
    assert isinstance(check, CheckPage)
    assert check.counts.text().startswith("1 new, 0 updated, 0 unchanged")
    _next(qtbot, wizard)
    result = wizard.currentPage()
    assert isinstance(result, ResultPage)
    _wait(qtbot, wizard)
    with sqlite_db.reading() as s:
        rows = s.execute(select(FxRate.currency, FxRate.into_currency, FxRate.rate)).all()
    assert [tuple(r) for r in rows] == [("USD", "EUR", Decimal("0.92"))]


def test_spend_and_program_rules_import_from_the_wizard(
    qtbot: QtBot, open_window: Callable[[Database], MainWindow], sqlite_db: Database,
    tmp_path: Path,
) -> None:  # fmt: skip
    with sqlite_db.transaction() as s:
        s.add(Partner(partner_code="P-1", name="Northwind", name_key=name_key("Northwind")))
        s.add(ProductFamily(code="CORE", name="Core Platform"))
    wizard = _start(qtbot, open_window, sqlite_db, "programs")
    book = _book(tmp_path / "programs.xlsx", {
        "SPIF": [["Name", "Product family", "From", "To", "Amount per unit", "Currency"],
                 ["Core push", "Core Platform", date(2026, 1, 1), date(2026, 3, 31), 10, "EUR"]],
        "Rebate": [["Name", "Threshold", "Percent"], ["Growth", 100000, 2]],
    })  # fmt: skip
    qtbot.keyClicks(wizard.source.path, str(book))
    _next(qtbot, wizard)  # the sheets, found by their names
    _next(qtbot, wizard)  # the check
    check = wizard.currentPage()
    assert isinstance(check, CheckPage)
    _wait(qtbot, wizard)
    assert [(c.action, c.record) for c in check.changes.records.rows()] == [
        ("New", "SPIF Core push"), ("New", "Rebate Growth from 100000 EUR: 2%"),
    ]  # fmt: skip
    _next(qtbot, wizard)
    _wait(qtbot, wizard)
    with sqlite_db.reading() as s:
        assert s.scalars(select(SpifRule.name)).all() == ["Core push"]
        assert s.scalars(select(RebateThreshold.percent)).all() == [Decimal("2")]
    wizard.close()

    wizard = _start(qtbot, open_window, sqlite_db, "spend")
    path = tmp_path / "spend.csv"
    path.write_text("Partner,Program,Date,Amount,Currency\nP-1,Event,2026-02-01,500,EUR\n",
                    encoding="utf-8")  # fmt: skip
    qtbot.keyClicks(wizard.source.path, str(path))
    for _ in range(4):  # sheet, columns, check, import
        _next(qtbot, wizard)
        if wizard.last_operation is not None:
            _wait(qtbot, wizard)
    with sqlite_db.reading() as s:
        assert s.scalars(select(SpendItem.amount)).all() == [Decimal("500")]
