"""The initial schema: every table of SPEC.md.

Money and percentages are BIGINT of ten-thousandths (app.db.types.ExactDecimal); times are
naive UTC (app.db.types.UTCDateTime).

Revision ID: 0001
Revises:
Create Date: 2026-11-22 22:20:37.044707
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("record_id", sa.String(length=60), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "create",
                "update",
                "delete",
                name="audit_action",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_at"), ["at"], unique=False)
        batch_op.create_index("ix_audit_entry_record", ["table_name", "record_id"], unique=False)

    op.create_table(
        "direct_rep",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=250), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_direct_rep")),
        sa.UniqueConstraint("email", name=op.f("uq_direct_rep_email")),
    )
    op.create_table(
        "product_family",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_family")),
        sa.UniqueConstraint("code", name=op.f("uq_product_family_code")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "tier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("discount_pct", sa.BigInteger(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "discount_pct >= 0 AND discount_pct <= 1000000",
            name=op.f("ck_tier_discount_pct_percent"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tier")),
        sa.UniqueConstraint("name", name=op.f("uq_tier_name")),
    )
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("website", sa.String(length=250), nullable=True),
        sa.Column("domain", sa.String(length=250), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("named_account", sa.Boolean(), nullable=False),
        sa.Column("owner_rep_id", sa.Integer(), nullable=True),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["account.id"],
            name=op.f("fk_account_merged_into_id_account"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["owner_rep_id"],
            ["direct_rep.id"],
            name=op.f("fk_account_owner_rep_id_direct_rep"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
    )
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_account_domain"), ["domain"], unique=False)
        batch_op.create_index(batch_op.f("ix_account_name"), ["name"], unique=False)
        batch_op.create_index("ix_account_name_key_country", ["name_key", "country"], unique=False)
        batch_op.create_index(batch_op.f("ix_account_owner_rep_id"), ["owner_rep_id"], unique=False)

    op.create_table(
        "course",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=True),
        sa.Column("certifies", sa.Boolean(), nullable=False),
        sa.Column("valid_months", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "valid_months IS NULL OR valid_months >= 1", name=op.f("ck_course_valid_months")
        ),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["product_family.id"],
            name=op.f("fk_course_family_id_product_family"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course")),
        sa.UniqueConstraint("code", name=op.f("uq_course_code")),
    )
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_course_family_id"), ["family_id"], unique=False)

    op.create_table(
        "partner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_code", sa.String(length=40), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("legal_name", sa.String(length=250), nullable=True),
        sa.Column(
            "type",
            sa.Enum(
                "reseller",
                "distributor",
                "referral",
                "msp",
                "si",
                name="partner_type",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("tier_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "prospect",
                "active",
                "suspended",
                "terminated",
                name="partner_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("website", sa.String(length=250), nullable=True),
        sa.Column("email", sa.String(length=250), nullable=True),
        sa.Column("phone", sa.String(length=60), nullable=True),
        sa.Column("account_manager", sa.String(length=120), nullable=True),
        sa.Column("partner_since", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tier_id"], ["tier.id"], name=op.f("fk_partner_tier_id_tier"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner")),
        sa.UniqueConstraint("partner_code", name=op.f("uq_partner_partner_code")),
    )
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_partner_account_manager"), ["account_manager"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_partner_country"), ["country"], unique=False)
        batch_op.create_index("ix_partner_name", ["name"], unique=False)
        batch_op.create_index("ix_partner_name_key_country", ["name_key", "country"], unique=False)
        batch_op.create_index(batch_op.f("ix_partner_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_partner_tier_id"), ["tier_id"], unique=False)

    op.create_table(
        "product",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=250), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("family_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["product_family.id"],
            name=op.f("fk_product_family_id_product_family"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product")),
        sa.UniqueConstraint("sku", name=op.f("uq_product_sku")),
    )
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_family_id"), ["family_id"], unique=False)

    op.create_table(
        "claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("direct_rep_id", sa.Integer(), nullable=True),
        sa.Column("claimed_on", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "approved",
                "rejected",
                "expired",
                name="claim_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("deal_amount", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("commission_pct", sa.BigInteger(), nullable=False),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "commission_pct >= 0 AND commission_pct <= 1000000",
            name=op.f("ck_claim_commission_pct_percent"),
        ),
        sa.CheckConstraint("deal_amount >= 0", name=op.f("ck_claim_deal_amount_non_negative")),
        sa.CheckConstraint(
            "deal_amount IS NULL OR currency IS NOT NULL", name=op.f("ck_claim_amount_has_currency")
        ),
        sa.CheckConstraint("valid_until >= claimed_on", name=op.f("ck_claim_window")),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_claim_account_id_account"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["direct_rep_id"],
            ["direct_rep.id"],
            name=op.f("fk_claim_direct_rep_id_direct_rep"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_claim_partner_id_partner"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim")),
    )
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_direct_rep_id"), ["direct_rep_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_partner_id"), ["partner_id"], unique=False)
        batch_op.create_index(
            "ix_claim_status_valid_until", ["status", "valid_until"], unique=False
        )

    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=250), nullable=True),
        sa.Column("phone", sa.String(length=60), nullable=True),
        sa.Column(
            "role",
            sa.Enum(
                "sales",
                "presales",
                "executive",
                "other",
                name="contact_role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_contact_partner_id_partner"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_partner_id"), ["partner_id"], unique=False)

    op.create_table(
        "overlap_dismissal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_a_id", sa.Integer(), nullable=False),
        sa.Column("account_b_id", sa.Integer(), nullable=False),
        sa.Column("dismissed_at", sa.DateTime(), nullable=False),
        sa.Column("dismissed_by", sa.String(length=120), nullable=False),
        sa.CheckConstraint(
            "account_a_id < account_b_id", name=op.f("ck_overlap_dismissal_ordered_pair")
        ),
        sa.ForeignKeyConstraint(
            ["account_a_id"],
            ["account.id"],
            name=op.f("fk_overlap_dismissal_account_a_id_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["account_b_id"],
            ["account.id"],
            name=op.f("fk_overlap_dismissal_account_b_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overlap_dismissal")),
        sa.UniqueConstraint(
            "account_a_id",
            "account_b_id",
            name=op.f("uq_overlap_dismissal_account_a_id_account_b_id"),
        ),
    )
    op.create_table(
        "price",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("list_price", sa.BigInteger(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "length(currency) = 3 AND upper(currency) = currency", name=op.f("ck_price_currency")
        ),
        sa.CheckConstraint("list_price >= 0", name=op.f("ck_price_list_price_non_negative")),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_price_product_id_product"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price")),
        sa.UniqueConstraint(
            "product_id",
            "currency",
            "effective_from",
            name=op.f("uq_price_product_id_currency_effective_from"),
        ),
    )
    with op.batch_alter_table("price", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_price_product_id"), ["product_id"], unique=False)

    op.create_table(
        "volume_break",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("family_id", sa.Integer(), nullable=True),
        sa.Column("min_qty", sa.Integer(), nullable=False),
        sa.Column("discount_pct", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(product_id IS NULL) <> (family_id IS NULL)",
            name=op.f("ck_volume_break_product_or_family"),
        ),
        sa.CheckConstraint(
            "discount_pct >= 0 AND discount_pct <= 1000000",
            name=op.f("ck_volume_break_discount_pct_percent"),
        ),
        sa.CheckConstraint("min_qty >= 1", name=op.f("ck_volume_break_min_qty")),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["product_family.id"],
            name=op.f("fk_volume_break_family_id_product_family"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_volume_break_product_id_product"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volume_break")),
        sa.UniqueConstraint("family_id", "min_qty", name=op.f("uq_volume_break_family_id_min_qty")),
        sa.UniqueConstraint(
            "product_id", "min_qty", name=op.f("uq_volume_break_product_id_min_qty")
        ),
    )
    with op.batch_alter_table("volume_break", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_volume_break_family_id"), ["family_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_volume_break_product_id"), ["product_id"], unique=False
        )

    op.create_table(
        "deal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column(
            "stage",
            sa.Enum(
                "registered",
                "qualified",
                "proposal",
                "negotiation",
                "won",
                "lost",
                name="deal_stage",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("expected_close", sa.Date(), nullable=True),
        sa.Column(
            "paper",
            sa.Enum("ours", "partner", name="paper", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_deal_amount_non_negative")),
        sa.CheckConstraint(
            "length(currency) = 3 AND upper(currency) = currency", name=op.f("ck_deal_currency")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_deal_account_id_account"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claim.id"], name=op.f("fk_deal_claim_id_claim"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal")),
    )
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deal_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_stage"), ["stage"], unique=False)

    op.create_table(
        "overlap_resolution",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_by", sa.String(length=120), nullable=False),
        sa.Column("owner_claim_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("claim_ids", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_claim_id"],
            ["claim.id"],
            name=op.f("fk_overlap_resolution_owner_claim_id_claim"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overlap_resolution")),
    )
    op.create_table(
        "training_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_until >= completed_on",
            name=op.f("ck_training_record_valid_until"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_training_record_contact_id_contact"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_training_record_course_id_course"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_record")),
        sa.UniqueConstraint(
            "contact_id",
            "course_id",
            "completed_on",
            name=op.f("uq_training_record_contact_id_course_id_completed_on"),
        ),
    )
    with op.batch_alter_table("training_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_record_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_record_course_id"), ["course_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_record_valid_until"), ["valid_until"], unique=False
        )

    op.create_table(
        "deal_activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "call",
                "meeting",
                "email",
                "note",
                name="activity_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("next_step", sa.Text(), nullable=True),
        sa.Column("author", sa.String(length=120), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deal.id"], name=op.f("fk_deal_activity_deal_id_deal"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal_activity")),
    )
    with op.batch_alter_table("deal_activity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deal_activity_deal_id"), ["deal_id"], unique=False)

    op.create_table(
        "deal_party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("direct_rep_id", sa.Integer(), nullable=True),
        sa.Column(
            "role",
            sa.Enum(
                "registering_partner",
                "fulfilment_partner",
                "influencer",
                "direct_rep",
                name="party_role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("commission_pct", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(partner_id IS NULL) <> (direct_rep_id IS NULL)",
            name=op.f("ck_deal_party_partner_or_rep"),
        ),
        sa.CheckConstraint(
            "commission_pct >= 0 AND commission_pct <= 1000000",
            name=op.f("ck_deal_party_commission_pct_percent"),
        ),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deal.id"], name=op.f("fk_deal_party_deal_id_deal"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["direct_rep_id"],
            ["direct_rep.id"],
            name=op.f("fk_deal_party_direct_rep_id_direct_rep"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_deal_party_partner_id_partner"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal_party")),
    )
    with op.batch_alter_table("deal_party", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deal_party_deal_id"), ["deal_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_deal_party_direct_rep_id"), ["direct_rep_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_deal_party_partner_id"), ["partner_id"], unique=False)

    op.create_table(
        "quote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("sequence >= 1 AND sequence <= 99999", name=op.f("ck_quote_sequence")),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_quote_account_id_account"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deal.id"], name=op.f("fk_quote_deal_id_deal"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_quote_partner_id_partner"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quote")),
        sa.UniqueConstraint("number", name=op.f("uq_quote_number")),
        sa.UniqueConstraint("year", "sequence", name=op.f("uq_quote_year_sequence")),
    )
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quote_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_quote_deal_id"), ["deal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_quote_partner_id"), ["partner_id"], unique=False)

    op.create_table(
        "quote_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "needs_approval",
                "issued",
                "sent",
                "accepted",
                "expired",
                name="quote_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("quote_date", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("tax_rate", sa.BigInteger(), nullable=False),
        sa.Column("deal_reg_pct", sa.BigInteger(), nullable=False),
        sa.Column("list_total", sa.BigInteger(), nullable=False),
        sa.Column("discount", sa.BigInteger(), nullable=False),
        sa.Column("subtotal", sa.BigInteger(), nullable=False),
        sa.Column("tax", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=True),
        sa.Column("approved_by", sa.String(length=120), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("sent_to", sa.Text(), nullable=True),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "length(currency) = 3 AND upper(currency) = currency",
            name=op.f("ck_quote_revision_currency"),
        ),
        sa.CheckConstraint(
            "list_total >= 0", name=op.f("ck_quote_revision_list_total_non_negative")
        ),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_quote_revision_revision")),
        sa.CheckConstraint("subtotal >= 0", name=op.f("ck_quote_revision_subtotal_non_negative")),
        sa.CheckConstraint("tax >= 0", name=op.f("ck_quote_revision_tax_non_negative")),
        sa.CheckConstraint(
            "tax_rate >= 0 AND tax_rate <= 1000000", name=op.f("ck_quote_revision_tax_rate_percent")
        ),
        sa.CheckConstraint("total >= 0", name=op.f("ck_quote_revision_total_non_negative")),
        sa.ForeignKeyConstraint(
            ["quote_id"],
            ["quote.id"],
            name=op.f("fk_quote_revision_quote_id_quote"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quote_revision")),
        sa.UniqueConstraint(
            "quote_id", "revision", name=op.f("uq_quote_revision_quote_id_revision")
        ),
    )
    with op.batch_alter_table("quote_revision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quote_revision_quote_id"), ["quote_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_quote_revision_status"), ["status"], unique=False)

    op.create_table(
        "quote_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("sku", sa.String(length=60), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("family", sa.String(length=200), nullable=True),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("list_price", sa.BigInteger(), nullable=False),
        sa.Column("tier_pct", sa.BigInteger(), nullable=False),
        sa.Column("reg_pct", sa.BigInteger(), nullable=False),
        sa.Column("volume_pct", sa.BigInteger(), nullable=False),
        sa.Column("special_pct", sa.BigInteger(), nullable=False),
        sa.Column("net_unit", sa.BigInteger(), nullable=False),
        sa.Column("line_total", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("line_total >= 0", name=op.f("ck_quote_line_line_total_non_negative")),
        sa.CheckConstraint("list_price >= 0", name=op.f("ck_quote_line_list_price_non_negative")),
        sa.CheckConstraint("net_unit >= 0", name=op.f("ck_quote_line_net_unit_non_negative")),
        sa.CheckConstraint("quantity >= 1", name=op.f("ck_quote_line_quantity")),
        sa.CheckConstraint(
            "reg_pct >= 0 AND reg_pct <= 1000000", name=op.f("ck_quote_line_reg_pct_percent")
        ),
        sa.CheckConstraint(
            "special_pct >= 0 AND special_pct <= 1000000",
            name=op.f("ck_quote_line_special_pct_percent"),
        ),
        sa.CheckConstraint(
            "tier_pct >= 0 AND tier_pct <= 1000000", name=op.f("ck_quote_line_tier_pct_percent")
        ),
        sa.CheckConstraint(
            "volume_pct >= 0 AND volume_pct <= 1000000",
            name=op.f("ck_quote_line_volume_pct_percent"),
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_quote_line_product_id_product"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["quote_revision.id"],
            name=op.f("fk_quote_line_revision_id_quote_revision"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quote_line")),
        sa.UniqueConstraint(
            "revision_id", "position", name=op.f("uq_quote_line_revision_id_position")
        ),
    )
    with op.batch_alter_table("quote_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quote_line_product_id"), ["product_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_quote_line_revision_id"), ["revision_id"], unique=False
        )

    _seed_default_tiers()


def _seed_default_tiers() -> None:
    """A fresh database knows the tiers of SPEC.md, at 0% until a price book sets them."""
    now = datetime.now(UTC).replace(tzinfo=None)
    tier = sa.table(
        "tier",
        sa.column("name", sa.String),
        sa.column("discount_pct", sa.BigInteger),
        sa.column("rank", sa.Integer),
        sa.column("version", sa.Integer),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
    )
    op.bulk_insert(
        tier,
        [
            {
                "name": name,
                "discount_pct": 0,
                "rank": rank,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for rank, name in enumerate(("Registered", "Silver", "Gold", "Platinum"))
        ],
    )


def downgrade() -> None:

    with op.batch_alter_table("quote_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quote_line_revision_id"))
        batch_op.drop_index(batch_op.f("ix_quote_line_product_id"))

    op.drop_table("quote_line")
    with op.batch_alter_table("quote_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quote_revision_status"))
        batch_op.drop_index(batch_op.f("ix_quote_revision_quote_id"))

    op.drop_table("quote_revision")
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quote_partner_id"))
        batch_op.drop_index(batch_op.f("ix_quote_deal_id"))
        batch_op.drop_index(batch_op.f("ix_quote_account_id"))

    op.drop_table("quote")
    with op.batch_alter_table("deal_party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deal_party_partner_id"))
        batch_op.drop_index(batch_op.f("ix_deal_party_direct_rep_id"))
        batch_op.drop_index(batch_op.f("ix_deal_party_deal_id"))

    op.drop_table("deal_party")
    with op.batch_alter_table("deal_activity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deal_activity_deal_id"))

    op.drop_table("deal_activity")
    with op.batch_alter_table("training_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_record_valid_until"))
        batch_op.drop_index(batch_op.f("ix_training_record_course_id"))
        batch_op.drop_index(batch_op.f("ix_training_record_contact_id"))

    op.drop_table("training_record")
    op.drop_table("overlap_resolution")
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deal_stage"))
        batch_op.drop_index(batch_op.f("ix_deal_claim_id"))
        batch_op.drop_index(batch_op.f("ix_deal_account_id"))

    op.drop_table("deal")
    with op.batch_alter_table("volume_break", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volume_break_product_id"))
        batch_op.drop_index(batch_op.f("ix_volume_break_family_id"))

    op.drop_table("volume_break")
    with op.batch_alter_table("price", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_price_product_id"))

    op.drop_table("price")
    op.drop_table("overlap_dismissal")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_partner_id"))
        batch_op.drop_index(batch_op.f("ix_contact_email"))

    op.drop_table("contact")
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_status_valid_until")
        batch_op.drop_index(batch_op.f("ix_claim_partner_id"))
        batch_op.drop_index(batch_op.f("ix_claim_direct_rep_id"))
        batch_op.drop_index(batch_op.f("ix_claim_account_id"))

    op.drop_table("claim")
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_family_id"))

    op.drop_table("product")
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partner_tier_id"))
        batch_op.drop_index(batch_op.f("ix_partner_status"))
        batch_op.drop_index("ix_partner_name_key_country")
        batch_op.drop_index("ix_partner_name")
        batch_op.drop_index(batch_op.f("ix_partner_country"))
        batch_op.drop_index(batch_op.f("ix_partner_account_manager"))

    op.drop_table("partner")
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_family_id"))

    op.drop_table("course")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_owner_rep_id"))
        batch_op.drop_index("ix_account_name_key_country")
        batch_op.drop_index(batch_op.f("ix_account_name"))
        batch_op.drop_index(batch_op.f("ix_account_domain"))

    op.drop_table("account")
    op.drop_table("tier")
    op.drop_table("setting")
    op.drop_table("product_family")
    op.drop_table("direct_rep")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entry_record")
        batch_op.drop_index(batch_op.f("ix_audit_entry_at"))

    op.drop_table("audit_entry")
