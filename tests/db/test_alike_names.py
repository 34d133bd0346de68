"""Alike account names kept as accounts are written: after any writes, the stored pairs are
exactly the pairs a full comparison of every name gives, and an overlap scan reading them finds
the same groups as one comparing the names itself."""

from __future__ import annotations

import random
import threading
import time
from datetime import date, timedelta
from decimal import Decimal

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

import app.db.alike_names as alike_names
from app.db.alike_names import FLOOR, stored_alike
from app.db.engine import Database, open_database
from app.db.migrate import alembic_config
from app.db.models import Account, AccountAlike, AccountUnmatched, Claim
from app.domain.names import name_key
from app.domain.overlap_match import alike_pairs
from app.services.claims import overlaps
from app.services.claims.overlaps import overlap_groups

TODAY = date(2026, 11, 23)
WORDS = ["Contoso", "Contosso", "Fabrikam", "Fabrikan", "Northwind", "Nortwind", "Tailspin"]
TRADES = ["Pharma", "Pharmas", "Foods", "Mining", "Dining"]
COUNTRIES = ["DE", "GB", None]


def _name(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.choice((1, 2)))
    return " ".join([*words, rng.choice(TRADES), rng.choice(("GmbH", "Ltd", ""))]).strip()


def _account(name: str, country: str | None) -> dict[str, object]:
    return {
        "name": name, "name_key": name_key(name), "country": country,
        "named_account": False, "version": 1,
    }  # fmt: skip


def _add(db: Database, accounts: list[dict[str, object]]) -> None:
    with db.transaction() as session:
        session.execute(insert(Account), accounts)


def _stored(db: Database) -> set[tuple[int, int, float]]:
    with db.reading() as session:
        columns = (AccountAlike.account_a_id, AccountAlike.account_b_id, AccountAlike.score)
        return {(a, b, round(s, 9)) for a, b, s in session.execute(select(*columns))}


def _expected(db: Database) -> set[tuple[int, int, float]]:
    """The pairs at ``FLOOR`` or above that comparing every account with every other gives."""
    with db.reading() as session:
        rows = session.execute(select(Account.id, Account.name_key, Account.country)).all()
    keys = [(i, "", key, None, country) for i, key, country in rows]
    return {
        (min(a[0], b[0]), max(a[0], b[0]), round(score, 9))
        for a, b, score in alike_pairs(keys, FLOOR)
    }


def _unmatched(db: Database) -> int:
    with db.reading() as session:
        return len(session.scalars(select(AccountUnmatched.account_id)).all())


def test_pairs_of_many_and_of_single_accounts_are_the_full_comparisons(any_db: Database) -> None:
    rng = random.Random(3)
    many = [_account(_name(rng), rng.choice(COUNTRIES)) for _ in range(alike_names.BULK + 50)]
    _add(any_db, many)  # read and compared in memory
    assert _stored(any_db) == _expected(any_db) and _stored(any_db)
    for _ in range(12):  # one at a time: compared with one block of names each
        _add(any_db, [_account(_name(rng), rng.choice(COUNTRIES))])
    with any_db.transaction() as session:
        ids = session.scalars(select(Account.id).order_by(Account.id)).all()
        for account_id in rng.sample(ids, 10):  # renamed or moved
            name = _name(rng)
            session.execute(
                update(Account)
                .where(Account.id == account_id)
                .values(name=name, name_key=name_key(name), country=rng.choice(COUNTRIES))
            )
        session.execute(delete(Account).where(Account.id.in_(rng.sample(ids, 5))))
    assert _stored(any_db) == _expected(any_db)
    assert _unmatched(any_db) == 0


