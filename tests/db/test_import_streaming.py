"""A large import writes new records while it reads on, yet stays all or nothing.

New partners go to the database a block at a time while the file is still being read
(``StreamWriter``); these tests hold it to the promise of the import: a refused import, a cancel
or a dry run leaves the database as it was, and what is written has its history.
"""

from __future__ import annotations

import gc
import json
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from app.db.engine import Database, open_database
from app.db.models import AuditEntry, Partner
from app.domain.importing.report import ImportRefused
from app.domain.importing.sheet import BLOCK_ROWS, sheet_from_rows
from app.domain.progress import CancelledByUser
from app.services.audit_read import created_in_batch
from app.services.importing import ImportOptions
from app.services.importing.partners import import_partners
from app.services.partners.related import partner_history

MANY = BLOCK_ROWS * 2 + 500  # several blocks written before the end of the file


def _rows(count: int) -> list[dict[str, object]]:
    return [
        {"partner_code": f"P-{n:05d}", "name": f"Partner {n}", "tier": "Gold", "country": "DE"}
        for n in range(count)
    ]


def _count(db: Database, model: type) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _import(db: Database, rows: list[dict[str, object]], **options: object):  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        sheet = sheet_from_rows(rows, name="partners.xlsx")
        return import_partners(session, sheet, ImportOptions(**options))  # type: ignore[arg-type]


def test_a_bad_row_near_the_end_leaves_the_database_as_it_was(any_db: Database) -> None:
    rows = _rows(MANY)
    rows[-3]["email"] = "not an address"
    with pytest.raises(ImportRefused) as refused:
        _import(any_db, rows)
    assert f"row {MANY - 1}, column 'email'" in str(refused.value)
    assert _count(any_db, Partner) == 0
    assert _count(any_db, AuditEntry) == 0


def test_skip_invalid_writes_every_good_row_with_where_it_came_from(any_db: Database) -> None:
    rows = _rows(MANY)
    rows[BLOCK_ROWS + 7]["country"] = "Atlantis"
    summary = _import(any_db, rows, skip_invalid=True)
    assert (summary.new, summary.invalid_rows, summary.written) == (MANY - 1, 1, True)
    assert _count(any_db, Partner) == MANY - 1
    with any_db.reading() as session:
        code = f"P-{BLOCK_ROWS * 2:05d}"
        partner = session.scalars(select(Partner).where(Partner.partner_code == code)).one()
        found = created_in_batch(session, "partner", partner.id)
        assert found is not None
        changes = json.loads(found.entry.changes)
        assert changes["imported_from"] == [None, "partners.xlsx"]
        assert changes["rows"][str(partner.id)] == BLOCK_ROWS * 2 + 2
        history = partner_history(session, partner.id)
    assert [(h.what, h.field, h.new) for h in history] == [
        ("Partner created", "Imported from", f"partners.xlsx, row {BLOCK_ROWS * 2 + 2}")
    ]
    assert _count(any_db, AuditEntry) == 3  # one per block of new partners written


def test_new_ids_follow_the_rows_of_the_file(any_db: Database) -> None:
    _import(any_db, _rows(MANY))
    with any_db.reading() as session:
        codes = session.scalars(select(Partner.partner_code).order_by(Partner.id)).all()
    assert codes == [f"P-{n:05d}" for n in range(MANY)]


def test_a_cancel_half_way_writes_nothing(any_db: Database) -> None:
    done: list[int] = []
    with pytest.raises(CancelledByUser):
        _import(
            any_db,
            _rows(MANY),
            progress=lambda count, _total: done.append(count),
            cancelled=lambda: bool(done) and done[-1] >= BLOCK_ROWS * 2,
        )
    assert _count(any_db, Partner) == 0
    assert _count(any_db, AuditEntry) == 0


def test_a_dry_run_of_a_large_file_writes_nothing(any_db: Database) -> None:
    summary = _import(any_db, _rows(MANY), dry_run=True)
    assert (summary.new, summary.written) == (MANY, False)
    assert _count(any_db, Partner) == 0


def test_duplicates_far_apart_in_the_file_are_found(any_db: Database) -> None:
    rows = _rows(MANY)
    rows.append(dict(rows[3]))  # identical: folded into one
    rows.append(dict(rows[5], name="Partner five, renamed"))  # same ID, other values
    with pytest.raises(ImportRefused) as refused:
        _import(any_db, rows)
    assert (
        f"row {MANY + 3}, column 'name': 'Partner five, renamed' is the same partner as row 7"
        in (str(refused.value))
    )
    summary = _import(any_db, rows, skip_invalid=True)
    assert (summary.new, summary.merged, summary.invalid_rows) == (MANY, 1, 1)


