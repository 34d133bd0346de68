"""The columns each import kind understands (SPEC.md, "Import and export"), with their synonyms.

A header matches a field when its normalised text (``headers.header_key``) equals the field's
label or one of its synonyms. Synonyms are the words people really put in partner lists, so a
list exported by another tool maps without a ``--map``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """One column of an import: ``name`` is the key the code uses, ``label`` what the user reads."""

    name: str
    label: str
    required: bool = False
    synonyms: tuple[str, ...] = ()


#: What can be imported, in the order the wizard offers it; the command line accepts the same.
KINDS: tuple[str, ...] = (
    "partners",
    "contacts",
    "courses",
    "training",
    "accounts",
    "claims",
    "deals",
    "leads",
    "leadrules",
    "pricebook",
    "fx",
    "spend",
    "programs",
)
#: Each kind as the wizard names it.
KIND_TITLES: dict[str, str] = {
    "partners": "Partners",
    "contacts": "Contacts",
    "courses": "Courses",
    "training": "Training records",
    "accounts": "Accounts (end customers)",
    "claims": "Claims (deal registrations)",
    "deals": "Deals",
    "leads": "Leads",
    "leadrules": "Lead rules",
    "pricebook": "Price book",
    "fx": "Exchange rates",
    "spend": "Program spend",
    "programs": "Program rules (SPIF and rebate)",
}

_PARTNER_FIELDS = (
    Field("partner_code", "Partner ID", synonyms=(
        "partner id", "partner code", "partner no", "partner number", "id", "code", "reseller id",
        "account id", "customer id", "partner #",
    )),
    Field("name", "Name", required=True, synonyms=(
        "name", "company", "company name", "partner", "partner name", "reseller",
        "reseller name", "organisation", "organization", "account name",
    )),
    Field("legal_name", "Legal name", synonyms=("legal name", "legal entity", "registered name")),
    Field("type", "Type", synonyms=("type", "partner type", "category")),
    Field("tier", "Tier", synonyms=(
        "tier", "level", "partner level", "partner tier", "program level", "programme level",
    )),
    Field("status", "Status", synonyms=("status", "partner status", "state")),
    Field("country", "Country", synonyms=(
        "country", "ctry", "country code", "cntry", "iso country", "nation",
    )),
    Field("city", "City", synonyms=("city", "town", "location")),
    Field("website", "Website", synonyms=(
        "website", "web", "url", "web site", "homepage", "home page", "www", "domain",
    )),
    Field("email", "Email", synonyms=("email", "e mail", "mail", "email address")),
    Field("phone", "Phone", synonyms=(
        "phone", "telephone", "tel", "phone number", "mobile", "phone no",
    )),
    Field("account_manager", "Account manager", synonyms=(
        "account manager", "cam", "channel manager", "partner manager", "owner", "manager",
    )),
    Field("partner_since", "Partner since", synonyms=(
        "partner since", "since", "joined", "start date", "onboarded",
    )),
    Field("territories", "Territories", synonyms=(
        "territories", "territory", "countries served", "sales territory", "sales territories",
        "lead countries",
    )),
    Field("notes", "Notes", synonyms=("notes", "note", "comments", "comment", "remarks")),
)  # fmt: skip

_CONTACT_FIELDS = (
    Field("partner", "Partner", required=True, synonyms=(
        "partner", "partner id", "partner name", "company", "reseller", "partner id or name",
    )),
    Field("name", "Name", required=True, synonyms=(
        "name", "contact", "contact name", "full name", "person",
    )),
    Field("email", "Email", synonyms=("email", "e mail", "mail", "email address")),
    Field("phone", "Phone", synonyms=("phone", "telephone", "tel", "mobile", "phone number")),
    Field("role", "Role", synonyms=("role", "function", "job role", "position")),
)  # fmt: skip

_TRAINING_FIELDS = (
    Field("contact", "Contact email or name", required=True, synonyms=(
        "contact email or name", "contact", "contact email", "contact name", "email", "name",
        "e mail", "student", "learner", "person",
    )),
    Field("partner", "Partner", required=True, synonyms=(
        "partner", "partner id", "partner name", "company", "reseller",
    )),
    Field("course", "Course code", required=True, synonyms=(
        "course code", "course", "certification", "course id", "training",
    )),
    Field("completed_on", "Completed on", required=True, synonyms=(
        "completed on", "completed", "completion date", "date", "passed on",
    )),
    Field("passed", "Passed", synonyms=("passed", "result", "pass")),
    Field("valid_until", "Valid until", synonyms=(
        "valid until", "expires", "expiry", "expiry date",
    )),
)  # fmt: skip

_COURSE_FIELDS = (
    Field("code", "Course code", required=True, synonyms=(
        "course code", "code", "course id", "course", "course number",
    )),
    Field("title", "Title", required=True, synonyms=(
        "title", "course title", "course name", "name",
    )),
    Field("family", "Product family", synonyms=("product family", "family", "product line")),
    Field("certifies", "Certifies", synonyms=("certifies", "certification", "certifying")),
    Field("valid_months", "Valid for months", synonyms=(
        "valid for months", "valid for", "validity", "validity months", "months valid",
        "valid for (months)",
    )),
    Field("cost_per_seat", "Cost per seat", synonyms=(
        "cost per seat", "cost", "price per seat", "seat price", "price",
    )),
    Field("currency", "Currency", synonyms=("currency", "ccy", "currency code")),
)  # fmt: skip

_ACCOUNT_FIELDS = (
    Field("name", "Name", required=True, synonyms=(
        "name", "account", "account name", "company", "company name", "customer",
        "customer name", "end customer", "end user", "organisation", "organization",
    )),
    Field("website", "Website", synonyms=(
        "website", "web", "url", "web site", "homepage", "home page", "www", "domain",
    )),
    Field("country", "Country", synonyms=(
        "country", "ctry", "country code", "cntry", "iso country", "nation",
    )),
    Field("city", "City", synonyms=("city", "town", "location")),
    Field("named_account", "Named account", synonyms=(
        "named account", "named", "named direct account", "direct named account",
        "named accounts",
    )),
    Field("owner_rep_id", "Direct rep", synonyms=(
        "direct rep", "rep", "direct owner", "account owner", "owner", "sales rep",
        "direct sales rep",
    )),
)  # fmt: skip

_CLAIM_FIELDS = (
    Field("partner", "Partner", required=True, synonyms=(
        "partner", "claimant", "partner id", "partner name", "reseller", "registered by",
    )),
    Field("account", "Account", required=True, synonyms=(
        "account", "account name", "customer", "end customer", "end user", "company",
    )),
    Field("website", "Website", synonyms=("website", "web", "url", "domain")),
    Field("country", "Country", synonyms=("country", "ctry", "country code")),
    Field("claimed_on", "Claimed on", required=True, synonyms=(
        "claimed on", "claim date", "registered on", "registration date", "date",
    )),
    Field("valid_until", "Valid until", synonyms=("valid until", "expires", "expiry date")),
    Field("status", "Status", synonyms=("status", "claim status")),
    Field("deal_amount", "Deal amount", synonyms=("deal amount", "amount", "deal value", "value")),
    Field("currency", "Currency", synonyms=("currency", "ccy", "cur")),
    Field("commission_pct", "Commission %", synonyms=(
        "commission", "commission %", "commission pct", "commission percent",
    )),
)  # fmt: skip

_DEAL_FIELDS = (
    Field("deal_code", "Deal ID", synonyms=(
        "deal id", "deal code", "deal no", "deal number", "opportunity id", "deal #", "id",
    )),
    Field("name", "Name", required=True, synonyms=(
        "name", "deal", "deal name", "opportunity", "opportunity name", "title",
    )),
    Field("account", "Account", required=True, synonyms=(
        "account", "account name", "customer", "end customer", "end user", "company",
    )),
    Field("country", "Country", synonyms=("country", "ctry", "country code")),
    Field("partner", "Partner", required=True, synonyms=(
        "partner", "registering partner", "registered by", "partner id", "partner name",
        "reseller",
    )),
    Field("other_partners", "Other partners", synonyms=(
        "other partners", "partners", "other parties", "influencers", "co sellers",
    )),
    Field("stage", "Stage", required=True, synonyms=("stage", "deal stage", "sales stage")),
    Field("amount", "Amount", required=True, synonyms=(
        "amount", "deal amount", "value", "deal value", "revenue",
    )),
    Field("currency", "Currency", required=True, synonyms=("currency", "ccy", "cur")),
    Field("expected_close", "Expected close", synonyms=(
        "expected close", "expected close date", "close date", "expected",
    )),
    Field("closed_on", "Closed on", synonyms=(
        "closed on", "closed", "won on", "date closed", "closed date",
    )),
    Field("commission_pct", "Commission %", synonyms=(
        "commission", "commission %", "commission pct", "commission percent",
    )),
)  # fmt: skip

_LEAD_FIELDS = (
    Field("lead_code", "Lead ID", required=True, synonyms=(
        "lead id", "lead code", "lead no", "lead number", "lead #", "id", "lead",
    )),
    Field("company", "Company", required=True, synonyms=(
        "company", "company name", "account", "account name", "organisation", "organization",
        "customer", "prospect",
    )),
    Field("website", "Website", synonyms=("website", "web", "url", "web site", "domain")),
    Field("country", "Country", required=True, synonyms=(
        "country", "ctry", "country code", "cntry", "iso country",
    )),
    Field("contact", "Contact", synonyms=(
        "contact", "contact name", "name", "full name", "person", "first and last name",
    )),
    Field("email", "Email", synonyms=("email", "e mail", "mail", "email address")),
    Field("family", "Product family", synonyms=(
        "product family", "family", "product line", "product interest", "interest",
    )),
    Field("campaign", "Campaign", synonyms=("campaign", "campaign name", "source", "lead source")),
    Field("grade", "Grade", synonyms=("grade", "lead grade", "rating", "score", "lead score")),
    Field("created_on", "Created on", required=True, synonyms=(
        "created on", "created", "created date", "date", "lead date", "date created",
    )),
)  # fmt: skip

LEAD_GRADE_FIELDS = (
    Field("grade", "Grade", required=True, synonyms=("grade", "lead grade")),
    Field("route", "Route", required=True, synonyms=("route", "goes to", "routed to", "send to")),
)  # fmt: skip

LEAD_WEIGHT_FIELDS = (
    Field("tier", "Tier", required=True, synonyms=("tier", "level", "partner tier", "name")),
    Field("weight", "Weight", required=True, synonyms=("weight", "tier weight", "lead weight")),
)  # fmt: skip

LEAD_SETTING_FIELDS = (
    Field("acceptance_days", "Acceptance days", synonyms=(
        "acceptance days", "days to accept", "acceptance", "accept within days",
    )),
    Field("quiet_days", "Quiet days", synonyms=("quiet days", "quiet after days", "quiet")),
    Field("load_window_days", "Load window days", synonyms=(
        "load window days", "load window", "window days",
    )),
    Field("pause_after_expired", "Pause after expired", synonyms=(
        "pause after expired", "pause after", "pause after expiries",
    )),
)  # fmt: skip

PRICE_FIELDS = (
    Field("sku", "SKU", required=True, synonyms=("sku", "product code", "part number", "item")),
    Field("name", "Name", required=True, synonyms=(
        "name", "product", "product name", "description",
    )),
    Field("family", "Family", synonyms=("family", "product family")),
    Field("currency", "Currency", required=True, synonyms=("currency", "ccy")),
    Field("list_price", "List price", required=True, synonyms=("list price", "price", "list")),
    Field("effective_from", "Effective from", required=True, synonyms=(
        "effective from", "effective", "valid from", "from", "start date",
    )),
)  # fmt: skip

TIER_FIELDS = (
    Field("tier", "Tier", required=True, synonyms=("tier", "level", "partner tier", "name")),
    Field("discount_pct", "Discount %", required=True, synonyms=(
        "discount", "discount %", "discount pct", "discount percent",
    )),
)  # fmt: skip

VOLUME_FIELDS = (
    Field("target", "SKU or Family", required=True, synonyms=(
        "sku or family", "sku", "family", "product", "sku family",
    )),
    Field("min_qty", "Min quantity", required=True, synonyms=(
        "min quantity", "min qty", "minimum quantity", "from quantity", "quantity", "qty",
    )),
    Field("discount_pct", "Discount %", required=True, synonyms=(
        "discount", "discount %", "discount pct", "discount percent",
    )),
)  # fmt: skip

SETTING_FIELDS = (
    Field("deal_reg_discount_pct", "Deal registration discount %", synonyms=(
        "deal registration discount %", "deal registration discount", "deal reg discount",
    )),
    Field("approval_limit_pct", "Approval limit %", synonyms=(
        "approval limit %", "approval limit",
    )),
    Field("default_tax_rate_pct", "Tax rate %", synonyms=("tax rate %", "tax rate", "tax", "vat")),
    Field("quote_validity_days", "Quote validity days", synonyms=(
        "quote validity days", "quote validity", "validity days", "quotes valid for days",
    )),
)  # fmt: skip

_FX_FIELDS = (
    Field("currency", "Currency", required=True, synonyms=(
        "currency", "ccy", "currency code", "from currency", "code",
    )),
    Field("rate", "Rate", required=True, synonyms=(
        "rate", "exchange rate", "fx rate", "fx", "conversion rate",
    )),
    Field("effective_from", "Effective from", required=True, synonyms=(
        "effective from", "effective", "valid from", "from", "date", "as of", "start date",
    )),
)  # fmt: skip

_SPEND_FIELDS = (
    Field("partner", "Partner", synonyms=(
        "partner", "partner id", "partner name", "reseller", "company",
    )),
    Field("program", "Program", required=True, synonyms=(
        "program", "programme", "spend type", "type", "category",
    )),
    Field("spent_on", "Date", required=True, synonyms=(
        "date", "spent on", "paid on", "spend date", "payment date",
    )),
    Field("amount", "Amount", required=True, synonyms=("amount", "spend", "cost", "value")),
    Field("currency", "Currency", required=True, synonyms=("currency", "ccy", "currency code")),
    Field("description", "Description", synonyms=(
        "description", "notes", "note", "activity", "what", "comment",
    )),
)  # fmt: skip

SPIF_FIELDS = (
    Field("name", "Name", required=True, synonyms=("name", "rule", "spif", "spif name")),
    Field("family", "Product family", required=True, synonyms=(
        "product family", "family", "product line",
    )),
    Field("valid_from", "From", required=True, synonyms=(
        "from", "valid from", "start", "start date", "starts",
    )),
    Field("valid_to", "To", required=True, synonyms=(
        "to", "valid to", "until", "valid until", "end", "end date", "ends",
    )),
    Field("amount_per_unit", "Amount per unit", required=True, synonyms=(
        "amount per unit", "per unit", "amount", "unit amount", "bonus per unit",
    )),
    Field("currency", "Currency", required=True, synonyms=("currency", "ccy", "currency code")),
)  # fmt: skip

REBATE_FIELDS = (
    Field("rule", "Name", required=True, synonyms=("name", "rule", "rebate", "rebate name")),
    Field("threshold", "Threshold", required=True, synonyms=(
        "threshold", "from revenue", "revenue from", "minimum revenue", "min revenue",
    )),
    Field("percent", "Percent", required=True, synonyms=(
        "percent", "percentage", "rebate %", "%", "rate", "rebate percent",
    )),
)  # fmt: skip

FIELDS: dict[str, tuple[Field, ...]] = {
    "partners": _PARTNER_FIELDS,
    "contacts": _CONTACT_FIELDS,
    "courses": _COURSE_FIELDS,
    "training": _TRAINING_FIELDS,
    "accounts": _ACCOUNT_FIELDS,
    "claims": _CLAIM_FIELDS,
    "deals": _DEAL_FIELDS,
    "leads": _LEAD_FIELDS,
    "fx": _FX_FIELDS,
    "spend": _SPEND_FIELDS,
}

#: Kinds read from several sheets of one workbook, found by name (in any case): each sheet with
#: its own columns, in the order they are applied.
SHEET_FIELDS: dict[str, dict[str, tuple[Field, ...]]] = {
    "pricebook": {
        "Tiers": TIER_FIELDS, "Prices": PRICE_FIELDS, "Volume": VOLUME_FIELDS,
        "Settings": SETTING_FIELDS,
    },
    "leadrules": {
        "Grades": LEAD_GRADE_FIELDS, "Tier weights": LEAD_WEIGHT_FIELDS,
        "Settings": LEAD_SETTING_FIELDS,
    },
    "programs": {"SPIF": SPIF_FIELDS, "Rebate": REBATE_FIELDS},
}  # fmt: skip
#: The sheet a CSV file, or a workbook with none of the kind's sheets, is read as; a kind not
#: listed needs its sheets by name.
SHEET_DEFAULT: dict[str, str] = {"pricebook": "Prices"}

#: The sheets of a price-book workbook, in the order they are applied.
PRICEBOOK_SHEETS: tuple[str, ...] = tuple(SHEET_FIELDS["pricebook"])
