"""Random price books survive export and import exactly: every amount to its currency's minor unit
(JPY 0, EUR 2, KWD 3 decimals), every date, every percentage, in .xlsx and .csv."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.db.engine import Database, open_database
from app.io.export_pricebook import export_pricebook
from app.io.import_pricebook import read_pricebook
from app.services.importing import ImportOptions
from app.services.importing.pricebook import import_pricebook
from app.services.pricebook.read import pricebook_sheets
from tests.support.pricebook_files import write_book

TODAY = date(2026, 11, 22)
PLACES = {"JPY": 0, "EUR": 2, "USD": 2, "KWD": 3}


@st.composite
def price_rows(draw: st.DrawFn) -> list[list[object]]:
    rows: list[list[object]] = [
        ["SKU", "Name", "Family", "Currency", "List price", "Effective from"]
    ]
    for n in range(draw(st.integers(1, 6))):
        family = draw(st.sampled_from([None, "Cloud", "Edge"]))
        for currency in draw(st.sets(st.sampled_from(sorted(PLACES)), min_size=1, max_size=3)):
            days = draw(st.sets(st.integers(-900, 900), min_size=1, max_size=3))
            for offset in days:
                units = draw(st.integers(0, 10**11))
                amount = str(Decimal(units).scaleb(-PLACES[currency]))
                day = (TODAY + timedelta(days=offset)).isoformat()
                rows.append([f"SKU-{n}", f"Product {n} <b>&</b>", family, currency, amount, day])
    return rows


def _import(db: Database, path: Path) -> tuple[int, int, int, int]:
    with db.transaction() as session:
        s = import_pricebook(session, read_pricebook(path), ImportOptions(), path.name)
    return s.new, s.updated, s.unchanged, len(s.problems)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=price_rows(), suffix=st.sampled_from([".xlsx", ".csv"]))
def test_export_then_import_changes_nothing(
    tmp_path: Path, rows: list[list[object]], suffix: str
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # one per example: hypothesis may repeat one
    db = open_database(folder / "db.sqlite")
    try:
        source = write_book(folder / "in.xlsx", {"Prices": rows})
        new, updated, unchanged, problems = _import(db, source)
        assert (updated, unchanged, problems) == (0, 0, 0) and new == len(rows) - 1
        with db.reading() as session:
            sheets = pricebook_sheets(session, TODAY)
        out = folder / f"out{suffix}"
        export_pricebook(out, sheets)
        _, updated, unchanged, problems = _import(db, out)
        assert (updated, problems) == (0, 0)
        with db.reading() as session:
            again = pricebook_sheets(session, TODAY)
        assert again == sheets
        stored = {
            (r.sku, r.currency, r.effective_from.isoformat(), r.list_price) for r in sheets[0][1]
        }
        given_rows = {(str(r[0]), str(r[3]), str(r[5]), Decimal(str(r[4]))) for r in rows[1:]}
        assert stored == given_rows
    finally:
        db.dispose()
