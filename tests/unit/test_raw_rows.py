"""Numbering rows as Excel shows them, and leaving out the empty ones, a thousand at a time."""

from __future__ import annotations

from itertools import chain

from hypothesis import given
from hypothesis import strategies as st

from app.io.readers.raw import EMPTY_RUN_LIMIT, is_empty, non_empty_chunks

CELL = st.sampled_from([None, "", " ", "  \t", "x", " y ", 0, 0.0, False, 1, 2.5, True])


def _one_by_one(rows: list[list[object]]) -> list[tuple[int, list[object]]]:
    kept, run = [], 0
    for number, cells in enumerate(rows, 1):
        if is_empty(cells):
            run += 1
            if run >= EMPTY_RUN_LIMIT:
                break
            continue
        run = 0
        kept.append((number, cells))
    return kept


@given(st.lists(st.lists(CELL, max_size=4), max_size=3000))
def test_rows_kept_are_those_a_row_by_row_look_keeps(rows: list[list[object]]) -> None:
    assert list(chain.from_iterable(non_empty_chunks(iter(rows)))) == _one_by_one(rows)


def test_a_long_run_of_empty_rows_ends_the_sheet() -> None:
    rows: list[list[object]] = [["a"]] * 1500 + [[""]] * EMPTY_RUN_LIMIT + [["late"]]
    kept = list(chain.from_iterable(non_empty_chunks(iter(rows))))
    assert len(kept) == 1500 and kept[-1][0] == 1500
