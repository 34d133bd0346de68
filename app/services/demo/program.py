"""The demo's partner program: exchange rates into the reporting currency for every currency the
demo's deals and quotes use, a SPIF rule and a rebate rule, and event and other spend, so the
Program page shows what the program costs and what it returns from the first start.

Rates are dated at the start of each of the last twelve quarters and move a little each time (a
report converts each item at the rate of its own date); the SPIF rule pays per unit of Cloud
Backup on the accepted quotes of last quarter and this one; the rebate rule pays 1% of a
quarter's sourced won revenue from 50,000 and 2% from 150,000 in the reporting currency. Events
are spent on a few active partners, the key partners as their parts say (``demo.keys``). Every
rate and spend item is checked by the Program page's own record rules and the rows are written
together in one flush (one service call each, a flush and a look-up per row, made the demo
slower); the two rules go through the rule services. Its draws come from a generator of its own,
so the steps before it keep their world.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from app.db.models import FxRate, SpendItem
from app.domain.enums import PartnerStatus
from app.domain.partner_form import valid_or_raise
from app.domain.program.forms import check_rate, check_spend
from app.domain.quarters import first_day_of_quarter, last_day_of_quarter
from app.services.business_settings import load_business_settings
from app.services.demo.keys import key_partners
from app.services.demo.state import DemoState
from app.services.program.rates import list_rates
from app.services.program.rules import (
    add_rebate_threshold,
    add_spif_rule,
    list_rebate_thresholds,
    list_spif_rules,
)

#: Units of EUR for one unit of each currency the demo uses, about today's.
_EUR_RATES: dict[str, Decimal] = {
    "EUR": Decimal(1), "USD": Decimal("0.92"), "GBP": Decimal("1.17"), "CHF": Decimal("1.05"),
    "CAD": Decimal("0.68"), "AUD": Decimal("0.61"), "SEK": Decimal("0.088"),
    "JPY": Decimal("0.0061"),
}  # fmt: skip
_QUARTERS = 12
_EVENTS = ("Partner summit booth", "Regional roadshow", "Customer workshop", "Trade show stand")
#: Events spent on the key partners: role → the quarters (from this one back) with one.
_KEY_EVENTS = {"star": 2, "steady": 3, "spender": 4, "quiet": 1}
_PROGRAM_WIDE = (("Partner portal licence", "USD", 4_800), ("Partner awards dinner", "EUR", 3_500))


def add_program(state: DemoState) -> int:
    """Rates, the SPIF and rebate rules and spend items; how many spend items were made."""
    rng = random.Random(state.today.toordinal() + 20)
    session = state.session
    reporting = load_business_settings(session).reporting_currency
    starts = [first_day_of_quarter(state.today)]
    for _ in range(_QUARTERS - 1):
        starts.append(first_day_of_quarter(starts[-1] - timedelta(days=1)))
    into = _EUR_RATES.get(reporting)
    # Added to a database in use (``demo --force``), what exists is kept, never overwritten.
    stored = {(r.currency, r.effective_from) for r in list_rates(session, reporting_only=True)}
    for currency, eur in _EUR_RATES.items():
        if currency == reporting or into is None:
            continue
        for start in starts:
            drift = Decimal(1000 + rng.randint(-30, 30)) / 1000  # within 3% of today's
            rate = (eur / into * drift).quantize(Decimal("0.000001"))
            if (currency, start) not in stored:
                raw = {"currency": currency, "rate": rate, "effective_from": start}
                values = valid_or_raise(check_rate(raw, reporting))
                state.later(FxRate, {"currency": values["currency"], "into_currency": reporting,
                                     "rate": values["rate"], "effective_from": start})  # fmt: skip
    last = starts[1]
    if not any(r.name.casefold() == "cloud backup push" for r in list_spif_rules(session)):
        add_spif_rule(session, {
            "name": "Cloud Backup push", "family": "Cloud Backup", "valid_from": last,
            "valid_to": last_day_of_quarter(state.today), "amount_per_unit": "25",
            "currency": "EUR",
        })  # fmt: skip
    steps = {(r.rule.casefold(), r.threshold) for r in list_rebate_thresholds(session)}
    for threshold, percent in ((Decimal(50_000), "1"), (Decimal(150_000), "2")):
        if ("growth", threshold) not in steps:
            add_rebate_threshold(session, {"rule": "Growth", "threshold": threshold,
                                           "percent": percent})  # fmt: skip
    keys = key_partners(state)
    events = [(keys[role], n) for role, n in _KEY_EVENTS.items() if role in keys]
    keyed = {id(p) for p in keys.values()}
    others = [p for p in state.partners if p.status is PartnerStatus.ACTIVE and id(p) not in keyed]
    events += [(partner, 2) for partner in others[: 6 - len(events)]]
    made = 0
    for partner, count in events:
        for start in starts[:count]:
            day = min(start + timedelta(days=rng.randrange(10, 80)), state.today)
            high = 60 if partner is keys.get("spender") else 40
            _spend(state, {
                "partner": partner.partner_code or partner.name, "program": "Event",
                "spent_on": day, "amount": Decimal(rng.randrange(8, high) * 250),
                "currency": "EUR", "description": rng.choice(_EVENTS),
            }, partner.id)  # fmt: skip
            made += 1
    for description, currency, amount in _PROGRAM_WIDE:
        day = min(last + timedelta(days=rng.randrange(5, 85)), state.today)
        _spend(state, {"program": "Other", "spent_on": day, "amount": Decimal(amount),
                       "currency": currency, "description": description}, None)  # fmt: skip
        made += 1
    state.write_later()
    return made


def _spend(state: DemoState, raw: dict[str, object], partner_id: int | None) -> None:
    """A spend item checked by the Program page's record rules, added to the session."""
    values = valid_or_raise(check_spend(raw))
    state.later(SpendItem, {
        "partner_id": partner_id, "program": values["program"], "spent_on": values["spent_on"],
        "amount": values["amount"], "currency": values["currency"],
        "description": values.get("description"),
    })  # fmt: skip
