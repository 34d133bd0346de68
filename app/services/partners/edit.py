"""Creating, editing, terminating and deleting one partner, with stale saves caught.

A dialog reads a ``PartnerRecord`` when it opens and hands it back on save: if the stored
partner moved on meanwhile (another window, another user), the save raises a ``ConflictError``
listing each field someone else changed, so the user decides to reload or to overwrite.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import STALE_MESSAGE
from app.db.models import Claim, Contact, DealParty, Partner, Quote, Tier
from app.domain.enums import PartnerStatus, PartnerType
from app.domain.errors import ConflictError, InputError, NotFoundError, RefusedError
from app.domain.importing.values import choice_key
from app.domain.names import name_key
from app.domain.partner_form import check_partner, valid_or_raise
from app.domain.websites import same_value
from app.services.partners.codes import take_partner_codes


@dataclass(frozen=True)
class PartnerRecord:
    """One partner as a form shows it; ``version`` is what a save checks against."""

    id: int
    version: int
    name: str
    partner_code: str | None
    legal_name: str | None
    type: PartnerType
    tier: str | None
    status: PartnerStatus
    country: str | None
    city: str | None
    website: str | None
    email: str | None
    phone: str | None
    account_manager: str | None
    partner_since: date | None
    territories: str | None
    notes: str | None

    def values(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in EDITABLE}


EDITABLE = (
    "name", "partner_code", "legal_name", "type", "tier", "status", "country", "city",
    "website", "email", "phone", "account_manager", "partner_since", "territories", "notes",
)  # fmt: skip


def get_partner(session: Session, partner_id: int) -> PartnerRecord:
    partner = session.get(Partner, partner_id, populate_existing=True)
    if partner is None:
        raise NotFoundError(f"Partner {partner_id} no longer exists; it may have been deleted.")
    return _record(partner)


def _record(partner: Partner) -> PartnerRecord:
    return PartnerRecord(
        id=partner.id, version=partner.version, name=partner.name,
        partner_code=partner.partner_code, legal_name=partner.legal_name, type=partner.type,
        tier=partner.tier.name if partner.tier else None, status=partner.status,
        country=partner.country, city=partner.city, website=partner.website,
        email=partner.email, phone=partner.phone, account_manager=partner.account_manager,
        partner_since=partner.partner_since, territories=partner.territories,
        notes=partner.notes,
    )  # fmt: skip


def create_partner(session: Session, raw: Mapping[str, object]) -> int:
    """A new partner from ``raw`` (field → typed value or text); returns its id."""
    values = valid_or_raise(check_partner(raw, known_tiers(session)))
    partner = Partner(type=PartnerType.RESELLER, status=PartnerStatus.PROSPECT)
    if not values.get("partner_code"):  # every partner has an ID: the next one, if none given
        values = {**values, "partner_code": take_partner_codes(session, 1)[0]}
    _apply(session, partner, values)
    session.add(partner)
    session.flush()
    return partner.id


def update_partner(
    session: Session, opened: PartnerRecord, raw: Mapping[str, object], overwrite: bool = False
) -> None:
    """Save the form's ``raw`` values over the partner read as ``opened``.

    Raises ``ConflictError`` (changes: field → (value when opened, value stored now)) if someone
    else saved it since, unless ``overwrite``.
    """
    values = valid_or_raise(check_partner(raw, known_tiers(session)))
    partner = session.get(Partner, opened.id)
    if partner is None:
        raise NotFoundError(f"{opened.name} was deleted by someone else; nothing was saved.")
    if partner.version != opened.version and not overwrite:
        raise ConflictError(STALE_MESSAGE, stale_fields(opened, _record(partner)))
    _apply(session, partner, values)
    session.flush()


def stale_fields(opened: PartnerRecord, stored: PartnerRecord) -> dict[str, tuple[object, object]]:
    """Each field whose stored value differs from what the user opened: (opened, stored)."""
    return {
        name: (getattr(opened, name), getattr(stored, name))
        for name in EDITABLE
        if not same_value(name, getattr(opened, name), getattr(stored, name))
    }


def _apply(session: Session, partner: Partner, values: Mapping[str, object]) -> None:
    for field, value in values.items():
        if field == "tier":
            partner.tier_id = _tier_id(session, value)
        elif field in ("type", "status", "partner_code") and value is None:
            continue  # cannot be empty: keep what is there (a Partner ID is never dropped)
        elif same_value(field, getattr(partner, field), value):
            continue  # "bluepeak.com" over "https://www.bluepeak.com" changes nothing
        else:
            setattr(partner, field, value)
    if "name" in values:
        partner.name_key = name_key(str(values["name"]))
    code = values.get("partner_code")
    if code:
        other = session.execute(
            select(Partner.id).where(Partner.partner_code == code, Partner.id != partner.id)
        ).scalar()
        if other is not None:
            raise InputError(f"Partner ID {code} is already used by another partner.")


def tier_names(session: Session) -> list[str]:
    """The tiers a partner can be given, by rank: the choices of the partner form and filter."""
    return list(session.scalars(select(Tier.name).order_by(Tier.rank, Tier.name)))


def known_tiers(session: Session) -> dict[str, str]:
    """Each tier's name by ``choice_key``: a tier is named as in an import, in any case."""
    return {choice_key(name): name for name in session.scalars(select(Tier.name))}


