"""Import spend items (SPEC.md, "Import and export": Partner, Program*, Date*, Amount*,
Currency*, Description).

A spend item has no number of its own, so a row that repeats a stored item in every column is
that item: re-importing a file changes nothing. Two equal rows of one file are two items (two
equal payments), matched in turn against as many equal stored ones. An empty Partner is a
program-wide item; a partner is named by its Partner ID or name.
"""

from __future__ import annotations

from collections import Counter
from functools import partial

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.db.models import SpendItem
from app.domain.enums import SpendProgram
from app.domain.importing.report import ImportSummary
from app.domain.importing.sheet import MappedSheet
from app.domain.importing.values import BadValue
from app.domain.program.forms import SPEND_LABELS, check_spend
from app.services.importing.common import ImportOptions, PartnerLookup, new_summary
from app.services.importing.program_rows import checked_rows, problem
from app.services.importing.writing import write_checked

TABLE: Table = SpendItem.__table__  # type: ignore[assignment]
KEY = ("partner_id", "program", "spent_on", "amount", "currency", "description")


def import_spend(
    session: Session, sheet: MappedSheet, options: ImportOptions, source: str = ""
) -> ImportSummary:
    """Check every row, then add the items not stored yet (unless a dry run)."""
    summary = new_summary("spend items", source or sheet.name, options)
    partners = PartnerLookup(session)
    stored = Counter(tuple(row) for row in session.execute(select(*(TABLE.c[k] for k in KEY))))
    taken: Counter[tuple[object, ...]] = Counter()
    inserts: list[dict[str, object]] = []
    new_rows: list[int] = []
    check = partial(check_spend, day_first=options.day_first)
    for number, cells, values in checked_rows(sheet, SPEND_LABELS, check, summary, options):
        partner_id = None
        if values.get("partner") is not None:
            try:
                partner_id = partners.resolve(values["partner"])
            except BadValue as exc:
                problem(summary, sheet, number, "partner", cells, str(exc))
                continue
        record = {**{k: values.get(k) for k in KEY if k != "partner_id"}, "partner_id": partner_id}
        key = tuple(record[k] for k in KEY)
        taken[key] += 1
        if taken[key] <= stored[key]:
            summary.unchanged += 1
            continue
        summary.new += 1
        program = values["program"]
        assert isinstance(program, SpendProgram)
        what = f"{program.label} · {values['spent_on']} · {values['amount']} {values['currency']}"
        summary.planned(number, "New", what)
        inserts.append(record)
        new_rows.append(number)
    return write_checked(session, summary, options, TABLE, inserts, [], new_rows)
