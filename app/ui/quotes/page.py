"""The quotes page: every quote by its latest revision, and the steps of its life.

New (Ctrl+N) opens the editor; Enter opens the selected quote (a draft to change, an issued one
to read). Issue, Approve, Revise, Partner accepted… and E-mail are enabled exactly when the rules of
``app.domain.quote_lifecycle`` allow them for the selected revision, so a button never leads to a
refusal the user could have been spared. Lapsed quotes are marked expired when the page loads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSizePolicy, QToolBar, QToolButton, QWidget

from app.domain.errors import AppError
from app.domain.quote_lifecycle import (
    RevisionState,
    Step,
    allowed_steps,
    can_record_acceptance,
)
from app.services.quotes import lifecycle as life
from app.services.quotes.read import read_quote
from app.services.quotes.rows import QUOTE_COLUMNS, QuoteRow, list_quotes
from app.services.store import Session
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.operations import IsCancelled, Progress
from app.ui.page_base import Reader, TablePage
from app.ui.quotes.accept_dialog import ask_acceptance_day
from app.ui.quotes.company_dialog import CompanyDialog
from app.ui.quotes.editor.dialog import QuoteEditor
from app.ui.quotes.editor.preview import PdfPreview, revision_pdf
from app.ui.quotes.issue_dialog import confirm_issue
from app.ui.quotes.mail_dialog import QuoteMailDialog
from app.ui.quotes.mail_settings_dialog import MailSettingsDialog
from app.ui.quotes.save_pdf import PdfSaver
from app.ui.shortcuts import bind

_BAR_STYLE = """
QToolBar { border: none; spacing: 6px; padding: 0; }
QToolButton { border: 1px solid #b9c0cb; border-radius: 4px; padding: 4px 10px;
              background: #fbfcfd; color: #0f172a; }
QToolButton:hover { background: #eef2f7; }
QToolButton:pressed { background: #dde4ee; }
QToolButton:disabled { color: #9aa1ab; border-color: #d5d9df; background: #f4f5f7; }
QToolButton#qt_toolbar_ext_button { padding: 0; }  /* the overflow "»": room for its arrow */
"""


class QuotesPage(TablePage):
    key = "quotes"
    title = "Quotes"
    empty_text = "No quotes yet. Build one with New quote (Ctrl+N)."
    icon_name = "quotes"
    loading_text = "Reading quotes…"
    kinds = frozenset({RecordKind.QUOTE, RecordKind.PARTNER, RecordKind.ACCOUNT})
    columns = QUOTE_COLUMNS
    one, many = "quote", "quotes"

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.editors: list[QuoteEditor] = []
        self._select_when_read: str | None = None
        self.mail_dialogs: list[QWidget] = []
        # A tool bar rather than a row of buttons: on a narrow window the steps that do not fit
        # move into its overflow menu instead of making the whole window wider.
        bar = QToolBar("Quote steps")
        bar.setObjectName("quoteSteps")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setStyleSheet(_BAR_STYLE)
        self.steps_bar = bar
        self.new_button = self._button(
            bar, "&New quote", "Build a new quote (Ctrl+N)", self.new_quote
        )
        self.preview_button = self._button(
            bar, "&Preview", "Show the selected quote's PDF; print it from there",
            self.preview_selected,
        )  # fmt: skip
        self.save_pdf_button = self._button(
            bar, "&Save PDF…", "Write the selected quote's PDF to a file (the PDF as issued)",
            self.save_pdf_selected,
        )  # fmt: skip
        bar.addSeparator()
        self.approve_button = self._button(
            bar, "&Approve", "Allow the special discounts above the approval limit",
            self.approve_selected,
        )  # fmt: skip
        self.issue_button = self._button(
            bar, "&Issue…", "See the total and the warnings, then freeze the draft: its figures "
            "never change after this",
            self.issue_selected,
        )  # fmt: skip
        self.revise_button = self._button(
            bar, "&Revise", "Start the next revision as a draft; the issued one stays as it is",
            self.revise_selected,
        )  # fmt: skip
        self.accept_button = self._button(
            bar, "Partner a&ccepted…", "The partner accepted this offer: record the day",
            self.accept_selected,
        )  # fmt: skip
        self.email_button = self._button(
            bar, "&E-mail…", "Send the issued PDF, or open it in your mail program",
            self.email_selected,
        )  # fmt: skip
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.company_button = self._button(
            bar, "Compan&y and documents…", "The letterhead, terms and footer every quote prints",
            self.company_settings,
        )  # fmt: skip
        self.mail_settings_button = self._button(
            bar, "&Mail settings…", "The mail server and the e-mail text", self.mail_settings
        )
        self.body.insertWidget(0, bar)
        # The same steps on the table's context menu (right click, or the Menu key / Shift+F10),
        # so a keyboard user reaches them without the mouse; each is enabled as its button is.
        self.table.menu.add("&Open", self.open_selected, default=True, shortcut="Return")
        for button in (
            self.preview_button, self.save_pdf_button, self.approve_button, self.issue_button,
            self.revise_button, self.accept_button, self.email_button,
        ):  # fmt: skip
            self.table.menu.add_action(button.defaultAction())
        bind(self, "Ctrl+N", self.new_quote, "New quote")
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self.table.records.modelReset.connect(self.update_buttons)
        self.update_buttons()

    def _button(
        self, bar: QToolBar, text: str, tip: str, slot: Callable[[], object]
    ) -> QToolButton:
        action = QAction(text.replace("&", ""), self)
        action.setIconText(text)  # the button keeps the "&": Alt+letter presses it
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda: slot())
        bar.addAction(action)
        button = bar.widgetForAction(action)
        assert isinstance(button, QToolButton)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a tool bar's buttons take none
        name = text.replace("&", "").strip("…").replace(" ", "_").lower()
        button.setObjectName(f"step_{name}")
        return button

    def refresh(self) -> None:
        """Mark lapsed quotes expired first (one statement), so the table shows what is still
        on offer; the list itself is read in the background."""
        if self._db is not None:
            try:
                with self._db.transaction() as session:
                    life.expire_lapsed(session, self.context.today())
            except AppError as exc:  # e.g. a read-only database: show the rows anyway
                self.context.errors.show_now(exc)
        super().refresh()

    def reader(self) -> Reader:
        def read(session: Session, _progress: Progress, _cancelled: IsCancelled) -> list[QuoteRow]:
            return list_quotes(session)

        return read

    def show_read(self, result: Sequence[QuoteRow]) -> None:
        """The new rows, with the same quote selected (or the one a step asked for)."""
        chosen = self.selected()
        keep = self._select_when_read or (chosen.number if chosen is not None else None)
        self._select_when_read = None
        self.table.records.set_rows(result)
        if keep is not None:
            self._select(keep)
        self.update_buttons()

    def loading_changed(self) -> None:
        """While the revisions are being replaced, no step on one."""
        self.update_buttons()

    # --- enabling -------------------------------------------------------------------------

    def selected(self) -> QuoteRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.records.row_at(rows[0].row()) if rows else None

    def state(self, row: QuoteRow) -> RevisionState:
        """What the lifecycle rules need of ``row``'s revision."""
        return RevisionState(
            row.number, row.revision, row.status, row.approved, row.valid_until, latest=True,
            quote_date=row.quote_date, accepted_on=row.accepted_on,
        )  # fmt: skip

    def steps(self) -> frozenset[Step]:
        """What the selected quote's latest revision allows today (an acceptance: on some day
        up to today, as the partner may have accepted before it lapsed)."""
        row = self.selected()
        if row is None:
            return frozenset()
        today = self.context.today()
        state = self.state(row)
        allowed = allowed_steps(state, today) - {Step.ACCEPT}
        return allowed | ({Step.ACCEPT} if can_record_acceptance(state, today) else set())

    def update_buttons(self) -> None:
        current = not self.loading  # the selected revision may have moved on: wait for it
        steps = self.steps() if current else frozenset()
        has_row = current and self.selected() is not None
        self.preview_button.defaultAction().setEnabled(has_row)
        self.save_pdf_button.defaultAction().setEnabled(has_row)
        for button, step in (
            (self.approve_button, Step.APPROVE),
            (self.issue_button, Step.ISSUE),
            (self.revise_button, Step.REVISE),
            (self.accept_button, Step.ACCEPT),
            (self.email_button, Step.SEND),
        ):
            button.defaultAction().setEnabled(step in steps)

    # --- the steps --------------------------------------------------------------------------

    def _step(self, work: Callable[[Session, QuoteRow], object], done: str) -> bool:
        """Run one step on the selected quote in one transaction; tell the window."""
        row = self.selected()
        if row is None or self._db is None:
            return False
        try:
            with self._db.transaction() as session:
                work(session, row)
        except AppError as exc:
            self.context.errors.show_now(exc)
            self.context.changes.announce({RecordKind.QUOTE})  # show what changed meanwhile
            return False
        self.context.changes.announce({RecordKind.QUOTE})
        self.say(done.format(number=row.number, revision=row.revision))
        self._select(row.number)
        return True

    def approve_selected(self) -> bool:
        actor = self._db.actor if self._db is not None else ""
        return self._step(
            lambda s, r: life.approve_revision(s, r.number, r.revision, actor),
            "{number} rev {revision} approved; it can be issued now.",
        )

    def issue_selected(self) -> bool:
        """Issue the selected draft once the person has seen its total and warnings."""
        row = self.selected()
        if row is None or self._db is None:
            return False
        if not confirm_issue(self._db, row.number, row.revision, self.window()):
            return False
        return self._step(
            lambda s, r: life.issue_revision(s, r.number, r.revision),
            "{number} rev {revision} issued.",
        )

    def accept_selected(self) -> bool:
        """Ask for the day the partner accepted the selected quote, then record it."""
        row = self.selected()
        if row is None or self._db is None:
            return False
        today = self.context.today()
        on = ask_acceptance_day(self.state(row), row.partner, today, self.window())
        if on is None:
            return False
        return self._step(
            lambda s, r: life.mark_accepted(s, r.number, r.revision, on, today),
            "{number} rev {revision}: accepted by the partner on " + on.isoformat() + ".",
        )

    def revise_selected(self) -> QuoteEditor | None:
        """Make the next revision and open it in the editor to change (at once: the list
        showing it is read in the background meanwhile)."""
        row, made = self.selected(), []
        if row is None or not self._step(
            lambda s, r: made.append(
                life.revise_quote(s, r.number, r.revision, self.context.today())
            ),
            "{number}: a new revision was started as a draft.",
        ):
            return None
        return self._open_draft(row.number, made[0])

    def _open_draft(self, number: str, revision: int) -> QuoteEditor | None:
        if self._db is None:
            return None
        with self._db.reading() as session:
            view = read_quote(session, number, revision)
            version, deal_id, _account_id = life.revision_version(session, number, revision)
        editor = self._editor()
        editor.edit_draft(view, version, deal_id)
        return editor

    # --- dialogs ----------------------------------------------------------------------------

    def new_quote(self) -> QuoteEditor | None:
        """Open the editor beside the window; a saved quote reloads the pages that show it."""
        if self._db is None:
            return None
        return self._editor()

    def _editor(self) -> QuoteEditor:
        assert self._db is not None
        editor = QuoteEditor(self._db, self.context.today(), self.window())
        editor.stored_draft.connect(lambda e=editor: self._stored(e))
        editor.accepted.connect(lambda e=editor: self._stored(e))
        editor.finished.connect(lambda _r, e=editor: self._closed(e))
        self.editors.append(editor)
        editor.show()
        editor.activateWindow()
        return editor

    def open_selected(self) -> QuoteEditor | None:
        """The selected quote's latest revision in the editor: a draft to change, or read-only."""
        row = self.selected()
        if row is None or self._db is None:
            return None
        with self._db.reading() as session:
            view = read_quote(session, row.number, row.revision)
            version, deal_id, account_id = life.revision_version(session, row.number, row.revision)
        editor = self._editor()
        if Step.EDIT in self.steps():
            editor.edit_draft(view, version, deal_id)
        else:
            editor.show_stored(view)
            editor.deal.show_account(self._db, account_id, keep=deal_id)
            editor.deal.setEnabled(False)
            notes = []
            if row.sent_to and row.sent_at:
                when = row.sent_at.astimezone().strftime("%Y-%m-%d %H:%M")
                notes.append(f"Sent to {row.sent_to} on {when}.")
            if row.accepted_on is not None:
                notes.append(f"Accepted by the partner on {row.accepted_on.isoformat()}.")
            if notes:
                editor.show_note("\n".join(notes))
        return editor

    def preview_selected(self) -> PdfPreview | None:
        """The selected quote's latest revision as its PDF; problems go to the error hook."""
        row = self.selected()
        if row is None or self._db is None:
            return None
        try:
            pdf = revision_pdf(self._db, row.number, row.revision)
        except AppError as exc:
            self.context.errors.show_now(exc)
            return None
        title = f"{row.number} rev. {row.revision}"
        number, revision = row.number, row.revision
        preview = PdfPreview(
            pdf.data, title, self.window(), notice=pdf.notice,
            save=lambda: self.pdf_saver(preview).save(number, revision),
        )  # fmt: skip
        preview.show()
        return preview

    def pdf_saver(self, parent: QWidget | None = None) -> PdfSaver:
        """Asks where and writes; its dialog over ``parent`` (the preview) or the window."""
        assert self._db is not None
        return PdfSaver(self._db, self.context, parent or self.window())

    def save_pdf_selected(self) -> Path | None:
        """The selected quote's latest revision written to a file the user picks."""
        row = self.selected()
        if row is None or self._db is None:
            return None
        path = self.pdf_saver().save(row.number, row.revision)
        if path is not None:
            self.say(f"{row.number} rev {row.revision} saved to {path}.")
        return path

    def email_selected(self) -> QuoteMailDialog | None:
        """The e-mail dialog for the selected issued revision, prefilled from the templates."""
        row = self.selected()
        if row is None or self._db is None:
            return None
        try:
            dialog = QuoteMailDialog.prepare(
                self._db, self.context, row.number, row.revision, self.window()
            )
        except AppError as exc:
            self.context.errors.show_now(exc)
            return None
        dialog.sent.connect(lambda text, number=row.number: self._after_mail(text, number))
        self.mail_dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._forget(d))
        dialog.show()
        return dialog

    def company_settings(self) -> CompanyDialog | None:
        """The letterhead and the quote's texts, with a live preview."""
        if self._db is None:
            return None
        dialog = CompanyDialog(self._db, self.context, self.window())
        self.mail_dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._forget(d))
        dialog.show()
        return dialog

    def mail_settings(self) -> MailSettingsDialog | None:
        if self._db is None:
            return None
        dialog = MailSettingsDialog(self._db, self.context, self.window())
        self.mail_dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._forget(d))
        dialog.show()
        return dialog

    def _after_mail(self, text: str, number: str) -> None:
        self.say(text)
        self._select(number)  # the reload cleared the selection; keep the user's place

    def _forget(self, dialog: QWidget) -> None:
        if dialog in self.mail_dialogs:
            self.mail_dialogs.remove(dialog)

    def _stored(self, editor: QuoteEditor) -> None:
        """A quote saved or issued: the pages read it again, and here it is the one selected,
        so the next step (Approve, Issue…, E-mail…) is a click away instead of a search."""
        self.context.changes.announce({RecordKind.QUOTE})
        if editor.saved_number is not None:
            self._select(editor.saved_number)

    def _closed(self, editor: QuoteEditor) -> None:
        if editor in self.editors:
            self.editors.remove(editor)

    def _select(self, number: str) -> None:
        if self.loading:  # the rows being read replace these: select it among them
            self._select_when_read = number
            return
        model = self.table.records
        for r in range(model.rowCount()):
            if model.row_at(r).number == number:
                self.table.selectRow(r)
                return
