"""Import accounts (end customers) with the direct team's named-account list (SPEC.md, "Import
and export": Name*, Website, Country, City, Named account, Direct rep).

A row is the stored account that is certainly the same company (the overlap rules' certain
identity, ``app.domain.overlap_match.same_company``): the account of that very name and
country first (two stored accounts may share a domain, and an exported row must come back to
its own), else one of the same company domain, else one of the same normalised name in the
same country or where either has no country. Nothing matching: a new account. An empty Named
account or Direct rep cell leaves the stored value; a Direct rep must be one of the reps on
file, named or by e-mail.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.db.models import Account, DirectRep
from app.domain.account_form import account_parsers
from app.domain.direct_rep_form import rep_key
from app.domain.importing import values as v
from app.domain.importing.report import ImportSummary, Problem, change_text
from app.domain.importing.sheet import MappedSheet
from app.domain.names import domain_key, name_key
from app.domain.overlap_match import AccountKey, Confidence, same_company
from app.services.importing.common import (
    Changes,
    ImportOptions,
    Parser,
    compare,
    new_summary,
    parsed_rows,
    required,
)
from app.services.importing.writing import write_checked

#: Where a person adds a rep the file names (SPEC lists reps as chosen, never created by an
#: import: a typo would otherwise make a new rep).
HOW_TO_ADD = (
    "add the rep first (Accounts & Claims › Direct reps…, or Rules of engagement › Direct reps…)"
)
TABLE: Table = Account.__table__  # type: ignore[assignment]
LABELS = {"owner_rep_id": "Direct rep", "named_account": "Named account"}
_COLUMNS = ("id", "name", "name_key", "website", "domain", "country", "city", "named_account",
            "owner_rep_id")  # fmt: skip


class DirectReps:
    """The direct reps on file, by name and by e-mail."""

    def __init__(self, session: Session) -> None:
        self.by_key: dict[str, int] = {}
        self.names: dict[int, str] = {}
        for rep_id, name, email in session.execute(
            select(DirectRep.id, DirectRep.name, DirectRep.email).order_by(DirectRep.name)
        ):
            self.names[rep_id] = name
            self.by_key.setdefault(rep_key(name), rep_id)
            if email:
                self.by_key.setdefault(rep_key(email), rep_id)

    def resolve(self, value: object) -> int | None:
        text = v.text(value)
        if text is None:
            return None
        found = self.by_key.get(rep_key(text))
        if found is not None:
            return found
        if not self.names:
            raise v.BadValue(
                f"is not a direct rep: none is on file yet; {HOW_TO_ADD}, or leave the cell empty"
            )
        known = ", ".join(sorted(self.names.values(), key=str.casefold)[:10])
        more = "…" if len(self.names) > 10 else ""
        raise v.BadValue(f"is not a direct rep on file (known: {known}{more}); {HOW_TO_ADD}")


class StoredAccounts:
    """Every account not merged away, found by the overlap rules' certain identity."""

    def __init__(self, session: Session) -> None:
        self.by_id: dict[int, dict[str, Any]] = {}
        self.by_exact: dict[tuple[str, str], int] = {}
        self.by_domain: dict[str, list[int]] = {}
        self.by_name: dict[str, list[int]] = {}
        query = select(*[TABLE.c[c] for c in _COLUMNS]).where(TABLE.c.merged_into_id.is_(None))
        for row in session.execute(query.order_by(TABLE.c.id)):
            record = row._asdict()
            account_id = record["id"]
            self.by_id[account_id] = record
            exact = (" ".join(record["name"].split()).casefold(), record["country"] or "")
            self.by_exact.setdefault(exact, account_id)
            if record["domain"]:
                self.by_domain.setdefault(record["domain"], []).append(account_id)
            self.by_name.setdefault(record["name_key"], []).append(account_id)

    def find(self, name: str, website: str | None, country: str | None) -> dict[str, Any] | None:
        """The stored account that row describes, or None for a new one."""
        exact = self.by_exact.get((" ".join(name.split()).casefold(), country or ""))
        if exact is not None:
            return self.by_id[exact]
        me = AccountKey(-1, name, name_key(name), domain_key(website), country)
        for ids in (self.by_domain.get(me.domain or "", []), self.by_name.get(me.name_key, [])):
            for account_id in ids:
                stored = self.by_id[account_id]
                key = AccountKey(account_id, stored["name"], stored["name_key"],
                                 stored["domain"], stored["country"])  # fmt: skip
                match = same_company(me, key, 101)  # above any score: certain matches only
                if match is not None and match.confidence is Confidence.CERTAIN:
                    return stored
        return None


