"""SPEC.md's overlap rules on real-world name variants and near misses, and their properties."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.money import round_money
from app.domain.names import domain_key, name_key
from app.domain.overlap_groups import LiveClaim, find_groups, group_overlaps, windows_meet
from app.domain.overlap_links import ClaimOverlap, claim_links
from app.domain.overlap_match import (
    MAX_BLOCK,
    AccountKey,
    Confidence,
    company_matches,
    same_company,
)

DAY = date(2026, 11, 23)
THRESHOLD = 90


def account(n: int, name: str, country: str | None = "DE", web: str | None = None) -> AccountKey:
    return AccountKey(n, name, name_key(name), domain_key(web), country)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Contoso Ltd", "CONTOSO LIMITED"),
        ("Société Générale S.A.", "Societe Generale"),
        ("Müller GmbH & Co. KG", "Muller GmbH"),
        ("The Fabrikam Company, Inc.", "Fabrikam Inc"),
        ("Nordwind Logistik GmbH", "Nordwind Logistik AG"),
        ("A.B.C. Trading Pty Ltd", "ABC Trading"),
        ("Ｆｕｌｌｗｉｄｔｈ Corp", "Fullwidth Corporation"),
        ("Åkerlund & Rausing AB", "Akerlund Rausing"),
        ("Zoë's Bakery LLC", "Zoes Bakery"),
    ],
)
def test_the_same_name_written_differently_is_certain(left: str, right: str) -> None:
    match = same_company(account(1, left), account(2, right), THRESHOLD)
    assert match is not None and match.confidence is Confidence.CERTAIN
    assert match.why == "same name"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Contoso Pharmaceuticals", "Contosso Pharmaceuticals"),  # a typo
        ("Globex Trading Europe", "Globex Europe Trading"),  # word order (and the same name)
        ("Wayne Enterprise Holdings", "Wayne Enterprises Holding"),
        ("Initech Software Solutions", "Initech Software Solution"),
        ("Hooli Cloud Services", "Hooli Cloud Service"),
    ],
)
def test_a_near_spelling_in_the_same_country_is_likely(left: str, right: str) -> None:
    match = same_company(account(1, left), account(2, right), THRESHOLD)
    assert match is not None
    assert match.confidence is Confidence.LIKELY or match.why == "same name"
    assert match.why == "same name" or match.why.startswith("similar name (")


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Alpha Systems", "Alpine Systems"),  # different companies, similar names
        ("Nordic Bank", "Nordic Tank"),
        ("Contoso", "Fabrikam"),
        ("Acme Mining", "Acme Dining"),  # 91% alike, but a word starts with another letter
        ("Blue River Foods", "Red River Foods"),
    ],
)
def test_different_companies_with_similar_names_do_not_match(left: str, right: str) -> None:
    assert same_company(account(1, left), account(2, right), THRESHOLD) is None


def test_the_same_name_in_another_country_is_another_company() -> None:
    assert (
        same_company(account(1, "Contoso Ltd", "GB"), account(2, "Contoso Ltd", "US"), 90) is None
    )
    near = same_company(account(1, "Contosso", "GB"), account(2, "Contoso", "US"), 80)
    assert near is None  # likely matches never cross a border


def test_a_missing_country_does_not_hide_the_same_name() -> None:
    match = same_company(account(1, "Contoso Ltd", None), account(2, "Contoso", "US"), THRESHOLD)
    assert match is not None and match.confidence is Confidence.CERTAIN


def test_a_shared_company_domain_is_certain_across_names_and_countries() -> None:
    a = account(1, "Contoso Deutschland", "DE", "https://www.contoso.com/de")
    b = account(2, "Contoso Inc", "US", "sales@contoso.com")
    match = same_company(a, b, THRESHOLD)
    assert match is not None and match.confidence is Confidence.CERTAIN
    assert match.why == "same domain contoso.com"


def test_free_mail_domains_identify_no_company() -> None:
    a = account(1, "Bakery Schmidt", "DE", "schmidt.bakery@gmail.com")
    b = account(2, "Garage Weber", "DE", "garage.weber@gmail.com")
    assert a.domain is None and same_company(a, b, THRESHOLD) is None


def test_blocking_finds_every_pair_a_full_comparison_finds() -> None:
    names = [
        "Contoso Pharmaceuticals", "Contosso Pharmaceuticals", "Contoso Pharma",
        "Globex Corporation Europe", "Globex Europe Corporation", "Initech", "Initech GmbH",
        "Alpha Systems", "Alpine Systems", "Umbrella Health", "Umbrela Health",
    ]  # fmt: skip
    keys = [account(n, name) for n, name in enumerate(names)]
    blocked = {(m.a, m.b) for m in company_matches(keys, THRESHOLD).pairs}
    every = {
        (a.id, b.id)
        for i, a in enumerate(keys)
        for b in keys[i + 1 :]
        if same_company(a, b, THRESHOLD) is not None
    }
    assert blocked == every
    assert (0, 1) in blocked and (9, 10) in blocked and (7, 8) not in blocked


def test_a_dismissed_likely_match_stays_dismissed_but_a_certain_one_cannot_be() -> None:
    keys = [account(1, "Contoso Pharmaceuticals"), account(2, "Contosso Pharmaceuticals")]
    assert company_matches(keys, THRESHOLD, frozenset({(1, 2)})).pairs == []
    same = [account(1, "Contoso Ltd"), account(2, "Contoso Limited")]
    assert len(company_matches(same, THRESHOLD, frozenset({(1, 2)})).pairs) == 1


def claim(
    n: int,
    acct: AccountKey,
    who: str,
    start: int = 0,
    days: int = 90,
    amount: str | None = "10000",
    pct: str = "10",
    currency: str = "EUR",
) -> LiveClaim:
    return LiveClaim(
        id=n,
        account=acct,
        claimant=who,
        claimant_name=who.title(),
        claimed_on=DAY + timedelta(days=start),
        valid_until=DAY + timedelta(days=start + days),
        deal_amount=Decimal(amount) if amount else None,
        currency=currency if amount else None,
        commission_pct=Decimal(pct),
    )


def test_claims_never_live_at_the_same_time_do_not_conflict() -> None:
    acct = account(1, "Contoso")
    claims = [claim(1, acct, "partner:1", 0, 30), claim(2, acct, "partner:2", 31, 30)]
    assert find_groups(claims, THRESHOLD) == []
    touching = [claim(1, acct, "partner:1", 0, 30), claim(2, acct, "partner:2", 30, 30)]
    assert len(find_groups(touching, THRESHOLD)) == 1  # both live on day 30


def test_one_claimant_claiming_twice_is_not_an_overlap() -> None:
    acct, twin = account(1, "Contoso"), account(2, "Contoso Ltd")
    claims = [claim(1, acct, "partner:1"), claim(2, twin, "partner:1")]
    assert find_groups(claims, THRESHOLD) == []


def test_groups_are_transitive_and_carry_the_exposure_per_currency() -> None:
    a = account(1, "Contoso Ltd", "DE", "contoso.com")
    b = account(2, "Contoso Deutschland", "DE", "www.contoso.com")
    c = account(3, "Contoso Deutschland GmbH", "DE")
    claims = [
        claim(1, a, "partner:1", amount="100000", pct="12.5"),
        claim(2, b, "direct", amount="50000", pct="0"),
        claim(3, c, "partner:2", amount="3333.33", pct="7.5", currency="USD"),
    ]
    (group,) = find_groups(claims, THRESHOLD)
    assert [x.id for x in group.claims] == [1, 2, 3]
    assert group.confidence is Confidence.CERTAIN  # domain links 1-2, name links 2-3
    assert group.exposure == (("EUR", Decimal("12500.00")), ("USD", Decimal("250.00")))
    assert group.claimants == ("Partner:1", "Direct", "Partner:2")
    whys = {(o.a, o.b): o.why for o in group.overlaps}
    assert whys[(1, 2)] == "same domain contoso.com" and whys[(2, 3)] == "same name"


def test_a_group_held_together_by_a_likely_link_is_likely() -> None:
    a, b = account(1, "Umbrella Health Group"), account(2, "Umbrela Health Group")
    (group,) = find_groups([claim(1, a, "partner:1"), claim(2, b, "partner:2")], THRESHOLD)
    assert group.confidence is Confidence.LIKELY


def test_groups_come_largest_exposure_first() -> None:
    small, big = account(1, "Initech"), account(2, "Globex")
    claims = [
        claim(1, small, "partner:1", amount="1000"), claim(2, small, "partner:2", amount="1000"),
        claim(3, big, "partner:1", amount="90000"), claim(4, big, "direct", amount="5"),
    ]  # fmt: skip
    assert [g.key for g in find_groups(claims, THRESHOLD)] == ["3,4", "1,2"]


NAMES = ["Contoso", "Contosso", "Contoso Ltd", "Globex", "Globex Corp", "Initech", "Initec"]


@st.composite
def claim_sets(draw: st.DrawFn) -> list[LiveClaim]:
    count = draw(st.integers(min_value=0, max_value=12))
    claims = []
    accounts: dict[int, AccountKey] = {}
    for n in range(count):
        number = draw(st.integers(1, 8))
        name = NAMES[number % len(NAMES)]
        country = ["DE", "FR", None][number % 3]
        acct = accounts.setdefault(number, account(number, name, country))
        who = draw(st.sampled_from(["partner:1", "partner:2", "partner:3", "direct"]))
        claims.append(claim(n + 1, acct, who, draw(st.integers(0, 60)), draw(st.integers(0, 60))))
    return claims


@settings(max_examples=200, deadline=None)
@given(claim_sets(), st.randoms(use_true_random=False))
def test_grouping_does_not_depend_on_input_order(claims: list[LiveClaim], rnd: object) -> None:
    shuffled = list(claims)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert find_groups(shuffled, THRESHOLD) == find_groups(claims, THRESHOLD)


@settings(max_examples=200, deadline=None)
@given(claim_sets())
def test_every_claim_of_a_group_is_linked_and_no_claim_is_in_two_groups(
    claims: list[LiveClaim],
) -> None:
    groups = find_groups(claims, THRESHOLD)
    seen = [c.id for g in groups for c in g.claims]
    assert len(seen) == len(set(seen))
    for group in groups:
        linked = {o.a for o in group.overlaps} | {o.b for o in group.overlaps}
        assert linked == {c.id for c in group.claims} and len(group.claims) >= 2


def test_days_as_sqlite_keeps_them_give_the_same_links() -> None:
    """The scan compares SQLite's ISO text days without making dates of them first."""
    acct, twin = account(1, "Contoso"), account(2, "Contoso Ltd")
    claims = [
        claim(1, acct, "partner:1", 0, 30), claim(2, acct, "partner:2", 30, 30),
        claim(3, twin, "partner:3", 31, 5), claim(4, twin, "partner:1", 0, 90),
    ]  # fmt: skip
    matches = company_matches([acct, twin], THRESHOLD).pairs
    dated = [(c.id, c.account.id, c.claimant, c.claimed_on, c.valid_until) for c in claims]
    text = [(i, a, who, since.isoformat(), until.isoformat()) for i, a, who, since, until in dated]
    links = claim_links(dated, matches)
    assert sorted(claim_links(text, matches)) == sorted(links)
    assert {(o.a, o.b) for o in links} == {(1, 2), (2, 3), (2, 4), (3, 4)}


