"""An issued revision's PDF is kept at its first print and returned by every later one, whatever
the renderer does by then; damaged bytes are refused; revisions printed before the bytes were
kept get them when they still match, and otherwise print today's rendering with a notice."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from alembic import command
from sqlalchemy import Connection, inspect, select, update
from sqlalchemy.exc import InvalidRequestError

from app.db.engine import Database
from app.db.migrate import alembic_config, sqlite_migration
from app.db.models import QuoteRevision
from app.domain.errors import RefusedError
from app.domain.quote_print import QuoteDocument
from app.io.quote_pdf import render_quote_pdf
from app.services.quotes.issued_pdf import PdfOutcome, sha256_of
from app.services.quotes.lifecycle import mark_sent
from app.services.quotes.pdf import QuotePdf, Renderer, render_revision
from tests.db.test_quote_lifecycle import NOW, new_quote
from tests.support.quote_book import add_price_book


@pytest.fixture
def db(any_db: Database) -> Database:
    add_price_book(any_db)
    return any_db


@contextmanager
def migrating(db: Database) -> Iterator[Connection]:
    """A connection to change the schema on, as the application's upgrade opens it: on SQLite
    with foreign keys off, since a rebuilt table (the tiers, which partners refer to) is
    dropped and copied back."""
    if db.engine.dialect.name != "sqlite":
        with db.engine.begin() as connection:
            yield connection
        return
    with db.engine.connect() as connection, sqlite_migration(connection, "test"):
        yield connection


def never(_document: QuoteDocument) -> bytes:
    raise AssertionError("an issued revision's kept PDF is never rendered again")


def later_version(document: QuoteDocument) -> bytes:
    """What a later Channel Desk (other fonts, a fixed renderer) makes of the same document."""
    return render_quote_pdf(document) + b"% rendered by a later version\n"


def printed(db: Database, number: str, render: Renderer = render_quote_pdf) -> QuotePdf:
    with db.transaction() as s:
        return render_revision(s, number, None, render)


def kept(db: Database) -> tuple[str | None, bytes | None]:
    with db.reading() as s:
        row = s.execute(select(QuoteRevision.pdf_sha256, QuoteRevision.pdf_data)).one()
    return row.pdf_sha256, row.pdf_data


def set_kept(db: Database, **values: object) -> None:
    with db.transaction() as s:
        s.execute(update(QuoteRevision).values(**values))


def test_the_first_print_is_kept_and_every_later_one_returns_it(db: Database) -> None:
    number = new_quote(db)
    first = printed(db, number)
    assert first.record.outcome == PdfOutcome.STORED and first.notice == ""
    assert kept(db) == (sha256_of(first.data), first.data)
    again = printed(db, number, never)  # not rendered: a renderer changed since cannot matter
    assert again.data == first.data
    assert again.record.outcome == PdfOutcome.VERIFIED and again.notice == ""
    assert again.document.view.number == number  # the e-mail still gets its figures


def test_a_quote_waiting_for_approval_is_rendered_every_time_and_nothing_is_kept(
    db: Database,
) -> None:
    number = new_quote(db, special="20")
    assert printed(db, number).record.outcome == PdfOutcome.NOT_KEPT
    assert printed(db, number, later_version).data.endswith(b"later version\n")
    assert kept(db) == (None, None)


def test_kept_bytes_that_no_longer_match_their_hash_are_refused(db: Database) -> None:
    number = new_quote(db)
    data = printed(db, number).data
    set_kept(db, pdf_data=data[:-8] + b"damaged\n")
    with pytest.raises(RefusedError, match="is damaged") as caught:
        printed(db, number, never)
    assert "restore the database from a backup" in str(caught.value)
    assert kept(db) == (sha256_of(data), data[:-8] + b"damaged\n")  # left for the restore


def test_a_revision_printed_before_bytes_were_kept_keeps_them_if_they_still_match(
    db: Database,
) -> None:
    number = new_quote(db)
    data = printed(db, number).data
    set_kept(db, pdf_data=None)  # as a database from before the bytes were kept
    again = printed(db, number)
    assert again.record.outcome == PdfOutcome.STORED and again.data == data
    assert kept(db) == (sha256_of(data), data)


def test_a_revision_printed_before_bytes_were_kept_that_differs_prints_with_a_notice(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    number = new_quote(db)
    original = printed(db, number).data
    set_kept(db, pdf_data=None)
    with caplog.at_level(logging.WARNING, logger="app.services.quotes.issued_pdf"):
        reprint = printed(db, number, later_version)
    assert reprint.data == later_version(reprint.document) != original
    assert reprint.record.outcome == PdfOutcome.DIFFERS
    assert f"This copy of {number} rev 1 is not the PDF as issued" in reprint.notice
    assert "differs from the one issued" in caplog.text
    # The original's hash stays on record, nothing is kept, and the next print says it again.
    assert kept(db) == (sha256_of(original), None)
    assert printed(db, number, later_version).record.outcome == PdfOutcome.DIFFERS


def test_revisions_are_read_without_their_kept_pdf(db: Database) -> None:
    number = new_quote(db)
    printed(db, number)
    with db.transaction() as s:
        mark_sent(s, number, 1, "zoe@northwind.example", NOW)  # reads and writes the revision
    with db.reading() as s:
        rev = s.scalars(select(QuoteRevision)).one()
        assert "pdf_data" in inspect(rev).unloaded
        with pytest.raises(InvalidRequestError):
            _ = rev.pdf_data  # a list or a lifecycle step that reached for it would fail here
    assert printed(db, number, never).record.outcome == PdfOutcome.VERIFIED


def test_upgrading_a_database_from_before_keeps_the_hash_and_keeps_the_bytes_at_next_print(
    db: Database,
) -> None:
    number = new_quote(db)
    data = printed(db, number).data
    with migrating(db) as connection:
        command.downgrade(alembic_config(connection), "0003")
        columns = {c["name"] for c in inspect(connection).get_columns("quote_revision")}
        assert "pdf_data" not in columns and "pdf_sha256" in columns
    with migrating(db) as connection:
        command.upgrade(alembic_config(connection), "head")
    assert kept(db) == (sha256_of(data), None)
    # The same bytes again: the quote's lines survived both ways (a copy of quote_revision, as
    # batch mode makes on SQLite, would have deleted them through ON DELETE CASCADE).
    assert printed(db, number).record.outcome == PdfOutcome.STORED
    assert kept(db) == (sha256_of(data), data)
