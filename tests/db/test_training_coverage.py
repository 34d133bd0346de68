"""The coverage matrix and its people on SQLite and PostgreSQL: counts of people holding a
valid certification, the four cell states, terminated partners left out, one grouped query."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event

from app.db.engine import Database
from app.db.models import Contact, Course, Partner, ProductFamily, TrainingRecord
from app.domain.enums import PartnerStatus
from app.domain.names import name_key
from app.domain.training import CoverageState, TrainingState
from app.services.training.coverage import (
    coverage_columns,
    coverage_matrix,
    coverage_people,
)

TODAY = date(2026, 6, 1)


def _world(db: Database) -> dict[str, int]:
    with db.transaction() as s:
        cb = ProductFamily(code="CB", name="Cloud Backup")
        es = ProductFamily(code="ES", name="Endpoint Security")
        plain = ProductFamily(code="PL", name="Plain")  # no certifying course: not a column
        cb200 = Course(code="CB-200", title="CB", family=cb, certifies=True, valid_months=24)
        cb300 = Course(code="CB-300", title="CB life", family=cb, certifies=True)
        es200 = Course(code="ES-200", title="ES", family=es, certifies=True, valid_months=12)
        pl = Course(code="PL-100", title="PL", family=plain)

        def partner(name: str, status: PartnerStatus = PartnerStatus.ACTIVE) -> Partner:
            return Partner(name=name, name_key=name_key(name), status=status)

        alpha, beta, gamma = partner("Alpha"), partner("Beta"), partner("Gamma")
        gone = partner("Gone", PartnerStatus.TERMINATED)
        a1, a2, a3 = (Contact(partner=alpha, name=n) for n in ("Ann", "Abe", "Amy"))
        b1 = Contact(partner=beta, name="Ben")
        b2 = Contact(partner=beta, name="Bea", active=False)
        g1 = Contact(partner=gone, name="Gus")
        s.add_all([cb, es, plain, cb200, cb300, es200, pl, alpha, beta, gamma, gone])
        s.add_all([a1, a2, a3, b1, b2, g1])

        def rec(who: Contact, course: Course, until: date | None, passed: bool = True) -> None:
            done = (until or TODAY) - timedelta(days=365)
            s.add(TrainingRecord(contact=who, course=course, completed_on=done, passed=passed,
                                 valid_until=until))  # fmt: skip

        rec(a1, cb200, TODAY + timedelta(days=300))  # Alpha CB: 2 valid
        rec(a2, cb300, None)  # never expires
        rec(a1, es200, TODAY + timedelta(days=30))  # Alpha ES: 1 expiring
        rec(a3, es200, TODAY - timedelta(days=3))  # lapsed: does not count
        rec(a3, es200, TODAY + timedelta(days=90), passed=False)  # failed: does not count
        rec(b1, cb200, TODAY - timedelta(days=10))  # Beta CB: expired
        rec(b2, es200, TODAY + timedelta(days=300))  # inactive person: Beta ES none
        rec(g1, cb200, TODAY + timedelta(days=300))
        s.flush()
        return {"alpha": alpha.id, "beta": beta.id, "cb": cb.id, "es": es.id}


def test_cells_count_people_with_a_valid_certification(any_db: Database) -> None:
    _world(any_db)
    with any_db.reading() as s:
        matrix = coverage_matrix(s, TODAY)
    assert [f.code for f in matrix.families] == ["CB", "ES"]
    by_name = {r.partner: r for r in matrix.rows}
    assert list(by_name) == ["Alpha", "Beta", "Gamma"]  # terminated Gone is left out
    alpha_cb, alpha_es = by_name["Alpha"].cells
    assert (alpha_cb.holders, alpha_cb.state, alpha_cb.latest) == (2, CoverageState.VALID, date.max)
    assert (alpha_es.holders, alpha_es.state) == (1, CoverageState.EXPIRING)
    assert alpha_es.label == "1 · expiring"
    beta_cb, beta_es = by_name["Beta"].cells
    assert (beta_cb.holders, beta_cb.state) == (0, CoverageState.EXPIRED)
    assert beta_cb.latest == TODAY - timedelta(days=10)
    assert beta_es.state is CoverageState.NONE and beta_es.label == "0 · none"
    assert [c.state for c in by_name["Gamma"].cells] == [CoverageState.NONE] * 2
    assert (by_name["Alpha"].uncovered, by_name["Beta"].uncovered) == (0, 2)
    assert "never expires" in alpha_cb.explain("Cloud Backup")
    assert "lapsed on" in beta_cb.explain("Cloud Backup")
    # a 20-day warning window turns Alpha's endpoint security cell valid
    with any_db.reading() as s:
        narrow = coverage_matrix(s, TODAY, soon_days=20)
    assert narrow.rows[0].cells[1].state is CoverageState.VALID
    # columns: the partner, then one per family, sorting worst first and reading as text
    columns = coverage_columns(matrix.families)
    assert [c.header for c in columns] == [
        "Partner", "Country", "Status", "Gaps", "Cloud Backup", "Endpoint Security",
    ]  # fmt: skip
    cb_column = columns[4]
    ordered = sorted(matrix.rows, key=cb_column.sort_key)
    assert [r.partner for r in ordered] == ["Gamma", "Beta", "Alpha"]
    assert cb_column.text(by_name["Alpha"]) == "2 · valid"


def test_a_cells_people(any_db: Database) -> None:
    ids = _world(any_db)
    with any_db.reading() as s:
        people = coverage_people(s, ids["alpha"], ids["es"], TODAY)
        beta = coverage_people(s, ids["beta"], ids["es"], TODAY)
    assert [(p.name, p.state_text, p.course) for p in people] == [
        ("Ann", "Expiring soon", "ES-200"),
        ("Amy", "Expired", "ES-200"),
        ("Abe", "Not certified", None),
    ]
    assert people[1].state is TrainingState.EXPIRED  # the failed retake does not count
    assert [p.name for p in beta] == ["Ben"]  # only active people


def test_the_matrix_is_two_queries_whatever_the_partners(any_db: Database) -> None:
    _world(any_db)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(any_db.engine, "before_cursor_execute", count)
    try:
        with any_db.reading() as s:
            coverage_matrix(s, TODAY)
    finally:
        event.remove(any_db.engine, "before_cursor_execute", count)
    assert len(statements) == 3  # families, cells (grouped), partners
    assert sum("GROUP BY" in q for q in statements) == 1
