"""Routing on small worlds whose answers are worked out by hand from SPEC.md."""

from __future__ import annotations

from datetime import date, timedelta

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
RULES = LeadRules()


def lead(code: str, grade: str | None = "B", **kw: object) -> RoutingLead:
    values: dict[str, object] = {
        "created_on": D - timedelta(days=1),
        "country": "DE",
        "status": "new",
    }
    values.update(kw)
    return RoutingLead(code=code, grade=grade, **values)  # type: ignore[arg-type]


def partner(code: str, weight: int = 1, **kw: object) -> RoutingPartner:
    values: dict[str, object] = {"active": True, "territories": frozenset({"DE"})}
    values.update(kw)
    return RoutingPartner(code=code, weight=weight, **values)  # type: ignore[arg-type]


def past(
    lead_code: str, to: str, days_ago: int, outcome: str = "accepted", **kw: object
) -> PastAssignment:
    on = D - timedelta(days=days_ago)
    values: dict[str, object] = {"accepted_on": on if outcome == "accepted" else None}
    values.update(kw)
    return PastAssignment(lead_code, to, on, outcome, **values)  # type: ignore[arg-type]


def assigned(world: RoutingWorld, rules: LeadRules = RULES) -> list[tuple[str, str, str]]:
    return [(a.lead, a.to, a.reason) for a in route(world, D, rules).assigned]


def test_ties_go_to_the_larger_weight_then_the_partner_id_in_text_order() -> None:
    world = RoutingWorld(
        (lead("L-1"), lead("L-2"), lead("L-3"), lead("L-4")),
        (partner("P-9", 1), partner("P-10", 1), partner("P-5", 2)),
        (),
    )
    # all at 0: P-5 (weight 2); then P-10 0/1 < P-5 1/2 ("P-10" < "P-9" as text); then P-9 0/1;
    # then P-5 1/2 beats 1/1.
    assert assigned(world) == [
        ("L-1", "P-5", "load 0/2"),
        ("L-2", "P-10", "load 0/1"),
        ("L-3", "P-9", "load 0/1"),
        ("L-4", "P-5", "load 1/2"),
    ]


def test_load_counts_the_window_only_and_compares_exact_fractions() -> None:
    history = (
        past("X1", "P-1", 89),  # inside the 90-day window
        past("X2", "P-1", 90),  # D − 90: outside
        past("X3", "P-2", 10),
        past("X4", "P-2", 20),
        past("X5", "P-2", 30),
    )
    world = RoutingWorld((lead("L-1"),), (partner("P-1", 1), partner("P-2", 3)), history)
    # P-1: 1/1; P-2: 3/3 → equal loads, the larger weight wins
    assert assigned(world) == [("L-1", "P-2", "load 3/3")]


def test_expired_assignment_comes_back_and_never_returns_to_that_partner() -> None:
    waiting = past("L-1", "P-1", 4, outcome="open")  # deadline D − 1 < D
    on_time = past("L-2", "P-1", 3, outcome="open")  # deadline D: still open
    world = RoutingWorld(
        (lead("L-1", status="assigned"), lead("L-2", status="assigned")),
        (partner("P-1", 4), partner("P-2", 1)),
        # P-2 is busier (2/1 against 2/4): only the expiry keeps L-1 from P-1
        (waiting, on_time, past("X1", "P-2", 1), past("X2", "P-2", 2)),
    )
    run = route(world, D, RULES)
    assert [e.lead for e in run.expired] == ["L-1"]
    assert [(a.lead, a.to) for a in run.assigned] == [("L-1", "P-2")]


def test_pause_counts_this_runs_expiries() -> None:
    history = (
        past("OLD1", "P-1", 30, outcome="expired", ended_on=D - timedelta(days=26)),
        past("OLD2", "P-1", 40, outcome="expired", ended_on=D - timedelta(days=36)),
        past("L-9", "P-1", 5, outcome="open"),  # expires in this run: the third
        past("X1", "P-2", 1),
        past("X2", "P-2", 2),  # P-2 at 2/1 is busier than P-1 at 3/4
    )
    world = RoutingWorld((lead("L-1"),), (partner("P-1", 4), partner("P-2", 1)), history)
    assert assigned(world) == [("L-1", "P-2", "load 2/1")]
    never = LeadRules(pause_after_expired=0)
    assert assigned(world, never) == [("L-1", "P-1", "load 3/4")]


