"""What the overlap scan reads, and the full rows it makes of the claims found in overlaps.

The scan reads every live claim and the accounts they are on, 76,000 and 60,000 rows on the
benchmark, as plain rows (``app.db.plain``): the rules need five values of a claim and four of
an account, so nothing is converted before the overlaps are known. Only the claims in some
overlap, most but not all of them, become ``LiveClaim`` rows for the report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from functools import partial
from itertools import compress
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from app.db.models import Account, Claim, Partner
from app.db.plain import plain_rows
from app.db.snapshot import snapshot_twin
from app.db.types import Money, Percent
from app.domain.overlap_groups import LiveClaim
from app.domain.overlap_links import ClaimOverlap
from app.domain.overlap_match import AccountKey
from app.services.claims.accounts import DIRECT, live_claim_condition

DIRECT_KEY = "direct"

Row = tuple[Any, ...]
T = TypeVar("T")


def claimant_key(partner_id: int | None) -> str:
    """Who holds a claim, as the rules compare it: a partner, or the direct team as one."""
    return f"partner:{partner_id}" if partner_id is not None else DIRECT_KEY


def live_claim_rows(source: Session | Connection, today: date) -> list[Row]:
    """Every live claim as (id, account, partner, claimed on, valid until, stored deal amount,
    currency, stored commission %): a ``ClaimSpan`` first, then what the report shows. No
    joins: the accounts and claimants are read once each."""
    statement = select(
        Claim.id, Claim.account_id, Claim.partner_id, Claim.claimed_on, Claim.valid_until,
        Claim.deal_amount, Claim.currency, Claim.commission_pct,
    ).where(live_claim_condition(today))  # fmt: skip
    return plain_rows(source, statement)


def live_account_rows(session: Session, today: date, claims: list[Row] | None) -> list[Row]:
    """The accounts of the live ``claims``, laid out as an ``AccountKey``. Without the claims
    at hand (they are being read beside), it may give other accounts too: keep those of the
    claims with ``accounts_of`` once they are read.

    When most accounts have a live claim (a young database, the benchmark), reading them all
    and keeping those of the claims is cheaper than having the database find them: that is a
    second pass over the claims, 60 ms of the server's on the benchmark. Otherwise the database
    picks them. Without the claims, the number of live claims stands for the number of accounts
    that have one, which it can only exceed.
    """
    columns = (
        Account.id, Account.name, Account.name_key, Account.domain, Account.country,
        Account.website,
    )  # fmt: skip
    # count(*), not count(id): PostgreSQL counts from an index then, without the table.
    accounts = select(func.count()).select_from(Account).scalar_subquery()
    if claims is None:
        live_claims = select(func.count()).select_from(Claim).where(live_claim_condition(today))
        live, every = session.execute(select(live_claims.scalar_subquery(), accounts)).one()
    else:
        live, every = len(set(map(_SECOND, claims))), session.scalar(select(accounts)) or 0
    if 3 * live < 2 * every:
        of_live = select(Claim.account_id).where(live_claim_condition(today))
        return plain_rows(session, select(*columns).where(Account.id.in_(of_live)))
    rows = plain_rows(session, select(*columns))
    return rows if claims is None else accounts_of(rows, claims)


def accounts_of(accounts: list[Row], claims: list[Row]) -> list[Row]:
    """The ``accounts`` that the ``claims`` are on. Read in one snapshot, every claim's account
    is among ``accounts``: as many accounts as claimed ones means they are all claimed."""
    live = set(map(_SECOND, claims))
    if len(live) == len(accounts):  # every account read has a live claim
        return accounts
    return list(compress(accounts, map(live.__contains__, map(_FIRST, accounts))))


def claimant_names(source: Session | Connection) -> dict[int | None, tuple[str, str]]:
    """Each claimant's key for the rules and name for the report, by partner id (``None``: the
    direct team)."""
    found: dict[int | None, tuple[str, str]] = {None: (DIRECT_KEY, DIRECT)}
    for partner_id, name in plain_rows(source, select(Partner.id, Partner.name)):
        found[partner_id] = (claimant_key(partner_id), name)
    return found


class LiveClaims(NamedTuple):
    """The live claims (``live_claim_rows``) and their claimants' names (``claimant_names``)."""

    rows: list[Row]
    claimants: dict[int | None, tuple[str, str]]


