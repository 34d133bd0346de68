"""Benchmark: the partner dialog with its Scorecard tab, on the demo database.

Run on demand: ``pytest tests/bench/test_scorecard_speed.py -s``.

Figures:
- *open*: the partner dialog built and shown, against the same dialog whose scorecard is a bare
  page (``ScorecardTab`` replaced), timed by turns. Goal: at most 1.1x: the scorecard is built
  and read only when its tab is chosen (built with the dialog, it added about 120 ms to 280).
- *fill*: from choosing the Scorecard tab to its figures on screen (its widgets built and laid
  out, the scorecard read in the background, then shown; the charts draw after), against
  reading the scorecard alone in a session of its own. Reported, with no goal: measured at
  0.53 s against a 0.14 s read on P-1003; building the tab's widgets takes about 0.12 s of it.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

import app.ui.partners.dialog as dialog_module
from app.db.engine import Database, open_database
from app.db.models import Partner
from app.services.demo.fill import generate_demo
from app.services.scorecard.scorecard import partner_scorecard
from app.ui.changes import Changes
from app.ui.context import UiContext
from app.ui.errors import ErrorHook
from app.ui.launch import application
from app.ui.partners.dialog import PartnerDialog
from app.ui.settings import Settings
from tests.bench.timing import paired_ratio, report

TODAY = date(2026, 11, 20)


class _BarePage(QWidget):
    """A scorecard that costs nothing to build."""

    def __init__(self, *_args: object) -> None:
        super().__init__()

    def invalidate(self) -> None:
        pass


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, int]]:
    db = open_database(tmp_path_factory.mktemp("scorecard") / "demo.sqlite")
    with db.transaction() as s:
        generate_demo(s, today=TODAY)
    with db.reading() as s:
        partner_id = s.scalar(select(Partner.id).where(Partner.partner_code == "P-1003"))
    assert partner_id is not None
    yield db, partner_id
    db.dispose()


def _context(folder: Path) -> UiContext:
    application()
    return UiContext(
        settings=Settings.at(folder / "settings.ini"),
        changes=Changes(),
        errors=ErrorHook(lambda report: pytest.fail(report.message)),
        today=lambda: TODAY,
    )


def _settle() -> None:
    QThreadPool.globalInstance().waitForDone()
    QApplication.processEvents()


def test_the_dialog_opens_as_fast_as_without_a_scorecard(
    world: tuple[Database, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, partner_id = world
    context = _context(tmp_path)

    def open_dialog() -> None:
        dialog = PartnerDialog(context, db, partner_id)
        dialog.show()
        QApplication.processEvents()
        dialog.close()
        dialog.deleteLater()
        _settle()

    def without_scorecard() -> None:
        with monkeypatch.context() as patch:
            patch.setattr(dialog_module, "ScorecardTab", _BarePage)
            open_dialog()

    open_dialog()  # warm: imports, fonts, the stylesheet
    base, work, ratio = paired_ratio(open_dialog, without_scorecard, repeat=9)
    report("partner dialog open", {"bare tab s": base, "scorecard tab s": work, "ratio": ratio})
    assert ratio <= 1.1


def test_the_scorecard_fills_soon_after_its_read(
    world: tuple[Database, int], tmp_path: Path
) -> None:
    db, partner_id = world
    context = _context(tmp_path)

    def fill() -> float:
        """Seconds from choosing the tab to the figures on screen (the dialog is opened
        before, and the charts drawn and the dialog closed after, untimed)."""
        dialog = PartnerDialog(context, db, partner_id)
        dialog.show()
        QApplication.processEvents()
        assert dialog.scorecard_page is not None
        start = time.perf_counter()
        dialog.tabs.setCurrentWidget(dialog.scorecard_page)
        while dialog.scorecard is None or dialog.scorecard.card is None:
            assert time.perf_counter() - start < 60
            QApplication.processEvents()
            time.sleep(0.001)
        took = time.perf_counter() - start
        _settle()
        dialog.close()
        dialog.deleteLater()
        _settle()
        return took

    def read() -> float:
        start = time.perf_counter()
        with db.reading() as s:
            partner_scorecard(s, "P-1003", TODAY - timedelta(days=320), TODAY, TODAY)
        return time.perf_counter() - start

    fill()
    turns = [(read(), fill()) for _ in range(5)]
    base = statistics.median(r for r, _ in turns)
    work = statistics.median(f for _, f in turns)
    ratio = statistics.median(f / r for r, f in turns)
    report("scorecard fill", {"read s": base, "tab filled s": work, "ratio": ratio})
