"""The typed settings: defaults, round trips through the file, and unreadable values."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from app.ui.settings import MAX_RECENT, DateOrder, NumberFormat, Settings


def test_defaults_when_nothing_is_stored(tmp_path: Path) -> None:
    settings = Settings.at(tmp_path / "s.ini")
    assert settings.window.geometry == b""
    assert settings.window.last_page == "partners"
    assert settings.preferences.recent_databases == []
    assert settings.preferences.date_order is DateOrder.DAY_FIRST
    assert settings.preferences.number_format is NumberFormat.COMMA_POINT


def test_values_come_back_typed_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "s.ini"
    settings = Settings.at(path)
    settings.window.geometry = b"\x00\x01\xff"
    settings.window.last_page = "deals"
    settings.window.set_header_state("partners-1", b"state")
    settings.preferences.date_order = DateOrder.MONTH_FIRST
    settings.preferences.number_format = NumberFormat.POINT_COMMA
    settings.sync()

    again = Settings.at(path)
    assert again.window.geometry == b"\x00\x01\xff"
    assert again.window.last_page == "deals"
    assert again.window.header_state("partners-1") == b"state"
    assert again.preferences.date_order is DateOrder.MONTH_FIRST
    assert again.preferences.number_format.separators == (".", ",")


def test_window_state_and_preferences_are_kept_apart(tmp_path: Path) -> None:
    settings = Settings.at(tmp_path / "s.ini")
    settings.window.last_page = "quotes"
    settings.preferences.date_order = DateOrder.MONTH_FIRST
    settings.window.reset()
    assert settings.window.last_page == "partners"
    assert settings.preferences.date_order is DateOrder.MONTH_FIRST


def test_recent_databases_newest_first_without_duplicates(tmp_path: Path) -> None:
    preferences = Settings.at(tmp_path / "s.ini").preferences
    for n in range(MAX_RECENT + 2):
        preferences.remember_database(f"/data/{n}.sqlite")
    preferences.remember_database("/data/5.sqlite")
    recent = preferences.recent_databases
    assert recent[0] == "/data/5.sqlite" and len(recent) == MAX_RECENT
    assert len(set(recent)) == len(recent)


def test_an_unreadable_value_falls_back_to_the_default(tmp_path: Path) -> None:
    path = tmp_path / "s.ini"
    raw = QSettings(str(path), QSettings.Format.IniFormat)
    raw.setValue("preferences/date_order", "sideways")
    raw.setValue("preferences/recent_databases", "{not json")
    raw.sync()
    settings = Settings.at(path)
    assert settings.preferences.date_order is DateOrder.DAY_FIRST
    assert settings.preferences.recent_databases == []
