"""A file's rows reach the import in blocks of columns, as the file has them."""

from __future__ import annotations

from pathlib import Path

from app.domain.importing.fields import FIELDS
from app.domain.importing.sheet import BLOCK_ROWS
from app.io.import_sheet import read_mapped


def test_blank_cells_short_rows_and_rows_with_nothing_mapped(tmp_path: Path) -> None:
    path = tmp_path / "partners.csv"
    path.write_text(
        "Partner list\n"
        "Name,Country,Colour\n"
        "Contoso,  ,blue\n"
        "Fabrikam\n"  # a short row: its missing cells are empty
        ",,green\n"  # nothing in a mapped column: not a partner row
        "\n"
        "  Tailspin  ,DE,\n",
        encoding="utf-8",
    )
    (block,) = read_mapped(path, FIELDS["partners"]).blocks
    assert block.numbers == [3, 4, 7]
    assert block.columns == {
        "name": ["Contoso", "Fabrikam", "  Tailspin  "],
        "country": ["  ", None, "DE"],  # "  " is blank to every parser
    }


def test_a_long_file_comes_in_blocks_numbered_as_excel_shows_them(tmp_path: Path) -> None:
    path = tmp_path / "partners.csv"
    count = BLOCK_ROWS * 2 + 3
    path.write_text("Name\n" + "".join(f"P{n}\n" for n in range(count)), encoding="utf-8")
    blocks = list(read_mapped(path, FIELDS["partners"]).blocks)
    assert len(blocks) > 1 and all(len(block) >= BLOCK_ROWS for block in blocks[:-1])
    numbers = [number for block in blocks for number in block.numbers]
    assert numbers == list(range(2, count + 2))
    names = [name for block in blocks for name in block.columns["name"]]
    assert names == [f"P{n}" for n in range(count)]
