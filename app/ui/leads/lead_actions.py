"""What the leads page does to the selected lead: accept, decline with a reason, convert (the
new deal opens for the person), lose with a reason, assign by hand.

Each runs in one transaction through the lead actions service, on the page's today; a refusal
(the deadline passed, a lead nobody accepted yet) is shown in one clear message and nothing is
written. The buttons are enabled only while the selected lead's state allows the action, so a
person rarely meets a refusal at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from app.domain.enums import LeadStatus
from app.domain.lead_actions import DECLINE_REASONS, LOSE_REASONS
from app.domain.local_currency import country_currency
from app.services.business_settings import load_business_settings
from app.services.leads import actions as service
from app.services.leads.listing import LeadRow, lead_deal, partners_for_assigning
from app.services.store import Session
from app.ui.changes import RecordKind
from app.ui.leads.dialogs import AssignDialog, ConvertDialog, ReasonDialog
from app.ui.shortcuts import bind

if TYPE_CHECKING:
    from app.ui.leads.page import LeadsPage

#: Statuses in which nobody holds the lead (routing may give it to someone).
UNHELD = (LeadStatus.NEW, LeadStatus.DECLINED, LeadStatus.EXPIRED, LeadStatus.UNROUTABLE)
FINISHED = (LeadStatus.CONVERTED, LeadStatus.LOST)


def _run(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


class LeadActions:
    """The action buttons of the leads tab, their keys, their menu entries, and what they do."""

    def __init__(self, page: LeadsPage) -> None:
        self.page = page
        tab = page.leads
        #: Tests answer the dialogs the way a person would.
        self.ask: Callable[[QDialog], bool] = _run
        self.opened_deal: int | None = None  # the deal a conversion opened (tests read it)
        pairs = (
            (tab.accept_button, self.accept, "&Accept", "Ctrl+Shift+A"),
            (tab.decline_button, self.decline, "&Decline…", None),
            (tab.convert_button, self.convert, "Con&vert…", None),
            (tab.lose_button, self.lose, "L&ose…", None),
            (tab.assign_button, self.assign, "A&ssign to…", None),
        )
        for widget, slot, text, key in pairs:
            widget.clicked.connect(slot)
            tab.table.menu.add(text, slot, shortcut=key)
        bind(tab, "Ctrl+Shift+A", self.accept, "Accept the selected lead")
        tab.table.menu.add("&Open its deal", self.open_deal, when=self._has_deal)
        tab.table.activated.connect(lambda _index: self.open_deal())
        self.enable()

    # --- what the selected lead allows ---------------------------------------------------

    def lead(self) -> LeadRow | None:
        return None if self.page.loading else self.page.selected_lead()

    def _has_deal(self) -> bool:
        lead = self.lead()
        return lead is not None and lead.deal_id is not None

    def enable(self) -> None:
        lead = self.lead()
        tab = self.page.leads
        status = lead.status if lead is not None else None
        partner_waiting = (
            lead is not None and status is LeadStatus.ASSIGNED and lead.partner_id is not None
        )
        held = lead is not None and status in (LeadStatus.ASSIGNED, LeadStatus.ACCEPTED)
        convertible = lead is not None and (
            status is LeadStatus.ACCEPTED
            or (held and lead.recipient is not None and lead.partner_id is None)
        )
        tab.accept_button.setEnabled(partner_waiting)
        tab.decline_button.setEnabled(partner_waiting)
        tab.convert_button.setEnabled(convertible)
        tab.lose_button.setEnabled(convertible)
        tab.assign_button.setEnabled(lead is not None and status not in FINISHED)

    # --- the actions ---------------------------------------------------------------------

    def _write(self, change: Callable[[Session], object], said: str) -> object | None:
        """Run ``change`` in one transaction; a refusal shown, nothing written."""
        db = self.page._db
        if db is None:
            return None
        try:
            with db.transaction() as session:
                result = change(session)
        except Exception as exc:  # the refusal (or a bug) is shown through the error hook
            self.page.context.errors.show_now(exc)
            return None
        self.page.context.changes.announce({RecordKind.LEAD})
        self.page.say(said)
        return result if result is not None else True

    def accept(self) -> None:
        lead = self.lead()
        if lead is None:
            return
        on = self.page.context.today()
        self._write(
            lambda s: service.accept_lead(s, lead.lead_code, on),
            f"{lead.lead_code} accepted by {lead.recipient}.",
        )

    def decline(self) -> None:
        lead = self.lead()
        if lead is None:
            return
        dialog = ReasonDialog(lead, "Decline lead", "&Decline", DECLINE_REASONS, self.page)
        if not self.ask(dialog):
            return
        reason, on = dialog.reason(), self.page.context.today()
        self._write(
            lambda s: service.decline_lead(s, lead.lead_code, reason, on),
            f"{lead.lead_code} declined by {lead.recipient} ({reason}); it goes back to routing.",
        )

    def lose(self) -> None:
        lead = self.lead()
        if lead is None:
            return
        dialog = ReasonDialog(lead, "Lose lead", "L&ose", LOSE_REASONS, self.page)
        if not self.ask(dialog):
            return
        reason, on = dialog.reason(), self.page.context.today()
        self._write(
            lambda s: service.lose_lead(s, lead.lead_code, reason, on),
            f"{lead.lead_code} lost ({reason}).",
        )

    def convert(self) -> None:
        lead, db = self.lead(), self.page._db
        if lead is None or db is None:
            return
        with db.reading() as session:
            reporting = load_business_settings(session).reporting_currency
        # The deal is in the lead's country's currency at first, as a quote for its account
        # would be: a British lead's deal in GBP, not in the reporting currency.
        local = country_currency(lead.country) or reporting
        dialog = ConvertDialog(lead, local, [reporting], parent=self.page)
        if not self.ask(dialog):
            return
        amount, chosen = dialog.value()
        on = self.page.context.today()
        result = self._write(
            lambda s: service.convert_lead(s, lead.lead_code, on, amount=amount, currency=chosen),
            f"{lead.lead_code} converted: a new deal at stage qualified for {lead.recipient}.",
        )
        if result is not None:
            self.page.context.changes.announce(
                {RecordKind.ACCOUNT, RecordKind.CLAIM, RecordKind.DEAL}
            )
            with db.reading() as session:
                deal_id = lead_deal(session, lead.id)
            if deal_id is not None:
                self._open_deal_of(deal_id)

    def assign(self) -> None:
        lead, db = self.lead(), self.page._db
        if lead is None or db is None:
            return
        with db.reading() as session:
            partners = partners_for_assigning(session)
        dialog = AssignDialog(lead, partners, self.page)
        if not self.ask(dialog):
            return
        to, on = dialog.recipient(), self.page.context.today()
        if to is None:
            return
        self._write(
            lambda s: service.assign_lead(s, lead.lead_code, to, on),
            f"{lead.lead_code} assigned to {to} by hand.",
        )

    def open_deal(self) -> None:
        lead = self.lead()
        if lead is not None and lead.deal_id is not None:
            self._open_deal_of(lead.deal_id)

    def _open_deal_of(self, deal_id: int) -> None:
        """Open the deal the lead became, in the deal dialog, for the person to carry on."""
        db = self.page._db
        if db is None:
            return
        from app.ui.deals.dialog import DealDialog

        self.opened_deal = deal_id
        dialog = DealDialog(self.page.context, db, deal_id, self.page.window())
        self.page.keep(dialog)
