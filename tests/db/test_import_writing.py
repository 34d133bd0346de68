"""New records of an import get their ids in the order of their rows, values kept exactly."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Account, Partner, Tier
from app.domain.enums import PartnerStatus, PartnerType
from app.services.importing.driver_block import MANY_ROWS, BlockMaker, rows_per_statement
from app.services.importing.writing import insert_block, insert_rows

ACCOUNTS: Table = Account.__table__  # type: ignore[assignment]
PARTNERS: Table = Partner.__table__  # type: ignore[assignment]
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


def _partner_rows(tier_ids: list[int]) -> dict[str, list[object]]:
    """Partners' columns with every kind of value an import writes: text of all sorts, enums,
    dates, numbers and empty cells."""
    count = 300
    names = [f"Partner {n}" for n in range(count)]
    names[3] = 'Quote " back\\slash \u2028 😀 ß'
    names[7] = "O'Brien; DROP TABLE partners; --"
    return {
        "partner_code": [f"P-{n}" if n % 5 else None for n in range(count)],
        "name": names,
        "name_key": [name.casefold() for name in names],
        "legal_name": [None if n % 3 else f"{names[n]} GmbH" for n in range(count)],
        "type": [list(PartnerType)[n % len(PartnerType)] for n in range(count)],
        "status": [list(PartnerStatus)[n % len(PartnerStatus)] for n in range(count)],
        "tier_id": [([*tier_ids, None])[n % (len(tier_ids) + 1)] for n in range(count)],
        "country": [("DE", "FR", None)[n % 3] for n in range(count)],
        "partner_since": [date(2020, n % 12 + 1, n % 28 + 1) if n % 4 else None
                          for n in range(count)],
        "notes": ["line one\nline two" if n % 2 else "" for n in range(count)],
    }  # fmt: skip


def _stored_raw(session: Session) -> list[tuple[object, ...]]:
    """Every partner as the database holds it (no type of ours in between), without its id."""
    raw = select(PARTNERS).order_by(PARTNERS.c.id).compile(dialect=session.get_bind().dialect)
    rows = session.connection().exec_driver_sql(str(raw)).all()
    return [tuple(value for key, value in row._mapping.items() if key != "id") for row in rows]


@pytest.mark.parametrize("per_statement", [1, 7])
def test_a_block_for_the_driver_stores_what_insert_stores(
    any_db: Database, per_statement: int
) -> None:
    """The same partners written through ``insert(table)`` and through a ``DriverBlock`` (one
    executemany, or on SQLite statements of 7 rows and an executemany of the rest) are stored
    value for value the same, read back raw."""
    later = datetime(2026, 11, 30, 10, 15, 0, 654321, tzinfo=timezone(timedelta(hours=-5)))
    stamps = {"version": 1, "created_at": NOW, "updated_at": later}
    with any_db.transaction() as session:
        tier_ids = list(session.scalars(select(Tier.id)))
        columns = _partner_rows(tier_ids)
        count = len(columns["name"])
        plain = [
            {**dict(zip(columns, row, strict=True)), **stamps}
            for row in zip(*columns.values(), strict=True)
        ]
        plain_ids = insert_rows(session, PARTNERS, plain)
        plain_stored = _stored_raw(session)
        session.execute(delete(Partner))
        maker = BlockMaker(session.get_bind().dialect, PARTNERS, per_statement)
        block = maker.make(columns, stamps, list(range(2, count + 2)))
        if any_db.is_sqlite and per_statement > 1:
            assert (len(block.statements), len(block.rows)) == (count // 7, count % 7)
        block_ids = insert_block(session.connection(), PARTNERS, block)
        block_stored = _stored_raw(session)
    assert len(block_ids) == len(plain_ids) == count
    assert block_ids == sorted(block_ids) and len(set(block_ids)) == count
    assert block_stored == plain_stored
    assert len({row[1] for row in block_stored}) == count  # every name, as given


def test_a_column_the_block_leaves_out_is_refused_rather_than_left_to_a_default(
    sqlite_db: Database,
) -> None:
    """SQLAlchemy fills a left-out column's default in itself; a block for the driver cannot,
    so it says so instead of storing something else."""
    with sqlite_db.reading() as session:
        maker = BlockMaker(session.get_bind().dialect, PARTNERS)
    with pytest.raises(ValueError, match="cannot insert"):
        maker.make({"name": ["A"], "name_key": ["a"]}, {}, [2])


def test_sqlite_takes_many_rows_per_statement_within_its_limit(sqlite_db: Database) -> None:
    with sqlite_db.reading() as session:
        per = rows_per_statement(session.connection(), len(PARTNERS.c))
    assert 1 < per <= min(MANY_ROWS, 32766 // len(PARTNERS.c))
