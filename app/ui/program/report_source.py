"""The adapter between the program's return report (``app.services.program.returns``) and the
rows the Program page lays out: names for the Partner IDs, the spend keyed by program, and the
amounts no rate converts as items like any other.

It only re-arranges what the report computed, so the page can never show a figure the report
(and ``program return`` on the command line) would not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from app.domain.program.returns import ALL, FigureItem, NotConverted, ReturnLine
from app.services.business_settings import load_business_settings
from app.services.partners.names import partner_label, partner_names
from app.services.program.returns import return_items, return_report
from app.services.store import Session
from app.ui.operations import IsCancelled, Progress
from app.ui.program.rows import PROGRAM_ROW_NAME, ItemLine, ProgramRead, ReturnRow


def read_program(
    session: Session, start: date, end: date, progress: Progress, cancelled: IsCancelled
) -> ProgramRead:
    """The report over [start, end] as the page shows it."""
    progress(0, 2)
    report = return_report(session, start, end)
    progress(1, 2)
    wanted = report.partners or report.not_converted
    names = partner_names(session) if wanted and not cancelled() else {}
    progress(2, 2)
    currency = report.currency
    return ProgramRead(
        start,
        end,
        currency,
        tuple(_row(line, names.get(line.partner or "", line.partner or ""), currency)
              for line in report.partners),
        _row(report.program, PROGRAM_ROW_NAME, currency),
        tuple(_unconverted(item, currency, names) for item in report.not_converted),
    )  # fmt: skip


def read_items(
    session: Session, start: date, end: date, partner_code: str | None, figure: str
) -> list[ItemLine]:
    """The items behind one figure: ``partner_code`` None for the whole program; ``figure``
    a program's label, ``all``, ``sourced`` or ``influenced``."""
    items = return_items(session, start, end, partner_code, figure)
    reporting = _reporting(session)
    names = partner_names(session) if items else {}
    return [_item(item, reporting, names) for item in items]


def _reporting(session: Session) -> str:
    return load_business_settings(session).reporting_currency


def _row(line: ReturnLine, name: str, currency: str) -> ReturnRow:
    spend = dict(line.spend)
    return ReturnRow(
        partner_code=line.partner or "",
        partner=name,
        spend=spend,
        spend_all=spend[ALL],
        sourced=line.sourced,
        influenced=line.influenced,
        ratio=line.return_ratio,
        currency=currency,
    )


def _kind(kind: str) -> str:
    """A won deal's kind as a person reads it next to the programs' labels."""
    return "Deal" if kind == "deal" else kind


def _item(item: FigureItem, reporting: str, names: Mapping[str, str]) -> ItemLine:
    return ItemLine(
        _kind(item.kind), item.on, item.ref, item.amount, item.currency, item.converted,
        reporting, _partners(item.partners, names),
    )  # fmt: skip


def _unconverted(item: NotConverted, reporting: str, names: Mapping[str, str]) -> ItemLine:
    return ItemLine(
        _kind(item.kind), item.on, item.ref, item.amount, item.currency, None, reporting,
        _partners(item.partners, names),
    )  # fmt: skip


def _partners(codes: Sequence[str], names: Mapping[str, str]) -> str:
    """Each partner by name and Partner ID; none: spend on the whole program."""
    if not codes:
        return PROGRAM_ROW_NAME
    return "; ".join(partner_label(code, names.get(code, code)) for code in codes)
