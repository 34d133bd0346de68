"""The partners page's reads: filter, sort, count and fetch one page of rows, all in SQL.

A sales team's database may hold 100,000 partners; loading them all into Python to sort and
filter would make every keystroke slow. So the page asks for a count and for the next slice of
rows (LIMIT/OFFSET) in the order the user chose, and fetches more as they scroll.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from app.db.models import Contact, Partner, Tier
from app.domain.enums import PartnerStatus, PartnerType
from app.services.partners.edit import tier_names
from app.services.partners.rows import PartnerRow, partner_rows_select

#: Columns a search looks in: what people type to find a partner.
SEARCHED = (
    Partner.name,
    Partner.legal_name,
    Partner.city,
    Partner.email,
    Partner.website,
    Partner.partner_code,
)


@dataclass(frozen=True)
class PartnerQuery:
    """What the user asked to see: search text, filters and a sort (a column key of the page)."""

    text: str = ""
    tier: str | None = None
    type: PartnerType | None = None
    status: PartnerStatus | None = None
    country: str | None = None
    account_manager: str | None = None
    sort: str = "name"
    descending: bool = False

    def with_(self, **changes: Any) -> PartnerQuery:
        return replace(self, **changes)

    @property
    def filtered(self) -> bool:
        return bool(self.text.strip()) or any(
            v is not None
            for v in (self.tier, self.type, self.status, self.country, self.account_manager)
        )


@dataclass(frozen=True)
class FilterChoices:
    """The values the filter lists offer: only what the database holds."""

    tiers: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    account_managers: list[str] = field(default_factory=list)


def _contacts() -> Any:
    return (
        select(func.count(Contact.id))
        .where(Contact.partner_id == Partner.id, Contact.active.is_(True))
        .correlate(Partner)
        .scalar_subquery()
    )


#: Sortable expressions per column key of ``PARTNER_COLUMNS``.
_SORTS: dict[str, Any] = {
    "partner_code": Partner.partner_code,
    "name": Partner.name_key,  # Gävle next to Gavle, not after Great Lakes; "The" ignored
    "legal_name": Partner.legal_name,
    "type": Partner.type,
    "tier": Tier.rank,
    "status": Partner.status,
    "country": Partner.country,
    "city": Partner.city,
    "website": Partner.website,
    "email": Partner.email,
    "phone": Partner.phone,
    "account_manager": Partner.account_manager,
    "partner_since": Partner.partner_since,
    "notes": Partner.notes,
}


def _conditions(query: PartnerQuery, sqlite: bool) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    for word in query.text.split():
        patterns = [f"%{_escaped(v)}%" for v in case_variants(word)]
        # SQLite's LIKE already ignores case (ASCII) and is 3x quicker than lower() LIKE;
        # on PostgreSQL lower() LIKE is a quarter quicker than ILIKE.
        if sqlite:
            found.append(or_(*(c.like(p, escape="\\") for c in SEARCHED for p in patterns)))
        else:
            found.append(
                or_(*(func.lower(c).like(p, escape="\\") for c in SEARCHED for p in patterns))
            )
    if query.tier is not None:
        found.append(Tier.name == query.tier)
    if query.type is not None:
        found.append(Partner.type == query.type)
    if query.status is not None:
        found.append(Partner.status == query.status)
    if query.country is not None:
        found.append(Partner.country == query.country)
    if query.account_manager is not None:
        found.append(Partner.account_manager == query.account_manager)
    return found


def case_variants(word: str) -> list[str]:
    """``word`` with ASCII letters lower-cased and each other letter in both cases.

    SQLite's LIKE (and lower() in a PostgreSQL without a locale) fold only ASCII letters, so
    "öresund" would miss "Öresund"; asking for "öresund" or "Öresund" finds it while the search
    stays a plain LIKE. Beyond three such letters the word is taken as typed.
    """
    folded = "".join(ch.lower() if ch.isascii() else ch for ch in word)
    special = [i for i, ch in enumerate(folded) if not ch.isascii() and ch.lower() != ch.upper()]
    if not special or len(special) > 3:
        return [folded]
    variants: set[str] = set()
    for mask in range(2 ** len(special)):
        chars = list(folded)
        for bit, i in enumerate(special):
            chars[i] = chars[i].upper() if mask >> bit & 1 else chars[i].lower()
        variants.add("".join(chars))
    return sorted(variants)


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _where(session: Session, statement: Any, query: PartnerQuery) -> Any:
    conditions = _conditions(query, session.get_bind().dialect.name == "sqlite")
    return statement.where(and_(*conditions)) if conditions else statement


def count_partners(session: Session, query: PartnerQuery | None = None) -> int:
    """How many partners match ``query`` (all partners for ``None``)."""
    statement = select(func.count(Partner.id)).select_from(Partner)
    if query is not None and query.tier is not None:
        statement = statement.join(Tier, Tier.id == Partner.tier_id)
    if query is not None:
        statement = _where(session, statement, query)
    return int(session.execute(statement).scalar_one())


def walk_index(matching: int, total: int, limit: int) -> bool:
    """Whether to read rows in the order of an index (stopping after ``limit`` matches) rather
    than scanning all and sorting the matches. Walking pays one lookup per row visited, about
    ``limit × total / matching``; a scan costs about as much as 15,000 lookups. A search that
    matches one partner in 1,000 would walk the whole index (0.3 s at 100,000); scanning takes
    0.04 s."""
    if matching <= 0:
        return False
    return limit * total / matching < 15_000


def fetch_partners(
    session: Session,
    query: PartnerQuery,
    offset: int = 0,
    limit: int | None = 200,
    by_index: bool = True,
) -> list[PartnerRow]:
    """One slice of the matching partners in the asked order; empty values sort last.

    ``by_index=False`` hides the sort column's index from the planner (see ``walk_index``).
    """
    statement = _slice(session, query, by_index).offset(offset).limit(limit)
    return [PartnerRow(**row._asdict()) for row in session.execute(statement)]


#: The most partners whose ids a search keeps in memory to narrow the next keystroke.
MAX_IDS = 20_000


@dataclass(frozen=True)
class Matches:
    """The partners a search matched, in the page's order, with the text each was found in.

    Keeping the searched text (casefolded) lets the next keystroke narrow the matches in memory:
    typing on can only remove partners, so no query is needed until the search widens.
    """

    ids: list[int]
    texts: list[str]

    def narrowed(self, text: str) -> Matches:
        """Only the matches that contain every word of ``text``."""
        words = [w.casefold() for w in text.split()]
        keep = [n for n, found in enumerate(self.texts) if all(w in found for w in words)]
        return Matches([self.ids[n] for n in keep], [self.texts[n] for n in keep])


def searched_text(values: Sequence[str | None]) -> str:
    """One partner's searched columns as one casefolded text (a separator no one types)."""
    return "\x1f".join(v.casefold() for v in values if v)


