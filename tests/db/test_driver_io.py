"""Rows written straight to SQLite's driver are stored exactly as SQLAlchemy would store them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import Table, insert

from app.db.engine import Database
from app.db.models import Account, Claim
from app.domain.enums import ClaimStatus
from app.services.importing.driver_io import CHUNK_ROWS, insert_columns

ACCOUNTS: Table = Account.__table__  # type: ignore[assignment]
CLAIMS: Table = Claim.__table__  # type: ignore[assignment]
NOW = datetime(2026, 11, 30, 9, 15, 0, 123456, tzinfo=UTC)


def _claims(account_id: int) -> list[dict[str, object]]:
    return [
        {"account_id": account_id, "partner_id": None, "claimed_on": date(2026, 11, day),
         "valid_until": date(2027, 2, day), "status": status, "deal_amount": amount,
         "currency": "EUR" if amount is not None else None, "commission_pct": pct,
         "version": 1, "created_at": NOW, "updated_at": NOW}
        for day, status, amount, pct in [
            (1, ClaimStatus.PENDING, Decimal("1234.5678"), Decimal("12.5")),
            (2, ClaimStatus.APPROVED, None, Decimal(0)),
            (3, ClaimStatus.REJECTED, Decimal("0.01"), Decimal("99.9999")),
            (4, ClaimStatus.PENDING, Decimal("1234.5678"), Decimal("12.5")),
            (5, ClaimStatus.PENDING, Decimal("1234.5678"), Decimal("12.5")),
        ]
    ]  # fmt: skip


def test_every_column_type_is_stored_as_sqlalchemy_stores_it(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        connection = session.connection()
        account = {"name": "Contoso", "name_key": "contoso", "version": 1,
                   "created_at": NOW, "updated_at": NOW}  # fmt: skip
        connection.execute(insert(ACCOUNTS), [account])
        insert_columns(connection, ACCOUNTS, {k: [val] for k, val in account.items()})
        rows = _claims(1)
        connection.execute(insert(CLAIMS), rows)
        insert_columns(connection, CLAIMS, {k: [r[k] for r in rows] for k in rows[0]})
        stored = connection.exec_driver_sql("SELECT * FROM claim ORDER BY id").all()
        accounts = connection.exec_driver_sql("SELECT * FROM account ORDER BY id").all()
    by_core, by_driver = stored[:5], stored[5:]
    assert [row[1:] for row in by_driver] == [row[1:] for row in by_core]
    # The column left out (named_account) got its default, as Core gives it.
    assert accounts[1][1:] == accounts[0][1:]


def test_rows_keep_their_order_and_every_character(sqlite_db: Database) -> None:
    names = [f"Account {n}" for n in range(CHUNK_ROWS + 10)]
    names[3] = "Nul\x00inside"  # a NUL is kept, not taken for the end of the text
    names[CHUNK_ROWS + 1] = 'Quote " back\\slash \u2028 😀 ß'
    count = len(names)
    with sqlite_db.transaction() as session:
        connection = session.connection()
        columns: dict[str, list[object]] = {
            "name": list(names), "name_key": [n.casefold() for n in names],
            "version": [1] * count, "created_at": [NOW] * count, "updated_at": [NOW] * count,
        }  # fmt: skip
        insert_columns(connection, ACCOUNTS, columns)
        stored = connection.exec_driver_sql("SELECT name FROM account ORDER BY id").scalars().all()
    assert stored == names
