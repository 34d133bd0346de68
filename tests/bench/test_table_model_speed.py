"""Benchmark: sorting and filtering 100,000 rows in the generic table model.

Run on demand: ``pytest tests/bench/test_table_model_speed.py -s``. The baseline is Python's own
``sorted`` of the same 100,000 display keys, measured in the same run; the model sorts by typed
keys and keeps Qt's persistent indexes, so it pays a small multiple of that.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt

from app.domain.columns import Column, Kind
from app.ui.table_model import RowTableModel
from tests.bench.timing import median_seconds, report

ROWS = 100_000


@dataclass(frozen=True)
class Row:
    name: str
    amount: Decimal


COLUMNS: tuple[Column[Row], ...] = (
    Column("name", "Name", lambda r: r.name),
    Column("amount", "Amount", lambda r: r.amount, Kind.MONEY, currency=lambda r: "EUR"),
)


def test_sorting_100000_rows_costs_a_small_multiple_of_a_bare_sort(qapp: object) -> None:
    rows = [Row(f"Partner {n * 7919 % ROWS:05d}", Decimal(n)) for n in range(ROWS)]
    model = RowTableModel(COLUMNS, rows)
    order = iter([Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder] * 10)

    bare = median_seconds(lambda: sorted(rows, key=lambda r: r.name.casefold()))
    sort = median_seconds(lambda: model.sort(0, next(order)))
    model.set_filter("partner 0000")
    narrow = median_seconds(
        lambda: (model.set_filter("partner 00001"), model.set_filter("partner 0000"))
    )
    report("table model", {"bare sort s": bare, "model sort s": sort, "ratio": sort / bare,
                           "filter pair s": narrow})  # fmt: skip
    assert sort / bare < 10
