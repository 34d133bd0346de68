"""The rules of engagement (SPEC.md, "Rules of engagement"): the warnings of a partner claim,
the suggested owner of an overlap group (against a second, plain implementation on random
groups), and the explanation the partners read."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.engagement import (
    DIRECT,
    Registration,
    Suggestion,
    claim_warnings,
    resolution_notice,
    suggest_owner,
)
from app.domain.names import name_key
from app.domain.overlap_groups import LiveClaim, find_groups, with_lone_named
from app.domain.overlap_match import AccountKey

DAY = date(2026, 11, 23)


def warnings(days: list[int], named: bool = False, partner: bool = True) -> list[str]:
    return claim_warnings(
        partner_claim=partner,
        claimed_on=DAY,
        named=named,
        direct_days=[DAY + timedelta(days=d) for d in days],
        cooling_off_days=60,
    )


def test_a_partner_claim_on_a_named_account_warns() -> None:
    assert warnings([], named=True) == ["named direct account"]


def test_direct_activity_within_the_cooling_off_days_warns_with_the_latest_date() -> None:
    assert warnings([-60, -3, -61]) == ["direct team active since 2026-11-20"]
    assert warnings([-60]) == ["direct team active since 2026-09-24"]  # the window's first day
    assert warnings([0]) == ["direct team active since 2026-11-23"]  # the claim's own day


def test_activity_before_the_window_or_after_the_claim_does_not_warn() -> None:
    assert warnings([-61, 1, 30]) == []


def test_both_warnings_together_and_none_for_the_direct_teams_own_claim() -> None:
    assert warnings([-1], named=True) == [
        "named direct account",
        "direct team active since 2026-11-22",
    ]
    assert warnings([-1], named=True, partner=False) == []


def oracle(claims: list[Registration], named: bool) -> Suggestion:
    """SPEC.md's order, written out step by step."""
    if named:
        return Suggestion("Direct", "named account")
    approved = [c for c in claims if c.approved]
    pool, rule = (
        (approved, "first approved registration") if approved else (claims, "first registration")
    )
    best = pool[0]
    for claim in pool[1:]:
        if claim.claimed_on < best.claimed_on:
            best = claim
        elif claim.claimed_on > best.claimed_on or best.claimant_code == "Direct":
            continue
        elif claim.claimant_code == "Direct" or claim.claimant_code < best.claimant_code:
            best = claim
    return Suggestion(best.claimant_code, rule)


CLAIMANTS = ["Direct", "P-10001", "P-2", "P-10", "P-9", "Northwind"]

registrations = st.builds(
    Registration,
    st.sampled_from(CLAIMANTS),
    st.booleans(),
    st.integers(0, 5).map(lambda d: DAY + timedelta(days=d)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(registrations, min_size=1, max_size=8), st.booleans())
def test_the_suggested_owner_is_the_rules_answer(claims: list[Registration], named: bool) -> None:
    assert suggest_owner(claims, named) == oracle(claims, named)


def test_ties_go_to_direct_then_to_the_partner_id_as_text() -> None:
    one_day = [Registration("P-9", False, DAY), Registration("P-10", False, DAY)]
    assert suggest_owner(one_day, False) == ("P-10", "first registration")
    with_direct = [*one_day, Registration(DIRECT, False, DAY)]
    assert suggest_owner(with_direct, False) == ("Direct", "first registration")
    approved = [*with_direct, Registration("P-9", True, DAY + timedelta(days=9))]
    assert suggest_owner(approved, False) == ("P-9", "first approved registration")


NAMES = ["Contoso", "Contoso Ltd", "Globex", "Initech"]


@st.composite
def scanned(draw: st.DrawFn) -> tuple[list[LiveClaim], frozenset[int]]:
    accounts = {
        n: AccountKey(n, NAMES[n % len(NAMES)], name_key(NAMES[n % len(NAMES)]), None, "DE")
        for n in range(1, 6)
    }
    claims = []
    for n in range(draw(st.integers(0, 10))):
        who = draw(st.sampled_from(CLAIMANTS))
        since = DAY + timedelta(days=draw(st.integers(0, 5)))
        claims.append(
            LiveClaim(
                n + 1, accounts[draw(st.integers(1, 5))], who, who, since,
                since + timedelta(days=90), Decimal(1000), "EUR", Decimal(5),
                draw(st.booleans()), who,
            )
        )  # fmt: skip
    named = frozenset(draw(st.sets(st.integers(1, 5), max_size=2)))
    return claims, named


@settings(max_examples=200, deadline=None)
@given(scanned())
def test_every_group_of_a_scan_carries_the_rules_answer(
    world: tuple[list[LiveClaim], frozenset[int]],
) -> None:
    claims, named = world
    groups = find_groups(claims, 90, named=named)
    linked = {c.id for g in groups for c in g.claims}
    lone = [
        c for c in claims if c.id not in linked and c.account.id in named and c.claimant != DIRECT
    ]
    done = with_lone_named(groups, lone)
    assert len(done) == len(groups) + len({c.account.id for c in lone})
    for group in done:
        regs = [Registration(c.claimant_code, c.approved, c.claimed_on) for c in group.claims]
        on_named = any(c.account.id in named for c in group.claims)
        assert group.suggestion == oracle(regs, on_named)
        assert group.named == on_named
    order = [(-g.largest_exposure(), g.key) for g in done]
    assert order == sorted(order)  # as the grouping orders them


def test_the_notice_says_who_owns_it_by_which_rule_and_whose_claims_end() -> None:
    text = resolution_notice(
        account="Contoso Ltd",
        owner_name="Northwind Traders",
        suggestion=Suggestion("P-10001", "first registration"),
        suggested_name="Northwind Traders",
        first_day=date(2026, 11, 2),
        others=["Fabrikam"],
        reason="First to register, with a signed NDA",
    )
    assert text.splitlines() == [
        "Contoso Ltd: the account belongs to Northwind Traders.",
        "Under our rules of engagement, Northwind Traders registered it first (2026-11-02).",
        "Reason: First to register, with a signed NDA",
        "The registration of Fabrikam is closed as rejected.",
    ]
    other = resolution_notice(
        account="Contoso Ltd",
        owner_name="Fabrikam",
        suggestion=Suggestion("Direct", "named account"),
        suggested_name="Direct",
        first_day=None,
        others=["Northwind Traders", "Tailspin"],
        reason="The direct rep handed it over",
    )
    assert "suggested Direct (it is a named account of our direct team" in other
    assert "we decided otherwise" in other
    assert other.endswith("Northwind Traders, Tailspin are closed as rejected.")
