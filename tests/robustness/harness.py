"""Running a command the way a script does, in-process, and checking that it answered.

``run_cli`` calls the entry function ``main.main`` with stdout and stderr captured (a subprocess
per hostile example would cost a second each). ``assert_answered`` is the contract every
command keeps whatever it is given: exit 0, 1 or 2 (3 is a bug), one ``channel-desk:`` line per
problem and no traceback, nothing a terminal would act on, and a database exactly as it was
after a refusal (``table_dump`` of every table before and after).
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import main
from app.db.engine import open_database
from app.services.demo.fill import generate_demo

#: What a terminal would act on: C0 and C1 controls but newline and tab, DEL, bidi controls,
#: unpaired surrogates (written here, not taken from the code under test).
TERMINAL_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
#: argparse's last line: "channel-desk quote show: error: argument --format: …".
USAGE_ERROR = re.compile(r"^channel-desk( [a-z]+)*: error: ")


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


def run_cli(*args: str) -> Outcome:
    """``channel-desk ARGS…`` run through ``main.main``: its exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main.main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    return Outcome(code, out.getvalue(), err.getvalue())


def table_dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the SQLite file at ``path``, in a stable order."""
    connection = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            name: sorted(connection.execute(f'SELECT * FROM "{name}"'), key=repr) for name in names
        }
    finally:
        connection.close()


def assert_answered(outcome: Outcome, before: object = None, after: object = None) -> None:
    """The command kept the contract (module docstring); ``before``/``after`` are dumps."""
    shown = f"exit {outcome.code}\nstdout: {outcome.out[-400:]!r}\nstderr: {outcome.err[-800:]!r}"
    assert outcome.code in (0, 1, 2), shown
    assert "Traceback" not in outcome.err and "unexpected error" not in outcome.err, shown
    assert not TERMINAL_CONTROL.search(outcome.out), shown
    assert not TERMINAL_CONTROL.search(outcome.err), shown
    lines = outcome.err.splitlines()
    if outcome.code == 2:  # argparse: a usage line or two, then "channel-desk: error: …"
        assert lines and USAGE_ERROR.match(lines[-1]), shown
    else:
        assert all(line.startswith("channel-desk: ") for line in lines), shown
    if outcome.code == 1:
        assert lines, shown
    if outcome.code != 0 and before is not None:
        assert after == before, f"the database changed after a refusal\n{shown}"


def demo_template(folder: Path) -> Path:
    """A SQLite file with the demo world, checkpointed so a plain file copy is whole."""
    path = folder / "template.sqlite"
    db = open_database(path)
    try:
        with db.transaction() as session:
            generate_demo(session)
    finally:
        db.dispose()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path


def fresh_copy(template: Path, folder: Path, name: str = "work.sqlite") -> Path:
    """A copy of ``template`` to run one example against (its journal files removed first)."""
    target = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)
    return target
