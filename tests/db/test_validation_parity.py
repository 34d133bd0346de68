"""A record typed into its dialog and the same record imported get the same verdict.

For each kind, a table of good and bad values goes through what the dialog calls (the domain's
check for that kind) and through the real import (one row per value, a dry run); each value is
accepted by both or refused by both, and the verdict is the one the table expects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Contact, Course
from app.domain.enums import DealStage
from app.domain.errors import InputError
from app.domain.importing.report import ImportSummary
from app.domain.importing.sheet import MappedSheet, sheet_from_rows
from app.domain.partner_form import check_contact, check_partner
from app.services.claims.account_edit import check_account
from app.services.claims.claim_edit import check_claim
from app.services.importing import ImportOptions
from app.services.importing.accounts import import_accounts
from app.services.importing.claims import import_claims
from app.services.importing.contacts import import_contacts
from app.services.importing.partners import import_partners
from app.services.importing.pricebook import import_pricebook
from app.services.importing.training import import_training
from app.services.partners.edit import create_partner, known_tiers
from app.services.pricebook.edit import check_price, check_product
from app.services.pricebook.rules import check_breaks, check_settings, percent_problem
from app.services.training.log import log_training

Case = tuple[dict[str, object], bool]  # (the fields of one record, accepted?)
Importer = Callable[[Session, MappedSheet, ImportOptions], ImportSummary]


def _refused_rows(db: Database, importer: Importer, rows: list[dict[str, object]]) -> set[int]:
    """The indexes of ``rows`` the import reports a problem for (a dry run)."""
    with db.transaction() as session:
        summary = importer(session, sheet_from_rows(rows), ImportOptions(dry_run=True))
    return {problem.row - 2 for problem in summary.problems}


def _same_verdicts(cases: Sequence[Case], dialog: Sequence[bool], refused: set[int]) -> None:
    """Each case: dialog and import agree, and both give the expected verdict."""
    table = [
        (fields, expected, dialog_ok, index not in refused)
        for index, ((fields, expected), dialog_ok) in enumerate(zip(cases, dialog, strict=True))
    ]
    disagree = [(f, d, i) for f, _, d, i in table if d != i]
    assert disagree == [], "dialog and import differ (fields, dialog ok, import ok)"
    wrong = [(f, e) for f, e, d, _ in table if d != e]
    assert wrong == [], "both paths give the wrong verdict (fields, expected)"


PARTNER_CASES: list[Case] = [
    ({"email": "sales@contoso.example"}, True),
    ({"email": "mailto:sales@contoso.example"}, True),
    ({"email": "sales@"}, False),
    ({"email": "a b@contoso.example"}, False),
    ({"website": "contoso.example"}, True),
    ({"website": "not a site"}, False),
    ({"country": "Germany"}, True),
    ({"country": "de"}, True),
    ({"country": "Narnia"}, False),
    ({"type": "MSP"}, True),
    ({"type": "distributor"}, True),
    ({"type": "Vendor"}, False),
    ({"status": "active"}, True),
    ({"status": "Dormant"}, False),
    ({"tier": "gold"}, True),
    ({"tier": " Silver "}, True),
    ({"tier": "Bronze"}, False),
    ({"partner_since": "2026-03-01"}, True),
    ({"partner_since": "01/03/2026"}, True),
    ({"partner_since": "2026-02-30"}, False),
    ({"partner_since": "soon"}, False),
    ({"name": "N" * 200}, True),
    ({"name": "N" * 201}, False),
    ({"partner_code": "P" * 41}, False),
    ({"city": "C" * 121}, False),
    ({"phone": "1" * 61}, False),
    ({"legal_name": "L" * 251}, False),
    ({"account_manager": "A" * 121}, False),
    # one text rule for every field: controls refused, a line break in a name is a space
    ({"name": "Bell\x07 Ltd"}, False),
    ({"city": "\x1b[2JBerlin"}, False),
    ({"legal_name": "\u202eevil"}, False),
    ({"phone": "\x9b1"}, False),
    ({"name": "Two\nlines"}, True),
    ({"notes": "first\nsecond"}, True),
    ({"notes": "bell\x07"}, False),
    ({"partner_since": "9999-12-31"}, False),
    ({"partner_since": "1899-12-31"}, False),
]


def test_partner_dialog_and_import_agree(sqlite_db: Database) -> None:
    rows = [{"name": f"Partner {i}", **fields} for i, (fields, _) in enumerate(PARTNER_CASES)]
    with sqlite_db.reading() as session:
        tiers = known_tiers(session)
    dialog = [not check_partner(row, tiers)[1] for row in rows]
    _same_verdicts(PARTNER_CASES, dialog, _refused_rows(sqlite_db, import_partners, rows))


CONTACT_CASES: list[Case] = [
    ({"email": "ann@contoso.example"}, True),
    ({"email": "ann@contoso"}, False),
    ({"role": "Presales"}, True),
    ({"role": "executive"}, True),
    ({"role": "Boss"}, False),
    ({"phone": "+49 30 1234"}, True),
    ({"phone": "1" * 61}, False),
    ({"name": "N" * 200}, True),
    ({"name": "N" * 201}, False),
    ({"email": "a" * 240 + "@example.com"}, False),
    ({"name": "Ann\x1b[31m"}, False),
    ({"phone": "\u2066+49"}, False),
]


def test_contact_dialog_and_import_agree(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        create_partner(session, {"name": "Contoso", "partner_code": "P-1"})
    rows = [{"name": f"Person {i}", **fields} for i, (fields, _) in enumerate(CONTACT_CASES)]
    dialog = [not check_contact(row)[1] for row in rows]
    imported = [{"partner": "P-1", **row} for row in rows]
    _same_verdicts(CONTACT_CASES, dialog, _refused_rows(sqlite_db, import_contacts, imported))


ACCOUNT_CASES: list[Case] = [
    ({"name": "A" * 200}, True),
    ({"name": "A" * 201}, False),
    ({"website": "litware.example"}, True),
    ({"website": "litware"}, False),
    ({"website": "w" * 240 + ".example.com"}, False),
    ({"country": "GB"}, True),
    ({"country": "Atlantis"}, False),
    ({"name": "Acme\x1b]0;x\x07"}, False),
    ({"name": "Acme\r\nGmbH"}, True),
]


def test_account_dialog_and_claims_import_agree(sqlite_db: Database) -> None:
    """The claims import creates the accounts its rows name: by the account dialog's rules."""
    records = [{"name": f"Account {i}", **f} for i, (f, _) in enumerate(ACCOUNT_CASES)]
    dialog = [not check_account(record)[1] for record in records]
    rows = [
        {"partner": "Direct", "account": r["name"], "website": r.get("website"),
         "country": r.get("country"), "claimed_on": "2026-03-01"}
        for r in records
    ]  # fmt: skip
    _same_verdicts(ACCOUNT_CASES, dialog, _refused_rows(sqlite_db, import_claims, rows))


