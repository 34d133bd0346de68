"""The generic table model: Qt's model tester, sorting inside the model, filtering, roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from app.domain.columns import Column, Kind
from app.domain.enums import PartnerStatus
from app.domain.money import amount_text, format_money
from app.ui.table_model import Role, RowTableModel


@dataclass(frozen=True)
class Item:
    name: str
    amount: Decimal | None
    currency: str
    since: date | None
    status: PartnerStatus


COLUMNS: tuple[Column[Item], ...] = (
    Column("name", "Name", lambda r: r.name),
    Column("amount", "Amount", lambda r: r.amount, Kind.MONEY, currency=lambda r: r.currency),
    Column("since", "Since", lambda r: r.since, Kind.DATE),
    Column("status", "Status", lambda r: r.status),
)

ROWS = [
    Item("beta", Decimal("1234.5"), "EUR", date(2025, 3, 1), PartnerStatus.ACTIVE),
    Item("Alpha", None, "EUR", None, PartnerStatus.PROSPECT),
    Item("gamma", Decimal("990000"), "JPY", date(2024, 1, 31), PartnerStatus.SUSPENDED),
]


def names(model: RowTableModel[Item]) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


@pytest.fixture
def model(qapp: object) -> RowTableModel[Item]:
    return RowTableModel(COLUMNS, ROWS)


def test_passes_the_model_tester_empty_full_sorted_and_filtered(
    qtmodeltester: ModelTester, model: RowTableModel[Item]
) -> None:
    qtmodeltester.check(RowTableModel(COLUMNS, []))
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.set_filter("a")
    qtmodeltester.check(model)
    model.set_rows(ROWS[:1])
    qtmodeltester.check(model)


def test_cells_show_money_with_currency_right_aligned_and_dates_as_iso(
    model: RowTableModel[Item],
) -> None:
    assert model.index(0, 1).data() == "EUR 1,234.50"
    assert model.index(2, 1).data() == "JPY 990,000"
    assert model.index(0, 2).data() == "2025-03-01"
    assert model.index(0, 3).data() == "Active"
    assert model.index(1, 1).data() == ""
    right = model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole)
    assert right & Qt.AlignmentFlag.AlignRight
    assert (
        not model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    )
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Amount"


def test_custom_roles_give_the_row_the_raw_value_and_the_currency(
    model: RowTableModel[Item],
) -> None:
    assert model.index(2, 0).data(Role.ROW) is ROWS[2]
    assert model.index(0, 1).data(Role.VALUE) == Decimal("1234.5")
    assert model.index(2, 1).data(Role.CURRENCY) == "JPY"
    assert model.index(1, 0).data(Role.SORT) == (0, ("alpha", "Alpha"))


def test_sorting_ignores_case_and_keeps_empty_cells_last_both_ways(
    model: RowTableModel[Item],
) -> None:
    model.sort(0)
    assert names(model) == ["Alpha", "beta", "gamma"]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["gamma", "beta", "Alpha"]
    model.sort(1)
    assert names(model) == ["beta", "gamma", "Alpha"]
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["beta", "gamma", "Alpha"]
    model.sort(3)  # by the label a person reads
    assert names(model) == ["beta", "Alpha", "gamma"]


def test_a_selected_row_stays_selected_through_a_sort(model: RowTableModel[Item]) -> None:
    kept = QPersistentModelIndex(model.index(0, 2))  # "beta", column Since
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert kept.row() == 1 and kept.column() == 2
    assert kept.data(Role.ROW) is ROWS[0]


def test_filter_matches_any_cell_without_case_and_survives_new_rows(
    model: RowTableModel[Item],
) -> None:
    model.sort(0)
    model.set_filter("  EUR ")
    assert names(model) == ["beta"]
    model.set_filter("suspended")
    assert names(model) == ["gamma"]
    model.set_rows([*ROWS, Item("delta", None, "EUR", None, PartnerStatus.SUSPENDED)])
    assert names(model) == ["delta", "gamma"]
    assert model.total_count == 4
    model.set_filter("")
    assert names(model) == ["Alpha", "beta", "delta", "gamma"]


def test_number_format_preference_changes_money_cells(model: RowTableModel[Item]) -> None:
    model.set_number_format(".", ",")
    assert model.index(0, 1).data() == "EUR 1.234,50"


@pytest.mark.parametrize(
    ("amount", "currency"),
    [("0.125", "EUR"), ("-0.001", "EUR"), ("2.5", "JPY"), ("-1234.5675", "KWD")],
)
def test_money_cells_show_what_the_pdf_and_json_show(
    qapp: object, amount: str, currency: str
) -> None:
    """The screen's cell is the PDF's figure (``format_money``) and, without its grouping,
    the JSON's decimal string: the same rounding, never ``-0.00``."""
    value = Decimal(amount)
    model = RowTableModel(COLUMNS, [Item("x", value, currency, None, PartnerStatus.ACTIVE)])
    shown = model.index(0, 1).data()
    assert shown == format_money(value, currency)
    assert shown.removeprefix(f"{currency} ").replace(",", "") == amount_text(value, currency)
    model.set_number_format(".", ",")
    assert model.index(0, 1).data() == format_money(value, currency, ".", ",")


