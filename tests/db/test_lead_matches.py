"""A lead's certain account matches, read in SQL, are exactly the pairs the overlap rule
``same_company`` calls certain: one rule for overlaps and for routing, on both engines."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Account
from app.db.models.leads import Lead
from app.domain.overlap_match import CERTAIN, same_company
from app.services.leads.world import certain_matches

NAMES = ["contoso", "fabrikam", "northwind", "tailspin", ""]
DOMAINS = ["contoso.com", "fabrikam.com", "example.org", None]
COUNTRIES = ["DE", "FR", None]
OFFSET = 1_000_000  # a lead is never "the same record" as an account


def test_sql_matches_are_the_rules_certain_pairs(any_db: Database) -> None:
    rnd = random.Random(20)
    with any_db.transaction() as s:
        accounts = [
            Account(name=f"A{i}", name_key=rnd.choice(NAMES), domain=rnd.choice(DOMAINS),
                    country=rnd.choice(COUNTRIES))
            for i in range(40)
        ]  # fmt: skip
        merged = Account(name="gone", name_key="contoso", domain="contoso.com", country="DE")
        leads = [
            Lead(lead_code=f"L-{i}", company=f"L{i}", name_key=rnd.choice(NAMES),
                 domain=rnd.choice(DOMAINS), country=rnd.choice(["DE", "FR"]),
                 created_on=date(2026, 11, 1))
            for i in range(40)
        ]  # fmt: skip
        s.add_all([*accounts, merged, *leads])
        s.flush()
        merged.merged_into_id = accounts[0].id
    with any_db.reading() as s:
        matched = certain_matches(select(Lead.id))
        found = set(s.execute(select(matched.c.lead_id, matched.c.account_id)).all())
        rows = s.execute(
            select(Account.id, Account.name_key, Account.domain, Account.country).where(
                Account.merged_into_id.is_(None)
            )
        ).all()
        lead_rows = s.execute(select(Lead.id, Lead.name_key, Lead.domain, Lead.country)).all()
    expected = set()
    for lead_id, key, domain, country in lead_rows:
        for account_id, a_key, a_domain, a_country in rows:
            match = same_company(
                (lead_id + OFFSET, "", key, domain, country, None),
                (account_id, "", a_key, a_domain, a_country, None),
                threshold=101,  # above any score: likely matches never count here
            )
            if match is not None and match.confidence == CERTAIN:
                expected.add((lead_id, account_id))
    assert found == expected
    assert len(expected) > 20  # the sample really exercises the rule
