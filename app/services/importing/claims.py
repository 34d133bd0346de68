"""Import claims (deal registrations): matched by (claimant, account, claimed on) (SPEC.md).

The claimant is a partner (ID or name) or ``Direct`` for our own team. The account is found by
its company domain when the row gives a website, else by name key and country, and is created
when nothing matches, so a registration list can bring new end customers with it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.db.models import Account, Claim
from app.domain.claim_form import claim_parsers, claim_problems
from app.domain.enums import ClaimStatus
from app.domain.importing import values as v
from app.domain.importing.report import ImportSummary, Problem, change_text, shown_value
from app.domain.importing.sheet import MappedSheet
from app.domain.names import domain_key, name_key
from app.services.business_settings import load_business_settings
from app.services.claims.engagement_check import ImportWarnings
from app.services.importing.audit import AuditBatch
from app.services.importing.common import (
    Changes,
    ImportOptions,
    Parser,
    PartnerLookup,
    compare,
    finish_checks,
    new_summary,
    parsed_rows,
    required,
)
from app.services.importing.writing import bulk_write

CLAIMS: Table = Claim.__table__  # type: ignore[assignment]
ACCOUNTS: Table = Account.__table__  # type: ignore[assignment]
DIRECT = ("direct", "direct team", "us", "our team")
_NEW = -1  # account id placeholder for an account this import creates


class Accounts:
    """Stored accounts by domain and by (name key, country); new ones collected for writing."""

    def __init__(self, session: Session) -> None:
        self.by_exact: dict[tuple[str, str], int] = {}
        self.by_domain: dict[str, int] = {}
        self.by_name: dict[tuple[str, str], int] = {}
        self.new: dict[tuple[str, str], dict[str, object]] = {}
        query = select(
            Account.id, Account.name, Account.name_key, Account.domain, Account.country
        ).where(Account.merged_into_id.is_(None))
        for account_id, name, key, domain, country in session.execute(query):
            self.by_exact.setdefault((" ".join(name.split()).casefold(), country or ""), account_id)
            if domain:
                self.by_domain.setdefault(domain, account_id)
            self.by_name.setdefault((key, country or ""), account_id)

    def find(self, name: str, website: str | None, country: str | None) -> tuple[Any, ...]:
        """``(account id or _NEW, identity)``: the identity names a new account uniquely.

        The account of that very name comes first: two stored accounts may share a domain or a
        name key (an overlap not yet merged), and a claim exported from one must come back to it.
        """
        exact = self.by_exact.get((" ".join(name.split()).casefold(), country or ""))
        if exact is not None:
            return (exact, None)
        domain = domain_key(website)
        if domain and domain in self.by_domain:
            return (self.by_domain[domain], None)
        key = (name_key(name), country or "")
        if key in self.by_name:
            return (self.by_name[key], None)
        self.new.setdefault(
            key,
            {"name": name, "name_key": key[0], "website": website, "domain": domain,
             "country": country, "named_account": False},
        )  # fmt: skip
        return (_NEW, key)


def import_claims(
    session: Session, sheet: MappedSheet, options: ImportOptions, source: str = ""
) -> ImportSummary:
    """Validate every row, then create or update claims (and new accounts) unless a dry run."""
    summary = new_summary("claims", source or sheet.name, options)
    settings = load_business_settings(session)
    partners = PartnerLookup(session)
    accounts = Accounts(session)

    def claimant(raw: object) -> object:
        text = v.required_text(raw)
        return 0 if v.choice_key(text) in DIRECT else partners.resolve(text)

    parsers: dict[str, Parser] = {"partner": claimant, **claim_parsers(options.day_first)}
    engagement = ImportWarnings(session)
    stored: dict[tuple[Any, ...], dict[str, Any]] = {}
    columns = ("id", "partner_id", "account_id", "claimed_on", "valid_until", "status",
               "deal_amount", "currency", "commission_pct")  # fmt: skip
    for stored_row in session.execute(select(*[CLAIMS.c[c] for c in columns])):
        record = stored_row._asdict()
        stored[(record["partner_id"], record["account_id"], record["claimed_on"])] = record
    seen: dict[tuple[Any, ...], int] = {}
    pending: list[tuple[Any, dict[str, object], int]] = []
    described: dict[int, str] = {}  # row → the claim as the preview names it
    needed = ("partner", "account", "claimed_on")
    for number, values in parsed_rows(sheet, parsers, options, summary.problems):
        if not required(number, values, needed, sheet, summary.problems):
            continue
        claimed = values["claimed_on"]
        assert isinstance(claimed, date)
        if values.get("valid_until") is None:
            values["valid_until"] = claimed + timedelta(days=settings.registration_protection_days)
        problems = claim_problems(values)  # the claim dialog's rules
        if problems:
            for field, reason in problems.items():
                shown = shown_value(values.get(field))
                summary.problems.append(Problem(number, sheet.header(field), shown, reason))
            continue
        partner_id = values.pop("partner") or None
        name, website = str(values.pop("account")), values.pop("website", None)
        country = values.pop("country", None)
        account = accounts.find(name, website if isinstance(website, str) else None,
                                country if isinstance(country, str) else None)  # fmt: skip
        values["partner_id"] = partner_id
        warned = engagement.warnings(
            partner_id if isinstance(partner_id, int) else None, name,
            website if isinstance(website, str) else None,
            country if isinstance(country, str) else None, claimed,
        )  # fmt: skip
        key = (partner_id, account, claimed)
        if key in seen:
            summary.problems.append(
                Problem(
                    number,
                    sheet.header("account"),
                    name,
                    f"is claimed twice on one day (also row {seen[key]})",
                )
            )
            continue  # fmt: skip
        seen[key] = number
        pending.append((account, values, number))
        for warning in warned:  # imported with the status given, but said
            summary.warnings.append(Problem(number, sheet.header("account"), name, warning))
        if summary.preview:
            described[number] = (
                f"{name}, claimed {claimed.isoformat()}"
                + ("" if partner_id else " by the direct team")
                + "".join(f" ⚠ {warning}" for warning in warned)
            )
    inserts: list[tuple[Any, dict[str, object], int]] = []
    updates: list[tuple[int, Changes]] = []
    for account, values, number in pending:
        match = stored.get((values["partner_id"], account[0], values["claimed_on"]))
        if match is None:
            summary.new += 1
            inserts.append((account, values, number))
            summary.planned(number, "New", described.get(number, ""))
            continue
        changes = compare(match, values, keep_if_empty=("status", "commission_pct"))
        if changes:
            summary.updated += 1
            updates.append((match["id"], changes))
            shown = change_text(changes, {"commission_pct": "Commission %"})
            summary.planned(number, "Update", described.get(number, ""), shown)
        else:
            summary.unchanged += 1
    summary.details["new accounts"] = len(accounts.new)
    if not finish_checks(summary, options):
        return summary
    audit = AuditBatch(session, summary.source)
    keys = list(accounts.new)
    new_ids = bulk_write(session, ACCOUNTS, audit, [accounts.new[k] for k in keys], [])
    created = dict(zip(keys, new_ids, strict=True))
    rows = []
    for (account_id, identity), values, _ in inserts:
        rows.append({
            "account_id": created[identity] if account_id == _NEW else account_id,
            "partner_id": values["partner_id"], "claimed_on": values["claimed_on"],
            "valid_until": values["valid_until"],
            "status": values.get("status") or ClaimStatus.PENDING,
            "deal_amount": values.get("deal_amount"), "currency": values.get("currency"),
            "commission_pct": values.get("commission_pct") or 0,
        })  # fmt: skip
    bulk_write(session, CLAIMS, audit, rows, updates, [number for *_, number in inserts])
    audit.write()
    summary.written = True
    return summary
