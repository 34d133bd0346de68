"""``quote accept NUMBER [--on DATE]``: the partner's acceptance of the issued revision, dated;
refusals say why in one line and change nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Quote, QuoteRevision
from app.domain.enums import QuoteStatus
from tests.cli.test_quote_cli import SPEC, run, write_spec


@pytest.fixture
def db_path(sqlite_db: Database) -> Path:
    from tests.support.quote_book import add_price_book

    add_price_book(sqlite_db)
    assert sqlite_db.path is not None
    return sqlite_db.path


def _revisions(db: Database) -> list[tuple[int, QuoteStatus, date | None]]:
    with db.reading() as s:
        rows = s.execute(
            select(QuoteRevision.revision, QuoteRevision.status, QuoteRevision.accepted_on)
            .join(Quote, Quote.id == QuoteRevision.quote_id)
            .order_by(QuoteRevision.revision)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_accept_on_a_day_then_again_is_refused(
    sqlite_db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_path)]
    assert run(capsys, "quote", "create", write_spec(tmp_path, SPEC), *db)[0] == 0
    code, out, err = run(capsys, "quote", "accept", "q-2026-00001", "--on", "2026-11-25", *db)
    assert (code, out, err) == (0, "Q-2026-00001 rev 1 accepted on 2026-11-25\n", "")
    assert _revisions(sqlite_db) == [(1, QuoteStatus.ACCEPTED, date(2026, 11, 25))]
    code, out, _err = run(capsys, "quote", "show", "Q-2026-00001", *db)
    assert code == 0 and "(Accepted)" in out and "accepted on 2026-11-25" in out
    code, out, err = run(capsys, "quote", "accept", "Q-2026-00001", "--on", "2026-11-26", *db)
    assert (code, out) == (1, "")
    assert err == "channel-desk: Q-2026-00001 rev 1 was accepted on 2026-11-25 already.\n"
    assert _revisions(sqlite_db) == [(1, QuoteStatus.ACCEPTED, date(2026, 11, 25))]


@pytest.mark.parametrize(
    ("on", "message"),
    [
        ("2026-11-21", "is dated 2026-11-22: it cannot have been accepted before, on 2026-11-21."),
        ("2999-01-01", "that is in the future"),
        ("3026-01-01", "--on is outside the years 1900 to 2999"),
        ("soon", "--on is not a date"),
        ("2026-02-30", "--on is not a real date"),
    ],
)
def test_refusals_change_nothing(
    sqlite_db: Database,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    on: str,
    message: str,
) -> None:
    db = ["--db", str(db_path)]
    assert run(capsys, "quote", "create", write_spec(tmp_path, SPEC), *db)[0] == 0
    code, out, err = run(capsys, "quote", "accept", "Q-2026-00001", "--on", on, *db)
    assert (code, out) == (1, "")
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert _revisions(sqlite_db) == [(1, QuoteStatus.ISSUED, None)]


def test_a_draft_and_an_unknown_quote_are_refused(
    sqlite_db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_path)]
    draft = {**SPEC, "lines": [{"sku": "CD-100", "qty": 3, "special": "40"}]}
    assert run(capsys, "quote", "create", write_spec(tmp_path, draft), *db)[0] == 0
    code, _out, err = run(capsys, "quote", "accept", "Q-2026-00001", *db)
    assert code == 1 and "not issued yet; issue it before it can be accepted" in err
    code, _out, err = run(capsys, "quote", "accept", "Q-2026-99999", *db)
    assert (code, err) == (1, "channel-desk: There is no quote Q-2026-99999.\n")
    assert _revisions(sqlite_db) == [(1, QuoteStatus.NEEDS_APPROVAL, None)]


def test_today_is_the_default_day(
    sqlite_db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_path)]
    today = date.today()
    spec = {**SPEC, "date": today.isoformat()}
    assert run(capsys, "quote", "create", write_spec(tmp_path, spec), *db)[0] == 0
    number = f"Q-{today.year}-00001"
    assert run(capsys, "quote", "accept", number, *db)[:2] == (
        0, f"{number} rev 1 accepted on {today.isoformat()}\n"
    )  # fmt: skip
    assert _revisions(sqlite_db) == [(1, QuoteStatus.ACCEPTED, today)]
