"""The quote editor's use cases without the editor: pricing a draft as it is typed, storing it.

Figures as in ``test_quote_service`` (price book of ``tests.support.quote_book``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.db.engine import Database
from app.domain.enums import QuoteStatus
from app.domain.pricing import LineRequest
from app.services.quotes.draft_pricing import DraftForm, price_draft, sku_choices
from app.services.quotes.draft_store import issue_draft, store_draft
from app.services.quotes.issue_check import issue_check
from app.services.quotes.read import read_quote
from tests.support.quote_book import QUOTE_DAY, add_price_book

FORM = DraftForm(
    partner="Northwind Traders",
    account="Contoso Ltd",
    currency="EUR",
    quote_date=QUOTE_DAY,
    tax_rate_pct=None,
    lines=(LineRequest("CD-100", 3), LineRequest("cd-200", 10)),
)


@pytest.fixture
def db(any_db: Database) -> Database:
    add_price_book(any_db)
    return any_db


def test_a_draft_is_priced_as_the_quote_will_be(db: Database) -> None:
    with db.reading() as session:
        draft = price_draft(session, FORM)
    assert draft.priced is not None and draft.problems == ()
    assert draft.priced.totals.total == Decimal("4683.72")
    assert draft.account_id is not None


def test_every_problem_of_a_draft_is_listed_and_nothing_is_priced(db: Database) -> None:
    form = DraftForm(
        "Nobody GmbH", "Contoso Ltd", "EUR", QUOTE_DAY, None, (LineRequest("NOPE-1", 1),)
    )
    with db.reading() as session:
        draft = price_draft(session, form)
    assert draft.priced is None
    assert len(draft.problems) == 2
    assert "Nobody GmbH" in draft.problems[0] and "NOPE-1" in draft.problems[1]


def test_storing_a_new_draft_creates_the_quote_the_editor_priced(db: Database) -> None:
    with db.reading() as session:
        skus = [sku for sku, _name in sku_choices(session)]
        priced = price_draft(session, FORM).priced
    assert "CD-100" in skus and skus == sorted(skus)
    with db.transaction() as session:
        number, draft = store_draft(session, FORM, None, None)
    # A new quote is a draft: issuing is a step of its own, after a last look.
    assert (draft.number, draft.revision) == (number, 1)
    with db.reading() as session:
        stored = read_quote(session, number)
    assert priced is not None and stored.totals == priced.totals
    assert stored.status is QuoteStatus.DRAFT and not stored.frozen


def test_the_issue_check_shows_the_total_to_freeze_and_the_warnings(db: Database) -> None:
    with db.transaction() as session:
        number, draft = store_draft(session, FORM, None, None)
    with db.reading() as session:
        check = issue_check(session, number, draft.revision)
    assert (check.name, check.lines, check.total) == (f"{number} rev 1", 2, "EUR 4,683.72")
    assert not check.blocked
    with db.transaction() as session:
        issue_draft(session, draft)
        assert read_quote(session, number).status is QuoteStatus.ISSUED


def test_a_quote_date_at_the_end_of_the_calendar_is_a_problem_not_a_crash(db: Database) -> None:
    """The editor's date field reaches 9999-12-31; a quote valid for 30 days more cannot be."""
    form = DraftForm("Northwind Traders", "Contoso Ltd", "EUR", date(9999, 12, 31), None,
                     (LineRequest("CD-100", 1),))  # fmt: skip
    with db.reading() as session:
        draft = price_draft(session, form)
    assert draft.priced is None
    assert draft.problems == ("The quote date 9999-12-31 is outside the years 1900 to 2999.",)
