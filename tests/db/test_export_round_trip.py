"""Export then import gives no changes, for every kind that imports, on SQLite and PostgreSQL;
and every kind SPEC.md lists exports from the command line."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pytest

import main
from app.db.engine import Database
from app.domain.importing.fields import FIELDS
from app.io.export import export_table
from app.io.import_sheet import read_mapped
from app.services.exporting.kinds import EXPORT_KINDS
from app.services.importing import ImportOptions
from app.services.importing.run import import_kind
from tests.support.db_templates import DemoLike

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(any_db: Database, demo_like: DemoLike) -> Database:
    return demo_like(any_db, TODAY)


@pytest.mark.parametrize("kind", ["contacts", "training", "claims", "deals"])
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_changes_nothing(
    demo: Database, kind: str, suffix: str, tmp_path: Path
) -> None:
    export = EXPORT_KINDS[kind]
    with demo.reading() as session:
        rows = export.rows(session)
    path = tmp_path / f"{kind}{suffix}"
    export_table(path, rows, export.columns, title=export.title)
    with demo.transaction() as session:
        sheets = {kind: read_mapped(path, FIELDS[kind])}
        summary = import_kind(session, kind, sheets, ImportOptions(), path.name)
    assert not summary.problems, summary.problems[:3]
    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, len(rows))


@pytest.mark.parametrize("kind", ["contacts", "training", "claims", "deals", "quotes"])
def test_every_kind_exports_from_the_command_line(
    kind: str,
    sqlite_db: Database,
    demo_like: DemoLike,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    demo = demo_like(sqlite_db, TODAY)
    out = tmp_path / f"{kind}.xlsx"
    code = main.main(["export", kind, str(out), "--db", str(demo.path)])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert printed.out.startswith("Exported ") and str(out) in printed.out
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None and sheet.max_row > 1
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    header = [c.value for c in sheet[1]]
    assert header == [c.header for c in EXPORT_KINDS[kind].columns]


def test_claims_csv_keeps_figures_exact_and_direct_as_a_claimant(
    demo: Database, tmp_path: Path
) -> None:
    export = EXPORT_KINDS["claims"]
    with demo.reading() as session:
        rows = export.rows(session)
    path = tmp_path / "claims.csv"
    export_table(path, rows, export.columns)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert len(written) == len(rows)
    assert any(r["Partner"] == "Direct" for r in written)
    jpy = next(r for r in written if r["Currency"] == "JPY")
    assert "." not in jpy["Deal amount"]  # yen have no decimals
    assert all(r["Commission %"].replace(".", "").isdigit() for r in written)
