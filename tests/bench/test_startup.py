"""Issue 2's figure: a headless command answers in a fraction of the time the window takes.

Both are measured as whole processes, as a user starts them: ``python main.py --help`` against a
process that opens the main window on a demo database and paints it once (offscreen), then exits.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tests.bench.timing import REPO, median_seconds, report, run_python

WINDOW_START = """
import sys
from pathlib import Path
from app.ui.launch import application
from app.ui.changes import Changes
from app.ui.context import UiContext
from app.ui.errors import ErrorHook
from app.ui.settings import Settings
from app.ui.main_window import MainWindow
from app.db.engine import open_database
app = application()
context = UiContext(settings=Settings.at(Path(sys.argv[2])), changes=Changes(),
                    errors=ErrorHook(print))
window = MainWindow(context, open_database(sys.argv[1]))
window.resize(1280, 800)
window.show()
app.processEvents()
window.grab()  # the first complete paint
window.database.dispose()
"""


def test_help_is_a_fraction_of_the_window_start() -> None:
    folder = Path(tempfile.mkdtemp(prefix="channel-desk-bench-"))
    database = folder / "demo.sqlite"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CHANNEL_DESK_DATA_DIR": str(folder)}
    run_python([str(REPO / "main.py"), "demo", "--db", str(database)], env)

    help_time = median_seconds(lambda: run_python([str(REPO / "main.py"), "--help"], env), 7)
    window_time = median_seconds(
        lambda: run_python(["-c", WINDOW_START, str(database), str(folder / "ui.ini")], env), 5
    )
    demo_time = median_seconds(
        lambda: run_python(
            [str(REPO / "main.py"), "demo", "--db", str(folder / f"d{os.urandom(4).hex()}.db")],
            env,
        ),
        5,
    )
    bare_python = median_seconds(lambda: run_python(["-c", "pass"], env), 7)
    report(
        "startup",
        {
            "bare python s": bare_python,
            "--help s": help_time,
            "window first paint s": window_time,
            "help/window": help_time / window_time,
            "demo command s": demo_time,
        },
    )
    assert help_time < window_time / 3, "a headless command should start far faster than the GUI"
