"""One joint deal: its Deal ID, account, stage, amount, expected close and closing day, whose
paper, the product families it is about, its parties with their commissions, and its activity
log.

Moving the stage to won or lost fills *Closed on* with today (the user may change it to the day
it really closed, never to a day to come); moving it back to an open stage clears it. The
families warn, under their list, when a partner on the deal holds no valid certification for one
of them: a warning to act on, not a refusal.

A save checks that nobody changed the deal since the dialog read it (the stale-save dialog lets
the user reload or overwrite). The commission warning is shown as the parties are edited and
does not block the save: it is a negotiation to have, not a typing error.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.deal_form import CLOSED, DEAL_LABELS, check_deal
from app.domain.enums import DealStage, Paper, PartyRole
from app.domain.errors import ConflictError
from app.domain.money import format_amount
from app.services.business_settings import load_business_settings
from app.services.claims.account_edit import account_choices, direct_reps
from app.services.claims.accounts import ClaimRow
from app.services.claims.choices import partner_choices
from app.services.deals.edit import (
    Activity,
    DealRecord,
    Party,
    add_activity,
    create_deal,
    get_deal,
    update_deal,
)
from app.services.deals.families import certification_gaps, family_choices
from app.services.store import Database
from app.ui.changes import RecordKind
from app.ui.claims.claim_dialog import CURRENCIES
from app.ui.completing import completing_line
from app.ui.context import UiContext
from app.ui.date_hint import DATE_PLACEHOLDER
from app.ui.deals.activity import ActivityLog
from app.ui.deals.families import FamiliesPicker
from app.ui.deals.parties import PartiesEditor
from app.ui.elided_label import ElidedLabel
from app.ui.labelled_form import FormGrid, select_data
from app.ui.partners.dialog import ask
from app.ui.stale_dialog import StaleChoice, StaleDialog, run_stale, settle_stale
from app.ui.unsaved import GuardsUnsavedEdits


def _combo(items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    return combo


class DealDialog(GuardsUnsavedEdits, QDialog):
    """One deal (``deal_id``) or a new one (``None``)."""

    noun = "deal"

    saved = Signal(int)

    def __init__(
        self,
        context: UiContext,
        db: Database,
        deal_id: int | None,
        parent: QWidget | None,
        claim: ClaimRow | None = None,
    ) -> None:
        """``claim``: for a new deal, the registration it grows from (account, registering
        partner and commission, amount and currency are taken from it)."""
        super().__init__(parent)
        self.setObjectName("dealDialog")
        self.context, self.db, self.deal_id = context, db, deal_id
        self.opened: DealRecord | None = None
        self.claim_id = claim.id if claim is not None and deal_id is None else None
        self.dirty = False
        self.ask_stale: Callable[[StaleDialog], StaleChoice] = run_stale
        self.confirm: Callable[[str, str], bool] = lambda t, x: ask(self, t, x)
        with db.reading() as session:
            limit = load_business_settings(session).commission_limit_pct
            accounts = account_choices(session)
            partners = partner_choices(session)
            reps = direct_reps(session)
            families = family_choices(session)
        self.account_ids = {c.label.casefold(): c.id for c in accounts}
        self.account_labels = {c.id: c.label for c in accounts}
        form = self.form = FormGrid()
        form.add("name", "&Deal", QLineEdit(), 0, 0, span=3)
        account = completing_line([c.label for c in accounts], "Pick the account", must_pick=True)
        form.add("account_id", "&Account", account, 1, 0, span=3)
        form.add("stage", "&Stage", _combo([(s.label, s) for s in DealStage]), 2, 0)
        paper = _combo([("Ours", Paper.OURS), ("The partner's", Paper.PARTNER)])
        form.add("paper", "&Paper", paper, 2, 1)
        form.add("amount", "A&mount", QLineEdit(), 3, 0)
        currency = QComboBox()
        currency.setEditable(True)
        currency.addItems(CURRENCIES)
        form.add("currency", "C&urrency", currency, 3, 1)
        close = QLineEdit()
        close.setPlaceholderText(DATE_PLACEHOLDER)
        form.add("expected_close", "E&xpected close", close, 4, 0)
        closed = QLineEdit()
        closed.setPlaceholderText(f"{DATE_PLACEHOLDER}, won or lost on")
        closed.setToolTip("The day the deal was won or lost; filled with today when you move it")
        form.add("closed_on", "C&losed on", closed, 4, 1)
        code = QLineEdit()
        code.setPlaceholderText("your own, e.g. from your CRM")
        form.add("deal_code", "Deal &ID", code, 5, 0)
        form.edited.connect(self._edited)
        self.families = FamiliesPicker(families, self)
        self.families.changed.connect(lambda: self._edited("families"))
        families_label = QLabel("Product &families")
        families_label.setBuddy(self.families.button)
        form.grid.addWidget(
            families_label, 5, 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )
        families_label.setContentsMargins(0, 4, 0, 0)  # level with the button's text
        # the warning takes the line a field keeps under it for its problem: nothing moves
        picked = QVBoxLayout()
        picked.setContentsMargins(0, 0, 0, 0)
        picked.setSpacing(0)
        picked.addWidget(self.families.button)
        picked.addWidget(self.families.warning)
        form.grid.addLayout(picked, 5, 3, Qt.AlignmentFlag.AlignTop)
        self.parties = PartiesEditor(partners, reps, limit)
        self.parties.changed.connect(lambda: self._edited("parties"))
        details = QWidget()
        box = QVBoxLayout(details)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)  # the fields' problem lines already space them out
        box.addWidget(form)
        parties_title = QLabel("Parties")
        parties_title.setObjectName("sectionTitle")
        box.addWidget(parties_title)
        box.addWidget(self.parties, 1)
        self.log = ActivityLog(context.today(), db.actor)
        self.log.log_it = self._log
        # A long name ends in "…" (whole in its tooltip) rather than widening the dialog.
        self.heading = ElidedLabel("New deal", shortest=160)
        self.heading.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self.tabs.addTab(details, "Details")
        self.tabs.addTab(self.log, "Activity log")
        self.lay_out_editor(self.heading, self.tabs)
        self.resize(880, 680)
        self.setWindowTitle("New deal")
        self.tabs.setTabEnabled(1, deal_id is not None)
        if deal_id is not None:
            self.load()
        else:
            currency.setCurrentText("EUR")
            if claim is not None:
                self._from_claim(claim)
        self._show_dirty(False)
        form.widgets["name"].setFocus()

    # --- reading -------------------------------------------------------------------------

    def load(self) -> None:
        assert self.deal_id is not None
        with self.db.reading() as session:
            self.opened = record = get_deal(session, self.deal_id)
        w = self.form.widgets
        self.form.blockSignals(True)
        for name, text in (
            ("name", record.name),
            ("deal_code", record.deal_code or ""),
            ("account_id", self.account_labels.get(record.account_id, record.account)),
            ("amount", format_amount(record.amount, record.currency)),
            ("expected_close", record.expected_close.isoformat() if record.expected_close else ""),
            ("closed_on", record.closed_on.isoformat() if record.closed_on else ""),
        ):
            line = w[name]
            assert isinstance(line, QLineEdit)
            line.setText(text)
        stage, paper, currency = w["stage"], w["paper"], w["currency"]
        assert isinstance(stage, QComboBox) and isinstance(paper, QComboBox)
        assert isinstance(currency, QComboBox)
        select_data(stage, record.stage)
        select_data(paper, record.paper)
        currency.setCurrentText(record.currency)
        self.form.blockSignals(False)
        self.parties.set_parties(record.parties)
        self.families.set_chosen(record.families)
        self.log.set_rows(record.activities)
        self.tabs.setTabEnabled(1, True)
        self.tabs.setTabText(1, f"Activity log ({len(record.activities)})")
        self.setWindowTitle(f"{record.name} — deal")
        self.heading.setText(f"{record.name}  ·  {record.stage.label}")
        self.form.reveal_all = True
        self.check()
        self.show_certification()
        self._show_dirty(False)

    def _from_claim(self, claim: ClaimRow) -> None:
        w = self.form.widgets
        self.form.blockSignals(True)
        for name, text in (
            ("name", claim.account),
            ("account_id", self.account_labels.get(claim.account_id, claim.account)),
            ("amount", _amount(claim)),
        ):
            line = w[name]
            assert isinstance(line, QLineEdit)
            line.setText(text)
        currency = w["currency"]
        assert isinstance(currency, QComboBox)
        currency.setCurrentText(claim.currency or "EUR")
        self.form.blockSignals(False)
        if claim.partner_id is not None:
            party = Party(
                claim.partner_id, None, PartyRole.REGISTERING_PARTNER, claim.commission_pct,
                claim.claimant,
            )  # fmt: skip
            self.parties.set_parties([party])
        self.heading.setText(f"New deal from the claim of {claim.claimant}")
        self.check()

    def account_id(self) -> int | None:
        return self.account_ids.get(self.form.text("account_id").strip().casefold())

    def raw(self) -> dict[str, object]:
        w = self.form.widgets
        stage, paper = w["stage"], w["paper"]
        assert isinstance(stage, QComboBox) and isinstance(paper, QComboBox)
        return {
            "deal_code": self.form.text("deal_code"),
            "name": self.form.text("name"),
            "account_id": self.account_id(),
            "stage": DealStage(stage.currentData()),
            "paper": Paper(paper.currentData()),
            "amount": self.form.text("amount"),
            "currency": self.form.text("currency"),
            "expected_close": self.form.text("expected_close"),
            "closed_on": self.form.text("closed_on"),
            "claim_id": self.claim_id,
        }

    def check(self) -> dict[str, str]:
        _values, errors = check_deal(self.raw(), self.context.today())
        if "account_id" in errors and self.form.text("account_id").strip():
            errors["account_id"] = "Account: choose one from the list"
        self.form.show_problems(errors)
        return errors

    # --- saving --------------------------------------------------------------------------

    def _write(self, overwrite: bool) -> bool:
        raw, parties = self.raw(), self.parties.parties
        families, today = self.families.chosen(), self.context.today()
        try:
            with self.db.transaction() as session:
                if self.opened is None:
                    self.deal_id = create_deal(session, raw, parties, families, today)
                else:
                    update_deal(session, self.opened, raw, parties, overwrite, families, today)
        except ConflictError as conflict:
            return self._stale(conflict)
        except Exception as exc:  # an AppError is shown as it is; a bug with its details
            self.context.errors.show_now(exc)
            return False
        assert self.deal_id is not None
        self.load()
        self.context.changes.announce({RecordKind.DEAL})
        self.saved.emit(self.deal_id)
        return True

    def _stale(self, conflict: ConflictError) -> bool:
        rows = [
            (DEAL_LABELS.get(f, f.capitalize()), "(yours)", _shown(theirs))
            for f, (_opened, theirs) in conflict.changes.items()
        ]
        name = self.opened.name if self.opened else "This deal"
        dialog = StaleDialog(name, rows, self)
        return settle_stale(self.ask_stale, dialog, self.load, lambda: self._write(overwrite=True))

    def _log(self, entry: Activity) -> bool:
        assert self.deal_id is not None
        try:
            with self.db.transaction() as session:
                add_activity(session, self.deal_id, entry)
            with self.db.reading() as session:
                record = get_deal(session, self.deal_id)
        except Exception as exc:
            self.context.errors.show_now(exc)
            return False
        self.log.set_rows(record.activities)
        self.tabs.setTabText(1, f"Activity log ({len(record.activities)})")
        return True

    # --- closing -------------------------------------------------------------------------

    def extra_state(self) -> tuple[tuple[Party, ...], tuple[int, ...]]:
        return tuple(self.parties.parties), self.families.chosen()

    def _edited(self, field: str) -> None:
        if field == "stage":
            self._follow_stage()
        if field in ("parties", "families"):
            self.show_certification()
        self.check()
        self._show_dirty(True)

    def _follow_stage(self) -> None:
        """Won or lost closes the deal today (unless a day is typed); an open stage clears the
        day, so a deal never shows a closing day it does not have."""
        stage = self.form.widgets["stage"]
        closed = self.form.widgets["closed_on"]
        assert isinstance(stage, QComboBox) and isinstance(closed, QLineEdit)
        if stage.currentData() in CLOSED:
            if not closed.text().strip():
                closed.setText(self.context.today().isoformat())
        elif closed.text():
            closed.clear()

    def show_certification(self) -> None:
        """Warn under the families about the partners on the deal not certified for them."""
        chosen = self.families.chosen()
        lines: list[str] = []
        if chosen and self.parties.parties:
            with self.db.reading() as session:
                lines = certification_gaps(
                    session, self.parties.parties, chosen, self.context.today()
                )
        self.families.set_warning(lines)


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(getattr(p, "name", str(p)) for p in value)
    label = getattr(value, "label", None)
    return label if isinstance(label, str) else str(value)


def _amount(claim: ClaimRow) -> str:
    if claim.deal_amount is None:
        return ""
    if claim.currency:
        return format_amount(claim.deal_amount, claim.currency)
    return format(claim.deal_amount.normalize(), "f")
