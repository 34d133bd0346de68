"""Import contacts: matched within their partner by e-mail, else by name (SPEC.md)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.db.models import Contact
from app.domain.enums import ContactRole
from app.domain.importing.report import ImportSummary, Problem, change_text
from app.domain.importing.sheet import MappedSheet
from app.domain.partner_form import LABELS, contact_parsers
from app.services.importing.common import (
    Changes,
    ImportOptions,
    Parser,
    PartnerLookup,
    compare,
    new_summary,
    parsed_rows,
    required,
)
from app.services.importing.writing import write_checked

TABLE: Table = Contact.__table__  # type: ignore[assignment]


def contact_key(partner_id: int, email: object, name: object) -> tuple[Any, ...]:
    if email:
        return (partner_id, "email", str(email).casefold())
    return (partner_id, "name", " ".join(str(name).split()).casefold())


class StoredContacts:
    """Every stored contact, by (partner, e-mail) and by (partner, name)."""

    def __init__(self, session: Session) -> None:
        self.by_key: dict[tuple[Any, ...], dict[str, Any]] = {}
        columns = [TABLE.c[c] for c in ("id", "partner_id", "name", "email", "phone", "role")]
        for row in session.execute(select(*columns)):
            record = row._asdict()
            if record["email"]:
                self.by_key[contact_key(record["partner_id"], record["email"], "")] = record
            self.by_key.setdefault(contact_key(record["partner_id"], None, record["name"]), record)

    def find(self, partner_id: int, email: object, name: object) -> dict[str, Any] | None:
        if email:
            found = self.by_key.get(contact_key(partner_id, email, name))
            if found is not None:
                return found
        return self.by_key.get(contact_key(partner_id, None, name))


def import_contacts(
    session: Session, sheet: MappedSheet, options: ImportOptions, source: str = ""
) -> ImportSummary:
    """Validate every row, then create or update contacts (unless a dry run)."""
    summary = new_summary("contacts", source or sheet.name, options)
    partners = PartnerLookup(session)
    parsers: dict[str, Parser] = {"partner": partners.resolve, **contact_parsers()}
    stored = StoredContacts(session)
    seen: dict[tuple[Any, ...], tuple[int, dict[str, object]]] = {}
    inserts: list[dict[str, object]] = []
    new_rows: list[int] = []
    updates: list[tuple[int, Changes]] = []
    for number, values in parsed_rows(sheet, parsers, options, summary.problems):
        if not required(number, values, ("partner", "name"), sheet, summary.problems):
            continue
        partner_id = int(str(values.pop("partner")))
        values["partner_id"] = partner_id
        key = contact_key(partner_id, values.get("email"), values["name"])
        if key in seen:
            if seen[key][1] == values:
                summary.merged += 1
            else:
                summary.problems.append(
                    Problem(number, sheet.header("name"), str(values["name"]),
                            f"is the same contact as row {seen[key][0]} with different values")
                )  # fmt: skip
            continue
        seen[key] = (number, values)
        match = stored.find(partner_id, values.get("email"), values["name"])
        if match is None:
            summary.new += 1
            summary.planned(number, "New", _who(values))
            new = {"partner_id": partner_id, "name": values["name"], "email": values.get("email"),
                   "phone": values.get("phone"), "active": True,
                   "role": values.get("role") or ContactRole.SALES}  # fmt: skip
            inserts.append(new)
            new_rows.append(number)
            continue
        changes = compare(match, values, keep_if_empty=("role",))
        if changes:
            summary.updated += 1
            updates.append((match["id"], changes))
            summary.planned(number, "Update", _who(match), change_text(changes, LABELS))
        else:
            summary.unchanged += 1
    return write_checked(session, summary, options, TABLE, inserts, updates, new_rows)


def _who(values: dict[str, Any]) -> str:
    email = values.get("email")
    return f"{values['name']} <{email}>" if email else str(values["name"])
