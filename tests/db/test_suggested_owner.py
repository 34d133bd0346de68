"""Every overlap group's suggested owner and its rule (SPEC.md, "Rules of engagement"), as the
scan gives it, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from app.db.engine import Database
from app.db.models import Account, Claim, OverlapResolution, Partner
from app.domain.enums import ClaimStatus
from app.domain.errors import InputError
from app.services.claims.overlap_rows import claim_rows, group_rows, groups_json
from app.services.claims.overlaps import overlap_groups, resolve_group
from tests.support.overlap_world import add_overlap_world

TODAY = date(2026, 11, 23)


def _codes(db: Database, ids: dict[str, int]) -> None:
    with db.transaction() as s:
        for name, code in (
            ("Northwind", "P-20002"),
            ("Fabrikam", "P-10001"),
            ("Tailspin", "P-00300"),
        ):
            s.execute(update(Partner).where(Partner.id == ids[name]).values(partner_code=code))


def test_first_registration_ties_go_to_direct_then_partner_id_in_text_order(
    any_db: Database,
) -> None:
    ids = add_overlap_world(any_db, TODAY)
    _codes(any_db, ids)
    with any_db.reading() as s:
        contoso, umbrella = overlap_groups(s, TODAY)
    # Contoso: Northwind, Direct and Fabrikam all claimed on one day: Direct first.
    assert contoso.suggestion == ("Direct", "first registration")
    # Umbrella: Tailspin (P-00300) and Northwind (P-20002) on one day: P-00300 sorts first,
    # though Northwind sorts first by name.
    assert umbrella.suggestion == ("P-00300", "first registration")
    assert group_rows([umbrella])[0].suggested_owner == "Tailspin (P-00300)"
    assert groups_json([umbrella])[0]["suggested_owner"] == "P-00300"
    assert groups_json([umbrella])[0]["rule"] == "first registration"
    assert {r.rule for r in claim_rows([contoso, umbrella])} == {"first registration"}


def test_an_approved_claim_wins_over_an_earlier_pending_one(any_db: Database) -> None:
    ids = add_overlap_world(any_db, TODAY)
    _codes(any_db, ids)
    with any_db.transaction() as s:
        s.execute(
            update(Claim)
            .where(Claim.id == ids["contoso-uk/Fabrikam"])
            .values(status=ClaimStatus.APPROVED, claimed_on=TODAY - timedelta(days=2))
        )
    with any_db.reading() as s:
        contoso = overlap_groups(s, TODAY)[0]
    assert contoso.suggestion == ("P-10001", "first approved registration")
    assert contoso.owner_name() == "Fabrikam (P-10001)"


def test_a_named_account_goes_to_direct_and_a_lone_partner_claim_on_it_is_a_group(
    any_db: Database,
) -> None:
    ids = add_overlap_world(any_db, TODAY)
    _codes(any_db, ids)
    with any_db.transaction() as s:
        s.execute(
            update(Account)
            .where(Account.id.in_([ids["contoso-uk"], ids["initech"]]))
            .values(named_account=True)
        )
    with any_db.reading() as s:
        groups = overlap_groups(s, TODAY)
    by_key = {g.key: g for g in groups}
    contoso = next(g for g in groups if ids["contoso/Northwind"] in {c.id for c in g.claims})
    assert contoso.suggestion == ("Direct", "named account")
    # Initech: Fabrikam's claim overlaps nobody's, but the account is on the direct team's list.
    initech = by_key[str(ids["initech/Fabrikam"])]
    assert initech.suggestion == ("Direct", "named account")
    assert [c.claimant_name for c in initech.claims] == ["Fabrikam"]
    (row,) = claim_rows([initech])
    assert row.why == "on a named account of the direct team"
    assert len(groups) == 3
    # A resolution that leaves Initech with Fabrikam all the same is not asked again.
    with any_db.transaction() as s:
        claim = ids["initech/Fabrikam"]
        resolve_group(s, [claim], claim, "Agreed with the direct rep", TODAY)
    with any_db.reading() as s:
        assert len(overlap_groups(s, TODAY)) == 2


def test_the_direct_teams_own_claim_on_a_named_account_is_no_group(any_db: Database) -> None:
    ids = add_overlap_world(any_db, TODAY)
    with any_db.transaction() as s:
        s.execute(update(Account).where(Account.id == ids["initech"]).values(named_account=True))
        s.execute(update(Claim).where(Claim.id == ids["initech/Fabrikam"]).values(partner_id=None))
    with any_db.reading() as s:
        assert len(overlap_groups(s, TODAY)) == 2


def test_the_direct_team_owns_without_a_claim_only_a_named_account(any_db: Database) -> None:
    ids = add_overlap_world(any_db, TODAY)
    group = [ids["umbrella/Tailspin"], ids["umbrela/Northwind"]]
    with pytest.raises(InputError, match="Only a named account"), any_db.transaction() as s:
        resolve_group(s, group, None, "Ours", TODAY)
    with any_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(OverlapResolution)) == 0
        assert all(c.status is ClaimStatus.PENDING for c in s.scalars(select(Claim)))
