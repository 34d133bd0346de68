"""The user's own settings: one typed class over QSettings, each key declared once.

Window state (geometry, splitter and column widths, the last page) is kept apart from
preferences (recent databases, date order for imports, number format) so that "reset the
window" never loses a preference. Values are stored as text we encode ourselves, so an INI file
in a test and the registry on Windows read back the same types. Business settings shared by
everyone using a database live in the database instead (``app.domain.settings``).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QSettings

from app import APP_NAME

T = TypeVar("T")

#: How many databases File › Open recent remembers.
MAX_RECENT = 8


class DateOrder(StrEnum):
    """How an import reads an ambiguous text date such as 03/04/2026."""

    DAY_FIRST = "day_first"
    MONTH_FIRST = "month_first"


class NumberFormat(StrEnum):
    """Thousands separator and decimal point for the user's own documents."""

    COMMA_POINT = "1,234.50"
    POINT_COMMA = "1.234,50"
    SPACE_COMMA = "1 234,50"

    @property
    def separators(self) -> tuple[str, str]:
        """(thousands, point)."""
        return (self.value[1], self.value[5])


@dataclass(frozen=True)
class _Codec(Generic[T]):
    encode: Callable[[T], str]
    decode: Callable[[str], T]


def _enum_codec(enum: type[StrEnum]) -> _Codec[Any]:
    return _Codec(lambda v: str(v.value), enum)


_CODECS: dict[type, _Codec[Any]] = {
    str: _Codec(str, str),
    int: _Codec(str, int),
    bool: _Codec(lambda v: "true" if v else "false", lambda t: t == "true"),
    bytes: _Codec(lambda v: base64.b64encode(v).decode("ascii"), base64.b64decode),
    list: _Codec(lambda v: json.dumps(list(v)), lambda t: [str(x) for x in json.loads(t)]),
}


class Key(Generic[T]):
    """One setting: its name, type and default, declared once as a class attribute.

    Reading returns the default when the key is missing or its stored text is unreadable (an
    older version or a hand-edited file must never stop the application from starting).
    """

    def __init__(self, name: str, kind: type, default: T) -> None:
        self.name = name
        self.kind = kind
        self.default = default
        self.codec: _Codec[Any] = _enum_codec(kind) if issubclass(kind, StrEnum) else _CODECS[kind]

    @overload
    def __get__(self, group: None, owner: type) -> Key[T]: ...
    @overload
    def __get__(self, group: _Group, owner: type) -> T: ...
    def __get__(self, group: _Group | None, owner: type) -> Key[T] | T:
        if group is None:
            return self
        return group.read(self)

    def __set__(self, group: _Group, value: T) -> None:
        group.write(self, value)


class _Group:
    """Keys stored under one prefix of a QSettings store."""

    prefix = ""

    def __init__(self, store: QSettings) -> None:
        self._store = store

    def _path(self, name: str) -> str:
        return f"{self.prefix}/{name}"

    def read(self, key: Key[T]) -> T:
        value: T = self.read_raw(key.name, key.codec, key.default)
        return value

    def write(self, key: Key[T], value: T) -> None:
        self._store.setValue(self._path(key.name), key.codec.encode(value))

    def read_raw(self, name: str, codec: _Codec[Any], default: Any) -> Any:
        text = self._store.value(self._path(name))
        if text is None:
            return default.copy() if isinstance(default, list) else default
        try:
            return codec.decode(str(text))
        except (ValueError, TypeError):
            return default

    def reset(self) -> None:
        self._store.remove(self.prefix)


class WindowState(_Group):
    """How the window looked when it was last closed."""

    prefix = "window"

    geometry = Key[bytes]("geometry", bytes, b"")
    state = Key[bytes]("state", bytes, b"")
    last_page = Key[str]("last_page", str, "partners")

    def header_state(self, view: str) -> bytes:
        """Column widths and order of the table ``view`` (e.g. ``"partners"``)."""
        value: bytes = self.read_raw(f"headers/{view}", _CODECS[bytes], b"")
        return value

    def set_header_state(self, view: str, state: bytes) -> None:
        self._store.setValue(self._path(f"headers/{view}"), _CODECS[bytes].encode(state))

    def geometry_on(self, screen: str) -> bytes:
        """The window's size and place when it was last closed on ``screen`` (its key)."""
        value: bytes = self.read_raw(f"screens/{screen}", _CODECS[bytes], b"")
        return value

    def set_geometry_on(self, screen: str, geometry: bytes) -> None:
        self._store.setValue(self._path(f"screens/{screen}"), _CODECS[bytes].encode(geometry))

    def splitter_state(self, view: str) -> bytes:
        value: bytes = self.read_raw(f"splitters/{view}", _CODECS[bytes], b"")
        return value

    def set_splitter_state(self, view: str, state: bytes) -> None:
        self._store.setValue(self._path(f"splitters/{view}"), _CODECS[bytes].encode(state))


class Preferences(_Group):
    """Choices the user made on purpose."""

    prefix = "preferences"

    recent_databases = Key[list[str]]("recent_databases", list, [])
    date_order = Key[DateOrder]("date_order", DateOrder, DateOrder.DAY_FIRST)
    number_format = Key[NumberFormat]("number_format", NumberFormat, NumberFormat.COMMA_POINT)
    last_folder = Key[str]("last_folder", str, "")
    #: Where the last quote PDF was saved: PDFs go to another folder than imports and exports.
    last_pdf_folder = Key[str]("last_pdf_folder", str, "")

    def import_mapping(self, headers: str) -> list[str]:
        """The column mapping last chosen for a file with these ``headers`` (a wizard key)."""
        value: list[str] = self.read_raw(_mapping_key(headers), _CODECS[list], [])
        return value

    def set_import_mapping(self, headers: str, overrides: list[str]) -> None:
        self._store.setValue(self._path(_mapping_key(headers)), _CODECS[list].encode(overrides))

    def remember_database(self, label: str) -> None:
        """Put ``label`` first in the recent list, without duplicates, at most MAX_RECENT."""
        recent = [label] + [r for r in self.recent_databases if r != label]
        self.recent_databases = recent[:MAX_RECENT]


def _mapping_key(headers: str) -> str:
    """A settings key for a set of headers: short, and free of characters INI files mind."""
    return "import_mappings/" + hashlib.sha256(headers.encode("utf-8")).hexdigest()[:20]


class Settings:
    """The user's settings: ``window`` state and ``preferences``, over one QSettings store."""

    def __init__(self, store: QSettings) -> None:
        self.store = store
        self.window = WindowState(store)
        self.preferences = Preferences(store)

    @classmethod
    def at(cls, path: Path) -> Settings:
        """Settings kept in the INI file ``path`` (tests, portable installs)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @classmethod
    def for_user(cls) -> Settings:
        """The user's settings in the platform's usual place."""
        return cls(
            QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)
        )

    def sync(self) -> None:
        self.store.sync()
