"""Benchmark: the partners page with 100,000 partners, as ratios to bare SQL in the same run.

Run on demand: ``pytest tests/bench/test_partners_page_speed.py -s`` (add ``-k sqlite`` to skip
PostgreSQL). Goals (issue 3): the page shows in under 3x a bare query of the partners it shows,
and a search keystroke filters in under 0.1 s.

Figures:
- *show*: the page reads its counts and first slice and paints (``refresh`` + ``repaint``).
  Baselines: the DB-API cursor reading all 100,000 partner rows with the page's columns (what a
  page that loads everything must at least pay), and reading just the first slice.
- *keystroke*: one letter more in the search box until the page has repainted (the 150 ms
  typing pause is not counted). Baseline: the cursor running a plain SQL search of the same
  text bare: count the matches, read the first 200 in name order (two scans of the table). The
  page narrows the previous keystroke's matches by id instead, so it can beat that.
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.db.engine import Database
from app.services.partners.listing import SEARCHED
from app.ui.changes import Changes
from app.ui.context import UiContext
from app.ui.errors import ErrorHook
from app.ui.launch import application
from app.ui.partners.page import PartnersPage
from app.ui.settings import Settings
from tests.bench.timing import median_seconds, report
from tests.support.many_partners import add_many_partners

PARTNERS = 100_000
TYPED = "alpine sys"
COLUMNS = (
    "p.id, p.partner_code, p.name, p.legal_name, p.type, t.name, t.discount_pct, p.status, "
    "p.country, p.city, p.website, p.email, p.phone, p.account_manager, p.partner_since, "
    "p.notes, (SELECT count(*) FROM contact c WHERE c.partner_id = p.id AND c.active), p.version"
)
FROM = "FROM partner p LEFT JOIN tier t ON t.id = p.tier_id"


def _bare(db: Database, sql: str, params: dict[str, object] | None = None) -> int:
    """Run ``sql`` on a raw DB-API cursor and fetch every row; returns how many."""
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(sql, params or {})
        return len(cursor.fetchall())
    finally:
        connection.close()


def _search_sql(db: Database, text: str) -> tuple[str, str, dict[str, object]]:
    like = "LIKE" if db.is_sqlite else "ILIKE"
    mark = (lambda n: f":{n}") if db.is_sqlite else (lambda n: f"%({n})s")
    words = text.split()
    clauses = [
        "(" + " OR ".join(f"p.{c.key} {like} {mark(f'w{n}')}" for c in SEARCHED) + ")"
        for n, _ in enumerate(words)
    ]
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    params: dict[str, object] = {f"w{n}": f"%{w}%" for n, w in enumerate(words)}
    return f"SELECT count(*) {FROM}{where}", where, params


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_partners_page_speed(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    db: Database = request.getfixturevalue(f"{backend}_db")
    start = time.perf_counter()
    add_many_partners(db, PARTNERS)
    seeded = time.perf_counter() - start
    application()
    context = UiContext(
        Settings.at(tmp_path / "ui.ini"), Changes(), ErrorHook(print), today=date.today
    )
    page = PartnersPage(context)
    page.resize(1280, 760)
    page.set_database(db)
    page.show()
    QApplication.processEvents()
    assert page.count_label.text() == f"{PARTNERS:,} partners"

    def show() -> None:
        page.refresh()
        page.repaint()

    show_s = median_seconds(show, 7)
    bare_all_s = median_seconds(lambda: _bare(db, f"SELECT {COLUMNS} {FROM} ORDER BY p.name"), 5)
    bare_slice_s = median_seconds(
        lambda: _bare(db, f"SELECT {COLUMNS} {FROM} ORDER BY p.name LIMIT 200"), 7
    )

    keystrokes: list[float] = []
    bare_keys: list[float] = []
    for n in range(1, len(TYPED) + 1):
        text = TYPED[:n]
        if text.endswith(" "):
            continue
        begin = time.perf_counter()
        page.filter_edit.setText(text)
        page.flush_search()
        page.repaint()
        keystrokes.append(time.perf_counter() - begin)
        count_sql, where, params = _search_sql(db, text)
        slice_sql = f"SELECT {COLUMNS} {FROM}{where} ORDER BY p.name LIMIT 200"

        def bare_key(count_sql: str = count_sql, slice_sql: str = slice_sql,
                     params: dict[str, object] = params) -> None:  # fmt: skip
            _bare(db, count_sql, params)
            _bare(db, slice_sql, params)

        bare_keys.append(median_seconds(bare_key, 3))
    shown = page.count_label.text()
    page.close()

    key_s = statistics.median(keystrokes)
    report(
        f"partners page, {PARTNERS:,} partners, {backend}",
        {
            "seed s": seeded,
            "show s": show_s,
            "bare all rows s": bare_all_s,
            "bare first slice s": bare_slice_s,
            "show/bare all": show_s / bare_all_s,
            "show/bare slice": show_s / bare_slice_s,
            "keystroke median s": key_s,
            "keystroke max s": max(keystrokes),
            "bare search SQL median s": statistics.median(bare_keys),
            "keystroke/bare search SQL": key_s / statistics.median(bare_keys),
        },
    )
    print(f"[bench] after typing {TYPED!r}: {shown}")
    print("[bench] each keystroke s: " + ", ".join(f"{k:.3f}" for k in keystrokes))
    assert show_s < 3 * bare_all_s
    assert key_s < 2 * statistics.median(bare_keys)  # our layers add little to the SQL
