"""Free text that no import brings (a deal's activity log, a mail subject) keeps the one text
rule too: controls refused with their name, a line break in a one-line field a space."""

from __future__ import annotations

import pytest

from app.db.engine import Database
from app.domain.enums import ActivityKind
from app.domain.errors import InputError
from app.services.claims.account_edit import create_account
from app.services.claims.claim_edit import check_claim, decide_claim, register_claim
from app.services.deals.edit import Activity, add_activity, create_deal, get_deal
from app.services.quotes.mail import QuoteMail
from tests.support.sample_records import TODAY


def test_an_activity_with_a_control_character_is_refused(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        account = create_account(session, {"name": "Tailspin Toys", "country": "US"})
        deal = create_deal(
            session, {"name": "Expansion", "account_id": account, "currency": "EUR"}, []
        )
    for summary, step in (("Call\x1b[2J", None), ("Call", "Send\x07 it")):
        with sqlite_db.transaction() as session, pytest.raises(InputError, match="control"):
            add_activity(session, deal, Activity(TODAY, ActivityKind.CALL, summary, step, None))
    with sqlite_db.transaction() as session:
        add_activity(
            session, deal, Activity(TODAY, ActivityKind.CALL, "Met\r\nthem", "Send\nit", None)
        )
    with sqlite_db.reading() as session:
        (activity,) = get_deal(session, deal).activities
    assert (activity.summary, activity.next_step) == ("Met\nthem", "Send it")


def test_a_mail_subject_is_one_clean_line() -> None:
    mail = QuoteMail("Q-1", 1, "me@example.com", "you@example.com", "s", "b", "q.pdf", b"%PDF")
    assert mail.outgoing("you@example.com", "Quote\nQ-1 ", "b").subject == "Quote Q-1"
    with pytest.raises(InputError, match="ESC"):
        mail.draft("", "Quote\x1b]0;x\x07", "b")


def test_a_rejection_reason_with_a_control_character_is_refused(sqlite_db: Database) -> None:
    draft, errors = check_claim(
        {"account_id": None, "account_name": "Litware", "country": "GB",
         "claimed_on": TODAY.isoformat()},
        validity_days=90,
    )  # fmt: skip
    assert errors == {} and draft is not None
    with sqlite_db.transaction() as session:
        claim = register_claim(session, draft)
    with sqlite_db.transaction() as session, pytest.raises(InputError, match="BEL"):
        decide_claim(session, claim, 1, approve=False, reason="late\x07", today=TODAY)
    with sqlite_db.transaction() as session:
        decide_claim(session, claim, 1, approve=False, reason="late\r\nagain", today=TODAY)
