"""``leads accept|decline|convert|lose LEAD_ID`` and ``leads assign LEAD_ID --to …``.

Each action runs in one transaction through ``app.services.leads.actions`` and prints one line
saying what happened; a refusal is one line on stderr, exit 1, and nothing written. The options
are checked before the database is opened, so a bad date or amount answers at once.
"""

from __future__ import annotations

import argparse
import logging
from datetime import date
from decimal import Decimal

from app.cli.common import database, option_date
from app.domain.errors import InputError
from app.domain.lead_actions import DECLINE_REASONS, LOSE_REASONS, parse_reason
from app.domain.leads.rules import DIRECT
from app.domain.money import format_money, normalize_currency, parse_decimal
from app.services.leads import actions

log = logging.getLogger(__name__)


def run(args: argparse.Namespace) -> int:
    """Run one lead action; 0 when done, 1 (via ``AppError``) when refused."""
    action = args.leads_command
    on = option_date(args.on, "--on") or date.today()
    lead = args.lead
    if action == "decline":
        reason = parse_reason(args.reason, DECLINE_REASONS, "decline")
    elif action == "lose":
        reason = parse_reason(args.reason, LOSE_REASONS, "lose")
    amount, currency = _money_options(args) if action == "convert" else (None, None)
    db = database(args)
    try:
        with db.transaction() as session:
            if action == "accept":
                actions.accept_lead(session, lead, on)
                said = f"{lead} accepted on {on.isoformat()}."
            elif action == "decline":
                actions.decline_lead(session, lead, reason, on)
                said = f"{lead} declined ({reason}) on {on.isoformat()}; it goes back to routing."
            elif action == "lose":
                actions.lose_lead(session, lead, reason, on)
                said = f"{lead} lost ({reason}) on {on.isoformat()}."
            elif action == "convert":
                made = actions.convert_lead(session, lead, on, amount, currency)
                said = _converted(made)
            else:
                to = args.to.strip()
                actions.assign_lead(session, lead, to, on)
                shown = DIRECT if to.casefold() == DIRECT.casefold() else to
                said = f"{lead} assigned to {shown} by hand on {on.isoformat()}."
    finally:
        db.dispose()
    log.info("leads %s: %s", action, said)
    print(said)
    return 0


def _money_options(args: argparse.Namespace) -> tuple[Decimal | None, str | None]:
    """``--amount`` and ``--currency`` as given, checked for their form (the service checks the
    amount against the currency); an amount without a currency takes the reporting one."""
    amount = None if args.amount is None else parse_decimal(args.amount.strip(), "--amount")
    currency = None if args.currency is None else normalize_currency(args.currency)
    if amount is not None and amount < 0:
        raise InputError(f"--amount {args.amount.strip()} must not be negative.")
    return amount, currency


def _converted(made: actions.Conversion) -> str:
    where = "a new account" if made.new_account else "its account"
    money = format_money(made.amount, made.currency)
    return (
        f"{made.lead} converted: {where} '{made.account}', a pending claim and the deal "
        f"'{made.deal}' ({money}, qualified)."
    )
