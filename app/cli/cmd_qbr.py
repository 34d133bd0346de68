"""``qbr PARTNER [--quarter 2026Q4] [--on DATE] --out FILE.pdf``: a partner's quarterly business
review pack, as things stood on ``--on`` (default: today), as the lead commands take it.

The pack is read in one reading transaction (nothing is written to the database) and the PDF is
written whole or not at all: an unknown partner, a quarter written wrongly or not yet begun, or a
file that cannot be written is refused in one line with exit 1, and an existing file is left as
it was.
"""

from __future__ import annotations

import argparse
import errno
import logging
from datetime import date
from pathlib import Path

from app.cli.common import database, option_date
from app.domain.quarters import quarter_of
from app.io.atomic import cannot_write
from app.io.qbr_pdf import write_qbr_pdf
from app.services.partners.names import partner_label
from app.services.qbr.gather import review_period
from app.services.qbr.pdf import review_pdf
from app.services.qbr.printing import quarter_name

log = logging.getLogger(__name__)


def run(args: argparse.Namespace) -> int:
    today = option_date(args.on, "--on") or date.today()
    quarter_text = args.quarter if args.quarter is not None else quarter_of(today)
    review_period(quarter_text, today)  # a bad quarter answers before the database is opened
    out = Path(args.out).expanduser()
    if not out.parent.is_dir():  # nor is the pack gathered for a folder that is not there
        raise cannot_write(out, FileNotFoundError(errno.ENOENT, "no such folder"))
    db = database(args)
    try:
        with db.reading() as session:
            pdf = review_pdf(session, args.partner, quarter_text, today)
    finally:
        db.dispose()
    write_qbr_pdf(out, pdf.data)
    pack = pdf.pack
    log.info("wrote the business review of %s for %s to %s", pack.partner_code, pack.quarter, out)
    print(
        f"Wrote the business review of {partner_label(pack.partner_code, pack.partner)} for "
        f"{quarter_name(pack.quarter)} to {out}"
    )
    return 0
