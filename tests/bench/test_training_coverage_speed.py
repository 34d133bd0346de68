"""Benchmark: the coverage matrix with 20,000 partners, 60,000 people and ~90,000 training
records, as ratios to bare SQL in the same run.

Run on demand: ``pytest tests/bench/test_training_coverage_speed.py -s`` (``-k sqlite`` to skip
PostgreSQL).

Figures:
- *service*: ``coverage_matrix`` (families, the grouped cells query, the partner list, rows
  built in Python). Baseline: a DB-API cursor running the same two big statements bare.
- *tab*: the training page's Coverage tab read (in the background) and painted, same
  baseline.
- *certification check*: ``uncertified_families`` for one partner, in milliseconds (the call a
  quote editor makes on each change), against the bare cursor running its statement.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, text

from app.db.engine import Database
from app.db.models import Partner
from app.domain.enums import PartnerStatus
from app.services.training.certification import uncertified_families
from app.services.training.coverage import _cell_query, coverage_matrix
from app.ui.changes import Changes
from app.ui.context import UiContext
from app.ui.errors import ErrorHook
from app.ui.launch import application
from app.ui.settings import Settings
from app.ui.training.page import COVERAGE, TrainingPage
from tests.bench.timing import median_seconds, report
from tests.support.training_world import add_trained_partners

PARTNERS = 20_000
TODAY = date(2026, 6, 1)


def _bare(db: Database, statements: list[object]) -> int:
    """Run each statement on a raw DB-API cursor and fetch every row."""
    connection = db.engine.raw_connection()
    try:
        total = 0
        cursor = connection.cursor()
        for statement in statements:
            cursor.execute(str(statement))
            total += len(cursor.fetchall())
        return total
    finally:
        connection.close()


def _literal(db: Database, statement: object) -> str:
    compiled = statement.compile(  # type: ignore[attr-defined]
        dialect=db.engine.dialect, compile_kwargs={"literal_binds": True}
    )
    return str(compiled)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_coverage_speed(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    db: Database = request.getfixturevalue(f"{backend}_db")
    partner_ids, family_ids = add_trained_partners(db, PARTNERS, TODAY)
    if not db.is_sqlite:  # a settled database has statistics; right after a bulk load it has none
        with db.engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()
    partners = (
        select(Partner.id, Partner.name, Partner.country, Partner.status)
        .where(Partner.status != PartnerStatus.TERMINATED)
        .order_by(Partner.name, Partner.id)
    )
    bare = [_literal(db, _cell_query(TODAY)), _literal(db, partners)]
    baseline = median_seconds(lambda: _bare(db, bare))

    def service() -> None:
        with db.reading() as s:
            coverage_matrix(s, TODAY)

    served = median_seconds(service)

    application()
    context = UiContext(
        Settings.at(tmp_path / "ui.ini"), Changes(), ErrorHook(print), today=lambda: TODAY
    )
    page = TrainingPage(context)
    page.resize(1200, 800)
    page.tabs.setCurrentIndex(COVERAGE)
    page.set_database(db)
    page.show()
    QApplication.processEvents()

    def tab() -> None:  # read in the background, then shown: until its rows are painted
        loads = page.loads
        page.refresh()
        while page.loads == loads:
            QApplication.processEvents()
        page.repaint()

    shown = median_seconds(tab)
    assert page.coverage.model.total_count > PARTNERS // 2

    some = random.Random(3).sample(partner_ids, 50)

    def checks() -> None:
        with db.reading() as s:
            for partner_id in some:
                uncertified_families(s, partner_id, family_ids, TODAY)

    check = median_seconds(checks, repeat=3) / len(some)
    page.close()
    report(
        f"coverage matrix {backend}, {PARTNERS:,} partners",
        {
            "bare SQL s": baseline,
            "service s": served,
            "service ratio": served / baseline,
            "tab shown s": shown,
            "tab ratio": shown / baseline,
            "one partner check ms": check * 1000,
        },
    )
    assert served / baseline < 10  # a guard against a per-partner query creeping in
