"""Many partners written fast with Core executemany: the benchmark's and big-table tests' data."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import insert, select

from app.db.engine import Database
from app.db.models import Partner, Tier
from app.db.types import utcnow
from app.domain.enums import PartnerStatus, PartnerType
from app.domain.names import name_key

_WORDS = (
    "Alpine",
    "Baltic",
    "Cobalt",
    "Delta",
    "Ember",
    "Fjord",
    "Granite",
    "Harbor",
    "Indigo",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Meridian",
    "Nimbus",
    "Onyx",
    "Pioneer",
    "Quartz",
    "Riverside",
    "Summit",
    "Tundra",
    "Umber",
    "Vertex",
    "Willow",
    "Xenon",
    "Yonder",
    "Zephyr",
)
_KINDS = ("Systems", "Networks", "Solutions", "IT", "Consulting", "Partners", "Digital", "Group")
_CITIES = ("Berlin", "Paris", "Lyon", "London", "Leeds", "Austin", "Boston", "Milan", "Madrid")
_COUNTRIES = ("DE", "FR", "FR", "GB", "GB", "US", "US", "IT", "ES")
_MANAGERS = ("Ana Ruiz", "Ben Okafor", "Chen Wei", "Dana Novak", "Eli Haddad")


def add_many_partners(db: Database, count: int, seed: int = 7) -> None:
    """``count`` varied partners across the stored tiers, in one transaction."""
    rng = random.Random(seed)
    now = utcnow()
    with db.transaction() as session:
        tiers = list(session.scalars(select(Tier)))
        if not tiers:
            tiers = [Tier(name=n, rank=r) for r, n in enumerate(("Registered", "Silver", "Gold"))]
            session.add_all(tiers)
            session.flush()
        rows = []
        for n in range(count):
            name = f"{rng.choice(_WORDS)} {rng.choice(_WORDS)} {rng.choice(_KINDS)} {n}"
            place = rng.randrange(len(_CITIES))
            slug = name.lower().replace(" ", "")
            rows.append(
                {
                    "partner_code": f"P{n:06d}",
                    "name": name,
                    "name_key": name_key(name),
                    "legal_name": f"{name} Ltd",
                    "type": rng.choice(list(PartnerType)),
                    "tier_id": rng.choice(tiers).id,
                    "status": rng.choice(list(PartnerStatus)),
                    "country": _COUNTRIES[place],
                    "city": _CITIES[place],
                    "website": f"{slug}.example",
                    "email": f"sales@{slug}.example",
                    "account_manager": rng.choice(_MANAGERS),
                    "partner_since": date(2015, 1, 1) + timedelta(days=rng.randrange(4000)),
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        session.connection().execute(insert(Partner.__table__), rows)
