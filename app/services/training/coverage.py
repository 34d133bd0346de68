"""The coverage matrix: partners × product families, each cell how many of the partner's people
hold a valid certification in that family today, and whether it is valid, soon expiring,
expired or never held. Clicking a cell lists the people behind it.

The cells come from one grouped query over training records (per person the best valid-until
in each family, then per partner and family), not one query per partner; partners with nothing
recorded are simply absent from it and shown as "none". Terminated partners are left out: they
no longer sell anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session

from app.db.models import Contact, Course, Partner, ProductFamily, TrainingRecord
from app.domain.columns import Column, Kind
from app.domain.enums import ContactRole, PartnerStatus
from app.domain.training import (
    EXPIRING_SOON_DAYS,
    CoverageState,
    TrainingState,
    coverage_state,
    training_state,
)

#: Stands for "never expires" inside the query, so MAX picks a lifetime certification.
FOREVER = date(9999, 12, 31)


@dataclass(frozen=True, slots=True)
class CoverageFamily:
    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class CoverageCell:
    """One partner in one family: ``holders`` people hold a valid certification today."""

    holders: int
    latest: date | None  # latest valid-until of anyone's certification; date.max: never expires
    state: CoverageState

    @property
    def label(self) -> str:
        """What the cell says, so it reads without its colour: ``2 · valid``."""
        return f"{self.holders} · {self.state.label.lower()}"

    @property
    def rank(self) -> tuple[int, int, date]:
        """Sort order: worst first (none, expired, expiring, valid), then fewer holders first."""
        order = (CoverageState.NONE, CoverageState.EXPIRED, CoverageState.EXPIRING)
        level = order.index(self.state) if self.state in order else 3
        return (level, self.holders, self.latest or date.min)

    def explain(self, family: str) -> str:
        """A tooltip: the cell in words."""
        if self.state is CoverageState.NONE:
            return f"No one here has ever held a {family} certification."
        if self.state is CoverageState.EXPIRED:
            return f"No valid {family} certification: the last one lapsed on {self.latest}."
        people = "1 person holds" if self.holders == 1 else f"{self.holders} people hold"
        if self.latest == date.max:
            return f"{people} a valid {family} certification; one never expires."
        return f"{people} a valid {family} certification, the longest until {self.latest}."


NO_CELL = CoverageCell(0, None, CoverageState.NONE)


@dataclass(frozen=True, slots=True)
class CoverageRow:
    partner_id: int
    partner: str
    country: str | None
    status: PartnerStatus
    cells: tuple[CoverageCell, ...]  # one per family of the matrix, in its order

    @property
    def uncovered(self) -> int:
        """In how many families no one holds a valid certification."""
        return sum(1 for c in self.cells if c.holders == 0)


@dataclass(frozen=True)
class Coverage:
    families: tuple[CoverageFamily, ...]
    rows: list[CoverageRow]


@dataclass(frozen=True, slots=True)
class CoveragePerson:
    """One active person of a partner and their best certification in one family."""

    contact_id: int
    name: str
    role: ContactRole
    email: str | None
    course: str | None
    completed_on: date | None
    valid_until: date | None
    state: TrainingState | None  # None: never certified in this family

    @property
    def state_text(self) -> str:
        return self.state.label if self.state is not None else "Not certified"


def certifying_families(session: Session) -> tuple[CoverageFamily, ...]:
    """The families someone can be certified in: the matrix's columns, by name."""
    query = (
        select(ProductFamily.id, ProductFamily.code, ProductFamily.name)
        .where(
            select(Course.id)
            .where(Course.family_id == ProductFamily.id, Course.certifies.is_(True))
            .exists()
        )
        .order_by(ProductFamily.name)
    )
    return tuple(CoverageFamily(*row) for row in session.execute(query))


def coverage_matrix(
    session: Session,
    today: date,
    soon_days: int = EXPIRING_SOON_DAYS,
    partner: int | None = None,
) -> Coverage:
    """Every partner that is not terminated, by name, with one cell per certifying family; or
    only the partner with id ``partner`` (its row, read alone, as the whole matrix has it)."""
    families = certifying_families(session)
    position = {f.id: n for n, f in enumerate(families)}
    cells: dict[int, list[CoverageCell]] = {}
    made: dict[tuple[int, date], CoverageCell] = {}  # cells repeat a lot: build each once
    for partner_id, family_id, holders, latest in session.execute(_cell_query(today, partner)):
        if family_id not in position:
            continue
        cell = made.get((holders, latest))
        if cell is None:
            until = date.max if latest == FOREVER else latest
            state = coverage_state(int(holders), until, today, soon_days)
            cell = made[(holders, latest)] = CoverageCell(int(holders), until, state)
        row = cells.setdefault(partner_id, [NO_CELL] * len(families))
        row[position[family_id]] = cell
    blank = (NO_CELL,) * len(families)
    partners = (
        select(Partner.id, Partner.name, Partner.country, Partner.status)
        .where(Partner.status != PartnerStatus.TERMINATED)
        .order_by(Partner.name, Partner.id)
    )
    if partner is not None:
        partners = partners.where(Partner.id == partner)
    rows = [
        CoverageRow(pid, name, country, status, tuple(cells[pid]) if pid in cells else blank)
        for pid, name, country, status in session.execute(partners)
    ]
    return Coverage(families, rows)