def test_certification_must_cover_the_family_and_territory_the_country() -> None:
    world = RoutingWorld(
        (
            lead("L-1", family_id=7, family_name="Firewalls"),
            lead("L-2", country="FR"),
            lead("L-3", country="AT", family_id=8, family_name="Switches"),
        ),
        (partner("P-1", certified=frozenset({7})), partner("P-2", territories=frozenset({"FR"}))),
        (),
    )
    run = route(world, D, RULES)
    assert [(a.lead, a.to) for a in run.assigned] == [("L-1", "P-1"), ("L-2", "P-2")]
    assert [(u.lead, u.reason) for u in run.unroutable] == [
        ("L-3", "no eligible partner in AT certified for Switches")
    ]


def test_named_account_and_first_registration_win_over_everything() -> None:
    regs = (
        Registration("P-7", D - timedelta(days=5)),
        Registration("Direct", D - timedelta(days=5)),
    )
    late = (Registration("P-8", D - timedelta(days=9)),)
    world = RoutingWorld(
        (
            lead("L-1", named_account=True, registrations=late),
            lead("L-2", grade=None, registrations=regs),
            lead("L-3", grade="D", country="JP", registrations=late),
        ),
        # P-8 weighs 0 and covers no JP: a registration ignores load, territory and weight
        (partner("P-7"), partner("P-8", 0)),
        (),
    )
    assert assigned(world) == [
        ("L-1", "Direct", "named account"),
        ("L-2", "Direct", "registered"),
        ("L-3", "P-8", "registered"),
    ]


def test_a_registrant_that_declined_the_lead_is_passed_over() -> None:
    regs = (Registration("P-7", D - timedelta(days=9)), Registration("P-8", D - timedelta(days=2)))
    history = (past("L-1", "P-7", 8, outcome="declined", ended_on=D - timedelta(days=7)),)
    world = RoutingWorld(
        (lead("L-1", status="declined", registrations=regs),),
        (partner("P-7"), partner("P-8")),
        history,
    )
    assert assigned(world) == [("L-1", "P-8", "registered")]


def test_grade_routes_direct_and_nurture_and_a_changed_grade_routes_again() -> None:
    rules = RULES.with_routes({"A": "direct"})
    world = RoutingWorld(
        (
            lead("L-1", grade="A"),
            lead("L-2", grade="D"),
            lead("L-3", grade="B", status="nurture", nurture_grade="D"),
            lead("L-4", grade="D", status="nurture", nurture_grade="D"),
            lead("L-5", created_on=D + timedelta(days=1)),
        ),
        (partner("P-1"),),
        (),
    )
    run = route(world, D, rules)
    assert [(a.lead, a.to, a.reason) for a in run.assigned] == [
        ("L-1", "Direct", "grade A"),
        ("L-3", "P-1", "load 0/1"),
    ]
    assert run.nurture == ("L-2",)


def test_inactive_and_zero_weight_partners_get_nothing_by_load() -> None:
    world = RoutingWorld((lead("L-1"),), (partner("P-1", 0), partner("P-2", active=False)), ())
    run = route(world, D, RULES)
    assert run.assigned == ()
    assert [(u.lead, u.reason) for u in run.unroutable] == [("L-1", "no eligible partner in DE")]


def test_a_partner_passed_over_for_one_lead_keeps_its_place_for_the_next() -> None:
    declined = past("L-1", "P-2", 100, outcome="declined", ended_on=D - timedelta(days=99))
    world = RoutingWorld(
        (lead("L-1", status="declined"), lead("L-2")),
        (partner("P-2"), partner("P-20")),
        (declined,),
    )
    # P-2 declined L-1 (long before the window): L-1 goes to P-20; P-2, still at 0, gets L-2
    assert assigned(world) == [("L-1", "P-20", "load 0/1"), ("L-2", "P-2", "load 0/1")]
