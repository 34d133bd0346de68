"""``quote pdf NUMBER --out FILE.pdf``: the file, the PDF kept with an issued revision and
written again by every later call, the refusal of damaged kept bytes, the notice for an old
revision whose original was not kept, and names from the database as written."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.cli import cmd_quote
from app.db.engine import Database
from app.db.models import Partner, QuoteRevision
from app.domain.names import name_key
from app.io.quote_pdf import render_quote_pdf
from app.services.quotes.pdf import render_revision, stored_pdf_matches
from tests.cli.test_quote_cli import SPEC, run, write_spec
from tests.support.quote_book import add_price_book
from tests.support.quote_docs import MARKUP, pdftotext_pages


@pytest.fixture
def db_path(sqlite_db: Database) -> Path:
    add_price_book(sqlite_db)
    path = sqlite_db.path
    assert path is not None
    return path


def stored_hash(db: Database) -> str | None:
    with db.reading() as s:
        return s.scalar(select(QuoteRevision.pdf_sha256))


def test_pdf_of_an_issued_quote_keeps_its_hash_and_prints_every_figure(
    sqlite_db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    assert run(capsys, "quote", "create", write_spec(tmp_path, SPEC), "--db", db)[0] == 0
    out = tmp_path / "q.pdf"
    assert run(capsys, "quote", "pdf", "Q-2026-00001", "--out", str(out), "--db", db) == (0, "", "")
    data = out.read_bytes()
    assert stored_hash(sqlite_db) == hashlib.sha256(data).hexdigest()
    text = " ".join(" ".join(pdftotext_pages(data)).split())
    for figure in ("1,234.50", "1,055.50", "3,166.50", "99.99", "76.94", "769.40",
                   "EUR 4,703.40", "EUR -767.50", "EUR 3,935.90", "Tax 19%", "EUR 747.82",
                   "EUR 4,683.72", "tier 10% · reg. 5% · vol. 10%", "Northwind Traders",
                   "Contoso Ltd", "Channel Desk GmbH", "Page 1 of 1"):  # fmt: skip
        assert figure in text
    assert MARKUP in text  # CD-200's description, as written
    assert "DRAFT" not in text

    # Again, with --revision: the same bytes, so the stored hash is confirmed.
    again = tmp_path / "again.pdf"
    code, _, err = run(capsys, "quote", "pdf", "q-2026-00001", "--revision", "1",
                       "--out", str(again), "--db", db)  # fmt: skip
    assert (code, err) == (0, "") and again.read_bytes() == data


def stored_pdf(db: Database) -> bytes | None:
    with db.reading() as s:
        return s.scalar(select(QuoteRevision.pdf_data))


def test_an_issued_quote_prints_as_issued_after_the_renderer_changed(
    sqlite_db: Database,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = str(db_path)
    run(capsys, "quote", "create", write_spec(tmp_path, SPEC), "--db", db)
    first, again = tmp_path / "first.pdf", tmp_path / "again.pdf"
    assert run(capsys, "quote", "pdf", "Q-2026-00001", "--out", str(first), "--db", db)[0] == 0
    assert stored_pdf(sqlite_db) == first.read_bytes()
    monkeypatch.setattr(cmd_quote, "render_quote_pdf", lambda doc: b"%PDF a later renderer")
    code = run(capsys, "quote", "pdf", "Q-2026-00001", "--out", str(again), "--db", db)
    assert code == (0, "", "")
    assert again.read_bytes() == first.read_bytes()


def test_damaged_kept_bytes_are_refused_and_the_file_is_left_alone(
    sqlite_db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    run(capsys, "quote", "create", write_spec(tmp_path, SPEC), "--db", db)
    out = tmp_path / "q.pdf"
    run(capsys, "quote", "pdf", "Q-2026-00001", "--out", str(out), "--db", db)
    with sqlite_db.transaction() as s:
        s.execute(update(QuoteRevision).values(pdf_data=b"%PDF damaged"))
    out.write_bytes(b"the old file")
    code, stdout, err = run(capsys, "quote", "pdf", "Q-2026-00001", "--out", str(out), "--db", db)
    assert (code, stdout) == (1, "") and len(err.splitlines()) == 1
    assert "The PDF kept for Q-2026-00001 rev 1 is damaged" in err
    assert out.read_bytes() == b"the old file"


def test_an_old_revision_whose_original_was_not_kept_prints_with_a_notice(
    sqlite_db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    run(capsys, "quote", "create", write_spec(tmp_path, SPEC), "--db", db)
    with sqlite_db.transaction() as s:  # printed by a version that kept only the hash
        s.execute(update(QuoteRevision).values(pdf_sha256="0" * 64))
    out = tmp_path / "q.pdf"
    code, stdout, err = run(capsys, "quote", "pdf", "Q-2026-00001", "--out", str(out), "--db", db)
    assert (code, stdout) == (0, "") and len(err.splitlines()) == 1
    assert err.startswith("channel-desk: This copy of Q-2026-00001 rev 1 is not the PDF as issued")
    assert "EUR 4,683.72" in " ".join(pdftotext_pages(out.read_bytes()))
    assert (stored_hash(sqlite_db), stored_pdf(sqlite_db)) == ("0" * 64, None)


def test_a_quote_waiting_for_approval_prints_draft_and_keeps_no_hash(
    sqlite_db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    with sqlite_db.transaction() as s:
        partner = s.scalars(select(Partner).where(Partner.name == "Northwind Traders")).one()
        partner.name = "Ελληνική «Ωμέγα» 東京 <b>&</b>"
        partner.name_key = name_key(partner.name)
    spec = {**SPEC, "partner": "P-1001",
            "lines": [{"sku": "CD-100", "qty": 1, "special": "20"}]}  # fmt: skip
    created = run(capsys, "quote", "create", write_spec(tmp_path, spec), "--db", db)
    assert created[0] == 0, created
    out = tmp_path / "q.pdf"
    assert run(capsys, "quote", "pdf", "Q-2026-00001", "--out", str(out), "--db", db)[0] == 0
    text = " ".join(" ".join(pdftotext_pages(out.read_bytes())).split())
    assert "Ελληνική «Ωμέγα» 東京 <b>&</b>" in text
    assert "spec. 20%" in text
    assert stored_hash(sqlite_db) is None
    code, shown, _ = run(capsys, "quote", "show", "Q-2026-00001", "--format", "json",
                         "--revision", "1", "--db", db)  # fmt: skip
    assert code == 0 and json.loads(shown)["status"] == "needs_approval"


def test_unknown_number_or_revision_is_one_line_and_exit_1(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    run(capsys, "quote", "create", write_spec(tmp_path, SPEC), "--db", db)
    out = tmp_path / "q.pdf"
    code, stdout, err = run(capsys, "quote", "pdf", "Q-2026-00002", "--out", str(out), "--db", db)
    assert (code, stdout, err) == (1, "", "channel-desk: There is no quote Q-2026-00002.\n")
    code, _, err = run(capsys, "quote", "pdf", "Q-2026-00001", "--revision", "7",
                       "--out", str(out), "--db", db)  # fmt: skip
    assert (code, err) == (1, "channel-desk: Quote Q-2026-00001 has no revision 7.\n")
    assert not out.exists()


@pytest.mark.parametrize("where", ["missing/dir/q.pdf", "."])
def test_an_unwritable_path_is_one_line_and_keeps_no_hash(
    sqlite_db: Database,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    db = str(db_path)
    run(capsys, "quote", "create", write_spec(tmp_path, SPEC), "--db", db)
    out = tmp_path / where
    code, stdout, err = run(capsys, "quote", "pdf", "Q-2026-00001", "--out", str(out), "--db", db)
    assert (code, stdout) == (1, "") and len(err.splitlines()) == 1
    assert err.startswith(f"channel-desk: Cannot write {out}")
    assert stored_hash(sqlite_db) is None


def test_the_service_api_renders_checks_and_matches_the_written_file(
    sqlite_db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    run(capsys, "quote", "create", write_spec(tmp_path, SPEC), "--db", db)
    with sqlite_db.reading() as s:
        assert stored_pdf_matches(s, "Q-2026-00001", 1, b"x") is None
    with sqlite_db.transaction() as s:
        pdf = render_revision(s, "Q-2026-00001", None, render_quote_pdf)
        assert pdf.record.outcome == "stored"
    with sqlite_db.transaction() as s:
        assert render_revision(s, "Q-2026-00001", 1, render_quote_pdf).record.outcome == "verified"
        assert stored_pdf_matches(s, "Q-2026-00001", 1, pdf.data) is True
        assert stored_pdf_matches(s, "Q-2026-00001", 1, pdf.data + b" ") is False
