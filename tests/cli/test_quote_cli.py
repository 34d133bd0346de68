"""``quote create | show | pdf`` from the command line: exit codes, stdout, one line per problem.

The figures are those of ``tests.db.test_quote_service`` (same price book).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

import main
from app.db.engine import Database
from app.db.models import Quote
from tests.support.quote_book import add_price_book
from tests.support.quote_docs import pdftotext_pages

SPEC: dict[str, Any] = {
    "partner": "Northwind Traders",
    "account": "Contoso Ltd",
    "date": "2026-11-22",
    "currency": "EUR",
    "lines": [{"sku": "CD-100", "qty": 3}, {"sku": "CD-200", "qty": 10}],
}


@pytest.fixture
def db_path(sqlite_db: Database) -> Path:
    add_price_book(sqlite_db)
    path = sqlite_db.path
    assert path is not None
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write_spec(tmp_path: Path, spec: object, name: str = "spec.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(spec) if not isinstance(spec, str) else spec, encoding="utf-8")
    return str(path)


def quote_count(db: Database) -> int:
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(Quote)) or 0)


def test_create_prints_the_number_and_show_json_has_every_figure(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_spec(tmp_path, SPEC)
    assert run(capsys, "quote", "create", spec, "--db", str(db_path)) == (0, "Q-2026-00001\n", "")
    code, out, err = run(
        capsys, "quote", "show", "Q-2026-00001", "--format", "json", "--db", str(db_path)
    )
    assert (code, err) == (0, "")
    data = json.loads(out, parse_float=lambda text: pytest.fail(f"a float in the JSON: {text}"))
    assert data == {
        "number": "Q-2026-00001", "revision": 1, "partner": "Northwind Traders",
        "account": "Contoso Ltd", "currency": "EUR", "date": "2026-11-22", "status": "issued",
        "lines": [
            {"sku": "CD-100", "qty": 3, "list": "1234.50",
             "discounts": {"tier": "10", "deal_registration": "5", "volume": "0", "special": "0"},
             "net_unit": "1055.50", "line_total": "3166.50"},
            {"sku": "CD-200", "qty": 10, "list": "99.99",
             "discounts": {"tier": "10", "deal_registration": "5", "volume": "10", "special": "0"},
             "net_unit": "76.94", "line_total": "769.40"},
        ],
        "list_total": "4703.40", "discount": "767.50", "subtotal": "3935.90",
        "tax_rate": "19", "tax": "747.82", "total": "4683.72",
    }  # fmt: skip


def test_show_table_is_aligned_with_thousands_separators(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_spec(tmp_path, {**SPEC, "lines": [{"sku": "CD-100", "qty": 1000}]})
    assert run(capsys, "quote", "create", spec, "--db", str(db_path))[0] == 0
    code, out, err = run(capsys, "quote", "show", "q-2026-00001", "--db", str(db_path))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Quote Q-2026-00001  rev 1  (Issued)"
    assert "Partner:  Northwind Traders [P-1001]" in lines
    # 1,234.50 × 0.9 × 0.95 × 0.95 (SKU break from 20) = 1,002.722625 → 1,002.72
    row = next(line for line in lines if line.startswith("1  CD-100"))
    assert row.split() == ["1", "CD-100", "1,000", "1,234.50", "10", "5", "5", "0",
                           "1,002.72", "1,002,720.00"]  # fmt: skip
    header = next(line for line in lines if line.startswith("#"))
    assert header.index("Total") + len("Total") == len(row)  # figures right-aligned
    totals = {line.split("EUR")[0].strip(): line.split("EUR")[1].strip() for line in lines
              if " EUR " in line}  # fmt: skip
    assert totals == {
        "List total": "1,234,500.00", "Discount": "-231,780.00", "Subtotal": "1,002,720.00",
        "Tax 19%": "190,516.80", "Total": "1,193,236.80",
    }  # fmt: skip
    # The terminal and the PDF print the discount alike: money taken off the list total.
    pdf = tmp_path / "q.pdf"
    assert (
        run(capsys, "quote", "pdf", "Q-2026-00001", "--out", str(pdf), "--db", str(db_path))[0] == 0
    )
    printed = " ".join(" ".join(pdftotext_pages(pdf.read_bytes())).split())
    assert "Discount EUR -231,780.00" in printed


def test_a_quote_over_the_limit_is_created_as_needs_approval(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_spec(tmp_path, {**SPEC, "lines": [{"sku": "CD-100", "qty": 1, "special": "20"}]})
    code, out, err = run(capsys, "quote", "create", spec, "--db", str(db_path))
    assert (code, out) == (0, "Q-2026-00001\n")
    assert "needs approval" in err and "20% is above the approval limit of 15%" in err
    code, out, _ = run(
        capsys, "quote", "show", "Q-2026-00001", "--format", "json", "--db", str(db_path)
    )
    assert json.loads(out)["status"] == "needs_approval"


def test_a_bad_spec_gets_one_line_per_problem_and_writes_nothing(
    sqlite_db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = {
        **SPEC,
        "colour": "red",
        "lines": [{"sku": "CD-100", "qty": 2.5}, {"sku": "CD-1", "qty": 0}],
    }
    code, out, err = run(capsys, "quote", "create", write_spec(tmp_path, bad), "--db", str(db_path))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "channel-desk: Unknown key 'colour'; the keys are account, currency, date, lines, "
        "partner, tax_rate.",
        "channel-desk: Line 1: 'qty' 2.5 is not a whole number.",
        "channel-desk: Line 2: 'qty' 0 must be from 1 to 1,000,000,000.",
    ]
    unknown = {**SPEC, "partner": "Nobody", "currency": "USD",
               "lines": [{"sku": "CD-100", "qty": 1}, {"sku": "NOPE", "qty": 1}]}  # fmt: skip
    code, out, err = run(
        capsys, "quote", "create", write_spec(tmp_path, unknown), "--db", str(db_path)
    )
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "channel-desk: There is no partner 'Nobody' (by Partner ID or name).",
        "channel-desk: Line 1: no USD list price for CD-100 on 2026-11-22.",
        "channel-desk: Line 2: there is no SKU 'NOPE' in the price book.",
    ]
    assert quote_count(sqlite_db) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "is not valid JSON: Expecting property name enclosed in double quotes at line 1"),
        ('{"partner": NaN}', "is not valid JSON: NaN is not a number"),
        ("[1]", "The quote spec must be a JSON object"),
    ],
)
def test_a_file_that_is_not_a_spec_is_refused_in_one_line(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    message: str,
) -> None:
    code, out, err = run(
        capsys, "quote", "create", write_spec(tmp_path, content), "--db", str(db_path)
    )
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1 and message in err


def test_missing_spec_file_unknown_number_and_pdf(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "quote", "create", str(tmp_path / "nope.json"), "--db", str(db_path))
    assert code == 1 and err.strip().endswith("nope.json: no such file.")
    code, out, err = run(capsys, "quote", "show", "Q-2026-00042", "--db", str(db_path))
    assert (code, out, err) == (1, "", "channel-desk: There is no quote Q-2026-00042.\n")
    code, out, err = run(capsys, "quote", "pdf", "Q-2026-00042", "--out", str(tmp_path / "q.pdf"),
                         "--db", str(db_path))  # fmt: skip
    assert (code, out, err) == (1, "", "channel-desk: There is no quote Q-2026-00042.\n")
    assert not (tmp_path / "q.pdf").exists()
