"""The deals page: joint deals with their parties and total commission."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.services.deals import DEAL_COLUMNS, DealRow, list_deals
from app.ui.changes import RecordKind
from app.ui.pages.base import TablePage


class DealsPage(TablePage):
    key = "deals"
    title = "Deals"
    icon_name = "deals"
    kinds = frozenset({RecordKind.DEAL, RecordKind.ACCOUNT, RecordKind.PARTNER})
    columns = DEAL_COLUMNS
    one, many = "deal", "deals"

    def load_rows(self, session: Session) -> Sequence[DealRow]:
        return list_deals(session)
