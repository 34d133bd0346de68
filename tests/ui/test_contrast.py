"""Colours a person can read: the stylesheet's text against its backgrounds (4.5:1, WCAG AA),
the borders of the filter box and the tables (3:1), hint text in empty fields and tables
(4.5:1), and every rule that sets a background also sets the text colour."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.ui.launch import application
from app.ui.quotes.page import _BAR_STYLE
from app.ui.resources import stylesheet
from tests.support.contrast import ratio

PAGE = QColor("#ffffff")
TEXT, BORDER = 4.5, 3.0


def rules(sheet: str) -> dict[str, dict[str, str]]:
    """Selector → its declarations, one entry per selector of a group."""
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    found: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", sheet):
        declarations = dict(
            (name.strip(), value.strip())
            for name, value in (d.split(":", 1) for d in body.split(";") if ":" in d)
        )
        for selector in selectors.split(","):
            found.setdefault(selector.strip(), {}).update(declarations)
    return found


SHEETS = {"stylesheet": rules(stylesheet()), "quote steps": rules(_BAR_STYLE)}


def base_of(selector: str) -> str:
    """The rule a state or part inherits from: "QHeaderView::section:hover" → "…::section"."""
    return re.sub(r"(?<!:):[a-z-]+$", "", selector)


def colour(value: str) -> QColor | None:
    found = re.search(r"#[0-9a-fA-F]{6}\b", value)
    return QColor(found.group(0)) if found else None


def inherited(sheet: dict[str, dict[str, str]], selector: str, name: str) -> str | None:
    while True:
        if name in sheet.get(selector, {}):
            return sheet[selector][name]
        base = base_of(selector)
        if base == selector:
            return None
        selector = base


@pytest.mark.parametrize("name", SHEETS)
def test_a_rule_that_sets_a_background_sets_the_text_colour(name: str) -> None:
    sheet = SHEETS[name]
    missing = [
        selector
        for selector, declarations in sheet.items()
        if declarations.get("background", "transparent") != "transparent"
        and ":disabled" not in selector
        and inherited(sheet, selector, "color") is None
    ]
    assert missing == []


@pytest.mark.parametrize("name", SHEETS)
def test_text_reads_against_its_background(name: str) -> None:
    sheet = SHEETS[name]
    weak = []
    for selector in sheet:
        if ":disabled" in selector:  # disabled text is exempt, and looks it
            continue
        text = colour(inherited(sheet, selector, "color") or "")
        if text is None:
            continue
        back = colour(inherited(sheet, selector, "background") or "") or PAGE
        pairs = [(selector, text, back)]
        if alternate := colour(sheet[selector].get("alternate-background-color", "")):
            pairs.append((f"{selector} (alternate rows)", text, alternate))
        chosen_text = colour(sheet[selector].get("selection-color", ""))
        chosen_back = colour(sheet[selector].get("selection-background-color", ""))
        if chosen_text and chosen_back:
            pairs.append((f"{selector} (selected)", chosen_text, chosen_back))
        weak += [f"{s}: {ratio(t, b):.2f}" for s, t, b in pairs if ratio(t, b) < TEXT]
    assert weak == []


def test_the_filter_box_and_tables_have_borders_one_can_see() -> None:
    sheet = SHEETS["stylesheet"]
    for selector in ("QLineEdit#filter", "QTableView"):
        border = colour(sheet[selector]["border"])
        back = colour(sheet[selector]["background"])
        assert border is not None and back is not None
        assert ratio(border, back) >= BORDER, selector
        assert ratio(border, PAGE) >= BORDER, selector


def test_hint_text_in_empty_fields_and_tables_reads(qapp: QApplication) -> None:
    app = application()
    palette = app.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        hint = palette.color(group, QPalette.ColorRole.PlaceholderText)
        base = palette.color(group, QPalette.ColorRole.Base)
        shown = QColor.fromRgbF(  # a half-transparent hint is drawn blended into the field
            *(hint.alphaF() * h + (1 - hint.alphaF()) * b
              for h, b in zip(hint.getRgbF()[:3], base.getRgbF()[:3], strict=True))
        )  # fmt: skip
        assert ratio(shown, base) >= TEXT
