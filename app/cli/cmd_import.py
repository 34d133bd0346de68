"""``import KIND FILE``: validate a workbook or CSV file, then write all of it or nothing.

SPEC.md, "Command line": exit 0 and a one-paragraph summary on stdout; exit 1 with one line per
problem on stderr when the file or any row is refused (nothing written). ``--skip-invalid``
imports the good rows and lists the others on stderr; ``--dry-run`` writes nothing and answers
as the real import would: exit 1 when it would be refused, so a script can check a file first.
The file is read and its header checked before the database is opened, so a bad file answers at
once.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from app.cli.common import database
from app.domain.importing.report import ImportSummary
from app.services.importing import ImportOptions
from app.services.importing.file_import import FileImport, read_import, write_import

log = logging.getLogger(__name__)


def run(args: argparse.Namespace) -> int:
    """Import ``args.file`` as ``args.kind``; 0 when written (or would be), 1 when refused."""
    request = FileImport(args.kind, Path(args.file).expanduser(), args.sheet, tuple(args.map))
    options = ImportOptions(dry_run=args.dry_run, skip_invalid=args.skip_invalid)
    sheets = read_import(request)
    db = database(args)
    try:
        summary = write_import(db, request, sheets, options)
    finally:
        db.dispose()
    refused = args.dry_run and not args.skip_invalid and bool(summary.problems)
    if refused:
        rows = len({p.row for p in summary.problems})
        print(
            f"channel-desk: The import would be refused: {rows} row"
            f"{'s need' if rows != 1 else ' needs'} correcting "
            "(or use --skip-invalid to import the others).",
            file=sys.stderr,
        )
    _report(summary)
    return 1 if refused else 0


def _report(summary: ImportSummary) -> None:
    for problem in summary.problems:
        print(f"channel-desk: {problem.line()}", file=sys.stderr)
    for warning in summary.warnings:
        print(f"channel-desk: warning: {warning.line()}", file=sys.stderr)
    log.info("import: %s", summary.text())
    print(summary.text())
    for change in summary.changes:  # a kind that always lists its changes (the lead rules)
        what = f"{change.record}: {change.changes}" if change.changes else change.record
        print(f"  {change.action}: {what}")
