"""No record's values, addresses or mail subjects in the log: ids and counts only.

Each way a value could reach the file is driven for real into the product's own log
configuration: a database's constraint error (SQLite and PostgreSQL, whose "Key (…)=(…)" detail
quotes the row), an exception whose text quotes a value, the error dialog's note of an expected
problem (tests/ui/test_errors.py), and a message sent through a real SMTP server.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from app.db.engine import Database
from app.db.models import Partner
from app.domain.mail import MailSettings, OutgoingMail, Security
from app.domain.names import name_key
from app.io.mail_password import set_password
from app.io.smtp_send import send_mail
from tests.support.log_file import product_log
from tests.support.smtp_server import PASSWORD, USER, memory_keyring, smtp_server

NAME, EMAIL, PHONE = "Zoë Privatbank GmbH", "zoe.private@example.org", "+49 170 5550101"
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

SECRETS = (NAME, EMAIL, PHONE, "Zoë", "zoe.private", "5550101")


def _assert_private(log_file: Path, *also: str) -> str:
    text = log_file.read_text(encoding="utf-8")
    for secret in (*SECRETS, *also):
        assert secret not in text, f"{secret!r} is in the log:\n{text}"
    return text


def _partner(code: str) -> Partner:
    return Partner(
        name=NAME, name_key=name_key(NAME), partner_code=code, email=EMAIL, phone=PHONE,
        country="DE",
    )  # fmt: skip


def test_a_constraint_error_logs_no_values(any_db: Database, tmp_path: Path) -> None:
    with any_db.transaction() as session:
        session.add(_partner("P-1"))
    with (
        product_log(tmp_path / "data") as log_file,
        pytest.raises(IntegrityError),
        any_db.transaction() as session,
    ):
        session.add(_partner("P-1"))
        try:
            session.flush()
        except IntegrityError:
            logging.getLogger("app.cli.run").exception("unexpected error in command import")
            raise
    text = _assert_private(log_file)
    assert "IntegrityError" in text and "Traceback" in text  # the bug is still there to read


def test_an_exception_quoting_a_value_logs_no_value(tmp_path: Path) -> None:
    with product_log(tmp_path / "data") as log_file:
        try:
            int(f"{NAME} <{EMAIL}>")
        except ValueError:
            logging.getLogger("app.cli.run").exception("unexpected error in command quote")
    text = _assert_private(log_file)
    assert "ValueError: invalid literal for int()" in text


def test_sending_mail_logs_no_recipient_subject_or_user(tmp_path: Path) -> None:
    mail = OutgoingMail(
        sender="quotes@example.com", to=(EMAIL,), subject=f"Your quote, {NAME}", body="Hello",
        attachments=(),
    )  # fmt: skip
    with product_log(tmp_path / "data") as log_file, memory_keyring():
        with smtp_server(auth=True) as (port, inbox):
            settings = MailSettings(
                "127.0.0.1", port, Security.NONE, USER, "quotes@example.com",
                password_unencrypted=True,
            )  # fmt: skip
            set_password(settings, PASSWORD)
            send_mail(settings, PASSWORD, mail)
        assert len(inbox.received) == 1
    text = _assert_private(log_file, USER, "Your quote")
    assert "sent to 1 recipients" in text
