"""``leads import``, ``leads assign|accept|decline|convert|lose`` and ``export leads`` from the
command line: one line out when done, one line on stderr and exit 1 when refused, exit 2 for a
usage error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import main
from tests.support.workbooks import write_workbook

LEADS = [
    ["Lead ID", "Company", "Website", "Country", "Contact", "E-mail", "Product family",
     "Campaign", "Grade", "Created on"],
    ["L-1", "Contoso GmbH", "contoso.de", "Germany", "Ada Weber", "ada@contoso.de", None,
     "Webinar", "A", date(2026, 11, 1)],
    ["L-2", "Fabrikam SA", None, "FR", None, None, None, "Trade show", "none", "2026-11-01"],
]  # fmt: skip
PARTNERS = [["Partner ID", "Name", "Country", "Status"], ["P-1", "Northwind", "DE", "active"]]


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "db.sqlite")
    partners = write_workbook(tmp_path / "partners.xlsx", PARTNERS)
    leads = write_workbook(tmp_path / "leads.xlsx", LEADS)
    assert main.main(["import", "partners", str(partners), "--db", path]) == 0
    assert main.main(["import", "leads", str(leads), "--db", path]) == 0
    assert "imported 2 new, 0 updated, 0 unchanged" in capsys.readouterr().out
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main.main(list(args))
    printed = capsys.readouterr()
    return code, printed.out.strip(), printed.err.strip()


def test_a_lead_is_assigned_accepted_and_converted(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "leads", "assign", "L-1", "--to", "P-1", "--on", "2026-11-02",
                "--db", db) == (0, "L-1 assigned to P-1 by hand on 2026-11-02.", "")  # fmt: skip
    code, _out, err = _run(capsys, "leads", "accept", "L-1", "--on", "2026-11-06", "--db", db)
    assert (code, err) == (1, "channel-desk: L-1 can no longer be accepted: its deadline was "
                           "2026-11-05 (assigned on 2026-11-02, 3 acceptance days).")  # fmt: skip
    assert _run(capsys, "leads", "accept", "L-1", "--on", "2026-11-05", "--db", db)[0] == 0
    code, out, err = _run(capsys, "leads", "convert", "L-1", "--amount", "12000",
                          "--currency", "eur", "--on", "2026-11-10", "--db", db)  # fmt: skip
    assert (code, err) == (0, "")
    assert out == ("L-1 converted: a new account 'Contoso GmbH', a pending claim and the deal "
                   "'Contoso GmbH (lead L-1)' (EUR 12,000.00, qualified).")  # fmt: skip


def test_decline_and_lose_need_a_known_reason(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "leads", "assign", "L-2", "--to", "P-1", "--db", db)
    code, _out, err = _run(capsys, "leads", "decline", "L-2", "--reason", "boring", "--db", db)
    assert (code, err) == (1, "channel-desk: 'boring' is not a decline reason: use one of "
                           "territory, quality, capacity, duplicate, spam, other.")  # fmt: skip
    with pytest.raises(SystemExit) as usage:
        main.main(["leads", "decline", "L-2", "--db", db])
    assert usage.value.code == 2
    capsys.readouterr()
    code, out, _err = _run(capsys, "leads", "decline", "L-2", "--reason", "territory", "--db", db)
    assert code == 0 and out.startswith("L-2 declined (territory)")
    code, _out, err = _run(capsys, "leads", "lose", "L-2", "--reason", "competitor", "--db", db)
    assert code == 1 and err.startswith("channel-desk: L-2 cannot be marked lost: P-1 declined it")


def test_bad_options_answer_before_the_database_is_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "none" / "db.sqlite")
    code, _out, err = _run(capsys, "leads", "accept", "L-1", "--on", "2026-13-01", "--db", missing)
    assert code == 1 and err.startswith("channel-desk: --on is not a real date")
    code, _out, err = _run(capsys, "leads", "convert", "L-1", "--amount", "-5", "--db", missing)
    assert (code, err) == (1, "channel-desk: --amount -5 must not be negative.")
    assert not (tmp_path / "none").exists()


def test_export_leads_writes_the_import_columns(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "leads-out.csv"
    assert _run(capsys, "export", "leads", str(out), "--db", db)[:2] == (
        0,
        f"Exported 2 leads to {out}",
    )
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == ("Lead ID,Company,Website,Country,Contact,Email,Product family,Campaign,"
                        "Grade,Created on,Status")  # fmt: skip
    assert lines[2] == "L-2,Fabrikam SA,,FR,,,,Trade show,none,2026-11-01,New"
    code, printed, _err = _run(capsys, "import", "leads", str(out), "--db", db)
    assert code == 0 and "0 new, 0 updated, 2 unchanged" in printed