def test_sorting_and_filtering_100000_rows_gives_the_right_rows(qapp: object) -> None:
    rows = [
        Item(f"Partner {n * 7919 % 100_000:05d}", Decimal(n), "EUR", None, PartnerStatus.ACTIVE)
        for n in range(100_000)
    ]
    model = RowTableModel(COLUMNS, rows)
    model.sort(0)
    assert model.index(0, 0).data() == "Partner 00000"
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 1).data() == "EUR 99,999.00"
    model.set_filter("partner 0000")
    model.set_filter("partner 00001")
    assert names(model) == ["Partner 00001"]


def test_text_sorts_as_people_read_it(qapp: object) -> None:
    shown = ["Zürich Networks", "Great Lakes", "Gävle Nätverk", "Émile", "gamma", "Gamma"]
    rows = [Item(n, None, "EUR", None, PartnerStatus.ACTIVE) for n in shown]
    model = RowTableModel(COLUMNS, rows)
    model.sort(0)
    assert names(model) == [
        "Émile",
        "Gamma",
        "gamma",
        "Gävle Nätverk",
        "Great Lakes",
        "Zürich Networks",
    ]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert names(model)[0] == "Zürich Networks"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Redline Managed Services", Kind.TEXT),
        ("Albion Systems Integration", Kind.TEXT),
        ("EUR 1,705,000.00", Kind.MONEY),
        ("2026-12-02", Kind.DATE),
    ],
)
def test_a_column_as_wide_as_its_text_shows_it_whole(qapp: object, text: str, kind: Kind) -> None:
    """``width`` counts characters of real names and figures: a 24-character name fits a
    24-character column, and its cell padding, without being cut to "Redline Managed Servi…"."""
    from app.ui.launch import application
    from app.ui.record_table import RecordTable

    application()  # the stylesheet's cell padding, as in the real start
    column: Column[str] = Column("x", "X", lambda r: r, kind, width=len(text))
    table = RecordTable("widths", [column])
    cell_padding = 2 * 8  # QTableView::item { padding: 0 8px }
    assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance(text) + cell_padding


def test_a_status_column_fits_its_longest_word(qapp: object) -> None:
    """A column of choices (the coverage matrix's partner status) is as wide as the longest
    choice, though it is set narrower: "Suspended" is not cut to "Suspend…", even when the
    table is too narrow for its columns and the text columns give way."""
    from PySide6.QtWidgets import QStyle

    from app.services.training.coverage import CoverageRow, coverage_columns
    from app.ui.launch import application
    from app.ui.record_table import RecordTable

    application()  # the stylesheet's cell padding, as in the real start
    table = RecordTable("coverage", coverage_columns(()))
    table.resize(1366, 300)
    status = [c.key for c in table.records.columns].index("status")
    suspended = CoverageRow(1, "Atlantique Services", "FR", PartnerStatus.SUSPENDED, ())
    table.records.set_rows([CoverageRow(2, "Albion", "GB", PartnerStatus.ACTIVE, ()), suspended])
    cell_padding = 2 * 8  # QTableView::item { padding: 0 8px }
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    needed = table.fontMetrics().horizontalAdvance("Suspended") + cell_padding + 2 * margin
    assert table.columnWidth(status) >= needed  # as drawn: the text within padding and margins
    table.columns_give_way = True
    table.resize(300, 300)
    table.fit_columns()
    assert table.columnWidth(status) >= needed
