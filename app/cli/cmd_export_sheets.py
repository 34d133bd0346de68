"""``export leadrules FILE``: a workbook of several sheets that its import reads back."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from app.cli.common import database
from app.domain.errors import InputError
from app.io.export import export_format
from app.io.export_pricebook import export_pricebook
from app.services.exporting.leadrules import lead_rules_sheets

log = logging.getLogger(__name__)


def export_lead_rules_command(args: argparse.Namespace) -> int:
    """Write the Grades, Tier weights and Settings sheets (.xlsx only: CSV holds one table)."""
    path = Path(args.file).expanduser()
    if export_format(path) != "xlsx":
        raise InputError(
            f"{path.name}: the lead rules are three sheets, which a CSV file cannot hold; "
            "use a name ending in .xlsx."
        )
    db = database(args)
    try:
        with db.reading() as session:
            sheets = lead_rules_sheets(session)
    finally:
        db.dispose()
    result = export_pricebook(path, sheets)  # writes any sheets, the first one counted
    log.info("exported the lead rules to %s", result.path)
    print(f"Exported the lead rules (grades, tier weights, settings) to {result.path}")
    return 0
