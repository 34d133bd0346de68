"""What the quarterly business review PDF prints, as text already written and charts as data.

The service that gathers the review writes every figure through ``app.domain.money`` and hands
this over; the PDF only lays it out, so it can never print a figure the screens do not show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.quote_print import Letterhead
from app.io.charts.spec import ChartSpec


@dataclass(frozen=True)
class PrintTable:
    """A table that may run over pages, its header repeated on each.

    ``shares`` are the columns' parts of the page's width; ``numeric`` the columns written
    right-aligned (amounts, counts, dates); ``total`` a last row printed in bold.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    shares: tuple[float, ...]
    numeric: frozenset[int] = frozenset()
    total: tuple[str, ...] | None = None
    empty: str = "None."

    def __post_init__(self) -> None:
        width = len(self.headers)
        if len(self.shares) != width or any(len(row) != width for row in self.rows):
            raise ValueError("every row and the shares need one value per header")
        if self.total is not None and len(self.total) != width:
            raise ValueError("the total row needs one value per header")


@dataclass(frozen=True)
class PrintSection:
    """A titled part of the pack: a sentence or two, then its tables, each under a subtitle."""

    title: str
    intro: str
    tables: tuple[tuple[str, PrintTable], ...]
    new_page: bool = False


@dataclass(frozen=True)
class Figure:
    """One headline figure of the summary: ``value`` as written, ``detail`` the words under it."""

    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class QbrPrint:
    company: Letterhead
    partner: str
    partner_code: str
    quarter: str  # "2026 Q4"
    period: str  # "2026-10-01 to 2026-12-07"
    prepared_on: date
    currency: str
    figures: tuple[Figure, ...]
    health: str  # "82 of 100", or why there is none
    health_lines: tuple[str, ...]  # one sentence per rule
    charts: tuple[ChartSpec, ...]
    sections: tuple[PrintSection, ...]
    next_steps_rows: int = 16

    @property
    def title(self) -> str:
        return f"Quarterly business review {self.quarter}: {self.partner}"
