"""Every name the PDF can print shows in the window too, not as boxes, on a machine without
system fonts for its script (this test machine has DejaVu fonts only).

Each character is drawn in a table cell of its own and the cell's picture is looked at: a
missing glyph is drawn as a hollow rectangle (the font's .notdef, or Qt's own box when no font
at all matches the script), or as nothing when a font maps the character to an empty glyph.
"""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot

from app.ui.launch import application

NAMES = {
    "Japanese": "株式会社サクラ",
    "Korean": "한국파트너",
    "Devanagari": "नमस्ते",
    "emoji": "🚀🌸",
    "Thai": "ไทย",
}

DARK = 160


def _ink(image: QImage) -> list[tuple[int, int]]:
    return [
        (x, y)
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).lightness() < DARK
    ]


def missing_glyph(image: QImage) -> bool:
    """True when ``image`` (one character in a cell) shows an empty cell or a hollow box."""
    ink = _ink(image)
    if not ink:
        return True
    xs = [x for x, _ in ink]
    ys = [y for _, y in ink]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    if right - left < 8 or bottom - top < 8:
        return False
    # A box: all ink on the rectangle's outline, and ink along most of each of its sides.
    on_edge = all(min(x - left, right - x) <= 1 or min(y - top, bottom - y) <= 1 for x, y in ink)
    sides = (
        sum(1 for x, y in ink if y - top <= 1),
        sum(1 for x, y in ink if bottom - y <= 1),
        sum(1 for x, y in ink if x - left <= 1),
        sum(1 for x, y in ink if right - x <= 1),
    )
    lengths = (right - left, right - left, bottom - top, bottom - top)
    return on_edge and all(n >= 0.8 * length for n, length in zip(sides, lengths, strict=True))


def cell_pictures(qtbot: QtBot, text: str) -> list[tuple[str, QImage]]:
    """Each character of ``text`` as the table draws it in a cell of its own."""
    table = QTableWidget(1, len(text))
    qtbot.addWidget(table)
    table.setStyleSheet("font-size: 28pt")  # the window's font, large enough to tell shapes
    for column, char in enumerate(text):
        table.setItem(0, column, QTableWidgetItem(char))
        table.setColumnWidth(column, 80)
    table.setRowHeight(0, 80)
    table.resize(80 + 80 * len(text), 160)
    with qtbot.waitExposed(table):
        table.show()
    picture = table.viewport().grab().toImage()
    pictures = []
    for column, char in enumerate(text):
        rect = table.visualRect(table.model().index(0, column)).adjusted(2, 2, -2, -2)
        pictures.append((char, picture.copy(rect)))
    return pictures


def test_the_box_detector_sees_a_missing_glyph(qapp: QApplication, qtbot: QtBot) -> None:
    application()
    # U+FFFF is no character: every font draws its missing-glyph box.
    ((_, box),) = cell_pictures(qtbot, "\uffff")
    assert missing_glyph(box)
    assert not any(missing_glyph(image) for _, image in cell_pictures(qtbot, "AéЖ#"))


def test_names_in_every_bundled_script_show_in_a_table(qapp: QApplication, qtbot: QtBot) -> None:
    application()  # as the application starts
    missing = {
        script: [char for char, image in cell_pictures(qtbot, name) if missing_glyph(image)]
        for script, name in NAMES.items()
    }
    assert missing == {script: [] for script in NAMES}