def test_an_edit_through_the_records_moves_the_pairs(sqlite_db: Database) -> None:
    _add(sqlite_db, [_account("Contoso Pharma GmbH", "DE"), _account("Contosso Pharma", "DE")])
    assert len(_stored(sqlite_db)) == 1
    with sqlite_db.transaction() as session:
        account = session.scalars(select(Account).where(Account.name == "Contosso Pharma")).one()
        account.country = "GB"  # another country: no longer alike
    assert _stored(sqlite_db) == set()
    with sqlite_db.transaction() as session:
        account = session.scalars(select(Account).where(Account.name == "Contosso Pharma")).one()
        account.country = "DE"
        account.city = "Berlin"
    assert len(_stored(sqlite_db)) == 1


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    batches=st.lists(
        st.lists(
            st.tuples(st.integers(0, 2**32 - 1), st.sampled_from(COUNTRIES)),
            min_size=1,
            max_size=6,
        ),
        min_size=1,
        max_size=5,
    ),
    bulk=st.integers(1, 8),
    renames=st.lists(st.integers(0, 2**32 - 1), max_size=4),
)
def test_any_writes_leave_the_full_comparison_stored(
    sqlite_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    batches: list[list[tuple[int, str | None]]],
    bulk: int,
    renames: list[int],
) -> None:
    monkeypatch.setattr(alike_names, "BULK", bulk)  # both ways of matching, in any mix
    with sqlite_db.transaction() as session:
        session.execute(delete(Account))
    for batch in batches:
        _add(sqlite_db, [_account(_name(random.Random(s)), c) for s, c in batch])
    with sqlite_db.transaction() as session:
        ids = session.scalars(select(Account.id)).all()
        for seed in renames:
            rng = random.Random(seed)
            name = _name(rng)
            session.execute(
                update(Account)
                .where(Account.id == rng.choice(ids))
                .values(name=name, name_key=name_key(name))
            )
    assert _stored(sqlite_db) == _expected(sqlite_db)


def _claims_on_every_account(db: Database, count: int) -> None:
    rng = random.Random(5)
    _add(db, [_account(_name(rng), rng.choice(COUNTRIES)) for _ in range(count)])
    with db.transaction() as session:
        ids = session.scalars(select(Account.id)).all()
        claims = [
            {
                "account_id": account_id, "partner_id": rng.choice((None, 1, 2, 3)),
                "claimed_on": TODAY - timedelta(days=rng.randrange(0, 60)),
                "valid_until": TODAY + timedelta(days=rng.randrange(1, 60)),
                "status": "pending", "deal_amount": Decimal(rng.randrange(1, 90) * 1000),
                "currency": "EUR", "commission_pct": Decimal(10), "version": 1,
            }
            for account_id in ids
        ]  # fmt: skip
        session.execute(insert(Claim), claims)


