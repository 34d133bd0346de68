"""Files of the wrong kind, and hostile --map and --sheet values, for every import kind.

Each is refused with one line that says what to do (exit 1), or, for a file that is merely
empty of rows, imported as nothing; never exit 3, and the database stays as it was.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.domain.importing.fields import KINDS
from app.domain.text_rules import printable
from tests.robustness.harness import assert_answered, fresh_copy, run_cli, table_dump


def _zip_without_a_workbook(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "not a workbook")


WRONG_FILES: dict[str, Callable[[Path], None]] = {
    "random.xlsx": lambda p: p.write_bytes(os.urandom(3000)),
    "random.csv": lambda p: p.write_bytes(bytes(range(256)) * 8),
    "empty.csv": lambda p: p.write_bytes(b""),
    "empty.xlsx": lambda p: p.write_bytes(b""),
    "pdf.xlsx": lambda p: p.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
    "zip.xlsx": _zip_without_a_workbook,
    # UTF-16 with its byte-order mark is read; one whose bytes break UTF-16 is not
    "utf16-broken.csv": lambda p: p.write_bytes(
        "Name,Country\nA,DE\n".encode("utf-16") + b"\x00\xd8A\x00"
    ),
    "nul.csv": lambda p: p.write_bytes(b"Name,Country\nA\x00B,DE\n"),
    "header-only.csv": lambda p: p.write_text("Name,Country\n"),
    "unclosed.csv": lambda p: p.write_text('Name,Country\n"A,DE\nB,DE\n'),
    "long-line.csv": lambda p: p.write_text("Name,Country\n" + "A" * 300_000 + ",DE\n"),
    "wide.csv": lambda p: p.write_text(",".join(f"c{i}" for i in range(5000)) + "\n"),
    "folder.csv": lambda p: p.mkdir(),
}


@pytest.fixture(scope="module")
def wrong_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wrong-files")
    for name, make in WRONG_FILES.items():
        make(folder / name)
    return folder


@pytest.mark.parametrize("kind", KINDS)
def test_files_of_the_wrong_kind(
    demo_file: Path, scratch: Path, wrong_files: Path, kind: str
) -> None:
    db = fresh_copy(demo_file, scratch)
    before = table_dump(db)
    for name in [*WRONG_FILES, "missing.csv"]:
        outcome = run_cli("import", kind, str(wrong_files / name), "--db", str(db))
        assert_answered(outcome, before, table_dump(db))
        assert outcome.code in (0, 1), (name, outcome)


MAPS = ["=", "X=unknown", "\x1b=name", "Name=", "==", "Name=\u202ename", "a" * 3000 + "=name"]
SHEETS = ["\x1b[2J", "", "s" * 400, "[]:*?", "Partners\x07"]


def test_hostile_map_and_sheet(demo_file: Path, scratch: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Partners"
    sheet.append(["Name", "Country"])
    sheet.append(["Hostile Ltd", "DE"])
    path = scratch / "partners.xlsx"
    book.save(path)
    db = fresh_copy(demo_file, scratch)
    before = table_dump(db)
    for option in [("--map", m) for m in MAPS] + [("--sheet", s) for s in SHEETS]:
        outcome = run_cli("import", "partners", str(path), *option, "--dry-run", "--db", str(db))
        assert_answered(outcome, before, table_dump(db))


def test_a_refused_map_or_sheet_is_named_as_given(demo_file: Path, scratch: Path) -> None:
    """The refusal quotes the header or sheet the person typed, escaped and cut short, not
    the form it is matched by (which may be nothing at all)."""
    path = scratch / "m.csv"
    path.write_text("Name,Country\nHostile Ltd,DE\n", encoding="utf-8")
    book = scratch / "partners.xlsx"
    workbook = Workbook()
    assert workbook.active is not None
    workbook.active.append(["Name", "Country"])
    workbook.save(book)
    db = fresh_copy(demo_file, scratch)
    before = table_dump(db)
    given = [("--map", m, m.partition("=")[0]) for m in [*MAPS, "Firm Name!=name", "\x07=-"]]
    given += [("--sheet", s, s) for s in SHEETS]
    for option, value, named in given:
        target = book if option == "--sheet" else path
        outcome = run_cli("import", "partners", str(target), option, value, "--dry-run",
                          "--db", str(db))  # fmt: skip
        assert_answered(outcome, before, table_dump(db))
        if outcome.code == 0 or not named.strip() or "No header row" in outcome.err:
            continue  # imported, or refused for the shape of the option (it is quoted whole)
        quoted = "'" + printable(named.strip(), one_line=True)[:40]
        assert quoted in outcome.err, (value, outcome.err)
        assert len(outcome.err) < 400, (value, outcome.err)
