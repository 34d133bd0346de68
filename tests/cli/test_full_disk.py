"""A disk that fills up while a file is written: one line for the user and nothing after it.

Each writer of a file (xlsx through openpyxl's zip archive and its sheets' temporary XML, CSV,
PDF) is driven in a child process whose writes fail past a size limit. The answer must be exit
1 with one line naming the file, no "Exception ignored" or traceback after it, and no half file
left beside the target.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Quote
from app.services.demo.fill import generate_demo
from tests.support.file_limit import run_limited, run_main_limited
from tests.support.many_partners import add_many_partners

LIMIT = 64 * 1024  # above SQLite's shared-memory file (32 KiB), below every export here


def _assert_one_clean_line(result: object, target: Path) -> None:
    code, err = result.returncode, result.stderr  # type: ignore[attr-defined]
    assert code == 1, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"channel-desk: Cannot write {target}"), err
    assert "Exception ignored" not in err and "Traceback" not in err
    assert [p.name for p in target.parent.iterdir()] == [], "a half-written file was left"


@pytest.fixture
def many(sqlite_db: Database) -> Path:
    add_many_partners(sqlite_db, 3000)
    assert sqlite_db.path is not None
    return sqlite_db.path


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_to_a_full_disk_says_so_in_one_line(many: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"partners{suffix}"
    result = run_main_limited(
        LIMIT, ["export", "partners", str(target), "--db", str(many)], tmp_path / "data"
    )
    _assert_one_clean_line(result, target)


SHEETS = """
from pathlib import Path
from app.domain.columns import Column
from app.domain.errors import AppError
from app.io.atomic import atomic_path
from app.io.progress import Ticker
from app.io.xlsx_writer import write_xlsx_sheets

import random
rng = random.Random(1)
rows = [(i, "%040x" % rng.getrandbits(160)) for i in range(400)]  # hardly compressible
columns = [Column("n", "N", lambda r: r[0]), Column("name", "Name", lambda r: r[1])]
target = Path({target!r})
try:
    with atomic_path(target) as temporary:
        write_xlsx_sheets(temporary, [("S%d" % k, rows, columns) for k in range(16)], Ticker(6400))
except AppError as exc:
    print("channel-desk: " + str(exc), file=sys.stderr)
    sys.exit(1)
"""


def test_workbook_whose_archive_outgrows_the_disk_closes_quietly(tmp_path: Path) -> None:
    """Each sheet's temporary XML fits, the zip archive of them all does not: openpyxl's own
    archive is the writer that fails."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "book.xlsx"
    result = run_limited(96 * 1024, SHEETS.format(target=str(target)), tmp_path / "data")
    _assert_one_clean_line(result, target)


def test_quote_pdf_to_a_full_disk_says_so_in_one_line(sqlite_db: Database, tmp_path: Path) -> None:
    with sqlite_db.transaction() as session:
        generate_demo(session)
    with sqlite_db.reading() as session:
        number = session.scalars(select(Quote.number)).first()
    assert number is not None and sqlite_db.path is not None
    out = tmp_path / "out"
    out.mkdir()
    target = out / "quote.pdf"
    result = run_main_limited(
        2048 + 32 * 1024,
        ["quote", "pdf", number, "--out", str(target), "--db", str(sqlite_db.path)],
        tmp_path / "data",
    )
    _assert_one_clean_line(result, target)


BACKUP = """
from pathlib import Path
from app.db.backup import backup_to
from app.domain.errors import AppError
try:
    backup_to(Path({source!r}), Path({target!r}))
except AppError as exc:
    print("channel-desk: " + str(exc), file=sys.stderr)
    sys.exit(1)
"""


def test_a_backup_to_a_full_disk_says_so_and_leaves_nothing(many: Path, tmp_path: Path) -> None:
    """File › Backup and the copy before an upgrade: SQLite's own write fails."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "copy.sqlite"
    result = run_limited(LIMIT, BACKUP.format(source=str(many), target=str(target)), tmp_path / "d")
    assert result.returncode == 1, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"channel-desk: Cannot write the backup {target}: the disk is full")
    assert "Traceback" not in result.stderr and list(out.iterdir()) == []
