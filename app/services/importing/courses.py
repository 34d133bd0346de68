"""Import courses: matched by course code without regard to case (SPEC.md, "Import and export").

Every row is checked by the one rule of a course, ``app.domain.course_form.check_course``, which
the course dialog and the course service use too, so a file cannot store a course the dialog
would refuse. The file is the truth for the columns it has: a column it leaves out keeps a
stored course's value (a new course gets the dialog's default), and the row is checked as the
course would then be, so a file of codes and costs alone does not stop a course certifying.
Re-importing the same file, or an exported one, changes nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.db.models import Course
from app.domain.course_form import COURSE_FIELDS, LABELS, check_course
from app.domain.importing import values as v
from app.domain.importing.report import ImportSummary, Problem, shown_value
from app.domain.importing.sheet import MappedSheet
from app.services.importing.common import (
    Changes,
    ImportOptions,
    Parser,
    new_summary,
    parsed_rows,
)
from app.services.importing.families import Families
from app.services.importing.writing import write_checked

TABLE: Table = Course.__table__  # type: ignore[assignment]
#: The stored columns of a course that a row sets.
STORED = ("code", "title", "family_id", "certifies", "valid_months", "cost_per_seat", "currency")


def import_courses(
    session: Session, sheet: MappedSheet, options: ImportOptions, source: str = ""
) -> ImportSummary:
    """Check every row, then create or update courses (unless a dry run)."""
    summary = new_summary("courses", source or sheet.name, options)
    families = Families(session)
    stored: dict[str, dict[str, Any]] = {}
    for row in session.execute(select(*(TABLE.c[name] for name in ("id", *STORED)))):
        record = row._asdict()
        stored[str(record["code"]).casefold()] = record
    present = [field for field in COURSE_FIELDS if field in sheet.headers]
    as_is: dict[str, Parser] = {field: _as_is for field in present}  # the course rule reads them
    seen: dict[str, tuple[int, dict[str, object]]] = {}
    inserts: list[dict[str, object]] = []
    new_rows: list[int] = []
    updates: list[tuple[int, Changes]] = []
    for number, cells in parsed_rows(sheet, as_is, options, summary.problems):
        code = _code(cells.get("code"))
        match = stored.get(code.casefold()) if code else None
        raw = {**(families.raw(match) if match else {}), **cells}
        values, errors = check_course(raw)
        family_id = None
        if "family" not in errors and values.get("family") is not None:
            family_id = families.find(str(values["family"]))
            if family_id is None:
                errors["family"] = families.unknown()
        if errors:
            for field, message in errors.items():
                summary.problems.append(
                    Problem(number, sheet.header(field), shown_value(raw.get(field)),
                            _reason(field, message))
                )  # fmt: skip
            continue
        record = {name: values[name] for name in STORED if name != "family_id"}
        record["family_id"] = family_id
        key = str(record["code"]).casefold()
        if key in seen:
            if seen[key][1] == record:
                summary.merged += 1
            else:
                summary.problems.append(
                    Problem(number, sheet.header("code"), str(record["code"]),
                            f"is the same course as row {seen[key][0]} with different values: "
                            "keep one row")
                )  # fmt: skip
            continue
        seen[key] = (number, record)
        if match is None:
            summary.new += 1
            summary.planned(number, "New", f"{record['code']} · {record['title']}")
            inserts.append(record)
            new_rows.append(number)
            continue
        changes = {
            name: (match[name], record[name]) for name in STORED if match[name] != record[name]
        }
        if changes:
            summary.updated += 1
            updates.append((match["id"], changes))
            summary.planned(number, "Update", str(match["code"]), families.shown(changes))
        else:
            summary.unchanged += 1
    return write_checked(session, summary, options, TABLE, inserts, updates, new_rows)


def _as_is(cell: object) -> object:
    return cell


def _code(cell: object) -> str:
    """The code a row names, read as the course rule reads it ("" when it has none)."""
    try:
        return v.text(cell) or ""
    except v.BadValue:
        return ""


def _reason(field: str, message: str) -> str:
    """The course rule's message as a report's reason: the column is named beside it."""
    label = LABELS[field]
    return message[len(label) + 1 :] if message.startswith(label + " ") else message
