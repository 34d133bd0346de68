"""Every command, given hostile arguments and files, answers in one line per problem.

``quote create`` gets specs whose every key holds a wrong type, a hostile text, number or date;
``quote show`` and ``quote pdf`` hostile quote numbers, revisions and output names; ``export``
every kind to hostile file names; ``overlaps`` every format. Each must exit 0, 1 or 2 (never 3),
print nothing a terminal acts on, and leave the database as it was when it refuses.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli.parser import EXPORT_KINDS
from tests.robustness.harness import assert_answered, fresh_copy, run_cli, table_dump
from tests.robustness.strategies import (
    NASTY_TEXTS,
    hostile_date,
    hostile_number,
    hostile_text,
)

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
QUOTE = "Q-2026-00001"


class Raw(str):
    """JSON text written as it is: a number JSON allows but Python would not write (1e999999)."""


def to_json(value: object) -> str:
    """``value`` as JSON text, ``Raw`` parts verbatim (so any number can be written)."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, dict):
        items = (f"{json.dumps(str(k))}: {to_json(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(to_json(v) for v in value) + "]"
    return json.dumps(value)


json_number = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(lambda n: Raw(str(n))),
    st.sampled_from(["1e999999", "-0.0", "1.5", "1E-999999", "12.555", "0"]).map(Raw),
)
wrong_type = st.one_of(
    st.none(), st.booleans(), st.just([]), st.just({}), json_number, st.just([[["deep"]]])
)


def _value(good: object, kind: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(st.just(good), kind, wrong_type)


line = st.fixed_dictionaries(
    {
        "sku": _value("CD-100", hostile_text),
        "qty": _value(3, st.one_of(hostile_number, json_number)),
    },
    optional={"special": _value("5", hostile_number), "\x1b]0;x\x07": hostile_text},
)
spec = st.fixed_dictionaries(
    {
        "partner": _value("Northwind Traders", hostile_text),
        "account": _value("Globex Corp.", hostile_text),
        "currency": _value("EUR", hostile_text),
        "lines": st.one_of(st.lists(line, max_size=3), wrong_type),
    },
    optional={
        "date": _value("2026-11-22", hostile_date),
        "tax_rate": _value("19", st.one_of(hostile_number, json_number)),
        "<b>unknown</b>": hostile_text,
    },
)


@FUZZ
@given(value=spec)
def test_quote_create(demo_file: Path, scratch: Path, value: dict[str, object]) -> None:
    path = scratch / "spec.json"
    path.write_text(to_json(value), encoding="utf-8", errors="surrogatepass")
    db = fresh_copy(demo_file, scratch)
    before = table_dump(db)
    outcome = run_cli("quote", "create", str(path), "--db", str(db))
    assert_answered(outcome, before, table_dump(db))


@settings(FUZZ, max_examples=30)
@given(
    number=st.one_of(st.just(QUOTE), hostile_text),
    revision=st.one_of(st.none(), hostile_number, st.just("1")),
    form=st.one_of(st.sampled_from(["table", "json"]), hostile_text),
)
def test_quote_show(
    demo_file: Path, scratch: Path, number: str, revision: str | None, form: str
) -> None:
    db = fresh_copy(demo_file, scratch)
    before = table_dump(db)
    extra = [] if revision is None else [f"--revision={revision}"]
    outcome = run_cli("quote", "show", number, "--format", form, *extra, "--db", str(db))
    assert_answered(outcome, before, table_dump(db))


#: Output names: too long, with controls, into folders that do not exist, without a suffix.
out_name = st.one_of(
    st.sampled_from(NASTY_TEXTS),
    st.text(st.sampled_from("a/.\x1b\u202e é"), max_size=12),
    st.integers(min_value=250, max_value=400).map(lambda n: "n" * n),
)
suffix = st.sampled_from([".pdf", ".csv", ".xlsx", ".PDF", "", ".txt"])


def _out_path(scratch: Path, name: str, end: str) -> str:
    return str(scratch / "out" / (name.replace("\x00", "") + end))


@settings(FUZZ, max_examples=30)
@given(name=out_name, end=suffix, number=st.one_of(st.just(QUOTE), hostile_text))
def test_quote_pdf(demo_file: Path, scratch: Path, name: str, end: str, number: str) -> None:
    (scratch / "out").mkdir(exist_ok=True)
    db = fresh_copy(demo_file, scratch)
    before = table_dump(db)
    outcome = run_cli(
        "quote", "pdf", number, "--out", _out_path(scratch, name, end), "--db", str(db)
    )
    assert_answered(outcome, before, table_dump(db))


@settings(FUZZ, max_examples=40)
@given(kind=st.sampled_from(EXPORT_KINDS), name=out_name, end=suffix)
def test_export(demo_file: Path, scratch: Path, kind: str, name: str, end: str) -> None:
    (scratch / "out").mkdir(exist_ok=True)
    db = fresh_copy(demo_file, scratch)
    before = table_dump(db)
    outcome = run_cli("export", kind, _out_path(scratch, name, end), "--db", str(db))
    assert_answered(outcome, before, table_dump(db))
    assert table_dump(db) == before  # an export never writes to the database


def test_overlaps_and_demo(demo_file: Path, scratch: Path) -> None:
    db = fresh_copy(demo_file, scratch)
    before = table_dump(db)
    for form in ("table", "csv", "json", "yaml"):
        assert_answered(run_cli("overlaps", "--format", form, "--db", str(db)), before, before)
    refused = run_cli("demo", "--db", str(db))
    assert refused.code == 1
    assert_answered(refused, before, table_dump(db))
