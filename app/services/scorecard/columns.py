"""The columns of a scorecard's lists: its certifications running out, open claims and overlaps.

The partner is the scorecard's own, so no list repeats its name; the other columns are the
owning pages' own descriptions, so a row reads as it does there.
"""

from __future__ import annotations

from app.domain.columns import Column, Kind
from app.services.claims.accounts import ClaimRow
from app.services.claims.claim_list import CLAIM_PAGE_COLUMNS
from app.services.scorecard.figures import OverlapInvolving
from app.services.training.expiring import EXPIRING_COLUMNS, ExpiringRow

EXPIRING_LIST_COLUMNS: tuple[Column[ExpiringRow], ...] = tuple(
    c for c in EXPIRING_COLUMNS if c.key not in ("partner", "email", "course_code")
)
CLAIM_LIST_COLUMNS: tuple[Column[ClaimRow], ...] = tuple(
    c for c in CLAIM_PAGE_COLUMNS if c.key not in ("claimant", "direct_rep")
)
OVERLAP_LIST_COLUMNS: tuple[Column[OverlapInvolving], ...] = (
    Column("account", "Account", lambda r: r.account, width=26),
    Column("claimants", "Claimants", lambda r: ", ".join(r.claimants), width=30),
    Column("since", "Open since", lambda r: r.since, Kind.DATE, width=11),
    Column("days_open", "Days open", lambda r: r.days_open, Kind.INTEGER, width=9),
)
