"""Running the command line in a child process whose files may not grow past a size.

A full disk cannot be made without root, but ``RLIMIT_FSIZE`` makes every write past the limit
fail for real, with ``EFBIG``, in whichever library is writing: the same path a full disk takes.
SIGXFSZ is ignored so the write fails instead of the process being killed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_PRELUDE = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
"""


def run_limited(
    limit: int, code: str, data_dir: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` in the repository with files limited to ``limit`` bytes."""
    environment = {**os.environ, "CHANNEL_DESK_DATA_DIR": str(data_dir), **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", _PRELUDE.format(limit=limit) + code],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_main_limited(
    limit: int, argv: list[str], data_dir: Path
) -> subprocess.CompletedProcess[str]:
    """``python main.py ARGV…`` with files limited to ``limit`` bytes."""
    return run_limited(limit, f"import main\nsys.exit(main.main({argv!r}))\n", data_dir)