def _cell_query(today: date, partner: int | None) -> Select[int, int, int, date]:
    """(partner, family, people holding a valid certification, latest valid-until), of every
    partner or of ``partner`` alone."""
    people: list[ColumnElement[bool]] = [
        TrainingRecord.passed.is_(True),
        Course.certifies.is_(True),
        Course.family_id.is_not(None),
        Contact.active.is_(True),
    ]
    if partner is not None:
        people.append(Contact.partner_id == partner)
    best = (
        select(
            Contact.partner_id.label("partner_id"),
            Course.family_id.label("family_id"),
            func.max(func.coalesce(TrainingRecord.valid_until, FOREVER)).label("best"),
        )
        .join(Contact, Contact.id == TrainingRecord.contact_id)
        .join(Course, Course.id == TrainingRecord.course_id)
        .where(*people)
        .group_by(Contact.partner_id, Course.family_id, Contact.id)
        .subquery("best")
    )
    holders = func.sum(case((best.c.best >= today, 1), else_=0))
    return select(best.c.partner_id, best.c.family_id, holders, func.max(best.c.best)).group_by(
        best.c.partner_id, best.c.family_id
    )


def coverage_people(
    session: Session,
    partner_id: int,
    family_id: int,
    today: date,
    soon_days: int = EXPIRING_SOON_DAYS,
) -> list[CoveragePerson]:
    """Each active person of the partner with their best certification in the family (the one
    lasting longest; never certified shows as such), valid ones first."""
    records = {
        contact_id: (code, done, until)
        for contact_id, code, done, until in session.execute(
            select(
                TrainingRecord.contact_id,
                Course.code,
                TrainingRecord.completed_on,
                TrainingRecord.valid_until,
            )
            .join(Course, Course.id == TrainingRecord.course_id)
            .join(Contact, Contact.id == TrainingRecord.contact_id)
            .where(
                Contact.partner_id == partner_id,
                Course.family_id == family_id,
                Course.certifies.is_(True),
                TrainingRecord.passed.is_(True),
            )
            # the best record of each person comes last and wins in the dict
            .order_by(
                TrainingRecord.contact_id,
                func.coalesce(TrainingRecord.valid_until, FOREVER),
                TrainingRecord.completed_on,
            )
        )
    }
    people = []
    for contact_id, name, role, email in session.execute(
        select(Contact.id, Contact.name, Contact.role, Contact.email)
        .where(Contact.partner_id == partner_id, Contact.active.is_(True))
        .order_by(Contact.name, Contact.id)
    ):
        code, done, until = records.get(contact_id, (None, None, None))
        state = training_state(True, until, today, soon_days) if code is not None else None
        people.append(CoveragePerson(contact_id, name, role, email, code, done, until, state))
    order = {TrainingState.VALID: 0, TrainingState.EXPIRING: 1, TrainingState.EXPIRED: 2}
    people.sort(key=lambda p: order.get(p.state, 3) if p.state is not None else 3)
    return people


@dataclass(frozen=True)
class CellColumn(Column[CoverageRow]):
    """A family's column: sorts worst-covered first, reads as ``2 · valid`` in a file too."""

    index: int = 0

    def sort_key(self, row: CoverageRow) -> tuple[int, object]:
        return (0, row.cells[self.index].rank)


def coverage_columns(families: tuple[CoverageFamily, ...]) -> tuple[Column[CoverageRow], ...]:
    """The matrix's columns: the partner, then one per certifying family."""
    fixed: tuple[Column[CoverageRow], ...] = (
        Column("partner", "Partner", lambda r: r.partner, width=28),
        Column("country", "Country", lambda r: r.country, width=7),
        Column("status", "Status", lambda r: r.status, width=9),
        Column("uncovered", "Gaps", lambda r: r.uncovered, Kind.INTEGER, width=5),
    )
    cells = tuple(
        CellColumn(f"family_{f.code}", f.name, _cell_reader(n), width=max(12, len(f.name)), index=n)
        for n, f in enumerate(families)
    )
    return fixed + cells


def _cell_reader(n: int):  # type: ignore[no-untyped-def]
    return lambda row: row.cells[n]


PEOPLE_COLUMNS: tuple[Column[CoveragePerson], ...] = (
    Column("name", "Name", lambda r: r.name, width=22),
    Column("state", "Certification", lambda r: r.state_text, width=14),
    Column("valid_until", "Valid until", lambda r: r.valid_until, Kind.DATE, width=11),
    Column("course", "Course", lambda r: r.course, width=10),
    Column("completed_on", "Completed", lambda r: r.completed_on, Kind.DATE, width=11),
    Column("role", "Role", lambda r: r.role, width=10),
    Column("email", "E-mail", lambda r: r.email, width=28),
)
