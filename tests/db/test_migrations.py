"""Migrations build exactly the schema the models describe, and upgrades keep a backup."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import app.db.migrate as migrate
from app.db.engine import Database, open_database
from app.db.models import Base
from app.services.partners.listing import SEARCHED
from tests.support.db_templates import DatabaseTemplates

SEARCHED_COLUMNS = ("name", "legal_name", "city", "email", "website", "partner_code")


def _not_search_index(obj: object, name: str | None, kind: str, *_: object) -> bool:
    """The PostgreSQL trigram search indexes live in migration 0002 only (expression indexes
    that SQLAlchemy's models cannot describe for one dialect alone); they are checked below."""
    return not (kind == "index" and name is not None and name.endswith("_trgm"))


def test_migrated_database_matches_the_models(any_db: Database) -> None:
    with any_db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": _not_search_index}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_postgresql_gets_trigram_indexes_for_partner_search(postgres_db: Database) -> None:
    with postgres_db.engine.connect() as connection:
        names = connection.exec_driver_sql(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'partner'"
        ).scalars()
        assert sorted(n for n in names if n.endswith("_trgm")) == sorted(
            f"ix_partner_{c}_trgm" for c in SEARCHED_COLUMNS
        )


def test_search_columns_of_the_migration_are_the_ones_the_page_searches() -> None:
    assert tuple(c.key for c in SEARCHED) == SEARCHED_COLUMNS


def test_database_is_at_head(any_db: Database) -> None:
    with any_db.engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()


NEXT_REVISION = '''
"""A later schema: partners get a region."""
import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("partner") as batch:
        batch.add_column(sa.Column("region", sa.String(40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("partner") as batch:
        batch.drop_column("region")
'''


def ship_next_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template: str = NEXT_REVISION
) -> Path:
    """The product's migrations plus one more revision (``template``, given today's head), as a
    later version would ship them."""
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrate.head_revision()
    (folder / "versions" / "0099_next.py").write_text(template.format(head=head))
    monkeypatch.setattr(migrate, "MIGRATIONS", folder)
    return folder


def test_upgrade_backs_up_first_and_keeps_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "team.sqlite"
    db = open_database(path)
    with db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE tier SET discount_pct = 125000 WHERE name = 'Gold'")
    db.dispose()

    head = migrate.head_revision()
    ship_next_revision(tmp_path, monkeypatch)

    upgraded = open_database(path, migrate=True)
    with upgraded.engine.connect() as connection:
        assert migrate.current_revision(connection) == "0099"
        columns = [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(partner)")]
        assert "region" in columns
    upgraded.dispose()

    backups = list((tmp_path / "backups").glob("team-*.sqlite"))
    assert len(backups) == 1
    assert (backups[0].stat().st_mode & 0o777) == 0o600
    copy = sqlite3.connect(backups[0])
    try:
        version = copy.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        gold = copy.execute("SELECT discount_pct FROM tier WHERE name='Gold'").fetchone()[0]
    finally:
        copy.close()
    assert version == head
    assert gold == 125000


def test_leads_upgrade_weighs_the_default_tiers_and_keeps_the_claim_protection(
    tmp_path: Path,
) -> None:
    """A database made before leads keeps its claim validity as the registration protection,
    and its tiers of SPEC.md get their lead weights; a tier of its own stays unlisted."""
    from alembic import command

    path = tmp_path / "before-leads.sqlite"
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "0009")
        connection.exec_driver_sql(
            "INSERT INTO setting (key, value, version, created_at, "
            "updated_at) VALUES ('claim_validity_days', '45', 1, "
            "'2026-01-01', '2026-01-01')"
        )
        connection.exec_driver_sql(
            "INSERT INTO tier (name, discount_pct, rank, version, "
            "created_at, updated_at) VALUES ('Diamond', 0, 9, 1, "
            "'2026-01-01', '2026-01-01')"
        )
        command.upgrade(migrate.alembic_config(connection), "head")
        weights = dict(connection.exec_driver_sql("SELECT name, lead_weight FROM tier").all())
        keys = dict(connection.exec_driver_sql("SELECT key, value FROM setting").all())
    engine.dispose()
    assert weights == {"Registered": 1, "Silver": 2, "Gold": 3, "Platinum": 4, "Diamond": None}
    assert keys.get("registration_protection_days") == "45"
    assert "claim_validity_days" not in keys


def test_only_the_newest_automatic_backups_are_kept(tmp_path: Path) -> None:
    from app.db.backup import automatic_backup

    path = tmp_path / "keep.sqlite"
    open_database(path).dispose()
    for _ in range(8):
        automatic_backup(path, "test", keep=5)
    assert len(list((tmp_path / "backups").glob("keep-*"))) == 5


def test_fresh_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "private.sqlite"
    open_database(path).dispose()
    assert (path.stat().st_mode & 0o777) == 0o600


REBUILD_REVISION = '''"""A later schema that rebuilds the table every quote line refers to."""
import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quote_revision", recreate="always") as batch:
        batch.add_column(sa.Column("remark", sa.String(40), nullable=True))


def downgrade() -> None:
    pass
'''


def demo_file(path: Path, templates: DatabaseTemplates) -> int:
    """A database file at ``path`` with the demo data; how many quote lines it holds."""
    from tests.support.sample_records import TODAY

    shutil.copy(templates.sqlite_template(TODAY), path)
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM quote_line").fetchone()[0] or 0)
    finally:
        connection.close()


def test_an_upgrade_that_rebuilds_a_table_keeps_the_rows_that_refer_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_templates: DatabaseTemplates
) -> None:
    path = tmp_path / "quotes.sqlite"
    lines = demo_file(path, db_templates)
    assert lines

    ship_next_revision(tmp_path, monkeypatch, REBUILD_REVISION)

    upgraded = open_database(path, migrate=True)
    with upgraded.engine.connect() as connection:
        assert migrate.current_revision(connection) == "0099"
        assert connection.exec_driver_sql("SELECT count(*) FROM quote_line").scalar() == lines
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # on again
    upgraded.dispose()


BREAKING_REVISION = REBUILD_REVISION.replace(
    """        batch.add_column(sa.Column("remark", sa.String(40), nullable=True))""",
    """        batch.add_column(sa.Column("remark", sa.String(40), nullable=True))
    op.execute(
        "DELETE FROM quote_revision WHERE id = (SELECT min(revision_id) FROM quote_line)"
    )""",
)


def test_an_upgrade_that_would_orphan_records_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_templates: DatabaseTemplates
) -> None:
    from app.domain.errors import DatabaseUnavailableError

    path = tmp_path / "quotes.sqlite"
    demo_file(path, db_templates)
    head = migrate.head_revision()
    ship_next_revision(tmp_path, monkeypatch, BREAKING_REVISION)
    for _ in range(2):  # and the next start says the same, rather than failing on a leftover
        with pytest.raises(DatabaseUnavailableError, match="nothing was changed"):
            open_database(path, migrate=True)
    copy = sqlite3.connect(path)
    try:
        tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
        version = copy.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        remark = [row[1] for row in copy.execute("PRAGMA table_info(quote_revision)")]
    finally:
        copy.close()
    assert not [name for name in tables if name.startswith("_alembic_tmp")]
    assert version == head and "remark" not in remark
