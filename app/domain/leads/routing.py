"""A routing run on day D (SPEC.md, "Leads and fair distribution", steps 1–5), over a snapshot.

The rules in order: expire what waited too long, then take the unassigned leads by created-on and
Lead ID; a lead that certainly matches a named account goes to ``Direct``, one with an approved
live registration to its first registrant; otherwise its grade's route decides, and leads routed to
the partners go to the eligible partner with the smallest load over its tier weight.

Loads are exact fractions, compared as whole numbers over one common denominator (the least
common multiple of the weights: load N/W is N × (L / W) / L), which orders them exactly as
``Fraction`` would at a fraction of the cost. Eligible partners are indexed per (country, product
family) once, each bucket a heap ordered by (load, larger weight first, Partner ID); loads only
grow during a run, so
a heap entry whose load is stale is simply pushed again with the current one when it reaches the
top. That keeps 20,000 leads over 2,000 partners to a few heap operations each instead of a scan
of every partner per lead. The result names leads and recipients only; the caller writes it.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from math import lcm

from app.domain.leads.rules import DIRECT, LeadRules, grade_key
from app.domain.leads.world import PastAssignment, RoutingLead, RoutingPartner, RoutingWorld

#: Lead statuses a run takes up again (a nurture lead only when its grade changed).
UNASSIGNED = frozenset({"new", "declined", "expired", "unroutable"})

NAMED_ACCOUNT = "named account"
REGISTERED = "registered"


@dataclass(frozen=True, slots=True)
class Expiry:
    """An assignment this run expired: the lead goes back to unassigned."""

    lead: str
    recipient: str
    assignment_id: int | None


@dataclass(frozen=True, slots=True)
class Assignment:
    """A lead this run gives to ``to`` (a Partner ID or ``Direct``), and why in SPEC's words."""

    lead: str
    to: str
    reason: str
    grade: str | None


@dataclass(frozen=True, slots=True)
class Unroutable:
    lead: str
    reason: str


@dataclass(frozen=True, slots=True)
class RoutingRun:
    """What a run did (or, in a dry run, would do), in the order it decided it."""

    on: date
    expired: tuple[Expiry, ...]
    assigned: tuple[Assignment, ...]
    nurture: tuple[str, ...]
    unroutable: tuple[Unroutable, ...]


def expires(assignment: PastAssignment, on: date, rules: LeadRules) -> bool:
    """Whether ``assignment`` is a partner's, still waiting for acceptance after its deadline."""
    return (
        assignment.recipient != DIRECT
        and assignment.outcome == "open"
        and assignment.accepted_on is None
        and on > assignment.assigned_on + timedelta(days=rules.acceptance_days)
    )


def in_window(day: date | None, on: date, rules: LeadRules) -> bool:
    """Whether ``day`` is within the load window ending on ``on`` (D − window < day ≤ D)."""
    return day is not None and on - timedelta(days=rules.load_window_days) < day <= on


def unroutable_reason(lead: RoutingLead) -> str:
    """Why no partner could take ``lead``: its country, and its product family when it names one."""
    if lead.family_id is None:
        return f"no eligible partner in {lead.country}"
    family = lead.family_name or f"product family {lead.family_id}"
    return f"no eligible partner in {lead.country} certified for {family}"


def to_route(lead: RoutingLead) -> bool:
    """Whether a run takes ``lead`` up (before this run's expiries)."""
    if lead.status in UNASSIGNED:
        return True
    return lead.status == "nurture" and lead.nurture_grade != grade_key(lead.grade)


def route(world: RoutingWorld, on: date, rules: LeadRules) -> RoutingRun:
    """The routing run of SPEC.md on day ``on``; deterministic for the same world and day."""
    return _Router(world, on, rules).run()


