"""Many new leads written fast with Core executemany, for tests of a routing run's size."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import insert

from app.db.engine import Database
from app.db.models.leads import Lead
from app.db.types import utcnow
from app.domain.enums import LeadStatus
from app.domain.names import name_key

_COUNTRIES = ("DE", "FR", "GB", "US", "IT", "ES")
_GRADES = ("A", "B", "C", "C", "D", None)


def add_many_leads(db: Database, count: int, today: date, seed: int = 11) -> None:
    """``count`` new leads of every grade over the last quarter, without a product family."""
    rng = random.Random(seed)
    now = utcnow()
    rows = []
    for n in range(count):
        company = f"Prospect {n:06d} GmbH"
        rows.append(
            {
                "lead_code": f"BL-{n:06d}",
                "company": company,
                "name_key": name_key(company),
                "country": rng.choice(_COUNTRIES),
                "grade": rng.choice(_GRADES),
                "campaign": f"Campaign {n % 7}",
                "created_on": today - timedelta(days=rng.randrange(90)),
                "status": LeadStatus.NEW,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
    with db.transaction() as session:
        session.connection().execute(insert(Lead.__table__), rows)
