"""Routing and the lead board held to a second, plain implementation written from SPEC.md's words.

The oracles below are slow and obvious on purpose: every load, pause and exclusion is recounted
from the full list of assignments each time it is needed, with no index and no heap. Hypothesis
builds small random worlds full of ties, exclusions, expiries, territories and certifications,
and the product's routing and board must give exactly the oracle's answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.leads.board import build_board
from app.domain.leads.routing import route
from app.domain.leads.rules import LeadRules
from app.domain.leads.world import (
    PastAssignment,
    Registration,
    RoutingLead,
    RoutingPartner,
    RoutingWorld,
)

D = date(2026, 11, 20)


# ---------------------------------------------------------------- the routing oracle


@dataclass
class _Row:
    lead: str
    recipient: str
    assigned_on: date
    outcome: str
    accepted_on: date | None
    ended_on: date | None


def oracle_route(world: RoutingWorld, on: date, rules: LeadRules) -> dict[str, object]:
    """SPEC.md steps 1–5, read literally."""
    rows = [
        _Row(a.lead, a.recipient, a.assigned_on, a.outcome, a.accepted_on, a.ended_on)
        for a in world.assignments
    ]
    # 1. expire partner assignments not accepted after the deadline
    expired = []
    for row in rows:
        deadline = row.assigned_on + timedelta(days=rules.acceptance_days)
        waiting = row.outcome == "open" and row.accepted_on is None
        if row.recipient != "Direct" and waiting and on > deadline:
            row.outcome, row.ended_on = "expired", on
            expired.append(row.lead)
    partners = {p.code: p for p in world.partners}
    window_start = on - timedelta(days=rules.load_window_days)

    def excluded(lead: str, code: str) -> bool:
        return any(
            r.lead == lead and r.recipient == code and r.outcome in ("declined", "expired")
            for r in rows
        )

    def load(code: str) -> int:
        return sum(1 for r in rows if r.recipient == code and window_start < r.assigned_on <= on)

    def paused(code: str) -> bool:
        if rules.pause_after_expired == 0:
            return False
        gone = [
            r
            for r in rows
            if r.recipient == code
            and r.outcome == "expired"
            and r.ended_on is not None
            and window_start < r.ended_on <= on
        ]
        return len(gone) >= rules.pause_after_expired

    assigned: list[tuple[str, str, str]] = []
    nurture: list[str] = []
    unroutable: list[tuple[str, str]] = []

    def give(lead: RoutingLead, to: str, reason: str) -> None:
        rows.append(_Row(lead.code, to, on, "open", None, None))
        assigned.append((lead.code, to, reason))

    for lead in sorted(world.leads, key=lambda x: (x.created_on, x.code)):
        if lead.created_on > on:
            continue
        grade = lead.grade or "none"
        again = (
            lead.status in ("new", "declined", "expired", "unroutable")
            or lead.code in expired
            or (lead.status == "nurture" and lead.nurture_grade != grade)
        )
        if not again:
            continue
        if lead.named_account:
            give(lead, "Direct", "named account")
            continue
        owners = [
            r
            for r in lead.registrations
            if r.claimant == "Direct"
            or (
                r.claimant in partners
                and partners[r.claimant].active
                and not excluded(lead.code, r.claimant)
            )
        ]
        if owners:
            first = min(owners, key=lambda r: (r.claimed_on, r.claimant != "Direct", r.claimant))
            give(lead, first.claimant, "registered")
            continue
        route_ = rules.routes[grade]
        if route_ == "direct":
            give(lead, "Direct", f"grade {grade}")
            continue
        if route_ == "nurture":
            nurture.append(lead.code)
            continue
        eligible = [
            p
            for p in world.partners
            if p.active
            and lead.country in p.territories
            and p.weight > 0
            and not excluded(lead.code, p.code)
            and not paused(p.code)
            and (lead.family_id is None or lead.family_id in p.certified)
        ]
        if not eligible:
            family = "" if lead.family_id is None else f" certified for {lead.family_name}"
            unroutable.append((lead.code, f"no eligible partner in {lead.country}{family}"))
            continue
        best = min(eligible, key=lambda p: (Fraction(load(p.code), p.weight), -p.weight, p.code))
        give(lead, best.code, f"load {load(best.code)}/{best.weight}")
    return {
        "expired": sorted(expired),
        "assigned": assigned,
        "nurture": nurture,
        "unroutable": unroutable,
    }


def product_route(world: RoutingWorld, on: date, rules: LeadRules) -> dict[str, object]:
    run = route(world, on, rules)
    return {
        "expired": sorted(e.lead for e in run.expired),
        "assigned": [(a.lead, a.to, a.reason) for a in run.assigned],
        "nurture": list(run.nurture),
        "unroutable": [(u.lead, u.reason) for u in run.unroutable],
    }


# ---------------------------------------------------------------- random worlds

CODES = ["P-1", "P-10", "P-2", "P-9", "P-20", "P-3"]  # text order differs from number order
COUNTRIES = ["DE", "FR", "US"]
FAMILIES = {1: "Firewalls", 2: "Switches"}
GRADE_VALUES = ["A", "B", "C", "D", None]


def _day(offset: int) -> date:
    return D + timedelta(days=offset)


@st.composite
def worlds(draw: st.DrawFn) -> tuple[RoutingWorld, LeadRules]:
    partner_codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=6, unique=True))
    partners = tuple(
        RoutingPartner(
            code=code,
            active=draw(st.booleans() | st.just(True)),
            weight=draw(st.integers(0, 3)),
            territories=frozenset(draw(st.sets(st.sampled_from(COUNTRIES), min_size=1))),
            certified=frozenset(draw(st.sets(st.sampled_from(sorted(FAMILIES))))),
        )
        for code in partner_codes
    )
    recipients = st.sampled_from([*partner_codes, "Direct"])
    n_leads = draw(st.integers(1, 12))
    leads = []
    assignments = []
    for i in range(n_leads):
        code = f"L-{draw(st.integers(1, 40)):02d}-{i}"
        family = draw(st.sampled_from([None, 1, 2]))
        grade = draw(st.sampled_from(GRADE_VALUES))
        status = draw(
            st.sampled_from(
                ["new", "new", "declined", "expired", "unroutable", "nurture", "assigned", "lost"]
            )
        )
        registrations = tuple(
            Registration(draw(recipients), _day(draw(st.integers(-20, 0))))
            for _ in range(draw(st.integers(0, 2)))
        )
        leads.append(
            RoutingLead(
                code=code,
                created_on=_day(draw(st.integers(-30, 2))),
                country=draw(st.sampled_from(COUNTRIES)),
                grade=grade,
                status=status,
                family_id=family,
                family_name=None if family is None else FAMILIES[family],
                nurture_grade=draw(st.sampled_from(["A", "B", "C", "D", "none"])),
                named_account=draw(st.integers(0, 9)) == 0,
                registrations=registrations if draw(st.integers(0, 3)) == 0 else (),
            )
        )
        for _ in range(draw(st.integers(0, 3))):
            who = draw(recipients)
            assigned_on = _day(draw(st.integers(-40, 1)))
            outcome = draw(st.sampled_from(["open", "accepted", "declined", "expired", "lost"]))
            accepted = assigned_on if who == "Direct" or outcome in ("accepted", "lost") else None
            ended = None
            if outcome in ("declined", "expired", "lost"):
                ended = assigned_on + timedelta(days=draw(st.integers(0, 6)))
            assignments.append(
                PastAssignment(
                    code, who, assigned_on, outcome, grade, accepted, ended, len(assignments)
                )
            )
    # unrelated history that only weighs on loads and pauses
    for _ in range(draw(st.integers(0, 15))):
        who = draw(recipients)
        assigned_on = _day(draw(st.integers(-60, 0)))
        outcome = draw(st.sampled_from(["accepted", "expired", "declined", "open"]))
        ended = assigned_on + timedelta(days=4) if outcome in ("expired", "declined") else None
        accepted = assigned_on if outcome == "accepted" or who == "Direct" else None
        assignments.append(
            PastAssignment(
                "OLD", who, assigned_on, outcome, None, accepted, ended, len(assignments)
            )
        )
    routes = {
        g: draw(st.sampled_from(["direct", "partners", "partners", "nurture"]))
        for g in ["A", "B", "C", "D", "none"]
    }
    rules = LeadRules(
        routes=routes,
        acceptance_days=draw(st.integers(0, 5)),
        load_window_days=draw(st.integers(1, 45)),
        pause_after_expired=draw(st.integers(0, 3)),
    )
    return RoutingWorld(tuple(leads), partners, tuple(assignments)), rules


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds())
def test_routing_gives_the_oracles_answers_on_random_worlds(
    case: tuple[RoutingWorld, LeadRules],
) -> None:
    world, rules = case
    assert product_route(world, D, rules) == oracle_route(world, D, rules)


@settings(max_examples=100, deadline=None)
@given(worlds())
def test_routing_is_deterministic_whatever_the_order_of_the_snapshot(
    case: tuple[RoutingWorld, LeadRules],
) -> None:
    world, rules = case
    shuffled = RoutingWorld(
        tuple(reversed(world.leads)),
        tuple(reversed(world.partners)),
        tuple(reversed(world.assignments)),
    )
    assert product_route(shuffled, D, rules) == product_route(world, D, rules)


# ---------------------------------------------------------------- the board oracle


def _rounded(value: Fraction | None) -> Decimal | None:
    if value is None:
        return None
    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def oracle_board(
    assignments: tuple[PastAssignment, ...], on: date, rules: LeadRules, since: date | None
) -> dict[str, object]:
    """SPEC.md's board read literally: every figure recounted from the kept assignments."""
    kept = [
        a for a in assignments if a.assigned_on <= on and (since is None or a.assigned_on >= since)
    ]

    def accepted(a: PastAssignment) -> date | None:
        day = a.assigned_on if a.recipient == "Direct" else a.accepted_on
        return day if day is not None and day <= on else None

    def how(a: PastAssignment) -> str:
        if a.ended_on is not None and a.ended_on <= on and a.outcome not in ("open", "accepted"):
            return a.outcome
        if accepted(a):
            return "accepted"
        if a.recipient != "Direct" and on > a.assigned_on + timedelta(days=rules.acceptance_days):
            return "expired"
        return "open"

    grades = ["A", "B", "C", "D", "none"]

    def grade(a: PastAssignment) -> str:
        return a.grade or "none"

    rate = {}
    for g in grades:
        of_g = [a for a in kept if grade(a) == g]
        rate[g] = Fraction(sum(how(a) == "converted" for a in of_g), len(of_g)) if of_g else 0
    rows = []
    names = {"Direct"} | {a.recipient for a in kept}
    for name in sorted(names, key=lambda r: (r != "Direct", r)):
        mine = [a for a in kept if a.recipient == name]
        n = {
            s: sum(how(a) == s for a in mine) for s in ("declined", "expired", "converted", "lost")
        }
        acc = sum(accepted(a) is not None for a in mine)
        quiet = sum(
            how(a) == "accepted" and (on - accepted(a)).days > rules.quiet_days  # type: ignore[operator]
            for a in mine
        )
        still = sum(how(a) in ("open", "accepted") for a in mine)
        expected = sum(sum(grade(a) == g for a in mine) * rate[g] for g in grades)
        rows.append(
            {
                "recipient": name,
                "received": {g: sum(grade(a) == g for a in mine) for g in grades}
                | {"all": len(mine)},
                "accepted": acc,
                **n,
                "quiet": quiet,
                "open": still,
                "acceptance_rate": _rounded(
                    Fraction(acc, acc + n["declined"] + n["expired"])
                    if acc + n["declined"] + n["expired"]
                    else None
                ),
                "conversion_rate": _rounded(Fraction(n["converted"], len(mine)) if mine else None),
                "grade_adjusted_index": _rounded(
                    Fraction(n["converted"]) / expected if expected else None
                ),
            }
        )
    top = [a for a in kept if grade(a) in ("A", "B")]
    partner_top = [a for a in top if a.recipient != "Direct"]
    partner_all = [a for a in kept if a.recipient != "Direct"]
    skew = None
    if top and kept and partner_all:
        skew = Fraction(len(partner_top), len(top)) / Fraction(len(partner_all), len(kept))
    return {"rows": rows, "grade_skew": _rounded(skew)}


