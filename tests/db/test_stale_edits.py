"""Two people edit the same record: the second save is refused, never silently lost."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Partner
from app.domain.errors import ConflictError


def test_stale_save_raises_conflict(any_db: Database) -> None:
    with any_db.transaction() as session:
        session.add(Partner(name="Northwind", name_key="northwind", city="Oslo"))

    first = any_db.sessions()
    second = any_db.sessions()
    try:
        mine = first.scalars(select(Partner)).one()
        theirs = second.scalars(select(Partner)).one()
        theirs.city = "Bergen"
        second.commit()

        mine.city = "Trondheim"
        with pytest.raises(Exception) as raised:
            first.commit()
        assert type(raised.value).__name__ == "StaleDataError"
    finally:
        first.close()
        second.close()

    with any_db.reading() as session:
        stored = session.scalars(select(Partner)).one()
    assert stored.city == "Bergen"
    assert stored.version == 2


def test_transaction_turns_a_stale_save_into_a_clear_message(any_db: Database) -> None:
    """Two user actions overlap: the one that saves last gets a ConflictError, not a win."""
    with any_db.transaction() as session:
        session.add(Partner(name="Fabrikam", name_key="fabrikam"))

    with (
        pytest.raises(ConflictError, match="changed by someone else"),
        any_db.transaction() as mine,
    ):
        partner = mine.scalars(select(Partner)).one()
        mine.commit()  # the dialog is open; the user is still typing
        with any_db.transaction() as theirs:
            theirs.scalars(select(Partner)).one().phone = "+47 1234"
        partner.notes = "typed while someone else saved"
    with any_db.reading() as session:
        stored = session.scalars(select(Partner)).one()
    assert stored.notes is None
    assert stored.phone == "+47 1234"
    assert stored.version == 2
