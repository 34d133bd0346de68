"""Import partners: matched by Partner ID when the row has one, else by name key + country.

SPEC.md, "Import and export". Empty cells in a column the file has clear that value (the file is
the truth for the columns it holds, which is what makes export → import a no-op); type and status
cannot be empty, so an empty cell there keeps the stored value (a new partner gets the default).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from operator import itemgetter
from typing import Any, ClassVar

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.db.models import Partner, Tier
from app.domain.enums import PartnerStatus, PartnerType
from app.domain.importing import values as v
from app.domain.importing.report import ImportSummary, Problem, change_text
from app.domain.importing.sheet import MappedSheet, in_blocks_of
from app.domain.names import name_key, name_keys
from app.domain.partner_form import LABELS, partner_parsers
from app.domain.websites import same_value
from app.services.gc_pause import gc_paused
from app.services.importing.audit import AuditBatch
from app.services.importing.common import (
    Changes,
    ImportOptions,
    ParsedBlock,
    finish_checks,
    new_summary,
    parsed_blocks,
)
from app.services.importing.stream_writer import StreamWriter, write_while_checking
from app.services.importing.writing import bulk_write
from app.services.partners.codes import give_missing_partner_codes

TABLE: Table = Partner.__table__  # type: ignore[assignment]
#: Fields written as they are parsed (tier becomes ``tier_id``).
PLAIN_FIELDS = (
    "partner_code", "name", "legal_name", "type", "status", "country", "city", "website",
    "email", "phone", "account_manager", "partner_since", "territories", "notes",
)  # fmt: skip
#: A row met before in the file: its number and its values.
Earlier = tuple[int, tuple[object, ...]]
#: The columns of a new partner's row.
INSERTED = (*PLAIN_FIELDS, "tier_id", "name_key")
#: Columns an empty cell does not clear: they cannot be empty, or an ID is never dropped.
_KEEP_IF_EMPTY = ("type", "status", "partner_code")


@gc_paused()  # pays for itself, see gc_pause
def import_partners(
    session: Session, sheet: MappedSheet, options: ImportOptions, source: str = ""
) -> ImportSummary:
    """Check every row of ``sheet`` and create or update partners (unless a dry run).

    The tiers and stored partners are read first; the rows are then checked on a second thread
    (``_check``) while this one writes the new partners it finds, a block at a time
    (``write_while_checking``). Changes to stored partners are applied at the end.
    """
    summary = new_summary("partners", source or sheet.name, options)
    tier_ids = {name: tier_id for tier_id, name in session.execute(select(Tier.id, Tier.name))}
    stored = _Stored(session)
    check = partial(_check, sheet, summary, tier_ids, stored)
    keep_writing = partial(_writing, options, summary.problems)
    updates = write_while_checking(
        session, TABLE, summary.source, options, check, keep_writing, _new_columns
    )
    summary.updated = len(updates)
    if not finish_checks(summary, options):
        return summary
    audit = AuditBatch(session, summary.source)
    bulk_write(session, TABLE, audit, [], updates)
    audit.write()
    give_missing_partner_codes(session)  # rows without a Partner ID get the next ones
    summary.written = True
    return summary


def _check(
    sheet: MappedSheet,
    summary: ImportSummary,
    tier_ids: dict[str, int],
    stored: _Stored,
    options: ImportOptions,
    writer: StreamWriter,
) -> list[tuple[int, Changes]]:
    """Check every row, noting problems and counts in ``summary``; give new partners to
    ``writer`` and return the changes to stored ones. Plain data only: no Session here.

    One pass, a block of rows at a time: each row is folded with an identical earlier row (or
    reported when it differs), matched against the stored partners, and the block's new
    partners go to the writer at once. Rows are plain tuples here: this loop is most of an
    import's own time.
    """
    tiers = {v.choice_key(name): name for name in tier_ids}
    parsers = partner_parsers(tiers, options.day_first)  # the dialog's rules
    problems = summary.problems
    in_file = _InFile()
    updates: list[tuple[int, Changes]] = []
    claimed: dict[int, int] = {}
    # A block the size of the writer's statement: see ``stream_writer``.
    blocks = in_blocks_of(sheet, writer.block_rows)
    for block in parsed_blocks(blocks, parsers, options, problems):
        columns = block.columns
        if "tier" in columns:
            tier = columns.pop("tier")
            columns["tier_id"] = [tier_ids[str(t)] if t else None for t in tier]
        fields = tuple(columns)
        at = {field: index for index, field in enumerate(fields)}
        name_at, code_at, country_at = at.get("name"), at.get("partner_code"), at.get("country")
        rows = list(zip(*columns.values(), strict=True))
        new_rows: list[tuple[object, ...]] = []
        new_numbers: list[int] = []
        if _all_new(block, rows, in_file, stored):
            new_rows, new_numbers = rows, block.numbers
            if summary.preview:
                for number, name in zip(new_numbers, columns["name"], strict=True):
                    summary.planned(number, "New", str(name))
        elif _all_unchanged(block, rows, fields, in_file, stored, claimed):
            summary.unchanged += len(rows)
            continue
        for index, number in enumerate(() if new_rows else block.numbers):
            if index in block.bad:
                continue
            row = rows[index]
            name = row[name_at] if name_at is not None else None
            if name is None:
                problems.append(Problem(number, sheet.header("name"), "", "is required"))
                continue
            code = row[code_at] if code_at is not None else None
            country = str((row[country_at] if country_at is not None else None) or "")
            earlier = in_file.earlier(number, row, code, str(name), country)
            if isinstance(earlier, str):
                problems.append(Problem(number, sheet.header("name"), str(name), earlier))
                continue
            if earlier is not None:
                if earlier[1] == row:
                    summary.merged += 1
                else:
                    problems.append(_duplicate(number, str(name), sheet, earlier[0]))
                continue
            match = stored.match(code, str(name), country)
            if match is None:
                new_rows.append(row)
                new_numbers.append(number)
                if summary.preview:
                    summary.planned(number, "New", str(name))
                continue
            if isinstance(match, str):
                problems.append(Problem(number, sheet.header("name"), str(name), match))
                continue
            partner_id = match[0]
            if partner_id in claimed:
                problems.append(_duplicate_stored(number, sheet, claimed[partner_id]))
                continue
            claimed[partner_id] = number
            changes = stored.changes(match, fields, row)
            if changes:
                updates.append((partner_id, changes))
                if summary.preview:
                    shown = _readable(changes, {i: n for n, i in tier_ids.items()})
                    summary.planned(number, "Update", str(match[_Stored.AT["name"]]), shown)
            else:
                summary.unchanged += 1
        summary.new += len(new_rows)
        if options.dry_run or not new_rows:
            continue
        # Name keys while the names are at hand, a block at a time.
        if new_rows is rows:  # the whole block is new: its columns go on as they are
            keys: list[object] = list(name_keys([str(name) for name in columns["name"]]))
            writer.add_columns({**columns, "name_key": keys}, new_numbers)
        else:
            names = [str(row[name_at]) for row in new_rows]  # type: ignore[index]
            keyed = [(*row, key) for row, key in zip(new_rows, name_keys(names), strict=True)]
            writer.add((*fields, "name_key"), keyed, new_numbers)
    return updates


def _all_new(
    block: ParsedBlock, rows: list[tuple[object, ...]], in_file: _InFile, stored: _Stored
) -> bool:
    """Whether every row of ``block`` is a new partner met for the first time, as the row by
    row rules would find (and if so, noted as met): the common case of a first import, where
    every row has its own Partner ID and nothing is stored yet. It is told by a few set
    operations on the block's IDs; any other block goes row by row."""
    if stored.by_name:
        return False
    folded = _first_met_codes(block, in_file)
    if folded is None:
        return False
    _note_met(block, rows, folded, in_file)
    return True