def test_account_dialog_and_accounts_import_agree(sqlite_db: Database) -> None:
    """The accounts import holds each account to the account dialog's rules."""
    records = [{"name": f"Account {i}", **f} for i, (f, _) in enumerate(ACCOUNT_CASES)]
    dialog = [not check_account(record)[1] for record in records]
    _same_verdicts(ACCOUNT_CASES, dialog, _refused_rows(sqlite_db, import_accounts, records))


CLAIM_CASES: list[Case] = [
    ({"deal_amount": "100", "currency": "EUR"}, True),
    ({"deal_amount": "1,250.50", "currency": "usd"}, True),
    ({"deal_amount": "-5", "currency": "EUR"}, False),
    ({"deal_amount": "1.234", "currency": "EUR"}, False),
    ({"deal_amount": "1.234", "currency": "KWD"}, True),
    ({"deal_amount": "1.5", "currency": "JPY"}, False),
    ({"deal_amount": "100"}, False),
    ({"deal_amount": "lots", "currency": "EUR"}, False),
    ({"currency": "EURO"}, False),
    ({"valid_until": "2026-04-01"}, True),
    ({"valid_until": "2026-02-01"}, False),
    ({"claimed_on": "2026-02-30"}, False),
    ({"commission_pct": "12.5"}, True),
    ({"commission_pct": "12.5%"}, True),
    ({"commission_pct": "120"}, False),
    ({"commission_pct": "12.555"}, False),
    ({"website": "not a site"}, False),
    ({"country": "Atlantis"}, False),
    ({"claimed_on": "9999-12-31"}, False),
    ({"deal_amount": "1e30", "currency": "EUR"}, False),
    ({"deal_amount": "99999999999999.99", "currency": "EUR"}, True),
    ({"valid_until": "9999-12-31"}, False),
    ({"claimed_on": "1899-12-31"}, False),
]


