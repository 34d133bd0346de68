"""CSV encodings and delimiters, defused formulas, long empty runs, sheets by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from app.domain.errors import InputError
from app.domain.importing.fields import FIELDS
from app.io.import_sheet import read_mapped
from app.io.readers import open_table
from tests.support.sheet_rows import sheet_rows

PARTNERS = FIELDS["partners"]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Name;Country\nMüller AG;DE\n", "utf-8-sig"),
        ("Name;Country\nMüller AG;DE\n", "utf-8"),
        ("Name\tCountry\nMüller AG\tDE\n", "cp1252"),
        ("Name,Country\nMüller AG,DE\n", "cp1252"),
    ],
)
def test_csv_encodings_and_delimiters(tmp_path: Path, data: str, encoding: str) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(data.encode(encoding))
    rows = sheet_rows(read_mapped(path, PARTNERS))
    assert rows[0].values == {"name": "Müller AG", "country": "DE"}
    assert rows[0].number == 2


def test_csv_drops_the_apostrophe_an_export_put_before_a_formula(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("Name,Notes\n'=Evil Co,'+1 call\nO'Brien,'plain\n", encoding="utf-8")
    rows = sheet_rows(read_mapped(path, PARTNERS))
    assert rows[0].values == {"name": "=Evil Co", "notes": "+1 call"}
    assert rows[1].values == {"name": "O'Brien", "notes": "'plain"}


def test_reading_stops_after_a_long_run_of_empty_rows(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name"])
    sheet.append(["A"])
    sheet.cell(row=5000, column=1, value="far away")
    book.save(tmp_path / "p.xlsx")
    rows = sheet_rows(read_mapped(tmp_path / "p.xlsx", PARTNERS))
    assert [r.values["name"] for r in rows] == ["A"]


def test_sheet_by_name_any_case_and_first_visible_by_default(tmp_path: Path) -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Hidden"
    first.append(["nothing"])
    first.sheet_state = "hidden"
    second = book.create_sheet("Partners")
    second.append(["Name"])
    second.append(["Contoso"])
    book.save(tmp_path / "p.xlsx")
    assert open_table(tmp_path / "p.xlsx").name == "Partners"
    assert open_table(tmp_path / "p.xlsx", "partners").name == "Partners"
    with pytest.raises(InputError, match="its sheets are 'Hidden', 'Partners'"):
        open_table(tmp_path / "p.xlsx", "Other")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        open_table(tmp_path / "nope.xlsx")
    with pytest.raises(InputError, match="is a folder"):
        open_table(tmp_path)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("suffix", [".txt", ".csv"])
def test_unicode_text_from_excel_reads_as_utf8_csv_does(
    tmp_path: Path, encoding: str, suffix: str
) -> None:
    """Excel's "Unicode Text": UTF-16 with a byte-order mark, tab-separated, CRLF lines."""
    data = "Name\tCountry\r\nMüller AG\tDE\r\n北京伙伴\tCN\r\n"
    bom = "\ufeff".encode(encoding)
    path = tmp_path / f"p{suffix}"
    path.write_bytes(bom + data.encode(encoding))
    same = tmp_path / "same.csv"
    same.write_bytes(data.encode("utf-8-sig"))
    rows = sheet_rows(read_mapped(path, PARTNERS))
    assert [r.values for r in rows] == [
        {"name": "Müller AG", "country": "DE"},
        {"name": "北京伙伴", "country": "CN"},
    ]
    assert rows == sheet_rows(read_mapped(same, PARTNERS))


def test_utf16_text_that_does_not_decode_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    # a byte-order mark, then a lone high surrogate: no UTF-16 text has it
    path.write_bytes(b"\xff\xfe" + "Name\n".encode("utf-16-le") + b"\x00\xd8A\x00")
    with pytest.raises(InputError) as refused:
        read_mapped(path, PARTNERS)
    message = refused.value.message
    assert "p.txt" in message and "UTF-16" in message and "\n" not in message
