"""Leads, their assignments, partner territories, tier lead weights and the suggested owner of
an overlap (SPEC.md, "Rules of engagement" and "Leads and fair distribution").

The tiers of SPEC.md get their default lead weights (Registered 1, Silver 2, Gold 3, Platinum 4);
any other tier stays unlisted and weighs 1. The shared setting that gives a claim its valid-until
is renamed to the registration protection of the rules of engagement, keeping its value.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

DEFAULT_WEIGHTS = {"Registered": 1, "Silver": 2, "Gold": 3, "Platinum": 4}
OLD_KEY, NEW_KEY = "claim_validity_days", "registration_protection_days"


def upgrade() -> None:
    op.create_table(
        "lead",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lead_code", sa.String(length=60), nullable=False),
        sa.Column("company", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("website", sa.String(length=250), nullable=True),
        sa.Column("domain", sa.String(length=250), nullable=True),
        sa.Column("email", sa.String(length=250), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=True),
        sa.Column("family_id", sa.Integer(), nullable=True),
        sa.Column("campaign", sa.String(length=200), nullable=True),
        sa.Column("grade", sa.String(length=4), nullable=True),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "new",
                "assigned",
                "accepted",
                "declined",
                "expired",
                "nurture",
                "unroutable",
                "converted",
                "lost",
                name="lead_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("nurture_grade", sa.String(length=4), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("deal_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "grade IS NULL OR grade IN ('A', 'B', 'C', 'D')", name=op.f("ck_lead_grade")
        ),
        sa.CheckConstraint(
            "nurture_grade IS NULL OR nurture_grade IN ('A', 'B', 'C', 'D', 'none')",
            name=op.f("ck_lead_nurture_grade"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_lead_account_id_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claim.id"], name=op.f("fk_lead_claim_id_claim"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deal.id"], name=op.f("fk_lead_deal_id_deal"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["product_family.id"],
            name=op.f("fk_lead_family_id_product_family"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead")),
        sa.UniqueConstraint("lead_code", name=op.f("uq_lead_lead_code")),
    )

    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lead_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lead_campaign"), ["campaign"], unique=False)
        batch_op.create_index(batch_op.f("ix_lead_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_lead_domain"), ["domain"], unique=False)
        batch_op.create_index(batch_op.f("ix_lead_family_id"), ["family_id"], unique=False)
        batch_op.create_index("ix_lead_name_key_country", ["name_key", "country"], unique=False)
        batch_op.create_index("ix_lead_status_created_on", ["status", "created_on"], unique=False)

    op.create_table(
        "lead_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("assigned_on", sa.Date(), nullable=False),
        sa.Column("grade", sa.String(length=4), nullable=True),
        sa.Column("reason", sa.String(length=60), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum(
                "open",
                "accepted",
                "declined",
                "expired",
                "converted",
                "lost",
                name="assignment_outcome",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("accepted_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "grade IS NULL OR grade IN ('A', 'B', 'C', 'D')", name=op.f("ck_lead_assignment_grade")
        ),
        sa.CheckConstraint(
            "accepted_on IS NULL OR accepted_on >= assigned_on",
            name=op.f("ck_lead_assignment_accepted_on"),
        ),
        sa.CheckConstraint(
            "ended_on IS NULL OR ended_on >= assigned_on", name=op.f("ck_lead_assignment_ended_on")
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"],
            ["lead.id"],
            name=op.f("fk_lead_assignment_lead_id_lead"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_lead_assignment_partner_id_partner"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_assignment")),
    )

    with op.batch_alter_table("lead_assignment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lead_assignment_assigned_on"), ["assigned_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_lead_assignment_lead_id"), ["lead_id"], unique=False)
        batch_op.create_index(
            "ix_lead_assignment_partner_assigned_on", ["partner_id", "assigned_on"], unique=False
        )

    with op.batch_alter_table("overlap_resolution", schema=None) as batch_op:
        batch_op.add_column(sa.Column("suggested_owner", sa.String(length=250), nullable=True))
        batch_op.add_column(sa.Column("suggested_rule", sa.String(length=60), nullable=True))

    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.add_column(sa.Column("territories", sa.String(length=400), nullable=True))

    with op.batch_alter_table("tier", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lead_weight", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_tier_lead_weight"), "lead_weight IS NULL OR lead_weight >= 0"
        )

    _seed_weights()
    _rename_setting(OLD_KEY, NEW_KEY)


def _seed_weights() -> None:
    tier = sa.table("tier", sa.column("name", sa.String), sa.column("lead_weight", sa.Integer))
    connection = op.get_bind()
    for name, weight in DEFAULT_WEIGHTS.items():
        connection.execute(sa.update(tier).where(tier.c.name == name).values(lead_weight=weight))


def _rename_setting(old: str, new: str) -> None:
    setting = sa.table("setting", sa.column("key", sa.String))
    op.get_bind().execute(sa.update(setting).where(setting.c.key == old).values(key=new))


def downgrade() -> None:
    _rename_setting(NEW_KEY, OLD_KEY)
    with op.batch_alter_table("tier", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_tier_lead_weight"), type_="check")
        batch_op.drop_column("lead_weight")

    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.drop_column("territories")

    with op.batch_alter_table("overlap_resolution", schema=None) as batch_op:
        batch_op.drop_column("suggested_rule")
        batch_op.drop_column("suggested_owner")

    with op.batch_alter_table("lead_assignment", schema=None) as batch_op:
        batch_op.drop_index("ix_lead_assignment_partner_assigned_on")
        batch_op.drop_index(batch_op.f("ix_lead_assignment_lead_id"))
        batch_op.drop_index(batch_op.f("ix_lead_assignment_assigned_on"))

    op.drop_table("lead_assignment")

    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.drop_index("ix_lead_status_created_on")
        batch_op.drop_index("ix_lead_name_key_country")
        batch_op.drop_index(batch_op.f("ix_lead_family_id"))
        batch_op.drop_index(batch_op.f("ix_lead_domain"))
        batch_op.drop_index(batch_op.f("ix_lead_country"))
        batch_op.drop_index(batch_op.f("ix_lead_campaign"))
        batch_op.drop_index(batch_op.f("ix_lead_account_id"))

    op.drop_table("lead")