def test_claim_dialog_and_import_agree(sqlite_db: Database) -> None:
    records: list[dict[str, Any]] = [
        {"account_name": f"Account {i}", "claimed_on": "2026-03-01", **fields}
        for i, (fields, _) in enumerate(CLAIM_CASES)
    ]
    dialog = [
        not check_claim({"account_id": None, **record}, validity_days=90)[1] for record in records
    ]
    rows = [
        {"partner": "Direct", "account": r.pop("account_name"), **r} for r in map(dict, records)
    ]
    _same_verdicts(CLAIM_CASES, dialog, _refused_rows(sqlite_db, import_claims, rows))


def _pricebook_refused(db: Database, sheets: dict[str, list[dict[str, object]]]) -> set[int]:
    """The row indexes of the last sheet in ``sheets`` that the price-book import refuses."""
    last = list(sheets)[-1]
    with db.transaction() as session:
        summary = import_pricebook(
            session,
            {name: sheet_from_rows(rows) for name, rows in sheets.items()},
            ImportOptions(dry_run=True),
        )
    return {p.row - 2 for p in summary.problems if p.column.startswith(f"{last}:")}


PRICE_CASES: list[Case] = [
    ({"sku": "CB-100"}, True),
    ({"sku": "CB 100"}, False),
    ({"sku": "S" * 61}, False),
    ({"name": "N" * 250}, True),
    ({"name": "N" * 251}, False),
    ({"family": "Cloud Backup"}, True),
    ({"family": "F" * 201}, False),
    ({"currency": "eur"}, True),
    ({"currency": "EURO"}, False),
    ({"currency": "XYZ"}, False),
    ({"list_price": "1,234.50"}, True),
    ({"list_price": "1234.505"}, False),
    ({"list_price": "-1"}, False),
    ({"list_price": "1000.5", "currency": "JPY"}, False),
    ({"list_price": "1000.125", "currency": "KWD"}, True),
    ({"list_price": "abc"}, False),
    ({"name": "Backup\x1b[5m"}, False),
    ({"family": "\u202eCloud"}, False),
    ({"sku": "CB\x07"}, False),
    ({"effective_from": "9999-12-31"}, False),
    ({"list_price": "1e15"}, False),
    ({"list_price": "1e500"}, False),
]


def test_product_and_price_dialogs_and_prices_sheet_agree(sqlite_db: Database) -> None:
    rows: list[dict[str, object]] = [
        {"sku": f"SKU-{i}", "name": f"Product {i}", "currency": "EUR", "list_price": "100",
         "effective_from": date(2026, 1, 1), **fields}
        for i, (fields, _) in enumerate(PRICE_CASES)
    ]  # fmt: skip
    dialog = [
        not check_product({k: row.get(k) for k in ("sku", "name", "family")})[1]
        and not check_price({k: row[k] for k in ("currency", "list_price", "effective_from")})[1]
        for row in rows
    ]
    refused = _pricebook_refused(sqlite_db, {"Prices": rows})
    _same_verdicts(PRICE_CASES, dialog, refused)


DISCOUNT_CASES: list[Case] = [
    ({"discount_pct": "12.5"}, True),
    ({"discount_pct": "12.5%"}, True),
    ({"discount_pct": "0"}, True),
    ({"discount_pct": "33.333"}, False),
    ({"discount_pct": "101"}, False),
    ({"discount_pct": "-1"}, False),
    ({"discount_pct": "abc"}, False),
]


