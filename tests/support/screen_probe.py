"""Opens the window on a pretend pair of screens and prints where it lands, as JSON lines.

Run in a process of its own by ``tests/ui/test_screen_fit.py``: the offscreen platform's
screens are fixed when the application starts (``offscreen:configfile=…``), so a test of a
1024×600 laptop beside a large monitor needs a fresh process.

    python -m tests.support.screen_probe SETTINGS_FILE STEP
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QCursor

from app.ui.changes import Changes
from app.ui.context import UiContext
from app.ui.errors import ErrorHook
from app.ui.launch import application
from app.ui.main_window import MainWindow
from app.ui.settings import Settings

#: The screens the test's configuration file describes.
LAPTOP = QRect(0, 0, 1024, 600)
MONITOR = QRect(1024, 0, 1920, 1080)


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main(settings: Path, step: str) -> None:
    app = application()
    context = UiContext(Settings.at(settings), Changes(), ErrorHook(print))
    on = MONITOR if step.endswith("monitor") else LAPTOP
    QCursor.setPos(on.center())  # a window opens on the screen under the mouse
    app.processEvents()
    window = MainWindow(context)
    window.show()
    app.processEvents()
    said = {
        "step": step,
        "screen": window.screen().name(),
        "frame": rect(window.frameGeometry()),
        "available": rect(window.screen().availableGeometry()),
        "compact": window.compact,
    }
    if step == "move to the monitor":
        window.setGeometry(QRect(QPoint(1100, 80), window.size().expandedTo(on.size() / 2)))
        window.resize(1500, 900)
        app.processEvents()
        said["moved"] = rect(window.frameGeometry())
    elif step == "shrink on the laptop":
        window.setGeometry(QRect(40, 30, 800, 500))
        app.processEvents()
        said["moved"] = rect(window.frameGeometry())
    window.close()
    print(json.dumps(said))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
