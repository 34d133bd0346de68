"""Channel Desk's entry point: logging, then the database, then the window or a command.

``python main.py`` opens the application; ``python main.py COMMAND …`` runs a headless command
(SPEC.md, "Command line") without importing Qt.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from app.cli.parser import build_parser
    from app.cli.safe_output import printable_output

    parser = build_parser()
    with printable_output():  # a usage error repeats what was typed
        args = parser.parse_args(argv)
    from app.db.location import data_dir, data_dir_given
    from app.log import configure_logging

    configure_logging(data_dir(), verbose=args.verbose, own_folder=not data_dir_given())
    if args.command:
        from app.cli import run_command

        return run_command(args)
    from app.ui.launch import launch

    return launch(args)


if __name__ == "__main__":
    sys.exit(main())
