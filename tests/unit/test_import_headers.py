"""Header detection, synonyms and --map overrides: pure rules, no files."""

from __future__ import annotations

import pytest

from app.domain.errors import InputError
from app.domain.importing.fields import FIELDS
from app.domain.importing.headers import find_header, header_key, parse_overrides

PARTNERS = FIELDS["partners"]


def test_header_key_ignores_case_spacing_and_punctuation() -> None:
    assert header_key("  E-Mail ") == header_key("e mail") == "e mail"
    assert header_key("Discount (%)") == "discount %"
    assert header_key("Société") == "societe"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Company", "name"), ("Partner name", "name"), ("Reseller", "name"),
        ("Level", "tier"), ("Partner level", "tier"), ("PARTNER  TIER", "tier"),
        ("Ctry", "country"), ("Country code", "country"), ("Web", "website"),
        ("URL", "website"), ("Website", "website"), ("E-mail", "email"),
        ("Partner ID", "partner_code"),
    ],
)  # fmt: skip
def test_synonyms_map_to_fields(header: str, field: str) -> None:
    found = find_header([(1, ["Name" if field != "name" else "x", header])], PARTNERS, {}, "t")
    assert header_key(found.columns[field][1]) == header_key(header)


def test_title_rows_above_the_header_are_skipped() -> None:
    rows = [
        (1, ["Partner list Q3 2026", None, None]),
        (2, ["Exported by Ann", "2026-09-30", None]),
        (4, ["Company", "Level", "Ctry"]),
        (5, ["Contoso", "Gold", "DE"]),
    ]
    found = find_header(rows, PARTNERS, {}, "the sheet")
    assert found.header_row == 4
    assert {k: v[0] for k, v in found.columns.items()} == {"name": 0, "tier": 1, "country": 2}


def test_unknown_columns_are_listed_as_ignored() -> None:
    found = find_header([(1, ["Name", "Revenue 2025"])], PARTNERS, {}, "t")
    assert found.ignored == ("Revenue 2025",)


def test_no_header_is_refused_in_one_line() -> None:
    with pytest.raises(InputError) as info:
        find_header([(1, ["a", "b"]), (2, [1.0, 2.0])], PARTNERS, {}, "sheet 'S' of f.xlsx")
    assert "No header row found in sheet 'S' of f.xlsx" in str(info.value)
    assert "\n" not in str(info.value)


def test_overrides_win_over_synonyms_and_can_ignore() -> None:
    overrides = parse_overrides(["Firm=name", "Company=ignore"], PARTNERS)
    found = find_header([(1, ["Company", "Firm"])], PARTNERS, overrides, "t")
    assert found.columns["name"] == (1, "Firm")


def test_override_to_an_unknown_field_is_refused() -> None:
    with pytest.raises(InputError, match="is not a field"):
        parse_overrides(["Firm=nonsense"], PARTNERS)
    with pytest.raises(InputError, match="Header=field"):
        parse_overrides(["Firm"], PARTNERS)
