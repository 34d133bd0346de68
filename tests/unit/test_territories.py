"""A partner's territories: typed as codes or names, stored one way only."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.countries import COUNTRIES, country_name
from app.domain.importing.values import BadValue
from app.domain.partner_form import check_partner
from app.domain.territories import parse_territories, territory_codes

CODES = [code for code, _a3, _name in COUNTRIES]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("DE", "DE"),
        ("de; at", "AT;DE"),
        ("Germany, Austria;CH", "AT;CH;DE"),
        (" DE ;; DE , ", "DE"),
        ("Korea, Republic of; FR", "FR;KR"),
        ("", None),
        (None, None),
        (" ; , ", None),
    ],
)
def test_territories_are_stored_upper_case_sorted_and_joined(typed: object, stored: object) -> None:
    assert parse_territories(typed) == stored


def test_every_part_that_is_no_country_is_named() -> None:
    with pytest.raises(BadValue) as refused:
        parse_territories("DE, Narnia; XX")
    assert "'Narnia', 'XX'" in str(refused.value)
    assert "ISO codes" in str(refused.value)


@given(st.lists(st.sampled_from(CODES), min_size=1, max_size=8), st.randoms())
def test_any_spelling_of_the_same_countries_stores_the_same(codes: list[str], rnd) -> None:
    typed = []
    for code in codes:
        word = rnd.choice([code, code.lower(), country_name(code)])
        typed.append(word)
    joined = "".join(f"{word}{rnd.choice([';', ' ; ', ';;'])}" for word in typed)
    stored = parse_territories(joined)
    assert stored == ";".join(sorted(set(codes)))
    assert parse_territories(stored) == stored  # stored text reads back as itself


def test_no_territories_means_the_partners_own_country() -> None:
    assert territory_codes(None, "de") == {"DE"}
    assert territory_codes("AT;CH", "DE") == {"AT", "CH"}
    assert territory_codes(None, None) == frozenset()


def test_the_partner_rule_reads_territories_as_the_import_does() -> None:
    values, errors = check_partner({"name": "Acme", "territories": "france; de"})
    assert values["territories"] == "DE;FR" and not errors
    _values, errors = check_partner({"name": "Acme", "territories": "Atlantis"})
    assert errors["territories"].startswith("Territories names 'Atlantis'")
