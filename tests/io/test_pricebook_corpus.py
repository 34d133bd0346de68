"""Every corpus workbook read as a price book (and imported in a dry run) is either used or
refused in one line, never with a traceback: the price-book reader looks for four sheets by
name, which the partners test does not exercise."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.db.engine import Database, open_database
from app.domain.errors import InputError
from app.io.import_pricebook import read_pricebook
from app.services.importing import ImportOptions
from app.services.importing.pricebook import import_pricebook
from tests.support.corpus import corpus_files, needs_corpus

pytestmark = needs_corpus

FILES = corpus_files()


@pytest.fixture(scope="module")
def book_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One database for the whole corpus: a dry run writes nothing."""
    db = open_database(tmp_path_factory.mktemp("corpus") / "book.sqlite")
    yield db
    db.dispose()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_corpus_file_is_checked_or_refused_in_one_line(path: Path, book_db: Database) -> None:
    try:
        sheets = read_pricebook(path)
        with book_db.transaction() as session:
            summary = import_pricebook(session, sheets, ImportOptions(dry_run=True), path.name)
        assert not summary.written
    except InputError as exc:
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
