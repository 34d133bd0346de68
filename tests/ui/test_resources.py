"""Every icon and the stylesheet come out of the package (``app.resources``), so a wheel or a
desktop bundle shows the same window as a checkout."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QApplication

from app.ui.resources import icon, stylesheet

ICON_NAMES = [
    "app", "partners", "training", "claims", "overlaps", "deals", "quotes", "pricebook",
    "dashboard", "import", "export", "backup", "database",
]  # fmt: skip


@pytest.mark.parametrize("name", ICON_NAMES)
def test_each_icon_draws(qapp: QApplication, name: str) -> None:
    drawn = icon(name).pixmap(32, 32)
    assert not drawn.isNull()
    assert drawn.width() == 32


def test_a_missing_icon_is_empty_and_logged(
    qapp: QApplication, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert icon("no-such-icon").isNull()
    assert "no-such-icon" in caplog.text


def test_the_stylesheet_is_read() -> None:
    assert "QTableView" in stylesheet()
