"""Program spend and return: exchange rates, spend items, SPIF and rebate rules, market
development funds; deals gain a Deal ID, a closed-on date and product families; a quote revision
records the day the partner accepted it (SPEC.md, "Program spend and return").

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fx_rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("into_currency", sa.String(length=3), nullable=False),
        sa.Column("rate", sa.BigInteger(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "length(currency) = 3 AND upper(currency) = currency", name=op.f("ck_fx_rate_currency")
        ),
        sa.CheckConstraint(
            "length(into_currency) = 3 AND upper(into_currency) = into_currency",
            name=op.f("ck_fx_rate_into_currency"),
        ),
        sa.CheckConstraint("rate > 0", name=op.f("ck_fx_rate_rate_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fx_rate")),
        sa.UniqueConstraint(
            "currency",
            "into_currency",
            "effective_from",
            name=op.f("uq_fx_rate_currency_into_currency_effective_from"),
        ),
    )

    op.create_table(
        "rebate_threshold",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=120), nullable=False),
        sa.Column("threshold", sa.BigInteger(), nullable=False),
        sa.Column("percent", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "percent >= 0 AND percent <= 1000000", name=op.f("ck_rebate_threshold_percent_percent")
        ),
        sa.CheckConstraint(
            "threshold >= 0", name=op.f("ck_rebate_threshold_threshold_non_negative")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rebate_threshold")),
        sa.UniqueConstraint("rule", "threshold", name=op.f("uq_rebate_threshold_rule_threshold")),
    )

    with op.batch_alter_table("rebate_threshold", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rebate_threshold_rule"), ["rule"], unique=False)

    op.create_table(
        "spif_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=False),
        sa.Column("amount_per_unit", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "amount_per_unit >= 0", name=op.f("ck_spif_rule_amount_per_unit_non_negative")
        ),
        sa.CheckConstraint(
            "length(currency) = 3 AND upper(currency) = currency",
            name=op.f("ck_spif_rule_currency"),
        ),
        sa.CheckConstraint("valid_to >= valid_from", name=op.f("ck_spif_rule_window")),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["product_family.id"],
            name=op.f("fk_spif_rule_family_id_product_family"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spif_rule")),
        sa.UniqueConstraint("name", name=op.f("uq_spif_rule_name")),
    )

    with op.batch_alter_table("spif_rule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_spif_rule_family_id"), ["family_id"], unique=False)

    op.create_table(
        "mdf_allocation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.String(length=6), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_mdf_allocation_amount_non_negative")),
        sa.CheckConstraint(
            "length(currency) = 3 AND upper(currency) = currency",
            name=op.f("ck_mdf_allocation_currency"),
        ),
        sa.CheckConstraint("length(quarter) = 6", name=op.f("ck_mdf_allocation_quarter")),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_mdf_allocation_partner_id_partner"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mdf_allocation")),
        sa.UniqueConstraint(
            "partner_id", "quarter", name=op.f("uq_mdf_allocation_partner_id_quarter")
        ),
    )

    with op.batch_alter_table("mdf_allocation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mdf_allocation_quarter"), ["quarter"], unique=False)

    op.create_table(
        "spend_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column(
            "program",
            sa.Enum(
                "mdf",
                "spif",
                "rebate",
                "training",
                "event",
                "other",
                name="spend_program",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("spent_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_spend_item_amount_non_negative")),
        sa.CheckConstraint(
            "length(currency) = 3 AND upper(currency) = currency",
            name=op.f("ck_spend_item_currency"),
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_spend_item_partner_id_partner"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spend_item")),
    )

    with op.batch_alter_table("spend_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_spend_item_partner_id"), ["partner_id"], unique=False)
        batch_op.create_index("ix_spend_item_spent_on", ["spent_on"], unique=False)

    op.create_table(
        "mdf_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("allocation_id", sa.Integer(), nullable=False),
        sa.Column("activity", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("requested_amount", sa.BigInteger(), nullable=False),
        sa.Column("approved_amount", sa.BigInteger(), nullable=True),
        sa.Column("claimed_amount", sa.BigInteger(), nullable=True),
        sa.Column("claim_approved_amount", sa.BigInteger(), nullable=True),
        sa.Column("paid_amount", sa.BigInteger(), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "requested",
                "approved",
                "rejected",
                "claimed",
                "claim_approved",
                "paid",
                name="mdf_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("reject_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "approved_amount >= 0", name=op.f("ck_mdf_request_approved_amount_non_negative")
        ),
        sa.CheckConstraint(
            "claim_approved_amount >= 0",
            name=op.f("ck_mdf_request_claim_approved_amount_non_negative"),
        ),
        sa.CheckConstraint(
            "claimed_amount >= 0", name=op.f("ck_mdf_request_claimed_amount_non_negative")
        ),
        sa.CheckConstraint("ends_on >= starts_on", name=op.f("ck_mdf_request_activity_dates")),
        sa.CheckConstraint(
            "paid_amount >= 0", name=op.f("ck_mdf_request_paid_amount_non_negative")
        ),
        sa.CheckConstraint(
            "paid_amount IS NULL OR paid_on IS NOT NULL", name=op.f("ck_mdf_request_paid_has_date")
        ),
        sa.CheckConstraint(
            "requested_amount >= 0", name=op.f("ck_mdf_request_requested_amount_non_negative")
        ),
        sa.ForeignKeyConstraint(
            ["allocation_id"],
            ["mdf_allocation.id"],
            name=op.f("fk_mdf_request_allocation_id_mdf_allocation"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mdf_request")),
    )

    with op.batch_alter_table("mdf_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mdf_request_allocation_id"), ["allocation_id"], unique=False
        )
        batch_op.create_index("ix_mdf_request_paid_on", ["paid_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_mdf_request_status"), ["status"], unique=False)

    op.create_table(
        "deal_family",
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deal.id"], name=op.f("fk_deal_family_deal_id_deal"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["product_family.id"],
            name=op.f("fk_deal_family_family_id_product_family"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("deal_id", "family_id", name=op.f("pk_deal_family")),
    )

    with op.batch_alter_table("deal_family", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deal_family_family_id"), ["family_id"], unique=False)

    op.create_table(
        "mdf_proof",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=120), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["mdf_request.id"],
            name=op.f("fk_mdf_proof_request_id_mdf_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mdf_proof")),
    )

    with op.batch_alter_table("mdf_proof", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mdf_proof_request_id"), ["request_id"], unique=False)

    op.create_table(
        "mdf_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column(
            "step",
            sa.Enum(
                "requested",
                "approved",
                "rejected",
                "claimed",
                "claim_approved",
                "paid",
                name="mdf_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["mdf_request.id"],
            name=op.f("fk_mdf_step_request_id_mdf_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mdf_step")),
    )

    with op.batch_alter_table("mdf_step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mdf_step_request_id"), ["request_id"], unique=False)

    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deal_code", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("closed_on", sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f("ix_deal_closed_on"), ["closed_on"], unique=False)
        batch_op.create_unique_constraint(batch_op.f("uq_deal_deal_code"), ["deal_code"])

    with op.batch_alter_table("quote_revision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("accepted_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quote_revision", schema=None) as batch_op:
        batch_op.drop_column("accepted_on")

    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_deal_deal_code"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_deal_closed_on"))
        batch_op.drop_column("closed_on")
        batch_op.drop_column("deal_code")

    with op.batch_alter_table("mdf_step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mdf_step_request_id"))

    op.drop_table("mdf_step")

    with op.batch_alter_table("mdf_proof", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mdf_proof_request_id"))

    op.drop_table("mdf_proof")

    with op.batch_alter_table("deal_family", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deal_family_family_id"))

    op.drop_table("deal_family")

    with op.batch_alter_table("mdf_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mdf_request_status"))
        batch_op.drop_index("ix_mdf_request_paid_on")
        batch_op.drop_index(batch_op.f("ix_mdf_request_allocation_id"))

    op.drop_table("mdf_request")

    with op.batch_alter_table("spend_item", schema=None) as batch_op:
        batch_op.drop_index("ix_spend_item_spent_on")
        batch_op.drop_index(batch_op.f("ix_spend_item_partner_id"))

    op.drop_table("spend_item")

    with op.batch_alter_table("mdf_allocation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mdf_allocation_quarter"))

    op.drop_table("mdf_allocation")

    with op.batch_alter_table("spif_rule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_spif_rule_family_id"))

    op.drop_table("spif_rule")

    with op.batch_alter_table("rebate_threshold", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rebate_threshold_rule"))

    op.drop_table("rebate_threshold")

    op.drop_table("fx_rate")
