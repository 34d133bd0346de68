"""The ISO 3166-1 list and reading countries the way people write them."""

from __future__ import annotations

import pytest

from app.domain.countries import (
    ALIASES,
    COUNTRIES,
    alpha3,
    countries_by_name,
    country_code,
    country_name,
)


def test_the_list_is_complete_and_consistent() -> None:
    assert len(COUNTRIES) == 249
    assert len({c for c, _, _ in COUNTRIES}) == 249
    assert len({a for _, a, _ in COUNTRIES}) == 249
    assert len({n.casefold() for _, _, n in COUNTRIES}) == 249
    for alpha2, three, name in COUNTRIES:
        assert len(alpha2) == 2 and alpha2.isascii() and alpha2.isupper()
        assert len(three) == 3 and three.isascii() and three.isupper()
        assert name == name.strip() and name


@pytest.mark.parametrize(("alpha2", "three", "name"), COUNTRIES, ids=[c for c, _, _ in COUNTRIES])
def test_every_code_maps_to_its_name_and_back(alpha2: str, three: str, name: str) -> None:
    assert country_name(alpha2) == name
    assert country_name(alpha2.lower()) == name
    assert country_code(name) == alpha2
    assert country_code(f"  {name.upper()} ") == alpha2
    assert country_code(alpha2) == alpha2
    assert country_code(alpha2.lower()) == alpha2
    assert country_code(three) == alpha2
    assert country_code(three.lower()) == alpha2
    assert alpha3(alpha2) == three


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("United States", "US"),
        ("United States of America", "US"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("UK", "GB"),
        ("uk", "GB"),
        ("Great Britain", "GB"),
        ("United Kingdom", "GB"),
        ("GBR", "GB"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("South Korea", "KR"),
        ("Korea, Republic of", "KR"),
        ("North Korea", "KP"),
        ("Czech Republic", "CZ"),
        ("Czechia", "CZ"),
        ("Holland", "NL"),
        ("Netherlands", "NL"),
        ("the netherlands", "NL"),
        ("Türkiye", "TR"),
        ("Turkiye", "TR"),
        ("TURKEY", "TR"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("cote d’ivoire", "CI"),
        ("COTE D IVOIRE", "CI"),
        ("Åland Islands", "AX"),
        ("Aland Islands", "AX"),
        ("Curacao", "CW"),
        ("Réunion", "RE"),
        ("Saint Barthelemy", "BL"),
        ("St. Lucia", "LC"),
        ("St Kitts & Nevis", "KN"),
        ("Trinidad & Tobago", "TT"),
        ("Vietnam", "VN"),
        ("Viet Nam", "VN"),
        ("Iran", "IR"),
        ("Bolivia", "BO"),
        ("Taiwan", "TW"),
        ("UAE", "AE"),
        ("Macedonia", "MK"),
        ("Swaziland", "SZ"),
        ("Cape Verde", "CV"),
        ("DR Congo", "CD"),
        ("Congo", "CG"),
        ("  germany  ", "DE"),
        ("DEU", "DE"),
        ("deu", "DE"),
        ("in", "IN"),
    ],
)
def test_common_names_and_codes(text: str, code: str) -> None:
    assert country_code(text) == code


@pytest.mark.parametrize(
    "text", ["", "   ", "Atlantis", "XX", "ZZZ", "Korea", "Virgin Islands", "Europe", "U", None]
)
def test_unknown_or_ambiguous_is_none(text: str | None) -> None:
    assert country_code(text) is None


def test_every_alias_names_a_listed_country() -> None:
    codes = {c for c, _, _ in COUNTRIES}
    for alias, code in ALIASES.items():
        assert code in codes, alias
        assert country_code(alias) == code, alias


def test_an_unknown_code_is_shown_as_it_is() -> None:
    assert country_name("XK") == "XK"
    assert alpha3("XK") is None


def test_picker_order_is_by_name_ignoring_accents() -> None:
    names = [name for _, name in countries_by_name()]
    assert len(names) == 249
    assert names[:3] == ["Afghanistan", "Åland Islands", "Albania"]