def matching(session: Session, query: PartnerQuery, limit: int | None = None) -> Matches | None:
    """Every partner matching ``query`` in its order, or ``None`` if more than ``limit`` match.

    One pass over the table answers both how many match and which, so a narrow search costs one
    query instead of a count and a read.
    """
    found = select(Partner.id, *SEARCHED)
    if query.tier is not None or query.sort == "tier":
        found = found.outerjoin(Tier, Tier.id == Partner.tier_id)
    statement = _ordered(session, found, query, by_index=False)
    if limit is not None:
        statement = statement.limit(limit + 1)
    rows = session.execute(statement).all()
    if limit is not None and len(rows) > limit:
        return None
    return Matches([row[0] for row in rows], [searched_text(row[1:]) for row in rows])


def fetch_by_ids(session: Session, ids: Sequence[int]) -> list[PartnerRow]:
    """The rows of ``ids``, in that order (a partner deleted meanwhile is left out)."""
    if not ids:
        return []
    statement = _rows_select().where(Partner.id.in_(list(ids)))
    found = {row.id: PartnerRow(**row._asdict()) for row in session.execute(statement)}
    return [found[i] for i in ids if i in found]


def _slice(session: Session, query: PartnerQuery, by_index: bool) -> Any:
    return _ordered(session, _rows_select(), query, by_index)


def _rows_select() -> Any:
    return partner_rows_select(_contacts())


def _ordered(session: Session, statement: Any, query: PartnerQuery, by_index: bool) -> Any:
    """``statement`` (which joins the tier if ``query`` needs it) filtered and ordered."""
    key = _SORTS.get(query.sort, Partner.name)
    if not by_index:
        key = func.coalesce(key, key)
    order = key.desc() if query.descending else key.asc()
    statement = _where(session, statement, query)
    tie = Partner.id.desc() if query.descending else Partner.id.asc()
    if query.sort == "name":
        by_name = Partner.name.desc() if query.descending else Partner.name.asc()
        return statement.order_by(order, by_name, tie)
    return statement.order_by(key.is_(None), order, tie)


def filter_choices(session: Session) -> FilterChoices:
    """Tiers by rank, and the countries and account managers partners have."""
    tiers = tier_names(session)
    countries = _distinct(session, Partner.country)
    managers = _distinct(session, Partner.account_manager)
    return FilterChoices(tiers, countries, managers)


def _distinct(session: Session, column: Any) -> list[str]:
    values: Sequence[str] = (
        session.execute(select(column).where(column.is_not(None)).distinct().order_by(column))
        .scalars()
        .all()
    )
    return list(values)
