"""Alike account names, kept as accounts are written (``account_alike``), so that an overlap
scan reads them instead of comparing 60,000 names again each time the page opens.

Database triggers list every account inserted, or changed in name or country, in
``account_unmatched`` (migration 0006), whichever code wrote it. Before each commit the
accounts listed are compared with the names that can be alike (same country, same word
initials; see ``app.domain.overlap_match.similarity``), their pairs at ``FLOOR`` or above are
stored, and the list is emptied, in the same transaction as the write.

A scan uses the stored pairs only when they are complete: nothing is listed as unmatched (an
older program may have written accounts) and its threshold is at least ``FLOOR``. Otherwise it
compares names itself, as before; the result is the same either way.

On PostgreSQL two people may write alike accounts at the same moment: each transaction would
miss the other's uncommitted account, or store a pair from a name the other is changing. A
transaction-scoped advisory lock makes them take turns; the later one, reading after the
earlier commit, clears the pairs of its accounts and finds them again from what is committed.
Pairs are written only under that lock (the triggers only list accounts), so two writers never
hold pairs the other waits for.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import bindparam, delete, event, func, insert, or_, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from app.db.models import Account, AccountAlike, AccountUnmatched

#: The lowest similarity stored. A threshold setting below it makes scans compare names again.
FLOOR = 80

#: From this many unmatched accounts on, every name is read and compared in memory (an import,
#: the first opening after the upgrade) rather than one block of names per account.
BULK = 500

#: Any fixed number: the advisory lock that makes PostgreSQL writers of accounts take turns.
_LOCK_KEY = 0x616C696B  # "alik"

_installed: weakref.WeakSet[sessionmaker[Session]] = weakref.WeakSet()

AlikePair = tuple[int, int, float]


def install_alike_names(sessions: sessionmaker[Session]) -> None:
    """Keep the alike names of accounts written through sessions made by ``sessions``."""
    if sessions not in _installed:
        event.listen(sessions, "before_commit", _before_commit)
        _installed.add(sessions)


def _before_commit(session: Session) -> None:
    if session.in_transaction():
        match_unmatched(session)


def has_unmatched(session: Session) -> bool:
    """Whether any account waits for its alike names (a cheap read, no write turn needed)."""
    return session.scalar(select(AccountUnmatched.account_id).limit(1)) is not None


def match_unmatched(session: Session) -> int:
    """Find and store the alike names of every account listed as unmatched, and empty the list.
    Returns how many accounts were matched."""
    session.flush()
    waiting = session.scalars(select(AccountUnmatched.account_id)).all()
    if not waiting:
        return 0
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        waiting = session.scalars(select(AccountUnmatched.account_id)).all()
    ids = set(waiting)
    for part in _parts(ids):
        # Found again below: what is stored for them is stale (their name or country changed),
        # including a pair another writer stored from what it saw before this one commits.
        session.execute(
            delete(AccountAlike).where(
                or_(AccountAlike.account_a_id.in_(part), AccountAlike.account_b_id.in_(part))
            )
        )
    pairs = _all_pairs_of(session, ids) if len(ids) >= BULK else _block_pairs_of(session, ids)
    if pairs:
        rows = [{"account_a_id": a, "account_b_id": b, "score": s} for a, b, s in pairs]
        session.execute(insert(AccountAlike), rows)
    for part in _parts(ids):
        session.execute(delete(AccountUnmatched).where(AccountUnmatched.account_id.in_(part)))
    return len(ids)


def _parts(ids: set[int], size: int = 10_000) -> list[list[int]]:
    """``ids`` in lists short enough for one statement's parameters on any database."""
    ordered = sorted(ids)
    return [ordered[start : start + size] for start in range(0, len(ordered), size)]


def _all_pairs_of(session: Session, ids: set[int]) -> list[AlikePair]:
    """Every name read and compared in memory; the pairs that involve one of ``ids`` are new
    (the others are stored already)."""
    from app.domain.overlap_match import alike_pairs  # late: see _set_initials

    rows = session.execute(select(Account.id, Account.name_key, Account.country)).all()
    keys = [(i, "", key, None, country, None) for i, key, country in rows]
    _set_initials(session, [(i, key) for i, key, _ in rows if i in ids])
    return [
        (a[0], b[0], score) if a[0] < b[0] else (b[0], a[0], score)
        for a, b, score in alike_pairs(keys, FLOOR)
        if a[0] in ids or b[0] in ids
    ]


def _block_pairs_of(session: Session, ids: set[int]) -> list[AlikePair]:
    """Each unmatched account compared with the names of its country and initials only."""
    from app.domain.overlap_match import shape, similarity  # late: see _set_initials

    rows = session.execute(
        select(Account.id, Account.name_key, Account.country).where(Account.id.in_(ids))
    ).all()
    _set_initials(session, [(i, key) for i, key, _ in rows])
    blocks: defaultdict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for account_id, key, country in rows:
        if country and key:
            blocks[country, shape(key)[0]].append((account_id, key))
    found: dict[tuple[int, int], float] = {}
    for (country, initials), members in blocks.items():
        others = session.execute(  # bound values: the initials come from typed names
            select(Account.id, Account.name_key).where(
                Account.country == country, Account.name_initials == initials
            )
        ).all()
        for account_id, key in members:
            for other_id, other_key in others:
                if other_id == account_id or not other_key:
                    continue
                pair = (min(account_id, other_id), max(account_id, other_id))
                if pair not in found:
                    score = similarity(key, other_key)
                    if score >= FLOOR:
                        found[pair] = score
    return [(a, b, score) for (a, b), score in found.items()]


def _set_initials(session: Session, accounts: Iterable[tuple[int, str]]) -> None:
    """Keep each account's word initials, the key of the names it can be alike to.

    The name matcher (and rapidfuzz) is imported only when accounts were written: opening the
    database imports this module, and the main window should not wait for it."""
    from app.domain.overlap_match import shape

    values = [{"id_": i, "initials": shape(key)[0] if key else ""} for i, key in accounts]
    if values:
        statement = (
            update(Account)
            .where(Account.id == bindparam("id_"))
            .values(name_initials=bindparam("initials"))
        )
        session.connection().execute(statement, values)  # Core: bookkeeping, not an edit


def stored_alike(session: Session, threshold: int) -> list[AlikePair] | None:
    """The stored pairs of alike names at ``threshold`` or above, or ``None`` when they may not
    be complete (see the module's docstring): the caller then compares names itself."""
    if threshold < FLOOR:
        return None
    if session.scalar(select(func.count()).select_from(AccountUnmatched)):
        return None
    statement = select(AccountAlike.account_a_id, AccountAlike.account_b_id, AccountAlike.score)
    rows = session.execute(statement.where(AccountAlike.score >= threshold))
    return [(a, b, score) for a, b, score in rows]
