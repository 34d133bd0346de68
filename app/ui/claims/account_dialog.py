"""One end-customer account: its details, its claims (live ones first) and its deals.

Opened from the accounts table (Enter or double-click) or for a new account. A save checks that
nobody changed the account since the dialog read it; if someone did, the stale-save dialog shows
what differs and the user reloads or overwrites, as for partners.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from app.domain.errors import ConflictError
from app.services.claims.account_edit import (
    LABELS,
    AccountRecord,
    check_account,
    create_account,
    direct_reps,
    get_account,
    update_account,
)
from app.services.claims.claim_list import (
    ACCOUNT_CLAIM_COLUMNS,
    ACCOUNT_DEAL_COLUMNS,
    account_claims,
    account_deals,
)
from app.services.store import Database
from app.ui.changes import RecordKind
from app.ui.combo_fill import refill
from app.ui.context import UiContext
from app.ui.elided_label import ElidedLabel
from app.ui.labelled_form import FormGrid, country_combo, country_value, select_data
from app.ui.partners.dialog import ask
from app.ui.record_table import RecordTable
from app.ui.stale_dialog import StaleChoice, StaleDialog, run_stale, settle_stale
from app.ui.unsaved import GuardsUnsavedEdits


class AccountDialog(GuardsUnsavedEdits, QDialog):
    """One account (``account_id``) or a new one (``None``)."""

    noun = "account"

    saved = Signal(int)

    def __init__(
        self, context: UiContext, db: Database, account_id: int | None, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accountDialog")
        self.context, self.db, self.account_id = context, db, account_id
        self.opened: AccountRecord | None = None
        self.dirty = False
        self.ask_stale: Callable[[StaleDialog], StaleChoice] = run_stale
        self.confirm: Callable[[str, str], bool] = lambda t, x: ask(self, t, x)
        with db.reading() as session:
            owner_id = get_account(session, account_id).owner_rep_id if account_id else None
            reps = direct_reps(session, also=owner_id)
        self.form = FormGrid()
        self.form.add("name", "&Name", QLineEdit(), 0)
        self.form.add("website", "&Website", QLineEdit(), 1)
        self.form.add("country", "&Country", country_combo(), 2)
        self.form.add("city", "C&ity", QLineEdit(), 3)
        self.form.add(
            "named_account", "Named &account", QCheckBox("Direct team's named account"), 4
        )
        owner = QComboBox()
        owner.addItem("(nobody)", None)
        refill(owner, [(rep.label, rep.id) for rep in reps])
        self.form.add("owner_rep_id", "Direct &owner", owner, 5)
        self.form.grid.setRowStretch(6, 1)
        self.form.edited.connect(self._edited)
        # A long name ends in "…" (whole in its tooltip) rather than widening the dialog.
        self.heading = ElidedLabel("New account", shortest=160)
        self.heading.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.form, "Details")
        self.claims = RecordTable("account_claims", ACCOUNT_CLAIM_COLUMNS)
        self.deals = RecordTable("account_deals", ACCOUNT_DEAL_COLUMNS)
        self.claims.empty_text = "No claims on this account."
        self.deals.empty_text = "No deals on this account."
        self.claims.hide()
        self.deals.hide()
        self.lay_out_editor(self.heading, self.tabs)
        self.resize(760, 460)
        self.setWindowTitle("New account")
        if account_id is not None:
            self._add_lists()
            self.load()
        self._show_dirty(False)
        self.form.widgets["name"].setFocus()

    def _add_lists(self) -> None:
        self.tabs.addTab(self.claims, "Claims")
        self.tabs.addTab(self.deals, "Deals")

    # --- reading -------------------------------------------------------------------------

    def load(self) -> None:
        assert self.account_id is not None
        with self.db.reading() as session:
            self.opened = get_account(session, self.account_id)
            self.claims.records.set_rows(
                account_claims(session, self.account_id, self.context.today())
            )
            self.deals.records.set_rows(account_deals(session, self.account_id))
        self._show(self.opened)
        live = sum(1 for r in self.claims.records.rows() if r.live)
        self.tabs.setTabText(1, f"Claims ({live} live of {self.claims.records.total_count})")
        self.tabs.setTabText(2, f"Deals ({self.deals.records.total_count})")
        self.setWindowTitle(f"{self.opened.name} — account")
        self.heading.setText(self.opened.name)
        self._show_dirty(False)

    def _show(self, record: AccountRecord) -> None:
        w = self.form.widgets
        self.form.blockSignals(True)
        for name in ("name", "website", "city"):
            line = w[name]
            assert isinstance(line, QLineEdit)
            line.setText(getattr(record, name) or "")
        country, owner, named = w["country"], w["owner_rep_id"], w["named_account"]
        assert isinstance(country, QComboBox) and isinstance(owner, QComboBox)
        assert isinstance(named, QCheckBox)
        select_data(country, record.country)
        select_data(owner, record.owner_rep_id)
        named.setChecked(record.named_account)
        self.form.blockSignals(False)
        self.form.touched.clear()
        self.form.reveal_all = True
        self.check()

    def raw(self) -> dict[str, object]:
        w = self.form.widgets
        country, owner, named = w["country"], w["owner_rep_id"], w["named_account"]
        assert isinstance(country, QComboBox) and isinstance(owner, QComboBox)
        assert isinstance(named, QCheckBox)
        return {
            "name": self.form.text("name"),
            "website": self.form.text("website"),
            "country": country_value(country),
            "city": self.form.text("city"),
            "named_account": named.isChecked(),
            "owner_rep_id": owner.currentData(),
        }

    def check(self) -> dict[str, str]:
        _values, errors = check_account(self.raw())
        self.form.show_problems(errors)
        return errors

    # --- saving --------------------------------------------------------------------------

    def _write(self, overwrite: bool) -> bool:
        raw = self.raw()
        try:
            with self.db.transaction() as session:
                if self.opened is None:
                    self.account_id = create_account(session, raw)
                else:
                    update_account(session, self.opened, raw, overwrite=overwrite)
        except ConflictError as conflict:
            return self._stale(conflict)
        except Exception as exc:  # an AppError is shown as it is; a bug with its details
            self.context.errors.show_now(exc)
            return False
        assert self.account_id is not None
        if self.tabs.count() == 1:
            self._add_lists()
        self.load()
        self.context.changes.announce({RecordKind.ACCOUNT})
        self.saved.emit(self.account_id)
        return True

    def _stale(self, conflict: ConflictError) -> bool:
        rows = [
            (LABELS.get(f, f), self.form.text(f), "" if theirs is None else str(theirs))
            for f, (_opened, theirs) in conflict.changes.items()
        ]
        name = self.opened.name if self.opened else "This account"
        dialog = StaleDialog(name, rows, self)
        return settle_stale(self.ask_stale, dialog, self.load, lambda: self._write(overwrite=True))

    # --- closing -------------------------------------------------------------------------

    def _edited(self, _field: str) -> None:
        self.check()
        self._show_dirty(True)
