"""Importing a file: read it with the chosen mapping, then write it in one transaction.

The command line (``import KIND FILE``), the import wizard and the price book page's Import…
all come through here, so a file gives the same records, the same problems and the same summary
whichever way it comes in. Reading and writing are two steps because the command line reads the
file (and refuses a bad header) before it opens the database; ``import_file`` does both.

Unlike the use cases beside it this module owns its transaction: the import is one user action,
and a refusal, an error or a cancel (``progress``/``cancelled`` in ``ImportOptions``, plain
callables) rolls all of it back. The screens and the command line may not import the per-kind
modules or ``run`` directly (an import-linter contract): this is their one way in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from app.db.engine import Database
from app.domain.errors import InputError
from app.domain.importing.fields import FIELDS, KINDS, SHEET_FIELDS, Field
from app.domain.importing.report import ImportSummary
from app.domain.importing.sheet import MappedSheet
from app.domain.progress import CancelledByUser
from app.services.importing.common import ImportOptions
from app.services.importing.run import import_kind

#: The kinds read under one set of columns (the price book and the like have a set per sheet).
FIELDS_KINDS = tuple(kind for kind in KINDS if kind in FIELDS)


@dataclass(frozen=True, slots=True)
class FileImport:
    """What to import and from where.

    ``sheet`` None reads the first sheet (the price book: its sheets by name); ``overrides``
    are ``Header=field`` items as ``--map`` gives them and the wizard's mapping step writes them.
    """

    kind: str
    path: Path
    sheet: str | None = None
    overrides: tuple[str, ...] = ()


def kind_fields(kind: str) -> tuple[Field, ...]:
    """The columns of ``kind`` (not a kind of several sheets, which has one set per sheet)."""
    if kind not in FIELDS:
        raise InputError(f"'{kind}' cannot be imported: use {', '.join(FIELDS_KINDS)}.")
    return FIELDS[kind]


def read_import(request: FileImport) -> dict[str, MappedSheet]:
    """The file's sheets mapped to the kind's fields; refuses an unusable file or header.

    Only the header is read here: the data rows stay a stream that ``write_import`` consumes.
    """
    if request.kind in SHEET_FIELDS:
        from app.io.import_sheets import read_sheets  # the readers load when needed

        return read_sheets(request.kind, request.path, request.sheet, request.overrides)
    from app.io.import_sheet import read_mapped

    fields = kind_fields(request.kind)
    return {request.kind: read_mapped(request.path, fields, request.sheet, request.overrides)}


def write_import(
    db: Database,
    request: FileImport,
    sheets: Mapping[str, MappedSheet],
    options: ImportOptions,
) -> ImportSummary:
    """Import ``sheets`` in one transaction: a refusal, an error or a cancel writes nothing."""
    with db.transaction(bulk=True, waiting=options.waiting, cancelled=options.cancelled) as session:
        summary = import_kind(session, request.kind, sheets, options, request.path.name)
        if options.cancelled is not None and options.cancelled():
            raise CancelledByUser()  # the last moment to roll back: before the commit
        return summary


def import_file(db: Database, request: FileImport, options: ImportOptions) -> ImportSummary:
    """Read ``request``'s file and import it (``read_import``, then ``write_import``)."""
    return write_import(db, request, read_import(request), options)
