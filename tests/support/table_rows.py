"""A table with one column of every kind and rows of tricky values, for the export tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from app.domain.columns import Column, Kind
from app.domain.enums import PartnerType


@dataclass(frozen=True)
class Row:
    name: str | None
    amount: Decimal | None
    currency: str
    pct: Decimal | None
    day: date | None
    count: int | None
    type: PartnerType
    ok: bool | None
    at: datetime | None = None


COLUMNS: tuple[Column[Row], ...] = (
    Column("name", "Name", lambda r: r.name, width=30),
    Column("amount", "Amount", lambda r: r.amount, Kind.MONEY, lambda r: r.currency, width=18),
    Column("currency", "Currency", lambda r: r.currency, width=6),
    Column("pct", "Commission %", lambda r: r.pct, Kind.PERCENT),
    Column("day", "Since", lambda r: r.day, Kind.DATE, width=12),
    Column("count", "Contacts", lambda r: r.count, Kind.INTEGER, width=9),
    Column("type", "Type", lambda r: r.type),
    Column("ok", "Trained", lambda r: r.ok, Kind.BOOL),
    Column("at", "Changed", lambda r: r.at, Kind.DATETIME),
)

ROWS: tuple[Row, ...] = (
    Row("=HYPERLINK(\"http://x\",\"y\")", Decimal("12345678901.23"), "EUR", Decimal("12.5"),
        date(2026, 1, 31), 3, PartnerType.MSP, True, datetime(2026, 2, 1, 9, 30, tzinfo=UTC)),
    Row("Müller & Söhne 東京 Москва", Decimal("0.001"), "KWD", Decimal("20"), None, 0,
        PartnerType.SI, False),
    Row("-2+3", Decimal("-1234.5"), "EUR", None, None, -5, PartnerType.RESELLER, None),
    Row("+44 20 7946 0000", Decimal("1234567890123456.78"), "EUR", None, None, None,
        PartnerType.DISTRIBUTOR, None),
    Row("@SUM(A1)", Decimal(1500), "JPY", None, None, None, PartnerType.REFERRAL, None),
    Row("\tcmd", None, "EUR", None, None, None, PartnerType.RESELLER, None),
    Row("\rcmd", None, "EUR", None, None, None, PartnerType.RESELLER, None),
    Row("#N/A", None, "EUR", None, None, None, PartnerType.RESELLER, None),
    Row(None, None, "EUR", None, None, None, PartnerType.RESELLER, None),
    Row("line one\nline \"two\", with comma", None, "EUR", None, None, None,
        PartnerType.RESELLER, None),
)  # fmt: skip

#: The text values that a spreadsheet would run as a formula if written as they are.
FORMULA_LIKE = tuple(
    r.name for r in ROWS if r.name and r.name.startswith(("=", "+", "-", "@", "\t", "\r"))
)
