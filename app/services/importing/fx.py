"""Import exchange rates (SPEC.md, "Import and export": Currency*, Rate*, Effective from*).

A rate is units of the reporting currency for one unit of its currency, so every row is stored
as a rate into the reporting currency of the moment. A row matches the stored rate of the same
currency and date (into the reporting currency): the same rate changes nothing, another rate
replaces it. The reporting currency itself converts at 1 and takes no rate.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.db.models import FxRate
from app.domain.importing.report import ImportSummary, change_text
from app.domain.importing.sheet import MappedSheet
from app.domain.program.forms import RATE_LABELS, check_rate
from app.services.business_settings import load_business_settings
from app.services.importing.common import Changes, ImportOptions, new_summary
from app.services.importing.program_rows import checked_rows, problem
from app.services.importing.writing import write_checked

TABLE: Table = FxRate.__table__  # type: ignore[assignment]


def import_fx(
    session: Session, sheet: MappedSheet, options: ImportOptions, source: str = ""
) -> ImportSummary:
    """Check every row, then add new rates and change stored ones (unless a dry run)."""
    summary = new_summary("exchange rates", source or sheet.name, options)
    reporting = load_business_settings(session).reporting_currency
    stored: dict[tuple[str, date], tuple[int, Decimal]] = {
        (currency, day): (rate_id, rate)
        for rate_id, currency, day, rate in session.execute(
            select(FxRate.id, FxRate.currency, FxRate.effective_from, FxRate.rate).where(
                FxRate.into_currency == reporting
            )
        )
    }
    seen: dict[tuple[str, date], tuple[int, Decimal]] = {}
    inserts: list[dict[str, object]] = []
    new_rows: list[int] = []
    updates: list[tuple[int, Changes]] = []
    check = partial(check_rate, reporting=reporting, day_first=options.day_first)
    for number, cells, values in checked_rows(sheet, RATE_LABELS, check, summary, options):
        currency, rate, day = values["currency"], values["rate"], values["effective_from"]
        assert isinstance(currency, str) and isinstance(rate, Decimal) and isinstance(day, date)
        key = (currency, day)
        if key in seen:
            if seen[key][1] != rate:
                problem(summary, sheet, number, "rate", cells,
                        f"differs from row {seen[key][0]} for {currency} on {day.isoformat()}: "
                        "keep one row")  # fmt: skip
            else:
                summary.merged += 1
            continue
        seen[key] = (number, rate)
        label = f"{currency} → {reporting} from {day.isoformat()}"
        match = stored.get(key)
        if match is None:
            summary.new += 1
            summary.planned(number, "New", f"{label}: {rate.normalize():f}")
            inserts.append({"currency": currency, "into_currency": reporting, "rate": rate,
                            "effective_from": day})  # fmt: skip
            new_rows.append(number)
        elif match[1] != rate:
            summary.updated += 1
            changes: Changes = {"rate": (match[1], rate)}
            updates.append((match[0], changes))
            summary.planned(number, "Update", label, change_text(changes, RATE_LABELS))
        else:
            summary.unchanged += 1
    return write_checked(session, summary, options, TABLE, inserts, updates, new_rows)
