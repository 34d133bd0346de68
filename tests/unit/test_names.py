"""Identity keys of company names and domains (SPEC.md, "Overlap rules")."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.names import domain_key, name_key, name_keys


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Contoso Ltd", "contoso"),
        ("CONTOSO LIMITED", "contoso"),
        ("The Contoso Company, Inc.", "contoso"),
        ("Société Générale S.A.", "societe generale"),
        ("Müller GmbH & Co. KG", "muller"),
        ("  Fabrikam,   Inc  ", "fabrikam"),
        ("A.B.C. Trading Pty Ltd", "abc trading"),
        ("The Company", "the company"),  # all legal-form words: kept rather than emptied
        ("Ｆｕｌｌｗｉｄｔｈ Corp", "fullwidth"),
        ("Nordlicht IT AG", "nordlicht it"),
        ("Johnson & Johnson", "johnson johnson"),
        ("Johnson and Johnson", "johnson johnson"),
        ("Smith and Co", "smith"),
        ("Ørsted A/S", "orsted"),
        ("Cæsar Æble ApS", "caesar aeble"),
        ("Zoë's Bakery", "zoes bakery"),
        ("And Co", "and"),
    ],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("https://www.Contoso.com:443/about?x=1", "contoso.com"),
        ("contoso.com", "contoso.com"),
        ("www.contoso.co.uk/", "contoso.co.uk"),
        ("ann.lee@contoso.com", "contoso.com"),
        ("bob@gmail.com", None),
        ("https://outlook.com", None),
        ("", None),
        (None, None),
        ("not a website", None),
        ("localhost", None),
    ],
)
def test_domain_key(text: str | None, domain: str | None) -> None:
    assert domain_key(text) == domain


@given(st.text())
def test_name_key_is_idempotent(name: str) -> None:
    assert name_key(name_key(name)) == name_key(name)


@given(st.text(min_size=1).filter(lambda t: any(ch.isalnum() for ch in t)))
def test_name_key_is_never_empty_for_a_real_name(name: str) -> None:
    assert name_key(name) != "" or not any(ch.isalnum() for ch in name_key(name) + "x")


@given(st.text(alphabet="abcXYZ019 ", max_size=30))
def test_plain_names_take_the_short_way_to_the_same_key(name: str) -> None:
    # A comma sends the name through every punctuation rule; it only separates words there.
    assert name_key(name) == name_key(name + " ,")


_NAME_PIECES = st.sampled_from(
    ["Acme", "GmbH", "and", "&", "Ltd.", "The", "ørsted", "Émile", "ß", "a/s", "\0", "\t", " "]
)


@given(
    st.lists(
        st.one_of(
            st.text(alphabet="abcXYZ019 ", max_size=20),
            st.lists(_NAME_PIECES, max_size=4).map(" ".join),
            st.text(max_size=12),
        ),
        max_size=12,
    )
)
def test_a_list_of_names_is_keyed_as_each_name_alone(names: list[str]) -> None:
    assert name_keys(names) == [name_key(name) for name in names]


def test_a_plain_list_takes_the_short_way() -> None:
    names = ["Partner 1 Systems", "  Contoso   Pharma ", "ACME 2"]
    assert name_keys(names) == ["partner 1 systems", "contoso pharma", "acme 2"]
    assert name_keys(["Acme GmbH", "Beta"]) == ["acme", "beta"]  # a legal form: name by name
