"""The read-only row services the pages show: frozen rows, computed states, totals per currency."""

from __future__ import annotations

import gc
from datetime import timedelta
from decimal import Decimal

import pytest

from app.db.engine import Database
from app.domain.enums import ClaimStatus, QuoteStatus
from app.domain.training import TrainingState, training_state
from app.services.claims.accounts import DIRECT, list_accounts, list_claims
from app.services.dashboard.figures import load_dashboard
from app.services.deals.rows import list_deals
from app.services.quotes.rows import list_quotes
from app.services.training.records import CONTACT, FAMILY, PARTNER, list_training, row_state
from tests.support.sample_records import TODAY, add_sample_records


@pytest.fixture
def db(sqlite_db: Database) -> Database:
    add_sample_records(sqlite_db)
    return sqlite_db


def test_training_state_on_a_given_day() -> None:
    assert training_state(True, None, TODAY) is TrainingState.VALID
    assert training_state(True, TODAY + timedelta(days=60), TODAY) is TrainingState.EXPIRING
    assert training_state(True, TODAY + timedelta(days=61), TODAY) is TrainingState.VALID
    assert training_state(True, TODAY - timedelta(days=1), TODAY) is TrainingState.EXPIRED
    assert training_state(True, TODAY, TODAY) is TrainingState.EXPIRING
    assert training_state(False, None, TODAY) is TrainingState.NOT_PASSED
    assert TrainingState.EXPIRING.label == "Expiring soon"


def test_training_rows_name_contact_partner_course_and_state(db: Database) -> None:
    with db.reading() as s:
        rows = list_training(s, today=TODAY)
    assert [(r[CONTACT], row_state(r)) for r in rows] == [
        ("Bob Stone", TrainingState.VALID),
        ("Alice Meyer", TrainingState.EXPIRING),
        ("Bob Stone", TrainingState.EXPIRED),
    ]
    assert rows[1][PARTNER] == "Northwind Traders" and rows[1][FAMILY] == "Core Platform"


def test_training_rows_are_plain_tuples_the_cycle_collector_stops_tracking(db: Database) -> None:
    """The training page keeps one row per record (70,000 for a large partner base): rows the
    collector tracks would be walked again in every full pass, which stops the window too."""
    with db.reading() as s:
        rows = list_training(s, today=TODAY)
    gc.collect()
    assert rows and all(type(r) is tuple and not gc.is_tracked(r) for r in rows)


def test_claims_name_the_direct_team_and_know_which_are_live(db: Database) -> None:
    with db.reading() as s:
        claims = list_claims(s, today=TODAY)
        accounts = list_accounts(s, today=TODAY)
    by_claimant = {c.claimant: c for c in claims}
    assert set(by_claimant) == {"Northwind Traders", DIRECT, "Contoso Partners"}
    assert by_claimant[DIRECT].partner_id is None and by_claimant[DIRECT].live
    assert by_claimant["Contoso Partners"].status is ClaimStatus.EXPIRED
    assert not by_claimant["Contoso Partners"].live
    assert by_claimant["Northwind Traders"].deal_amount == Decimal("125000")
    assert [(a.name, a.live_claims) for a in accounts] == [
        ("Fabrikam Inc", 2),
        ("Tailspin Toys", 0),
    ]
    assert accounts[0].owner_rep == "Dana Direct"


def test_deals_fold_their_parties_and_total_the_commission(db: Database) -> None:
    with db.reading() as s:
        deals = {d.name: d for d in list_deals(s)}
    rollout = deals["Fabrikam roll-out"]
    assert rollout.registering_partner == "Northwind Traders"
    assert rollout.direct_reps == "Dana Direct"
    assert rollout.total_commission_pct == Decimal(25)
    assert rollout.parties == 2
    pilot = deals["Tailspin pilot"]
    assert pilot.registering_partner is None and pilot.total_commission_pct == 0
    assert list(deals) == ["Fabrikam roll-out", "Tailspin pilot"]  # no close date last


def test_quotes_show_their_latest_revision(db: Database) -> None:
    with db.reading() as s:
        quotes = list_quotes(s)
    assert [(q.number.split("-")[-1], q.revision, q.status) for q in quotes] == [
        ("00002", 1, QuoteStatus.SENT),
        ("00001", 2, QuoteStatus.NEEDS_APPROVAL),
    ]
    assert quotes[1].total == Decimal("1071.00") and quotes[1].currency == "EUR"


def test_dashboard_counts_and_pipeline_per_currency(db: Database) -> None:
    with db.reading() as s:
        board = load_dashboard(s, today=TODAY)
    assert (board.partners, board.active_partners) == (3, 2)
    assert {t.tier: t.active_partners for t in board.by_tier}["Gold"] == 1
    assert board.certifications_expiring == 1
    assert board.live_claims == 2
    assert board.open_deals == 1
    assert [(p.currency, p.deals, p.amount) for p in board.pipeline] == [
        ("EUR", 1, Decimal("125000"))
    ]
    assert board.quotes_awaiting_approval == 1


def test_services_answer_on_an_empty_database(sqlite_db: Database) -> None:
    with sqlite_db.reading() as s:
        assert list_training(s) == list_claims(s) == list_accounts(s) == []
        assert list_deals(s) == list_quotes(s) == []
        board = load_dashboard(s)
    assert board.partners == 0 and board.pipeline == () and board.live_claims == 0
