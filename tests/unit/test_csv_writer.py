"""Exports to CSV: Excel-friendly UTF-8, exact numbers, formula-looking text defused."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.money import parse_decimal
from app.io.csv_writer import defuse, exact_number
from app.io.export import export_table
from tests.support.table_rows import COLUMNS, FORMULA_LIKE, ROWS


@pytest.fixture
def lines(tmp_path: Path) -> tuple[bytes, list[list[str]]]:
    path = tmp_path / "out.csv"
    result = export_table(path, ROWS, COLUMNS)
    assert result.rows == len(ROWS) and not result.cancelled
    raw = path.read_bytes()
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return raw, list(csv.reader(stream))


def test_utf8_with_bom_comma_and_crlf(lines: tuple[bytes, list[list[str]]]) -> None:
    raw, _ = lines
    assert raw.startswith(b"\xef\xbb\xbfName,Amount,Currency,Commission %,")
    assert raw.count(b"\xef\xbb\xbf") == 1
    assert b"\r\n" in raw
    assert "Müller & Söhne 東京 Москва".encode() in raw


def test_header_and_one_record_per_row(lines: tuple[bytes, list[list[str]]]) -> None:
    _, records = lines
    assert records[0] == [c.header for c in COLUMNS]
    assert len(records) == len(ROWS) + 1
    assert all(len(r) == len(COLUMNS) for r in records)


def test_formula_like_text_gets_an_apostrophe(lines: tuple[bytes, list[list[str]]]) -> None:
    _, records = lines
    names = [r[0] for r in records[1:]]
    assert len(FORMULA_LIKE) == 6
    for row, written in zip(ROWS, names, strict=True):
        if row.name in FORMULA_LIKE:
            assert written == "'" + row.name
        else:
            assert written == (row.name or "")
    assert not any(n.startswith(("=", "+", "-", "@", "\t", "\r")) for n in names)


def test_numbers_stay_numbers_and_exact(lines: tuple[bytes, list[list[str]]]) -> None:
    _, records = lines
    amounts = [r[1] for r in records[1:6]]
    assert amounts == ["12345678901.23", "0.001", "-1234.50", "1234567890123456.78", "1500"]
    for text, row in zip(amounts, ROWS, strict=False):
        assert parse_decimal(text) == row.amount  # reads back as the same Decimal
    assert [r[3] for r in records[1:3]] == ["12.5", "20"]
    assert [r[5] for r in records[1:5]] == ["3", "0", "-5", ""]  # "-5" is a number: no apostrophe


def test_dates_enums_booleans_and_empty(lines: tuple[bytes, list[list[str]]]) -> None:
    _, records = lines
    first, second, third = records[1], records[2], records[3]
    assert first[4] == "2026-01-31" and second[4] == ""
    assert [first[6], second[6], third[6]] == ["MSP", "SI", "Reseller"]
    assert [first[7], second[7], third[7]] == ["Yes", "No", ""]
    at = ROWS[0].at
    assert at is not None
    assert first[8] == at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert records[9][0] == ""


def test_quotes_commas_and_line_breaks_round_trip(lines: tuple[bytes, list[list[str]]]) -> None:
    raw, records = lines
    assert records[10][0] == 'line one\nline "two", with comma'
    assert b'"line one\nline ""two"", with comma"' in raw


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Decimal("1234.5"), 2, "1234.50"),
        (Decimal("1234.5678"), 2, "1234.5678"),  # more decimals than the currency: kept
        (Decimal("1E+3"), 2, "1000.00"),
        (Decimal("-0.5"), 0, "-0.5"),
        (Decimal("7"), 0, "7"),
        (Decimal("0.001"), 3, "0.001"),
    ],
)
def test_exact_number(value: Decimal, places: int, text: str) -> None:
    assert exact_number(value, places) == text
    assert Decimal(text) == value


@pytest.mark.parametrize(
    ("text", "written"),
    [("=1+1", "'=1+1"), ("+1 555", "'+1 555"), ("-x", "'-x"), ("@x", "'@x"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("a=b", "a=b"), ("", ""),
     ("'=x", "''=x"), ("''+1", "'''+1"), ("'x", "'x")],
)  # fmt: skip
def test_defuse(text: str, written: str) -> None:
    assert defuse(text) == written