def test_a_scan_finds_the_same_groups_with_the_stored_pairs_or_without(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.db.models import Partner

    with any_db.transaction() as session:
        session.execute(
            insert(Partner),
            [{"name": f"P{n}", "name_key": f"p{n}", "version": 1} for n in range(1, 4)],
        )
    _claims_on_every_account(any_db, 300)
    with any_db.reading() as session:
        assert stored_alike(session, 90) is not None
        stored = overlap_groups(session, TODAY, 90)
    monkeypatch.setattr(overlaps, "stored_alike", lambda *_: None)
    with any_db.reading() as session:
        compared = overlap_groups(session, TODAY, 90)
    assert stored == compared
    assert any(g.confidence == "likely" for g in stored)


def test_the_stored_pairs_are_not_used_when_they_may_be_incomplete(sqlite_db: Database) -> None:
    _add(sqlite_db, [_account("Contoso Pharma", "DE"), _account("Contosso Pharma", "DE")])
    with sqlite_db.reading() as session:
        assert stored_alike(session, FLOOR) is not None
        assert stored_alike(session, FLOOR - 1) is None  # a threshold below what is kept
    with sqlite_db.engine.begin() as connection:  # written past the application's sessions
        connection.execute(insert(Account), [_account("Contoso Pharmas", "DE")])
    with sqlite_db.reading() as session:
        assert stored_alike(session, 90) is None
    assert _unmatched(sqlite_db) == 1
    reopened = open_database(sqlite_db.url.database)  # opening matches what was left
    try:
        assert _unmatched(reopened) == 0 and _stored(reopened) == _expected(reopened)
    finally:
        reopened.dispose()


def test_an_upgraded_database_has_the_pairs_of_its_accounts(any_db: Database) -> None:
    rng = random.Random(9)
    _add(any_db, [_account(_name(rng), rng.choice(COUNTRIES)) for _ in range(60)])
    expected = _expected(any_db)
    with any_db.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0005")
    upgraded = open_database(any_db.url.render_as_string(hide_password=False))
    try:
        assert _stored(upgraded) == expected and expected
        assert _unmatched(upgraded) == 0
    finally:
        upgraded.dispose()


def test_pairs_stored_by_the_earlier_name_rule_are_found_again_on_upgrade(
    any_db: Database,
) -> None:
    """A database written before abbreviations were read as full words holds the pairs of the
    rule of then: "Metro" alike to "Metric", "Intl" unlike "International"."""
    _add(any_db, [_account(name, "DE") for name in (
        "Northern Metro Supply", "Northern Metric Supply", "Acme Intl Mfg",
        "Acme International Manufacturing",
    )])  # fmt: skip
    expected = _expected(any_db)
    with any_db.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0008")
        connection.execute(delete(AccountAlike))
        ids = connection.scalars(select(Account.id).order_by(Account.id)).all()
        connection.execute(
            insert(AccountAlike), [{"account_a_id": ids[0], "account_b_id": ids[1], "score": 90.9}]
        )
    upgraded = open_database(any_db.url.render_as_string(hide_password=False))
    try:
        assert _stored(upgraded) == expected == {(ids[2], ids[3], 100.0)}
        assert _unmatched(upgraded) == 0
    finally:
        upgraded.dispose()


@pytest.mark.postgres
def test_two_people_adding_alike_accounts_at_once_both_see_the_pair(
    postgres_db: Database,
) -> None:
    first, second = postgres_db.sessions(), postgres_db.sessions()
    try:
        first.execute(insert(Account), [_account("Contoso Pharma", "DE")])
        second.execute(insert(Account), [_account("Contosso Pharma", "DE")])
        alike_names.match_unmatched(first)  # first holds the turn; its account is not committed
        done = threading.Event()

        def commit_second() -> None:
            second.commit()  # waits for its turn: after the first commit, it sees that account
            done.set()

        worker = threading.Thread(target=commit_second)
        worker.start()
        time.sleep(0.5)
        assert not done.is_set()
        first.commit()
        worker.join(10)
        assert done.is_set()
    finally:
        first.close()
        second.close()
    assert len(_stored(postgres_db)) == 1 and _stored(postgres_db) == _expected(postgres_db)


def _rename(session: Session, old: str, new: str) -> None:
    """Rename account ``old`` in ``session``'s transaction, not committed yet."""
    statement = update(Account).where(Account.name == old)
    session.execute(statement.values(name=new, name_key=name_key(new)))
    session.flush()


@pytest.mark.postgres
def test_a_pair_stored_from_a_name_being_changed_meanwhile_is_cleared(
    postgres_db: Database,
) -> None:
    _add(postgres_db, [_account("Contoso Pharma", "DE")])
    renaming = postgres_db.sessions()
    try:
        _rename(renaming, "Contoso Pharma", "Northwind Foods")
        # Someone else adds a twin of the old name and commits first: from what they see,
        # the two are alike.
        _add(postgres_db, [_account("Contosso Pharma", "DE")])
        assert len(_stored(postgres_db)) == 1
        renaming.commit()
    finally:
        renaming.close()
    assert _stored(postgres_db) == _expected(postgres_db) == set()


@pytest.mark.postgres
def test_writers_renaming_accounts_of_one_stored_pair_do_not_wait_for_each_other(
    postgres_db: Database,
) -> None:
    """One renames A (not committed yet); meanwhile someone stores the pair (A, X) and another
    renames X. Neither of the two renames may end waiting for the other's lock."""
    _add(postgres_db, [_account("Contoso Pharma", "DE")])
    first, second = postgres_db.sessions(), postgres_db.sessions()
    try:
        _rename(first, "Contoso Pharma", "Northwind Foods")
        _add(postgres_db, [_account("Contosso Pharma", "DE")])  # alike A's old name
        _rename(second, "Contosso Pharma", "Tailspin Mining")
        errors: list[BaseException] = []

        def commit(session: Session) -> None:
            try:
                session.commit()
            except BaseException as error:  # reported below
                errors.append(error)

        workers = [threading.Thread(target=commit, args=(s,)) for s in (first, second)]
        for worker in workers:
            worker.start()
            time.sleep(0.3)
        for worker in workers:
            worker.join(20)
        assert errors == []
    finally:
        first.close()
        second.close()
    assert _stored(postgres_db) == _expected(postgres_db) == set()
