"""``overlaps [--format table|csv|json]``: today's overlap groups (SPEC.md, "Command line").

The table is for a person in a terminal, one line per claim under its group; CSV and JSON are for
scripts and carry every figure exactly.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from pathlib import Path

from app.cli.common import database
from app.cli.text_table import render_rows
from app.io.csv_writer import cell_text
from app.io.export import export_format, export_table
from app.services.claims.overlap_rows import CLAIM_COLUMNS, claim_rows, exposure_text, groups_json
from app.services.claims.overlaps import overlap_groups

#: The columns of the terminal table (the website and the claim's own exposure add width, not
#: news; CSV has every column).
TABLE_KEYS = ("claimant", "account", "country", "claimed_on", "valid_until", "deal_amount",
              "commission_pct", "why")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        with db.reading() as session:
            groups = overlap_groups(session, date.today())
    finally:
        db.dispose()
    if args.format == "json":
        print(json.dumps(groups_json(groups), ensure_ascii=False, indent=2))
        return 0
    rows = claim_rows(groups)
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([c.header for c in CLAIM_COLUMNS])
        for row in rows:
            writer.writerow([cell_text(c, row) for c in CLAIM_COLUMNS])
        return 0
    if not groups:
        print("No overlapping claims today.")
        return 0
    columns = [c for c in CLAIM_COLUMNS if c.key in TABLE_KEYS]
    blocks = []
    for number, group in enumerate(groups, start=1):
        heading = (
            f"Group {number} · {group.confidence.value} · {len(group.claims)} claims · "
            f"commission exposure {exposure_text(group.exposure)}"
        )
        if group.suggestion is not None:
            heading += f" · suggested owner {group.owner_name()} ({group.suggestion.rule})"
        blocks.append(heading + "\n" + render_rows([r for r in rows if r.group == number], columns))
    print("\n\n".join(blocks))
    return 0


def export_overlaps(args: argparse.Namespace) -> int:
    """``export overlaps FILE``: one row per claim of every group, with its group and reasons."""
    path = Path(args.file).expanduser()
    export_format(path)  # a wrong suffix answers before the database is opened
    db = database(args)
    try:
        with db.reading() as session:
            groups = overlap_groups(session, date.today())
    finally:
        db.dispose()
    result = export_table(path, claim_rows(groups), CLAIM_COLUMNS, title="Overlaps")
    print(f"Exported {len(groups)} overlap groups ({result.rows} claims) to {result.path}")
    return 0
