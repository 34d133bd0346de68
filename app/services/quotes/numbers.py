"""Quote numbers ``Q-<year>-<5-digit sequence>``: gap-free per year, never handed out twice.

Two people on one PostgreSQL database may create quotes at the same moment, so "highest number
+ 1" is only safe while nobody else can do the same: the allocation first takes a lock that lasts
until the caller's transaction ends (an advisory lock per year on PostgreSQL; the write lock on
SQLite, taken before anything is read so no stale snapshot can follow). The unique constraint on
(year, sequence) stays the last line of defence: an insert that still collides is retried with
the next number inside a savepoint.
"""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.models import Quote
from app.domain.errors import InputError

#: Any constant our application owns in PostgreSQL's advisory-lock key space: "CDQ" + year.
_ADVISORY_KEY = 0x434451
MAX_SEQUENCE = 99_999
_ATTEMPTS = 5


def quote_number(year: int, sequence: int) -> str:
    return f"Q-{year}-{sequence:05d}"


def lock_numbering(session: Session, year: int) -> None:
    """Hold the numbering of ``year`` until the transaction ends; call it before reading.

    On SQLite an UPDATE that touches no row still takes the database's write lock (waiting out
    the busy timeout for another writer), and the read that follows then sees every commit.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_ADVISORY_KEY, year)))
    else:
        session.execute(
            update(Quote).where(Quote.id == -1).values(sequence=Quote.sequence),
            execution_options={"synchronize_session": False},
        )


def next_sequence(session: Session, year: int) -> int:
    highest = session.scalar(select(func.max(Quote.sequence)).where(Quote.year == year)) or 0
    if highest >= MAX_SEQUENCE:
        raise InputError(f"All {MAX_SEQUENCE:,} quote numbers of {year} are used.")
    return highest + 1


def insert_numbered(session: Session, quote: Quote, year: int) -> Quote:
    """Give ``quote`` the next number of ``year`` and flush it; retried if the number was taken."""
    for attempt in range(1, _ATTEMPTS + 1):
        sequence = next_sequence(session, year)
        quote.year, quote.sequence, quote.number = year, sequence, quote_number(year, sequence)
        try:
            with session.begin_nested():
                session.add(quote)
                session.flush()
            return quote
        except IntegrityError:
            if attempt == _ATTEMPTS:
                raise
            if quote in session:  # the savepoint's rollback normally expunges it already
                session.expunge(quote)
    raise AssertionError("unreachable")  # pragma: no cover
