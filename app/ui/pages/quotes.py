"""The quotes page: every quote by its latest revision."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.services.quotes import QUOTE_COLUMNS, QuoteRow, list_quotes
from app.ui.changes import RecordKind
from app.ui.pages.base import TablePage


class QuotesPage(TablePage):
    key = "quotes"
    title = "Quotes"
    icon_name = "quotes"
    kinds = frozenset({RecordKind.QUOTE, RecordKind.PARTNER, RecordKind.ACCOUNT})
    columns = QUOTE_COLUMNS
    one, many = "quote", "quotes"

    def load_rows(self, session: Session) -> Sequence[QuoteRow]:
        return list_quotes(session)
