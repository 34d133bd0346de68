"""The lead rules a CAM reads and changes: where each grade goes, what a tier weighs, the deadlines.

One frozen value holds them all so a routing run, the board, an import of ``leadrules`` and the
rules page read the same thing. The defaults are SPEC.md's; the words accepted for grades and
routes are defined here once, so an import and a dialog refuse the same text the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from app.domain.errors import InputError

GRADES: tuple[str, ...] = ("A", "B", "C", "D", "none")
"""Every grade a lead can have; an ungraded lead is written ``none``."""

ROUTES: tuple[str, ...] = ("direct", "partners", "nurture")
"""Where the leads of a grade go."""

DIRECT = "Direct"
"""The recipient name of the direct team, as the Partner ID column shows it."""

DEFAULT_ROUTES: Mapping[str, str] = MappingProxyType(
    {"A": "partners", "B": "partners", "C": "partners", "D": "nurture", "none": "nurture"}
)
DEFAULT_TIER_WEIGHTS: Mapping[str, int] = MappingProxyType(
    {"Registered": 1, "Silver": 2, "Gold": 3, "Platinum": 4}
)

UNLISTED_TIER_WEIGHT = 1
"""What a tier the rules do not list weighs."""


def grade_key(grade: str | None) -> str:
    """The key of ``grade`` among ``GRADES``: an ungraded lead (``None``) is ``"none"``."""
    return "none" if grade is None else grade


def parse_grade(text: object) -> str | None:
    """A grade as typed (``a``, `` B ``, ``none``, empty) → ``"A"``..``"D"`` or ``None``.

    Raises ``InputError`` naming the accepted words for anything else.
    """
    cleaned = "" if text is None else " ".join(str(text).split())
    if cleaned == "" or cleaned.casefold() == "none":
        return None
    upper = cleaned.upper()
    if upper in GRADES[:4]:
        return upper
    raise InputError(f"Grade '{cleaned}' is not one of A, B, C, D or none.")


def parse_route(text: object) -> str:
    """A route as typed (any case, surrounding spaces) → one of ``ROUTES``, else ``InputError``."""
    cleaned = "" if text is None else " ".join(str(text).split()).casefold()
    if cleaned in ROUTES:
        return cleaned
    shown = "" if text is None else " ".join(str(text).split())
    raise InputError(f"Route '{shown}' is not one of direct, partners or nurture.")


def _frozen_routes() -> Mapping[str, str]:
    return DEFAULT_ROUTES


def _frozen_weights() -> Mapping[str, int]:
    return DEFAULT_TIER_WEIGHTS


@dataclass(frozen=True)
class LeadRules:
    """The lead rules in force; build changed copies with ``with_routes`` / ``with_tier_weights``.

    ``routes`` maps every grade of ``GRADES`` to a route of ``ROUTES``; ``tier_weights`` maps tier
    names to weights ≥ 0 (a tier not listed weighs 1, see ``weight_of``). The mappings are read-only
    views so a shared rules value cannot be changed behind a routing run's back.
    """

    routes: Mapping[str, str] = field(default_factory=_frozen_routes)
    tier_weights: Mapping[str, int] = field(default_factory=_frozen_weights)
    acceptance_days: int = 3
    quiet_days: int = 14
    load_window_days: int = 90
    pause_after_expired: int = 3

    def __post_init__(self) -> None:
        routes = dict(DEFAULT_ROUTES)
        for grade, route in self.routes.items():
            key = grade_key(parse_grade(grade))
            routes[key] = parse_route(route)
        weights: dict[str, int] = {}
        for tier, weight in self.tier_weights.items():
            if isinstance(weight, bool) or not isinstance(weight, int) or weight < 0:
                raise InputError(f"Tier weight of '{tier}': {weight!r} is not a whole number ≥ 0.")
            weights[tier] = weight
        for name in ("acceptance_days", "quiet_days", "load_window_days", "pause_after_expired"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InputError(
                    f"{name.replace('_', ' ').capitalize()}: {value!r} is not a whole number ≥ 0."
                )
        object.__setattr__(self, "routes", MappingProxyType(routes))
        object.__setattr__(self, "tier_weights", MappingProxyType(weights))

    def __hash__(self) -> int:
        return hash(
            (
                tuple(sorted(self.routes.items())),
                tuple(sorted(self.tier_weights.items())),
                self.acceptance_days,
                self.quiet_days,
                self.load_window_days,
                self.pause_after_expired,
            )
        )

    def route_of(self, grade: str | None) -> str:
        """The route of a lead of ``grade`` (``None`` = ungraded)."""
        return self.routes[grade_key(grade)]

    def weight_of(self, tier_name: str | None) -> int:
        """The weight of tier ``tier_name``: as listed (exact, else without regard to case), else 1.

        A partner without a tier is weighed like a tier the rules do not list.
        """
        if tier_name is None:
            return UNLISTED_TIER_WEIGHT
        if tier_name in self.tier_weights:
            return self.tier_weights[tier_name]
        folded = tier_name.strip().casefold()
        for name, weight in self.tier_weights.items():
            if name.strip().casefold() == folded:
                return weight
        return UNLISTED_TIER_WEIGHT

    def with_routes(self, routes: Mapping[str, str]) -> LeadRules:
        """These rules with the grades named in ``routes`` changed, the others kept."""
        merged = dict(self.routes)
        merged.update({grade_key(parse_grade(g)): parse_route(r) for g, r in routes.items()})
        return replace(self, routes=merged)

    def with_tier_weights(self, weights: Mapping[str, int]) -> LeadRules:
        """These rules with the tiers named in ``weights`` changed or added, the others kept."""
        merged = dict(self.tier_weights)
        merged.update(weights)
        return replace(self, tier_weights=merged)
