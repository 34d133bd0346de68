"""Import use cases: validate every row of a mapped sheet, then upsert by natural key.

Each kind has one module with one entry point taking a ``Session``, a ``MappedSheet`` and
``ImportOptions`` and returning an ``ImportSummary``. They never commit: the caller runs them
inside ``Database.transaction()``, so a refusal, an error or a cancel leaves the database as it
was. Writes are bulk Core statements (ENVIRONMENT.md: 0.57 s for 50,000 rows against 6.3 s for
ORM ``add_all``), with audit entries written in bulk beside them (see ``audit.py``).

A file comes in through ``file_import`` only, whichever way the user brings it (the command
line, the wizard, the price book page): it reads the file, owns the transaction and calls
``run.import_kind``.
"""

from __future__ import annotations

from app.services.importing.common import ImportOptions

__all__ = ["ImportOptions"]
