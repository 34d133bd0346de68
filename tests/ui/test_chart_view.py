"""A chart on screen: a click on a bar names it, Enter opens the whole chart, the context menu
saves it, and a screen reader hears its figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from app.io.charts.spec import ChartSpec, Series, ValueKind
from app.ui.charts.view import ChartView
from app.ui.context import UiContext

SPEC = ChartSpec(
    "Pipeline by stage",
    "bar",
    ("Registered", "Qualified", "Won"),
    (Series("EUR", (Decimal("1200.5"), Decimal("800"), Decimal("300"))),),
    ValueKind.MONEY,
    "EUR",
)


@pytest.fixture
def view(qtbot: QtBot, context: UiContext) -> ChartView:
    chart = ChartView(context.errors)
    qtbot.addWidget(chart)
    chart.resize(640, 320)
    chart.show()
    qtbot.waitExposed(chart)
    with qtbot.waitSignal(chart.drawn, timeout=20_000):
        chart.show_spec(SPEC)  # drawn on a worker thread, shown when it arrives
    return chart


def bar_centre(chart: ChartView, category: int) -> QPoint:
    """Where bar ``category`` is drawn, in the widget's coordinates."""
    assert chart.figure is not None
    axes = chart.figure.axes[0]
    patch = next(p for p in axes.patches if p.get_gid() == f"0:{category}")
    x0, y0, width, height = patch.get_bbox().bounds
    x, y = axes.transData.transform((x0 + width / 2, y0 + height / 2))
    ratio = chart.devicePixelRatioF()
    return QPoint(int(x / ratio), int(chart.height() - y / ratio))


def test_a_click_on_a_bar_names_its_series_and_category(qtbot: QtBot, view: ChartView) -> None:
    with qtbot.waitSignal(view.picked) as picked:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=bar_centre(view, 1))
    assert picked.args == [0, 1]
    with qtbot.assertNotEmitted(view.picked):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))  # not on a bar


def test_the_chart_is_drawn_at_the_size_of_the_widget(qtbot: QtBot, view: ChartView) -> None:
    assert view.current is not None
    assert view.current.image.width() == int(640 * view.devicePixelRatioF())
    with qtbot.waitSignal(view.drawn, timeout=20_000):
        view.resize(500, 300)  # a new size draws again once it settles
    assert view.current.image.width() == int(500 * view.devicePixelRatioF())


def test_enter_on_the_focused_chart_opens_all_of_it(qtbot: QtBot, view: ChartView) -> None:
    view.setFocus()
    with qtbot.waitSignal(view.picked) as picked:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert picked.args == [-1, -1]


def test_a_screen_reader_hears_the_figures(view: ChartView) -> None:
    assert view.accessibleName() == "Pipeline by stage"
    assert "Registered 1,200.50 EUR, Qualified 800.00 EUR, Won 300.00 EUR" in (
        view.accessibleDescription()
    )


def test_the_context_menu_saves_the_chart(
    qtbot: QtBot, view: ChartView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "pipeline"
    monkeypatch.setattr(
        "app.ui.charts.view.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    chosen: list[str] = []

    def choose_svg() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        chosen.extend(a.text() for a in menu.actions())
        svg = next(a for a in menu.actions() if "SVG" in a.text())
        menu.setActiveAction(svg)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    view.setFocus()
    QTimer.singleShot(50, choose_svg)
    qtbot.keyClick(view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert chosen == ["Export chart as PNG…", "Export chart as SVG…", "Export chart as PDF…"]
    assert view.last_saved == tmp_path / "pipeline.svg"
    assert "Pipeline by stage" in view.last_saved.read_text(encoding="utf-8")
