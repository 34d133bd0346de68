"""The key partners' year (``demo.keys``): won deals in each of the last four quarters, sourced
and influenced, open pipeline at every stage, and the claims under them, some overlapping.

Every deal sits on a claim of the same account, as the other demo deals do: won deals on claims
made a month or two before they closed (expired by now, unless recent), open deals on live ones.
The direct team registers a deal a quarter that a key partner influences, so the program's won
revenue is not all sourced. Accounts come from those nobody has claimed yet, so the deals here
overlap nothing by chance; the overlaps the story wants (one waiting for weeks, one for a month,
one just opened) are made on purpose. Its draws come from a generator of its own, so the steps
before it keep their world.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from app.db.models import Account, Claim, Deal, DealActivity, DirectRep, Partner
from app.domain.enums import (
    ActivityKind,
    ClaimStatus,
    DealStage,
    Paper,
    PartnerStatus,
    PartnerType,
    PartyRole,
)
from app.domain.quarters import quarter_end, quarter_of, quarter_start
from app.services.demo import world
from app.services.demo.accounts import AMOUNT_SCALE
from app.services.demo.deals import Party, with_parties
from app.services.demo.keys import key_partners
from app.services.demo.state import CLAIM_DAYS, DemoState, days, utc_at

#: Role → (sourced won deals a quarter, their size in thousands of US dollars, quarters).
_WON = {"star": (2, (45, 95), 4), "steady": (1, (45, 80), 4), "unfunded": (1, (12, 28), 4),
        "quiet": (1, (15, 40), 3)}  # fmt: skip
_OPEN_STAGES = (
    DealStage.REGISTERED, DealStage.QUALIFIED, DealStage.PROPOSAL, DealStage.NEGOTIATION,
)  # fmt: skip
#: Role → the open stages its pipeline holds.
_OPEN = {"star": _OPEN_STAGES, "steady": _OPEN_STAGES, "quiet": _OPEN_STAGES,
         "spender": (DealStage.QUALIFIED, DealStage.PROPOSAL),
         "unfunded": (DealStage.REGISTERED, DealStage.NEGOTIATION)}  # fmt: skip
#: Role → (its claim, another party's claim) in days before today: an overlap that long open.
_OVERLAPS = {"spender": (80, 68), "quiet": (50, 40), "steady": (30, 18)}
#: Who influences whose deals, in which quarters back (0: this one).
_INFLUENCE = (("steady", "star", (1, 3)), ("star", "steady", (0, 2)), ("steady", "unfunded", (2,)))


@dataclass
class _Year:
    state: DemoState
    rng: random.Random
    keys: dict[str, Partner]
    free: list[Account]
    taken: set[str | None]
    homes: dict[str, list[Account]] = field(default_factory=dict)
    #: The won deals made, by role and quarters back, for the accepted quotes.
    won: dict[tuple[str, int], list[tuple[Deal, str]]] = field(default_factory=dict)

    def account(self, role: str | None, country: str | None) -> Account:
        """An account nobody else claims: a fresh one while they last, then the role's own."""
        local = [a for a in self.free if a.country == country]
        pool = local or self.free
        if pool:
            account = pool[0]
            self.free.remove(account)
            if role is not None:
                self.homes.setdefault(role, []).append(account)
            return account
        return self.rng.choice(self.homes.get(role or "", []) or self.state.accounts)

    def amount(self, currency: str, thousands: tuple[int, int]) -> Decimal:
        scale, step = AMOUNT_SCALE.get(currency, (Decimal(1), Decimal(500)))
        dollars = Decimal(self.rng.randint(*thousands) * 1000)
        return max(step, (dollars * scale / step).quantize(Decimal(1)) * step)

    def claim(
        self, account: Account, on: date, amount: Decimal, *, partner: Partner | None = None,
        status: ClaimStatus | None = None,
    ) -> Claim:  # fmt: skip
        today = self.state.today
        until = on + days(CLAIM_DAYS)
        status = status or (ClaimStatus.EXPIRED if until < today else ClaimStatus.APPROVED)
        decided = on + days(self.rng.randint(1, 3))
        rep = None if partner is not None else self.rep(account.country)
        claim = Claim(
            account=account, partner=partner, direct_rep=rep, claimed_on=on, valid_until=until,
            status=status, deal_amount=amount, currency=_currency(account),
            commission_pct=Decimal(3 if partner is None else self.rng.choice((8, 10, 12))),
            decided_at=(utc_at(decided, 9, 30)
                        if status is not ClaimStatus.PENDING and decided <= today else None),
        )  # fmt: skip
        self.state.add(claim)
        self.state.claims.append(claim)
        return claim

    def rep(self, country: str | None) -> DirectRep:
        covering = [rep for rep, countries in self.state.reps if country in countries]
        return self.rng.choice(covering or [rep for rep, _ in self.state.reps])

    def deal(
        self, claim: Claim, stage: DealStage, close: date, family: str,
        others: tuple[tuple[Partner, PartyRole], ...] = (),
    ) -> Deal:  # fmt: skip
        """A deal on ``claim`` at ``stage``, closing (or closed) on ``close``."""
        closed = stage in (DealStage.WON, DealStage.LOST)
        parties: list[Party] = [
            (claim.partner, None, PartyRole.REGISTERING_PARTNER, claim.commission_pct)
            if claim.partner is not None
            else (None, claim.direct_rep, PartyRole.DIRECT_REP, Decimal(0))
        ]
        parties += [(p, None, role, Decimal(3)) for p, role in others]
        name = dict(world.FAMILIES)[family]
        deal = Deal(
            deal_code=self.code(), account=claim.account, claim=claim, stage=stage,
            name=f"{claim.account.name} – {name} {self.rng.choice(world.DEAL_PROJECTS)}",
            amount=claim.deal_amount or Decimal(0), currency=claim.currency or "USD",
            expected_close=close, closed_on=close if closed else None,
            paper=Paper.OURS if claim.partner is None else Paper.PARTNER,
        )  # fmt: skip
        with_parties(self.state, deal, parties, family)
        self.log(deal, claim, name, close if closed else self.state.today, stage)
        self.state.add(deal)
        self.state.deals.append((deal, family))
        return deal

    def log(self, deal: Deal, claim: Claim, family: str, end: date, stage: DealStage) -> None:
        span = max(0, (end - claim.claimed_on).days)
        count = min(self.rng.randint(1, 4), span + 1)
        offsets = sorted(self.rng.sample(range(span + 1), count))
        lines = list(self.rng.sample(world.ACTIVITIES, count))
        if stage is DealStage.WON:
            lines[-1] = world.ACTIVITY_WON
        elif stage is DealStage.LOST:
            lines[-1] = world.ACTIVITY_LOST
        author = (claim.partner.account_manager if claim.partner is not None else None) or (
            world.ACCOUNT_MANAGERS[0][0]
        )
        for offset, (kind, summary, next_step) in zip(offsets, lines, strict=True):
            self.state.later(DealActivity, {
                "occurred_on": claim.claimed_on + days(offset), "kind": ActivityKind(kind),
                "summary": summary.format(family=family),
                "next_step": next_step.format(family=family), "author": author,
            }, deal_id=deal)  # fmt: skip

    def code(self) -> str:
        number = 1001 + len(self.state.deals)
        while f"D-{number}" in self.taken:
            number += 1
        self.taken.add(f"D-{number}")
        return f"D-{number}"


