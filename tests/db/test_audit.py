"""Every create, update and delete leaves an entry: who, when, which fields, old and new."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event, select

from app.db.audit import install_audit
from app.db.engine import Database, open_database
from app.db.models import AuditEntry, Contact, Partner, Tier
from app.domain.enums import AuditAction, PartnerStatus


def _entries(db: Database, table: str) -> list[AuditEntry]:
    with db.reading() as session:
        query = select(AuditEntry).where(AuditEntry.table_name == table).order_by(AuditEntry.id)
        return list(session.scalars(query))


def test_create_update_delete_are_recorded(any_db: Database) -> None:
    with any_db.transaction() as session:
        partner = Partner(name="Contoso", name_key="contoso", status=PartnerStatus.PROSPECT)
        session.add(partner)
        session.flush()
        partner_id = partner.id
        session.add(Contact(partner_id=partner_id, name="Ann Lee", email="ann@contoso.com"))
    with any_db.transaction() as session:
        stored = session.get(Partner, partner_id)
        assert stored is not None
        stored.status = PartnerStatus.ACTIVE
        stored.city = "Lyon"
    with any_db.transaction() as session:
        contact = session.scalars(select(Contact)).one()
        session.delete(contact)

    created, updated = _entries(any_db, "partner")
    assert created.action is AuditAction.CREATE
    assert created.record_id == str(partner_id)
    assert json.loads(created.changes)["name"] == [None, "Contoso"]
    assert updated.action is AuditAction.UPDATE
    assert json.loads(updated.changes) == {
        "city": [None, "Lyon"],
        "status": ["prospect", "active"],
    }
    assert updated.actor == any_db.actor
    assert updated.at.tzinfo is not None

    _contact_created, contact_deleted = _entries(any_db, "contact")
    assert contact_deleted.action is AuditAction.DELETE
    assert json.loads(contact_deleted.changes)["email"] == ["ann@contoso.com", None]


def test_money_changes_are_recorded_exactly(any_db: Database) -> None:
    with any_db.transaction() as session:
        gold = session.scalars(select(Tier).where(Tier.name == "Gold")).one()
        gold.discount_pct = Decimal("33.33")
    (entry,) = [e for e in _entries(any_db, "tier") if e.action is AuditAction.UPDATE]
    assert json.loads(entry.changes) == {"discount_pct": ["0.0000", "33.33"]}


def test_rolled_back_action_leaves_no_history(any_db: Database) -> None:
    with pytest.raises(RuntimeError), any_db.transaction() as session:
        session.add(Partner(name="Ghost", name_key="ghost"))
        session.flush()
        raise RuntimeError("the user cancelled")
    assert _entries(any_db, "partner") == []


def test_a_new_database_writes_history_even_where_sqlalchemy_thinks_it_already_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLAlchemy's event registry knows a session factory by its id() until its listeners are
    collected: a database opened where a closed one's factory stood looked audited already."""
    monkeypatch.setattr(event, "contains", lambda *args: True)  # the stale answer, every time
    db = open_database(tmp_path / "second.sqlite")
    try:
        install_audit(db.sessions)  # asked again: still one entry per change
        with db.transaction() as session:
            session.add(Partner(name="Contoso", name_key="contoso"))
        assert len(_entries(db, "partner")) == 1
    finally:
        db.dispose()
