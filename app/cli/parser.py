"""The command line of SPEC.md. Imports nothing heavy, so ``--help`` answers at once."""

from __future__ import annotations

import argparse

from app.domain.importing.fields import KINDS as IMPORT_KINDS

EXPORT_KINDS = (
    "partners", "contacts", "courses", "training", "accounts", "claims", "deals", "quotes",
    "overlaps", "pricebook", "leads", "leadrules", "board", "fx", "spend", "programs",
)  # fmt: skip

EPILOG = """\
exit codes: 0 success; 1 the input was refused (the message says why, nothing was written);
2 usage error; 3 an unexpected error (a bug: details are in the log file).
Without a command, the application window opens."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="channel-desk",
        description="Channel Desk: partners, training, deal registrations, channel conflict "
        "and accurate quotes.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_db(parser)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the window on a fresh demo database (a new temporary file)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="also log to stderr")
    parser.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="fill the database with realistic demo data")
    _add_db(demo)
    demo.add_argument(
        "--force", action="store_true", help="add the demo data even if the database has data"
    )

    imp = commands.add_parser("import", help="import a workbook or CSV file")
    _add_db(imp)
    imp.add_argument("kind", choices=IMPORT_KINDS)
    imp.add_argument("file")
    imp.add_argument("--sheet", help="the sheet to read (default: the first)")
    imp.add_argument(
        "--map", action="append", default=[], metavar="HEADER=FIELD", help="map a column"
    )
    imp.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    imp.add_argument("--skip-invalid", action="store_true", help="import only the valid rows")

    exp = commands.add_parser("export", help="export records to .xlsx or .csv")
    _add_db(exp)
    exp.add_argument("kind", choices=EXPORT_KINDS)
    exp.add_argument("file", help="a path ending in .xlsx or .csv")

    ovl = commands.add_parser("overlaps", help="list overlapping claims")
    _add_db(ovl)
    ovl.add_argument("--format", choices=("table", "csv", "json"), default="table")

    quote = commands.add_parser("quote", help="create, show or print quotes")
    _add_db(quote)
    quote_commands = quote.add_subparsers(dest="quote_command", metavar="ACTION", required=True)
    create = quote_commands.add_parser("create", help="create a quote from a JSON spec")
    _add_db(create)
    create.add_argument("spec", metavar="SPEC.json")
    show = quote_commands.add_parser("show", help="show a quote")
    _add_db(show)
    show.add_argument("number")
    show.add_argument("--format", choices=("table", "json"), default="table")
    show.add_argument("--revision", type=int, metavar="N", help="this revision (default: latest)")
    pdf = quote_commands.add_parser("pdf", help="write a quote's PDF")
    _add_db(pdf)
    pdf.add_argument("number")
    pdf.add_argument("--out", required=True, metavar="FILE.pdf")
    pdf.add_argument("--revision", type=int, metavar="N", help="this revision (default: latest)")
    accept = quote_commands.add_parser(
        "accept", help="record that the partner accepted the issued revision"
    )
    _add_db(accept)
    accept.add_argument("number")
    accept.add_argument("--on", metavar="DATE", help="the day it was accepted (default: today)")

    _add_leads(commands)
    _add_program(commands)
    _add_qbr(commands)

    settings = commands.add_parser("settings", help="show or change the business settings")
    _add_db(settings)
    settings_commands = settings.add_subparsers(
        dest="settings_command", metavar="ACTION", required=True
    )
    shown = settings_commands.add_parser("show", help="every setting and its value")
    _add_db(shown)
    changed = settings_commands.add_parser(
        "set", help="change one setting, e.g. company-name, company-address, logo FILE, terms"
    )
    _add_db(changed)
    changed.add_argument("key", metavar="KEY")
    changed.add_argument("value", metavar="VALUE", help="the value (\\n starts a new line)")
    return parser


def _add_leads(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``leads route|board|accept|decline|convert|lose|assign`` (SPEC.md, "Command line")."""
    leads = commands.add_parser("leads", help="route leads, act on them, show the lead board")
    _add_db(leads)
    actions = leads.add_subparsers(dest="leads_command", metavar="ACTION", required=True)
    route = actions.add_parser("route", help="route the unassigned leads")
    _add_db(route)
    route.add_argument("--on", metavar="DATE", help="the routing date (default: today)")
    route.add_argument("--dry-run", action="store_true", help="show the run, write nothing")
    route.add_argument("--format", choices=("table", "json"), default="table")
    board = actions.add_parser("board", help="the lead board: who received what, and did what")
    _add_db(board)
    board.add_argument("--on", metavar="DATE", help="as of this date (default: today)")
    board.add_argument("--from", dest="from_", metavar="DATE", help="assignments from this date")
    board.add_argument("--format", choices=("table", "csv", "json"), default="table")
    helps = {
        "accept": "the recipient accepts the lead (within the acceptance days)",
        "decline": "the partner declines the lead (--reason territory, quality, capacity, "
        "duplicate, spam or other)",
        "convert": "the lead becomes an account, a pending claim and a qualified deal",
        "lose": "the accepted lead came to nothing (--reason no budget, no response, "
        "competitor, duplicate or other)",
    }
    for name, text in helps.items():
        action = actions.add_parser(name, help=text)
        _add_db(action)
        action.add_argument("lead", metavar="LEAD_ID")
        if name in ("decline", "lose"):
            action.add_argument("--reason", metavar="R", required=True)
        if name == "convert":
            action.add_argument("--amount", metavar="X", help="the deal's amount (default 0)")
            action.add_argument("--currency", metavar="C", help="(default: reporting currency)")
        action.add_argument("--on", metavar="DATE", help="the date it happened (default: today)")
    assign = actions.add_parser("assign", help="assign a lead by hand")
    _add_db(assign)
    assign.add_argument("lead", metavar="LEAD_ID")
    assign.add_argument("--to", required=True, metavar="PARTNER_ID|Direct")
    assign.add_argument("--on", metavar="DATE", help="the assignment date (default: today)")


def _add_program(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``program return`` (SPEC.md, "Command line")."""
    program = commands.add_parser("program", help="what the partner program spent and won")
    _add_db(program)
    actions = program.add_subparsers(dest="program_command", metavar="ACTION", required=True)
    ret = actions.add_parser("return", help="spend, won revenue and return per partner")
    _add_db(ret)
    ret.add_argument("--from", dest="from_", required=True, metavar="DATE", help="first day")
    ret.add_argument("--to", required=True, metavar="DATE", help="last day (included)")
    ret.add_argument("--partner", metavar="PARTNER_ID", help="this partner alone")
    ret.add_argument("--format", choices=("table", "csv", "json"), default="table")


def _add_qbr(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``qbr PARTNER --quarter 2026Q4 --out FILE.pdf``: the quarterly business review pack."""
    qbr = commands.add_parser("qbr", help="write a partner's quarterly business review pack (PDF)")
    _add_db(qbr)
    qbr.add_argument("partner", metavar="PARTNER", help="its Partner ID (or exact name)")
    qbr.add_argument(
        "--quarter", metavar="QUARTER", help="such as 2026Q4 (default: the current quarter)"
    )
    qbr.add_argument("--on", metavar="DATE", help="as things stood on this date (default: today)")
    qbr.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")


def _add_db(parser: argparse.ArgumentParser) -> None:
    """``--db`` is accepted before or after the command; the innermost one given wins."""
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=argparse.SUPPRESS,
        help="a SQLite file path or a SQLAlchemy URL (default: the file in your data folder)",
    )
