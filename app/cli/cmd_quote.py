"""``quote create | show | pdf | accept`` (SPEC.md, "Command line").

``create`` checks the whole spec file before the database is opened, and prices and stores the
quote in one transaction, so a refused spec writes nothing; the quote number is the only thing
printed on stdout, for scripts. ``show`` prints the stored figures, never re-priced. ``pdf``
writes an issued revision's kept PDF (kept at its first print) or a draft's fresh one, atomically:
a refused or failed write leaves any existing file as it was. A reprint that is not the PDF as
issued (an old revision whose original was not kept) is written, and said so on stderr.
``accept`` records the partner's acceptance of the newest issued revision on a day (``--on``,
default today), refused with the reason when that revision could not be accepted that day.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.cli.common import database, option_date
from app.cli.quote_table import render_table
from app.domain.errors import InputError
from app.domain.quote_spec import QuoteSpec, parse_quote_spec
from app.domain.quote_view import as_json
from app.io.quote_pdf import render_quote_pdf, write_quote_pdf
from app.services.quotes.create import create_quote
from app.services.quotes.lifecycle import latest_revision_number, mark_accepted
from app.services.quotes.pdf import render_revision
from app.services.quotes.read import read_quote

log = logging.getLogger(__name__)


def run(args: argparse.Namespace) -> int:
    action = args.quote_command
    if action == "create":
        return _create(args)
    if action == "show":
        return _show(args)
    if action == "accept":
        return _accept(args)
    return _pdf(args)


def read_spec(path: Path, today: date) -> QuoteSpec:
    """The spec file, read with exact numbers (JSON numbers become Decimals, never floats)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path} cannot be read as UTF-8 text: {exc}.") from None
    try:
        data: Any = json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None
    except RecursionError:
        raise InputError(f"{path} is nested too deeply to be a quote spec.") from None
    except ValueError:  # an integer of thousands of digits
        raise InputError(f"{path} holds a number too long to be a quote spec's.") from None
    return parse_quote_spec(data, today)


def _no_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not a number", name, 0)


def _create(args: argparse.Namespace) -> int:
    spec = read_spec(Path(args.spec).expanduser(), date.today())
    db = database(args)
    try:
        with db.transaction() as session:
            created = create_quote(session, spec)
    finally:
        db.dispose()
    log.info("created quote %s rev %d (%s)", created.number, created.revision, created.status)
    print(created.number)
    for reason in created.priced.approval_reasons:
        print(f"channel-desk: {created.number} needs approval: {reason}", file=sys.stderr)
    return 0


def _show(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        with db.reading() as session:
            view = read_quote(session, args.number, getattr(args, "revision", None))
    finally:
        db.dispose()
    if args.format == "json":
        print(json.dumps(as_json(view), ensure_ascii=False, indent=2))
    else:
        print(render_table(view))
    return 0


def _pdf(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    db = database(args)
    try:
        with db.transaction() as session:
            pdf = render_revision(session, args.number, args.revision, render_quote_pdf)
            write_quote_pdf(out, pdf.data)
    finally:
        db.dispose()
    view = pdf.document.view
    log.info(
        "wrote %s rev %d to %s (%d bytes, SHA-256 %s, %s)",
        view.number, view.revision, out, len(pdf.data), pdf.record.sha256, pdf.record.outcome,
    )  # fmt: skip
    if pdf.notice:
        print(f"channel-desk: {pdf.notice}", file=sys.stderr)
    return 0


def _accept(args: argparse.Namespace) -> int:
    today = date.today()
    on = option_date(args.on, "--on") or today
    db = database(args)
    try:
        with db.transaction() as session:
            revision = latest_revision_number(session, args.number)
            mark_accepted(session, args.number, revision, on, today)
    finally:
        db.dispose()
    number = args.number.strip().upper()
    log.info("quote %s rev %d accepted on %s", number, revision, on.isoformat())
    print(f"{number} rev {revision} accepted on {on.isoformat()}")
    return 0
