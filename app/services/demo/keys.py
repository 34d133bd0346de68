"""The demo's key partners: a handful of Gold and Platinum partners, each cast in a part, so the
dashboard, the Program page, the MDF page, the lead board and the scorecard have a story to tell.

- ``star`` pays back clearly: won deals every quarter, some crossing the rebate thresholds, a
  little MDF and events, people certified in every family it sells, keen on its leads;
- ``steady`` wins every quarter too, with more spend for its revenue;
- ``spender`` takes MDF and events and wins nothing; its leads expire, a family it sells has
  nobody certified, a certification runs out next quarter and an overlap has waited for weeks;
- ``unfunded`` wins every quarter and costs nothing: no training of late, no MDF, no events,
  its quarters below the rebate thresholds;
- ``quiet`` accepts its leads and then sits on them.

They are chosen from the world as the earlier steps made it, without a draw of the random
generator, so choosing them changes nothing else.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.db.models import Contact, Partner, TrainingRecord
from app.domain.enums import PartnerStatus, PartnerType
from app.services.demo.state import DemoState

ROLES = ("star", "steady", "spender", "unfunded", "quiet")
#: How each key partner answers its leads (``app.services.demo.leads``).
HABITS = {"star": "keen", "steady": "diligent", "spender": "slow", "unfunded": "diligent",
          "quiet": "quiet"}  # fmt: skip
_SELLERS = (PartnerType.RESELLER, PartnerType.SI, PartnerType.MSP)


def key_partners(state: DemoState) -> dict[str, Partner]:
    """Role → partner, chosen once per run and kept on the state."""
    if state.keys:
        return state.keys
    candidates = [
        p
        for p in state.partners
        if p.status is PartnerStatus.ACTIVE
        and p.type in _SELLERS
        and p.tier is not None
        and p.tier.name in ("Gold", "Platinum")
        and p.partner_code is not None
    ]
    if len(candidates) < len(ROLES):
        return state.keys
    unfunded = _untrained(state, candidates) or candidates[-1]
    rest = [p for p in candidates if p is not unfunded]
    # Prefer partners of different countries, so the story spreads over the map.
    ordered: list[Partner] = []
    for partner in rest:
        if all(p.country != partner.country for p in ordered):
            ordered.append(partner)
    ordered += [p for p in rest if p not in ordered]
    chosen = dict(zip(("star", "steady", "spender", "quiet"), ordered, strict=False))
    chosen["unfunded"] = unfunded
    state.keys = {role: chosen[role] for role in ROLES}
    return state.keys


def _untrained(state: DemoState, candidates: list[Partner]) -> Partner | None:
    """The first candidate none of whose people completed a course in the last fifteen months:
    a course has a cost per seat, so anyone trained of late has spent something."""
    state.session.flush()
    since = state.today - timedelta(days=460)
    trained = set(
        state.session.scalars(
            select(Contact.partner_id)
            .join(TrainingRecord, TrainingRecord.contact_id == Contact.id)
            .where(TrainingRecord.completed_on >= since)
        )
    )
    return next((p for p in candidates if p.id not in trained), None)