def _all_unchanged(
    block: ParsedBlock,
    rows: list[tuple[object, ...]],
    fields: tuple[str, ...],
    in_file: _InFile,
    stored: _Stored,
    claimed: dict[int, int],
) -> bool:
    """Whether every row of ``block`` gives again, unchanged, the stored partner of its Partner
    ID, as the row by row rules would find (and if so, noted as met and claimed): the common
    case of a re-import. Told by looking the IDs up and comparing the rows with the stored
    values in one comparison of lists; any other block goes row by row."""
    if not stored.by_code:
        return False
    folded = _first_met_codes(block, in_file)
    if folded is None:
        return False
    if not stored.by_code.keys() >= set(folded):
        return False
    found = list(map(stored.by_code.__getitem__, folded))
    ids = [partner[0] for partner in found]
    if not claimed.keys().isdisjoint(ids) or list(map(stored.values_of(fields), found)) != rows:
        return False
    _note_met(block, rows, folded, in_file)
    claimed.update(zip(ids, block.numbers, strict=True))
    return True


def _first_met_codes(block: ParsedBlock, in_file: _InFile) -> list[str] | None:
    """The block's Partner IDs, folded, when every row has one and a name, and none is met
    twice, in the block or before it; else ``None``."""
    codes, names = block.columns.get("partner_code"), block.columns.get("name")
    if block.bad or codes is None or names is None or in_file.without_code:
        return None
    if not (all(codes) and all(names)):
        return None
    folded = [str(code).casefold() for code in codes]
    # A keys view against a set: the block's IDs are looked up, not all those met before.
    distinct = set(folded)
    if len(distinct) != len(folded) or not in_file.by_code.keys().isdisjoint(distinct):
        return None
    return folded


