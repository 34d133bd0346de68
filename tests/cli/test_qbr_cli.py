"""``qbr PARTNER --quarter Q --out FILE.pdf``: the review pack written whole, and each refusal in
one line with exit 1, leaving an existing file as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from app.db.engine import Database
from tests.cli.test_quote_cli import run
from tests.support.qbr_world import add_qbr_world


@pytest.fixture
def db(sqlite_db: Database) -> str:
    add_qbr_world(sqlite_db)
    return str(sqlite_db.path)


def test_the_pack_is_written_and_said_so(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    out = tmp_path / "review.pdf"
    code, said, err = run(capsys, "qbr", "p-1", "--quarter", "Q1 2026", "--out", str(out),
                          "--db", db)  # fmt: skip
    assert (code, err) == (0, "")
    assert said == f"Wrote the business review of Northwind Traders (P-1) for 2026 Q1 to {out}\n"
    assert out.read_bytes().startswith(b"%PDF-") and b"%%EOF" in out.read_bytes()[-32:]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("P-404", "--quarter", "2026Q1"), "There is no partner with Partner ID 'P-404'."),
        (("P-1", "--quarter", "2026 Q5"), "'2026 Q5' is not a quarter: write the year and"),
        (("P-1", "--quarter", "2999Q4"), "2999Q4 has not begun yet"),
    ],
)
def test_a_refusal_is_one_line_and_the_file_stays_as_it_was(
    capsys: pytest.CaptureFixture[str],
    sqlite_db: Database,
    tmp_path: Path,
    argv: tuple[str, ...],
    message: str,
) -> None:
    out = tmp_path / "review.pdf"
    out.write_bytes(b"kept")
    db = str(sqlite_db.path)
    code, said, err = run(capsys, "qbr", *argv, "--out", str(out), "--db", db)
    assert (code, said) == (1, "")
    assert err.startswith(f"channel-desk: {message}") and err.count("\n") == 1
    assert out.read_bytes() == b"kept"


def test_a_folder_that_is_not_there_is_refused_before_anything_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "no such folder" / "review.pdf"
    never = tmp_path / "never.sqlite"
    code, said, err = run(capsys, "qbr", "P-1", "--quarter", "2026Q1", "--out", str(out),
                          "--db", str(never))  # fmt: skip
    assert (code, said) == (1, "")
    assert err == (
        f"channel-desk: Cannot write {out}: the folder does not exist. Choose an existing folder.\n"
    )
    assert not out.parent.exists() and not never.exists()


def test_help_names_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(capsys, "--help")
    assert "qbr" in capsys.readouterr().out


def test_on_reviews_the_quarter_as_things_stood_that_day(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    """``--on`` is the review's today, as the lead commands take it: a quarter still running on
    that day is reviewed to that day; a date written wrongly is refused in one line."""
    out = tmp_path / "review.pdf"
    code, _said, err = run(capsys, "qbr", "P-1", "--quarter", "2026Q1", "--on", "2026-02-15",
                           "--out", str(out), "--db", db)  # fmt: skip
    assert (code, err) == (0, "")
    first = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "2026-01-01 to 2026-02-15" in first and "Prepared 2026-02-15" in first
    code, said, err = run(capsys, "qbr", "P-1", "--quarter", "2026Q1", "--on", "2026-02-30",
                          "--out", str(out), "--db", db)  # fmt: skip
    assert (code, said) == (1, "") and err.count("\n") == 1 and "--on" in err


def test_a_partner_without_a_partner_id_gets_its_deals_and_spend(
    capsys: pytest.CaptureFixture[str], sqlite_db: Database, tmp_path: Path
) -> None:
    """Named by its name, as the Partners page lists it: the deals won and the spend behind the
    figures the Program page shows for it are listed, as for a partner with a Partner ID."""
    from sqlalchemy import update

    from app.db.models import Partner

    add_qbr_world(sqlite_db)
    with sqlite_db.transaction() as s:
        s.execute(update(Partner).where(Partner.partner_code == "P-1").values(partner_code=None))
    out = tmp_path / "review.pdf"
    db = str(sqlite_db.path)
    code, said, err = run(capsys, "qbr", "Northwind Traders", "--quarter", "2026Q1",
                          "--on", "2026-04-20", "--out", str(out), "--db", db)  # fmt: skip
    assert (code, err) == (0, "")
    assert said == f"Wrote the business review of Northwind Traders for 2026 Q1 to {out}\n"
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Partner ID" not in text  # it has none: not its name again in the letterhead
    assert "D-1" in text  # won in the quarter
    assert "SPIF" in text and "Rebate" in text  # spend items
