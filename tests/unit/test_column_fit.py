"""Text columns giving way: only what is spare, in proportion, and never below a floor."""

from __future__ import annotations

from app.ui.column_fit import give_way


def test_the_text_columns_give_what_they_can_spare_in_proportion() -> None:
    assert give_way([100, 200, 300], [None, 100, 100], 500) == [100, 167, 233]
    assert give_way([100, 200, 300], [None, 100, 100], 900) == [100, 200, 300]  # room enough
    assert give_way([100, 200, 300], [None, 150, 250], 100) == [100, 150, 250]  # floors hold
    assert sum(give_way([97, 211, 313], [None, 50, 50], 500)) == 500  # rounding: exact fit
