"""The two kinds of error.

An ``AppError`` is an expected problem (a bad file, a wrong value, a stale edit, an unreachable
database): its message is written for the user, is safe to show as it is, and says what to do.
Anything else is a bug and is reported with its traceback by the global error hook.
"""

from __future__ import annotations


class AppError(Exception):
    """An expected problem whose message is shown to the user as it is."""

    title = "Channel Desk"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(AppError):
    """A value or a file the user gave cannot be used; nothing was written."""

    title = "Cannot use this input"


class NotFoundError(AppError):
    """A record the user named does not exist."""

    title = "Not found"


class ConflictError(AppError):
    """A save met a record that someone else changed since it was read.

    ``changes`` lists, per field, the value the user started from and the value now stored, so the
    user can choose to reload or to overwrite with the facts in front of them.
    """

    title = "Changed by someone else"

    def __init__(self, message: str, changes: dict[str, tuple[object, object]] | None = None):
        super().__init__(message)
        self.changes = dict(changes or {})


class RefusedError(AppError):
    """An action is not allowed in the record's present state (e.g. deleting a busy partner)."""

    title = "Not allowed"


class DatabaseUnavailableError(AppError):
    """The database cannot be opened, reached, or upgraded; nothing was changed."""

    title = "Cannot open the database"


class DamagedDatabaseError(DatabaseUnavailableError):
    """A database file whose bytes are damaged; ``backup`` is its newest backup, if any.

    The window offers to open that backup instead; the command line names it.
    """

    title = "The database is damaged"

    def __init__(self, message: str, backup: str | None = None) -> None:
        super().__init__(message)
        self.backup = backup


class NotAvailableYetError(AppError):
    """A command the product will have, but this version does not have yet."""

    title = "Not available yet"
