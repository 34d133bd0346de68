"""The partners table model: rows fetched from SQL a slice at a time as the user scrolls.

It is the generic ``RowTableModel`` (same cells, roles and alignment) whose rows come from
``app.services.partners.listing`` instead of a Python list: searching, filtering and sorting change
the query and re-read the first slice, so 100,000 partners cost what 200 cost.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from app.services.partners.listing import (
    MAX_IDS,
    Matches,
    PartnerQuery,
    count_partners,
    fetch_by_ids,
    fetch_partners,
    matching,
    walk_index,
)
from app.services.partners.rows import PARTNER_COLUMNS, PartnerRow
from app.services.store import Database
from app.ui.table_model import Index, RowTableModel

#: Rows read per slice: a few screens' worth.
BATCH = 200


class PartnerListModel(RowTableModel[PartnerRow]):
    """Partners matching ``query``, in its order; ``rowCount`` is what has been fetched so far."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(PARTNER_COLUMNS, parent=parent)
        self._db: Database | None = None
        self.query = PartnerQuery()
        self.matching = 0  # partners that match the query
        self.total = 0  # partners in the database
        self._by_index = True
        self._announcing = False
        #: All matches, in order, when a search matches few: slices are read by id and the
        #: next keystroke narrows them in memory instead of scanning the table again.
        self._matches: Matches | None = None

    # --- what the page calls -------------------------------------------------------------

    def set_database(self, db: Database | None) -> None:
        self._db = db

    def reload(self) -> None:
        """Read the totals and the first slice again (after an edit, or another database)."""
        with self._resetting():
            if self._db is None:
                self._show_nothing()
            else:
                with self._db.reading() as session:
                    self.total = count_partners(session)
                    self._first_slice(session)

    def set_query(self, query: PartnerQuery) -> None:
        """Show what ``query`` asks for; the count and first slice come from one transaction."""
        if query == self.query:
            return
        previous, self.query = self.query, query
        self._filter = " ".join(query.text.split()).casefold()
        with self._resetting():
            if self._db is not None:
                with self._db.reading() as session:
                    self._first_slice(session, previous)

    def set_filter(self, text: str) -> None:
        self.set_query(self.query.with_(text=" ".join(text.split())))

    def set_rows(self, rows: Sequence[PartnerRow]) -> None:  # pragma: no cover - not used
        raise TypeError("the partners model reads its rows itself")

    def rows(self) -> list[PartnerRow]:
        """Every matching row in the order shown (for an export), in one query."""
        if self._db is None:
            return []
        with self._db.reading() as session:
            return fetch_partners(session, self.query, 0, None, True)

    @property
    def total_count(self) -> int:
        return self.total

    def row_of(self, partner_id: int) -> int | None:
        for n, row in enumerate(self._rows):
            if row.id == partner_id:
                return n
        return None

    # --- Qt's interface ------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self.matching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._db is None or len(self._rows) >= self.matching:
            return
        if self._announcing:
            return  # a view asks while a change is still being announced: it asks again later
        start = len(self._rows)
        with self._db.reading() as session:
            if self._matches is not None:
                more = fetch_by_ids(session, self._matches.ids[start : start + BATCH])
            else:
                more = fetch_partners(session, self.query, start, BATCH, self._by_index)
        if not more:
            self.matching = len(self._rows)  # someone deleted rows meanwhile
            return
        start = len(self._rows)
        self._announcing = True
        try:
            self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
        finally:
            self._announcing = False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].key
        if key == "contacts":
            return  # counted per row, not sortable in SQL cheaply
        self._sort = (column, order)
        self.set_query(self.query.with_(sort=key, descending=order == Qt.SortOrder.DescendingOrder))

    # --- inside --------------------------------------------------------------------------

    @contextmanager
    def _resetting(self) -> Iterator[None]:
        """A reset of the rows that ends even when the read fails (a damaged file, a lost
        server): the table then shows no rows, not half of an unfinished reset."""
        self._announcing = True
        self.beginResetModel()
        try:
            yield
        except BaseException:
            self._show_nothing()
            raise
        finally:
            try:
                self.endResetModel()
            finally:
                self._announcing = False

    def _show_nothing(self) -> None:
        self.total = self.matching = 0
        self._rows = []
        self._matches = None

    def _first_slice(self, session: Any, previous: PartnerQuery | None = None) -> None:
        query, matches = self.query, None
        narrows = previous is not None and _narrows(previous, query)
        if not query.filtered:
            self.matching, self._by_index = self.total, True
        elif narrows and self._matches is not None:
            matches = self._matches.narrowed(query.text)
        elif narrows and self.matching <= min(self.total // 4, MAX_IDS):
            matches = matching(session, query)
        else:
            if _selective(query):
                matches = matching(session, query, MAX_IDS)
            if matches is None:
                self.matching = count_partners(session, query)
                self._by_index = walk_index(self.matching, self.total, BATCH)
                if not self._by_index and self.matching <= MAX_IDS:
                    matches = matching(session, query)
        self._matches = matches
        if matches is not None:
            self.matching = len(matches.ids)
            self._rows = fetch_by_ids(session, matches.ids[:BATCH])
        elif self.matching:
            self._rows = fetch_partners(session, query, 0, BATCH, self._by_index)
        else:
            self._rows = []


def _selective(query: PartnerQuery) -> bool:
    """Whether the search probably matches few partners: a word of three letters or more.
    Then reading the matches at once (at most ``MAX_IDS``) beats counting them first."""
    return any(len(word) >= 3 for word in query.text.split())


def _narrows(before: PartnerQuery, after: PartnerQuery) -> bool:
    """Whether ``after`` can only match fewer partners than ``before`` (a letter typed on)."""
    return before.with_(text="") == after.with_(text="") and after.text.casefold().startswith(
        before.text.casefold()
    )