class _Router:
    """One run's working state: loads, exclusions and the per-bucket heaps."""

    def __init__(self, world: RoutingWorld, on: date, rules: LeadRules) -> None:
        self.world = world
        self.on = on
        self.rules = rules
        self.partners = {p.code: p for p in world.partners}
        self.excluded: dict[str, set[str]] = defaultdict(set)
        self.load: Counter[str] = Counter()
        self.buckets: dict[tuple[str, int | None], list[tuple[int, int, str]]] = {}
        weights = {p.weight for p in world.partners if p.weight > 0}
        self.common = lcm(*weights) if weights else 1
        self.by_country: dict[str, list[RoutingPartner]] = defaultdict(list)

    def run(self) -> RoutingRun:
        expired = self._expire()
        paused = self._paused(expired)
        for partner in self.partners.values():
            if partner.active and partner.weight > 0 and partner.code not in paused:
                for country in partner.territories:
                    self.by_country[country].append(partner)
        leads = sorted(
            (lead for lead in self.world.leads if lead.created_on <= self.on),
            key=lambda lead: (lead.created_on, lead.code),
        )
        again = {e.lead for e in expired}
        assigned: list[Assignment] = []
        nurture: list[str] = []
        unroutable: list[Unroutable] = []
        for lead in leads:
            if not (lead.code in again or to_route(lead)):
                continue
            decision = self._decide(lead)
            if isinstance(decision, Assignment):
                assigned.append(decision)
            elif isinstance(decision, Unroutable):
                unroutable.append(decision)
            else:
                nurture.append(lead.code)
        return RoutingRun(
            self.on, tuple(expired), tuple(assigned), tuple(nurture), tuple(unroutable)
        )

    def _expire(self) -> list[Expiry]:
        """Step 1, and the run's memory of the past: exclusions and loads in the window."""
        expired: list[Expiry] = []
        for past in self.world.assignments:
            if expires(past, self.on, self.rules):
                expired.append(Expiry(past.lead, past.recipient, past.id))
                self.excluded[past.lead].add(past.recipient)
            elif past.outcome in ("declined", "expired"):
                self.excluded[past.lead].add(past.recipient)
            if in_window(past.assigned_on, self.on, self.rules):
                self.load[past.recipient] += 1
        expired.sort(key=lambda e: (e.lead, e.recipient))
        return expired

    def _paused(self, expired: list[Expiry]) -> set[str]:
        """Partners with at least N expiries within the load window, this run's included."""
        limit = self.rules.pause_after_expired
        if limit == 0:
            return set()
        count: Counter[str] = Counter(e.recipient for e in expired)
        for past in self.world.assignments:
            if past.outcome == "expired" and in_window(past.ended_on, self.on, self.rules):
                count[past.recipient] += 1
        return {code for code, n in count.items() if n >= limit}

    def _decide(self, lead: RoutingLead) -> Assignment | Unroutable | None:
        """Steps 3–5 for one lead; ``None`` means nurture."""
        if lead.named_account:
            return self._give(lead, DIRECT, NAMED_ACCOUNT)
        owner = self._registrant(lead)
        if owner is not None:
            return self._give(lead, owner, REGISTERED)
        route = self.rules.route_of(lead.grade)
        if route == "direct":
            return self._give(lead, DIRECT, f"grade {grade_key(lead.grade)}")
        if route == "nurture":
            return None
        return self._by_load(lead)

    def _registrant(self, lead: RoutingLead) -> str | None:
        """The first approved registrant: Direct, or an active partner not excluded for the lead."""
        excluded = self.excluded.get(lead.code, set())
        best: tuple[date, int, str] | None = None
        for reg in lead.registrations:
            if reg.claimant != DIRECT:
                partner = self.partners.get(reg.claimant)
                if partner is None or not partner.active or reg.claimant in excluded:
                    continue
            key = (reg.claimed_on, 0 if reg.claimant == DIRECT else 1, reg.claimant)
            if best is None or key < best:
                best = key
        return None if best is None else best[2]

    def _give(self, lead: RoutingLead, to: str, reason: str) -> Assignment:
        self.load[to] += 1
        return Assignment(lead.code, to, reason, lead.grade)

    def _by_load(self, lead: RoutingLead) -> Assignment | Unroutable:
        """Step 5: the eligible partner with the smallest load over weight."""
        heap = self._bucket(lead.country, lead.family_id)
        excluded = self.excluded.get(lead.code, set())
        set_aside: list[tuple[int, int, str]] = []
        chosen: RoutingPartner | None = None
        while heap:
            load, neg_weight, code = heap[0]
            partner = self.partners[code]
            current = self._scaled(code, partner.weight)
            if current != load:
                heapq.heapreplace(heap, (current, neg_weight, code))
                continue
            if code in excluded:
                set_aside.append(heapq.heappop(heap))
                continue
            chosen = partner
            break
        if chosen is None:
            found: Assignment | Unroutable = Unroutable(lead.code, unroutable_reason(lead))
        else:
            before = self.load[chosen.code]
            self.load[chosen.code] += 1
            # the chosen partner is still the heap's top: its entry is replaced in place
            entry = (self._scaled(chosen.code, chosen.weight), -chosen.weight, chosen.code)
            heapq.heapreplace(heap, entry)
            reason = f"load {before}/{chosen.weight}"
            found = Assignment(lead.code, chosen.code, reason, lead.grade)
        for entry in set_aside:
            heapq.heappush(heap, entry)
        return found

    def _scaled(self, code: str, weight: int) -> int:
        """The partner's load over its weight, times the common denominator: a whole number."""
        return self.load[code] * (self.common // weight)

    def _bucket(self, country: str, family: int | None) -> list[tuple[int, int, str]]:
        """The heap of partners eligible (exclusions aside) for this country and family."""
        key = (country, family)
        heap = self.buckets.get(key)
        if heap is None:
            heap = [
                (self._scaled(p.code, p.weight), -p.weight, p.code)
                for p in self.by_country.get(country, ())
                if family is None or family in p.certified
            ]
            heapq.heapify(heap)
            self.buckets[key] = heap
        return heap
