"""Saving the rules of engagement: both numbers and the named accounts in one go, or nothing
with every problem said, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Account, DirectRep
from app.domain.errors import InputError
from app.services.business_settings import load_business_settings
from app.services.claims.engagement import read_engagement, save_engagement
from tests.support.sample_records import add_sample_records


def _state(db: Database) -> tuple[object, ...]:
    with db.reading() as s:
        rules = read_engagement(s)
        return rules.protection_days, rules.cooling_off_days, rules.named


def test_save_the_numbers_and_the_list(any_db: Database) -> None:
    add_sample_records(any_db)
    with any_db.reading() as s:
        tailspin = s.scalars(select(Account.id).where(Account.name == "Tailspin Toys")).one()
        rep = s.scalars(select(DirectRep.id)).one()
    with any_db.transaction() as s:
        save_engagement(s, "30", "14", {tailspin: rep})
    with any_db.reading() as s:
        settings = load_business_settings(s)
        assert (settings.registration_protection_days, settings.direct_cooling_off_days) == (30, 14)
        (named,) = read_engagement(s).named
        assert (named.name, named.rep) == ("Tailspin Toys", "Dana Direct")


@pytest.mark.parametrize(
    ("protection", "cooling", "said"),
    [("-1", "60", "must not be negative"), ("90", "two months", "not a whole number")],
)
def test_a_bad_number_changes_nothing(
    any_db: Database, protection: str, cooling: str, said: str
) -> None:
    add_sample_records(any_db)
    before = _state(any_db)
    with pytest.raises(InputError, match=said), any_db.transaction() as s:
        save_engagement(s, protection, cooling, {})
    assert _state(any_db) == before


def test_an_account_gone_since_changes_nothing(any_db: Database) -> None:
    add_sample_records(any_db)
    before = _state(any_db)
    with pytest.raises(InputError, match="no longer exists"), any_db.transaction() as s:
        save_engagement(s, "10", "10", {987654: None})
    assert _state(any_db) == before
