"""The key partners' certifications, shaped to their parts (``demo.keys``): the star has somebody
certified, well beyond next quarter, in every family it sells or holds a certification for; the
steady one in every family it sells; the spender sells a family nobody of it is certified for and
has a certification running out next quarter with nothing to replace it, as does the quiet one.

Its draws come from a generator of its own, so the steps before it keep their world.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from app.db.models import Contact, Course, Deal, DealFamily, DealParty, Partner, TrainingRecord
from app.domain.enums import ContactRole, DealStage
from app.domain.quarters import quarter_end, quarter_of
from app.services.demo import world
from app.services.demo.keys import key_partners
from app.services.demo.state import DemoState, add_months, days

#: The certifying course of each product family.
_CERTIFIES = {family: f"{family}-200" for family, _name in world.FAMILIES}


def uncovered_family(state: DemoState) -> str:
    """A product family the spender has nobody validly certified for today (the one with the
    fewest holders when it covers them all): the family its deals will sell."""
    keys = key_partners(state)
    spender = keys.get("spender")
    if spender is None:
        return world.FAMILIES[0][0]
    held = _valid_until(state, spender)
    return min(_CERTIFIES, key=lambda family: (held.get(family, date.min), family))


def add_certifications(state: DemoState, uncovered: str) -> None:
    """Records for the key partners' people, after their deals are made."""
    keys = key_partners(state)
    if not keys:
        return
    rng = random.Random(state.today.toordinal() + 60)
    state.session.flush()
    for role in ("star", "steady"):
        partner = keys[role]
        families = _sold(state, partner)
        if role == "star":
            families |= set(_valid_until(state, partner))
        for family in sorted(families):
            completed = state.ago(rng.randint(15, 150))
            _record(state, rng, partner, family, completed)
    after = quarter_end(quarter_of(quarter_end(quarter_of(state.today)) + timedelta(days=1)))
    for role in ("spender", "quiet"):
        partner = keys[role]
        held = _valid_until(state, partner)
        running_out = [
            f for f in sorted(_CERTIFIES) if f != uncovered and held.get(f, date.min) <= after
        ]
        if not running_out:
            continue
        family = rng.choice(running_out)
        course = state.courses[_CERTIFIES[family]]
        start = quarter_end(quarter_of(state.today)) + timedelta(days=1)
        until = start + days(rng.randint(5, 60))
        _record(state, rng, partner, family, add_months(until, -(course.valid_months or 12)))


def _record(
    state: DemoState, rng: random.Random, partner: Partner, family: str, completed: date
) -> None:
    """A passed certification of ``family`` completed on ``completed`` by one of its people."""
    people = [c for c in state.contacts if c.partner is partner and c.active]
    presales = [c for c in people if c.role is ContactRole.PRESALES] or people
    if not presales:
        return
    course = state.courses[_CERTIFIES[family]]
    state.later(TrainingRecord, {
        "completed_on": completed, "passed": True,
        "valid_until": add_months(completed, course.valid_months or 12),
    }, contact_id=rng.choice(presales), course_id=course)  # fmt: skip
    state.counts["training"] += 1


def _valid_until(state: DemoState, partner: Partner) -> dict[str, date]:
    """Family code → the latest day a passed certification of the partner's people is valid
    until, for those valid today."""
    rows = state.session.execute(
        select(Course.code, TrainingRecord.valid_until)
        .join(TrainingRecord, TrainingRecord.course_id == Course.id)
        .join(Contact, Contact.id == TrainingRecord.contact_id)
        .where(
            Contact.partner_id == partner.id,
            TrainingRecord.passed.is_(True),
            Course.certifies.is_(True),
            TrainingRecord.completed_on <= state.today,
            TrainingRecord.valid_until >= state.today,
        )
    )
    best: dict[str, date] = {}
    for code, until in rows:
        family = code.split("-")[0]
        if until is not None and until > best.get(family, date.min):
            best[family] = until
    return best


def _sold(state: DemoState, partner: Partner) -> set[str]:
    """Family codes of the open and won deals the partner takes part in."""
    codes = {family.id: code for code, family in state.families.items()}
    rows = state.session.scalars(
        select(DealFamily.family_id)
        .join(Deal, Deal.id == DealFamily.deal_id)
        .join(DealParty, DealParty.deal_id == Deal.id)
        .where(DealParty.partner_id == partner.id, Deal.stage != DealStage.LOST)
        .distinct()
    )
    return {codes[family_id] for family_id in rows if family_id in codes}
