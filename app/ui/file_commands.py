"""What File and Help do: new/open a database, back it up, import, export, about.

Kept apart from the window's layout so each command is short and testable: tests replace the
file dialogs (``choose_save_path`` / ``choose_open_path``) and trigger the actions.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from app import APP_NAME, __version__
from app.domain.columns import Column
from app.domain.errors import AppError
from app.ui.operations import Operation

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

DATABASE_FILTER = "Channel Desk databases (*.sqlite *.db);;All files (*)"
EXPORT_FILTER = "Excel workbook (*.xlsx);;CSV file (*.csv)"


class FileCommands:
    """The handlers behind the File and Help menus of ``window``."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.context = window.context
        self.last_operation: Operation[Any] | None = None  # tests wait on it

    # --- dialogs (replaced in tests) -----------------------------------------------------

    def choose_save_path(self, title: str, suggested: str, filters: str) -> Path | None:
        start = Path(self.context.settings.preferences.last_folder or Path.home()) / suggested
        name, _ = QFileDialog.getSaveFileName(self.window, title, str(start), filters)
        return self._remember_folder(name)

    def choose_open_path(self, title: str, filters: str) -> Path | None:
        start = self.context.settings.preferences.last_folder or str(Path.home())
        name, _ = QFileDialog.getOpenFileName(self.window, title, start, filters)
        return self._remember_folder(name)

    def _remember_folder(self, name: str) -> Path | None:
        if not name:
            return None
        path = Path(name)
        self.context.settings.preferences.last_folder = str(path.parent)
        return path

    # --- the commands --------------------------------------------------------------------

    def new_database(self) -> None:
        path = self.choose_save_path("New database", "channel-desk.sqlite", DATABASE_FILTER)
        if path is not None:
            if path.exists():
                log.info("new database %s exists already: opening it", path)
            self.open_location(str(path))

    def open_database(self) -> None:
        path = self.choose_open_path("Open database", DATABASE_FILTER)
        if path is not None:
            self.open_location(str(path))

    def open_location(self, location: str) -> bool:
        """Open the database at ``location`` (path or URL); the old one stays open on failure."""
        from app.services.store import open_database  # see main_window: the window paints first

        try:
            db = open_database(location)
        except AppError as exc:
            self.context.errors.show_now(exc)
            return False
        self.window.set_database(db)
        return True

    def backup(self) -> None:
        from app.services.store import backup_to  # see main_window: the window paints first

        db = self.window.database
        source = db.path
        if source is None:
            self.context.errors.show_now(
                AppError(
                    f"{db.label} is a database server: backups are the server's job "
                    "(ask its administrator, or use pg_dump)."
                )
            )
            return
        suggested = f"{source.stem}-backup-{date.today().isoformat()}.sqlite"
        target = self.choose_save_path("Back up the database", suggested, DATABASE_FILTER)
        if target is None:
            return
        if target.resolve() == source.resolve():
            self.context.errors.show_now(
                AppError("Choose another file for the backup: that is the database itself.")
            )
            return
        self.last_operation = (
            Operation(self.window, self.context.errors, lambda _p, _c: backup_to(source, target))
            .success(lambda path: self.window.show_message(f"Backup written to {path}"))
            .with_progress("Writing the backup…")
            .run_in_background()
        )

    def import_records(self, path: Path | None = None, kind: str | None = None) -> None:
        """Open the import wizard (at its first step, with ``path`` filled in when dropped, and
        ``kind`` chosen when a page's own Import… asks for its records)."""
        from app.ui.importing.wizard import ImportWizard

        wizard = ImportWizard(self.context, self.window.database, path, self.window, kind)
        self.wizard = wizard  # tests drive it
        wizard.open()

    def export_records(self) -> None:
        source = self.window.current_page().export_source()
        if source is not None:
            self.export_rows(*source)

    def export_rows(self, title: str, rows: Sequence[Any], columns: Sequence[Column[Any]]) -> None:
        """Ask where, then write ``rows`` under ``columns`` in the background (File › Export,
        and a table's "Export selection…")."""
        suggested = f"{title.lower().replace(' ', '-')}-{date.today().isoformat()}.xlsx"
        target = self.choose_save_path(f"Export {title}", suggested, EXPORT_FILTER)
        if target is None:
            return
        if not target.suffix:
            target = target.with_suffix(".xlsx")
        from app.io.export import export_table

        self.last_operation = (
            Operation(
                self.window,
                self.context.errors,
                lambda progress, cancelled: export_table(
                    target, rows, columns, title=title, progress=progress, cancelled=cancelled
                ),
            )
            .success(self._exported)
            .with_progress(f"Exporting {len(rows):,} rows…")
            .run_in_background()
        )

    def _exported(self, result: object) -> None:
        path, rows, cancelled = (getattr(result, k) for k in ("path", "rows", "cancelled"))
        if cancelled:
            self.window.show_message("Export cancelled; no file was written.")
        else:
            self.window.show_message(f"Exported {rows:,} rows to {path}")

    def about(self) -> None:
        QMessageBox.about(self.window, f"About {APP_NAME}", about_text(self.window.database.label))


def about_text(database: str) -> str:
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Partners, training, deal registrations, channel conflict and accurate quotes "
        "for channel account managers.</p>"
        f"<p>Database in use:<br><code>{html.escape(database)}</code></p>"
    )
