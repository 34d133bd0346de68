"""The row-level report of an import, and what an import did (or would do, in a dry run)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from app.domain.errors import InputError
from app.domain.text_rules import printable

#: Longest value quoted in a report line: the row number and column already locate it.
_SHOWN = 60


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad cell (or row): where Excel shows it, the header text, the value, and why."""

    row: int
    column: str
    value: str
    reason: str

    def line(self) -> str:
        shown = self.value if len(self.value) <= _SHOWN else self.value[: _SHOWN - 1] + "…"
        where = f"row {self.row}" + (f", column '{self.column}'" if self.column else "")
        what = f" '{shown}'" if shown else ""
        return f"{where}:{what} {self.reason}"


@dataclass(frozen=True, slots=True)
class PlannedChange:
    """A record the import creates or changes, as the wizard's preview lists it before any is
    written: the file row, "New" or "Update", the record as a person knows it, and for an
    update what changes (``Tier: Silver → Gold; City: — → Oslo``)."""

    row: int
    action: str
    record: str
    changes: str = ""


def change_text(changes: Mapping[str, tuple[object, object]], labels: Mapping[str, str]) -> str:
    """``{field: (old, new)}`` as a person reads it, each field by its label, in label order."""
    parts = [
        f"{labels.get(field, field.replace('_', ' ').capitalize())}: {_shown(old)} → {_shown(new)}"
        for field, (old, new) in changes.items()
    ]
    return "; ".join(sorted(parts))


def _shown(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    label = getattr(value, "label", None)  # an enum member with a label for people
    if isinstance(label, str):
        return label
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def shown_value(value: object) -> str:
    """A cell as the report quotes it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""  # a cell of spaces is an empty cell to the person reading the report
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return printable(str(value), one_line=True)  # a line per problem, nothing a terminal runs


@dataclass
class ImportSummary:
    """Counts of an import; ``written`` is False for a dry run, a refusal or a cancel."""

    kind: str
    source: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0  # identical duplicate rows inside the file, imported once
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    details: dict[str, int] = field(default_factory=dict)  # per sheet / per record type
    preview: bool = False  # keep a ``PlannedChange`` for each new or changed record
    changes: list[PlannedChange] = field(default_factory=list)
    #: Rows imported as they are but worth a look (a claim on a named account, say)
    warnings: list[Problem] = field(default_factory=list)

    def planned(self, row: int, action: str, record: str, changes: str = "") -> None:
        """Note what the import does to one record, for the preview (when one is wanted)."""
        if self.preview:
            self.changes.append(PlannedChange(row, action, record, changes))

    @property
    def invalid_rows(self) -> int:
        return len({p.row for p in self.problems})

    def add(self, other: ImportSummary) -> None:
        """Fold the counts of one sheet into the summary of a whole workbook."""
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.merged += other.merged
        self.problems.extend(other.problems)
        self.changes.extend(other.changes)
        self.warnings.extend(other.warnings)

    def text(self) -> str:
        """One paragraph a person reads after the import."""
        verb = "would import" if self.dry_run else ("imported" if self.written else "checked")
        parts = [f"{self.new} new", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        invalid = self.invalid_rows
        if invalid:
            parts.append(f"{invalid} invalid row{'s' if invalid != 1 else ''}")
        sentence = f"{self.kind.capitalize()} from {self.source}: {verb} " + ", ".join(parts) + "."
        if self.merged:
            sentence += f" {self.merged} duplicate row(s) identical to an earlier one were merged."
        if invalid and self.written:
            sentence += " The invalid rows were skipped (listed on stderr)."
        if self.warnings:
            many = len(self.warnings) != 1
            sentence += f" {len(self.warnings)} warning{'s' if many else ''} (listed on stderr)."
        if self.dry_run:
            sentence += " Dry run: nothing was written."
        elif not self.written:
            sentence += " Nothing was written."
        return sentence


class ImportRefused(InputError):  # noqa: N818 - an InputError, named for what the user sees
    """Some rows are invalid and the user asked for all or nothing: nothing was written."""

    def __init__(self, problems: Sequence[Problem], summary: ImportSummary | None = None) -> None:
        self.problems = list(problems)
        self.summary = summary
        rows = len({p.row for p in self.problems})
        head = (
            f"Nothing was imported: {rows} row{'s need' if rows != 1 else ' needs'} "
            "correcting (or use --skip-invalid to import the others)."
        )
        super().__init__("\n".join([head, *(p.line() for p in self.problems)]))
