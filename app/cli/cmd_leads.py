"""``leads ACTION …``: each action's module, imported only when that action runs.

Routing and the board show what happened to many leads; the actions (accept, decline,
convert, lose, assign) change one lead. Each lives in its own module.
"""

from __future__ import annotations

import argparse
import importlib

from app.domain.errors import NotAvailableYetError

ACTIONS: dict[str, str] = {
    "route": "app.cli.cmd_leads_route",
    "board": "app.cli.cmd_leads_board",
    "accept": "app.cli.cmd_leads_actions",
    "decline": "app.cli.cmd_leads_actions",
    "convert": "app.cli.cmd_leads_actions",
    "lose": "app.cli.cmd_leads_actions",
    "assign": "app.cli.cmd_leads_actions",
}


def run(args: argparse.Namespace) -> int:
    """Run ``leads <action>``."""
    name = ACTIONS[args.leads_command]
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        raise NotAvailableYetError(
            f"'leads {args.leads_command}' is not available yet in this version of Channel Desk."
        ) from None
    result: int = module.run(args)
    return result
