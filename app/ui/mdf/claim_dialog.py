"""Claiming an MDF request after its activity: the amount (at most what was approved) and the
proof files, several at once from the file dialog, each refused in one sentence if it cannot
be kept (too large, empty, unreadable) while the others stay attached."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.domain.file_size import size_text
from app.domain.mdf.proofs import MAX_PROOF_BYTES, ProofFile
from app.io.proof_files import read_proof
from app.services.mdf.requests import claim
from app.services.mdf.rows import RequestRow
from app.services.store import Database, Session
from app.ui.context import UiContext
from app.ui.mdf.fields import amount_line, read_amount
from app.ui.mdf.form_base import MdfFormDialog
from app.ui.mdf.step_dialog import facts_text

#: Asks for the files to attach: (parent, title) → paths; tests put an answer instead.
PickFiles = Callable[[QWidget, str], list[str]]


def pick_files(parent: QWidget, title: str) -> list[str]:
    paths, _filter = QFileDialog.getOpenFileNames(parent, title, "", "Any file (*)")
    return list(paths)


class MdfClaimDialog(MdfFormDialog):
    noun = "claim"
    choose_files: PickFiles = staticmethod(pick_files)

    def __init__(
        self, context: UiContext, db: Database, row: RequestRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, db, "mdfClaimDialog", "Claim", parent)
        self.row = row
        self.proofs: list[ProofFile] = []
        facts = QLabel(facts_text(row))
        facts.setWordWrap(True)
        self.amount = amount_line(row.approved, row.currency)
        self.form.add("amount", "Claimed a&mount", self.amount, 0)
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(70)
        self.form.add("note", "&Note (optional)", self.note, 1)
        proofs_label = QLabel(f"&Proof files (each at most {MAX_PROOF_BYTES >> 20} MB)")
        self.files = QListWidget()
        self.files.setObjectName("proofFiles")
        self.files.setAccessibleName("Proof files")
        proofs_label.setBuddy(self.files)
        self.add_button = QPushButton("A&dd files…")
        self.add_button.setObjectName("addProofs")
        self.add_button.setToolTip("Attach invoices, photos, attendee lists: any kind of file")
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setObjectName("removeProof")
        self.add_button.clicked.connect(self.add_files)
        self.remove_button.clicked.connect(self.remove_selected)
        self.files.currentRowChanged.connect(lambda _n: self._enable())
        self.problem.setObjectName("claimProblem")
        buttons = self.button_box("&Claim", "doClaim")
        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        files = QHBoxLayout()
        files.addWidget(self.files, 1)
        files.addLayout(side)
        self.lay_out([facts, self.form, proofs_label, files], buttons, (620, 440))
        self._enable()
        self.amount.setFocus()

    def extra_state(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.proofs)

    def _enable(self) -> None:
        self.remove_button.setEnabled(self.files.currentRow() >= 0)

    def add_files(self) -> None:
        """Attach the files the user picks; a file that cannot be kept is named, the rest stay."""
        problems = []
        for name in self.choose_files(self, "Attach proof of the activity"):
            try:
                self.proofs.append(read_proof(Path(name)))
            except AppError as exc:
                problems.append(exc.message)
        self._show_files()
        self.problem.say(" ".join(problems))

    def remove_selected(self) -> None:
        row = self.files.currentRow()
        if 0 <= row < len(self.proofs):
            del self.proofs[row]
            self._show_files()

    def _show_files(self) -> None:
        self.files.clear()
        for proof in self.proofs:
            self.files.addItem(f"{proof.name} · {size_text(proof.size)}")
        self._enable()

    def check(self) -> dict[str, str]:
        _value, problem = read_amount(self.amount.text(), "claimed amount")
        problems = {"amount": problem} if problem else {}
        self.form.show_problems(problems)
        return problems

    def store(self, session: Session) -> None:
        amount, _problem = read_amount(self.amount.text(), "claimed amount")
        assert amount is not None
        row = self.row
        claim(
            session, row.id, row.version, amount, self.proofs, self.context.today(),
            self.note.toPlainText(),
        )  # fmt: skip
