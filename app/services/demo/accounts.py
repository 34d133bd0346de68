"""Demo accounts and claims: the direct sales reps, the end-customer accounts they may own, and
the claims partners and reps register on those accounts.

The claims are shaped to exercise overlap detection: the same account claimed by several parties
at once, near-duplicate accounts, a partner against the direct team, and look-alikes (expired or
rejected claims) that must *not* count as overlapping.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.db.models import (
    Account,
    Claim,
    DirectRep,
    Partner,
)
from app.domain.enums import (
    ClaimStatus,
    PartnerStatus,
    PartnerType,
)
from app.domain.names import domain_key, name_key
from app.services.demo import world
from app.services.demo.state import CLAIM_DAYS, DemoState, days, to_ascii, utc_at

#: Rough local-currency value of one US dollar, and the step deal amounts are rounded to.
AMOUNT_SCALE: dict[str, tuple[Decimal, Decimal]] = {
    "USD": (Decimal(1), Decimal(500)),
    "EUR": (Decimal("0.9"), Decimal(500)),
    "GBP": (Decimal("0.8"), Decimal(500)),
    "CHF": (Decimal("0.9"), Decimal(500)),
    "CAD": (Decimal("1.35"), Decimal(500)),
    "AUD": (Decimal("1.5"), Decimal(500)),
    "SEK": (Decimal(10), Decimal(5000)),
    "JPY": (Decimal(150), Decimal(100000)),
}
_CLAIMS_WANTED = 120


def add_reps(state: DemoState) -> None:
    found = {r.email: r for r in state.session.scalars(select(DirectRep))}
    for name, countries in world.DIRECT_REPS:
        first, last = name.split(" ", 1)
        email = f"{to_ascii(first)}.{to_ascii(last)}@{world.OUR_DOMAIN}"
        rep = found.get(email)
        if rep is None:
            rep = DirectRep(name=name, email=email, active=True)
            state.add(rep)
            state.counts["reps"] += 1
        state.reps.append((rep, countries))


def rep_for(state: DemoState, country: str | None) -> DirectRep:
    covering = [rep for rep, countries in state.reps if country in countries]
    return state.rng.choice(covering or [rep for rep, _ in state.reps])


def add_accounts(state: DemoState) -> None:
    rows: list[tuple[str, str, str, str | None]] = []
    used = {name_key(n) for n, *_ in (*world.NEAR_DUPLICATES, *world.NATIVE_ACCOUNTS)}
    for country, language, count in world.ACCOUNT_QUOTAS:
        stems, industries, stem_first = world.ACCOUNT_WORDS[language]
        tld, cities = world.COUNTRIES[country][2], world.COUNTRIES[country][5]
        while count:
            stem, industry = state.rng.choice(stems), state.rng.choice(industries)
            base = f"{stem} {industry}" if stem_first else f"{industry} {stem}"
            if name_key(base) in used:
                continue
            used.add(name_key(base))
            legal = state.rng.choice(world.ACCOUNT_LEGAL_FORMS[country])
            host = ("" if language == "en" else "-").join(
                to_ascii(w, language == "de") for w in base.split()
            )
            website = None if state.rng.random() < 0.1 else f"www.{host}.{tld}"
            city = state.rng.choice(cities)[0]
            rows.append((f"{base} {legal}".strip(), country, city, website))
            count -= 1
    rows += [*world.NATIVE_ACCOUNTS, *world.NEAR_DUPLICATES]
    state.rng.shuffle(rows)
    named_for_sure = {"Globex Corporation", "Woodgrove Financial Services"}
    for name, country, city, website in rows:
        account = Account(
            name=name,
            name_key=name_key(name),
            website=website,
            domain=domain_key(website),
            country=country,
            city=city,
        )
        if name in named_for_sure or state.rng.random() < 0.15:
            account.named_account = True
            account.owner_rep = rep_for(state, country)
        else:
            account.named_account = False
        state.add(account)
        state.accounts.append(account)
        state.by_name[name] = account


def _claimant(
    state: DemoState, country: str | None, exclude: Sequence[Partner] = (), live: bool = True
) -> Partner:
    """A partner that registers deals (not a distributor), usually one from the same country."""
    statuses = (
        {PartnerStatus.ACTIVE}
        if live
        else {PartnerStatus.ACTIVE, PartnerStatus.SUSPENDED, PartnerStatus.TERMINATED}
    )
    pool = [
        p
        for p in state.partners
        if p.status in statuses
        and p.type is not PartnerType.DISTRIBUTOR
        and all(p is not x for x in exclude)
    ]
    local = [p for p in pool if p.country == country]
    return state.rng.choice(local if local and state.rng.random() < 0.9 else pool)


def _claim(
    state: DemoState,
    account: Account,
    status: ClaimStatus,
    claimed_on: date,
    *,
    partner: Partner | None = None,
    rep: DirectRep | None = None,
    commission: str | None = None,
) -> Claim:
    currency = world.COUNTRIES[account.country or "US"][3]
    scale, step = AMOUNT_SCALE[currency]
    dollars = Decimal(state.rng.randrange(16, 700) * 500)
    amount = max(step, (dollars * scale / step).quantize(Decimal(1)) * step)
    if commission is None:
        if partner is None:
            commission = "3"
        elif partner.type is PartnerType.REFERRAL:
            commission = state.rng.choice(("5", "7.5", "10"))
        else:
            commission = state.rng.choice(("8", "10", "12", "12.5", "15", "20"))
    decided_on = claimed_on + days(state.rng.randint(1, 4))
    claim = Claim(
        account=account,
        partner=partner,
        direct_rep=rep,
        claimed_on=claimed_on,
        valid_until=claimed_on + days(CLAIM_DAYS),
        status=status,
        deal_amount=amount,
        currency=currency,
        commission_pct=Decimal(commission),
        decision_reason=(
            state.rng.choice(world.CLAIM_REJECT_REASONS) if status is ClaimStatus.REJECTED else None
        ),
        decided_at=(
            utc_at(decided_on, 9, 30)
            if status is not ClaimStatus.PENDING and decided_on <= state.today
            else None
        ),
    )
    state.add(claim)
    state.claims.append(claim)
    return claim


def add_claims(state: DemoState) -> None:
    """Deliberate overlaps first (and look-alikes that must not overlap), then single claims."""
    approved, pending = ClaimStatus.APPROVED, ClaimStatus.PENDING
    acc = state.by_name
    # Near-duplicate accounts, each claimed by two different claimants in the same window.
    for first, second, country in (
        ("Contoso Ltd", "Contoso Limited", "GB"),
        ("Müller Logistik GmbH", "Mueller Logistik GmbH", "DE"),
        ("Lumière Santé SA", "Lumiere Sante", "FR"),
    ):
        one = _claimant(state, country)
        _claim(state, acc[first], approved, state.ago(state.rng.randint(30, 60)), partner=one)
        two = _claimant(state, country, [one])
        _claim(state, acc[second], pending, state.ago(state.rng.randint(5, 20)), partner=two)
    one = _claimant(state, "US")
    two = _claimant(state, "US", [one])
    globex = acc["Globex Corporation"]
    _claim(state, globex, approved, state.ago(50), partner=one, commission="20")
    _claim(state, acc["Globex Corp."], approved, state.ago(25), partner=two, commission="15")
    _claim(state, globex, approved, state.ago(30), rep=globex.owner_rep)
    _claim(state, acc["Woodgrove Bank"], approved, state.ago(35), partner=_claimant(state, "US"))
    woodgrove = acc["Woodgrove Financial Services"]
    _claim(state, woodgrove, approved, state.ago(20), rep=woodgrove.owner_rep)
    special = set(acc[name] for name, *_ in world.NEAR_DUPLICATES)
    pool = [a for a in state.accounts if a not in special]
    # The same account record: three partners at 20% each; partner against its named-account
    # owner; two partners; then an expired claim beside a live one, and a rejected one.
    us = next(a for a in pool if a.country == "US" and not a.named_account)
    named = next(a for a in pool if a.named_account)
    rest = [a for a in pool if a is not us and a is not named]
    trio: list[Partner] = []
    for days_ago, status in ((70, approved), (40, approved), (10, pending)):
        trio.append(_claimant(state, us.country, trio))
        _claim(state, us, status, state.ago(days_ago), partner=trio[-1], commission="20")
    _claim(state, named, approved, state.ago(55), rep=named.owner_rep)
    _claim(state, named, approved, state.ago(30), partner=_claimant(state, named.country))
    pair_account, expired_account, rejected_account = rest[0], rest[1], rest[2]
    for account, (first_status, first_ago), (second_status, second_ago) in (
        (pair_account, (approved, 50), (approved, 20)),
        (expired_account, (ClaimStatus.EXPIRED, 200), (approved, 30)),
        (rejected_account, (approved, 25), (ClaimStatus.REJECTED, 10)),
    ):
        one = _claimant(state, account.country, live=first_status is not ClaimStatus.EXPIRED)
        _claim(state, account, first_status, state.ago(first_ago), partner=one)
        two = _claimant(state, account.country, [one])
        _claim(state, account, second_status, state.ago(second_ago), partner=two)
    singles = rest[3:]
    state.rng.shuffle(singles)
    for account in singles[: max(0, _CLAIMS_WANTED - len(state.claims))]:
        if account.named_account and account.owner_rep and state.rng.random() < 0.6:
            _claim(
                state, account, approved, state.ago(state.rng.randint(5, 80)), rep=account.owner_rep
            )
            continue
        draw = state.rng.random()
        if draw < 0.45:
            status, days_ago = approved, state.rng.randint(3, 85)
        elif draw < 0.60:
            status, days_ago = pending, state.rng.randint(0, 14)
        elif draw < 0.67:
            status, days_ago = ClaimStatus.REJECTED, state.rng.randint(2, 80)
        else:
            status = ClaimStatus.EXPIRED if state.rng.random() < 0.8 else ClaimStatus.REJECTED
            days_ago = state.rng.randint(95, 420)
        partner = _claimant(state, account.country, live=days_ago < CLAIM_DAYS)
        _claim(state, account, status, state.ago(days_ago), partner=partner)
