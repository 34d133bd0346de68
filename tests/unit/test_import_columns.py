"""Parsing a column at once gives exactly what parsing each cell gives, only sooner."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.importing import values as v
from app.domain.importing.columns import Limited, parse_column

Parser = Callable[[object], object]

CELLS = st.one_of(
    st.none(),
    st.sampled_from(["", "  ", " Gold ", "gold", "DE", "germany", "2026-03-01", "01/03/2026",
                     "yes", "no", "a@b.example", "x@", "example.com", "not a site", "Ülkü"]),
    st.text(max_size=12),
    st.integers(-3, 3),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 1, 1)),
    st.just(datetime(2026, 3, 1, 12, 30)),
)  # fmt: skip

PARSERS: dict[str, Parser] = {
    "text": v.text,
    "email": v.email,
    "website": v.website,
    "country": v.country,
    "date": partial(v.parse_date, day_first=True),
    "boolean": v.boolean,
    "limited text": Limited(v.text, 5),
    "tier": partial(v.choice, known={"gold": "Gold", "silver": "Silver"}, what="tier"),
}


def _cell_by_cell(
    parser: Parser, cells: list[object]
) -> tuple[list[object], list[tuple[int, str]]]:
    values: list[object] = []
    errors: list[tuple[int, str]] = []
    for index, cell in enumerate(cells):
        try:
            values.append(parser(cell))
        except v.BadValue as exc:
            values.append(None)
            errors.append((index, str(exc)))
    return values, errors


@pytest.mark.parametrize("name", sorted(PARSERS))
@given(cells=st.lists(CELLS, max_size=40))
def test_a_column_parses_as_its_cells_do(name: str, cells: list[object]) -> None:
    parser = PARSERS[name]
    values, errors = parse_column(parser, cells)
    expected_values, expected_errors = _cell_by_cell(parser, cells)
    assert errors == expected_errors
    # Same values, and of the same type: True is not 1, and 1.0 does not become "1.0".
    assert [(type(x), x) for x in values] == [(type(x), x) for x in expected_values]


@pytest.mark.parametrize("name", sorted(PARSERS))
@given(cells=st.lists(CELLS, min_size=64, max_size=150))
def test_a_long_column_of_mostly_different_cells_parses_as_its_cells_do(
    name: str, cells: list[object]
) -> None:
    parser = PARSERS[name]
    values, errors = parse_column(parser, cells)
    expected_values, expected_errors = _cell_by_cell(parser, cells)
    assert errors == expected_errors
    assert [(type(x), x) for x in values] == [(type(x), x) for x in expected_values]


@given(
    addresses=st.lists(
        st.sampled_from(["a@b.example", " MAILTO:c@d.example ", "e@f.example", "nobody@", None]),
        min_size=70,
    )
)
def test_addresses_with_mailto_or_a_bad_one_among_many(addresses: list[object]) -> None:
    assert parse_column(v.email, addresses) == _cell_by_cell(v.email, addresses)


@given(cells=st.lists(st.sampled_from([True, 1, 1.0, False, 0, 0.0, "1"]), min_size=4))
def test_true_one_and_one_point_zero_stay_apart_in_a_repetitive_column(cells: list[object]) -> None:
    values, _ = parse_column(v.text, cells)
    assert values == [v.text(cell) for cell in cells]


def test_a_long_value_is_refused_with_the_limit_and_only_that_cell() -> None:
    cells: list[object] = ["short", "far too long", None, "   ok   ", "far too long"]
    values, errors = parse_column(Limited(v.text, 5), cells)
    assert values == ["short", None, None, "ok", None]
    assert errors == [(1, "is longer than 5 characters"), (4, "is longer than 5 characters")]


def test_a_repeated_bad_value_is_reported_on_every_row() -> None:
    tier = PARSERS["tier"]
    values, errors = parse_column(tier, ["Gold", "Bronze", "Gold", "Bronze", "Gold", "Gold"])
    assert values == ["Gold", None, "Gold", None, "Gold", "Gold"]
    assert [index for index, _ in errors] == [1, 3]
    assert errors[0][1].startswith("is not a known tier: use one of Gold, Silver")


class _Named(str):
    """Text of a str subclass, as a caller other than the readers might hand over."""


@pytest.mark.parametrize("name", ["text", "email", "website", "limited text"])
@given(
    cells=st.lists(
        st.one_of(
            st.text(max_size=12),
            st.sampled_from(["", " ", " a@b.example ", "x.example", "\u3000", "\x1f"]),
            st.text(max_size=6).map(_Named),
        ),
        min_size=64,
        max_size=150,
    )
)
def test_a_column_of_text_only_parses_as_its_cells_do(name: str, cells: list[object]) -> None:
    parser = PARSERS[name]
    values, errors = parse_column(parser, cells)
    expected_values, expected_errors = _cell_by_cell(parser, cells)
    assert errors == expected_errors
    assert [(type(x), x) for x in values] == [(type(x), x) for x in expected_values]


@pytest.mark.parametrize("cell", ["\x1f", "\x1cabc", "abc\x1e", " \x1d "])
@pytest.mark.parametrize("name", ["text", "email", "website", "limited text"])
def test_a_separator_control_at_an_end_is_refused_as_cell_by_cell(name: str, cell: str) -> None:
    """Python's ``str.strip`` takes U+001C to U+001F off as whitespace; the column must still
    refuse them where the cell by cell parser does, alone in a column or among good cells."""
    parser = PARSERS[name]
    for cells in ([cell], ["ab", cell], ["ab", cell, None, 7]):
        assert parse_column(parser, cells)[1] == _cell_by_cell(parser, cells)[1]
