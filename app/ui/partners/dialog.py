"""The partner detail view: its fields, contacts, training, claims, deals, quotes and history.

Opened from the partners page (Enter or double-click) or for a new partner (Ctrl+N). A save
checks that nobody changed the partner since the view read it; if someone did, the stale-save
dialog shows what differs and the user reloads or overwrites. Escape closes (asking first if
there are unsaved edits).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.countries import country_name
from app.domain.errors import ConflictError
from app.domain.partner_form import LABELS
from app.services.partners import related
from app.services.partners.edit import (
    PartnerRecord,
    create_partner,
    get_partner,
    tier_names,
    update_partner,
)
from app.services.store import Database
from app.services.training.certification import certification_warning, partner_gaps
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.elided_label import ElidedLabel
from app.ui.field_box import focus_first_problem
from app.ui.partners.contacts_tab import ContactsTab
from app.ui.partners.fields import PartnerFields
from app.ui.partners.scorecard_tab import ScorecardTab
from app.ui.record_table import RecordTable
from app.ui.stale_dialog import StaleChoice, StaleDialog, run_stale, settle_stale
from app.ui.unsaved import GuardsUnsavedEdits


def ask(parent: QWidget, title: str, text: str) -> bool:
    """A Yes/No question; the default answer is No."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName("question")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


