"""Import leads: matched by Lead ID without regard to case (SPEC.md, "Import and export").

A campaign list is imported again and again as it grows, so re-importing changes only the
lead's own facts (company, website, country, contact, e-mail, product family, campaign, grade,
created on) and never undoes a routing: its status, its assignments, and what it became stay.
The one exception is the grade of a lead in nurture: nurture waits for a better grade, so a row
that changes it makes the lead new again, and the next routing run takes it. The file is the
truth for the columns it has (an empty cell clears a value); a column it lacks keeps the stored
value. Each cell is read by the lead rule (``app.domain.lead_form``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.db.models import Lead
from app.domain.enums import LeadStatus
from app.domain.importing.report import ImportSummary, Problem, shown_value
from app.domain.importing.sheet import MappedSheet
from app.domain.lead_form import LABELS, REQUIRED, lead_parsers
from app.domain.leads.rules import grade_key
from app.domain.names import domain_key, name_key
from app.domain.websites import same_value
from app.services.importing.common import (
    Changes,
    ImportOptions,
    new_summary,
    parsed_rows,
    required,
)
from app.services.importing.families import Families
from app.services.importing.writing import write_checked

TABLE: Table = Lead.__table__  # type: ignore[assignment]
#: The stored columns a row sets (``family`` becomes ``family_id``; keys are worked out).
FACTS = (
    "lead_code", "company", "website", "country", "contact", "email", "family_id", "campaign",
    "grade", "created_on",
)  # fmt: skip
_STORED = ("id", *FACTS, "name_key", "domain", "status", "nurture_grade")


def import_leads(
    session: Session, sheet: MappedSheet, options: ImportOptions, source: str = ""
) -> ImportSummary:
    """Check every row, then create new leads and update stored ones (unless a dry run)."""
    summary = new_summary("leads", source or sheet.name, options)
    families = Families(session)
    stored: dict[str, dict[str, Any]] = {}
    for row in session.execute(select(*(TABLE.c[name] for name in _STORED))):
        record = row._asdict()
        stored[str(record["lead_code"]).casefold()] = record
    present = [field for field in LABELS if field in sheet.headers]
    seen: dict[str, tuple[int, dict[str, object]]] = {}
    inserts: list[dict[str, object]] = []
    new_rows: list[int] = []
    updates: list[tuple[int, Changes]] = []
    parsers = lead_parsers(options.day_first)
    for number, cells in parsed_rows(sheet, parsers, options, summary.problems):
        if not required(number, cells, REQUIRED, sheet, summary.problems):
            continue
        family = cells.pop("family", None)
        if family is not None:
            family_id = families.find(str(family))
            if family_id is None:
                summary.problems.append(
                    Problem(number, sheet.header("family"), shown_value(family), families.unknown())
                )
                continue
            cells["family_id"] = family_id
        elif "family" in present:
            cells["family_id"] = None
        code = str(cells["lead_code"])
        key = code.casefold()
        if key in seen:
            first, values = seen[key]
            if values == cells:
                summary.merged += 1
            else:
                summary.problems.append(
                    Problem(number, sheet.header("lead_code"), code,
                            f"is the same lead as row {first} with different values: keep one row")
                )  # fmt: skip
            continue
        seen[key] = (number, dict(cells))
        match = stored.get(key)
        if match is None:
            record = {name: cells.get(name) for name in FACTS}
            record.update(_keys(record), status=LeadStatus.NEW)
            summary.new += 1
            summary.planned(number, "New", f"{code} · {cells['company']}")
            inserts.append(record)
            new_rows.append(number)
            continue
        changes = _changes(match, cells)
        if changes:
            summary.updated += 1
            updates.append((match["id"], changes))
            summary.planned(number, "Update", f"{match['lead_code']} · {match['company']}",
                            _shown(changes, families))  # fmt: skip
        else:
            summary.unchanged += 1
    return write_checked(session, summary, options, TABLE, inserts, updates, new_rows)


def _keys(record: dict[str, Any]) -> dict[str, object]:
    """The lead's identity as accounts have it: the company's name key, and its company domain
    taken from the website or, without one, the e-mail (free mail names no company)."""
    website, email = record.get("website"), record.get("email")
    domain = domain_key(website) if website else None
    return {
        "name_key": name_key(str(record["company"])),
        "domain": domain or (domain_key(email) if email else None),
    }


def _changes(stored: dict[str, Any], cells: dict[str, object]) -> Changes:
    """What a row changes in a stored lead: its facts, the keys that follow from them, and a
    nurture lead's status when its grade changes (nothing else of its routing)."""
    changes: Changes = {}
    for field, new in cells.items():
        if field not in FACTS or field == "lead_code":
            continue  # the Lead ID matched without regard to case: its spelling stays
        if not same_value(field, stored[field], new):
            changes[field] = (stored[field], new)
    if not changes:
        return changes
    merged = {**stored, **{field: new for field, (_old, new) in changes.items()}}
    for field, value in _keys(merged).items():
        if stored[field] != value:
            changes[field] = (stored[field], value)
    if "grade" in changes and stored["status"] == LeadStatus.NURTURE:
        before = stored["nurture_grade"] or grade_key(stored["grade"])
        if before != grade_key(merged["grade"]):
            changes["status"] = (stored["status"], LeadStatus.NEW)
            changes["nurture_grade"] = (stored["nurture_grade"], None)
    return changes


def _shown(changes: Changes, families: Families) -> str:
    """The changes as the preview says them: facts by their labels, the family by its name;
    the keys that follow from them are not news."""
    facts = {f: c for f, c in changes.items() if f not in ("name_key", "domain", "nurture_grade")}
    return families.shown(facts, {**LABELS, "status": "Status"})
