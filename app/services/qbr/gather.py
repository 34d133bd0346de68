"""A partner's quarterly business review pack, each part read through the service its screen uses.

The summary and the charts are the partner's scorecard over the quarter (and so the Program,
Training, Leads, MDF, Claims and Overlaps pages' figures); the deals won are the items behind
the Program page's sourced and influenced figures for the quarter, with their accounts from the
Deals page's rows; the open deals are the deals the pipeline chart sums, converted the same way;
the leads are the assignments behind the partner's line of the lead board; MDF is the MDF page's
balances and requests; spend is the items behind the Program page's spend figure. So every figure
in the pack can be found, equal, on a screen.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import DealParty
from app.domain.errors import InputError, NotFoundError
from app.domain.program.returns import FigureItem
from app.domain.quarters import parse_quarter, quarter_end, quarter_problem, quarter_start
from app.domain.quote_print import Letterhead
from app.domain.settings import BusinessSettings
from app.services.business_settings import load_business_settings
from app.services.dashboard.charts import OPEN_STAGES
from app.services.deals.rows import DealRow, list_deals
from app.services.mdf.rows import list_requests
from app.services.partners.names import partner_by_key
from app.services.program.rates import reporting_converter
from app.services.program.returns import return_items, return_report
from app.services.qbr.document import OpenDealLine, QbrPack, SpendLine, WonDealLine
from app.services.qbr.leads import partner_leads
from app.services.scorecard.charts import scorecard_charts
from app.services.scorecard.scorecard import partner_scorecard


def review_period(quarter_text: str, today: date) -> tuple[str, date, date]:
    """The quarter ``quarter_text`` names and the days a review of it covers: the whole quarter,
    or up to ``today`` while it runs. Refuses text that names no quarter, and a quarter that has
    not begun (``InputError``)."""
    quarter = parse_quarter(quarter_text)
    if quarter is None:
        raise InputError(quarter_problem(quarter_text) or f"'{quarter_text}' is not a quarter.")
    start = quarter_start(quarter)
    if start > today:
        raise InputError(
            f"{quarter} has not begun yet (today is {today.isoformat()}): review a quarter "
            "that has begun."
        )
    return quarter, start, min(quarter_end(quarter), today)


def qbr_pack(session: Session, partner: str, quarter_text: str, today: date) -> QbrPack:
    """The review pack of the partner ``partner`` names (Partner ID in any case, else its exact
    name) for the quarter ``quarter_text`` names, as things stand on ``today``."""
    quarter, start, end = review_period(quarter_text, today)
    card = partner_scorecard(session, partner, start, end, today)
    partner_id = _partner_id(session, card.partner_code)
    settings = load_business_settings(session)
    code = card.partner_code
    report = return_report(session, start, end, code)
    line = next((x for x in report.partners if x.partner == code), None)
    deals = list_deals(session)
    accounts = {row.deal_code or row.name: row.account for row in deals}
    won = [
        _won_line(item, credit, accounts)
        for figure, credit in (("sourced", "Sourced"), ("influenced", "Influenced"))
        for item in return_items(session, start, end, code, figure)
    ]
    won.sort(key=lambda w: (w.closed_on, w.ref))
    open_deals = _open_deals(session, deals, partner_id, today)
    return QbrPack(
        quarter=quarter,
        start=start,
        end=end,
        today=today,
        company=_letterhead(settings),
        card=card,
        charts=tuple(spec for _name, spec in scorecard_charts(card)),
        won=tuple(won),
        won_sourced=line.sourced if line is not None else _zero(),
        won_influenced=line.influenced if line is not None else _zero(),
        open_deals=open_deals,
        open_total=sum((d.converted for d in open_deals if d.converted is not None), _zero()),
        leads=partner_leads(session, partner_id, start, end),
        mdf_requests=tuple(list_requests(session, [row.allocation_id for row in card.mdf], today)),
        spend=tuple(
            SpendLine(item.kind, item.on, item.ref, item.amount, item.currency, item.converted)
            for item in return_items(session, start, end, code, "all")
        ),
    )


def _zero() -> Decimal:
    return Decimal(0)


def _partner_id(session: Session, code: str) -> int:
    """The row id of the partner the scorecard found (and names by ``code``)."""
    found = partner_by_key(session, code)
    if found is None:  # pragma: no cover - the scorecard has just found it
        raise NotFoundError(f"There is no partner with Partner ID '{code}'.")
    return found[0]


def _won_line(item: FigureItem, credit: str, accounts: dict[str, str]) -> WonDealLine:
    return WonDealLine(
        item.ref,
        accounts.get(item.ref, ""),
        item.on,
        credit,
        item.amount,
        item.currency,
        item.converted,
    )


def _open_deals(
    session: Session, deals: list[DealRow], partner_id: int, today: date
) -> tuple[OpenDealLine, ...]:
    """The partner's open deals (the Deals page's rows), each converted as of today as the
    pipeline chart converts it."""
    own = set(session.scalars(select(DealParty.deal_id).where(DealParty.partner_id == partner_id)))
    converter = reporting_converter(session, today)
    return tuple(
        OpenDealLine(
            row.deal_code or row.name,
            row.account,
            row.stage,
            row.expected_close,
            row.amount,
            row.currency,
            converter.convert(row.amount, row.currency, today),
        )
        for row in deals
        if row.id in own and row.stage in OPEN_STAGES
    )


def _letterhead(settings: BusinessSettings) -> Letterhead:
    """Today's letterhead, as a draft quote prints it."""
    return Letterhead(
        name=settings.company_name,
        address=settings.company_address,
        email=settings.company_email,
        phone=settings.company_phone,
        logo_path=settings.company_logo_path,
        footer=settings.quote_footer,
    )
