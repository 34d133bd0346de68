"""The rules of a lead's cells, for the leads import and any form that edits a lead.

A lead comes from a campaign list (SPEC.md, "Leads and fair distribution"): Lead ID, company,
website, country, contact, e-mail, product family, campaign, grade and created on. Each cell is
read by ``lead_parsers``; the product family is a name the service looks up among the stored
ones (its message lists them), and the grade is read by the lead rules' own ``parse_grade``, so
the import, the rules page and routing accept the same words (A–D, ``none`` or empty).
"""

from __future__ import annotations

from app.domain.errors import InputError
from app.domain.importing import values as v
from app.domain.leads.rules import parse_grade
from app.domain.partner_form import Parser, date_parser, limited

LEAD_FIELDS = (
    "lead_code", "company", "website", "country", "contact", "email", "family", "campaign",
    "grade", "created_on",
)  # fmt: skip
REQUIRED = ("lead_code", "company", "country", "created_on")

LABELS = {
    "lead_code": "Lead ID", "company": "Company", "website": "Website", "country": "Country",
    "contact": "Contact", "email": "E-mail", "family": "Product family", "campaign": "Campaign",
    "grade": "Grade", "created_on": "Created on",
}  # fmt: skip

#: What each text column holds at most (the database's column lengths).
LEAD_LENGTHS = {
    "lead_code": 40, "company": 200, "website": 250, "contact": 200, "email": 250,
    "family": 120, "campaign": 120,
}  # fmt: skip


def grade_cell(raw: object) -> object:
    """A grade cell: ``A``..``D`` in any case, or ``None`` for ``none`` or an empty cell."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = v.text(raw)
    try:
        return parse_grade(text)
    except InputError:
        raise v.BadValue("is not a grade: use A, B, C, D, none or leave it empty") from None


def lead_parsers(day_first: bool = True) -> dict[str, Parser]:
    """How each lead cell is read (text lengths included)."""
    return limited(
        {
            "lead_code": v.text,
            "company": v.text,
            "website": v.website,
            "country": v.country,
            "contact": v.text,
            "email": v.email,
            "family": v.text,
            "campaign": v.text,
            "grade": grade_cell,
            "created_on": date_parser(day_first),
        },
        LEAD_LENGTHS,
    )
