"""Runs one command: the right handler, one line per problem on stderr, SPEC.md's exit codes."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable

from app.cli.safe_output import printable_output
from app.domain.errors import AppError, NotAvailableYetError

log = logging.getLogger(__name__)

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace], int]


#: Each command's module, imported only when that command runs (a fast start for scripts).
HANDLERS: dict[str, str] = {
    "demo": "app.cli.cmd_demo",
    "export": "app.cli.cmd_export",
    "import": "app.cli.cmd_import",
    "leads": "app.cli.cmd_leads",
    "overlaps": "app.cli.cmd_overlaps",
    "program": "app.cli.cmd_program",
    "qbr": "app.cli.cmd_qbr",
    "quote": "app.cli.cmd_quote",
    "settings": "app.cli.cmd_settings",
}


def _handler(command: str) -> Handler | None:
    module = HANDLERS.get(command)
    if module is None:
        return None
    run: Handler = importlib.import_module(module).run
    return run


def run_command(args: argparse.Namespace) -> int:
    """Run ``args.command``; every expected problem becomes one line on stderr and exit 1.
    Nothing it prints can act on the terminal (``printable_output``)."""
    with printable_output():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        handler = _handler(args.command)
        if handler is None:
            raise NotAvailableYetError(
                f"'{args.command}' is not available yet in this version of Channel Desk."
            )
        return handler(args)
    except AppError as exc:
        for line in str(exc).splitlines() or [type(exc).__name__]:
            print(f"channel-desk: {line}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("channel-desk: interrupted; nothing more was written.", file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:
        # The reader went away (``overlaps | head``): what it wanted was printed.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes stdout at exit
        return 0
    except Exception as exc:
        damage = _damaged_database(args, exc)
        if damage is not None:
            print(f"channel-desk: {damage}", file=sys.stderr)
            return EXIT_REFUSED
        log.exception("unexpected error in command %s", args.command)
        print(
            "channel-desk: unexpected error (a bug); the details are in the log file.",
            file=sys.stderr,
        )
        return EXIT_BUG


def _damaged_database(args: argparse.Namespace, exc: BaseException) -> AppError | None:
    """The explanation when ``exc`` is SQLite finding the ``--db`` file damaged somewhere the
    database's own transaction did not see it first."""
    from app.db.damage import damage_text, damaged
    from app.db.location import sqlite_path, to_url

    detail = damage_text(exc)
    if detail is None:
        return None
    try:
        path = sqlite_path(to_url(getattr(args, "db", None)))
    except AppError:
        return None
    return damaged(path, detail) if path is not None else None
