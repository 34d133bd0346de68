"""Start-up figures, each measured as a whole process as a user starts it (offscreen), by turns:

- ``python main.py --help`` (issue 2): a headless command answers in a fraction of the time the
  window takes;
- the main window's first paint on the demo database (issue 16): at most twice the first paint
  of a bare PySide6 window showing a 100,000-row table model. The window paints before the
  database and the pages' code are loaded (``app.ui.launch``);
- the first page ready: the window painted, the database opened and the page in view showing
  its rows, for the record.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from tests.bench.timing import REPO, median_seconds, report, run_python

BARE_TABLE = """
import sys
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView

class Rows(QAbstractTableModel):
    def __init__(self, rows):
        super().__init__()
        self.rows = rows
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)
    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 6
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None

app = QApplication(sys.argv)
rows = [(f"Partner {n}", f"P{n:06d}", "Gold", "DE", "Berlin", f"{n * 7 % 1000}.00")
        for n in range(100_000)]
view = QTableView()
view.setModel(Rows(rows))
view.resize(1280, 800)
view.show()
app.processEvents()
view.grab()  # the first complete paint
"""

WINDOW = """
import sys
from pathlib import Path
from app.ui.launch import application, build_window
from app.ui.changes import Changes
from app.ui.context import UiContext
from app.ui.errors import ErrorHook
from app.ui.settings import Settings
from app.ui.main_window import MainWindow
app = application()
context = UiContext(settings=Settings.at(Path(sys.argv[2])), changes=Changes(),
                    errors=ErrorHook(print))
window = MainWindow(context)  # as app.ui.launch does: paint first, then open the database
window.resize(1280, 800)
window.show()
app.processEvents()
window.grab()  # the first complete paint
if sys.argv[3] == "ready":
    import argparse, time
    build_window(argparse.Namespace(db=sys.argv[1], demo=False), context, window=window)
    page = window.current_page()
    while page.loading or page.stale:
        app.processEvents()
        time.sleep(0.001)
    window.grab()  # the page in view with its rows
    window.database.dispose()
"""


def test_startup_figures() -> None:
    folder = Path(tempfile.mkdtemp(prefix="channel-desk-bench-"))
    database = folder / "demo.sqlite"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CHANNEL_DESK_DATA_DIR": str(folder)}
    run_python([str(REPO / "main.py"), "demo", "--db", str(database)], env)
    settings = str(folder / "ui.ini")

    def timed(args: list[str]) -> float:
        start = time.perf_counter()
        run_python(args, env)
        return time.perf_counter() - start

    bare, painted, ready, ratios = [], [], [], []
    for _ in range(7):  # by turns: a burst of load elsewhere slows both sides of a ratio alike
        bare.append(timed(["-c", BARE_TABLE]))
        painted.append(timed(["-c", WINDOW, str(database), settings, "paint"]))
        ready.append(timed(["-c", WINDOW, str(database), settings, "ready"]))
        ratios.append(painted[-1] / bare[-1])
    help_time = median_seconds(lambda: run_python([str(REPO / "main.py"), "--help"], env), 7)
    bare_python = median_seconds(lambda: run_python(["-c", "pass"], env), 7)
    window_time = statistics.median(painted)
    report(
        "startup",
        {
            "bare python s": bare_python,
            "--help s": help_time,
            "bare 100,000-row table first paint s": statistics.median(bare),
            "window first paint s": window_time,
            "window first paint / bare table": statistics.median(ratios),
            "first page ready s": statistics.median(ready),
            "first page ready / bare table": statistics.median(
                r / b for r, b in zip(ready, bare, strict=True)
            ),
            "help/first page ready": help_time / statistics.median(ready),
        },
    )
    # Issue 2's figure, against the whole start (the window on its database, rows shown).
    assert help_time < statistics.median(ready) / 3, "a headless command should start far faster"
    assert statistics.median(ratios) <= 2, "the window should paint as soon as a bare table"
