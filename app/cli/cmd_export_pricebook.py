"""``export pricebook FILE``: the price book as the workbook the ``pricebook`` import reads."""

from __future__ import annotations

import argparse
import logging
from datetime import date
from pathlib import Path

from app.cli.common import database
from app.io.export import export_format
from app.io.export_pricebook import export_pricebook
from app.services.pricebook.read import pricebook_sheets

log = logging.getLogger(__name__)


def export_pricebook_command(args: argparse.Namespace) -> int:
    """Write Prices, Tiers, Volume and Settings (.xlsx) or the Prices alone (.csv)."""
    path = Path(args.file).expanduser()
    kind = export_format(path)
    db = database(args)
    try:
        with db.reading() as session:
            sheets = pricebook_sheets(session, date.today())
    finally:
        db.dispose()
    result = export_pricebook(path, sheets)
    noun = "price" if result.rows == 1 else "prices"
    what = (
        "" if kind == "xlsx" else " (CSV holds the prices; use .xlsx for tiers, breaks, settings)"
    )
    log.info("exported %d %s to %s", result.rows, noun, result.path)
    print(f"Exported {result.rows} {noun} to {result.path}{what}")
    return 0