def test_the_session_stays_on_the_callers_thread_and_no_thread_is_left(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows are checked on a second thread, yet every statement, every use of the session
    and every progress report happen on the caller's thread; afterwards no thread is left, the
    interpreter's thread switching is as it was and the collector (paused, see
    ``app.services.gc_pause``) runs again."""
    caller = threading.get_ident()
    threads_before = set(threading.enumerate())
    switching, collecting = sys.getswitchinterval(), gc.isenabled()
    used_on: list[tuple[str, int]] = []
    threads_during: list[int] = []

    def statement(*_args: object) -> None:
        used_on.append(("statement", threading.get_ident()))

    real_connection = Session.connection

    def connection(self: Session, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        used_on.append(("session", threading.get_ident()))
        return real_connection(self, *args, **kwargs)  # type: ignore[arg-type]

    def progress(_done: int, _total: int) -> None:
        used_on.append(("progress", threading.get_ident()))
        threads_during.append(threading.active_count())

    monkeypatch.setattr(Session, "connection", connection)
    event.listen(any_db.engine, "before_cursor_execute", statement)
    try:
        summary = _import(any_db, _rows(MANY), progress=progress)
    finally:
        event.remove(any_db.engine, "before_cursor_execute", statement)
    assert summary.new == MANY
    assert {kind for kind, _ in used_on} == {"statement", "session", "progress"}
    assert {thread for _, thread in used_on} == {caller}
    assert max(threads_during) == len(threads_before) + 1  # the checking thread, while it ran
    assert set(threading.enumerate()) == threads_before
    assert (sys.getswitchinterval(), gc.isenabled()) == (switching, collecting)
    assert _count(any_db, Partner) == MANY


def test_an_error_while_writing_stops_the_checking_thread(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails is raised on the caller's thread, the checking thread ends (even while
    it waits to hand over a block) and nothing is written."""
    from app.services.importing import stream_writer

    threads_before = set(threading.enumerate())
    written: list[int] = []

    def failing(connection, table, block, *rest):  # type: ignore[no-untyped-def]
        written.append(len(block.numbers))
        if len(written) == 2:
            raise OSError("disk full")
        return real(connection, table, block, *rest)

    real = stream_writer.insert_block
    monkeypatch.setattr(stream_writer, "insert_block", failing)
    with pytest.raises(OSError, match="disk full"):
        _import(any_db, _rows(BLOCK_ROWS * 12))
    assert written == [BLOCK_ROWS, BLOCK_ROWS]
    assert set(threading.enumerate()) == threads_before
    assert _count(any_db, Partner) == 0