def test_a_pair_linked_twice_keeps_its_certain_and_plainest_reason() -> None:
    a, b, c = account(1, "Contoso"), account(2, "Contoso"), account(3, "Globex")
    claims = [claim(1, a, "partner:1"), claim(2, b, "partner:2"), claim(3, c, "direct")]
    links = [
        ClaimOverlap(1, 2, Confidence.LIKELY, "similar name (95%)"),
        ClaimOverlap(1, 2, Confidence.CERTAIN, "same name"),
        ClaimOverlap(1, 2, Confidence.CERTAIN, "same domain contoso.com"),
        ClaimOverlap(2, 3, Confidence.LIKELY, "similar name (91%)"),
    ]
    (group,) = group_overlaps(claims, links)
    assert [(o.a, o.b, o.why) for o in group.overlaps] == [
        (1, 2, "same domain contoso.com"), (2, 3, "similar name (91%)"),
    ]  # fmt: skip
    assert group.confidence is Confidence.LIKELY  # claim 3 hangs on a likely link only
    assert group.key == "1,2,3"
    assert group.exposure == (("EUR", Decimal("3000.00")),)


def _every_pair_by_rule(claims: list[LiveClaim]) -> set[tuple[int, int]]:
    """The overlapping claim pairs by the rule itself, comparing every pair of claims."""
    found = set()
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            same = a.account.id == b.account.id or same_company(a.account, b.account, THRESHOLD)
            if same and a.claimant != b.claimant and windows_meet(a, b):
                found.add((min(a.id, b.id), max(a.id, b.id)))
    return found


