"""What every window and page is given: settings, the change signal, the error hook, today.

Built once by ``launch`` (or by a test) and passed in; nothing is a global singleton.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from app.ui.changes import Changes
from app.ui.errors import ErrorHook
from app.ui.settings import Settings


@dataclass
class UiContext:
    settings: Settings
    changes: Changes
    errors: ErrorHook
    today: Callable[[], date] = field(default=date.today)
