"""Import joint deals (SPEC.md, "Import and export", deals).

A row names the deal (Deal ID, name, account), its registering party (a partner by Partner ID or
name, or ``Direct``), the other partners on it, its stage, amount, dates and the registering
partner's commission. Each cell is read by the deal dialog's parsers and the rows are held to the
deal dialog's rules (``app.domain.deal_form``), so a deal refused by one is refused by the other.

A re-import finds a deal by its Deal ID (any case), or, for a row without one (or with one no deal
holds yet), by its name and account among the deals that have no Deal ID. The account is found by
the same certain identity as the claims import (``Accounts``), and created when nothing matches.
A deals row creates no claim: overlaps and the registration discount look at claims only.

Parties: the registering partner is added (or its commission updated); every other partner named
is added as an influencer unless it is on the deal already, in whatever role it has. An import
never takes a party off a deal, nor changes who registered it: that is a decision for the deal
dialog, and the row saying otherwise is refused with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.db.models import Deal, DealParty
from app.domain.account_form import account_parsers
from app.domain.deal_form import deal_parsers, deal_problems
from app.domain.enums import Paper, PartyRole
from app.domain.importing import values as v
from app.domain.importing.report import ImportSummary, Problem, change_text, shown_value
from app.domain.importing.sheet import MappedSheet
from app.domain.money import format_amount, format_percent
from app.services.importing.audit import AuditBatch
from app.services.importing.claims import _NEW, ACCOUNTS, DIRECT, Accounts
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

DEALS: Table = Deal.__table__  # type: ignore[assignment]
PARTIES: Table = DealParty.__table__  # type: ignore[assignment]
#: The deal's own columns an import compares and writes.
_OWN = ("deal_code", "name", "account_id", "stage", "amount", "currency", "expected_close",
        "closed_on")  # fmt: skip
_LABELS = {"deal_code": "Deal ID", "account_id": "Account", "expected_close": "Expected close",
           "closed_on": "Closed on", "commission_pct": "Commission %",
           "other_partners": "Other partners"}  # fmt: skip


@dataclass
class _Stored:
    """A stored deal and its partner parties (partner id → (party id, role, commission))."""

    record: dict[str, Any]
    parties: dict[int, tuple[int, PartyRole, Decimal]] = field(default_factory=dict)

    @property
    def registering(self) -> int | None:
        """The registering partner (the first added, if several), or None (the direct team)."""
        found = [
            (party_id, partner_id)
            for partner_id, (party_id, role, _) in self.parties.items()
            if role is PartyRole.REGISTERING_PARTNER
        ]
        return min(found)[1] if found else None


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _stored_deals(session: Session) -> tuple[dict[int, _Stored], dict[str, int], dict[Any, int]]:
    """Every deal by id, the ids by Deal ID (folded) and, for deals without one, by (name,
    account id)."""
    deals: dict[int, _Stored] = {}
    by_code: dict[str, int] = {}
    by_name: dict[Any, int] = {}
    for row in session.execute(select(DEALS.c.id, *[DEALS.c[c] for c in _OWN])):
        record = row._asdict()
        deals[record["id"]] = _Stored(record)
        if record["deal_code"]:
            by_code[record["deal_code"].casefold()] = record["id"]
        else:
            by_name.setdefault((_fold(record["name"]), record["account_id"]), record["id"])
    query = select(PARTIES.c.id, PARTIES.c.deal_id, PARTIES.c.partner_id, PARTIES.c.role,
                   PARTIES.c.commission_pct).where(PARTIES.c.partner_id.is_not(None))  # fmt: skip
    for party_id, deal_id, partner_id, role, pct in session.execute(query.order_by(PARTIES.c.id)):
        deals[deal_id].parties.setdefault(partner_id, (party_id, PartyRole(role), pct))
    return deals, by_code, by_name


def import_deals(
    session: Session,
    sheet: MappedSheet,
    options: ImportOptions,
    source: str = "",
    today: date | None = None,
) -> ImportSummary:
    """Validate every row, then create or update deals, their partner parties and new accounts,
    unless a dry run. ``today`` (default: the computer's date) is the latest closing day."""
    today = today or date.today()
    summary = new_summary("deals", source or sheet.name, options)
    partners = PartnerLookup(session)
    accounts = Accounts(session)
    names = {pid: ref for pid, ref in _partner_refs(session)}

    def registering(raw: object) -> object:
        text = v.required_text(raw)
        return 0 if v.choice_key(text) in DIRECT else partners.resolve(text)

    def others(raw: object) -> object:
        text = v.text(raw)
        found: list[int] = []
        for part in (text or "").split(";"):
            name = part.strip()
            if not name:
                continue
            if v.choice_key(name) in DIRECT:
                raise v.BadValue(f"names {name}: the direct team goes in the Partner column")
            try:
                partner_id = partners.resolve(name)
            except v.BadValue as exc:
                raise v.BadValue(f"names {name}, which {exc}") from None
            if partner_id not in found:
                found.append(partner_id)
        return tuple(found)

    account = account_parsers()
    parsers: dict[str, Parser] = {
        **deal_parsers(options.day_first),
        "account": account["name"],
        "country": account["country"],
        "partner": registering,
        "other_partners": others,
        "commission_pct": lambda raw: v.percent(raw, "commission"),
    }
    deals, by_code, by_name = _stored_deals(session)
    seen: dict[Any, int] = {}
    planned: list[tuple[int, dict[str, Any], tuple[Any, ...], int | None]] = []
    needed = ("name", "account", "partner", "stage", "amount", "currency")
    for number, cells in parsed_rows(sheet, parsers, options, summary.problems):
        values: dict[str, Any] = cells
        if not required(number, values, needed, sheet, summary.problems):
            continue
        problems = deal_problems(values, today)  # the deal dialog's rules
        partner_id: int | None = values["partner"] or None
        pct = values.get("commission_pct")
        if partner_id is None and pct:
            problems["commission_pct"] = (
                "is the registering partner's: a deal the direct team registered has none"
            )
        if problems:
            for name, reason in problems.items():
                cell = shown_value(values.get(name))
                summary.problems.append(Problem(number, sheet.header(name), cell, reason))
            continue
        country = values.get("country")
        found = accounts.find(
            str(values["account"]), None, country if isinstance(country, str) else None
        )
        code = values.get("deal_code")
        key: Any = (
            ("code", code.casefold())
            if isinstance(code, str)
            else ("name", _fold(str(values["name"])), found)
        )
        if key in seen:
            column = "deal_code" if isinstance(code, str) else "name"
            summary.problems.append(Problem(
                number, sheet.header(column), str(code or values["name"]),
                f"names the same deal as row {seen[key]}",
            ))  # fmt: skip
            continue
        seen[key] = number
        match = by_code.get(code.casefold()) if isinstance(code, str) else None
        if match is None and found[0] != _NEW:
            match = by_name.get((_fold(str(values["name"])), found[0]))
        if match is not None:
            stored = deals[match]
            if isinstance(code, str) and stored.record["deal_code"]:
                values["deal_code"] = stored.record["deal_code"]  # d-7 is D-7: keep its spelling
            held = stored.registering
            if held != partner_id and (held is not None or stored.parties.get(partner_id or 0)):
                summary.problems.append(Problem(
                    number, sheet.header("partner"), shown_value(sheet_partner(values, names)),
                    "differs from who registered the stored deal "
                    f"({names.get(held or 0, 'Direct')}): change it in the deal dialog",
                ))  # fmt: skip
                continue
        planned.append((number, values, found, match))
    inserts: list[tuple[int, dict[str, Any], tuple[Any, ...]]] = []
    updates: list[tuple[int, Changes]] = []
    party_inserts: list[tuple[Any, dict[str, object]]] = []  # (deal id, or the insert's index)
    party_updates: list[tuple[int, Changes]] = []
    for number, values, found, match in planned:
        partner_id = values["partner"] or None
        other_ids = [p for p in values.get("other_partners") or () if p != partner_id]
        pct = values.get("commission_pct")
        described = f"{values['name']} ({values['account']})"
        own = {f: values.get(f) for f in _OWN if f != "account_id"}
        if match is None:
            summary.new += 1
            index = len(inserts)
            paper = Paper.PARTNER if partner_id else Paper.OURS
            inserts.append((number, {**own, "paper": paper}, found))
            wanted = [(p, PartyRole.INFLUENCER, Decimal(0)) for p in other_ids]
            if partner_id:
                wanted.insert(0, (partner_id, PartyRole.REGISTERING_PARTNER, pct or Decimal(0)))
            for pid, role, share in wanted:
                party_inserts.append((("new", index), {"partner_id": pid, "role": role,
                                                       "commission_pct": share}))  # fmt: skip
            summary.planned(number, "New", described)
            continue
        stored = deals[match]
        if found[0] == _NEW:
            own["account_id"] = None  # set when the account is made: always a change
        else:
            own["account_id"] = found[0]
        changes = compare(stored.record, own, keep_if_empty=("deal_code", "expected_close"))
        if found[0] == _NEW:
            changes["account_id"] = (stored.record["account_id"], found)
        shown: Changes = {f: c for f, c in changes.items() if f != "account_id"}
        if "amount" in shown:
            old, new = shown["amount"]
            shown["amount"] = (_money(old, stored.record["currency"]), _money(new, own["currency"]))
        if "account_id" in changes:
            shown["account"] = ("(another)", values["account"])
        added: list[str] = []
        if partner_id is not None:
            party = stored.parties.get(partner_id)
            if party is None:
                party_inserts.append((match, {"partner_id": partner_id,
                                              "role": PartyRole.REGISTERING_PARTNER,
                                              "commission_pct": pct or Decimal(0)}))  # fmt: skip
                added.append(names.get(partner_id, ""))
            elif pct is not None and party[2] != pct:
                party_updates.append((party[0], {"commission_pct": (party[2], pct)}))
                shown["commission_pct"] = (format_percent(party[2]), format_percent(pct))
        for pid in other_ids:
            if pid not in stored.parties:
                party_inserts.append((match, {"partner_id": pid, "role": PartyRole.INFLUENCER,
                                              "commission_pct": Decimal(0)}))  # fmt: skip
                added.append(names.get(pid, ""))
        if added:
            shown["other_partners"] = ("", "+ " + ", ".join(added))
        if changes:
            updates.append((match, changes))
        if changes or added or "commission_pct" in shown:
            summary.updated += 1
            summary.planned(number, "Update", described, change_text(shown, _LABELS))
        else:
            summary.unchanged += 1
    summary.details["new accounts"] = len(accounts.new)
    if not finish_checks(summary, options):
        return summary
    audit = AuditBatch(session, summary.source)
    keys = list(accounts.new)
    new_ids = bulk_write(session, ACCOUNTS, audit, [accounts.new[k] for k in keys], [])
    created = dict(zip(keys, new_ids, strict=True))

    def account_of(found: tuple[Any, ...]) -> int:
        return int(created[found[1]] if found[0] == _NEW else found[0])

    rows = [{**own, "account_id": account_of(found)} for _number, own, found in inserts]
    for index, (deal_id, changes) in enumerate(updates):
        moved = changes.get("account_id")
        if moved is not None and isinstance(moved[1], tuple):
            changes = {**changes, "account_id": (moved[0], account_of(moved[1]))}
            updates[index] = (deal_id, changes)
    deal_ids = bulk_write(session, DEALS, audit, rows, updates, [n for n, *_ in inserts])
    party_rows = [
        {"deal_id": deal_ids[target[1]] if isinstance(target, tuple) else target, **party}
        for target, party in party_inserts
    ]
    bulk_write(session, PARTIES, audit, party_rows, party_updates)
    audit.write()
    summary.written = True
    return summary


def _money(amount: object, currency: object) -> object:
    """An amount as the report shows it: with its currency's decimals."""
    if isinstance(amount, Decimal) and isinstance(currency, str):
        return format_amount(amount, currency)
    return amount


def sheet_partner(values: dict[str, Any], names: dict[int, str]) -> str:
    """The row's registering party as the file names it, for the report."""
    partner_id = values.get("partner") or None
    return "Direct" if partner_id is None else names.get(partner_id, "")


def _partner_refs(session: Session) -> list[tuple[int, str]]:
    """Each partner's id and how the report names it: its Partner ID, else its name."""
    from app.db.models import Partner

    rows = session.execute(select(Partner.id, Partner.partner_code, Partner.name))
    return [(pid, code or name) for pid, code, name in rows]
