"""``export KIND FILE``: what a page shows, written to .xlsx or .csv (SPEC.md, "Command line").

Every kind of SPEC.md can be exported: partners here, overlaps and the price book by their own
modules, the others as ``app.services.exporting.kinds`` describes them. The file name is checked
before the database is opened, so a wrong suffix answers at once and touches nothing.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from app.cli.common import database
from app.domain.errors import NotAvailableYetError
from app.io.export import export_format, export_table
from app.services.exporting.kinds import EXPORT_KINDS, ExportKind
from app.services.partners.rows import PARTNER_COLUMNS, list_partners

log = logging.getLogger(__name__)


def run(args: argparse.Namespace) -> int:
    """Export ``args.kind`` to ``args.file``; print one line saying what was written."""
    if args.kind == "overlaps":
        from app.cli.cmd_overlaps import export_overlaps

        return export_overlaps(args)
    if args.kind == "pricebook":
        from app.cli.cmd_export_pricebook import export_pricebook_command

        return export_pricebook_command(args)
    if args.kind == "leadrules":
        from app.cli.cmd_export_sheets import export_lead_rules_command

        return export_lead_rules_command(args)
    if args.kind == "board":
        from app.cli.cmd_leads_board import export_board

        return export_board(args)
    if args.kind == "programs":
        from app.cli.cmd_program import export_programs

        return export_programs(args)
    if args.kind in EXPORT_KINDS:
        return _export_kind(args, EXPORT_KINDS[args.kind])
    if args.kind != "partners":
        raise NotAvailableYetError(
            f"Exporting {args.kind} is not available yet in this version of Channel Desk."
        )
    path = Path(args.file).expanduser()
    export_format(path)
    db = database(args)
    try:
        with db.reading() as session:
            rows = list_partners(session)
    finally:
        db.dispose()
    result = export_table(path, rows, PARTNER_COLUMNS, title="Partners")
    noun = "partner" if result.rows == 1 else "partners"
    log.info("exported %d %s to %s", result.rows, noun, result.path)
    print(f"Exported {result.rows} {noun} to {result.path}")
    return 0


def _export_kind(args: argparse.Namespace, kind: ExportKind) -> int:
    path = Path(args.file).expanduser()
    export_format(path)  # a wrong suffix answers before the database is opened
    db = database(args)
    try:
        with db.reading() as session:
            rows = kind.rows(session)
    finally:
        db.dispose()
    result = export_table(path, rows, kind.columns, title=kind.title)
    noun = kind.noun[0] if result.rows == 1 else kind.noun[1]
    log.info("exported %d %s to %s", result.rows, noun, result.path)
    print(f"Exported {result.rows} {noun} to {result.path}")
    return 0