@contextmanager
def live_claims_beside(session: Session, today: date) -> Iterator[Callable[[], LiveClaims] | None]:
    """Start reading the live claims on a connection that sees what ``session`` sees, in
    another thread, and give the call that waits for them; the session meanwhile reads the
    accounts. Gives None where no such connection can be had (``app.db.snapshot``): the
    claims are then read in the session.

    On the benchmark's PostgreSQL database this takes the claims' 60 ms wait off the scan.
    Leaving the block waits for the thread and closes its connection, also on an error.
    """
    twin = snapshot_twin(session)
    if twin is None:
        yield None
        return
    with twin, ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-claims") as pool:
        future = pool.submit(_read_live_claims, twin, today)
        yield future.result


def _read_live_claims(connection: Connection, today: date) -> LiveClaims:
    return LiveClaims(live_claim_rows(connection, today), claimant_names(connection))


def claims_in(
    links: list[ClaimOverlap],
    rows: list[Row],
    accounts: list[Row],
    claimants: dict[int | None, tuple[str, str]],
) -> list[LiveClaim]:
    """The full rows of the claims in some overlap, and only of those: most live claims are in
    none.

    Each distinct amount, percentage, day and account is converted once, in a dict, and shared
    by the claims that have it: 50,000 claims converted one by one took as long as reading
    them. Each claim is then made from dict lookups alone.
    """
    linked = set(map(_FIRST, links))
    linked.update(map(_SECOND, links))
    chosen = list(compress(rows, map(linked.__contains__, map(_FIRST, rows))))
    if not chosen:
        return []
    wanted = set(map(_SECOND, chosen))
    used = list(compress(accounts, map(wanted.__contains__, map(_FIRST, accounts))))
    keys = dict(zip(map(_FIRST, used), map(_AS_ACCOUNT_KEY, used), strict=True))
    key_of = {partner: key for partner, (key, _) in claimants.items()}
    name_of = {partner: name for partner, (_, name) in claimants.items()}
    amounts = _each(set(map(_AMOUNT, chosen)), Money.from_stored)
    pcts = _each(set(map(_PCT, chosen)), _percent)
    make = _AS_LIVE_CLAIM
    if isinstance(chosen[0][3], str):  # SQLite keeps days as ISO text
        days = _each({*map(_SINCE, chosen), *map(_UNTIL, chosen)}, date.fromisoformat)
        return [
            make((i, keys[a], key_of[p], name_of[p], days[d0], days[d1], amounts[m], cur, pcts[c]))
            for i, a, p, d0, d1, m, cur, c in chosen
        ]
    return [
        make((i, keys[a], key_of[p], name_of[p], d0, d1, amounts[m], cur, pcts[c]))
        for i, a, p, d0, d1, m, cur, c in chosen
    ]


_FIRST, _SECOND = itemgetter(0), itemgetter(1)
# Where a live claim row (``live_claim_rows``) keeps its days, deal amount and commission.
_SINCE, _UNTIL, _AMOUNT, _PCT = itemgetter(3), itemgetter(4), itemgetter(5), itemgetter(7)
# tuple.__new__ is what NamedTuple._make calls, without a Python frame per row.
_AS_ACCOUNT_KEY: Callable[[Iterable[Any]], AccountKey] = partial(tuple.__new__, AccountKey)
_AS_LIVE_CLAIM: Callable[[Iterable[Any]], LiveClaim] = partial(tuple.__new__, LiveClaim)


def _each(values: Iterable[Any], convert: Callable[[Any], T]) -> dict[Any, T]:
    return {value: convert(value) for value in values}


def _percent(stored: int | None) -> Decimal:
    return Percent.from_stored(stored) or Decimal(0)
