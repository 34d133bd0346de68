"""``settings show | set KEY VALUE`` (SPEC.md, "Command line"): the business settings shared by
everyone who uses the database, the company's letterhead among them.

``show`` prints one ``key  value`` line per setting (a text of several lines with ``\\n``);
``set`` checks the value as the settings page does and stores it, or exits 1 with the reason and
nothing written. ``logo`` takes a picture file, stored by its absolute path.
"""

from __future__ import annotations

import argparse
import sys

from app.cli.common import database
from app.domain.errors import InputError
from app.domain.letterhead import COMMAND_KEYS
from app.services.company import save_settings_text, settings_text


def run(args: argparse.Namespace) -> int:
    if args.settings_command == "show":
        return _show(args)
    return _set(args)


def _show(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        with db.reading() as session:
            values = settings_text(session)
    finally:
        db.dispose()
    width = max(map(len, COMMAND_KEYS))
    for name, key in COMMAND_KEYS.items():
        shown = values[key].replace("\\", "\\\\").replace("\n", "\\n")
        print(f"{name.ljust(width)}  {shown}".rstrip())
    return 0


def _set(args: argparse.Namespace) -> int:
    key = COMMAND_KEYS.get(args.key)
    if key is None:
        known = ", ".join(COMMAND_KEYS)
        raise InputError(f"There is no setting '{args.key}'; use one of {known}.")
    value = str(args.value).replace("\\n", "\n")  # several lines, typed on one
    if key == "company_logo_path":
        from app.io.pdf_logo import check_logo  # reportlab loads only for a logo

        value = check_logo(value)
    db = database(args)
    try:
        with db.transaction() as session:
            save_settings_text(session, {key: value})
    finally:
        db.dispose()
    print(f"{args.key} set.", file=sys.stderr)
    return 0
