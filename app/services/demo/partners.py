"""Demo partners: tiers and their discounts, the course catalogue, partners, their contacts and
the contacts' training records.

Partners draw tiers and statuses from quotas so every one appears in believable proportions;
certifications land valid, expiring soon or expired relative to ``today``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.db.models import (
    Contact,
    Course,
    Partner,
    Tier,
    TrainingRecord,
)
from app.domain.enums import (
    ContactRole,
    PartnerStatus,
    PartnerType,
)
from app.domain.names import domain_key, name_key
from app.services.demo import world
from app.services.demo.state import DemoState, add_months, days, to_ascii


def add_tiers(state: DemoState) -> None:
    """Discounts on the seeded tiers; a tier the user has already priced keeps its discount."""
    found = {tier.name: tier for tier in state.session.scalars(select(Tier))}
    untouched = all(t.discount_pct == 0 for t in found.values())
    for rank, (name, pct) in enumerate(world.TIER_DISCOUNTS):
        tier = found.get(name)
        if tier is None:
            tier = Tier(name=name, rank=rank, discount_pct=Decimal(pct))
            state.add(tier)
        elif untouched:
            tier.discount_pct = Decimal(pct)
        state.tiers[name] = tier


def add_courses(state: DemoState) -> None:
    found = {c.code: c for c in state.session.scalars(select(Course))}
    for code, title, family, certifies, months in world.COURSES:
        course = found.get(code)
        if course is None:
            course = Course(code=code, title=title, certifies=certifies, valid_months=months)
            if code in world.COURSE_COSTS:
                course.cost_per_seat, course.currency = Decimal(world.COURSE_COSTS[code]), "EUR"
            course.family = state.families[family] if family else None
            state.add(course)
            state.counts["courses"] += 1
        state.courses[code] = course


def _phone(state: DemoState, country: str, city: str | None) -> str:
    code, pattern, _tld, _cur, _tax, cities = world.COUNTRIES[country]
    area = next((a for c, a in cities if c == city), cities[0][1])
    # No local number starts with 0 (that is the trunk prefix), so the first digit is 2-9.
    local = pattern.replace("#", str(state.rng.randint(2, 9)), 1)
    local = "".join(str(state.rng.randrange(10)) if ch == "#" else ch for ch in local)
    return f"+{code} {area} {local}"


def add_partners(state: DemoState) -> None:
    codes = state.session.scalars(
        select(Partner.partner_code).where(Partner.partner_code.is_not(None))
    )
    numbers = [int(c[2:]) for c in codes if c and c.startswith("P-") and c[2:].isdigit()]
    next_number = max(numbers, default=1000) + 1
    # Distributors are big, established and well-tiered; everyone else draws from quotas so
    # every tier and status appears in believable proportions.
    others = sum(1 for p in world.PARTNERS if p[2] != PartnerType.DISTRIBUTOR)
    tiers = ["Silver"] * 17 + ["Gold"] * 12 + ["Platinum"] * 6
    tiers = ["Registered"] * (others - len(tiers)) + tiers
    statuses = [PartnerStatus.PROSPECT] * 7 + [PartnerStatus.SUSPENDED] * 5
    statuses += [PartnerStatus.TERMINATED] * 4
    statuses = [PartnerStatus.ACTIVE] * (others - len(statuses)) + statuses
    state.rng.shuffle(tiers)
    state.rng.shuffle(statuses)
    managers = {c: name for name, countries in world.ACCOUNT_MANAGERS for c in countries}
    for name, legal, kind, country, city, domain in world.PARTNERS:
        type_ = PartnerType(kind)
        if type_ is PartnerType.DISTRIBUTOR:
            tier, status = (
                state.rng.choice(("Gold", "Platinum", "Platinum")),
                PartnerStatus.ACTIVE,
            )
        else:
            tier, status = tiers.pop(), statuses.pop()
        if status is PartnerStatus.PROSPECT:
            tier, since = "Registered", state.ago(state.rng.randint(3, 75))
        elif status is PartnerStatus.ACTIVE:
            since = state.ago(state.rng.randint(120, 3200))
        else:
            since = state.ago(state.rng.randint(900, 3600))
        partner = Partner(
            partner_code=f"P-{next_number}",
            name=name,
            name_key=name_key(name),
            legal_name=legal,
            type=type_,
            status=status,
            country=country,
            city=city,
            website=f"https://www.{domain}",
            email=f"{state.rng.choice(('info', 'sales', 'partners', 'contact'))}@{domain}",
            phone=_phone(state, country, city),
            account_manager=managers[country],
            partner_since=since,
            notes=_partner_note(state, status),
        )
        partner.tier = state.tiers[tier]
        next_number += 1
        state.add(partner)
        state.partners.append(partner)


def _partner_note(state: DemoState, status: PartnerStatus) -> str | None:
    if status is PartnerStatus.PROSPECT:
        return "Applied through the partner portal; onboarding call booked."
    if status is PartnerStatus.SUSPENDED:
        day = state.ago(state.rng.randint(10, 60))
        return f"Suspended on {day.isoformat()}: partner agreement renewal overdue."
    if status is PartnerStatus.TERMINATED:
        day = state.ago(state.rng.randint(60, 300))
        return f"Agreement ended on {day.isoformat()}; open registrations reassigned."
    return None


def add_contacts(state: DemoState, partner: Partner) -> None:
    country = partner.country or "US"
    domain = domain_key(partner.website) or world.OUR_DOMAIN
    count = state.rng.randint(2, 5)
    german = country in ("DE", "CH")
    if country in world.NATIVE_PEOPLE and not partner.name.isascii():
        people = state.rng.sample(world.NATIVE_PEOPLE[country], count)
    else:
        firsts, lasts = world.PEOPLE[country]
        people = [
            (f"{first} {last}", f"{to_ascii(first, german)}.{to_ascii(last, german)}")
            for first, last in zip(
                state.rng.sample(firsts, count), state.rng.sample(lasts, count), strict=True
            )
        ]
    roles = [ContactRole.EXECUTIVE, ContactRole.SALES]
    roles += [
        state.rng.choice((ContactRole.SALES, ContactRole.PRESALES, ContactRole.PRESALES))
        for _ in people[2:]
    ]
    for index, ((display, local), role) in enumerate(zip(people, roles, strict=True)):
        active = partner.status is not PartnerStatus.TERMINATED and (
            index == 0 or state.rng.random() > 0.05
        )
        contact = Contact(
            partner=partner,
            name=display,
            email=f"{local}@{domain}",
            phone=_phone(state, country, partner.city),
            role=role,
            active=active,
        )
        state.add(contact)
        state.contacts.append(contact)
        _training(state, contact, partner)


#: Days before today a terminated partner's people last took a course (training has a cost per
#: seat, and a partner that has left the program spends nothing on it this past year).
_TRAINED_BEFORE = 400


def _record(
    state: DemoState,
    contact: Contact,
    code: str,
    completed: date,
    passed: bool,
    seen: set[tuple[str, date]],
) -> None:
    course = state.courses[code]
    if completed > state.today or (code, completed) in seen:
        return
    if contact.partner.status is PartnerStatus.TERMINATED and completed > state.ago(
        _TRAINED_BEFORE
    ):
        return  # its people stopped training well before the agreement ended: nothing spent
    seen.add((code, completed))
    valid_until = None
    if passed and course.certifies and course.valid_months:
        valid_until = add_months(completed, course.valid_months)
    state.later(
        TrainingRecord,
        {"completed_on": completed, "passed": passed, "valid_until": valid_until},
        contact_id=contact,
        course_id=course,
    )
    state.counts["training"] += 1


def _training(state: DemoState, contact: Contact, partner: Partner) -> None:
    """Sales people take the sales courses, presales the certifications (valid, expiring or
    expired relative to today, sometimes after a failed first attempt)."""
    seen: set[tuple[str, date]] = set()
    since = partner.partner_since or state.ago(365)
    if partner.status is PartnerStatus.PROSPECT:
        if state.rng.random() < 0.5:
            _record(state, contact, "PRM-100", state.ago(state.rng.randint(0, 20)), True, seen)
        return
    if state.rng.random() < 0.8:
        _record(state, contact, "PRM-100", since + days(state.rng.randint(7, 60)), True, seen)
    if contact.role is ContactRole.EXECUTIVE:
        return
    span = max(1, (state.today - since).days)
    for family, _name in state.rng.sample(world.FAMILIES, state.rng.randint(1, 2)):
        if contact.role is ContactRole.SALES:
            completed = since + days(state.rng.randint(0, span))
            _record(state, contact, f"{family}-100", completed, state.rng.random() > 0.08, seen)
        if contact.role is ContactRole.PRESALES or state.rng.random() < 0.25:
            _certification(state, contact, f"{family}-200", seen)


def _certification(
    state: DemoState, contact: Contact, code: str, seen: set[tuple[str, date]]
) -> None:
    months = state.courses[code].valid_months or 24
    draw = state.rng.random()
    if draw < 0.5:  # valid for a good while yet
        until = state.today + days(state.rng.randint(61, months * 30 - 30))
    elif draw < 0.72:  # expiring within the 60 days the app warns about
        until = state.today + days(state.rng.randint(1, 59))
    else:
        until = state.ago(state.rng.randint(1, 420))
    completed = add_months(until, -months)
    if state.rng.random() < 0.15:
        _record(state, contact, code, completed - days(state.rng.randint(20, 60)), False, seen)
    _record(state, contact, code, completed, True, seen)
