"""The rules of engagement's warnings of a partner claim (SPEC.md, "Rules of engagement"), as
the claim dialog asks them and as a claims import reports them: the same answers both ways, on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import (
    Account,
    Claim,
    Deal,
    DealActivity,
    DealParty,
    DirectRep,
    Partner,
    Setting,
)
from app.domain.enums import ActivityKind, ClaimStatus, PartyRole
from app.domain.importing.sheet import sheet_from_rows
from app.domain.names import domain_key, name_key
from app.services.claims.engagement_check import probe_warnings
from app.services.claims.overlap_check import ClaimProbe
from app.services.importing import ImportOptions
from app.services.importing.claims import import_claims

TODAY = date(2026, 11, 23)


def _world(db: Database) -> dict[str, int]:
    ids: dict[str, int] = {}
    with db.transaction() as s:
        partner = Partner(name="Northwind", name_key=name_key("Northwind"), partner_code="P-1")
        rep = DirectRep(name="Dana Direct", email="dana@vendor.example")
        s.add_all([partner, rep])
        for label, name, web, named in (
            ("named", "Contoso Ltd", "contoso.com", True),
            ("claimed", "Globex GmbH", "globex.de", False),
            ("worked", "Initech AG", None, False),
            ("quiet", "Umbrella SA", None, False),
        ):
            account = Account(
                name=name, name_key=name_key(name), website=web, domain=domain_key(web),
                country="DE", named_account=named, owner_rep=rep if named else None,
            )  # fmt: skip
            s.add(account)
            s.flush()
            ids[label] = account.id
        s.flush()
        ids["partner"] = partner.id
        s.add(
            Claim(
                account_id=ids["claimed"], partner_id=None, claimed_on=TODAY - timedelta(days=20),
                valid_until=TODAY + timedelta(days=70), status=ClaimStatus.PENDING,
            )
        )  # fmt: skip
        s.add(  # a rejected claim of the team says nothing about its work there
            Claim(
                account_id=ids["quiet"], partner_id=None, claimed_on=TODAY - timedelta(days=3),
                valid_until=TODAY + timedelta(days=70), status=ClaimStatus.REJECTED,
            )
        )  # fmt: skip
        deal = Deal(
            name="Initech rollout", account_id=ids["worked"], amount=Decimal(1), currency="EUR"
        )
        deal.parties.append(DealParty(direct_rep=rep, role=PartyRole.DIRECT_REP))
        for days in (70, 30):
            deal.activities.append(
                DealActivity(
                    occurred_on=TODAY - timedelta(days=days), kind=ActivityKind.CALL,
                    summary="Call",
                )
            )  # fmt: skip
        quiet_deal = Deal(
            name="Umbrella", account_id=ids["quiet"], amount=Decimal(1), currency="EUR"
        )
        quiet_deal.activities.append(  # no direct rep among its parties
            DealActivity(occurred_on=TODAY - timedelta(days=1), kind=ActivityKind.CALL, summary="x")
        )
        s.add_all([deal, quiet_deal])
    return ids


def _probe(
    partner: int | None, name: str, web: str | None = None, account: int | None = None
) -> ClaimProbe:
    return ClaimProbe(account, name, web, "DE", partner, TODAY, TODAY + timedelta(days=90))


def test_the_dialogs_warnings(any_db: Database) -> None:
    ids = _world(any_db)
    partner = ids["partner"]
    with any_db.reading() as s:
        assert probe_warnings(s, _probe(partner, "Contoso Ltd", account=ids["named"])) == [
            "named direct account"
        ]
        # a new account typed with the named account's domain is certainly the same company
        assert probe_warnings(s, _probe(partner, "Contoso Europe", "www.contoso.com")) == [
            "named direct account"
        ]
        assert probe_warnings(s, _probe(partner, "Globex", account=ids["claimed"])) == [
            "direct team active since 2026-11-03"
        ]
        assert probe_warnings(s, _probe(partner, "INITECH", None)) == [
            "direct team active since 2026-10-24"
        ]
        assert probe_warnings(s, _probe(partner, "Umbrella SA", account=ids["quiet"])) == []
        assert probe_warnings(s, _probe(None, "Contoso Ltd", account=ids["named"])) == []


def test_a_shorter_cooling_off_drops_the_older_activity(any_db: Database) -> None:
    ids = _world(any_db)
    with any_db.transaction() as s:
        s.add(Setting(key="direct_cooling_off_days", value="25"))
    with any_db.reading() as s:
        assert probe_warnings(s, _probe(ids["partner"], "Initech AG", account=ids["worked"])) == []
        assert probe_warnings(s, _probe(ids["partner"], "Globex GmbH", account=ids["claimed"])) == [
            "direct team active since 2026-11-03"
        ]


def test_an_import_keeps_the_status_given_and_reports_what_the_dialog_warns(
    any_db: Database,
) -> None:
    ids = _world(any_db)
    rows = [
        {"partner": "P-1", "account": "Contoso Ltd", "country": "DE", "claimed_on": TODAY,
         "status": "approved"},
        {"partner": "Northwind", "account": "Globex Holding", "website": "https://globex.de",
         "country": "DE", "claimed_on": TODAY},
        {"partner": "Direct", "account": "Contoso Ltd", "country": "DE", "claimed_on": TODAY},
        {"partner": "P-1", "account": "Initech", "country": "DE", "claimed_on": TODAY},
        {"partner": "P-1", "account": "Umbrella SA", "country": "DE", "claimed_on": TODAY},
    ]  # fmt: skip
    with any_db.reading() as s:  # what the dialog says of each partner row, before it
        expected = [
            (number, str(row["account"]), reason)
            for number, row in enumerate(rows, start=2)
            if row["partner"] != "Direct"
            for reason in probe_warnings(
                s,
                _probe(ids["partner"], str(row["account"]), row.get("website")),  # type: ignore[arg-type]
            )
        ]
    with any_db.transaction() as s:
        summary = import_claims(s, sheet_from_rows(rows), ImportOptions())
    warned = [(w.row, w.value, w.reason) for w in summary.warnings]
    assert warned == [
        (2, "Contoso Ltd", "named direct account"),
        (3, "Globex Holding", "direct team active since 2026-11-03"),
        (5, "Initech", "direct team active since 2026-10-24"),
    ]
    assert "3 warnings (listed on stderr)." in summary.text()
    with any_db.reading() as s:
        contoso = s.scalars(
            select(Claim).where(
                Claim.account_id == ids["named"], Claim.partner_id == ids["partner"]
            )
        ).one()
        assert contoso.status is ClaimStatus.APPROVED  # an import keeps the status it is given
    assert warned == expected  # the dialog and the import: one rule
