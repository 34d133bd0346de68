"""The log's redaction rules on the texts libraries really write."""

from __future__ import annotations

from app.log_redact import redact

PSYCOPG = """2026-01-01 10:00:00,000 ERROR   app.cli.run: unexpected error in command import
Traceback (most recent call last):
  File "/app/cli/run.py", line 47, in run_command
    return handler(args)
sqlalchemy.exc.IntegrityError: (psycopg.errors.UniqueViolation) duplicate key value violates \
unique constraint "uq_partner_partner_code"
DETAIL:  Key (partner_code)=(P-1 Zoë) already exists.
[SQL: INSERT INTO partner (name, email) VALUES (%(name)s::VARCHAR, %(email)s::VARCHAR)]
[parameters: {'name': 'Zoë Privatbank',
 'email': 'zoe@example.org'}]
(Background on this error at: https://sqlalche.me/e/20/gkpj)"""


def test_a_database_error_keeps_its_kind_and_statement_but_no_values() -> None:
    text = redact(PSYCOPG)
    assert "Zoë" not in text and "zoe@" not in text and "P-1" not in text
    assert "IntegrityError" in text and "[SQL: INSERT INTO partner" in text
    assert '  File "/app/cli/run.py", line 47, in run_command' in text


def test_a_check_failure_and_a_plain_message_lose_the_row_and_the_address() -> None:
    text = redact(
        'new row for relation "claim" violates check constraint\n'
        "DETAIL:  Failing row contains (7, Zoë, -5000).\n"
        "sent to buyer@example.org"
    )
    assert "Zoë" not in text and "-5000" not in text and "buyer@" not in text
    assert "Failing row contains (…)" in text and "<address>" in text