def _currency(account: Account) -> str:
    return world.COUNTRIES.get(account.country or "US", world.COUNTRIES["US"])[3]


def add_history(state: DemoState, uncovered: str) -> dict[tuple[str, int], list[tuple[Deal, str]]]:
    """The key partners' deals and claims; their won deals (and product family) by (role,
    quarters back).
    ``uncovered`` is the product family the spender sells with nobody certified for it."""
    keys = key_partners(state)
    if not keys:
        return {}
    claimed = {id(c.account) for c in state.claims}
    free = [a for a in state.accounts if id(a) not in claimed and not a.named_account]
    taken = set(state.session.scalars(select(Deal.deal_code)))
    year = _Year(state, random.Random(state.today.toordinal() + 40), keys, free, taken)
    quarters = [quarter_of(state.today)]
    for _ in range(3):
        quarters.append(quarter_of(quarter_start(quarters[-1]) - timedelta(days=1)))
    for role, (per_quarter, size, count) in _WON.items():
        for back, quarter in enumerate(quarters[:count]):
            for n in range(per_quarter):
                family = "CB" if n == 0 and back < 2 else year.rng.choice(world.FAMILIES)[0]
                _won(year, role, quarter, back, size, family)
    for back, quarter in enumerate(quarters):
        helper = keys["star" if back % 2 else "steady"]
        _won(year, None, quarter, back, (30, 70), "NM", ((helper, PartyRole.INFLUENCER),))
    for role, stages in _OPEN.items():
        partner = keys[role]
        for stage in stages:
            family = uncovered if role == "spender" else year.rng.choice(world.FAMILIES)[0]
            account = year.account(role, partner.country)
            on = state.ago(year.rng.randint(5, 60))
            status = ClaimStatus.PENDING if stage is DealStage.REGISTERED else None
            claim = year.claim(account, on, year.amount(_currency(account), (20, 90)),
                               partner=partner, status=status)  # fmt: skip
            year.deal(claim, stage, state.today + days(year.rng.randint(14, 150)), family)
    lost_on = state.ago(year.rng.randint(20, 60))
    account = year.account("spender", keys["spender"].country)
    claim = year.claim(account, lost_on - days(45), year.amount(_currency(account), (30, 60)),
                       partner=keys["spender"])  # fmt: skip
    year.deal(claim, DealStage.LOST, lost_on, uncovered)
    _overlaps(year)
    return year.won