def test_an_error_while_checking_is_raised_on_the_callers_thread(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug on the checking thread reaches the caller as itself, after the thread ended."""
    from app.services.importing import partners

    threads_before = set(threading.enumerate())
    real = partners._new_columns
    calls: list[int] = []

    def failing(columns):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 2:
            raise KeyError("a bug")
        return real(columns)

    monkeypatch.setattr(partners, "_new_columns", failing)
    with pytest.raises(KeyError, match="a bug"):
        _import(any_db, _rows(MANY))
    assert set(threading.enumerate()) == threads_before
    assert _count(any_db, Partner) == 0


def test_a_partner_given_again_in_a_later_block_is_found_like_in_one_block(
    sqlite_db: Database,
) -> None:
    """Whole blocks of new partners are taken at once; a row that repeats one of an earlier
    block, the same or with other values, or a row without an ID that names one, is still seen
    (the last differs from the row with the ID in its ID and tier)."""
    rows = _rows(MANY)
    rows[BLOCK_ROWS + 10] = dict(rows[3])  # the same row again: merged
    rows[BLOCK_ROWS * 2 + 1] = {**rows[5], "country": "FR"}  # other values: reported
    rows[BLOCK_ROWS * 2 + 2] = {"name": "Partner 7", "country": "DE"}  # no ID, same name
    summary = _import(sqlite_db, rows, skip_invalid=True)
    assert summary.merged == 1
    assert [(p.row, p.reason) for p in summary.problems] == [
        (BLOCK_ROWS * 2 + 3, "is the same partner as row 7 with different values: keep one row"),
        (BLOCK_ROWS * 2 + 4, "is the same partner as row 9 with different values: keep one row"),
    ]
    assert _count(sqlite_db, Partner) == MANY - 3


def test_a_re_imported_partner_given_again_in_a_later_block_is_found_like_in_one_block(
    sqlite_db: Database,
) -> None:
    """Whole blocks of unchanged partners are taken at once in a re-import; a later row that
    repeats one of them, the same or with other values, or names one without its ID, is still
    seen, and a changed row in a later block is still an update (it leaves the fast way)."""
    _import(sqlite_db, _rows(MANY))
    rows = _rows(MANY)
    rows[BLOCK_ROWS + 10] = dict(rows[3])  # the same row again: merged
    rows[BLOCK_ROWS * 2 + 1] = {**rows[5], "country": "FR"}  # other values: reported
    rows[BLOCK_ROWS * 2 + 2] = {"name": "Partner 7", "country": "DE"}  # no ID, same name
    rows[BLOCK_ROWS * 2 + 3]["tier"] = "Silver"  # changed: an update
    summary = _import(sqlite_db, rows, skip_invalid=True)
    assert summary.merged == 1
    assert summary.updated == 1
    assert summary.unchanged == MANY - 4
    assert [(p.row, p.reason) for p in summary.problems] == [
        (BLOCK_ROWS * 2 + 3, "is the same partner as row 7 with different values: keep one row"),
        (BLOCK_ROWS * 2 + 4, "is the same partner as row 9 with different values: keep one row"),
    ]
    assert _count(sqlite_db, Partner) == MANY


def test_whole_new_blocks_store_what_the_row_by_row_path_stores(
    any_db: Database, tmp_path: Path
) -> None:
    """A first import sends whole blocks on as columns; with a partner stored before, the same
    rows go row by row. Both store the same values."""
    rows = _rows(MANY)
    for n, row in enumerate(rows):
        row.update(type="Distributor" if n % 3 else None, email=f"a{n}@p.example", city="Köln")
    _import(any_db, rows)
    other = open_database(tmp_path / "row-by-row.sqlite")
    try:
        _import(other, [{"name": "Stored before", "country": "FR"}])
        _import(other, rows)

        def stored(db: Database) -> list[tuple[object, ...]]:
            skipped = ("id", "created_at", "updated_at")
            columns = [c for c in Partner.__table__.c if c.name not in skipped]
            with db.reading() as session:
                found = session.execute(select(*columns).where(Partner.name != "Stored before"))
                return sorted(tuple(row) for row in found)

        assert stored(any_db) == stored(other)
    finally:
        other.dispose()


def test_a_large_import_asks_for_the_highest_id_once_and_writes_its_history_once(
    sqlite_db: Database,
) -> None:
    """On SQLite each block's new ids follow from the block before (the import holds the write
    lock from its first block on): the table's highest id is read once, not around every block,
    and the history of every block is written in one statement at the end. Each statement the
    writing thread sends is a wait for the checking thread to let go of the interpreter."""
    statements: list[str] = []

    def statement(_conn, _cursor, sql, *_rest) -> None:  # type: ignore[no-untyped-def]
        statements.append(" ".join(sql.lower().split()))

    event.listen(sqlite_db.engine, "before_cursor_execute", statement)
    try:
        summary = _import(sqlite_db, _rows(BLOCK_ROWS * 5))
    finally:
        event.remove(sqlite_db.engine, "before_cursor_execute", statement)
    assert summary.new == BLOCK_ROWS * 5
    assert len([s for s in statements if s.startswith("select max(partner.id)")]) == 1
    assert len([s for s in statements if s.startswith("insert into audit_entry")]) == 1
    assert _count(sqlite_db, AuditEntry) == 5
    with sqlite_db.reading() as session:
        ids = session.scalars(select(Partner.id).order_by(Partner.id)).all()
        rows = created_rows(session)
    assert ids == list(range(1, BLOCK_ROWS * 5 + 1))
    assert rows == {partner_id: partner_id + 1 for partner_id in ids}  # file row = id + 1


def test_each_block_handed_to_the_writing_thread_is_one_statement(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite the checking thread hands over one many-row ``INSERT`` at a time: while it runs,
    the checking thread readies the next one, so the statement does not end while the checking
    thread holds the interpreter (several statements a block did, and waited for it)."""
    from app.services.importing import stream_writer
    from app.services.importing.driver_block import MANY_ROWS

    blocks: list[tuple[int, int]] = []
    real = stream_writer.insert_block

    def counting(connection, table, block, *rest):  # type: ignore[no-untyped-def]
        blocks.append((len(block.statements), len(block.rows)))
        return real(connection, table, block, *rest)

    monkeypatch.setattr(stream_writer, "insert_block", counting)
    summary = _import(sqlite_db, _rows(MANY_ROWS * 5 + 7))
    assert summary.new == MANY_ROWS * 5 + 7
    assert blocks == [(1, 0)] * 5 + [(0, 7)]
    assert _count(sqlite_db, Partner) == MANY_ROWS * 5 + 7


def created_rows(session: Session) -> dict[int, int]:
    """Each partner's file row, as the history of its import gives it."""
    found: dict[int, int] = {}
    for changes in session.scalars(select(AuditEntry.changes)):
        found.update({int(k): v for k, v in json.loads(changes)["rows"].items()})
    return found
