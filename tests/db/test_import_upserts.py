"""Import services on both engines: upsert by natural key, re-import, skip-invalid, dry run."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Account, AuditEntry, Claim, Contact, Course, Partner, TrainingRecord
from app.domain.importing.report import ImportRefused
from app.domain.importing.sheet import sheet_from_rows
from app.domain.progress import CancelledByUser
from app.services.importing import ImportOptions
from app.services.importing.claims import import_claims
from app.services.importing.contacts import import_contacts
from app.services.importing.partners import import_partners
from app.services.importing.training import import_training
from app.services.partners.related import partner_history

PARTNERS = [
    {"partner_code": "P-1", "name": "Contoso Ltd", "tier": "gold", "country": "Germany",
     "phone": 4930123456.0, "partner_since": date(2020, 1, 2), "type": "MSP"},
    {"partner_code": None, "name": "Fabrikam", "tier": " Silver ", "country": "fr",
     "website": "fabrikam.fr", "status": "active"},
]  # fmt: skip


def _import(db: Database, rows: list[dict[str, object]], **options: object):  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        return import_partners(session, sheet_from_rows(rows), ImportOptions(**options))  # type: ignore[arg-type]


def _count(db: Database, model: type) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_partners_created_then_unchanged_on_reimport(any_db: Database) -> None:
    first = _import(any_db, PARTNERS)
    assert (first.new, first.updated, first.unchanged) == (2, 0, 0)
    with any_db.reading() as session:
        contoso = session.scalars(select(Partner).where(Partner.partner_code == "P-1")).one()
        assert contoso.phone == "4930123456"
        assert contoso.country == "DE"
        assert contoso.tier is not None and contoso.tier.name == "Gold"
        assert contoso.type.value == "msp"
    audits = _count(any_db, AuditEntry)
    assert audits == 1  # the partners one block creates share one entry
    with any_db.reading() as session:
        for partner in session.scalars(select(Partner).order_by(Partner.id)):
            (created,) = partner_history(session, partner.id)
            assert (created.what, created.field) == ("Partner created", "Imported from")
            assert created.new == f"Sheet1, row {partner.id + 1}"
    again = _import(any_db, PARTNERS)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
    assert _count(any_db, Partner) == 2
    assert _count(any_db, AuditEntry) == audits


def test_update_by_name_and_country_records_the_change(any_db: Database) -> None:
    _import(any_db, PARTNERS)
    changed = [dict(PARTNERS[1], tier="Platinum", name="FABRIKAM")]
    result = _import(any_db, changed)
    assert (result.new, result.updated) == (0, 1)
    with any_db.reading() as session:
        partner = session.scalars(select(Partner).where(Partner.name == "FABRIKAM")).one()
        assert partner.version == 2
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "update")).one()
        assert entry.record_id == str(partner.id)
        assert '"name": ["Fabrikam", "FABRIKAM"]' in entry.changes


def test_all_or_nothing_then_skip_invalid(any_db: Database) -> None:
    rows = [
        *PARTNERS,
        {"name": "Bad", "tier": "Bronze", "email": "x@"},
        {"name": None, "city": "X"},
    ]
    with pytest.raises(ImportRefused) as info:
        _import(any_db, rows)
    lines = str(info.value).splitlines()
    assert lines[1:] == [
        "row 4, column 'tier': 'Bronze' is not a known tier: use one of Gold, Platinum, "
        "Registered, Silver",
        "row 4, column 'email': 'x@' is not an e-mail address",
        "row 5, column 'name': is required",
    ]
    assert _count(any_db, Partner) == 0
    result = _import(any_db, rows, skip_invalid=True)
    assert (result.new, result.invalid_rows) == (2, 2)
    assert _count(any_db, Partner) == 2


def test_dry_run_counts_and_writes_nothing(any_db: Database) -> None:
    _import(any_db, PARTNERS[:1])
    rows = [dict(PARTNERS[0], city="Berlin"), PARTNERS[1], {"name": "X", "country": "Nowhere"}]
    result = _import(any_db, rows, dry_run=True)
    assert (result.new, result.updated, result.unchanged, result.invalid_rows) == (1, 1, 0, 1)
    assert not result.written
    assert _count(any_db, Partner) == 1


def test_duplicates_in_one_file_merge_or_are_reported(any_db: Database) -> None:
    rows = [PARTNERS[1], dict(PARTNERS[1]), dict(PARTNERS[1], city="Lyon")]
    with pytest.raises(ImportRefused, match=r"row 4.*same partner as row 2"):
        _import(any_db, rows)
    result = _import(any_db, rows[:2])
    assert (result.new, result.merged) == (1, 1)
    assert _count(any_db, Partner) == 1


def test_cancel_writes_nothing(any_db: Database) -> None:
    rows = [{"name": f"Partner {i}"} for i in range(1200)]
    with pytest.raises(CancelledByUser):
        _import(any_db, rows, cancelled=lambda: True)
    assert _count(any_db, Partner) == 0


def test_contacts_training_and_claims(any_db: Database) -> None:
    _import(any_db, PARTNERS)
    with any_db.transaction() as session:
        session.add(Course(code="CD-101", title="Basics", valid_months=12))
    contacts = [
        {"partner": "P-1", "name": "Ann Smith", "email": "ann@contoso.com", "role": "Presales"},
        {"partner": "fabrikam", "name": "Bob", "phone": 33123.0},
    ]
    training = [
        {"contact": "ann@contoso.com", "partner": "Contoso", "course": "cd-101",
         "completed_on": "15/01/2026", "passed": "yes"},
        {"contact": "Bob", "partner": "Fabrikam", "course": "XX", "completed_on": "2026-01-01"},
    ]  # fmt: skip
    claims = [
        {"partner": "Contoso", "account": "Big Corp", "website": "bigcorp.com", "country": "DE",
         "claimed_on": date(2026, 1, 5), "deal_amount": 10000.5, "currency": "eur",
         "commission_pct": 12.5, "status": "Approved"},
        {"partner": "Direct", "account": "Big Corp GmbH", "country": "DE",
         "claimed_on": "2026-01-06"},
    ]  # fmt: skip
    for _ in range(2):  # the second round changes nothing
        with any_db.transaction() as session:
            c = import_contacts(session, sheet_from_rows(contacts), ImportOptions())
            t = import_training(
                session, sheet_from_rows(training), ImportOptions(skip_invalid=True)
            )
            k = import_claims(session, sheet_from_rows(claims), ImportOptions())
    assert (c.new, c.unchanged, t.new, t.unchanged, k.new, k.unchanged) == (0, 2, 0, 1, 0, 2)
    assert [p.reason for p in t.problems] == [
        "is not a known course code: import courses or add the course on the Training page first"
        " (known codes: CD-101)"
    ]
    assert (_count(any_db, Contact), _count(any_db, TrainingRecord)) == (2, 1)
    assert (_count(any_db, Claim), _count(any_db, Account)) == (2, 1)
    with any_db.reading() as session:
        record = session.scalars(select(TrainingRecord)).one()
        assert record.valid_until == date(2027, 1, 15)
        claim = session.scalars(select(Claim).where(Claim.partner_id.is_not(None))).one()
        assert str(claim.deal_amount) == "10000.5000" and claim.currency == "EUR"
        direct = session.scalars(select(Claim).where(Claim.partner_id.is_(None))).one()
        assert direct.valid_until == date(2026, 4, 6)
        # The contacts share one import entry; each partner's history still says where its
        # contact came from.
        contoso = session.scalars(select(Partner).where(Partner.partner_code == "P-1")).one()
        said = [(h.what, h.field, h.new) for h in partner_history(session, contoso.id)]
        assert ("Ann Smith created", "Imported from", "Sheet1, row 2") in said
        assert ("Partner created", "Imported from", "Sheet1, row 2") in said


def test_a_dry_run_with_a_preview_says_what_each_record_becomes(any_db: Database) -> None:
    _import(any_db, PARTNERS)
    changed = [dict(PARTNERS[0], tier="Platinum", city="Berlin"), *PARTNERS[1:],
               {"name": "Tailspin", "country": "US"}]  # fmt: skip
    plain = _import(any_db, changed, dry_run=True)
    assert plain.changes == []  # only when asked for: an import of 50,000 keeps no list
    summary = _import(any_db, changed, dry_run=True, preview=True)
    assert [(c.row, c.action, c.record, c.changes) for c in summary.changes] == [
        (2, "Update", "Contoso Ltd", "City: — → Berlin; Tier: Gold → Platinum"),
        (4, "New", "Tailspin", ""),
    ]
    with any_db.transaction() as session:
        session.add(Course(code="CD-101", title="Basics", valid_months=12))
    contacts = [{"partner": "P-1", "name": "Ann Smith", "email": "ann@contoso.com"}]
    with any_db.transaction() as session:
        import_contacts(session, sheet_from_rows(contacts), ImportOptions())
    moved = [dict(contacts[0], role="Executive", phone="+49 30 1234")]
    with any_db.transaction() as session:
        preview = ImportOptions(dry_run=True, preview=True)
        contact = import_contacts(session, sheet_from_rows(moved), preview)
        training = import_training(session, sheet_from_rows([
            {"contact": "Ann Smith", "partner": "P-1", "course": "cd-101",
             "completed_on": "2026-01-15", "passed": "no"},
        ]), preview)  # fmt: skip
    assert [(c.action, c.record, c.changes) for c in contact.changes] == [
        ("Update", "Ann Smith <ann@contoso.com>", "Phone: — → +49 30 1234; Role: Sales → Executive")
    ]
    assert [(c.action, c.record) for c in training.changes] == [
        ("New", "Ann Smith: CD-101, 2026-01-15")
    ]


def test_a_file_names_one_partner_twice_by_the_rule_stored_partners_are_matched_by(
    any_db: Database,
) -> None:
    with_id = {"partner_code": "P-7", "name": "Acme GmbH", "country": "DE"}
    without = {"partner_code": None, "name": "Acme", "country": "DE"}
    for rows in ([with_id, without], [without, with_id]):
        with pytest.raises(ImportRefused) as refused:
            _import(any_db, rows)
        assert "row 3, column 'name'" in str(refused.value)
        assert "is the same partner as row 2 with different values" in str(refused.value)
    branches = [
        {"partner_code": "P-8", "name": "Acme", "country": "DE", "city": "Berlin"},
        {"partner_code": "P-9", "name": "Acme", "country": "DE", "city": "Hamburg"},
    ]
    with pytest.raises(ImportRefused, match="matches 2 earlier rows with this name and country"):
        _import(any_db, [*branches, without])
    first = _import(any_db, [*branches, dict(branches[0])])  # the same row twice: taken once
    assert (first.new, first.merged) == (2, 1)
    again = _import(any_db, branches)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)


def test_a_cell_of_spaces_is_reported_as_an_empty_cell(any_db: Database) -> None:
    _import(any_db, PARTNERS)
    rows = [{"partner": "   ", "name": "Ann"}, {"partner": None, "name": "Bob"}]
    with any_db.transaction() as session, pytest.raises(ImportRefused) as refused:
        import_contacts(session, sheet_from_rows(rows), ImportOptions())
    assert str(refused.value).splitlines()[1:] == [
        "row 2, column 'partner': is required",
        "row 3, column 'partner': is required",
    ]


def test_a_website_typed_another_way_is_not_a_change(any_db: Database) -> None:
    stored = [dict(PARTNERS[1], website="https://www.fabrikam.fr/")]
    _import(any_db, stored)
    again = _import(any_db, [dict(PARTNERS[1], website="Fabrikam.fr")])
    assert (again.new, again.updated, again.unchanged) == (0, 0, 1)
    with any_db.reading() as session:
        partner = session.scalars(select(Partner).where(Partner.name == "Fabrikam")).one()
        assert partner.website == "https://www.fabrikam.fr/" and partner.version == 1
    moved = _import(any_db, [dict(PARTNERS[1], website="fabrikam.com")])
    assert moved.updated == 1
