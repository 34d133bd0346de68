"""The lead rules as stored: grade routes and deadlines in the business settings, tier weights on
the tiers themselves (NULL: the tier is not listed and weighs 1).

Routing, the board, the rules page and the ``leadrules`` import all read them through
``read_lead_rules``, so every path works from the same rules.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Setting, Tier
from app.domain.errors import InputError
from app.domain.leads.rules import GRADES, LeadRules
from app.services.business_settings import load_business_settings

#: The business setting that holds the route of each grade.
ROUTE_KEYS: dict[str, str] = {g: f"lead_route_{g.lower()}" for g in GRADES}


def read_lead_rules(session: Session) -> LeadRules:
    """The lead rules in force: stored settings over SPEC's defaults, weights of listed tiers."""
    settings = load_business_settings(session)
    weights = {
        name: weight
        for name, weight in session.execute(
            select(Tier.name, Tier.lead_weight).where(Tier.lead_weight.is_not(None))
        )
        if weight is not None
    }
    return LeadRules(
        routes={g: getattr(settings, key) for g, key in ROUTE_KEYS.items()},
        tier_weights=weights,
        acceptance_days=settings.lead_acceptance_days,
        quiet_days=settings.lead_quiet_days,
        load_window_days=settings.lead_load_window_days,
        pause_after_expired=settings.lead_pause_after_expired,
    )


def save_lead_rules(session: Session, rules: LeadRules) -> None:
    """Store ``rules``: every tier it lists gets its weight, the tiers it leaves out none (they
    weigh 1). A tier the database does not know is refused, naming the known ones."""
    tiers = list(session.scalars(select(Tier).order_by(Tier.rank, Tier.name)))
    by_name = {t.name.strip().casefold(): t for t in tiers}
    unknown = [n for n in rules.tier_weights if n.strip().casefold() not in by_name]
    if unknown:
        known = ", ".join(t.name for t in tiers) or "none yet"
        raise InputError(f"Tier '{unknown[0]}' is not known; the known tiers are: {known}.")
    listed = {n.strip().casefold(): w for n, w in rules.tier_weights.items()}
    for folded, tier in by_name.items():
        weight = listed.get(folded)
        if tier.lead_weight != weight:
            tier.lead_weight = weight
    values = {key: rules.routes[g] for g, key in ROUTE_KEYS.items()}
    values.update(
        lead_acceptance_days=str(rules.acceptance_days),
        lead_quiet_days=str(rules.quiet_days),
        lead_load_window_days=str(rules.load_window_days),
        lead_pause_after_expired=str(rules.pause_after_expired),
    )
    for key, text in values.items():
        setting = session.get(Setting, key)
        if setting is None:
            session.add(Setting(key=key, value=text))
        elif setting.value != text:
            setting.value = text
    session.flush()