def test_many_accounts_on_one_domain_link_every_overlapping_pair() -> None:
    """A big company keeps many accounts on one domain: more than a block gives as pairs. Two
    claims on its first and last accounts overlap even when the claims on the accounts
    between them were never live at the same time as either."""
    web = "https://www.siemens.example"
    accounts = [account(n, f"Siemens Unit {n}", "DE", web) for n in range(1, MAX_BLOCK + 12)]
    claims = [claim(1, accounts[0], "partner:1", 0, 30), claim(2, accounts[-1], "partner:2", 10)]
    claims += [claim(10 + n, acct, "partner:1", 200) for n, acct in enumerate(accounts[1:-1])]
    (group, *others) = find_groups(claims, THRESHOLD)
    assert {(o.a, o.b) for o in group.overlaps} >= {(1, 2)}
    links = {(o.a, o.b) for g in [group, *others] for o in g.overlaps}
    assert links == _every_pair_by_rule(claims)
    assert {o.why for g in [group, *others] for o in g.overlaps} == {"same domain siemens.example"}


def test_a_name_without_country_is_the_same_company_as_each_account_of_that_name() -> None:
    """Two accounts 'Contoso' in Germany, two in France and one with no country: the one
    without is each of them, though Germany's are not France's."""
    de1, de2 = account(1, "Contoso", "DE"), account(2, "Contoso", "DE")
    fr1, fr2 = account(3, "Contoso", "FR"), account(4, "Contoso", "FR")
    nowhere = account(5, "Contoso", None)
    claims = [
        claim(4, de1, "partner:4", 200), claim(5, fr1, "partner:5", 200),
        claim(1, de2, "partner:1"), claim(2, fr2, "partner:2"), claim(3, nowhere, "partner:3"),
    ]  # fmt: skip
    links = {(o.a, o.b) for g in find_groups(claims, THRESHOLD) for o in g.overlaps}
    assert links == _every_pair_by_rule(claims) == {(1, 3), (2, 3)}


