"""``settings show | set KEY VALUE``: the letterhead and the other business settings from the
command line, checked as the settings page checks them, and printed by the next quote's PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, select

from app.db.engine import Database
from app.db.models import Setting
from app.resources import __file__ as resources_init
from tests.cli.test_quote_cli import SPEC, run, write_spec
from tests.support.quote_book import add_price_book
from tests.support.quote_docs import pdftotext_pages

LOGO = Path(resources_init).with_name("logo.png")


@pytest.fixture
def db(sqlite_db: Database) -> str:
    add_price_book(sqlite_db)
    with sqlite_db.transaction() as s:  # a new database: no company set yet
        s.execute(delete(Setting).where(Setting.key.like("company_%")))
    return str(sqlite_db.path)


def shown(capsys: pytest.CaptureFixture[str], db: str) -> dict[str, str]:
    code, out, err = run(capsys, "settings", "show", "--db", db)
    assert (code, err) == (0, "")
    return {line.split("  ")[0]: line.split("  ", 1)[1].strip() if "  " in line else ""
            for line in out.splitlines()}  # fmt: skip


def test_the_letterhead_set_on_the_command_line_is_what_the_pdf_prints(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    assert shown(capsys, db)["company-name"] == "Your Company"
    for key, value in (
        ("company-name", "Bluepeak Channel GmbH"),
        ("company-address", "Hauptstraße 1\\n10115 Berlin"),
        ("logo", str(LOGO)),
        ("terms", "Payment within 14 days."),
        ("footer", "Amtsgericht Berlin HRB 4711 · VAT DE123456789"),
    ):
        code, out, _err = run(capsys, "settings", "set", key, value, "--db", db)
        assert (code, out) == (0, "")
    values = shown(capsys, db)
    assert values["company-address"] == "Hauptstraße 1\\n10115 Berlin"
    assert values["logo"] == str(LOGO.absolute())

    assert run(capsys, "quote", "create", write_spec(tmp_path, SPEC), "--db", db)[0] == 0
    pdf = tmp_path / "q.pdf"
    assert run(capsys, "quote", "pdf", "Q-2026-00001", "--out", str(pdf), "--db", db)[0] == 0
    text = " ".join(" ".join(pdftotext_pages(pdf.read_bytes())).split())
    for printed in (
        "Bluepeak Channel GmbH",
        "Hauptstraße 1 10115 Berlin",
        "Payment within 14 days.",
        "Amtsgericht Berlin HRB 4711 · VAT DE123456789",
    ):
        assert printed in text  # fmt: skip
    assert "Your Company" not in text


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("company-name", "  ", "Company name: type the name"),
        ("company-email", "sales at bluepeak", "is not an e-mail address"),
        ("logo", "no-such-file.png", "Logo: there is no file"),
        ("logo", __file__, "is not a picture that can be printed"),
        ("approval-limit", "150", "not between 0 and 100"),
        ("colour", "blue", "There is no setting 'colour'"),
    ],
)
def test_a_value_that_does_not_fit_is_refused_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], sqlite_db: Database, db: str, key: str, value: str,
    said: str,
) -> None:  # fmt: skip
    with sqlite_db.reading() as s:
        before = list(s.execute(select(Setting.key, Setting.value)).all())
    code, out, err = run(capsys, "settings", "set", key, value, "--db", db)
    assert (code, out) == (1, "") and said in err and len(err.splitlines()) == 1
    assert "Traceback" not in err
    with sqlite_db.reading() as s:
        assert list(s.execute(select(Setting.key, Setting.value)).all()) == before


def test_the_rules_of_engagement_days_are_settings_the_claims_follow(
    capsys: pytest.CaptureFixture[str], sqlite_db: Database, db: str
) -> None:
    assert shown(capsys, db)["registration-protection"] == "90"
    assert shown(capsys, db)["direct-cooling-off"] == "60"
    for key, value in (("registration-protection", "45"), ("direct-cooling-off", "30")):
        code, _out, err = run(capsys, "settings", "set", key, value, "--db", db)
        assert (code, err) == (0, f"{key} set.\n")
    assert shown(capsys, db)["registration-protection"] == "45"
    assert shown(capsys, db)["direct-cooling-off"] == "30"
    code, out, err = run(capsys, "settings", "set", "direct-cooling-off", "sixty", "--db", db)
    assert (code, out) == (1, "") and "not a whole number" in err
    assert shown(capsys, db)["direct-cooling-off"] == "30"
