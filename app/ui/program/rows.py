"""What the Program page shows, as frozen rows and the columns that read them.

The page's figures come from the program's return report (``app.services.program``); these
rows are that report as the screen lays it out: one row per partner and one for the whole
program, the items behind each figure, and the amounts no rate converts. The same columns
serve the table, its export and the drill-down, so a file holds what the screen showed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.domain.columns import Column, Kind
from app.domain.enums import SpendProgram

#: The row that sums the whole program (program-wide spend included).
PROGRAM_ROW_NAME = "Whole program"


@dataclass(frozen=True)
class ReturnRow:
    """One partner's (or the whole program's) spend, won revenue and return over the period,
    every amount in ``currency`` (the reporting currency)."""

    partner_code: str  # the Partner ID; "" for the whole program
    partner: str
    spend: Mapping[str, Decimal]  # by program label ("MDF", "SPIF", …)
    spend_all: Decimal
    sourced: Decimal
    influenced: Decimal
    ratio: Decimal | None
    currency: str

    @property
    def is_program(self) -> bool:
        return not self.partner_code


@dataclass(frozen=True)
class ItemLine:
    """One item behind a figure (a spend item, or a won deal), or an amount no rate converts:
    in its own currency, and converted into ``reporting`` (None: no rate on its date)."""

    kind: str  # "deal", or a program's label
    on: date
    what: str  # says what it is to a person: the deal, the quote, the course, the description
    amount: Decimal
    currency: str
    converted: Decimal | None
    reporting: str
    #: Whom it counts for: the partner (or partners, an influenced deal's), each by name and
    #: Partner ID, or the whole program for spend on no partner.
    partner: str = ""


@dataclass(frozen=True)
class ProgramRead:
    """Everything the page shows for one period, read at once in the background."""

    start: date
    end: date
    currency: str
    partners: Sequence[ReturnRow]
    program: ReturnRow
    not_converted: Sequence[ItemLine] = field(default=())


def _money(key: str, header: str, read: object, width: int = 13) -> Column[ReturnRow]:
    return Column(key, header, read, Kind.MONEY, lambda r: r.currency, width)  # type: ignore[arg-type]


def _spent(program: SpendProgram) -> Column[ReturnRow]:
    return Column(
        f"spend_{program.value}",
        program.label,
        lambda r: r.spend.get(program.label, Decimal(0)),
        Kind.MONEY,
        lambda r: r.currency,
        12,
    )


#: The figure behind each column, as the return report names it: a program's spend (its
#: label), all spend, or a kind of revenue. A partner's name lists all its spend.
FIGURES: dict[str, str] = {
    **{f"spend_{p.value}": p.label for p in SpendProgram},
    "spend_all": "all",
    "sourced": "sourced",
    "influenced": "influenced",
}

#: What spend earned comes first, in view in a small window; the spend per program after it.
RETURN_COLUMNS: tuple[Column[ReturnRow], ...] = (
    Column("partner_code", "Partner ID", lambda r: r.partner_code, width=9),
    Column("partner", "Partner", lambda r: r.partner, width=24),
    _money("spend_all", "Spend in all", lambda r: r.spend_all),
    _money("sourced", "Sourced", lambda r: r.sourced),
    _money("influenced", "Influenced", lambda r: r.influenced),
    Column("ratio", "Return ratio", lambda r: r.ratio, Kind.INTEGER, width=10),
    *(_spent(p) for p in SpendProgram),
)

ITEM_COLUMNS: tuple[Column[ItemLine], ...] = (
    Column("on", "Date", lambda r: r.on, Kind.DATE, width=10),
    Column("kind", "Kind", lambda r: r.kind, width=9),
    Column("partner", "Partner", lambda r: r.partner, width=24),
    Column("what", "What", lambda r: r.what, width=34),
    Column("amount", "Amount", lambda r: r.amount, Kind.MONEY, lambda r: r.currency, 15),
    Column("currency", "Currency", lambda r: r.currency, width=8),
    Column("converted", "Converted", lambda r: r.converted, Kind.MONEY, lambda r: r.reporting, 15),
)
