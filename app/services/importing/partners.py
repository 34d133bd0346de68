"""Import partners: matched by Partner ID when the row has one, else by name key + country.

SPEC.md, "Import and export". Empty cells in a column the file has clear that value (the file is
the truth for the columns it holds, which is what makes export → import a no-op); type and status
cannot be empty, so an empty cell there keeps the stored value (a new partner gets the default).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.db.models import Partner, Tier
from app.domain.enums import PartnerStatus, PartnerType
from app.domain.importing import values as v
from app.domain.importing.report import ImportSummary, Problem
from app.domain.importing.sheet import MappedSheet, SheetRow
from app.domain.names import name_key
from app.services.importing.audit import AuditBatch
from app.services.importing.common import (
    ImportOptions,
    Parser,
    bulk_write,
    finish_checks,
    parse_row,
    remembered,
    rows_with_progress,
)

TABLE: Table = Partner.__table__  # type: ignore[assignment]
#: Fields written as they are parsed (tier becomes ``tier_id``).
PLAIN_FIELDS = (
    "partner_code", "name", "legal_name", "type", "status", "country", "city", "website",
    "email", "phone", "account_manager", "partner_since", "notes",
)  # fmt: skip
#: Columns an empty cell does not clear: they cannot be empty, or an ID is never dropped.
_KEEP_IF_EMPTY = ("type", "status", "partner_code")
_LENGTHS = {
    "partner_code": 40, "name": 200, "legal_name": 250, "city": 120, "website": 250,
    "email": 250, "phone": 60, "account_manager": 120,
}  # fmt: skip


def _enum_choices(enum: type[PartnerType] | type[PartnerStatus]) -> dict[str, str]:
    known: dict[str, str] = {}
    for member in enum:
        known[v.choice_key(member.value)] = member.value
        known[v.choice_key(member.label)] = member.value
        known[v.choice_key(member.value.replace("_", " "))] = member.value
    return known


def _limited(parser: Parser, limit: int) -> Parser:
    def parse(raw: object) -> object:
        value = parser(raw)
        if isinstance(value, str) and len(value) > limit:
            raise v.BadValue(f"is longer than {limit} characters")
        return value

    return parse


def _parsers(tiers: dict[str, str], day_first: bool) -> dict[str, Parser]:
    types = _enum_choices(PartnerType)
    statuses = _enum_choices(PartnerStatus)
    labels_type = {k: PartnerType(val).label for k, val in types.items()}
    labels_status = {k: PartnerStatus(val).label for k, val in statuses.items()}

    def enum_parser(known: dict[str, str], labels: dict[str, str], what: str, cls: Any) -> Parser:
        def parse(raw: object) -> object:
            found = v.choice(raw, labels, what)
            return None if found is None else cls(known[v.choice_key(found)])

        return parse

    parsers: dict[str, Parser] = {
        "partner_code": v.text,
        "name": v.text,
        "legal_name": v.text,
        "type": enum_parser(types, labels_type, "partner type", PartnerType),
        "tier": partial(v.choice, known=tiers, what="tier"),
        "status": enum_parser(statuses, labels_status, "partner status", PartnerStatus),
        "country": v.country,
        "city": v.text,
        "website": v.website,
        "email": v.email,
        "phone": v.text,
        "account_manager": v.text,
        "partner_since": partial(v.parse_date, day_first=day_first),
        "notes": v.text,
    }
    for field, limit in _LENGTHS.items():
        parsers[field] = _limited(parsers[field], limit)
    for field in ("type", "tier", "status", "country", "partner_since"):
        parsers[field] = remembered(parsers[field])
    return parsers


def import_partners(
    session: Session, sheet: MappedSheet, options: ImportOptions, source: str = ""
) -> ImportSummary:
    """Validate every row of ``sheet``, then create or update partners (unless a dry run)."""
    summary = ImportSummary("partners", source or sheet.name, dry_run=options.dry_run)
    tier_ids = {name: tier_id for tier_id, name in session.execute(select(Tier.id, Tier.name))}
    tiers = {v.choice_key(name): name for name in tier_ids}
    parsers = _parsers(tiers, options.day_first)
    problems = summary.problems

    # 1. Parse and check every row; fold identical duplicates, report conflicting ones.
    seen: dict[tuple[str, ...], tuple[int, dict[str, object]]] = {}
    wanted: list[tuple[int, dict[str, object]]] = []
    for row in rows_with_progress(sheet, options):
        values = parse_row(row, parsers, sheet, problems)
        if values is None:
            continue
        if values.get("name") is None:
            problems.append(Problem(row.number, sheet.header("name"), "", "is required"))
            continue
        key = _file_key(values)
        earlier = seen.get(key)
        if earlier is not None:
            if earlier[1] == values:
                summary.merged += 1
            else:
                problems.append(_duplicate(row, sheet, earlier[0]))
            continue
        seen[key] = (row.number, values)
        wanted.append((row.number, values))

    # 2. Match against what is stored (one query) and sort into new / updated / unchanged.
    stored = _Stored(session)
    inserts: list[dict[str, object]] = []
    updates: list[tuple[dict[str, Any], dict[str, tuple[object, object]]]] = []
    claimed: dict[int, int] = {}
    for number, values in wanted:
        tier = values.pop("tier", None)
        values["tier_id"] = tier_ids[str(tier)] if tier else None
        if "tier" not in sheet.headers:
            values.pop("tier_id")
        match = stored.match(values)
        if isinstance(match, str):
            problems.append(Problem(number, sheet.header("name"), str(values["name"]), match))
            continue
        if match is None:
            summary.new += 1
            inserts.append(_new_row(values))
            continue
        if match["id"] in claimed:
            problems.append(_duplicate_stored(number, sheet, claimed[match["id"]]))
            continue
        claimed[match["id"]] = number
        changes = _changes(match, values)
        if changes:
            summary.updated += 1
            updates.append((match, changes))
        else:
            summary.unchanged += 1

    if not finish_checks(summary, options):
        return summary
    audit = AuditBatch(session)
    bulk_write(session, TABLE, audit, inserts, [(m["id"], c) for m, c in updates])
    audit.write()
    summary.written = True
    return summary


def _file_key(values: dict[str, object]) -> tuple[str, ...]:
    code = values.get("partner_code")
    if code:
        return ("code", str(code).casefold())
    return ("name", name_key(str(values["name"])), str(values.get("country") or ""))


def _duplicate(row: SheetRow, sheet: MappedSheet, first: int) -> Problem:
    name = v.text(row.values.get("name")) or ""
    return Problem(
        row.number, sheet.header("name"), name,
        f"is the same partner as row {first} with different values: keep one row",
    )  # fmt: skip


def _duplicate_stored(number: int, sheet: MappedSheet, first: int) -> Problem:
    return Problem(
        number, sheet.header("name"), "",
        f"matches the same stored partner as row {first}: keep one row",
    )  # fmt: skip


class _Stored:
    """Every stored partner, indexed by Partner ID and by (name key, country)."""

    COLUMNS = ("id", "name_key", "tier_id", *PLAIN_FIELDS)

    def __init__(self, session: Session) -> None:
        columns = [TABLE.c[name] for name in self.COLUMNS]
        self.by_code: dict[str, dict[str, Any]] = {}
        self.by_name: dict[tuple[str, str], list[dict[str, Any]]] = {}
        names = self.COLUMNS
        for row in session.connection().execute(select(*columns)).all():
            record = dict(zip(names, row, strict=True))
            if record["partner_code"]:
                self.by_code[record["partner_code"].casefold()] = record
            self.by_name.setdefault((record["name_key"], record["country"] or ""), []).append(
                record
            )

    def match(self, values: dict[str, object]) -> dict[str, Any] | str | None:
        """The stored partner ``values`` describes, ``None`` if new, or why it is ambiguous."""
        code = values.get("partner_code")
        if code:
            found = self.by_code.get(str(code).casefold())
            if found is not None:
                return found
        candidates = self.by_name.get(
            (name_key(str(values["name"])), str(values.get("country") or "")), []
        )
        if code:
            candidates = [c for c in candidates if not c["partner_code"]]
        if len(candidates) > 1:
            return (
                f"matches {len(candidates)} stored partners with this name and country: "
                "add a Partner ID column to say which"
            )
        return candidates[0] if candidates else None


def _new_row(values: dict[str, object]) -> dict[str, object]:
    row: dict[str, object] = {name: values.get(name) for name in PLAIN_FIELDS}
    row["type"] = row["type"] or PartnerType.RESELLER
    row["status"] = row["status"] or PartnerStatus.PROSPECT
    row["tier_id"] = values.get("tier_id")
    row["name_key"] = name_key(str(values["name"]))
    return row


def _changes(stored: dict[str, Any], values: dict[str, object]) -> dict[str, tuple[object, object]]:
    changes: dict[str, tuple[object, object]] = {}
    for field, new in values.items():
        if new is None and field in _KEEP_IF_EMPTY:
            continue
        old = stored[field]
        if old != new:
            changes[field] = (old, new)
    if "name" in changes:
        new_key = name_key(str(values["name"]))
        if new_key != stored["name_key"]:
            changes["name_key"] = (stored["name_key"], new_key)
    return changes
