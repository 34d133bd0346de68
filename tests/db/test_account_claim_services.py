"""Accounts and claims on SQLite and PostgreSQL: create and edit an account, merge two that are
the same company (with the history kept), register a claim with a new account, approve and
reject, expired claims read as expired, and the list of claims running out soon."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Account, AuditEntry, Claim, Deal, Partner, Quote
from app.domain.enums import ClaimStatus
from app.domain.errors import ConflictError, InputError, RefusedError
from app.services.claims.account_edit import (
    account_choices,
    check_account,
    create_account,
    direct_reps,
    get_account,
    update_account,
)
from app.services.claims.account_list import list_accounts_with_deals
from app.services.claims.account_merge import merge_accounts
from app.services.claims.accounts import list_accounts, list_claims
from app.services.claims.claim_edit import (
    check_claim,
    decide_claim,
    register_claim,
    restore_decision,
)
from app.services.claims.claim_list import (
    account_claims,
    account_deals,
    expiring_claims,
    shown_status,
)
from app.services.claims.claim_overlap import named_account_note, overlapping_claims
from tests.support.sample_records import TODAY, add_sample_records


def _account_id(db: Database, name: str) -> int:
    with db.reading() as s:
        return s.scalars(select(Account.id).where(Account.name == name)).one()


def _partner_id(db: Database, name: str) -> int:
    with db.reading() as s:
        return s.scalars(select(Partner.id).where(Partner.name == name)).one()


def test_create_and_edit_an_account_and_catch_a_stale_edit(any_db: Database) -> None:
    with any_db.transaction() as s:
        account_id = create_account(
            s, {"name": "Woodgrove Bank", "website": "https://www.woodgrove.example/about",
                "country": "germany", "city": "Berlin", "named_account": True},
        )  # fmt: skip
    with any_db.reading() as s:
        opened = get_account(s, account_id)
        stored = s.get(Account, account_id)
        assert stored is not None and stored.domain == "woodgrove.example"
        assert stored.name_key == "woodgrove bank"
    assert opened.country == "DE" and opened.named_account
    with any_db.transaction() as s:
        update_account(s, opened, {**opened.values(), "city": "Hamburg"})
    with any_db.transaction() as s, pytest.raises(ConflictError) as caught:
        update_account(s, opened, {**opened.values(), "city": "Munich"})
    assert caught.value.changes == {"city": ("Berlin", "Hamburg")}
    with any_db.transaction() as s:
        update_account(s, opened, {**opened.values(), "city": "Munich"}, overwrite=True)
        assert get_account(s, account_id).city == "Munich"
    assert check_account({"name": " ", "website": "not a site"})[1] == {
        "name": "Name is required",
        "website": "Website is not a web address (e.g. example.com or https://example.com)",
    }
    with any_db.transaction() as s, pytest.raises(InputError):
        create_account(s, {"name": "X", "country": "Narnia"})


def test_merge_moves_claims_deals_and_quotes_and_keeps_the_history(any_db: Database) -> None:
    add_sample_records(any_db)
    fabrikam = _account_id(any_db, "Fabrikam Inc")
    tailspin = _account_id(any_db, "Tailspin Toys")
    with any_db.transaction() as s:
        twin = create_account(s, {"name": "Fabrikam, Inc.", "city": "Seattle"})
        s.add(Claim(account_id=twin, partner_id=None, claimed_on=TODAY, valid_until=TODAY))
    with any_db.transaction() as s:
        # Tailspin (1 claim, 1 deal, 1 quote) is merged into the new twin.
        result = merge_accounts(s, twin, tailspin)
    assert (result.claims, result.deals, result.quotes) == (1, 1, 1)
    assert "Tailspin Toys was merged into Fabrikam, Inc." in result.summary()
    with any_db.transaction() as s:
        merge_accounts(s, fabrikam, twin)
    with any_db.reading() as s:
        for model in (Claim, Deal, Quote):
            assert set(s.scalars(select(model.account_id))) == {fabrikam}
        merged = s.get(Account, twin)
        assert merged is not None and merged.merged_into_id == fabrikam
        survivor = s.get(Account, fabrikam)
        assert survivor is not None and survivor.city == "Seattle"  # a fact it lacked, kept
        assert [r.name for r in list_accounts(s, today=TODAY)] == ["Fabrikam Inc"]
        assert [c.label for c in account_choices(s)] == ["Fabrikam Inc · Seattle, US"]
        pointer = s.scalars(
            select(AuditEntry.changes)
            .where(AuditEntry.table_name == "account", AuditEntry.record_id == str(twin))
            .order_by(AuditEntry.id.desc())
        ).first()
        assert pointer is not None and json.loads(pointer)["merged_into_id"] == [None, fabrikam]
        moved = s.scalars(select(AuditEntry.changes).where(AuditEntry.table_name == "claim")).all()
        assert any("account_id" in json.loads(c) for c in moved)
    with any_db.transaction() as s, pytest.raises(RefusedError):
        merge_accounts(s, fabrikam, twin)  # already merged
    with any_db.transaction() as s, pytest.raises(InputError):
        merge_accounts(s, fabrikam, fabrikam)
    with any_db.transaction() as s, pytest.raises(ConflictError):
        merge_accounts(s, fabrikam, tailspin, survivor_version=999)


def test_register_a_claim_on_a_new_account_then_approve_and_reject(any_db: Database) -> None:
    add_sample_records(any_db)
    north = _partner_id(any_db, "Northwind Traders")
    raw: dict[str, object] = {
        "partner_id": north, "account_id": None, "account_name": "Litware Ltd",
        "website": "litware.example", "country": "GB", "claimed_on": TODAY.isoformat(),
        "valid_until": "", "deal_amount": "12,500.50", "currency": "gbp",
        "commission_pct": "12.5%",
    }  # fmt: skip
    draft, errors = check_claim(raw, validity_days=90)
    assert errors == {} and draft is not None
    assert draft.valid_until == TODAY + timedelta(days=90)
    assert draft.deal_amount == Decimal("12500.50") and draft.currency == "GBP"
    assert draft.commission_pct == Decimal("12.5")
    with any_db.transaction() as s:
        claim_id = register_claim(s, draft)
    with any_db.reading() as s:
        claim = s.get(Claim, claim_id)
        assert claim is not None and claim.status is ClaimStatus.PENDING
        assert claim.account.domain == "litware.example" and claim.account.country == "GB"
        version = claim.version
    with any_db.transaction() as s, pytest.raises(InputError):
        decide_claim(s, claim_id, version, approve=False, reason="  ", today=TODAY)
    with any_db.transaction() as s:
        pending, approved = decide_claim(s, claim_id, version, True, reason="", today=TODAY)
    with any_db.transaction() as s, pytest.raises(ConflictError):
        decide_claim(s, claim_id, version, approve=False, reason="late", today=TODAY)
    with any_db.transaction() as s:
        rejected = decide_claim(
            s, claim_id, version + 1, approve=False, reason="Direct owns it", today=TODAY
        )[1]
    # Undoing the approval now would overwrite the rejection made since: refused.
    with any_db.transaction() as s, pytest.raises(ConflictError, match="changed by someone"):
        restore_decision(s, claim_id, approved, pending)
    assert pending.status is ClaimStatus.PENDING and rejected.status is ClaimStatus.REJECTED
    with any_db.reading() as s:
        claim = s.get(Claim, claim_id)
        assert claim is not None and claim.status is ClaimStatus.REJECTED
        assert claim.decision_reason == "Direct owns it" and claim.decided_at is not None


def test_claim_form_messages() -> None:
    draft, errors = check_claim(
        {"account_id": None, "account_name": "", "claimed_on": "2026-02-30",
         "valid_until": "", "deal_amount": "10.555", "currency": "EUR",
         "commission_pct": "120"},
        validity_days=90,
    )  # fmt: skip
    assert draft is None
    assert set(errors) == {"account_name", "claimed_on", "deal_amount", "commission_pct"}
    assert errors["claimed_on"] == "Claimed on is not a real date"
    _, errors = check_claim(
        {"account_id": 1, "claimed_on": "2026-03-10", "valid_until": "2026-03-01",
         "deal_amount": "100"},
        validity_days=90,
    )  # fmt: skip
    assert errors == {
        "valid_until": "Valid until is before the claim date",
        "currency": "Currency is required with a deal amount",
    }


def test_expired_claims_read_as_expired_and_the_expiring_list(any_db: Database) -> None:
    add_sample_records(any_db)
    fabrikam = _account_id(any_db, "Fabrikam Inc")
    with any_db.transaction() as s:
        for days, status in ((3, ClaimStatus.APPROVED), (14, ClaimStatus.PENDING),
                             (15, ClaimStatus.PENDING), (5, ClaimStatus.REJECTED),
                             (-1, ClaimStatus.APPROVED)):  # fmt: skip
            s.add(
                Claim(account_id=fabrikam, claimed_on=TODAY - timedelta(days=30),
                      valid_until=TODAY + timedelta(days=days), status=status)
            )  # fmt: skip
    with any_db.reading() as s:
        soon = expiring_claims(s, TODAY)
        assert [r.valid_until - TODAY for r in soon] == [timedelta(days=3), timedelta(days=14)]
        rows = list_claims(s, today=TODAY)
        lapsed = [r for r in rows if r.valid_until == TODAY - timedelta(days=1)]
        assert lapsed[0].status is ClaimStatus.APPROVED
        assert shown_status(lapsed[0]) is ClaimStatus.EXPIRED
        on_account = account_claims(s, fabrikam, TODAY)
        assert len(on_account) == 7 and on_account[0].live and not on_account[-1].live
        assert [d.name for d in account_deals(s, fabrikam)] == ["Fabrikam roll-out"]
        assert [r.label for r in direct_reps(s)] == ["Dana Direct"]
        counts = {r.name: (r.live_claims, r.open_deals) for r in list_accounts_with_deals(s, TODAY)}
        assert counts == {"Fabrikam Inc": (5, 1), "Tailspin Toys": (0, 0)}  # the pilot was won
    with any_db.transaction() as s, pytest.raises(RefusedError):
        decide_claim(s, lapsed[0].id, lapsed[0].version, True, "", today=TODAY)


def test_the_before_save_check_lists_who_since_when_and_why(any_db: Database) -> None:
    add_sample_records(any_db)
    adatum = _partner_id(any_db, "Adatum Systems")
    raw: dict[str, object] = {
        "partner_id": adatum, "account_id": None, "account_name": "Fabrikam Corporation",
        "website": "", "country": "US", "claimed_on": TODAY, "valid_until": "",
    }  # fmt: skip
    draft, _ = check_claim(raw, validity_days=90)
    assert draft is not None
    with any_db.reading() as s:
        found = overlapping_claims(s, draft, TODAY)
        note = named_account_note(s, replace(draft, account_id=_account_id(any_db, "Fabrikam Inc")))
    assert [(w.claimant, w.confidence, w.why) for w in found] == [
        ("Northwind Traders", "certain", "same name"),
        ("Direct", "certain", "same name"),
    ]
    assert found[0].claimed_on == TODAY - timedelta(days=10)
    assert note == "Fabrikam Inc is a named account of the direct team (owner Dana Direct)."
    north = replace(draft, partner_id=_partner_id(any_db, "Northwind Traders"))
    with any_db.reading() as s:  # a claimant's own claim is a renewal, not an overlap
        assert [w.claimant for w in overlapping_claims(s, north, TODAY)] == ["Direct"]
