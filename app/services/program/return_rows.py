"""The return report as the Program page, ``program return`` and its CSV and JSON show it:
one row per partner and one for the whole program, with the same columns everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Partner
from app.domain.columns import Column, Kind
from app.domain.money import amount_text
from app.domain.program.accruals import PROGRAMS
from app.domain.program.returns import ALL, ReturnLine, ReturnReport

#: The name the whole program's row goes by on the screen and in files.
PROGRAM_ROW = "Whole program"


@dataclass(frozen=True, slots=True)
class ReturnRow:
    """A line of the report: ``partner`` the Partner ID (None: the whole program)."""

    partner: str | None
    name: str
    currency: str
    spend: dict[str, Decimal]
    sourced: Decimal
    influenced: Decimal
    return_ratio: Decimal | None


def _money(key: str, header: str, read: Any) -> Column[ReturnRow]:
    return Column(key, header, read, Kind.MONEY, currency=lambda r: r.currency, width=14)


RETURN_COLUMNS: tuple[Column[ReturnRow], ...] = (
    Column("partner", "Partner ID", lambda r: r.partner, width=12),
    Column("name", "Partner", lambda r: r.name, width=28),
    *(_money(p, p, lambda r, p=p: r.spend[p]) for p in PROGRAMS),
    _money("all", "Spend", lambda r: r.spend[ALL]),
    _money("sourced", "Sourced", lambda r: r.sourced),
    _money("influenced", "Influenced", lambda r: r.influenced),
    Column("return_ratio", "Return", lambda r: r.return_ratio, width=10),
)


def return_rows(session: Session, report: ReturnReport) -> list[ReturnRow]:
    """The partners' rows (with their names), then the whole program's."""
    codes = [line.partner for line in report.partners if line.partner is not None]
    names = dict(
        session.execute(
            select(func.coalesce(Partner.partner_code, Partner.name), Partner.name).where(
                func.coalesce(Partner.partner_code, Partner.name).in_(codes)
            )
        ).all()
    ) if codes else {}  # fmt: skip
    rows = [
        _row(line, names.get(line.partner or "", ""), report.currency) for line in report.partners
    ]
    rows.append(_row(report.program, PROGRAM_ROW, report.currency))
    return rows


def _row(line: ReturnLine, name: str, currency: str) -> ReturnRow:
    return ReturnRow(
        line.partner, name, currency, dict(line.spend), line.sourced, line.influenced,
        line.return_ratio,
    )  # fmt: skip


def return_json(report: ReturnReport) -> dict[str, Any]:
    """SPEC.md's JSON of ``program return``: amounts as decimal strings in the reporting currency
    (a not-converted item's in its own), dates ISO, a missing ratio null."""
    currency = report.currency

    def figures(line: ReturnLine) -> dict[str, Any]:
        return {
            "spend": {key: amount_text(line.spend[key], currency) for key in (*PROGRAMS, ALL)},
            "sourced": amount_text(line.sourced, currency),
            "influenced": amount_text(line.influenced, currency),
            "return_ratio": format(line.return_ratio, "f")
            if line.return_ratio is not None
            else None,
        }

    return {
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "currency": currency,
        "partners": [{"partner": line.partner, **figures(line)} for line in report.partners],
        "program": {"partner": None, **figures(report.program)},  # the same shape as a partner
        "not_converted": [
            {
                "kind": item.kind,
                "currency": item.currency,
                "amount": amount_text(item.amount, item.currency),
                "date": item.on.isoformat(),
            }
            for item in report.not_converted
        ],
    }
