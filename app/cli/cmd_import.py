"""``import KIND FILE``: validate a workbook or CSV file, then write all of it or nothing.

SPEC.md, "Command line": exit 0 and a one-paragraph summary on stdout; exit 1 with one line per
problem on stderr when the file or any row is refused (nothing written). ``--skip-invalid``
imports the good rows and lists the others on stderr; ``--dry-run`` writes nothing. The file is
read and its header checked before the database is opened, so a bad file answers at once.
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
    """Import ``args.file`` as ``args.kind``; 0 when written (or dry run), 1 when refused."""
    request = FileImport(args.kind, Path(args.file).expanduser(), args.sheet, tuple(args.map))
    options = ImportOptions(dry_run=args.dry_run, skip_invalid=args.skip_invalid)
    sheets = read_import(request)
    db = database(args)
    try:
        summary = write_import(db, request, sheets, options)
    finally:
        db.dispose()
    _report(summary)
    return 0


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
