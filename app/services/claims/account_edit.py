"""Creating and editing one end-customer account, with stale saves caught.

The account dialog reads an ``AccountRecord`` when it opens and hands it back on save; if the
stored account moved on meanwhile, the save raises a ``ConflictError`` listing what differs so
the user reloads or overwrites. The identity keys (name key, domain) are derived here on every
save, so overlap detection always compares fresh keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.db.engine import STALE_MESSAGE
from app.db.models import Account, DirectRep
from app.domain.account_form import account_parsers
from app.domain.errors import ConflictError, InputError, NotFoundError
from app.domain.importing import values as v
from app.domain.names import domain_key, name_key
from app.domain.partner_form import check_fields
from app.domain.websites import same_value

ACCOUNT_FIELDS = ("name", "website", "country", "city", "named_account", "owner_rep_id")
LABELS = {
    "name": "Name", "website": "Website", "country": "Country", "city": "City",
    "named_account": "Named account", "owner_rep_id": "Direct owner",
}  # fmt: skip


@dataclass(frozen=True)
class AccountRecord:
    """One account as the form shows it; ``version`` is what a save checks against."""

    id: int
    version: int
    name: str
    website: str | None
    country: str | None
    city: str | None
    named_account: bool
    owner_rep_id: int | None
    merged_into_id: int | None

    def values(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in ACCOUNT_FIELDS}


@dataclass(frozen=True)
class Choice:
    """Something to pick in a list: its id and the words a person reads."""

    id: int
    label: str
    #: Where it is (an ISO code): what a form defaults its currency from.
    country: str | None = None


def check_account(raw: Mapping[str, object]) -> tuple[dict[str, object], dict[str, str]]:
    """(values ready to store, {field: message}) for the account fields present in ``raw``."""
    return check_fields(raw, ACCOUNT_FIELDS, _PARSERS, LABELS)


def _optional_id(raw: object) -> int | None:
    return None if raw in (None, "") else int(str(raw))


_PARSERS = {
    **account_parsers(),  # the claim dialog's and the claims import's rules too
    "named_account": lambda x: bool(v.boolean(x)), "owner_rep_id": _optional_id,
}  # fmt: skip


def _valid(raw: Mapping[str, object]) -> dict[str, object]:
    values, errors = check_account(raw)
    if errors:
        raise InputError(next(iter(errors.values())) + "; nothing was saved.")
    return values


def get_account(session: Session, account_id: int) -> AccountRecord:
    account = session.get(Account, account_id, populate_existing=True)
    if account is None:
        raise NotFoundError(f"Account {account_id} no longer exists.")
    return _record(account)


def _record(a: Account) -> AccountRecord:
    return AccountRecord(
        id=a.id, version=a.version, name=a.name, website=a.website, country=a.country,
        city=a.city, named_account=a.named_account, owner_rep_id=a.owner_rep_id,
        merged_into_id=a.merged_into_id,
    )  # fmt: skip


def create_account(session: Session, raw: Mapping[str, object]) -> int:
    """A new account from ``raw`` (field → typed value or text); returns its id."""
    values = _valid(raw)
    if values.get("name") is None:
        raise InputError("An account needs a name; nothing was saved.")
    account = Account(named_account=False)
    _apply(account, values)
    session.add(account)
    session.flush()
    return account.id


def update_account(
    session: Session, opened: AccountRecord, raw: Mapping[str, object], overwrite: bool = False
) -> None:
    """Save ``raw`` over the account read as ``opened``; ``ConflictError`` if it moved on."""
    values = _valid(raw)
    account = session.get(Account, opened.id)
    if account is None:
        raise NotFoundError(f"{opened.name} was deleted by someone else; nothing was saved.")
    if account.version != opened.version and not overwrite:
        stored = _record(account)
        changed = {
            f: (getattr(opened, f), getattr(stored, f))
            for f in ACCOUNT_FIELDS
            if not same_value(f, getattr(opened, f), getattr(stored, f))
        }
        raise ConflictError(STALE_MESSAGE, changed)
    _apply(account, values)
    session.flush()


def _apply(account: Account, values: Mapping[str, object]) -> None:
    for field, value in values.items():
        if not same_value(field, getattr(account, field, None), value):
            setattr(account, field, value)
    account.name_key = name_key(account.name)
    account.domain = domain_key(account.website)


def direct_reps(session: Session, also: int | None = None) -> list[Choice]:
    """Our active direct reps by name: owners of named accounts and claimants for the team;
    with ``also``, that rep too though inactive (a record's own, kept when it is saved)."""
    wanted = or_(DirectRep.active.is_(True), DirectRep.id == (also or 0))
    query = select(DirectRep.id, DirectRep.name, DirectRep.active).where(wanted)
    return [
        Choice(i, n if active else f"{n} (inactive)")
        for i, n, active in session.execute(query.order_by(DirectRep.name))
    ]


def account_choices(session: Session) -> list[Choice]:
    """Every account that was not merged away, labelled "Name · city, country" to tell twins
    apart in a completer."""
    query = (
        select(Account.id, Account.name, Account.city, Account.country)
        .where(Account.merged_into_id.is_(None))
        .order_by(Account.name, Account.id)
    )
    found = []
    for account_id, name, city, country in session.execute(query):
        where = ", ".join(p for p in (city, country) if p)
        found.append(Choice(account_id, f"{name} · {where}" if where else name, country))
    return found
