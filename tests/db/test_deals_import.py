"""The deals import on SQLite and PostgreSQL: new deals with their parties and accounts, the
re-import that changes nothing, matching by Deal ID or by name and account, and refusals by the
deal dialog's rules that leave the database as it was."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Account, Claim, Deal, DealParty, Partner
from app.domain.enums import DealStage, Paper, PartyRole
from app.domain.importing.report import ImportRefused, ImportSummary
from app.domain.importing.sheet import sheet_from_rows
from app.services.importing import ImportOptions
from app.services.importing.deals import import_deals
from tests.support.sample_records import add_sample_records

TODAY = date(2026, 11, 23)
ROWS: list[dict[str, object]] = [
    {"deal_code": "D-7", "name": "Fabrikam rollout", "account": "Fabrikam Inc", "country": "US",
     "partner": "P-001", "other_partners": "Contoso Partners; Adatum Systems", "stage": "Won",
     "amount": "120000", "currency": "EUR", "expected_close": "2026-11-01",
     "closed_on": "2026-11-02", "commission_pct": "15"},
    {"name": "Harbor pilot", "account": "Harbor Freight GmbH", "country": "DE",
     "partner": "Direct", "other_partners": "P-002", "stage": "proposal", "amount": "5000",
     "currency": "usd", "expected_close": "2027-01-15"},
]  # fmt: skip


def run(db: Database, rows: list[dict[str, object]], **options: bool) -> ImportSummary:
    with db.transaction() as session:
        return import_deals(session, sheet_from_rows(rows), ImportOptions(**options), "f", TODAY)


def deals(db: Database) -> dict[str, tuple[object, ...]]:
    with db.reading() as s:
        rows = s.execute(
            select(Deal.name, Deal.deal_code, Account.name, Deal.stage, Deal.amount,
                   Deal.currency, Deal.closed_on, Deal.paper)
            .join(Account, Account.id == Deal.account_id)
        )  # fmt: skip
        return {r[0]: tuple(r[1:]) for r in rows}


def parties(db: Database, deal: str) -> list[tuple[str, PartyRole, Decimal]]:
    with db.reading() as s:
        rows = s.execute(
            select(Partner.name, DealParty.role, DealParty.commission_pct)
            .join(DealParty, DealParty.partner_id == Partner.id)
            .join(Deal, Deal.id == DealParty.deal_id)
            .where(Deal.name == deal)
            .order_by(DealParty.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def count(db: Database, model: type) -> int:
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_new_deals_then_the_same_file_changes_nothing(any_db: Database) -> None:
    add_sample_records(any_db)
    claims, accounts = count(any_db, Claim), count(any_db, Account)
    summary = run(any_db, ROWS)
    assert (summary.new, summary.updated, summary.problems) == (2, 0, [])
    assert summary.details["new accounts"] == 1
    found = deals(any_db)
    assert found["Fabrikam rollout"] == (
        "D-7", "Fabrikam Inc", DealStage.WON, Decimal(120000), "EUR", date(2026, 11, 2),
        Paper.PARTNER,
    )  # fmt: skip
    assert found["Harbor pilot"] == (
        None,
        "Harbor Freight GmbH",
        DealStage.PROPOSAL,
        Decimal(5000),
        "USD",
        None,
        Paper.OURS,
    )
    assert parties(any_db, "Fabrikam rollout") == [
        ("Northwind Traders", PartyRole.REGISTERING_PARTNER, Decimal(15)),
        ("Contoso Partners", PartyRole.INFLUENCER, Decimal(0)),
        ("Adatum Systems", PartyRole.INFLUENCER, Decimal(0)),
    ]
    assert parties(any_db, "Harbor pilot") == [
        ("Contoso Partners", PartyRole.INFLUENCER, Decimal(0))
    ]
    assert count(any_db, Claim) == claims  # a deals row creates no claim
    assert count(any_db, Account) == accounts + 1
    again = run(any_db, ROWS)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
    assert count(any_db, Account) == accounts + 1


def test_re_import_by_deal_id_or_by_name_and_account(any_db: Database) -> None:
    add_sample_records(any_db)
    run(any_db, ROWS)
    changed = [
        {**ROWS[0], "deal_code": "d-7", "name": "Fabrikam rollout phase 1", "amount": "125000",
         "commission_pct": "12"},
        {**ROWS[1], "deal_code": "D-8", "stage": "Lost", "closed_on": "2026-11-20",
         "other_partners": "P-002; Adatum Systems"},
    ]  # fmt: skip
    summary = run(any_db, changed, preview=True)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 2, 0)
    texts = [c.changes for c in summary.changes]
    assert texts == [
        "Amount: 120,000.00 → 125,000.00; Commission %: 15% → 12%; "
        "Name: Fabrikam rollout → Fabrikam rollout phase 1",
        "Closed on: — → 2026-11-20; Deal ID: — → D-8; Other partners: — → + Adatum Systems; "
        "Stage: Proposal → Lost",
    ]
    found = deals(any_db)
    assert found["Fabrikam rollout phase 1"][:5] == (
        "D-7",
        "Fabrikam Inc",
        DealStage.WON,
        Decimal(125000),
        "EUR",
    )
    assert found["Harbor pilot"][0] == "D-8" and found["Harbor pilot"][5] == date(2026, 11, 20)
    assert parties(any_db, "Fabrikam rollout phase 1")[0][2] == Decimal(12)
    assert [p[0] for p in parties(any_db, "Harbor pilot")] == [
        "Contoso Partners", "Adatum Systems"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "column", "reason"),
    [
        ({"closed_on": None}, "closed_on", "is required for a won deal"),
        ({"closed_on": "2026-11-24"}, "closed_on", "is in the future"),
        ({"stage": "qualified"}, "closed_on", "is only for a won or lost deal"),
        ({"stage": "Signed"}, "stage", "is not a known stage"),
        ({"other_partners": "P-001; Nobody Ltd"}, "other_partners", "names Nobody Ltd, which"),
        ({"other_partners": "Direct"}, "other_partners", "goes in the Partner column"),
        ({"partner": "Direct"}, "commission_pct", "a deal the direct team registered has none"),
        ({"partner": "Unknown Partner"}, "partner", "is not a known partner"),
        ({"amount": "100.5", "currency": "JPY"}, "amount", "has more than 0 decimals"),
        ({"amount": "-1"}, "amount", "must not be negative"),
        ({"currency": "EURO"}, "currency", ""),
        ({"name": None}, "name", "is required"),
        ({"commission_pct": "120"}, "commission_pct", ""),
        ({"deal_code": "X" * 41}, "deal_code", "is longer than 40 characters"),
        ({"expected_close": "2026-02-30"}, "expected_close", "is not a real date"),
    ],
)
def test_a_bad_row_is_refused_and_nothing_is_written(
    sqlite_db: Database, change: dict[str, object], column: str, reason: str
) -> None:
    add_sample_records(sqlite_db)
    before = deals(sqlite_db), count(sqlite_db, DealParty), count(sqlite_db, Account)
    with pytest.raises(ImportRefused) as refused:
        run(sqlite_db, [ROWS[1], {**ROWS[0], **change}])
    problems = refused.value.problems
    assert [(p.row, p.column) for p in problems] == [(3, column)]
    assert reason in problems[0].reason
    assert (deals(sqlite_db), count(sqlite_db, DealParty), count(sqlite_db, Account)) == before


def test_one_deal_twice_in_a_file_and_a_changed_registering_partner(sqlite_db: Database) -> None:
    add_sample_records(sqlite_db)
    with pytest.raises(ImportRefused) as twice:
        run(sqlite_db, [ROWS[0], {**ROWS[0], "deal_code": "d-7"}])
    assert [(p.row, p.reason) for p in twice.value.problems] == [
        (3, "names the same deal as row 2")
    ]
    run(sqlite_db, ROWS)
    with pytest.raises(ImportRefused) as other:
        run(sqlite_db, [{**ROWS[0], "partner": "P-002"}])
    assert other.value.problems[0].reason == (
        "differs from who registered the stored deal (P-001): change it in the deal dialog"
    )
    skipped = run(sqlite_db, [{**ROWS[0], "partner": "P-002"}, ROWS[1]], skip_invalid=True)
    assert (skipped.unchanged, skipped.invalid_rows) == (1, 1)


def test_a_deal_closed_today_is_taken(sqlite_db: Database) -> None:
    add_sample_records(sqlite_db)
    today = {**ROWS[0], "closed_on": TODAY.isoformat(), "expected_close": None}
    assert run(sqlite_db, [today]).new == 1
    assert deals(sqlite_db)["Fabrikam rollout"][5] == TODAY
    assert TODAY - timedelta(days=1) < TODAY
