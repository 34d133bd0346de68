"""The people at a partner: list, add, edit, deactivate, and save by natural key.

Contacts are deactivated rather than deleted: their training records are the partner's proof of
certification and stay in its history. The natural key within a partner is the e-mail address,
else the name (as the ``contacts`` import matches, ``app.services.importing.contacts``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import STALE_MESSAGE
from app.db.models import Contact, Partner
from app.domain.columns import Column, Kind
from app.domain.enums import ContactRole
from app.domain.errors import ConflictError, InputError, NotFoundError
from app.domain.importing.values import BadValue
from app.domain.partner_form import check_contact, valid_or_raise
from app.services.importing.common import PartnerLookup
from app.services.importing.contacts import contact_key


@dataclass(frozen=True, slots=True)
class ContactRow:
    id: int
    partner_id: int
    name: str
    email: str | None
    phone: str | None
    role: ContactRole
    active: bool
    version: int


CONTACT_COLUMNS: tuple[Column[ContactRow], ...] = (
    Column("name", "Name", lambda r: r.name, width=22),
    Column("role", "Role", lambda r: r.role, width=10),
    Column("email", "E-mail", lambda r: r.email, width=28),
    Column("phone", "Phone", lambda r: r.phone, width=16),
    Column("active", "Active", lambda r: r.active, Kind.BOOL, width=7),
)


def list_contacts(session: Session, partner_id: int) -> list[ContactRow]:
    """The partner's contacts, active ones first, by name."""
    query = (
        select(
            Contact.id,
            Contact.partner_id,
            Contact.name,
            Contact.email,
            Contact.phone,
            Contact.role,
            Contact.active,
            Contact.version,
        )
        .where(Contact.partner_id == partner_id)
        .order_by(Contact.active.desc(), Contact.name, Contact.id)
    )
    return [ContactRow(**row._asdict()) for row in session.execute(query)]


def add_contact(session: Session, partner_id: int, raw: Mapping[str, object]) -> int:
    """A new active contact at the partner; the same e-mail twice there is refused."""
    values = valid_or_raise(check_contact(raw))
    if session.get(Partner, partner_id) is None:
        raise NotFoundError("This partner was deleted by someone else; nothing was saved.")
    _refuse_duplicate_email(session, partner_id, values.get("email"), None)
    contact = Contact(partner_id=partner_id, active=True, role=ContactRole.SALES)
    _apply(contact, values)
    session.add(contact)
    session.flush()
    return contact.id


def update_contact(
    session: Session, contact_id: int, version: int, raw: Mapping[str, object]
) -> None:
    """Save edits to a contact read at ``version``; a newer stored one is a conflict."""
    values = valid_or_raise(check_contact(raw))
    contact = _get(session, contact_id, version)
    _refuse_duplicate_email(session, contact.partner_id, values.get("email"), contact_id)
    _apply(contact, values)
    session.flush()


def set_contact_active(session: Session, contact_id: int, version: int, active: bool) -> None:
    contact = _get(session, contact_id, version)
    contact.active = active
    session.flush()


def save_contact_by_key(session: Session, partner: str, raw: Mapping[str, object]) -> int:
    """Create or update the contact of ``partner`` (its Partner ID or name) matched by e-mail,
    else by name; returns the contact's id."""
    values = valid_or_raise(check_contact(raw))
    if values.get("name") is None:
        raise InputError("Name is required; nothing was saved.")
    try:
        partner_id = PartnerLookup(session).resolve(partner)
    except BadValue as exc:  # the import's own wording: "is not a known partner: …"
        raise InputError(f"Partner {partner} {exc}") from None
    wanted = contact_key(partner_id, values.get("email"), values["name"])
    for contact in session.scalars(select(Contact).where(Contact.partner_id == partner_id)):
        keys = {contact_key(partner_id, None, contact.name)}
        if contact.email:
            keys.add(contact_key(partner_id, contact.email, contact.name))
        if wanted in keys:
            _apply(contact, values)
            session.flush()
            return contact.id
    return add_contact(session, partner_id, raw)


def _get(session: Session, contact_id: int, version: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFoundError("This contact was deleted by someone else; nothing was saved.")
    if contact.version != version:
        raise ConflictError(STALE_MESSAGE)
    return contact


def _apply(contact: Contact, values: Mapping[str, object]) -> None:
    for field, value in values.items():
        if field == "role" and value is None:
            continue
        setattr(contact, field, value)


def _refuse_duplicate_email(
    session: Session, partner_id: int, email: object, contact_id: int | None
) -> None:
    if not email:
        return
    query = select(Contact.name).where(
        Contact.partner_id == partner_id, func.lower(Contact.email) == str(email).lower()
    )
    if contact_id is not None:
        query = query.where(Contact.id != contact_id)
    other = session.execute(query).scalar()
    if other is not None:
        raise InputError(f"{other} at this partner already has the e-mail {email}.")
