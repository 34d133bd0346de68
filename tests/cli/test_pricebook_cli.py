"""``import pricebook`` and ``export pricebook`` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

import main
from tests.support.pricebook_files import BOOK, write_book


def test_import_dry_run_refusal_and_export_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cd.sqlite")
    book = write_book(tmp_path / "book.xlsx", BOOK)
    assert main.main(["import", "pricebook", str(book), "--db", db, "--dry-run"]) == 0
    assert "would import 8 new, 2 updated, 0 unchanged" in capsys.readouterr().out
    assert main.main(["import", "pricebook", str(book), "--db", db]) == 0
    assert "imported 8 new, 2 updated" in capsys.readouterr().out

    bad = write_book(tmp_path / "bad.xlsx", {"Prices": [
        ["SKU", "Name", "Currency", "List price", "Effective from"],
        ["Z-1", "Zed", "EUR", "1.005", "2026-01-01"],
    ]})  # fmt: skip
    assert main.main(["import", "pricebook", str(bad), "--db", db]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "Traceback" not in err[1]
    assert "row 2, column 'Prices: List price': '1.005' has more decimals than EUR" in err[1]

    out = tmp_path / "out.xlsx"
    assert main.main(["export", "pricebook", str(out), "--db", db]) == 0
    assert "Exported 5 prices" in capsys.readouterr().out
    assert main.main(["import", "pricebook", str(out), "--db", db]) == 0
    assert "imported 0 new, 0 updated, 13 unchanged" in capsys.readouterr().out
    csv = tmp_path / "out.csv"
    assert main.main(["export", "pricebook", str(csv), "--db", db]) == 0
    assert main.main(["import", "pricebook", str(csv), "--db", db]) == 0
    assert "imported 0 new, 0 updated, 5 unchanged" in capsys.readouterr().out.splitlines()[-1]


def test_map_names_a_column_of_the_sheet_it_belongs_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cd.sqlite")
    book = write_book(tmp_path / "book.xlsx", {
        "Prices": [["SKU", "Name", "Currency", "Cost", "Valid from"],
                   ["X-1", "Thing", "EUR", 10, "2026-01-01"]],
        "Tiers": [["Level", "Rebate"], ["Gold", 12]],
        "Volume": [["SKU", "Min qty", "Discount"], ["X-1", 10, 2]],
    })  # fmt: skip
    assert main.main(["import", "pricebook", str(book), "--db", db]) == 1
    assert "sheet 'Tiers' of book.xlsx has no column 'Discount %'" in capsys.readouterr().err
    args = ["--map", "Cost=list price", "--map", "Rebate=discount_pct"]
    assert main.main(["import", "pricebook", str(book), "--db", db, *args]) == 0
    assert "imported 2 new, 1 updated" in capsys.readouterr().out
    assert main.main(["import", "pricebook", str(book), "--db", db, *args, "--map", "X=sku"]) == 1
    assert "--map 'X=sku' names no column" in capsys.readouterr().err
