"""Reading a stored quote revision as a frozen ``QuoteView``, exactly as it was stored.

Nothing is re-priced here: the line figures and totals are the stored ones, and an issued
revision shows the partner and account of its snapshot. So re-showing an issued quote a year
later, after the price book and the partner's tier changed, gives the same document.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.db.models import Account, Partner, Quote, QuoteRevision
from app.domain.errors import NotFoundError
from app.domain.pricing import PricedLine, QuoteTotals, as_money
from app.domain.quote_view import QuoteView
from app.domain.record_ids import in_record_range
from app.domain.text_rules import printable, unsafe_reason


def read_quote(session: Session, number: str, revision: int | None = None) -> QuoteView:
    """Quote ``number`` (any case) at ``revision``, or at its latest revision."""
    wanted = number.strip().upper()
    if unsafe_reason(wanted) is not None:  # no quote number holds one; a query could not
        raise NotFoundError(f"There is no quote {printable(number.strip(), one_line=True)}.")
    quote = session.scalar(select(Quote).where(func.upper(Quote.number) == wanted))
    if quote is None:
        raise NotFoundError(f"There is no quote {printable(number.strip(), one_line=True)}.")
    count = session.scalar(
        select(func.count()).select_from(QuoteRevision).where(QuoteRevision.quote_id == quote.id)
    )
    query = (
        select(QuoteRevision)
        .where(QuoteRevision.quote_id == quote.id)
        .options(selectinload(QuoteRevision.lines))
    )
    if revision is None:
        query = query.order_by(QuoteRevision.revision.desc()).limit(1)
    else:
        query = query.where(QuoteRevision.revision == revision)
    rev = session.scalar(query) if revision is None or in_record_range(revision) else None
    if rev is None:
        what = f"revision {revision}" if revision is not None else "any revision"
        raise NotFoundError(f"Quote {quote.number} has no {what}.")
    return _view(session, quote, rev, int(count or 0))


def _view(session: Session, quote: Quote, rev: QuoteRevision, count: int) -> QuoteView:
    snapshot: dict[str, Any] = json.loads(rev.snapshot) if rev.snapshot else {}
    partner = snapshot.get("partner") or _live_partner(session, quote.partner_id)
    account = snapshot.get("account") or _live_account(session, quote.account_id)
    cur = rev.currency
    lines = tuple(
        PricedLine(
            position=ln.position,
            sku=ln.sku,
            description=ln.description,
            family=ln.family,
            qty=ln.quantity,
            list_price=as_money(ln.list_price, cur),
            tier_pct=ln.tier_pct,
            reg_pct=ln.reg_pct,
            volume_pct=ln.volume_pct,
            special_pct=ln.special_pct,
            net_unit=as_money(ln.net_unit, cur),
            line_total=as_money(ln.line_total, cur),
        )
        for ln in rev.lines
    )
    totals = QuoteTotals(
        list_total=as_money(rev.list_total, cur),
        discount=as_money(rev.discount, cur),
        subtotal=as_money(rev.subtotal, cur),
        tax_rate_pct=rev.tax_rate,
        tax=as_money(rev.tax, cur),
        total=as_money(rev.total, cur),
    )
    return QuoteView(
        number=quote.number,
        revision=rev.revision,
        status=rev.status,
        quote_date=rev.quote_date,
        valid_until=rev.valid_until,
        currency=rev.currency,
        partner=str(partner.get("name") or ""),
        partner_code=partner.get("code"),
        account=str(account.get("name") or ""),
        account_country=account.get("country"),
        lines=lines,
        totals=totals,
        issued_at=rev.issued_at,
        revisions=count,
        accepted_on=rev.accepted_on,
    )


def _live_partner(session: Session, partner_id: int) -> dict[str, Any]:
    """A draft's partner as it is now (a draft is not frozen yet)."""
    row = session.execute(
        select(Partner.name, Partner.partner_code).where(Partner.id == partner_id)
    ).one()
    return {"name": row.name, "code": row.partner_code}


def _live_account(session: Session, account_id: int) -> dict[str, Any]:
    row = session.execute(
        select(Account.name, Account.country).where(Account.id == account_id)
    ).one()
    return {"name": row.name, "country": row.country}
