"""Where the database lives: a file path or a SQLAlchemy URL, and the user's data folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from app import APP_ID
from app.domain.errors import DatabaseUnavailableError

DEFAULT_FILE_NAME = "channel-desk.sqlite"


def data_dir() -> Path:
    """The user's data folder (``CHANNEL_DESK_DATA_DIR`` overrides it, for tests and portables)."""
    override = os.environ.get("CHANNEL_DESK_DATA_DIR")
    return Path(override) if override else user_data_path(APP_ID, appauthor=False)


def data_dir_given() -> bool:
    """Whether the data folder is one the user named rather than the product's own place."""
    return bool(os.environ.get("CHANNEL_DESK_DATA_DIR"))


def default_database_path() -> Path:
    return data_dir() / DEFAULT_FILE_NAME


def to_url(path_or_url: str | os.PathLike[str] | None) -> URL:
    """``--db`` as given: a SQLite file path, or a URL such as ``postgresql+psycopg://…``."""
    if path_or_url is None:
        return URL.create("sqlite", database=str(default_database_path()))
    text = os.fspath(path_or_url)
    if "://" in text:
        try:
            url = make_url(text)
            url.port  # noqa: B018 - parsed lazily: a port that is not a number raises here
        except (ArgumentError, ValueError):
            shown = re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", text)  # never echo a password
            raise DatabaseUnavailableError(
                f"'{shown}' is not a database address: give a file path or a URL such as "
                "postgresql+psycopg://user@host/dbname."
            ) from None
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise DatabaseUnavailableError(
                f"Channel Desk works with SQLite files and PostgreSQL servers, not "
                f"'{url.get_backend_name()}'."
            )
        if url.get_backend_name() == "postgresql" and url.get_driver_name() != "psycopg":
            url = url.set(drivername="postgresql+psycopg")
        return url
    return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))


def describe(url: URL) -> str:
    """What the status bar and messages call the database: a path, or host/db without password."""
    if url.get_backend_name() == "sqlite":
        return url.database or "(in memory)"
    return url.render_as_string(hide_password=True)


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, ``None`` for a server or an in-memory database."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)
