"""The overlap report, its decisions and the before-save check, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import AuditEntry, Claim, OverlapResolution
from app.domain.enums import ClaimStatus
from app.domain.errors import ConflictError, InputError, RefusedError
from app.domain.overlap_match import Confidence
from app.services.claims.overlap_check import ClaimProbe, new_claim_overlaps
from app.services.claims.overlaps import dismiss_match, overlap_groups, resolve_group
from tests.support.db_templates import DemoLike
from tests.support.overlap_world import add_overlap_world

TODAY = date(2026, 11, 23)


def test_groups_with_claimants_confidence_and_exposure(any_db: Database) -> None:
    ids = add_overlap_world(any_db, TODAY)
    with any_db.reading() as s:
        groups = overlap_groups(s, TODAY)
    assert len(groups) == 2
    contoso, umbrella = groups  # largest exposure first
    assert contoso.claimants == ("Northwind", "Direct", "Fabrikam")
    assert contoso.confidence is Confidence.CERTAIN
    assert contoso.exposure == (("EUR", Decimal("31250.00")),)  # 20,000 + 0 + 11,250
    whys = {o.why for o in contoso.overlaps}
    assert whys == {"same domain contoso.com", "same account"}
    assert umbrella.confidence is Confidence.LIKELY
    assert umbrella.exposure == (("EUR", Decimal("6000.00")),)
    assert {c.id for c in umbrella.claims} == {ids["umbrella/Tailspin"], ids["umbrela/Northwind"]}


def test_resolving_rejects_the_others_with_the_reason_and_keeps_the_decision(
    any_db: Database,
) -> None:
    ids = add_overlap_world(any_db, TODAY)
    with any_db.reading() as s:
        group = overlap_groups(s, TODAY)[0]
    claim_ids = [c.id for c in group.claims]
    owner = ids["contoso/Northwind"]
    with any_db.transaction() as s, pytest.raises(InputError, match="Say why"):
        resolve_group(s, claim_ids, owner, "  ", TODAY)
    with any_db.transaction() as s:
        resolve_group(s, claim_ids, owner, "Registered first, with the customer's RFP", TODAY)
    with any_db.reading() as s:
        claims = {c.id: c for c in s.scalars(select(Claim).where(Claim.id.in_(claim_ids)))}
        resolution = s.scalars(select(OverlapResolution)).one()
        audit = s.scalars(
            select(AuditEntry).where(
                AuditEntry.table_name == "claim", AuditEntry.record_id == str(claim_ids[1])
            )
        ).all()
        remaining = overlap_groups(s, TODAY)
    assert claims[owner].status is ClaimStatus.PENDING
    others = [c for c in claims.values() if c.id != owner]
    assert all(c.status is ClaimStatus.REJECTED for c in others)
    assert all("Registered first" in (c.decision_reason or "") for c in others)
    assert resolution.owner_claim_id == owner and resolution.reason.startswith("Registered")
    assert any("rejected" in json.dumps(a.changes) for a in audit)
    assert len(remaining) == 1  # only the likely Umbrella group is left
    with any_db.transaction() as s, pytest.raises(ConflictError, match="refresh"):
        resolve_group(s, claim_ids, owner, "again", TODAY)  # the group is gone meanwhile


def test_not_the_same_company_dismisses_a_likely_match_for_good(any_db: Database) -> None:
    ids = add_overlap_world(any_db, TODAY)
    with any_db.transaction() as s:
        dismiss_match(s, ids["umbrela"], ids["umbrella"])
        dismiss_match(s, ids["umbrella"], ids["umbrela"])  # twice changes nothing
    with any_db.reading() as s:
        assert len(overlap_groups(s, TODAY)) == 1
    with any_db.transaction() as s, pytest.raises(RefusedError, match="certainly the same"):
        dismiss_match(s, ids["contoso"], ids["contoso-uk"])


def test_before_save_check_names_who_since_when_and_why(any_db: Database) -> None:
    ids = add_overlap_world(any_db, TODAY)
    probe = ClaimProbe(
        account_id=None, name="Contoso Limited", website="sales@contoso.com", country="GB",
        partner_id=ids["Tailspin"], claimed_on=TODAY, valid_until=TODAY + timedelta(days=90),
    )  # fmt: skip
    with any_db.reading() as s:
        found = new_claim_overlaps(s, probe, TODAY)
        picked = new_claim_overlaps(s, replace(probe, account_id=ids["contoso"]), TODAY)
        likely = new_claim_overlaps(
            s, ClaimProbe(None, "Umbrella Helth Group", None, "DE", ids["Fabrikam"], TODAY,
                          TODAY + timedelta(days=30)), TODAY,
        )  # fmt: skip
        own = new_claim_overlaps(
            s, ClaimProbe(ids["initech"], "Initech", None, "US", ids["Fabrikam"], TODAY,
                          TODAY + timedelta(days=30)), TODAY,
        )  # fmt: skip
        later = new_claim_overlaps(
            s, ClaimProbe(ids["initech"], "Initech", None, "US", ids["Northwind"],
                          TODAY + timedelta(days=61), TODAY + timedelta(days=90)), TODAY,
        )  # fmt: skip
    assert [(f.claimant, f.confidence) for f in found] == [
        ("Northwind", "certain"), ("Direct", "certain"), ("Fabrikam", "certain"),
    ]  # fmt: skip
    assert found[0].why == "same domain contoso.com" and found[0].claimed_on < TODAY
    assert [f.claim_id for f in picked] == [f.claim_id for f in found]
    assert picked[0].why == "same account"  # Northwind's claim is on the picked account itself
    assert {(f.claimant, f.confidence) for f in likely} == {
        ("Tailspin", "likely"), ("Northwind", "likely"),
    }  # fmt: skip
    assert all(f.why.startswith("similar name") for f in likely)
    assert own == []  # Fabrikam renewing its own claim is no conflict
    assert later == []  # the windows never meet


def test_before_save_check_reads_abbreviations_as_their_full_words(any_db: Database) -> None:
    """The check proposes the accounts the rule accepts: "Hlth. Grp." is "Health Group"."""
    ids = add_overlap_world(any_db, TODAY)
    probe = ClaimProbe(
        None, "Umbrella Hlth. Grp.", None, "DE", ids["Fabrikam"], TODAY, TODAY + timedelta(days=30)
    )
    with any_db.reading() as s:
        found = new_claim_overlaps(s, probe, TODAY)
    assert {(f.claimant, f.confidence) for f in found} == {
        ("Tailspin", "likely"), ("Northwind", "likely"),
    }  # fmt: skip


def test_the_demo_world_has_overlaps_of_every_kind(any_db: Database, demo_like: DemoLike) -> None:
    with demo_like(any_db, TODAY).reading() as s:
        groups = overlap_groups(s, TODAY)
    assert groups
    claimants = [g.claimants for g in groups]
    assert any("Direct" in c for c in claimants)  # partner against the direct team
    assert any("Direct" not in c for c in claimants)  # partner against partner
    assert {g.confidence for g in groups} == {Confidence.CERTAIN, Confidence.LIKELY}
