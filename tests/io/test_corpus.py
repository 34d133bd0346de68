"""Every corpus workbook is read or refused in one line, quickly, never with a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import InputError
from app.domain.importing.fields import FIELDS
from app.io.import_sheet import read_mapped
from tests.conftest import CORPUS
from tests.support.sheet_rows import sheet_rows

FILES = sorted(p for p in CORPUS.glob("*") if p.name != "MANIFEST.tsv") if CORPUS.exists() else []


def test_the_corpus_is_there() -> None:
    assert len(FILES) > 60, f"expected the shared corpus in {CORPUS}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_corpus_file_is_read_or_refused_in_one_line(path: Path) -> None:
    try:
        sheet = read_mapped(path, FIELDS["partners"])
        rows = sheet_rows(sheet)
        assert all(row.number >= 1 for row in rows)
    except InputError as exc:
        message = str(exc)
        assert message and "\n" not in message
        assert "Traceback" not in message


REFUSALS = {
    "qax-os-excelize__encryptAES.xlsx": "password",
    "tafia-calamine__pass_protected.xlsx": "password",
    "tidyverse-readxl__iris-excel-xls.xls.xlsx": "Excel 97-2003",
    "dimastbk-python-calamine__empty_file.xlsx": "empty",
    "SheetJS-test_files__Attendance.csv.xlsx": "rename it to .csv",
    "ToucanToco-fastexcel__dates.ods.xlsx": "OpenDocument",
    "dimastbk-python-calamine__base.xlsb.xlsx": ".xlsb",
    "apache-poi__poc-xmlbomb.xlsx": "cannot be read",
    "tidyverse-readxl__iris-excel-xlsx.xlsx": "No header row",
    "ToucanToco-fastexcel__empty.xlsx": "is empty",
}


@pytest.mark.parametrize(("name", "words"), sorted(REFUSALS.items()))
def test_refusals_say_what_is_wrong(name: str, words: str) -> None:
    with pytest.raises(InputError) as info:
        sheet_rows(read_mapped(CORPUS / name, FIELDS["partners"]))
    assert words in str(info.value)


def test_a_missing_sheet_lists_the_sheets() -> None:
    with pytest.raises(InputError) as info:
        read_mapped(CORPUS / "tidyverse-readxl__types.xlsx", FIELDS["partners"], sheet="Nope")
    assert "'guess_me', 'guess_max', 'smorgasbord'" in str(info.value)


def test_header_below_row_one_maps_with_an_override() -> None:
    sheet = read_mapped(
        CORPUS / "tafia-calamine__header-row.xlsx", FIELDS["partners"], mapping=["Columns=name"]
    )
    rows = sheet_rows(sheet)
    assert [(r.number, r.values["name"]) for r in rows] == [(10, "put data here")]