def test_tier_dialog_and_tiers_sheet_agree(sqlite_db: Database) -> None:
    rows = [{"tier": f"Tier {i}", **fields} for i, (fields, _) in enumerate(DISCOUNT_CASES)]
    dialog = [percent_problem(str(row["discount_pct"])) is None for row in rows]
    _same_verdicts(DISCOUNT_CASES, dialog, _pricebook_refused(sqlite_db, {"Tiers": rows}))


BREAK_CASES: list[Case] = [
    ({"min_qty": "10", "discount_pct": "5"}, True),
    ({"min_qty": "20.0", "discount_pct": "5"}, True),
    ({"min_qty": "1,000", "discount_pct": "5"}, True),
    ({"min_qty": "0", "discount_pct": "5"}, False),
    ({"min_qty": "1.5", "discount_pct": "5"}, False),
    ({"min_qty": "lots", "discount_pct": "5"}, False),
    ({"min_qty": "30", "discount_pct": "120"}, False),
    ({"min_qty": "40", "discount_pct": "2.555"}, False),
    ({"min_qty": "50", "discount_pct": "2.5%"}, True),
    ({"min_qty": "1e12", "discount_pct": "5"}, False),
]


def test_volume_break_editor_and_volume_sheet_agree(sqlite_db: Database) -> None:
    rows = [{"target": "CB-1", **fields} for fields, _ in BREAK_CASES]
    dialog = [
        not check_breaks([(str(row["min_qty"]), str(row["discount_pct"]))])[1] for row in rows
    ]
    product = {"sku": "CB-1", "name": "Cloud Backup", "currency": "EUR", "list_price": "10",
               "effective_from": date(2026, 1, 1)}  # fmt: skip
    refused = _pricebook_refused(sqlite_db, {"Prices": [product], "Volume": rows})
    _same_verdicts(BREAK_CASES, dialog, refused)


SETTING_CASES: list[Case] = [
    ({}, True),
    ({"quote_validity_days": "3650"}, True),
    ({"quote_validity_days": "3651"}, False),
    ({"quote_validity_days": "0"}, False),
    ({"quote_validity_days": "45.0"}, True),
    ({"default_tax_rate_pct": "8.875"}, True),
    ({"default_tax_rate_pct": "8.87501"}, False),
    ({"approval_limit_pct": "15.5"}, True),
    ({"approval_limit_pct": "15.555"}, False),
    ({"deal_reg_discount_pct": "101"}, False),
]


def test_settings_dialog_and_settings_sheet_agree(sqlite_db: Database) -> None:
    base = {"deal_reg_discount_pct": "5", "approval_limit_pct": "15",
            "default_tax_rate_pct": "19", "quote_validity_days": "30"}  # fmt: skip
    rows = [base | fields for fields, _ in SETTING_CASES]
    dialog = [not check_settings(row)[1] for row in rows]
    refused = {
        index for index, row in enumerate(rows)
        if _pricebook_refused(sqlite_db, {"Settings": [dict(row)]})
    }  # fmt: skip
    _same_verdicts(SETTING_CASES, dialog, refused)


def test_training_log_dialog_and_training_import_agree(sqlite_db: Database) -> None:
    """A course is logged once it has taken place: the log dialog refuses a completion date
    after today, and so does the import."""
    today = date.today()
    cases: list[Case] = [
        ({"completed_on": today - timedelta(days=400)}, True),
        ({"completed_on": today}, True),
        ({"completed_on": today + timedelta(days=1)}, False),
        ({"completed_on": today + timedelta(days=365)}, False),
    ]
    with sqlite_db.transaction() as session:
        partner = create_partner(session, {"name": "Contoso", "partner_code": "P-1"})
        session.add(Course(code="CD-101", title="Basics", certifies=True, valid_months=12))
        session.flush()
        contact = Contact(partner_id=partner, name="Ann", email="ann@contoso.example")
        session.add(contact)
        session.flush()
        contact_id, course_id = contact.id, session.scalars(select(Course.id)).one()
    rows = [
        {"contact": "ann@contoso.example", "partner": "P-1", "course": "CD-101", **fields}
        for fields, _ in cases
    ]
    refused = _refused_rows(sqlite_db, import_training, rows)
    dialog = []
    for fields, _ in cases:
        with sqlite_db.reading() as session:  # never committed
            try:
                log_training(session, [contact_id], course_id, fields["completed_on"], True, today)
            except InputError:
                dialog.append(False)
            else:
                dialog.append(True)
    _same_verdicts(cases, dialog, refused)


