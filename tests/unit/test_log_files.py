"""The log file and the data folder are private to their owner, also when they existed before."""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
from pathlib import Path

import pytest

from app.log import configure_logging
from tests.support.log_file import product_log

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_folder_and_log_are_private(tmp_path: Path) -> None:
    data = tmp_path / "fresh" / "data"
    with product_log(data) as log_file:
        logging.getLogger("app.test").info("started")
    assert _mode(data) == 0o700
    assert _mode(log_file.parent) == 0o700
    assert _mode(log_file) == 0o600


def test_an_existing_open_folder_and_log_are_made_private(tmp_path: Path) -> None:
    """Installations from before had a 0755 folder and a 0644 log: the next start tightens them."""
    data = tmp_path / "data"
    (data / "logs").mkdir(parents=True)
    old = data / "logs" / "channel-desk.log"
    old.write_text("earlier lines\n")
    os.chmod(data, 0o755)
    os.chmod(data / "logs", 0o755)
    os.chmod(old, 0o644)
    with product_log(data) as log_file:
        logging.getLogger("app.test").info("started")
    assert (_mode(data), _mode(data / "logs"), _mode(log_file)) == (0o700, 0o700, 0o600)
    assert log_file.read_text().startswith("earlier lines\n")


def test_rotated_logs_stay_private(tmp_path: Path) -> None:
    with product_log(tmp_path / "data") as log_file:
        handler = next(h for h in logging.getLogger().handlers if getattr(h, "_channel_desk", 0))
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        handler.maxBytes = 200
        for line in range(40):
            logging.getLogger("app.test").info("line %d of the log", line)
    files = sorted(log_file.parent.iterdir())
    assert len(files) > 1
    assert {_mode(path) for path in files} == {0o600}


def test_a_folder_the_user_named_is_left_as_it_is_when_it_exists(tmp_path: Path) -> None:
    """``CHANNEL_DESK_DATA_DIR=/tmp``: a shared folder keeps its mode; the log inside is private."""
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    path = configure_logging(shared, own_folder=False)
    try:
        assert path is not None
        logging.getLogger("app.test").info("started")
        assert _mode(shared) == 0o1777
        assert (_mode(path.parent), _mode(path)) == (0o700, 0o600)
    finally:
        configure_logging(Path(os.environ["CHANNEL_DESK_DATA_DIR"]))