def import_accounts(
    session: Session, sheet: MappedSheet, options: ImportOptions, source: str = ""
) -> ImportSummary:
    """Validate every row, then create or update accounts (unless a dry run)."""
    summary = new_summary("accounts", source or sheet.name, options)
    reps = DirectReps(session)
    parsers: dict[str, Parser] = {
        **account_parsers(),
        "named_account": v.boolean,
        "owner_rep_id": reps.resolve,
    }
    stored = StoredAccounts(session)
    seen: dict[object, tuple[int, dict[str, object]]] = {}
    inserts: list[dict[str, object]] = []
    new_rows: list[int] = []
    updates: list[tuple[int, Changes]] = []
    for number, values in parsed_rows(sheet, parsers, options, summary.problems):
        if not required(number, values, ("name",), sheet, summary.problems):
            continue
        name = str(values["name"])
        website = values.get("website")
        country = values.get("country")
        match = stored.find(
            name, website if isinstance(website, str) else None,
            country if isinstance(country, str) else None,
        )  # fmt: skip
        identity: object = match["id"] if match is not None else (
            name_key(name), domain_key(website if isinstance(website, str) else None),
            country or "",
        )  # fmt: skip
        if identity in seen:
            if seen[identity][1] == values:
                summary.merged += 1
            else:
                summary.problems.append(
                    Problem(number, sheet.header("name"), name,
                            f"is the same company as row {seen[identity][0]} with other values")
                )  # fmt: skip
            continue
        seen[identity] = (number, values)
        if match is None:
            summary.new += 1
            summary.planned(number, "New", _label(values))
            inserts.append({
                "name": name, "name_key": name_key(name), "website": website,
                "domain": domain_key(website if isinstance(website, str) else None),
                "country": country, "city": values.get("city"),
                "named_account": bool(values.get("named_account")),
                "owner_rep_id": values.get("owner_rep_id"),
            })  # fmt: skip
            new_rows.append(number)
            continue
        wanted = dict(values)
        if "website" in wanted:
            wanted["domain"] = domain_key(website if isinstance(website, str) else None)
        changes = compare(
            match, wanted, keep_if_empty=("named_account", "owner_rep_id", "website", "country",
                                          "city", "domain"),
        )  # fmt: skip
        if "name" in changes:
            changes["name_key"] = (match["name_key"], name_key(name))
        if changes:
            summary.updated += 1
            updates.append((match["id"], changes))
            shown = {k: _shown(k, c, reps) for k, c in changes.items() if k not in _HIDDEN}
            summary.planned(number, "Update", _label(match), change_text(shown, LABELS))
        else:
            summary.unchanged += 1
    return write_checked(session, summary, options, TABLE, inserts, updates, new_rows)


#: Keys kept in step with what is typed, never shown as a change of their own.
_HIDDEN = frozenset({"name_key", "domain"})


def _shown(key: str, change: tuple[object, object], reps: DirectReps) -> tuple[object, object]:
    if key == "owner_rep_id":
        old, new = change
        return (reps.names.get(old) if isinstance(old, int) else None,
                reps.names.get(new) if isinstance(new, int) else None)  # fmt: skip
    return change


def _label(values: dict[str, Any]) -> str:
    country = values.get("country")
    return f"{values['name']} · {country}" if country else str(values["name"])
