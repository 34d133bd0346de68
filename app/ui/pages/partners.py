"""The partners page: every partner with tier, status and contacts."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.services.partners import PARTNER_COLUMNS, PartnerRow, list_partners
from app.ui.changes import RecordKind
from app.ui.pages.base import TablePage


class PartnersPage(TablePage):
    key = "partners"
    title = "Partners"
    icon_name = "partners"
    kinds = frozenset({RecordKind.PARTNER, RecordKind.CONTACT, RecordKind.TIER})
    columns = PARTNER_COLUMNS
    one, many = "partner", "partners"

    def load_rows(self, session: Session) -> Sequence[PartnerRow]:
        return list_partners(session)
