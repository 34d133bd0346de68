"""Joint deals on SQLite and PostgreSQL: create with parties, edit, stale edits, move the stage,
log activities, the commission warning, and the pipeline summed in SQL per currency."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Account, DirectRep, Partner
from app.domain.deal_form import check_deal
from app.domain.enums import ActivityKind, DealStage, Paper, PartyRole
from app.domain.errors import ConflictError, InputError
from app.services.deals.edit import (
    Activity,
    Party,
    add_activity,
    check_parties,
    commission_warning,
    create_deal,
    get_deal,
    set_stage,
    update_deal,
)
from app.services.deals.pipeline import DIRECT_ONLY, by_partner, by_stage, open_totals
from tests.support.sample_records import TODAY, add_sample_records


def _ids(db: Database) -> dict[str, int]:
    with db.reading() as s:
        found = {n: i for i, n in s.execute(select(Partner.id, Partner.name))}
        found |= {n: i for i, n in s.execute(select(Account.id, Account.name))}
        found |= {n: i for i, n in s.execute(select(DirectRep.id, DirectRep.name))}
    return found


def test_a_joint_deal_with_parties_activities_and_stages(any_db: Database) -> None:
    add_sample_records(any_db)
    ids = _ids(any_db)
    parties = [
        Party(ids["Contoso Partners"], None, PartyRole.REGISTERING_PARTNER, Decimal(20)),
        Party(ids["Adatum Systems"], None, PartyRole.FULFILMENT_PARTNER, Decimal("7.5")),
        Party(None, ids["Dana Direct"], PartyRole.DIRECT_REP, Decimal(5)),
    ]
    raw: dict[str, object] = {
        "name": "Tailspin expansion", "account_id": ids["Tailspin Toys"],
        "stage": DealStage.QUALIFIED, "amount": "250,000.00", "currency": "usd",
        "expected_close": (TODAY + timedelta(days=60)).isoformat(), "paper": Paper.OURS,
    }  # fmt: skip
    with any_db.transaction() as s:
        deal_id = create_deal(s, raw, parties)
    with any_db.reading() as s:
        opened = get_deal(s, deal_id)
    assert opened.amount == Decimal("250000.00") and opened.currency == "USD"
    assert [p.name for p in opened.parties] == ["Contoso Partners", "Adatum Systems", "Dana Direct"]
    assert commission_warning(opened.parties, Decimal(30)) == (
        "The parties expect 32.5% commission together, above the 30% limit: "
        "agree the split before the deal closes."
    )
    assert commission_warning(opened.parties[:2], Decimal(30)) is None

    # Drop the fulfilment partner and lower the rep's share: the warning goes.
    fewer = [opened.parties[0], Party(None, ids["Dana Direct"], PartyRole.DIRECT_REP, Decimal(2))]
    with any_db.transaction() as s:
        update_deal(s, opened, {**opened.values(), "stage": DealStage.PROPOSAL}, fewer)
    with any_db.reading() as s:
        now = get_deal(s, deal_id)
    assert now.stage is DealStage.PROPOSAL and now.version > opened.version
    assert [(p.name, p.commission_pct) for p in now.parties] == [
        ("Contoso Partners", Decimal(20)),
        ("Dana Direct", Decimal(2)),
    ]
    with any_db.transaction() as s, pytest.raises(ConflictError) as caught:
        update_deal(s, opened, opened.values(), list(opened.parties))
    assert set(caught.value.changes) == {"stage", "parties"}
    with any_db.transaction() as s, pytest.raises(ConflictError):
        set_stage(s, deal_id, opened.version, DealStage.WON)
    with any_db.transaction() as s:
        set_stage(s, deal_id, now.version, DealStage.NEGOTIATION)
        add_activity(
            s, deal_id,
            Activity(TODAY, ActivityKind.MEETING, "Demo with IT", "Send the quote", "dana"),
        )  # fmt: skip
        add_activity(
            s, deal_id, Activity(TODAY - timedelta(days=3), ActivityKind.CALL, "Intro", None, None)
        )
    with any_db.reading() as s:
        latest = get_deal(s, deal_id)
    assert latest.stage is DealStage.NEGOTIATION
    assert [a.summary for a in latest.activities] == ["Demo with IT", "Intro"]  # newest first
    assert latest.activities[0].next_step == "Send the quote"
    with any_db.transaction() as s, pytest.raises(InputError):
        add_activity(s, deal_id, Activity(TODAY, ActivityKind.NOTE, "  ", None, None))


def test_deal_form_and_party_rules() -> None:
    _values, errors = check_deal({"name": "", "account_id": None, "amount": "1.234",
                                  "currency": "EUR", "expected_close": "31/02/2026"})  # fmt: skip
    assert errors == {
        "name": "Deal name is required",
        "account_id": "Account is required: pick one from the list",
        "amount": "Amount has more than 2 decimals",
        "expected_close": "Expected close is not a real date",
    }
    _values, errors = check_deal({"name": "X", "account_id": 1, "amount": "5", "currency": ""})
    assert errors == {"currency": "Currency is required"}
    partner = Party(1, None, PartyRole.DIRECT_REP, Decimal(1), "Northwind")
    assert check_parties([partner]) == "Northwind cannot have the role Direct rep."
    twice = Party(1, None, PartyRole.INFLUENCER, Decimal(1), "Northwind")
    assert check_parties([twice, twice]) == "Northwind is on the deal twice."
    assert check_parties([Party(None, None, PartyRole.INFLUENCER, Decimal(1))]) is not None


def test_pipeline_by_stage_and_partner_per_currency(any_db: Database) -> None:
    add_sample_records(any_db)
    ids = _ids(any_db)
    north = Party(ids["Northwind Traders"], None, PartyRole.REGISTERING_PARTNER, Decimal(10))
    with any_db.transaction() as s:
        for amount, currency, stage in (("100.10", "EUR", DealStage.PROPOSAL),
                                        ("0.05", "EUR", DealStage.PROPOSAL),
                                        ("5000", "USD", DealStage.WON),
                                        ("7", "JPY", DealStage.REGISTERED)):  # fmt: skip
            create_deal(
                s, {"name": f"D {amount}", "account_id": ids["Fabrikam Inc"], "stage": stage,
                    "amount": amount, "currency": currency}, [north],
            )  # fmt: skip
    with any_db.reading() as s:
        stages = by_stage(s)
        totals = open_totals(s)
        partners = by_partner(s)
    assert [(r.stage, r.currency, r.deals, r.amount) for r in stages] == [
        (DealStage.REGISTERED, "JPY", 1, Decimal(7)),
        (DealStage.PROPOSAL, "EUR", 3, Decimal("125100.15")),
        (DealStage.WON, "USD", 2, Decimal("14900.50")),
    ]
    assert totals == {"EUR": Decimal("125100.15"), "JPY": Decimal(7)}
    rows = {(r.partner, r.currency): (r.deals, r.amount, r.won) for r in partners}
    assert rows == {
        ("Northwind Traders", "EUR"): (3, Decimal("125100.15"), Decimal(0)),
        ("Northwind Traders", "USD"): (0, Decimal(0), Decimal(5000)),
        ("Northwind Traders", "JPY"): (1, Decimal(7), Decimal(0)),
        (DIRECT_ONLY, "USD"): (0, Decimal(0), Decimal("9900.50")),
    }


def test_closing_day_deal_id_and_families(any_db: Database) -> None:
    """Won closes the deal on the day given (today by default), reopening clears it; a Deal ID
    is unique in any case; the families are replaced, not added to."""
    from app.db.models import ProductFamily
    from app.services.deals.families import certification_gaps, family_choices

    add_sample_records(any_db)
    ids = _ids(any_db)
    north = Party(ids["Northwind Traders"], None, PartyRole.REGISTERING_PARTNER, Decimal(10))
    adatum = Party(ids["Adatum Systems"], None, PartyRole.INFLUENCER, Decimal(0), "Adatum Systems")
    with any_db.transaction() as s:
        extra = ProductFamily(code="SEC", name="Security")
        s.add(extra)
        s.flush()
        core = s.scalar(select(ProductFamily.id).where(ProductFamily.code == "CORE"))
        assert core is not None
        raw: dict[str, object] = {
            "deal_code": "D-9", "name": "Closing", "account_id": ids["Tailspin Toys"],
            "amount": "10", "currency": "EUR", "stage": DealStage.WON,
        }  # fmt: skip
        deal_id = create_deal(s, raw, [north, adatum], [core, extra.id], today=TODAY)
        assert [c.label for c in family_choices(s)] == ["Core Platform", "Security"]
        gaps = certification_gaps(s, [north, adatum], [core], TODAY)
        assert gaps == ["No one at Adatum Systems holds a valid Core Platform certification."]
    with any_db.reading() as s:
        opened = get_deal(s, deal_id)
    assert (opened.deal_code, opened.closed_on, opened.families) == (
        "D-9", TODAY, tuple(sorted((core, extra.id)))
    )  # fmt: skip
    with any_db.transaction() as s, pytest.raises(InputError, match="already used by the deal"):
        create_deal(s, {**raw, "deal_code": "d-9", "name": "Other"}, [], today=TODAY)
    with any_db.transaction() as s:
        update_deal(s, opened, opened.values(), list(opened.parties), families=[extra.id])
        now = get_deal(s, deal_id)
        set_stage(s, deal_id, now.version, DealStage.NEGOTIATION)
    with any_db.reading() as s:
        reopened = get_deal(s, deal_id)
    assert (reopened.stage, reopened.closed_on, reopened.families) == (
        DealStage.NEGOTIATION, None, (extra.id,)
    )  # fmt: skip
    yesterday = TODAY - timedelta(days=1)
    with any_db.transaction() as s:
        set_stage(s, deal_id, reopened.version, DealStage.LOST, closed_on=yesterday)
    with any_db.reading() as s:
        assert get_deal(s, deal_id).closed_on == yesterday
