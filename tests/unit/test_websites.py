"""One rule for whether a website changed: scheme, www., a default port, a closing slash and the
host's case make no difference."""

from __future__ import annotations

import pytest

from app.domain.websites import same_value, same_website, website_key


@pytest.mark.parametrize(
    "typed",
    [
        "bluepeak.com", "https://www.bluepeak.com", "http://bluepeak.com/", "WWW.Bluepeak.COM",
        " https://bluepeak.com:443/ ", "www.bluepeak.com.",
    ],
)  # fmt: skip
def test_the_same_site_typed_many_ways(typed: str) -> None:
    assert website_key(typed) == "bluepeak.com"
    assert same_website("https://www.bluepeak.com", typed)


def test_other_sites_and_paths_differ() -> None:
    assert not same_website("bluepeak.com", "bluepeak.de")
    assert not same_website("bluepeak.com", "shop.bluepeak.com")
    assert not same_website("bluepeak.com/partners", "bluepeak.com")
    assert website_key("bluepeak.com/Partners/") == "bluepeak.com/Partners"
    assert same_website(None, "  ") and not same_website(None, "bluepeak.com")


def test_only_websites_are_compared_as_sites() -> None:
    assert same_value("website", "https://www.bluepeak.com", "bluepeak.com")
    assert not same_value("name", "https://www.bluepeak.com", "bluepeak.com")
    assert not same_value("website", "bluepeak.com", "bluepeak.org")