def _note_met(
    block: ParsedBlock, rows: list[tuple[object, ...]], folded: list[str], in_file: _InFile
) -> None:
    """Note the rows of ``block`` as met, as ``_InFile.earlier`` notes a row with an ID."""
    countries = block.columns.get("country") or [None] * len(rows)
    met = list(zip(block.numbers, rows, strict=True))
    in_file.by_code.update(zip(folded, met, strict=True))
    texts = [str(country or "") for country in countries]
    in_file.unkeyed += zip(met, map(str, block.columns["name"]), texts, strict=True)


def _new_columns(columns: dict[str, list[object]]) -> dict[str, list[object]]:
    """New partners' columns as the table needs them: every column, the defaults for what the
    file leaves empty, and each name's key (unless given)."""
    count = len(columns["name"])
    row = {name: columns.get(name) or [None] * count for name in INSERTED}
    row["type"] = [kind or PartnerType.RESELLER for kind in row["type"]]
    row["status"] = [status or PartnerStatus.PROSPECT for status in row["status"]]
    if "name_key" not in columns:
        row["name_key"] = list(name_keys([str(name) for name in columns["name"]]))
    return row


def _readable(changes: dict[str, tuple[object, object]], tier_names: dict[int, str]) -> str:
    """The changes as the preview says them: the tier by name, the name key left out."""
    shown = {k: change for k, change in changes.items() if k not in ("tier_id", "name_key")}
    if "tier_id" in changes:
        old, new = changes["tier_id"]
        shown["tier"] = (_tier(tier_names, old), _tier(tier_names, new))
    return change_text(shown, LABELS)


def _tier(names: dict[int, str], tier_id: object) -> str | None:
    return names.get(tier_id) if isinstance(tier_id, int) else None


def _writing(options: ImportOptions, problems: list[Problem]) -> bool:
    """Whether new partners are written as they come: not in a dry run, and not once a bad row
    means an all-or-nothing import will be refused."""
    return not options.dry_run and (options.skip_invalid or not problems)


def _duplicate(number: int, name: str, sheet: MappedSheet, first: int) -> Problem:
    return Problem(
        number, sheet.header("name"), name,
        f"is the same partner as row {first} with different values: keep one row",
    )  # fmt: skip


def _duplicate_stored(number: int, sheet: MappedSheet, first: int) -> Problem:
    return Problem(
        number, sheet.header("name"), "",
        f"matches the same stored partner as row {first}: keep one row",
    )  # fmt: skip


