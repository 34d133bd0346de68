"""``company_matches`` says of each pair of accounts exactly what ``same_company`` says of it.

The scan puts only candidate pairs from blocks to the rule, and gives a block too big for pairs
as one company (``SameCompany``) without asking the rule about each pair; so these tests hold it
to the rule itself: every pair of a random set of accounts, with shared domains, names in
several countries or none, alike spellings, dismissals, and blocks big enough to be given as
one company, each of whose pairs the rule must call certain.
"""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import overlap_match
from app.domain.names import domain_key, name_key
from app.domain.overlap_match import (
    AccountKey,
    AccountMatch,
    CompanyMatches,
    Confidence,
    alike_pairs,
    company_matches,
    same_company,
)

THRESHOLD = 90
FLOOR = 80  # the lowest similarity the database keeps (app.db.alike_names)
NAMES = [
    "Contoso Pharma", "Contosso Pharma", "Contoso Pharma Ltd", "Globex Europe", "Globex Eurpe",
    "Europe Globex", "Initech", "", "Acme Mining", "Acme Dining",
]  # fmt: skip
WEBSITES = [None, "https://contoso.example", "https://globex.example", "mail@gmail.com"]


@st.composite
def account_sets(draw: st.DrawFn) -> list[AccountKey]:
    count = draw(st.integers(min_value=0, max_value=14))
    accounts = []
    for n in range(1, count + 1):
        name = draw(st.sampled_from(NAMES))
        country = draw(st.sampled_from(["DE", "FR", None, ""]))
        website = draw(st.sampled_from(WEBSITES))
        accounts.append(AccountKey(n, name, name_key(name), domain_key(website), country))
    return accounts


def _by_rule(
    keys: list[AccountKey], dismissed: frozenset[tuple[int, int]]
) -> dict[tuple[int, int], AccountMatch]:
    """Every pair compared by the rule itself."""
    found = {}
    for a, b in combinations(keys, 2):
        match = same_company(a, b, THRESHOLD)
        if match is None:
            continue
        if match.confidence is Confidence.LIKELY and (match.a, match.b) in dismissed:
            continue
        found[match.a, match.b] = match
    return found


def _check(
    result: CompanyMatches,
    expected: dict[tuple[int, int], AccountMatch],
    certain: dict[tuple[int, int], Confidence],
) -> None:
    pairs = {(m.a, m.b): m for m in result.pairs}
    assert len(pairs) == len(result.pairs), "a pair was given twice"
    for pair, match in pairs.items():
        assert expected.get(pair) == match
    for pair, match in expected.items():
        if pair in pairs:
            continue
        # Only a certain pair may be left to a block given as one company.
        assert match.confidence is Confidence.CERTAIN
        assert any(set(pair) <= set(company.accounts) for company in result.companies)
    for company in result.companies:  # a block given whole is one company by the rule
        for pair in combinations(company.accounts, 2):
            assert certain.get(pair) is Confidence.CERTAIN, (pair, company.why)


@settings(max_examples=300, deadline=None)
@given(account_sets(), st.sampled_from([2, 3, overlap_match.MAX_BLOCK]), st.data())
def test_each_pair_is_what_the_rule_says_with_names_compared_or_known(
    keys: list[AccountKey], block: int, data: st.DataObject
) -> None:
    every = [(a.id, b.id) for a, b in combinations(keys, 2)]
    dismissed = frozenset(data.draw(st.sets(st.sampled_from(every))) if every else set())
    known = [(a[0], b[0], score) for a, b, score in alike_pairs(keys, FLOOR)]
    expected = _by_rule(keys, dismissed)
    certain = {pair: match.confidence for pair, match in _by_rule(keys, frozenset()).items()}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(overlap_match, "MAX_BLOCK", block)
        compared = company_matches(keys, THRESHOLD, dismissed)
        stored = company_matches(keys, THRESHOLD, dismissed, known)
    _check(compared, expected, certain)
    _check(stored, expected, certain)
    assert sorted(compared.pairs) == sorted(stored.pairs)
    assert compared.companies == stored.companies


def test_a_pair_of_one_name_and_a_big_domain_block_keeps_the_domain_as_its_reason() -> None:
    """The domain is the stronger reason even when its block was too big to give pairs."""
    domain = domain_key("https://contoso.example")
    keys = [
        AccountKey(1, "Contoso", "contoso", domain, "DE"),
        AccountKey(2, "Contoso", "contoso", domain, "DE"),
        AccountKey(3, "Contoso Labs", "contoso labs", domain, "DE"),
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(overlap_match, "MAX_BLOCK", 2)
        result = company_matches(keys, THRESHOLD)
    assert {(m.a, m.b, m.why) for m in result.pairs} == {(1, 2, "same domain contoso.example")}
    assert [c.accounts for c in result.companies] == [(1, 2, 3)]


def test_a_name_shared_across_countries_is_not_a_candidate_pair_between_them() -> None:
    """Only the pairs the rule could call one company by name are put to it: the accounts of
    one country with those of no country, never two countries (most shared names on the
    benchmark are in several countries, and each of those pairs cost a call of the rule)."""
    keys = [
        AccountKey(1, "Acme Mining", "acme mining", None, "DE"),
        AccountKey(2, "Acme Mining", "acme mining", None, "FR"),
        AccountKey(3, "Acme Mining", "acme mining", None, None),
        AccountKey(4, "Acme Mining GmbH", "acme mining", None, "DE"),
        AccountKey(5, "Globex", "globex", None, "DE"),
        AccountKey(6, "Globex", "globex", None, "FR"),
    ]
    blocks = {
        (why, tuple(sorted(key.id for key in members)))
        for members, why in overlap_match.certain_blocks(keys)
    }
    assert blocks == {("same name", (1, 3, 4)), ("same name", (2, 3))}
    found = company_matches(keys, THRESHOLD).pairs
    assert {(m.a, m.b) for m in found} == {(1, 3), (1, 4), (3, 4), (2, 3)}
