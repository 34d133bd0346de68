"""A block's values are converted as SQLAlchemy converts each one, once per distinct value where
a column repeats itself: the same answers as converting every value."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from app.services.importing.driver_block import converted

VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 2), st.sampled_from([0.0, 1.0, 2.5]),
    st.sampled_from(["a", "b", "1", ""]), st.sampled_from([date(2020, 1, 1), date(2021, 5, 6)]),
)  # fmt: skip


def _typed(value: object) -> str:
    """A conversion that tells ``True``, ``1`` and ``1.0`` apart, as a type's processor may."""
    return f"{type(value).__name__}:{value!r}"


@given(values=st.lists(VALUES, max_size=200))
def test_converting_a_column_gives_what_converting_each_value_gives(values: list[object]) -> None:
    assert converted(_typed, values) == [_typed(value) for value in values]


@given(values=st.lists(st.sampled_from(["active", "prospect", None]), min_size=64, max_size=300))
def test_a_column_of_one_type_and_empty_cells(values: list[object]) -> None:
    assert converted(_typed, values) == [_typed(value) for value in values]
