"""What the claim and deal dialogs offer to pick from: partners (the claimants besides the
direct team), labelled so two partners of the same name can be told apart."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Claim, Partner
from app.domain.enums import PartnerStatus
from app.services.claims.account_edit import Choice

#: What the claimant field says for our own sales force.
DIRECT_TEAM = "Direct team"


def partner_choices(session: Session) -> list[Choice]:
    """Partners that may register deals (not terminated), by name; a name shared by several
    partners carries the country and Partner ID."""
    query = (
        select(Partner.id, Partner.name, Partner.country, Partner.partner_code)
        .where(Partner.status != PartnerStatus.TERMINATED)
        .order_by(Partner.name, Partner.id)
    )
    rows = list(session.execute(query))
    counts = Counter(name.casefold() for _id, name, _c, _p in rows)
    found = []
    for partner_id, name, country, code in rows:
        label = name
        if counts[name.casefold()] > 1:
            extra = " ".join(p for p in (country, code or f"#{partner_id}") if p)
            label = f"{name} · {extra}"
        found.append(Choice(partner_id, label, country))
    return found


def last_claim_currency(session: Session) -> str | None:
    """The currency of the claim registered last: what the user most likely uses next when
    the record says nothing."""
    query = (
        select(Claim.currency).where(Claim.currency.is_not(None)).order_by(Claim.id.desc()).limit(1)
    )
    return session.scalar(query)
