"""The product families a deal is about, and the partners on it who hold no valid certification
for one of them: the deal dialog's warning, as the quote editor warns for a quote's lines.

A warning, never a refusal: the deal is real whatever the training records say, and the CAM
decides whether the partner gets trained, or another partner does the technical work. The rule
of what counts as certified is the training feature's (``missing_certifications``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import ProductFamily
from app.services.claims.account_edit import Choice
from app.services.deals.edit import Party
from app.services.training.certification import missing_certifications


def family_choices(session: Session) -> list[Choice]:
    """Every product family a deal can be about, by name."""
    rows = session.execute(
        select(ProductFamily.id, ProductFamily.name).order_by(ProductFamily.name, ProductFamily.id)
    )
    return [Choice(family_id, name) for family_id, name in rows]


def certification_gaps(
    session: Session, parties: Sequence[Party], family_ids: Iterable[int], on: date
) -> list[str]:
    """One sentence per partner party that holds no valid certification on ``on`` for one of
    the ``family_ids``, in the order of the parties; empty when every one is covered."""
    partners = [p for p in parties if p.partner_id is not None]
    gaps = missing_certifications(session, [p.partner_id or 0 for p in partners], family_ids, on)
    lines = []
    for party in partners:
        found = gaps.get(party.partner_id or 0)
        if not found:
            continue
        names = [g.family_name for g in found]
        what = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        lines.append(f"No one at {party.name} holds a valid {what} certification.")
    return lines
