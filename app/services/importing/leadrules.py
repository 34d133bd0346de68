"""Import the lead rules (SPEC.md, "Import and export"): sheets Grades, Tier weights, Settings.

The workbook lists what it changes: a Grades sheet naming only some grades, or a Tier weights
sheet naming only some tiers, leaves the others as they were, and an empty Settings cell keeps
that setting. The rules are read and stored through ``app.services.leads.rules``, the one way
routing, the board and the rules page read them, and checked by the lead rules' own readers
(``parse_grade``, ``parse_route``), so a file cannot store rules the page would refuse. What
changes is always listed (each change a planned line), since rules move every later routing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Tier
from app.domain.errors import InputError
from app.domain.importing import values as v
from app.domain.importing.fields import SHEET_FIELDS
from app.domain.importing.report import ImportRefused, ImportSummary, Problem
from app.domain.importing.sheet import MappedSheet
from app.domain.leads.rules import LeadRules, grade_key, parse_grade, parse_route
from app.services.importing.common import (
    ImportOptions,
    Parser,
    new_summary,
    parsed_rows,
    required,
)
from app.services.leads.rules import read_lead_rules, save_lead_rules

#: The numbers of the Settings sheet, as ``LeadRules`` names them, with their labels.
SETTINGS: dict[str, str] = {
    f.name: f.label for f in SHEET_FIELDS["leadrules"]["Settings"]
}  # fmt: skip


def import_lead_rules(
    session: Session, sheets: Mapping[str, MappedSheet], options: ImportOptions, source: str = ""
) -> ImportSummary:
    """Check every sheet given, then store the changed rules (unless a dry run)."""
    summary = new_summary("lead rules", source or "workbook", options)
    summary.preview = True  # the rules' changes are always listed
    before = read_lead_rules(session)
    after = before
    named = {name: _named(sheet, name) for name, sheet in sheets.items()}
    if "Grades" in named:
        after = _grades(named["Grades"], after, summary, options)
    if "Tier weights" in named:
        after = _weights(session, named["Tier weights"], after, summary, options)
    if "Settings" in named:
        after = _settings(named["Settings"], after, summary, options)
    order = {name: index for index, name in enumerate(SHEET_FIELDS["leadrules"])}
    summary.problems.sort(key=lambda p: (order.get(p.column.split(":")[0], 9), p.row))
    if summary.problems and not options.skip_invalid and not options.dry_run:
        raise ImportRefused(summary.problems, summary)
    if options.dry_run:
        return summary
    if after != before:
        save_lead_rules(session, after)
    summary.written = True
    return summary


def _named(sheet: MappedSheet, name: str) -> MappedSheet:
    """The sheet with its headers prefixed by the sheet's name, so the report says where."""
    return replace(sheet, headers={f: f"{name}: {text}" for f, text in sheet.headers.items()})


def _grade(raw: object) -> object:
    text = v.required_text(raw)
    try:
        return grade_key(parse_grade(text))
    except InputError:
        raise v.BadValue("is not a grade: use A, B, C, D or none") from None


def _route(raw: object) -> object:
    text = v.required_text(raw)
    try:
        return parse_route(text)
    except InputError:
        raise v.BadValue("is not a route: use direct, partners or nurture") from None


def _grades(
    sheet: MappedSheet, rules: LeadRules, summary: ImportSummary, options: ImportOptions
) -> LeadRules:
    """Grade, Route: each grade named goes where its row says."""
    parsers: dict[str, Parser] = {"grade": _grade, "route": _route}
    seen: dict[str, tuple[int, str]] = {}
    routes: dict[str, str] = {}
    for number, values in parsed_rows(sheet, parsers, options, summary.problems):
        if not required(number, values, ("grade", "route"), sheet, summary.problems):
            continue
        grade, route = str(values["grade"]), str(values["route"])
        if grade in seen:
            if seen[grade][1] == route:
                summary.merged += 1
            else:
                twice = f"is given twice (row {seen[grade][0]})"
                summary.problems.append(Problem(number, sheet.header("grade"), grade, twice))
            continue
        seen[grade] = (number, route)
        old = rules.routes[grade]
        if old == route:
            summary.unchanged += 1
            continue
        summary.updated += 1
        summary.planned(number, "Update", f"Grade {grade}", f"Route: {old} → {route}")
        routes[grade] = route
    return rules.with_routes(routes) if routes else rules


def _weights(
    session: Session,
    sheet: MappedSheet,
    rules: LeadRules,
    summary: ImportSummary,
    options: ImportOptions,
) -> LeadRules:
    """Tier, Weight: a whole number ≥ 0 for each tier named (0: the tier gets no leads)."""
    tiers = {v.choice_key(name): name for name in session.scalars(select(Tier.name))}
    parsers: dict[str, Parser] = {
        "tier": partial(v.choice, known=tiers, what="tier"),
        "weight": partial(v.whole_number, minimum=0),
    }
    seen: dict[str, tuple[int, int]] = {}
    weights: dict[str, int] = {}
    for number, values in parsed_rows(sheet, parsers, options, summary.problems):
        if not required(number, values, ("tier", "weight"), sheet, summary.problems):
            continue
        tier, weight = str(values["tier"]), values["weight"]
        assert isinstance(weight, int)
        if tier in seen:
            if seen[tier][1] == weight:
                summary.merged += 1
            else:
                twice = f"is given twice (row {seen[tier][0]})"
                summary.problems.append(Problem(number, sheet.header("tier"), tier, twice))
            continue
        seen[tier] = (number, weight)
        listed = _listed_weight(rules, tier)
        if listed == weight:
            summary.unchanged += 1
            continue
        shown = "— (1)" if listed is None else str(listed)
        if listed is None:
            summary.new += 1
            summary.planned(number, "New", f"Tier {tier}", f"Weight: {shown} → {weight}")
        else:
            summary.updated += 1
            summary.planned(number, "Update", f"Tier {tier}", f"Weight: {shown} → {weight}")
        weights[tier] = weight
    if not weights:
        return rules
    kept = {
        name: weight
        for name, weight in rules.tier_weights.items()
        if v.choice_key(name) not in {v.choice_key(t) for t in weights}
    }
    return replace(rules, tier_weights={**kept, **weights})


def _listed_weight(rules: LeadRules, tier: str) -> int | None:
    """The weight the rules list for ``tier`` (in any case), or ``None`` when not listed."""
    for name, weight in rules.tier_weights.items():
        if v.choice_key(name) == v.choice_key(tier):
            return weight
    return None


def _settings(
    sheet: MappedSheet, rules: LeadRules, summary: ImportSummary, options: ImportOptions
) -> LeadRules:
    """A header row and one row of values; an empty cell leaves that setting as it is."""
    parsers: dict[str, Parser] = {name: partial(v.whole_number, minimum=0) for name in SETTINGS}
    first: int | None = None
    changed: dict[str, int] = {}
    for number, values in parsed_rows(sheet, parsers, options, summary.problems):
        if first is not None:
            extra = f"the Settings sheet has one row of values (row {first}): remove this one"
            summary.problems.append(Problem(number, "", "", extra))
            continue
        first = number
        shown: list[str] = []
        for name, value in values.items():
            old = getattr(rules, name)
            if value is None or value == old:
                continue
            assert isinstance(value, int)
            changed[name] = value
            shown.append(f"{SETTINGS[name]}: {old} → {value}")
        if changed:
            summary.updated += 1
            summary.planned(number, "Update", "Lead settings", "; ".join(shown))
        else:
            summary.unchanged += 1
    return replace(rules, **changed) if changed else rules  # type: ignore[arg-type]
