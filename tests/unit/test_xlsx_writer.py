"""Exports to .xlsx: real numbers and dates, exact money, text that never runs as a formula."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from app.io.export import export_table
from tests.support.table_rows import COLUMNS, FORMULA_LIKE, ROWS


@pytest.fixture
def workbook(tmp_path: Path) -> tuple[Path, Worksheet]:
    path = tmp_path / "out.xlsx"
    result = export_table(path, ROWS, COLUMNS, title="Partners")
    assert result.rows == len(ROWS) and not result.cancelled
    sheet = openpyxl.load_workbook(path).active
    assert isinstance(sheet, Worksheet)
    return path, sheet


def _sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def _cell_xml(xml: str, ref: str) -> str:
    found = re.search(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', xml)
    assert found, ref
    return found.group(0)


def test_header_is_bold_frozen_and_filtered(workbook: tuple[Path, Worksheet]) -> None:
    _, sheet = workbook
    assert sheet.title == "Partners"
    assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:I{len(ROWS) + 1}"
    assert sheet.max_row == len(ROWS) + 1


def test_column_widths_follow_the_columns(workbook: tuple[Path, Worksheet]) -> None:
    _, sheet = workbook
    assert sheet.column_dimensions["A"].width == COLUMNS[0].width + 2
    assert sheet.column_dimensions["C"].width == COLUMNS[2].width + 2


def test_no_cell_is_a_formula_and_text_comes_back_unchanged(
    workbook: tuple[Path, Worksheet],
) -> None:
    path, sheet = workbook
    names = [sheet.cell(row=i + 2, column=1).value for i in range(len(ROWS))]
    for written, row in zip(names, ROWS, strict=True):
        # Without lxml, a bare carriage return is read back as a line feed (XML line ends).
        assert written in (row.name, row.name and row.name.replace("\r", "\n")), row.name
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    xml = _sheet_xml(path)
    assert "<f>" not in xml and "<f " not in xml
    for i, row in enumerate(ROWS, start=2):
        if row.name in FORMULA_LIKE or row.name == "#N/A":
            assert 't="inlineStr"' in _cell_xml(xml, f"A{i}")
        if row.name in FORMULA_LIKE:
            assert sheet.cell(row=i, column=1).quotePrefix, row.name


def test_money_is_an_exact_number_with_the_currencys_decimals(
    workbook: tuple[Path, Worksheet],
) -> None:
    path, sheet = workbook
    xml = _sheet_xml(path)
    expected = {
        2: ("12345678901.23", "#,##0.00"),
        3: ("0.001", "#,##0.000"),
        4: ("-1234.5", "#,##0.00"),
        5: ("1234567890123456.78", "#,##0.00"),  # beyond a float: openpyxl alone would round
        6: ("1500", "#,##0"),
    }
    for row, (digits, number_format) in expected.items():
        cell = sheet.cell(row=row, column=2)
        assert cell.data_type == "n"
        assert cell.number_format == number_format
        assert f"<v>{digits}</v>" in _cell_xml(xml, f"B{row}")
        if len(digits.strip("-").replace(".", "")) <= 15:  # what a float (and Excel) can hold
            assert Decimal(str(cell.value)) == Decimal(digits)
    assert sheet.cell(row=4, column=2).value == -1234.5  # a negative amount stays a number


def test_percent_date_integer_bool_and_enum_cells(workbook: tuple[Path, Worksheet]) -> None:
    _, sheet = workbook
    pct = sheet.cell(row=2, column=4)
    assert (pct.value, pct.data_type, pct.number_format) == (12.5, "n", '0.0"%"')
    assert sheet.cell(row=3, column=4).value == 20
    day = sheet.cell(row=2, column=5)
    assert day.is_date and day.number_format == "yyyy-mm-dd"
    assert day.value == datetime(2026, 1, 31)
    assert sheet.cell(row=3, column=5).value is None
    assert [sheet.cell(row=r, column=6).value for r in (2, 3, 4)] == [3, 0, -5]
    assert sheet.cell(row=4, column=6).data_type == "n"
    assert [sheet.cell(row=r, column=7).value for r in (2, 3, 4)] == ["MSP", "SI", "Reseller"]
    assert [sheet.cell(row=r, column=8).value for r in (2, 3, 4)] == ["Yes", "No", None]
    changed = sheet.cell(row=2, column=9)
    assert changed.is_date and changed.number_format == "yyyy-mm-dd hh:mm"
    expected = ROWS[0].at
    assert expected is not None
    assert changed.value == expected.astimezone().replace(tzinfo=None)


def test_non_latin_text_and_line_breaks_survive(workbook: tuple[Path, Worksheet]) -> None:
    _, sheet = workbook
    assert sheet.cell(row=3, column=1).value == "Müller & Söhne 東京 Москва"
    assert sheet.cell(row=11, column=1).value == 'line one\nline "two", with comma'
    assert sheet.cell(row=10, column=1).value is None


def test_control_characters_are_dropped_not_fatal(tmp_path: Path) -> None:
    row = ROWS[1].__class__("bell\x07 and \x00nul", None, "EUR", None, None, None,
                            ROWS[1].type, None)  # fmt: skip
    path = tmp_path / "ctrl.xlsx"
    export_table(path, [row], COLUMNS)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert sheet["A2"].value == "bell and nul"


def test_an_empty_table_still_has_its_header(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    assert export_table(path, [], COLUMNS).rows == 0
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS]
    assert sheet.max_row == 1


def test_the_suffix_is_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "OUT.XLSX"
    export_table(path, ROWS[:1], COLUMNS)
    assert zipfile.is_zipfile(path)


def test_a_long_sheet_title_is_made_acceptable(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    export_table(path, ROWS[:1], COLUMNS, title="Partners: [all] / the whole list of them")
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert len(sheet.title) <= 31 and not set(sheet.title) & set("[]:*?/\\")


def test_the_import_reader_reads_it_back(workbook: tuple[Path, Worksheet]) -> None:
    """python-calamine reads workbooks for the import: an export must come back through it."""
    from python_calamine import CalamineWorkbook

    path, _ = workbook
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert rows[0] == [c.header for c in COLUMNS]
    assert rows[1][0] == ROWS[0].name
    assert rows[1][4] == date(2026, 1, 31)
    assert Decimal(str(rows[1][1])) == Decimal("12345678901.23")
    assert rows[2][6] == "SI"