DEAL_CASES: list[Case] = [
    ({}, True),
    ({"name": "N" * 200}, True),
    ({"name": "N" * 201}, False),
    ({"name": "Expansion\x1b[2J"}, False),
    ({"name": "\u202eExpansion"}, False),
    ({"name": "Two\nlines"}, True),
    ({"amount": "-1"}, False),
    ({"amount": "100.5", "currency": "JPY"}, False),
    ({"amount": "1.234", "currency": "KWD"}, True),
    ({"currency": "EURO"}, False),
    ({"expected_close": "9999-12-31"}, False),
    ({"amount": "1e15"}, False),
    ({"expected_close": "2026-02-30"}, False),
    ({"stage": DealStage.WON, "closed_on": "2026-11-20"}, True),
    ({"stage": DealStage.LOST, "closed_on": "20/11/2026"}, True),
    ({"stage": DealStage.WON, "closed_on": ""}, False),
    ({"stage": DealStage.WON, "closed_on": "2026-11-24"}, False),
    ({"stage": DealStage.QUALIFIED, "closed_on": "2026-11-20"}, False),
    ({"stage": DealStage.WON, "closed_on": "1899-12-31"}, False),
    ({"deal_code": "D-" + "9" * 38}, True),
    ({"deal_code": "D-" + "9" * 39}, False),
    ({"deal_code": "D-1\x07"}, False),
]
#: The last day a deal may have closed on in the cases above.
DEAL_TODAY = date(2026, 11, 23)


def test_deal_dialog_and_deal_service_agree(sqlite_db: Database) -> None:
    """No file brings deals yet: the deal dialog's check and the service that saves a deal (for
    the dialog, and for any command or import to come) give the same verdicts."""
    from app.domain.deal_form import check_deal
    from app.services.claims.account_edit import create_account
    from app.services.deals.edit import create_deal

    with sqlite_db.transaction() as session:
        account = create_account(session, {"name": "Tailspin Toys", "country": "US"})
    records: list[dict[str, object]] = [
        {"name": f"Deal {i}", "account_id": account, "amount": "1000", "currency": "EUR", **f}
        for i, (f, _) in enumerate(DEAL_CASES)
    ]
    dialog = [not check_deal(record, DEAL_TODAY)[1] for record in records]
    refused = set()
    for index, record in enumerate(records):
        with sqlite_db.reading() as session:  # never committed
            try:
                create_deal(session, record, [], today=DEAL_TODAY)
            except InputError:
                refused.add(index)
    _same_verdicts(DEAL_CASES, dialog, refused)


def test_deal_dialog_and_deals_import_agree(sqlite_db: Database) -> None:
    """The deals import reads each cell as the deal dialog does and holds the row to its rules."""
    from functools import partial

    from app.domain.deal_form import check_deal
    from app.services.importing.deals import import_deals

    records: list[dict[str, object]] = [
        {"name": f"Deal {i}", "account": "Tailspin Toys", "partner": "Direct", "stage": "Proposal",
         "amount": "1000", "currency": "EUR", **f}
        for i, (f, _) in enumerate(DEAL_CASES)
    ]  # fmt: skip
    dialog = [not check_deal({**record, "account_id": 1}, DEAL_TODAY)[1] for record in records]
    importer = partial(import_deals, source="parity", today=DEAL_TODAY)
    _same_verdicts(DEAL_CASES, dialog, _refused_rows(sqlite_db, importer, records))