class PartnerDialog(GuardsUnsavedEdits, QDialog):
    """One partner (``partner_id``) or a new one (``None``)."""

    noun = "partner"

    saved = Signal(int)
    #: A scorecard chart's figure clicked: (page key, filter text, period) of the page behind.
    wanted = Signal(str, str, object)

    def __init__(
        self,
        context: UiContext,
        db: Database,
        partner_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("partnerDialog")
        self.context, self.db = context, db
        self.partner_id = partner_id
        self.opened: PartnerRecord | None = None
        self.dirty = False
        self.ask_stale: Callable[[StaleDialog], StaleChoice] = run_stale
        self.confirm: Callable[[str, str], bool] = lambda t, x: ask(self, t, x)
        #: Where saved edits go so the partners page can undo them (set by the page).
        self.record_edit: Callable[[int, str, dict[str, object], dict[str, object]], None] = (
            lambda *_args: None
        )
        with db.reading() as session:
            tiers = tier_names(session)
        # A long name ends in "…" (whole in its tooltip) rather than widening the dialog.
        self.heading = ElidedLabel("", shortest=160)
        self.heading.setObjectName("pageTitle")
        self.fields = PartnerFields(tiers)
        self.fields.edited.connect(self._edited)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.fields, "Details")
        self.contacts: ContactsTab | None = None
        #: A saved partner's scorecard, built and read when its tab is first shown.
        self.scorecard: ScorecardTab | None = None
        self.scorecard_page: QWidget | None = None
        self.lists: dict[str, RecordTable] = {}
        self.tab_pages: dict[str, QWidget] = {}
        self.training_summary = QLabel()
        self.training_summary.setObjectName("trainingSummary")
        self.lay_out_editor(self.heading, self.tabs)
        self.resize(900, 640)
        if partner_id is None:
            self.setWindowTitle("New partner")
            self.heading.setText("New partner")
            self.fields.set_values({})
        else:
            self._build_lists(partner_id)
            self.load()
        self._show_dirty(False)
        self.fields.widgets["name"].setFocus()

    # --- reading -------------------------------------------------------------------------

    def load(self) -> None:
        """Read the partner and its lists again; unsaved edits are dropped."""
        assert self.partner_id is not None
        today = self.context.today()
        pid = self.partner_id
        with self.db.reading() as session:
            self.opened = get_partner(session, pid)
            training = related.partner_training(session, pid, today)
            self.lists["training"].records.set_rows(training)
            summary = related.training_summary(training)
            warning = certification_warning(partner_gaps(session, pid, today))
            self.training_summary.setText(f"{summary}\n{warning}" if warning else summary)
            self.lists["claims"].records.set_rows(related.partner_claims(session, pid))
            self.lists["deals"].records.set_rows(related.partner_deals(session, pid))
            self.lists["quotes"].records.set_rows(related.partner_quotes(session, pid))
            self.lists["history"].records.set_rows(related.partner_history(session, pid))
        self.fields.set_values(self.opened.values())
        if self.contacts is not None:
            self.contacts.load()
        if self.scorecard is not None:
            self.scorecard.invalidate()
        self._count_tabs()
        self.setWindowTitle(f"{self.opened.name} — partner")
        self.heading.setText(f"{self.opened.name}  ·  {self.opened.status.label}")
        self._show_dirty(False)

    def _build_lists(self, partner_id: int) -> None:
        self.contacts = ContactsTab(
            self.db, partner_id, self._contacts_changed, self.context.errors.show_now, self
        )
        self.tabs.addTab(self.contacts, "Contacts")
        for key, title, columns in (
            ("training", "Training", related.TRAINING_COLUMNS),
            ("claims", "Claims", related.CLAIM_COLUMNS),
            ("deals", "Deals", related.DEAL_COLUMNS),
            ("quotes", "Quotes", related.QUOTE_COLUMNS),
            ("history", "History", related.HISTORY_COLUMNS),
        ):
            table = RecordTable(f"partner_{key}", columns, self)
            self.lists[key] = table
            self.tab_pages[key] = table
            if key == "training":
                self.tab_pages[key] = _with_heading(self.training_summary, table)
            self.tabs.addTab(self.tab_pages[key], title)
        self.scorecard_page = QWidget()
        self.tabs.addTab(self.scorecard_page, "Scorecard")
        self.tabs.currentChanged.connect(self._show_scorecard)

    def _show_scorecard(self, index: int) -> None:
        """Build the scorecard when its tab is first chosen: its few dozen widgets would
        otherwise add a tenth of a second to opening every partner."""
        page = self.scorecard_page
        if self.scorecard is not None or page is None or self.tabs.widget(index) is not page:
            return
        self.scorecard = ScorecardTab(self.context, self.db, self._scorecard_partner)
        self.scorecard.wanted.connect(self.wanted)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scorecard)  # shown at once, so it reads

    def _scorecard_partner(self) -> str | None:
        """The partner as the scorecard names it: its Partner ID, else its name."""
        if self.opened is None:
            return None
        return self.opened.partner_code or self.opened.name

    def _count_tabs(self) -> None:
        """Tab titles say how many rows each list has: "Claims (3)"."""
        tables: list[tuple[QWidget, RecordTable]] = []
        if self.contacts is not None:
            tables.append((self.contacts, self.contacts.table))
        tables.extend((self.tab_pages[key], table) for key, table in self.lists.items())
        for page, table in tables:
            n = self.tabs.indexOf(page)
            base = self.tabs.tabText(n).split(" (")[0]
            self.tabs.setTabText(n, f"{base} ({table.records.total_count})")

    def _contacts_changed(self) -> None:
        self.context.changes.announce({RecordKind.CONTACT})
        with self.db.reading() as session:
            assert self.partner_id is not None
            rows = related.partner_history(session, self.partner_id)
        self.lists["history"].records.set_rows(rows)
        self._count_tabs()

    # --- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the form; False if a field is wrong, the save failed or the user cancelled."""
        self.fields.reveal_all = True
        problems = self.fields.check()
        if problems:
            self.tabs.setCurrentIndex(0)
            focus_first_problem(self.fields.widgets, problems)
            return False
        return self._write(overwrite=False)

    def _write(self, overwrite: bool) -> bool:
        raw = self.fields.raw()
        before = self.opened.values() if self.opened is not None else None
        try:
            with self.db.transaction() as session:
                if self.opened is None:
                    self.partner_id = create_partner(session, raw)
                else:
                    update_partner(session, self.opened, raw, overwrite=overwrite)
        except ConflictError as conflict:
            return self._stale(conflict)
        except Exception as exc:  # an AppError is shown as it is; a bug with its details
            self.context.errors.show_now(exc)
            return False
        assert self.partner_id is not None
        if not self.lists:
            self._build_lists(self.partner_id)
        self.load()
        if before is not None and self.opened is not None:
            self.record_edit(self.partner_id, self.opened.name, before, self.opened.values())
        self.context.changes.announce({RecordKind.PARTNER})
        self.saved.emit(self.partner_id)
        return True

    def _stale(self, conflict: ConflictError) -> bool:
        rows = [
            (LABELS.get(field, field), self.fields.shown(field), _shown(field, theirs))
            for field, (_opened, theirs) in conflict.changes.items()
        ]
        name = self.opened.name if self.opened else "This partner"
        dialog = StaleDialog(name, rows, self)
        return settle_stale(self.ask_stale, dialog, self.load, lambda: self._write(overwrite=True))

    # --- closing -------------------------------------------------------------------------

    def _edited(self) -> None:
        self._show_dirty(True)


def _with_heading(heading: QLabel, table: RecordTable) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(6, 8, 6, 6)
    layout.addWidget(heading)
    layout.addWidget(table, 1)
    return page


def _shown(field: str, value: object) -> str:
    if value is None:
        return ""
    if field == "country" and isinstance(value, str):
        return f"{country_name(value)} ({value})"
    if isinstance(value, date):
        return value.isoformat()
    label = getattr(value, "label", None)
    return label if isinstance(label, str) else str(value)