class _InFile:
    """The rows met so far, to find a partner given twice in one file by the rule that matches
    stored ones: by Partner ID, else by name key and country (SPEC.md).

    Name keys are worked out only once a row without a Partner ID turns up: a file that gives
    every row its ID never needs them.
    """

    def __init__(self) -> None:
        self.by_code: dict[str, Earlier] = {}
        self.by_name: dict[tuple[str, str], list[tuple[Earlier, bool]]] = {}
        self.unkeyed: list[tuple[Earlier, str, str]] = []  # rows with an ID, name key not yet
        self.without_code = False

    def earlier(
        self, number: int, row: tuple[object, ...], code: object, name: str, country: str
    ) -> Earlier | str | None:
        """The earlier row this one gives again, why that is unclear, or ``None`` (new; kept)."""
        this = (number, row)
        if code:
            folded = str(code).casefold()
            found = self.by_code.get(folded)
            if found is not None:
                return found
            self.by_code[folded] = this
            if not self.without_code:
                self.unkeyed.append((this, name, country))
                return None
            key = (name_key(name), country)
            without = [met for met, coded in self.by_name.get(key, []) if not coded]
            self.by_name.setdefault(key, []).append((this, True))
            return without[0] if without else None
        if not self.without_code:
            self.without_code = True
            for earlier, earlier_name, earlier_country in self.unkeyed:
                key = (name_key(earlier_name), earlier_country)
                self.by_name.setdefault(key, []).append((earlier, True))
            self.unkeyed = []
        key = (name_key(name), country)
        same = self.by_name.get(key, [])
        if len(same) > 1:
            return (
                f"matches {len(same)} earlier rows with this name and country: "
                "add a Partner ID column to say which"
            )
        if same:
            return same[0][0]
        self.by_name[key] = [(this, False)]
        return None


class _Stored:
    """Every stored partner as a plain row (``COLUMNS``), indexed by Partner ID and by
    (name key, country)."""

    COLUMNS = ("id", "name_key", "tier_id", *PLAIN_FIELDS)
    AT: ClassVar[dict[str, int]] = {name: index for index, name in enumerate(COLUMNS)}

    def __init__(self, session: Session) -> None:
        self.by_code: dict[str, tuple[Any, ...]] = {}
        self.by_name: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
        code, key, country = self.AT["partner_code"], self.AT["name_key"], self.AT["country"]
        columns = [TABLE.c[name] for name in self.COLUMNS]
        for row in session.connection().execute(select(*columns)).all():
            if row[code]:
                self.by_code[row[code].casefold()] = row
            self.by_name.setdefault((row[key], row[country] or ""), []).append(row)
        self._getters: dict[tuple[str, ...], Callable[[tuple[Any, ...]], tuple[Any, ...]]] = {}

    def match(self, code: object, name: str, country: str) -> tuple[Any, ...] | str | None:
        """The stored partner of that Partner ID, or else of that name (key) in ``country``;
        ``None`` if new, or why it is ambiguous."""
        if code:
            found = self.by_code.get(str(code).casefold())
            if found is not None:
                return found
        if not self.by_name:
            return None  # nothing stored yet: no name key to work out
        candidates = self.by_name.get((name_key(name), country), [])
        if code:
            candidates = [c for c in candidates if not c[self.AT["partner_code"]]]
        if len(candidates) > 1:
            return (
                f"matches {len(candidates)} stored partners with this name and country: "
                "add a Partner ID column to say which"
            )
        return candidates[0] if candidates else None

    def values_of(self, fields: tuple[str, ...]) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
        """What gives a stored row's values of ``fields``, in that order, as a tuple."""
        getter = self._getters.get(fields)
        if getter is None:
            positions = [self.AT[field] for field in fields]
            if len(positions) == 1:
                (at,) = positions
                getter = self._getters[fields] = lambda stored: (stored[at],)
            else:
                getter = self._getters[fields] = itemgetter(*positions)
        return getter

    def changes(
        self, stored: tuple[Any, ...], fields: tuple[str, ...], row: tuple[object, ...]
    ) -> Changes:
        """What ``row`` (values of ``fields``) would change in the ``stored`` row: nothing, in
        a re-import, found by one comparison of the stored values in the file's order."""
        if self.values_of(fields)(stored) == row:
            return {}
        record = dict(zip(fields, row, strict=True))
        return _changes(dict(zip(self.COLUMNS, stored, strict=True)), record)


def _changes(stored: dict[str, Any], values: dict[str, object]) -> Changes:
    changes: dict[str, tuple[object, object]] = {}
    for field, new in values.items():
        if new is None and field in _KEEP_IF_EMPTY:
            continue
        old = stored[field]
        if not same_value(field, old, new):  # a website as typed another way is the same
            changes[field] = (old, new)
    if "name" in changes:
        new_key = name_key(str(values["name"]))
        if new_key != stored["name_key"]:
            changes["name_key"] = (stored["name_key"], new_key)
    return changes
