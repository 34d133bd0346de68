"""Import program rules (SPEC.md, "Import and export"): sheet *SPIF* (Name*, Product family*,
From*, To*, Amount per unit*, Currency*) and sheet *Rebate* (Name*, Threshold*, Percent*;
thresholds in the reporting currency).

A SPIF rule is matched by its name in any case; a rebate step by its rule's name in any case and
its threshold. A matched record takes the row's values; a rule or step the file leaves out stays
as it is (the Program page deletes). Both sheets are checked before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from functools import partial
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.db.models import RebateThreshold, SpifRule
from app.domain.importing.report import ImportRefused, ImportSummary, change_text
from app.domain.importing.sheet import MappedSheet
from app.domain.program.forms import REBATE_LABELS, SPIF_LABELS, check_rebate, check_spif
from app.services.business_settings import load_business_settings
from app.services.importing.audit import AuditBatch
from app.services.importing.common import Changes, ImportOptions, new_summary
from app.services.importing.families import Families
from app.services.importing.program_rows import checked_rows, problem
from app.services.importing.writing import bulk_write

SPIF_TABLE: Table = SpifRule.__table__  # type: ignore[assignment]
REBATE_TABLE: Table = RebateThreshold.__table__  # type: ignore[assignment]
SPIF_STORED = ("name", "family_id", "valid_from", "valid_to", "amount_per_unit", "currency")

Plan = tuple[list[dict[str, object]], list[tuple[int, Changes]], list[int]]


def import_programs(
    session: Session,
    sheets: Mapping[str, MappedSheet],
    options: ImportOptions,
    source: str = "",
) -> ImportSummary:
    """Check the SPIF and Rebate sheets given, then write both (unless a dry run)."""
    summary = new_summary("program rules", source or "workbook", options)
    spif = (
        _spif(session, _named(sheets["SPIF"], "SPIF"), summary, options)
        if "SPIF" in sheets
        else None
    )
    rebate = (
        _rebate(session, _named(sheets["Rebate"], "Rebate"), summary, options)
        if "Rebate" in sheets else None
    )  # fmt: skip
    order = {"SPIF": 0, "Rebate": 1}
    summary.problems.sort(key=lambda p: (order.get(p.column.split(":")[0], 9), p.row))
    if summary.problems and not options.skip_invalid and not options.dry_run:
        raise ImportRefused(summary.problems, summary)
    if options.dry_run:
        return summary
    audit = AuditBatch(session, summary.source)
    for table, plan in ((SPIF_TABLE, spif), (REBATE_TABLE, rebate)):
        if plan is not None:
            bulk_write(session, table, audit, *plan)
    audit.write()
    summary.written = True
    return summary


def _named(sheet: MappedSheet, name: str) -> MappedSheet:
    """The sheet with its headers prefixed by the sheet's name, so the report says where."""
    return replace(sheet, headers={f: f"{name}: {t}" for f, t in sheet.headers.items()})


def _spif(
    session: Session, sheet: MappedSheet, summary: ImportSummary, options: ImportOptions
) -> Plan:
    families = Families(session)
    stored: dict[str, dict[str, Any]] = {}
    for row in session.execute(select(SPIF_TABLE.c.id, *(SPIF_TABLE.c[k] for k in SPIF_STORED))):
        record = row._asdict()
        stored[str(record["name"]).casefold()] = record
    seen: dict[str, tuple[int, dict[str, object]]] = {}
    plan: Plan = ([], [], [])
    check = partial(check_spif, day_first=options.day_first)
    for number, cells, values in checked_rows(sheet, SPIF_LABELS, check, summary, options):
        family_id = families.find(str(values["family"]))
        if family_id is None:
            problem(summary, sheet, number, "family", cells, families.unknown())
            continue
        record = {k: values[k] for k in SPIF_STORED if k != "family_id"} | {"family_id": family_id}
        key = str(record["name"]).casefold()
        if key in seen:
            if seen[key][1] != record:
                problem(summary, sheet, number, "name", cells,
                        f"is the same rule as row {seen[key][0]} with different values: "
                        "keep one row")  # fmt: skip
            else:
                summary.merged += 1
            continue
        seen[key] = (number, record)
        match = stored.get(key)
        if match is None:
            summary.new += 1
            summary.planned(number, "New", f"SPIF {record['name']}")
            plan[0].append(record)
            plan[2].append(number)
            continue
        changes = {k: (match[k], record[k]) for k in SPIF_STORED if match[k] != record[k]}
        if changes:
            summary.updated += 1
            plan[1].append((match["id"], changes))
            summary.planned(number, "Update", f"SPIF {match['name']}",
                            families.shown(changes, SPIF_LABELS))  # fmt: skip
        else:
            summary.unchanged += 1
    return plan


def _rebate(
    session: Session, sheet: MappedSheet, summary: ImportSummary, options: ImportOptions
) -> Plan:
    reporting = load_business_settings(session).reporting_currency
    stored: dict[tuple[str, Decimal], tuple[int, str, Decimal]] = {
        (rule.casefold(), threshold): (step_id, rule, percent)
        for step_id, rule, threshold, percent in session.execute(
            select(RebateThreshold.id, RebateThreshold.rule, RebateThreshold.threshold,
                   RebateThreshold.percent)
        )
    }  # fmt: skip
    seen: dict[tuple[str, Decimal], tuple[int, Decimal]] = {}
    plan: Plan = ([], [], [])
    check = partial(check_rebate, reporting=reporting)
    for number, cells, values in checked_rows(sheet, REBATE_LABELS, check, summary, options):
        rule, threshold, percent = values["rule"], values["threshold"], values["percent"]
        assert isinstance(rule, str)
        assert isinstance(threshold, Decimal) and isinstance(percent, Decimal)
        key = (rule.casefold(), threshold)
        if key in seen:
            if seen[key][1] != percent:
                problem(summary, sheet, number, "percent", cells,
                        f"differs from row {seen[key][0]} for the same rule and threshold: "
                        "keep one row")  # fmt: skip
            else:
                summary.merged += 1
            continue
        seen[key] = (number, percent)
        label = f"Rebate {rule} from {threshold.normalize():f} {reporting}"
        match = stored.get(key)
        if match is None:
            summary.new += 1
            summary.planned(number, "New", f"{label}: {percent.normalize():f}%")
            plan[0].append({"rule": rule, "threshold": threshold, "percent": percent})
            plan[2].append(number)
        elif match[2] != percent:
            summary.updated += 1
            changes: Changes = {"percent": (match[2], percent)}
            plan[1].append((match[0], changes))
            summary.planned(number, "Update", label, change_text(changes, REBATE_LABELS))
        else:
            summary.unchanged += 1
    return plan
