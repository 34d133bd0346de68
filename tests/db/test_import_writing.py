"""New records of an import get their ids in the order of their rows, values kept exactly."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Table, select

from app.db.engine import Database
from app.db.models import Account
from app.services.importing.writing import insert_rows

ACCOUNTS: Table = Account.__table__  # type: ignore[assignment]
NOW = datetime(2026, 11, 30, 9, 15, 0, 123456, tzinfo=UTC)


def test_ids_follow_the_rows_and_every_character_is_kept(any_db: Database) -> None:
    names = [f"Account {n}" for n in range(2500)]
    names[3] = 'Quote " back\\slash \u2028 😀 ß'
    names[2001] = "O'Brien; DROP TABLE account; --"
    rows: list[dict[str, object]] = [
        {"name": name, "name_key": name.casefold(), "version": 1, "created_at": NOW,
         "updated_at": NOW}
        for name in names
    ]  # fmt: skip
    with any_db.transaction() as session:
        first = insert_rows(session, ACCOUNTS, rows[:10])
        ids = insert_rows(session, ACCOUNTS, rows[10:])
    with any_db.reading() as session:
        stored = {i: name for i, name in session.execute(select(Account.id, Account.name))}
        defaults = set(session.scalars(select(Account.named_account)))
    assert [stored[i] for i in first + ids] == names
    assert len(set(first + ids)) == len(names)
    assert defaults == {False}  # the column left out got its default
