"""Import training records: matched by (contact, course, completed on) (SPEC.md).

The contact is found within the row's partner by e-mail or by name; the course by its code. A
missing "Valid until" is the completion date plus the course's validity in months (a
certification that expires), or none for a course that never expires.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.db.models import Contact, Course, TrainingRecord
from app.domain.importing import values as v
from app.domain.importing.report import ImportSummary, Problem, change_text
from app.domain.importing.sheet import MappedSheet
from app.domain.training import completion_problem
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

TABLE: Table = TrainingRecord.__table__  # type: ignore[assignment]


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has at least 28 days


#: Known course codes an "unknown course" reason lists at most.
LISTED_CODES = 10


def unknown_course(known: list[str]) -> str:
    """Why a row's course code cannot be used: say how to make the course, and list the codes
    there are (never an empty list: a fresh database has none)."""
    reason = (
        "is not a known course code: import courses or add the course on the Training page first"
    )
    if not known:
        return reason
    codes = sorted(known, key=str.casefold)
    listed = ", ".join(codes[:LISTED_CODES])
    more = len(codes) - LISTED_CODES
    return f"{reason} (known codes: {listed}{f' and {more} more' if more > 0 else ''})"


def import_training(
    session: Session, sheet: MappedSheet, options: ImportOptions, source: str = ""
) -> ImportSummary:
    """Validate every row, then create or update training records (unless a dry run)."""
    summary = new_summary("training", source or sheet.name, options)
    today = date.today()  # training is logged once it has taken place, as in the log dialog
    partners = PartnerLookup(session)
    courses = {
        code.casefold(): (course_id, code, months)
        for course_id, code, months in session.execute(
            select(Course.id, Course.code, Course.valid_months)
        )
    }
    contacts: dict[tuple[int, str], list[int]] = {}
    for contact_id, partner_id, name, email in session.execute(
        select(Contact.id, Contact.partner_id, Contact.name, Contact.email)
    ):
        contacts.setdefault((partner_id, " ".join(name.split()).casefold()), []).append(contact_id)
        if email:
            contacts.setdefault((partner_id, email.strip().casefold()), []).append(contact_id)

    def course(raw: object) -> object:
        code = v.text(raw)
        if code is None:
            return None
        found = courses.get(code.casefold())
        if found is None:
            raise v.BadValue(unknown_course([c[1] for c in courses.values()]))
        return found

    day = partial(v.parse_date, day_first=options.day_first)
    parsers: dict[str, Parser] = {
        "contact": v.text, "partner": partners.resolve, "course": course,
        "completed_on": day, "passed": v.boolean, "valid_until": day,
    }  # fmt: skip
    stored = {
        (r.contact_id, r.course_id, r.completed_on): r._asdict()
        for r in session.execute(
            select(TABLE.c.id, TABLE.c.contact_id, TABLE.c.course_id, TABLE.c.completed_on,
                   TABLE.c.passed, TABLE.c.valid_until)
        )
    }  # fmt: skip
    seen: dict[tuple[Any, ...], tuple[int, dict[str, object]]] = {}
    inserts: list[dict[str, object]] = []
    new_rows: list[int] = []
    updates: list[tuple[int, Changes]] = []
    needed = ("contact", "partner", "course", "completed_on")
    for number, values in parsed_rows(sheet, parsers, options, summary.problems):
        if not required(number, values, needed, sheet, summary.problems):
            continue
        partner_id = int(str(values.pop("partner")))
        who = str(values.pop("contact"))
        ids = contacts.get((partner_id, " ".join(who.split()).casefold()), [])
        if len(set(ids)) != 1:
            reason = (
                "is not a contact of this partner: import the contacts first"
                if not ids
                else "names several contacts of this partner: use the e-mail address"
            )
            summary.problems.append(Problem(number, sheet.header("contact"), who, reason))
            continue
        course_id, code, months = cast(tuple[int, str, int | None], values.pop("course"))
        completed = values["completed_on"]
        assert isinstance(completed, date)
        if late := completion_problem(completed, today):  # the log dialog's rule
            header = sheet.header("completed_on")
            summary.problems.append(Problem(number, header, completed.isoformat(), late))
            continue
        if values.get("passed") is None:
            values["passed"] = True
        if values.get("valid_until") is None and months and values["passed"]:
            values["valid_until"] = add_months(
                completed, int(months)
            )  # a failed try certifies nothing
        until = values.get("valid_until")
        if isinstance(until, date) and until < completed:
            summary.problems.append(
                Problem(
                    number,
                    sheet.header("valid_until"),
                    until.isoformat(),
                    "is before the completion date",
                )
            )
            continue  # fmt: skip
        values.update(contact_id=ids[0], course_id=course_id)
        key = (ids[0], course_id, completed)
        if key in seen:
            if seen[key][1] == values:
                summary.merged += 1
            else:
                reason = f"repeats row {seen[key][0]} with different values"
                header = sheet.header("completed_on")
                summary.problems.append(Problem(number, header, completed.isoformat(), reason))
            continue
        seen[key] = (number, values)
        match = stored.get(key)
        what = f"{who}: {code}, {completed.isoformat()}"
        if match is None:
            summary.new += 1
            summary.planned(number, "New", what)
            inserts.append(dict(values) | {"valid_until": values.get("valid_until")})
            new_rows.append(number)
            continue
        changes = compare(match, values)
        if changes:
            summary.updated += 1
            updates.append((match["id"], changes))
            summary.planned(number, "Update", what, change_text(changes, {}))
        else:
            summary.unchanged += 1
    return write_checked(session, summary, options, TABLE, inserts, updates, new_rows)
