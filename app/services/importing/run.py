"""One entry point for every kind; files reach it through ``file_import``."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from app.domain.errors import InputError
from app.domain.importing.report import ImportSummary
from app.domain.importing.sheet import MappedSheet
from app.services.importing.common import ImportOptions


def import_kind(
    session: Session,
    kind: str,
    sheets: Mapping[str, MappedSheet],
    options: ImportOptions,
    source: str,
) -> ImportSummary:
    """Import the mapped ``sheets`` of ``kind``; ``ImportRefused`` when all-or-nothing fails."""
    if kind == "partners":
        from app.services.importing.partners import import_partners

        return import_partners(session, sheets[kind], options, source)
    if kind == "contacts":
        from app.services.importing.contacts import import_contacts

        return import_contacts(session, sheets[kind], options, source)
    if kind == "courses":
        from app.services.importing.courses import import_courses

        return import_courses(session, sheets[kind], options, source)
    if kind == "training":
        from app.services.importing.training import import_training

        return import_training(session, sheets[kind], options, source)
    if kind == "accounts":
        from app.services.importing.accounts import import_accounts

        return import_accounts(session, sheets[kind], options, source)
    if kind == "claims":
        from app.services.importing.claims import import_claims

        return import_claims(session, sheets[kind], options, source)
    if kind == "deals":
        from app.services.importing.deals import import_deals

        return import_deals(session, sheets[kind], options, source)
    if kind == "leads":
        from app.services.importing.leads import import_leads

        return import_leads(session, sheets[kind], options, source)
    if kind == "leadrules":
        from app.services.importing.leadrules import import_lead_rules

        return import_lead_rules(session, sheets, options, source)
    if kind == "pricebook":
        from app.services.importing.pricebook import import_pricebook

        return import_pricebook(session, sheets, options, source)
    if kind in ("fx", "spend", "programs"):
        return _program_kind(session, kind, sheets, options, source)
    raise InputError(f"'{kind}' cannot be imported.")


def _program_kind(
    session: Session,
    kind: str,
    sheets: Mapping[str, MappedSheet],
    options: ImportOptions,
    source: str,
) -> ImportSummary:
    """Exchange rates, spend items and program rules (SPEC.md, "Program spend and return")."""
    if kind == "fx":
        from app.services.importing.fx import import_fx

        return import_fx(session, sheets[kind], options, source)
    if kind == "spend":
        from app.services.importing.spend import import_spend

        return import_spend(session, sheets[kind], options, source)
    from app.services.importing.programs import import_programs

    return import_programs(session, sheets, options, source)