def _tier_id(session: Session, name: object) -> int | None:
    if name is None:
        return None
    tier_id = session.execute(select(Tier.id).where(Tier.name == name)).scalar()
    if tier_id is None:
        raise InputError(f"There is no tier called {name}; choose one from the list.")
    return tier_id


def set_partner_status(
    session: Session, partner_id: int, version: int, status: PartnerStatus
) -> None:
    """Change only the status (terminate, suspend, reactivate), checking the version."""
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFoundError("This partner was deleted by someone else.")
    if partner.version != version:
        raise ConflictError(STALE_MESSAGE, {"status": (None, partner.status)})
    partner.status = status
    session.flush()


def partner_usage(session: Session, partner_id: int) -> dict[str, int]:
    """How many contacts, claims, deals and quotes hang on a partner (only non-zero ones)."""
    counts = {
        "contacts": select(func.count()).where(Contact.partner_id == partner_id),
        "claims": select(func.count()).where(Claim.partner_id == partner_id),
        "deals": select(func.count(func.distinct(DealParty.deal_id))).where(
            DealParty.partner_id == partner_id
        ),
        "quotes": select(func.count()).where(Quote.partner_id == partner_id),
    }
    found = {name: int(session.execute(q).scalar_one()) for name, q in counts.items()}
    return {name: n for name, n in found.items() if n}


def delete_partner(session: Session, partner_id: int) -> str:
    """Delete a partner that nothing refers to; returns its name. Refuses a busy partner."""
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFoundError("This partner was already deleted.")
    usage = partner_usage(session, partner_id)
    if usage:
        listed = ", ".join(f"{n} {name if n != 1 else name[:-1]}" for name, n in usage.items())
        raise RefusedError(
            f"{partner.name} cannot be deleted: it has {listed}, whose history would be lost. "
            "Change its status to Terminated instead."
        )
    name = partner.name
    session.delete(partner)
    session.flush()
    return name


def find_partner_id(
    session: Session, partner_code: str | None, name: str, country: str | None
) -> int | None:
    """The partner with this Partner ID, else the one with this name (identity key) and country:
    the natural keys the import matches on. ``None`` when there is none."""
    if partner_code:
        found = session.execute(
            select(Partner.id).where(func.lower(Partner.partner_code) == partner_code.lower())
        ).scalar()
        if found is not None:
            return found
    ids = (
        session.execute(
            select(Partner.id).where(Partner.name_key == name_key(name), Partner.country == country)
        )
        .scalars()
        .all()
    )
    if len(ids) > 1:
        raise InputError(
            f"{len(ids)} partners are called {name} in this country: give the Partner ID."
        )
    return ids[0] if ids else None


def save_partner_by_key(session: Session, raw: Mapping[str, object]) -> tuple[int, bool]:
    """Create or update the partner ``raw`` names by its natural keys; (id, created)."""
    values = valid_or_raise(check_partner(raw, known_tiers(session)))
    if values.get("name") is None:
        raise InputError("Name is required; nothing was saved.")
    found = find_partner_id(
        session, _str(values.get("partner_code")), str(values["name"]), _str(values.get("country"))
    )
    if found is None:
        return create_partner(session, raw), True
    partner = session.get(Partner, found)
    assert partner is not None
    _apply(session, partner, values)
    session.flush()
    return found, False


def _str(value: object) -> str | None:
    return None if value is None else str(value)