def _won(
    year: _Year, role: str | None, quarter: str, back: int, size: tuple[int, int], family: str,
    others: tuple[tuple[Partner, PartyRole], ...] = (),
) -> None:  # fmt: skip
    """A deal won in ``quarter`` (``back`` quarters before this one), registered by the key
    partner of ``role`` (None: the direct team), with the influencers the story gives it."""
    state = year.state
    first, last = quarter_start(quarter), min(quarter_end(quarter), state.ago(1))
    if last < first:
        return  # the first day of a quarter: nothing has closed in it yet
    partner = year.keys[role] if role is not None else None
    country = partner.country if partner is not None else others[0][0].country
    closed_on = first + days(year.rng.randint(0, (last - first).days))
    if role is not None and not others:
        others = tuple(
            (year.keys[helper], PartyRole.INFLUENCER)
            for helper, whose, backs in _INFLUENCE
            if whose == role and back in backs and not year.won.get((role, back))
        )
    account = year.account(role, country)
    claim = year.claim(account, closed_on - days(year.rng.randint(30, 70)),
                       year.amount(_currency(account), size), partner=partner)  # fmt: skip
    deal = year.deal(claim, DealStage.WON, closed_on, family, others)
    year.won.setdefault((role or "direct", back), []).append((deal, family))


def _overlaps(year: _Year) -> None:
    """Claims by another party on an account a key partner claims, open as long as the story
    says (``_OVERLAPS``): the partner's claim first, the other's days later."""
    state = year.state
    keyed = {id(p) for p in year.keys.values()}
    others = [
        p
        for p in state.partners
        if p.status is PartnerStatus.ACTIVE
        and p.type is not PartnerType.DISTRIBUTOR
        and id(p) not in keyed
    ]
    for role, (first, second) in _OVERLAPS.items():
        partner = year.keys[role]
        account = year.account(None, partner.country)
        amount = year.amount(_currency(account), (25, 60))
        year.claim(account, state.ago(first), amount, partner=partner)
        if role == "steady":  # the direct team claims it too
            year.claim(account, state.ago(second), amount)
            continue
        local = [p for p in others if p.country == partner.country]
        rival = year.rng.choice(local or others)
        year.claim(account, state.ago(second), amount, partner=rival)
