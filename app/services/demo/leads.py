"""Demo leads: a quarter of campaign leads with a history that tells the "black hole" story.

About 360 leads arrive over the last 13 weeks from a few campaigns, graded A to D or not at all,
most naming a product family, in the countries where the partners are (a few where none is, so
some stay unroutable), and a handful for companies already on the accounts list (so named
accounts and registrations decide those). They are routed by the routing service every other
week: for the first half of the quarter under the old practice (grades A and B to the direct
team), then under the rules as they stand, so the board shows partners that were sent the poor
leads. Leads of the last two weeks wait for the user's first Route.

Between runs each recipient answers as its habit says: most partners accept within the deadline
and convert as often as anyone with leads of that grade; a few are slow (their leads expire,
and enough expiries pause them); a few accept and then go quiet, the real black holes. A
conversion here only marks the outcome (with the account the lead matches): the demo's accounts,
claims and deals stay those of the other demo steps, so the rest of the world is unchanged.
The answers are written as the lead actions write them (``app.services.leads.actions``), a
run's worth at a time in a few statements: one action at a time made the demo several times
slower, and the demo runs under many of the tests.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from app.db.models import Lead, LeadAssignment, Partner
from app.domain.enums import AssignmentOutcome, LeadStatus
from app.domain.lead_actions import DECLINE_REASONS, LOSE_REASONS
from app.domain.names import domain_key, name_key
from app.services.demo import world
from app.services.demo.keys import HABITS, key_partners
from app.services.demo.state import DemoState, to_ascii
from app.services.leads.routing import route_leads
from app.services.leads.rules import read_lead_rules, save_lead_rules

_LEAD: Table = Lead.__table__  # type: ignore[assignment]
_ASSIGNMENT: Table = LeadAssignment.__table__  # type: ignore[assignment]
LEADS = 360
WEEKS = 13
#: (campaign, first day, last day) in days before today.
CAMPAIGNS = (
    ("Autumn security webinar", 91, 70), ("Partner roadshow", 75, 45),
    ("Cloud migration e-book", 60, 20), ("Trade show booth scans", 50, 40),
    ("Year-end renewal push", 30, 0), ("Website contact form", 91, 0),
)  # fmt: skip
GRADES = (("A", 15), ("B", 25), ("C", 32), ("D", 14), (None, 14))
#: How often a lead of each grade becomes business, whoever works it.
CONVERTS = {"A": 0.5, "B": 0.32, "C": 0.16, "D": 0.06, None: 0.05}
#: Countries with no partner, whose leads stay unroutable.
NO_PARTNER = ("PL", "PT", "BR")
LANGUAGES = {"US": "en", "GB": "en", "CA": "en", "AU": "en", "DE": "de", "CH": "de", "FR": "fr",
             "IT": "it", "ES": "es", "NL": "nl", "SE": "sv", "JP": "ja"}  # fmt: skip


def add_leads(state: DemoState) -> int:
    """Add the leads and their routing history; the number of leads added."""
    session = state.session
    leads = _new_leads(state)
    session.execute(insert(_LEAD), leads)
    habits = _habits(state)
    rules = read_lead_rules(session)
    save_lead_rules(session, rules.with_routes({"A": "direct", "B": "direct"}))
    for weeks in range(WEEKS - 1, 1, -2):
        on = state.ago(7 * weeks)
        if weeks < WEEKS // 2:
            save_lead_rules(session, rules)  # the rules as they stand, from mid-quarter
        route_leads(session, on, dry_run=False)
        made = session.execute(
            select(_ASSIGNMENT.c.id, _ASSIGNMENT.c.lead_id, _ASSIGNMENT.c.grade,
                   Partner.partner_code)
            .outerjoin(Partner, Partner.id == _ASSIGNMENT.c.partner_id)
            .where(_ASSIGNMENT.c.assigned_on == on)
            .order_by(_ASSIGNMENT.c.id)
        ).all()  # fmt: skip
        answers = _Answers()
        for assignment_id, lead_id, grade, partner in made:
            _answer(state, answers.for_(assignment_id, lead_id), on, grade, partner, habits)
        answers.write(session)
    save_lead_rules(session, rules)
    session.flush()
    return len(leads)


class _Answers:
    """The answers of one run, written with one statement per kind of change (the columns it
    sets), the version counters going up as an edit's would."""

    def __init__(self) -> None:
        self.changes: list[tuple[int, int, dict[str, object], dict[str, object]]] = []

    def for_(self, assignment_id: int, lead_id: int) -> tuple[dict[str, object], dict[str, object]]:
        """The (assignment, lead) changes to fill in for one assignment."""
        pair: tuple[dict[str, object], dict[str, object]] = ({}, {})
        self.changes.append((assignment_id, lead_id, *pair))
        return pair

    def write(self, session: Session) -> None:
        assignments = [(a_id, a) for a_id, _l_id, a, _l in self.changes]
        leads = [(l_id, lead) for _a_id, l_id, _a, lead in self.changes]
        _update(session, _ASSIGNMENT, assignments)
        _update(session, _LEAD, leads)


def _update(session: Session, table: Table, changes: list[tuple[int, dict[str, object]]]) -> None:
    """Each record's ``changes`` (id, {column: value}), grouped by the columns they set."""
    groups: dict[tuple[str, ...], list[dict[str, object]]] = {}
    for record_id, values in changes:
        if values:
            params = {f"v_{k}": v for k, v in values.items()}
            params["b_id"] = record_id
            groups.setdefault(tuple(sorted(values)), []).append(params)
    for columns, rows in groups.items():
        session.connection().execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values({c: bindparam(f"v_{c}") for c in columns} | {"version": table.c.version + 1}),
            rows,
        )


