"""A big program world written fast with Core executemany: partners, won deals with their
parties, spend items and a rate, for the Program page's responsiveness test."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import insert, select

from app.db.engine import Database
from app.db.models import Account, Deal, DealParty, FxRate, Partner, SpendItem
from app.domain.enums import DealStage, PartyRole, SpendProgram
from app.domain.names import name_key

YEAR_START = date(2026, 1, 1)


def add_program_bulk(
    db: Database, partners: int, deals: int, spend_items: int, seed: int = 11
) -> None:
    """``deals`` won deals and ``spend_items`` items spread over 2026 among ``partners``."""
    rng = random.Random(seed)
    with db.transaction() as session:
        session.execute(
            insert(Partner),
            [
                {"partner_code": f"P-{n:05}", "name": f"Partner {n}",
                 "name_key": name_key(f"Partner {n}"), "country": "DE"}
                for n in range(1, partners + 1)
            ],
        )  # fmt: skip
        session.add(Account(name="Fabrikam", name_key=name_key("Fabrikam"), country="DE"))
        session.add(FxRate(currency="USD", into_currency="EUR", rate=Decimal("0.9"),
                           effective_from=date(2025, 1, 1)))  # fmt: skip
        session.flush()
        ids = list(session.scalars(select(Partner.id)))
        account = session.scalar(select(Account.id))

        def day() -> date:
            return YEAR_START + timedelta(days=rng.randrange(365))

        session.execute(
            insert(Deal),
            [
                {"deal_code": f"D-{n}", "name": f"Deal {n}", "account_id": account,
                 "stage": DealStage.WON, "amount": Decimal(rng.randrange(1000, 90000)),
                 "currency": rng.choice(("EUR", "USD", "GBP")), "closed_on": day()}
                for n in range(deals)
            ],
        )  # fmt: skip
        deal_ids = list(session.scalars(select(Deal.id)))
        parties = []
        for deal_id in deal_ids:
            first, second = rng.sample(ids, 2)
            parties.append({"deal_id": deal_id, "partner_id": first,
                            "role": PartyRole.REGISTERING_PARTNER})  # fmt: skip
            if rng.random() < 0.5:
                parties.append({"deal_id": deal_id, "partner_id": second,
                                "role": PartyRole.INFLUENCER})  # fmt: skip
        session.execute(insert(DealParty), parties)
        session.execute(  # NULL for no partner: one batch rather than one per run of rows
            insert(SpendItem).execution_options(render_nulls=True),
            [
                {"partner_id": rng.choice([*ids[:50], None]),
                 "program": rng.choice(list(SpendProgram)), "spent_on": day(),
                 "amount": Decimal(rng.randrange(100, 5000)), "currency": "EUR",
                 "description": f"Item {n}"}
                for n in range(spend_items)
            ],
        )  # fmt: skip
