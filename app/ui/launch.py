"""Starting the application: Qt, logging of Qt's messages, the error hook, the database, the window.

This is where the window's collaborators are built (settings, change signal, error hook) and
passed in; nothing below reaches for a global. A database that cannot be opened is explained in
a message box and the application exits with 1, the command line's "refused" code.

The window paints first, before the database (and the storage code) is even loaded; then the
database opens and the page in view reads its rows, so the person sees the application at once.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from app import APP_NAME, __version__
from app.domain.errors import AppError
from app.ui.changes import Changes
from app.ui.context import UiContext
from app.ui.display_check import display_problem
from app.ui.errors import ErrorHook, default_parent, error_box, message_box_shower, report_for
from app.ui.fonts import use_bundled_fonts
from app.ui.main_window import DEMO_PREFIX, MainWindow
from app.ui.operations import Operation
from app.ui.palette import use_light_colours
from app.ui.qtlog import route_qt_messages
from app.ui.resources import icon, stylesheet
from app.ui.settings import Settings

if TYPE_CHECKING:
    from app.services.store import Database

log = logging.getLogger(__name__)

EXIT_REFUSED = 1
DEMO_FILE_NAME = "channel-desk-demo.sqlite"


def application() -> QApplication:
    """The one QApplication, named so QSettings and dialogs know who we are."""
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setWindowIcon(icon("app"))
    use_light_colours(app)  # the stylesheet's colours are for a light background
    app.setStyleSheet(stylesheet())
    use_bundled_fonts()  # names in scripts the system has no font for: drawn, not boxes
    return app


def startup_error_box(error: AppError) -> bool:
    """Before the database opens: the message alone, never a traceback. For a damaged file
    with a backup, the person may choose to open the backup instead (True)."""
    return error_box(report_for(error), refuse="&Quit")


def open_startup_database(args: argparse.Namespace) -> tuple[Database, Path | None]:
    """The database of ``--db`` (or the default), or a fresh demo file; (db, the demo's
    folder, which is removed when the database is closed).

    Storage is imported here, not with this module: the window paints before it is loaded."""
    from app.services.store import open_database

    if getattr(args, "demo", False):
        folder = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
        log.info("demo database in %s", folder)
        try:
            return open_database(folder / DEMO_FILE_NAME), folder
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
    return open_database(getattr(args, "db", None)), None


def fill_demo(window: MainWindow, context: UiContext) -> Operation[object]:
    """Fill the window's (empty) database with the demo world, in the background."""
    database = window.database

    def work(progress: Callable[[int, int], None], _cancelled: Callable[[], bool]) -> object:
        from app.services.demo.fill import generate_demo

        progress(0, 0)
        with database.transaction() as session:
            return generate_demo(session)

    def done(summary: object) -> None:
        context.changes.announce_everything()
        counts = ", ".join(
            f"{getattr(summary, name)} {name.replace('_', ' ')}"
            for name in ("partners", "accounts", "claims", "deals", "quotes")
            if hasattr(summary, name)
        )
        window.show_message(f"Demo data ready: {counts}.")

    return (
        Operation(window, context.errors, work)
        .success(done)
        .with_progress("Creating the demo data…")
        .run_in_background()
    )


def build_window(
    args: argparse.Namespace,
    context: UiContext,
    show_startup_error: Callable[[AppError], object] = startup_error_box,
    window: MainWindow | None = None,
) -> MainWindow | None:
    """The main window (``window``, shown already, or a new one) on the database ``args``
    names, or None after explaining why not.

    A damaged database with a backup: when the person chooses to (``show_startup_error``
    answers True), the backup is opened instead."""
    try:
        database, demo_folder = open_startup_database(args)
    except AppError as exc:
        log.info("cannot open the database (%s)", type(exc).__name__)
        backup = getattr(exc, "backup", None)
        if not show_startup_error(exc) or not backup:
            return None
        return build_window(
            argparse.Namespace(db=backup, demo=False), context, show_startup_error, window
        )
    if window is None:
        window = MainWindow(context)
    window.set_database(database, demo_folder)
    if demo_folder is not None:
        fill_demo(window, context)
    return window


def settle_start_up(window: QWidget, context: UiContext) -> Operation[None]:
    """Once the window shows its database: load the chart code in the background, then keep
    everything loaded so far out of the cycle collector's later passes (``freeze_start_up``),
    so that a full collection, which stops the window too, walks what the person's work made
    and not the libraries (240-300 ms a pass before, see ``app.services.gc_pause``).

    The charts' code is loaded first because it is most of what would otherwise be loaded
    later: matplotlib is 60,000 of the 170,000 objects, and the first chart drawn would set
    off a full collection of them all."""
    from app.services.gc_pause import freeze_start_up
    from app.ui.charts.view import load_chart_code

    def work(_progress: Callable[[int, int], None], _cancelled: Callable[[], bool]) -> None:
        load_chart_code()

    def failed(exc: BaseException) -> None:  # the first chart will say it cannot draw
        log.warning("chart code not loaded at start: %s", exc)
        freeze_start_up()

    return (
        Operation(window, context.errors, work)
        .success(lambda _nothing: freeze_start_up())
        .failure(failed)
        .run_in_background()
    )


def launch(args: argparse.Namespace) -> int:
    """Run the application until its window closes; the process exit code."""
    problem = display_problem(os.environ)
    if problem is not None:  # Qt would abort the process: say what to do instead
        log.info("no window: %s", problem)
        print(problem, file=sys.stderr)
        return EXIT_REFUSED
    app = application()
    route_qt_messages()
    errors = ErrorHook(message_box_shower(default_parent))
    errors.install()
    context = UiContext(settings=Settings.for_user(), changes=Changes(), errors=errors)
    try:
        window = MainWindow(context)
        window.show()
        app.processEvents()  # the first paint, before the database is opened
        if build_window(args, context, window=window) is None:
            window.close()
            return EXIT_REFUSED
        settle_start_up(window, context)
        code = app.exec()
        window.close_database()
        return code
    finally:
        errors.uninstall()
