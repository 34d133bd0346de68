"""The rules of engagement's warnings for a partner claim, from the database
(``app.domain.engagement.claim_warnings`` decides them).

Two ways in, one rule: the claim dialog asks about the one claim being typed (a few indexed
reads, on every pause in typing), an import about every row of a file (``ImportWarnings``
reads what it needs once). Both take the accounts *certainly* the same company as the claim's
(``app.domain.overlap_match.same_company``), whether any of them is a named account, and the
days the direct team was active there: a claim of its own (not rejected), or an activity on a
deal of that account with a direct rep among its parties.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.db.models import Account, Claim, Deal, DealActivity, DealParty
from app.domain.engagement import claim_warnings
from app.domain.enums import ClaimStatus
from app.domain.names import domain_key, name_key
from app.domain.overlap_match import AccountKey, Confidence, same_company
from app.services.business_settings import load_business_settings
from app.services.claims.overlap_check import ClaimProbe, certain_accounts

#: Account ids read at once in an ``IN (…)`` list.
_CHUNK = 500


def direct_days(session: Session, ids: Iterable[int] | None = None) -> dict[int, list[date]]:
    """The days the direct team was active on each account (of ``ids``, or all of them)."""
    with_rep = exists().where(DealParty.deal_id == Deal.id, DealParty.direct_rep_id.is_not(None))
    activity = (
        select(Deal.account_id, DealActivity.occurred_on)
        .join(DealActivity, DealActivity.deal_id == Deal.id)
        .where(with_rep)
    )
    claims = select(Claim.account_id, Claim.claimed_on).where(
        Claim.partner_id.is_(None), Claim.status != ClaimStatus.REJECTED
    )
    found: dict[int, list[date]] = defaultdict(list)
    wanted = None if ids is None else sorted(set(ids))
    chunks = [None] if wanted is None else [
        wanted[i : i + _CHUNK] for i in range(0, len(wanted), _CHUNK)
    ]  # fmt: skip
    for chunk in chunks:
        for statement, column in ((claims, Claim.account_id), (activity, Deal.account_id)):
            query = statement if chunk is None else statement.where(column.in_(chunk))
            for account_id, day in session.execute(query):
                found[account_id].append(day)
    return found


def probe_warnings(session: Session, probe: ClaimProbe) -> list[str]:
    """The warnings of the claim the dialog is about to save."""
    if probe.partner_id is None:
        return []
    settings = load_business_settings(session)
    ids = certain_accounts(session, probe)
    if not ids:
        return []
    named = session.scalar(
        select(Account.id).where(Account.id.in_(ids), Account.named_account.is_(True)).limit(1)
    )
    days = [day for found in direct_days(session, ids).values() for day in found]
    return claim_warnings(
        partner_claim=True,
        claimed_on=probe.claimed_on,
        named=named is not None,
        direct_days=days,
        cooling_off_days=settings.direct_cooling_off_days,
    )


class ImportWarnings:
    """The warnings of many claims of one import: every account, the named ones and the
    direct team's days are read once, then each row is matched in memory by the same rule."""

    def __init__(self, session: Session) -> None:
        self.cooling_off = load_business_settings(session).direct_cooling_off_days
        self.named = set(
            session.scalars(
                select(Account.id).where(
                    Account.named_account.is_(True), Account.merged_into_id.is_(None)
                )
            )
        )
        self.days = direct_days(session)
        self.by_domain: dict[str, list[AccountKey]] = defaultdict(list)
        self.by_name: dict[str, list[AccountKey]] = defaultdict(list)
        if not (self.named or self.days):
            return  # nothing can warn: no account is read
        columns = (Account.id, Account.name, Account.name_key, Account.domain, Account.country)
        for row in session.execute(select(*columns).where(Account.merged_into_id.is_(None))):
            key = AccountKey(*row)
            if key.domain:
                self.by_domain[key.domain].append(key)
            if key.name_key:
                self.by_name[key.name_key].append(key)

    def warnings(
        self,
        partner_id: int | None,
        name: str,
        website: str | None,
        country: str | None,
        claimed_on: date,
    ) -> list[str]:
        if partner_id is None or not (self.named or self.days):
            return []
        me = AccountKey(-1, name, name_key(name), domain_key(website), country)
        candidates = [*self.by_domain.get(me.domain or "", ()), *self.by_name.get(me.name_key, ())]
        ids = set()
        for key in candidates:
            match = same_company(me, key, 101)  # above any score: certain matches only
            if match is not None and match.confidence is Confidence.CERTAIN:
                ids.add(key.id)
        return claim_warnings(
            partner_claim=True,
            claimed_on=claimed_on,
            named=bool(ids & self.named),
            direct_days=[day for i in ids for day in self.days.get(i, ())],
            cooling_off_days=self.cooling_off,
        )