def product_board(
    assignments: tuple[PastAssignment, ...], on: date, rules: LeadRules, since: date | None
) -> dict[str, object]:
    board = build_board(assignments, on, rules, since)
    rows = [
        {
            "recipient": r.recipient,
            "received": dict(r.received),
            "accepted": r.accepted,
            "declined": r.declined,
            "expired": r.expired,
            "converted": r.converted,
            "lost": r.lost,
            "quiet": r.quiet,
            "open": r.open,
            "acceptance_rate": r.acceptance_rate,
            "conversion_rate": r.conversion_rate,
            "grade_adjusted_index": r.grade_adjusted_index,
        }
        for r in board.rows
    ]
    return {"rows": rows, "grade_skew": board.grade_skew}


OUTCOMES = ["open", "accepted", "declined", "expired", "converted", "lost"]


@st.composite
def histories(draw: st.DrawFn) -> tuple[PastAssignment, ...]:
    """Assignments as the product stores them: consistent outcomes, dates on both sides of D."""
    found = []
    for i in range(draw(st.integers(0, 30))):
        who = draw(st.sampled_from(["Direct", "P-1", "P-10", "P-2"]))
        assigned_on = _day(draw(st.integers(-40, 3)))
        outcome = draw(
            st.sampled_from(["open", "accepted", "declined", "expired", "converted", "lost"])
        )
        if who == "Direct" and outcome in ("declined", "expired"):
            outcome = "open"
        accepted_on = None
        if who == "Direct":
            accepted_on = assigned_on
        elif outcome in ("accepted", "converted", "lost"):
            accepted_on = assigned_on + timedelta(days=draw(st.integers(0, 3)))
        ended_on = None
        if outcome not in ("open", "accepted"):
            ended_on = (accepted_on or assigned_on) + timedelta(days=draw(st.integers(0, 25)))
        found.append(
            PastAssignment(
                f"L-{i}",
                who,
                assigned_on,
                outcome,
                draw(st.sampled_from(GRADE_VALUES)),
                accepted_on,
                ended_on,
            )
        )
    return tuple(found)


@settings(max_examples=300, deadline=None)
@given(
    histories(),
    st.integers(-10, 3),
    st.none() | st.integers(-30, 0),
    st.integers(0, 5),
    st.integers(0, 20),
)
def test_board_gives_the_oracles_figures_on_random_histories(
    history: tuple[PastAssignment, ...], on_offset: int, since: int | None, days: int, quiet: int
) -> None:
    rules = LeadRules(acceptance_days=days, quiet_days=quiet)
    on = _day(on_offset)
    start = None if since is None else _day(since)
    assert product_board(history, on, rules, start) == oracle_board(history, on, rules, start)
