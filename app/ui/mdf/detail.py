"""One MDF request's detail on the page: its history (when, which step, how much, who, the note)
and its proof files, which open in the system's viewer or are saved where the user says.

A proof opens from a copy in a private temporary folder (the viewer needs a file; the database
keeps the original), removed when the application ends.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import AppError
from app.domain.mdf.proofs import ProofFile
from app.io.proof_files import safe_file_name, write_proof, write_proof_copy
from app.services.mdf.rows import (
    PROOF_COLUMNS,
    STEP_COLUMNS,
    ProofRow,
    RequestRow,
    proof_file,
    request_detail,
)
from app.services.store import Database
from app.ui.errors import ErrorHook
from app.ui.record_table import RecordTable
from app.ui.selection_gate import SelectionGate
from app.ui.shortcuts import bind

#: Opens a file with the system's viewer; True when a viewer took it (tests put their own).
Opener = Callable[[QUrl], bool]
#: Asks where to save: (parent, title, suggested path) → the path chosen, "" for none.
AskSavePath = Callable[[QWidget, str, str], str]


def ask_save_path(parent: QWidget, title: str, suggested: str) -> str:
    path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, "Any file (*)")
    return path


class RequestDetailView(QWidget):
    """The history and proof files of the request the page has selected."""

    open_url: Opener = staticmethod(QDesktopServices.openUrl)
    ask_path: AskSavePath = staticmethod(ask_save_path)

    def __init__(self, errors: ErrorHook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = errors
        self.db: Database | None = None
        self.row: RequestRow | None = None
        self._copies: tempfile.TemporaryDirectory[str] | None = None
        self.last_opened: Path | None = None
        self.heading = QLabel("Select a request to see its history and proof files.")
        self.heading.setObjectName("sectionTitle")
        self.history = RecordTable("mdf_history", STEP_COLUMNS, self)
        self.history.setAccessibleName("Request history")
        self.history.empty_text = "No request selected."
        self.proofs = RecordTable("mdf_proofs", PROOF_COLUMNS, self)
        self.proofs.setAccessibleName("Proof files")
        self.proofs.empty_text = "No proof files."
        self.open_button = QPushButton("&Open proof")
        self.open_button.setObjectName("openProof")
        self.open_button.setToolTip("Open the selected proof file in its usual program (Enter)")
        self.save_button = QPushButton("Sav&e proof as…")
        self.save_button.setObjectName("saveProof")
        self.save_button.setToolTip("Save a copy of the selected proof file")
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.proofs.activated.connect(lambda _index: self.open_selected())
        self.proofs.menu.add("&Open proof", self.open_selected, default=True, shortcut="Return")
        self.proofs.menu.add("Sav&e proof as…", self.save_selected)
        bind(
            self.proofs, Qt.Key.Key_Return, self.open_selected, "Open the selected proof file",
            Qt.ShortcutContext.WidgetShortcut,
        )  # fmt: skip
        self.gate = SelectionGate(self)
        self.gate.rows(self.open_button, self.proofs)
        self.gate.rows(self.save_button, self.proofs)
        buttons = QVBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        tables = QHBoxLayout()
        tables.setSpacing(8)
        tables.addWidget(self.history, 3)
        tables.addWidget(self.proofs, 2)
        tables.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addLayout(tables, 1)

    def show_request(self, db: Database | None, row: RequestRow | None) -> None:
        """Read and show ``row``'s history and proof files (nothing for None)."""
        self.db, self.row = db, row
        if db is None or row is None:
            self.heading.setText("Select a request to see its history and proof files.")
            self.history.records.set_rows([])
            self.proofs.records.set_rows([])
            return
        try:
            with db.reading() as session:
                detail = request_detail(session, row.id)
        except AppError as exc:
            self.heading.setText(exc.message)
            return
        self.heading.setText(f"{row.activity} · {row.partner}: history and proof files")
        self.history.records.set_rows(detail.steps)
        self.proofs.records.set_rows(detail.proofs)

    def selected_proof(self) -> ProofRow | None:
        rows = self.proofs.selectionModel().selectedRows()
        return self.proofs.records.row_at(rows[0].row()) if rows else None

    def _read(self) -> ProofFile | None:
        chosen = self.selected_proof()
        if chosen is None or self.db is None:
            return None
        try:
            with self.db.reading() as session:
                return proof_file(session, chosen.id)
        except AppError as exc:
            self.errors.show_now(exc)
            return None

    def open_selected(self) -> Path | None:
        """Open the selected proof with the system's viewer, from a private copy."""
        proof = self._read()
        if proof is None:
            return None
        if self._copies is None:
            self._copies = tempfile.TemporaryDirectory(
                prefix="channel-desk-proofs-", ignore_cleanup_errors=True
            )
        try:  # a folder per opening: two files of one name never overwrite each other
            folder = Path(tempfile.mkdtemp(dir=self._copies.name))
            copy = write_proof_copy(proof, folder)
        except (AppError, OSError) as exc:
            self.errors.show_now(exc)
            return None
        self.last_opened = copy
        if not self.open_url(QUrl.fromLocalFile(str(copy))):
            self.errors.show_now(
                AppError(f"No program on this computer opens {proof.name}; save it instead.")
            )
        return copy

    def save_selected(self) -> Path | None:
        """Save a copy of the selected proof where the user says."""
        proof = self._read()
        if proof is None:
            return None
        chosen = self.ask_path(self, "Save proof file", safe_file_name(proof.name))
        if not chosen:
            return None
        try:
            return write_proof(proof, Path(chosen))
        except AppError as exc:
            self.errors.show_now(exc)
            return None
