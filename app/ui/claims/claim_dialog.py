"""Registering a claim (a deal registration) for a partner or for the direct team.

The account is picked from a completer or, when the typed name is not an account yet, created
with the claim (its website and country are asked for right there). While the user types, the
pane at the bottom lists every live claim the new one would overlap — who, since when, certain
or likely, and why — so the manager decides with the facts in front of them; saving over an
overlap asks once more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.local_currency import default_currency
from app.services.business_settings import load_business_settings
from app.services.claims.account_edit import account_choices, direct_reps
from app.services.claims.choices import DIRECT_TEAM, last_claim_currency, partner_choices
from app.services.claims.claim_edit import ClaimDraft, check_claim, register_claim
from app.services.claims.claim_overlap import (
    OVERLAP_COLUMNS,
    OverlapWarning,
    engagement_lines,
    overlapping_claims,
)
from app.services.claims.overlap_check import SameCompany, existing_same_company
from app.services.store import Database
from app.ui.changes import RecordKind
from app.ui.claims.same_company import AskTwin, SameCompanyOffer, ask_same_company
from app.ui.completing import completing_line
from app.ui.context import UiContext
from app.ui.field_box import focus_first_problem
from app.ui.labelled_form import FormGrid, country_combo, country_value, date_edit
from app.ui.partners.dialog import ask
from app.ui.record_table import RecordTable
from app.ui.unsaved import AsksBeforeDiscarding

#: Pause in typing before the overlap check runs again.
CHECK_DELAY_MS = 250
CURRENCIES = ("EUR", "USD", "GBP", "CHF", "JPY", "SEK", "DKK", "NOK", "PLN", "CAD", "AUD")


class ClaimDialog(AsksBeforeDiscarding, QDialog):
    """A new claim; ``saved`` carries its id."""

    noun = "claim"

    saved = Signal(int)

    def __init__(self, context: UiContext, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("claimDialog")
        self.setWindowTitle("Register a claim")
        self.context, self.db = context, db
        self.confirm: Callable[[str, str], bool] = lambda t, x: ask(self, t, x)
        self.claim_id: int | None = None
        self.overlaps: list[OverlapWarning] = []
        self.engagement: list[str] = []  # the rules of engagement's warnings, in sentences
        with db.reading() as session:
            self.validity = load_business_settings(session).registration_protection_days
            partners = partner_choices(session)
            accounts = account_choices(session)
            reps = direct_reps(session)
            self.last_currency = last_claim_currency(session)
        self.partner_countries = {c.id: c.country for c in partners}
        self.account_countries = {c.id: c.country for c in accounts}
        self.partner_ids = {c.label.casefold(): c.id for c in partners}
        self.account_ids = {c.label.casefold(): c.id for c in accounts}
        self.account_labels = {c.id: c.label for c in accounts}
        bare = Counter(c.label.split(" · ")[0].casefold() for c in accounts)
        for c in accounts:  # a bare name finds the account too when only one has it
            name = c.label.split(" · ")[0].casefold()
            if bare[name] == 1:
                self.account_ids.setdefault(name, c.id)
        today = context.today()
        form = self.form = FormGrid()
        claimant = completing_line(
            [DIRECT_TEAM, *(c.label for c in partners)], "Partner name", must_pick=True
        )
        form.add("claimant", "Claimed &by", claimant, 0, 0, span=3)
        rep = QComboBox()
        rep.addItem("(any of the team)", None)
        for r in reps:
            rep.addItem(r.label, r.id)
        form.add("direct_rep_id", "Direct &rep", rep, 1, 0, span=3)
        account = completing_line([c.label for c in accounts], "Pick an account or type a new name")
        form.add("account_name", "&Account", account, 2, 0, span=3)
        self.offer = SameCompanyOffer()  # "New account…", or the account it duplicates
        self.offer.use.connect(self.use_existing)
        form.grid.addWidget(self.offer, 3, 1, 1, 3)
        self.twins: list[SameCompany] = []
        self.ask_twin: AskTwin = ask_same_company
        form.add("website", "&Website", QLineEdit(), 4, 0)
        form.add("country", "Countr&y", country_combo(), 4, 1)
        form.add("claimed_on", "Claimed &on", date_edit(today), 5, 0)
        form.add("valid_until", "&Valid until", date_edit(today), 5, 1)
        form.add("deal_amount", "Deal a&mount", QLineEdit(), 6, 0)
        currency = QComboBox()
        currency.setEditable(True)
        currency.addItems(CURRENCIES)
        form.add("currency", "C&urrency", currency, 6, 1)
        form.add("commission_pct", "Commission &%", QLineEdit("0"), 7, 0)
        form.set_date("valid_until", today + timedelta(days=self.validity))
        self.valid_until_touched = False
        self.currency_touched = False
        self._default_currency()
        form.edited.connect(self._edited)

        self.pane = QGroupBox("Overlapping live claims")
        self.pane.setObjectName("overlapPane")
        self.summary = QLabel()
        self.summary.setObjectName("overlapSummary")
        # its lines are short and end where the text says: not wrapped, so the window's layout
        # keeps every field whole when the window is short (a wrapped label makes the layout
        # share the height by width and squeeze the fields); the whole text is its tooltip
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.table = RecordTable("claim_overlaps", OVERLAP_COLUMNS, self)
        self.table.empty_text = "No live claim on this company by anyone else."
        self.table.setMinimumHeight(80)  # a header and two rows: the form fits 600 pixels
        pane = QVBoxLayout(self.pane)
        pane.addWidget(self.summary)
        pane.addWidget(self.table, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHECK_DELAY_MS)
        self.timer.timeout.connect(self.check_overlaps)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(
            "Re&gister claim", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("saveButton")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(10)
        layout.addWidget(form)
        layout.addWidget(self.pane, 1)
        layout.addWidget(buttons)
        self.resize(960, 640)
        self._update_fields()
        self.check_overlaps()
        claimant.setFocus()

    # --- reading the form ----------------------------------------------------------------

    def _line(self, name: str) -> str:
        return self.form.text(name).strip()

    def claimant(self) -> tuple[bool, int | None]:
        """(known, partner id or None for the direct team)."""
        text = self._line("claimant").casefold()
        if text in (DIRECT_TEAM.casefold(), "direct"):
            return True, None
        partner_id = self.partner_ids.get(text)
        return partner_id is not None, partner_id

    def account_id(self) -> int | None:
        return self.account_ids.get(self._line("account_name").casefold())

    def raw(self) -> dict[str, object]:
        known, partner_id = self.claimant()
        rep = self.form.widgets["direct_rep_id"]
        country = self.form.widgets["country"]
        assert isinstance(rep, QComboBox) and isinstance(country, QComboBox)
        account_id = self.account_id()
        return {
            "partner_id": partner_id,
            "direct_rep_id": rep.currentData() if known and partner_id is None else None,
            "account_id": account_id,
            "account_name": self._line("account_name"),
            "website": self._line("website") if account_id is None else None,
            "country": country_value(country) if account_id is None else None,
            "claimed_on": self.form.date("claimed_on"),
            "valid_until": self.form.date("valid_until"),
            "deal_amount": self._line("deal_amount"),
            "currency": self._line("currency"),
            "commission_pct": self._line("commission_pct"),
        }

    def check(self) -> tuple[ClaimDraft | None, dict[str, str]]:
        draft, errors = check_claim(self.raw(), self.validity)
        known, _partner = self.claimant()
        if not known:
            errors["claimant"] = (
                "Claimed by is required: a partner from the list, or Direct team"
                if not self._line("claimant")
                else "Claimed by: choose a partner from the list, or Direct team"
            )
        self.form.show_problems(errors)
        return (draft if not errors else None), errors

    # --- reacting ------------------------------------------------------------------------

    def _edited(self, field: str) -> None:
        if field == "valid_until":
            self.valid_until_touched = True
        if field == "currency":
            self.currency_touched = True
        elif field in ("claimant", "account_name", "country") and not self.currency_touched:
            self._default_currency()
        if field == "claimed_on" and not self.valid_until_touched:
            self.form.blockSignals(True)
            self.form.set_date(
                "valid_until", self.form.date("claimed_on") + timedelta(days=self.validity)
            )
            self.form.blockSignals(False)
        self._update_fields()
        self.check()
        self.timer.start()

    def _default_currency(self) -> None:
        """The currency of the account's country, else the partner's, else the last claim's,
        until the user picks one."""
        account_id = self.account_id()
        if account_id is not None:
            account_country = self.account_countries.get(account_id)
        else:
            typed = country_value(self._combo("country"))
            account_country = typed if isinstance(typed, str) else None
        _known, partner_id = self.claimant()
        partner_country = self.partner_countries.get(partner_id) if partner_id else None
        currency = default_currency(
            (account_country, partner_country), CURRENCIES, self.last_currency
        )
        combo = self._combo("currency")
        self.form.blockSignals(True)  # not the user's choice: a later record may change it
        combo.setCurrentIndex(combo.findText(currency or CURRENCIES[0]))
        self.form.blockSignals(False)

    def _combo(self, name: str) -> QComboBox:
        combo = self.form.widgets[name]
        assert isinstance(combo, QComboBox)
        return combo

    def _update_fields(self) -> None:
        """Fields that do not apply are greyed, not hidden: nothing moves while typing."""
        new = self.new_account()
        self.offer.show_state(new, self.twins[0] if new and self.twins else None)
        self.form.set_enabled("website", new)
        self.form.set_enabled("country", new)
        known, partner = self.claimant()
        self.form.set_enabled("direct_rep_id", known and partner is None)

    def new_account(self) -> bool:
        return bool(self._line("account_name")) and self.account_id() is None

    def use_existing(self, twin: SameCompany) -> None:
        """Put the existing account in the account field instead of the typed name."""
        account = self.form.widgets["account_name"]
        assert isinstance(account, QLineEdit)
        account.setText(self.account_labels.get(twin.account_id, twin.name))
        account.setFocus()
        self.check_overlaps()

    def check_overlaps(self) -> list[OverlapWarning]:
        """Ask which live claims the claim as typed would overlap, and show them."""
        self.timer.stop()
        draft, _errors = check_claim(self.raw(), self.validity)
        found: list[OverlapWarning] = []
        notes: list[str] = []
        twins: list[SameCompany] = []
        if draft is not None and draft.account_name:
            with self.db.reading() as session:
                found = overlapping_claims(session, draft, self.context.today())
                notes = engagement_lines(session, draft)
                if draft.account_id is None:
                    twins = existing_same_company(
                        session, draft.account_name, draft.website, draft.country
                    )
        self.twins = twins
        self._update_fields()
        self.overlaps = found
        self.engagement = notes
        self.table.records.set_rows(found)
        lines = [f"⚠ {note}" for note in notes]
        if found:
            many = len(found) != 1
            who = ", ".join(sorted({w.claimant for w in found}))
            lines.append(
                f"⚠ {len(found)} live claim{'s' if many else ''} would overlap this one "
                f"({who}). Check with them before registering."
            )
        self.summary.setText("\n".join(lines) or "No live claim overlaps this one.")
        self.summary.setToolTip(self.summary.text())
        self.summary.setStyleSheet("color: #b54708; font-weight: bold;" if lines else "")
        self.pane.setTitle(f"Overlapping live claims ({len(found)})")
        return found

    # --- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        self.form.reveal_all = True
        draft, errors = self.check()
        if draft is None:
            focus_first_problem(self.form.widgets, errors)
            return False
        overlaps = self.check_overlaps()
        if draft.account_id is None and self.twins:
            answer = self.ask_twin(self, draft.account_name, self.twins[0])
            if answer == "use":
                self.use_existing(self.twins[0])
                return self.save()
            if answer != "create":
                return False
        rules = " ".join(self.engagement)
        if overlaps and not self.confirm(
            "Register despite the overlap?",
            f"{len(overlaps)} live claim(s) overlap this one. Register it anyway? "
            "It starts as pending; the overlap stays visible until someone resolves it."
            + (f"\n\n{rules}" if rules else ""),
        ):
            return False
        if (
            rules
            and not overlaps
            and not self.confirm(
                "Register despite the rules of engagement?",
                f"{rules}\n\nRegister it anyway? It starts as pending until someone decides.",
            )
        ):
            return False
        try:
            with self.db.transaction() as session:
                self.claim_id = register_claim(session, draft)
        except Exception as exc:  # an AppError is shown as it is; a bug with its details
            self.context.errors.show_now(exc)
            return False
        self.context.changes.announce({RecordKind.CLAIM, RecordKind.ACCOUNT})
        self.saved.emit(self.claim_id)
        self.accept()
        return True
