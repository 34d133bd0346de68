"""A small world of overlapping claims around ``today``, for the overlap tests."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from app.db.engine import Database
from app.db.models import Account, Claim, Partner
from app.domain.names import domain_key, name_key


def add_overlap_world(db: Database, today: date) -> dict[str, int]:
    """Three partners and five accounts: Contoso twice (same domain), a likely Umbrela/Umbrella
    pair, and Initech claimed once only."""
    ids: dict[str, int] = {}
    with db.transaction() as s:
        for name in ("Northwind", "Fabrikam", "Tailspin"):
            partner = Partner(name=name, name_key=name_key(name))
            s.add(partner)
            s.flush()
            ids[name] = partner.id
        for label, name, web, country in (
            ("contoso", "Contoso Ltd", "https://contoso.com", "GB"),
            ("contoso-uk", "Contoso UK Holdings", "www.contoso.com/uk", "GB"),
            ("umbrella", "Umbrella Health Group", None, "DE"),
            ("umbrela", "Umbrela Health Group", None, "DE"),
            ("initech", "Initech", None, "US"),
        ):
            account = Account(
                name=name, name_key=name_key(name), website=web, domain=domain_key(web),
                country=country,
            )  # fmt: skip
            s.add(account)
            s.flush()
            ids[label] = account.id

        def claim(label: str, who: str | None, amount: str, pct: str, start: int = -10) -> None:
            row = Claim(
                account_id=ids[label], partner_id=ids[who] if who else None,
                claimed_on=today + timedelta(days=start), valid_until=today + timedelta(days=60),
                deal_amount=Decimal(amount), currency="EUR", commission_pct=Decimal(pct),
            )  # fmt: skip
            s.add(row)
            s.flush()
            ids[f"{label}/{who or 'direct'}"] = row.id

        claim("contoso", "Northwind", "200000", "10")
        claim("contoso-uk", None, "150000", "0")
        claim("contoso-uk", "Fabrikam", "90000", "12.5")
        claim("umbrella", "Tailspin", "40000", "8")
        claim("umbrela", "Northwind", "35000", "8")
        claim("initech", "Fabrikam", "10000", "10")
    return ids