def _new_leads(state: DemoState) -> list[dict[str, object]]:
    """The campaign leads, oldest first, each with a Lead ID after the highest stored one."""
    rng = state.rng
    stored = state.session.scalar(select(func.count()).select_from(Lead)) or 0
    countries = [p.country for p in state.partners if p.country in LANGUAGES]
    families = list(state.families.values())
    known = [a for a in state.accounts if a.country in LANGUAGES]
    drafts: list[tuple[date, dict[str, object]]] = []
    for _ in range(LEADS):
        campaign, first, last = rng.choice(CAMPAIGNS)
        created = state.ago(rng.randint(last, first))
        grade = rng.choices([g for g, _ in GRADES], [w for _, w in GRADES])[0]
        family = rng.choice(families) if families and rng.random() < 0.6 else None
        if known and rng.random() < 0.06:  # a company already on the accounts list
            account = rng.choice(known)
            company, country, website = account.name, account.country or "US", account.website
        else:
            country = rng.choice(NO_PARTNER) if rng.random() < 0.03 else rng.choice(countries)
            company, website = _company(state, country)
        first_names, last_names = world.PEOPLE.get(country, world.PEOPLE["US"])
        person = f"{rng.choice(first_names)} {rng.choice(last_names)}"
        host = domain_key(website) if website else None
        local = ".".join(to_ascii(part, country in ("DE", "CH")) for part in person.split())
        email = f"{local}@{host}" if host and rng.random() < 0.8 else None
        lead: dict[str, object] = dict(
            company=company, name_key=name_key(company), website=website,
            domain=host or (domain_key(email) if email else None), email=email,
            country=country, contact=person, family_id=family.id if family else None,
            campaign=campaign, grade=grade, created_on=created, status=LeadStatus.NEW,
        )  # fmt: skip
        drafts.append((created, lead))
    drafts.sort(key=lambda item: item[0])
    for number, (_, lead) in enumerate(drafts, start=stored + 1):
        lead["lead_code"] = f"LD-{number:05d}"
    return [lead for _, lead in drafts]


def _company(state: DemoState, country: str) -> tuple[str, str | None]:
    """A prospect's name and website in the words of its country."""
    rng = state.rng
    stems, industries, stem_first = world.ACCOUNT_WORDS[LANGUAGES.get(country, "en")]
    stem, industry = rng.choice(stems), rng.choice(industries)
    base = f"{stem} {industry}" if stem_first else f"{industry} {stem}"
    forms = world.ACCOUNT_LEGAL_FORMS.get(country, ("",))
    name = f"{base} {rng.choice(forms)}".strip()
    tld = world.COUNTRIES[country][2] if country in world.COUNTRIES else country.lower()
    host = "".join(to_ascii(word, country in ("DE", "CH")) for word in base.split())
    return name, (None if rng.random() < 0.25 else f"www.{host}.{tld}")


def _habits(state: DemoState) -> dict[str, str]:
    """How each partner answers: ``diligent`` (most), ``slow`` or ``quiet``; a key partner as
    its part in the story says (``keen``: answers every lead and converts more than most)."""
    habits: dict[str, str] = {}
    for partner in state.partners:
        if partner.partner_code is None:
            continue
        draw = state.rng.random()
        habits[partner.partner_code] = (
            "quiet" if draw < 0.12 else "slow" if draw < 0.25 else "diligent"
        )
    for role, partner in key_partners(state).items():
        if partner.partner_code is not None:
            habits[partner.partner_code] = HABITS[role]
    return habits


def _answer(
    state: DemoState,
    changes: tuple[dict[str, object], dict[str, object]],
    on: date,
    grade: str | None,
    partner: str | None,
    habits: dict[str, str],
) -> None:
    """The recipient's answer to an assignment made ``on``, and what became of the lead, as
    the lead actions would write them (``changes``: the assignment's, the lead's)."""
    rng, today = state.rng, state.today
    assignment, lead = changes
    habit = "direct" if partner is None else habits.get(partner, "diligent")
    accepted_on = on
    if partner is not None:
        draw = rng.random()
        silent = 0.45 if habit == "slow" else 0.0 if habit == "keen" else 0.06
        if draw < silent:
            return  # no answer: the next run expires it
        if draw < silent + (0.03 if habit == "keen" else 0.1):
            reason = rng.choice(DECLINE_REASONS)
            _end(assignment, AssignmentOutcome.DECLINED, _day(on, rng.randint(0, 2), today), reason)
            lead.update(status=LeadStatus.DECLINED, status_reason=reason)
            return
        accepted_on = _day(on, rng.randint(0, 3), today)
        assignment.update(outcome=AssignmentOutcome.ACCEPTED, accepted_on=accepted_on)
        lead.update(status=LeadStatus.ACCEPTED)
    if habit == "quiet" and rng.random() < 0.85:
        return  # accepted, then nothing: the black hole
    ends = accepted_on + timedelta(days=rng.randint(4, 30))
    if ends > today:
        return  # still being worked
    keen = 1.8 if habit == "keen" else 1
    if rng.random() < CONVERTS[grade] * keen:
        _end(assignment, AssignmentOutcome.CONVERTED, ends, None)
        lead.update(status=LeadStatus.CONVERTED, status_reason=None)
    elif rng.random() < 0.8:
        reason = rng.choice(LOSE_REASONS)
        _end(assignment, AssignmentOutcome.LOST, ends, reason)
        lead.update(status=LeadStatus.LOST, status_reason=reason)


def _end(
    assignment: dict[str, object], outcome: AssignmentOutcome, on: date, why: str | None
) -> None:
    assignment.update(outcome=outcome, ended_on=on, end_reason=why)


def _day(on: date, later: int, today: date) -> date:
    return min(on + timedelta(days=later), today)
