"""Every partner has a stable Partner ID: given when created in the app or imported without
one, given by the upgrade to partners stored without, and never given twice."""

from __future__ import annotations

from alembic import command
from sqlalchemy import insert, select

from app.db.engine import Database, open_database
from app.db.migrate import alembic_config
from app.db.models import Partner, Setting
from app.domain.importing.sheet import sheet_from_rows
from app.domain.names import name_key
from app.services.importing import ImportOptions
from app.services.importing.partners import import_partners
from app.services.partners.edit import create_partner, delete_partner, get_partner, update_partner


def _codes(db: Database) -> dict[str, str | None]:
    with db.reading() as s:
        return {p.name: p.partner_code for p in s.scalars(select(Partner).order_by(Partner.id))}


def test_a_partner_made_in_the_app_gets_the_next_id_and_ids_are_never_reused(
    any_db: Database,
) -> None:
    with any_db.transaction() as s:
        first = create_partner(s, {"name": "Bluepeak Solutions"})
        second = create_partner(s, {"name": "Contoso"})
        typed = create_partner(s, {"name": "Fabrikam", "partner_code": "FAB-7"})
    assert _codes(any_db) == {"Bluepeak Solutions": "P-1001", "Contoso": "P-1002",
                              "Fabrikam": "FAB-7"}  # fmt: skip
    with any_db.transaction() as s:
        delete_partner(s, second)
        third = create_partner(s, {"name": "Northwind"})
    with any_db.reading() as s:
        assert get_partner(s, third).partner_code == "P-1003"  # P-1002 stays retired
        opened = get_partner(s, first)
    with any_db.transaction() as s:  # a form whose ID box was emptied keeps the ID
        update_partner(s, opened, {**opened.values(), "partner_code": None, "city": "Oslo"})
    with any_db.reading() as s:
        assert get_partner(s, first).partner_code == "P-1001"
        assert get_partner(s, typed).partner_code == "FAB-7"


def test_ids_continue_after_the_highest_in_use(any_db: Database) -> None:
    with any_db.transaction() as s:
        create_partner(s, {"name": "Imported", "partner_code": "P-2040"})
        made = create_partner(s, {"name": "Made here"})
        assert get_partner(s, made).partner_code == "P-2041"


def test_an_import_without_ids_gives_each_new_partner_one(any_db: Database) -> None:
    rows = [{"name": "Alpha"}, {"name": "Beta", "partner_code": "P-1500"}, {"name": "Gamma"}]
    with any_db.transaction() as s:
        import_partners(s, sheet_from_rows(rows), ImportOptions())
    assert _codes(any_db) == {"Alpha": "P-1501", "Beta": "P-1500", "Gamma": "P-1502"}
    with any_db.transaction() as s:  # the same list again: nothing new, nobody renumbered
        again = import_partners(s, sheet_from_rows(rows), ImportOptions())
    assert (again.new, again.updated) == (0, 0)
    assert _codes(any_db) == {"Alpha": "P-1501", "Beta": "P-1500", "Gamma": "P-1502"}


def test_the_upgrade_gives_ids_to_partners_stored_without(any_db: Database) -> None:
    with any_db.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0007")
    with any_db.engine.begin() as connection:
        connection.execute(
            insert(Partner.__table__),
            [
                {"name": n, "name_key": name_key(n), "partner_code": c, "version": 1,
                 "type": "reseller", "status": "active"}
                for n, c in (("Old one", None), ("Coded", "P-1010"), ("Old two", None))
            ],
        )  # fmt: skip
    upgraded = open_database(any_db.url.render_as_string(hide_password=False))
    try:
        assert _codes(upgraded) == {"Old one": "P-1011", "Coded": "P-1010", "Old two": "P-1012"}
        with upgraded.transaction() as s:
            made = create_partner(s, {"name": "After the upgrade"})
            assert get_partner(s, made).partner_code == "P-1013"
            last = s.get(Setting, "last_partner_number")
            assert last is not None and last.value == "1013"
    finally:
        upgraded.dispose()