@given(claim_sets())
def test_links_are_every_overlapping_pair_by_the_rule(claims: list[LiveClaim]) -> None:
    links = {(o.a, o.b) for g in find_groups(claims, THRESHOLD) for o in g.overlaps}
    assert links == _every_pair_by_rule(claims)


AMOUNTS = [None, "0", "10000", "3333.33", "0.05"]


@st.composite
def two_claim_groups(draw: st.DrawFn) -> tuple[list[LiveClaim], list[ClaimOverlap]]:
    """Disjoint pairs of claims, each joined by one link, with amounts, currencies and days
    that tie or differ."""
    claims, links = [], []
    for n in range(draw(st.integers(min_value=1, max_value=8))):
        first, second = 2 * n + 1, 2 * n + 2
        acct = account(first, "Contoso")
        for number, who in ((first, "partner:1"), (second, "partner:2")):
            amount = draw(st.sampled_from(AMOUNTS))
            currency = draw(st.sampled_from(["EUR", "USD", "JPY"]))
            pct = draw(st.sampled_from(["0", "7.5", "12.5"]))
            start = draw(st.integers(0, 2))
            made = claim(number, acct, who, start, amount=amount, pct=pct, currency=currency)
            claims.append(made)
        low_first = draw(st.booleans())
        a, b = (first, second) if low_first else (second, first)
        links.append(ClaimOverlap(a, b, Confidence.CERTAIN, "same account"))
    return claims, links


def _exposure_by_hand(claims: tuple[LiveClaim, ...]) -> tuple[tuple[str, Decimal], ...]:
    totals: dict[str, Decimal] = {}
    for c in claims:
        if c.deal_amount is not None and c.currency:
            totals[c.currency] = totals.get(c.currency, Decimal(0)) + c.exposure
    return tuple((cur, round_money(totals[cur], cur)) for cur in sorted(totals))


@settings(max_examples=200, deadline=None)
@given(two_claim_groups())
def test_two_claim_groups_carry_their_claims_by_date_and_their_exposure(
    made: tuple[list[LiveClaim], list[ClaimOverlap]],
) -> None:
    claims, links = made
    groups = group_overlaps(claims, links)
    assert len(groups) == len(links)
    for group in groups:
        assert list(group.claims) == sorted(group.claims, key=lambda c: (c.claimed_on, c.id))
        assert group.exposure == _exposure_by_hand(group.claims)
        low, high = sorted(c.id for c in group.claims)
        assert group.key == f"{low},{high}"
    largest = [max([amount for _, amount in g.exposure], default=Decimal(0)) for g in groups]
    assert [(-x, g.key) for x, g in zip(largest, groups, strict=True)] == sorted(
        (-x, g.key) for x, g in zip(largest, groups, strict=True)
    )
