"""What a person sees before issuing a draft: its total and every warning, priced as issuing will.

Issuing freezes the figures for good, so the question comes with the figures that will be frozen
(priced again for the draft's date, exactly as ``issue_revision`` does) and the warnings a
careful person wants to read once more: lines for a product family the partner is not certified
for, a partner without a tier, special discounts waiting for approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Quote, QuoteRevision
from app.domain.errors import NotFoundError
from app.domain.money import format_money
from app.domain.pricing import LineRequest
from app.services.quotes.draft_pricing import DraftForm, price_draft


@dataclass(frozen=True, slots=True)
class IssueCheck:
    """The draft as it would be issued now."""

    name: str  # "Q-2026-00001 rev 1"
    partner: str
    account: str
    lines: int
    total: str  # with its currency, as printed: "EUR 1,234.50"
    warnings: tuple[str, ...]
    #: Issuing is refused (no price, approval missing, …); the warnings say why.
    blocked: bool


def issue_check(session: Session, number: str, revision: int) -> IssueCheck:
    """Price the stored draft as issuing would and collect what the person should know."""
    row = session.execute(
        select(Quote, QuoteRevision)
        .join(QuoteRevision, QuoteRevision.quote_id == Quote.id)
        .where(func.upper(Quote.number) == number.strip().upper())
        .where(QuoteRevision.revision == revision)
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"Quote {number} has no revision {revision}.")
    quote, rev = row.Quote, row.QuoteRevision
    requests = tuple(LineRequest(ln.sku, ln.quantity, ln.special_pct) for ln in rev.lines)
    form = DraftForm(
        f"#{quote.partner_id}", f"#{quote.account_id}", rev.currency, rev.quote_date,
        Decimal(rev.tax_rate), requests,
    )  # fmt: skip
    draft = price_draft(session, form)
    warnings = list(draft.problems)
    priced = draft.priced
    approved = rev.approved_by is not None
    if priced is not None and priced.needs_approval and not approved:
        warnings.append("Needs approval first: a special discount is above the approval limit.")
        warnings.extend(priced.approval_reasons)
    total = format_money(priced.totals.total, priced.currency) if priced is not None else "—"
    return IssueCheck(
        name=f"{quote.number} rev {rev.revision}",
        partner=quote.partner.name,
        account=quote.account.name,
        lines=len(requests),
        total=total,
        warnings=tuple(warnings),
        blocked=priced is None or (priced.needs_approval and not approved),
    )
