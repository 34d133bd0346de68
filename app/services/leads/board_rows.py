"""The lead board as the board page shows and exports it: one flat row per recipient, with the
partner's name beside its Partner ID, and the run's totals. The columns tell the story in reading
order: what a recipient received, grade by grade, what it converted, and whether that is more or
less than those grades predict; then how it answered its leads.

The figures are the board's own (``app.services.leads.board``, the rules in
``app.domain.leads.board``); this module only lays them out. Rates read as percentages (0.1234
is 12.34%); the grade-adjusted index stays a plain number (1 = converts as well as the grades
it received predict).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Partner
from app.domain.columns import Column, Kind
from app.domain.leads.board import Board
from app.domain.leads.rules import DIRECT, GRADES
from app.services.leads.board import lead_board


@dataclass(frozen=True, slots=True)
class BoardLine:
    recipient: str  # "Direct" or the Partner ID
    name: str
    received_a: int
    received_b: int
    received_c: int
    received_d: int
    received_none: int
    received: int
    accepted: int
    declined: int
    expired: int
    converted: int
    lost: int
    quiet: int
    open: int
    acceptance_rate: Decimal | None
    conversion_rate: Decimal | None
    index: Decimal | None
    quiet_leads: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BoardView:
    """The board's rows and totals, as of ``on`` (from ``since``)."""

    on: date
    since: date | None
    lines: tuple[BoardLine, ...]
    nurture: int
    unroutable: int
    grade_skew: Decimal | None


def _percent(rate: Decimal | None) -> Decimal | None:
    return None if rate is None else rate * 100


def _rate(key: str, header: str) -> Column[BoardLine]:
    return Column(key, header, lambda r: _percent(getattr(r, key)), Kind.PERCENT, width=6)


def _count(key: str, header: str, width: int = 2) -> Column[BoardLine]:
    return Column(key, header, lambda r: getattr(r, key), Kind.INTEGER, width=width)


BOARD_COLUMNS: tuple[Column[BoardLine], ...] = (
    Column("recipient", "Recipient", lambda r: r.recipient, width=10),
    Column("name", "Name", lambda r: r.name, width=18),
    _count("received_a", "A"),
    _count("received_b", "B"),
    _count("received_c", "C"),
    _count("received_d", "D"),
    _count("received_none", "None"),
    _count("received", "Received"),
    _count("converted", "Converted"),
    Column(
        "conversion_rate",
        "Conversion",
        lambda r: _percent(r.conversion_rate),
        Kind.PERCENT,
        width=6,
    ),
    Column("index", "Index", lambda r: r.index, Kind.INTEGER, width=6),
    _count("accepted", "Accepted"),
    Column(
        "acceptance_rate",
        "Acceptance",
        lambda r: _percent(r.acceptance_rate),
        Kind.PERCENT,
        width=6,
    ),
    _count("declined", "Declined"),
    _count("expired", "Expired"),
    _count("lost", "Lost"),
    _count("quiet", "Quiet"),
    _count("open", "Open"),
)


def _names(session: Session) -> dict[str, str]:
    query = select(Partner.partner_code, Partner.name).where(Partner.partner_code.is_not(None))
    return {code: name for code, name in session.execute(query) if code}


def board_view(session: Session, on: date, since: date | None = None) -> BoardView:
    """The board as of ``on`` (assignments made on or after ``since``), laid out for a table."""
    board: Board = lead_board(session, on, since)
    names = _names(session)
    lines = []
    for row in board.rows:
        received = row.received
        lines.append(
            BoardLine(
                recipient=row.recipient,
                name="Direct team" if row.recipient == DIRECT else names.get(row.recipient, ""),
                received_a=received[GRADES[0]],
                received_b=received[GRADES[1]],
                received_c=received[GRADES[2]],
                received_d=received[GRADES[3]],
                received_none=received[GRADES[4]],
                received=received["all"],
                accepted=row.accepted,
                declined=row.declined,
                expired=row.expired,
                converted=row.converted,
                lost=row.lost,
                quiet=row.quiet,
                open=row.open,
                acceptance_rate=row.acceptance_rate,
                conversion_rate=row.conversion_rate,
                index=row.grade_adjusted_index,
                quiet_leads=row.quiet_leads,
            )
        )
    return BoardView(
        board.on, board.since, tuple(lines), board.nurture, board.unroutable, board.grade_skew
    )
