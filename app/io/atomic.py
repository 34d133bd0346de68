"""Write a file all at once or not at all.

An export that fails halfway (disk full, permission denied, the user cancels, a bug) must not
leave a truncated workbook where a good one was, nor a half-written file that looks complete. So
the file is written under a temporary name in the target's own folder (same file system, so the
final ``os.replace`` is atomic, also on Windows) and renamed over the target only when it is
complete. Any ``OSError`` becomes an ``InputError`` whose one line says what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from app.domain.errors import InputError

_ADVICE: dict[int, str] = {
    errno.EACCES: "permission denied (or the file is open in another program). "
    "Close it or choose another folder.",
    errno.EPERM: "permission denied (or the file is open in another program). "
    "Close it or choose another folder.",
    errno.EROFS: "the disk is read-only. Choose another folder.",
    errno.ENOSPC: "the disk is full. Free some space or choose another folder.",
    errno.EFBIG: "the file is larger than this disk or your account allows. Free some space or "
    "choose another folder.",
    getattr(errno, "EDQUOT", -1): "the disk quota is used up. Free some space or choose another "
    "folder.",
    errno.ENOENT: "the folder does not exist. Choose an existing folder.",
    errno.ENOTDIR: "the folder does not exist. Choose an existing folder.",
    errno.EISDIR: "it is a folder. Give a file name.",
    errno.ENAMETOOLONG: "the name is too long. Choose a shorter name.",
    errno.EBUSY: "the file is in use by another program. Close it and try again.",
}


def cannot_write(path: Path, exc: OSError) -> InputError:
    """The one line a person reads when ``path`` cannot be written."""
    advice = _ADVICE.get(exc.errno or 0)
    if advice is None:
        reason = (exc.strerror or str(exc) or type(exc).__name__).rstrip(".")
        advice = f"{reason[:1].lower()}{reason[1:]}. Choose another folder or file name."
    return InputError(f"Cannot write {path}: {advice}")


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` atomically.

    If the block raises, the temporary file is removed and ``target`` is left as it was. A new
    file keeps the private mode ``mkstemp`` gives it (0600, like the database: partner lists are
    business data); a replaced file keeps the mode it had.
    """
    target = Path(os.path.abspath(target))
    try:
        if target.is_dir():  # asks the file system: a name too long fails here already
            raise InputError(f"Cannot write {target}: it is a folder. Give a file name.")
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name[:100]}.", suffix=".part", dir=target.parent
        )
    except OSError as exc:
        raise cannot_write(target, exc) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with contextlib.suppress(OSError):
            os.chmod(temporary, os.stat(target).st_mode & 0o7777)
        _fsync(temporary)
        os.replace(temporary, target)
    except OSError as exc:
        raise cannot_write(target, exc) from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    """Make the bytes durable before the rename, so a crash never leaves an empty 'good' file."""
    with open(path, "rb+") as stream:
        os.fsync(stream.fileno())
