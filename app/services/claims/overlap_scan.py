"""What the overlap scan reads, and the full rows it makes of the claims found in overlaps.

The scan reads every live claim and the accounts they are on, 76,000 and 60,000 rows on the
benchmark, in one transaction that sees one moment of the database (``app.db.snapshot``):
otherwise a claim could be read without the account a write moved it to. The rule needs five
values of a claim (a ``ClaimSpan``: the rows are laid out so) and an account's key; only the
claims in some overlap, most but not all of them, become ``LiveClaim`` rows for the report.

The reads are Core statements on the session's connection: they load no ORM objects, and the
ORM's result handling for plain columns cost a third of the read (0.53 s against 0.39 s for the
benchmark's live claims on SQLite).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any

from sqlalchemy import BigInteger, Select, and_, func, select, type_coerce
from sqlalchemy.orm import Session

from app.db.models import Account, Claim, Partner
from app.db.types import Money, Percent
from app.domain.enums import ClaimStatus
from app.domain.overlap_groups import LiveClaim
from app.domain.overlap_links import ClaimOverlap
from app.domain.overlap_match import AccountKey
from app.services.claims.accounts import DIRECT, live_claim_condition

DIRECT_KEY = "direct"
#: Where a row of ``live_accounts`` says whether the account is a named account; the values
#: before it are an ``AccountKey``'s.
NAMED_AT = 6
#: Rows made at once by a read of the scan (``_rows``).
BATCH_ROWS = 2000

#: A live claim as read: (id, account, partner, claimed on, valid until, stored deal amount,
#: currency, stored commission %, approved), a ``ClaimSpan`` first, then what the report shows.
#: The deal amount and the commission come as the integers they are stored as
#: (``app.db.types``), made Decimals only for the claims in an overlap. Whether a claim is
#: approved is asked of the database: read as a status, each of the 76,000 values went through
#: the enum's Python converter, for a yes or no the rules of engagement need of a few.
ClaimRow = tuple[Any, ...]


def claimant_key(partner_id: int | None) -> str:
    """Who holds a claim, as the rules compare it: a partner, or the direct team as one."""
    return f"partner:{partner_id}" if partner_id is not None else DIRECT_KEY


def live_claim_rows(session: Session, today: date) -> list[ClaimRow]:
    """Every live claim, laid out as ``ClaimRow``. No joins: the accounts and claimants are
    read once each."""
    statement = select(
        Claim.id, Claim.account_id, Claim.partner_id, Claim.claimed_on, Claim.valid_until,
        type_coerce(Claim.deal_amount, BigInteger), Claim.currency,
        type_coerce(Claim.commission_pct, BigInteger),
        (Claim.status == ClaimStatus.APPROVED).label("approved"),
    ).where(live_claim_condition(today))  # fmt: skip
    return _rows(session, statement)


def live_accounts(session: Session, today: date, claims: list[ClaimRow]) -> list[Any]:
    """The accounts of the live ``claims``, each once, laid out as an ``AccountKey`` followed by
    whether the account is on the direct team's named list (at ``NAMED_AT``): the rules of
    engagement ask that of these accounts only, so it is read with them rather than by another
    pass over the accounts (``named_among``).

    When most accounts have a live claim (a young database, the benchmark), reading them all and
    keeping those of the claims is cheaper than having the database find them again, a second
    pass over the claims (a third longer on the benchmark's PostgreSQL).
    Otherwise the database picks them.
    """
    named = and_(Account.named_account.is_(True), Account.merged_into_id.is_(None))
    columns = (
        Account.id, Account.name, Account.name_key, Account.domain, Account.country,
        Account.website, named.label("named"),
    )  # fmt: skip
    live = {claim[1] for claim in claims}
    every = session.connection().scalar(select(func.count()).select_from(Account)) or 0
    if 3 * len(live) < 2 * every:
        of_live = select(Claim.account_id).where(live_claim_condition(today))
        statement = select(*columns).where(Account.id.in_(of_live))
        return _rows(session, statement)
    return [row for row in _rows(session, select(*columns)) if row[0] in live]


def named_among(accounts: list[Any]) -> frozenset[int]:
    """The accounts of ``accounts`` (rows of ``live_accounts``) on the direct team's named
    list."""
    return frozenset([row[0] for row in accounts if row[NAMED_AT]])


def _rows(session: Session, statement: Select[*tuple[Any, ...]]) -> list[Any]:
    """The rows of ``statement``, taken a few thousand at a time: SQLAlchemy makes each batch
    into rows in one go, without letting another thread run, and the scan often runs beside the
    window's own thread, which then waits for a batch, not for all 76,000 rows at once."""
    rows: list[Any] = []
    for batch in session.connection().execute(statement).partitions(BATCH_ROWS):
        rows += batch
    return rows


def claimant_names(session: Session) -> dict[int | None, tuple[str, str, str]]:
    """Each claimant's key for the rules, name for the report and Partner ID for the rules of
    engagement (its name when it has none), by partner id (``None``: the direct team)."""
    found: dict[int | None, tuple[str, str, str]] = {None: (DIRECT_KEY, DIRECT, DIRECT)}
    rows = session.connection().execute(select(Partner.id, Partner.name, Partner.partner_code))
    for partner_id, name, code in rows:
        found[partner_id] = (claimant_key(partner_id), name, code or name)
    return found


def linked_ids(links: list[ClaimOverlap]) -> set[int]:
    """The claims in some overlap."""
    linked = set(map(_FIRST, links))
    linked.update(map(_SECOND, links))
    return linked


_FIRST = attrgetter("a")
_SECOND = attrgetter("b")


def claims_in(
    linked: set[int],
    rows: list[ClaimRow],
    accounts: list[Any],
    claimants: dict[int | None, tuple[str, str, str]],
) -> list[LiveClaim]:
    """The full rows of the ``linked`` claims (those in some overlap), and only of those: most
    live claims are in none."""
    chosen = [row for row in rows if row[0] in linked]
    used = {row[1] for row in chosen}
    account_of = {row[0]: AccountKey(*row[:NAMED_AT]) for row in accounts if row[0] in used}
    # Each distinct amount and percentage made a Decimal once: most claims share them.
    amount_of = {amount: Money.from_stored(amount) for amount in {row[5] for row in chosen}}
    pct_of = {pct: Percent.from_stored(pct) or Decimal(0) for pct in {row[7] for row in chosen}}
    # Each day made one object: the driver makes one per value, but the claims share a few
    # hundred days, which the grouping and the rules of engagement then compare at every turn.
    day: dict[date, date] = {}
    result = []
    for claim_id, account_id, partner_id, since, until, amount, currency, pct, approved in chosen:
        key, name, code = claimants[partner_id]
        result.append(
            LiveClaim(
                claim_id, account_of[account_id], key, name, day.setdefault(since, since),
                day.setdefault(until, until), amount_of[amount], currency, pct_of[pct], approved,
                code,
            )
        )  # fmt: skip
    return result
