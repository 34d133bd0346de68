"""The lead rules as stored: defaults on a fresh database, a round trip, unknown tiers refused."""

from __future__ import annotations

import pytest

from app.db.engine import Database
from app.db.models import Tier
from app.domain.errors import InputError
from app.domain.leads.rules import LeadRules
from app.services.leads.rules import read_lead_rules, save_lead_rules


def test_a_fresh_database_has_the_specs_rules(any_db: Database) -> None:
    with any_db.reading() as s:
        assert read_lead_rules(s) == LeadRules()


def test_saved_rules_read_back(any_db: Database) -> None:
    changed = LeadRules(
        routes={"A": "direct", "none": "partners"},
        tier_weights={"gold": 5, "Platinum": 0},
        acceptance_days=5,
        quiet_days=21,
        load_window_days=30,
        pause_after_expired=0,
    )
    with any_db.transaction() as s:
        save_lead_rules(s, changed)
    with any_db.reading() as s:
        read = read_lead_rules(s)
    assert read.route_of("A") == "direct" and read.route_of(None) == "partners"
    assert dict(read.tier_weights) == {"Gold": 5, "Platinum": 0}  # Registered, Silver: unlisted
    assert read.weight_of("Silver") == 1
    assert (read.acceptance_days, read.quiet_days) == (5, 21)
    assert (read.load_window_days, read.pause_after_expired) == (30, 0)


def test_an_unknown_tier_is_refused_and_nothing_changes(any_db: Database) -> None:
    refused = pytest.raises(InputError, match=r"'Diamond' is not known.*Registered, Silver, Gold")
    with refused, any_db.transaction() as s:
        save_lead_rules(s, LeadRules(tier_weights={"Gold": 9, "Diamond": 2}))
    with any_db.reading() as s:
        assert s.query(Tier.lead_weight).filter(Tier.name == "Gold").scalar() == 3
