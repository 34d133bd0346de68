"""Every corpus workbook is read or refused in one line, quickly, never with a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import InputError
from app.domain.importing.fields import FIELDS
from app.io.import_sheet import read_mapped
from tests.support.corpus import CORPUS, corpus_file, corpus_files, needs_corpus
from tests.support.sheet_rows import sheet_rows

pytestmark = needs_corpus

FILES = corpus_files()


def test_the_corpus_is_whole() -> None:
    assert len(FILES) > 60, f"expected the whole corpus in {CORPUS}, found {len(FILES)} files"


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
        sheet_rows(read_mapped(corpus_file(name), FIELDS["partners"]))
    assert words in str(info.value)


def test_a_missing_sheet_lists_the_sheets() -> None:
    with pytest.raises(InputError) as info:
        read_mapped(corpus_file("tidyverse-readxl__types.xlsx"), FIELDS["partners"], sheet="Nope")
    assert "'guess_me', 'guess_max', 'smorgasbord'" in str(info.value)


def test_header_below_row_one_maps_with_an_override() -> None:
    sheet = read_mapped(
        corpus_file("tafia-calamine__header-row.xlsx"), FIELDS["partners"], mapping=["Columns=name"]
    )
    rows = sheet_rows(sheet)
    assert [(r.number, r.values["name"]) for r in rows] == [(10, "put data here")]
