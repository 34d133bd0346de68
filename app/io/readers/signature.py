"""Telling what a file really is from its first bytes, before any parser sees it.

People rename files: an Excel 97-2003 ``.xls``, an OpenDocument or an Apple Numbers document, or
a CSV export can all arrive named ``.xlsx``. Each gets a message that says what to do instead of
a parser's complaint. Zip archives are also checked for their declared uncompressed size, so a
zip bomb is refused before anything is inflated.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from app.domain.errors import InputError
from app.io.readers.text_encoding import marked_encoding

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"
#: Largest total uncompressed size of a workbook's parts. A 50,000-row partner list is about
#: 30 MB of XML; anything past this is a bomb or not a partner list.
MAX_UNCOMPRESSED = 1 << 30
_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")

_SAVE_AS = (
    "open it in Excel (or LibreOffice) and save it as an Excel Workbook (.xlsx), then import that"
)
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


def check_signature(path: Path) -> str:
    """``"csv"`` or ``"workbook"``; refuses an empty, encrypted, disguised or oversized file."""
    name = path.name
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as exc:
        raise InputError(f"Cannot read {name}: {exc.strerror or exc}. Check the file.") from None
    suffix = path.suffix.lower()
    if not head:
        raise InputError(f"{name} is empty (0 bytes): choose the file that holds the data.")
    if head.startswith(OLE2_MAGIC):
        if _encrypted(path):
            raise InputError(
                f"{name} is protected with a password: open it in Excel, remove the password "
                "(File › Info › Protect Workbook › Encrypt with Password), save, and import again."
            )
        if suffix == ".xls":
            return "workbook"
        raise InputError(
            f"{name} is an old Excel 97-2003 workbook (.xls) named '{path.suffix}': rename it "
            f"to .xls, or {_SAVE_AS}."
        )
    if head.startswith(ZIP_MAGIC):
        if suffix in (".csv", ".txt", ".tsv"):
            raise InputError(f"{name} is a workbook, not a CSV file: rename it to .xlsx.")
        _check_zip(path, suffix)
        return "workbook"
    if suffix in _WORKBOOK_SUFFIXES:
        if _looks_like_text(path):
            raise InputError(
                f"{name} is a text (CSV) file named '{path.suffix}': rename it to .csv and "
                "import it again."
            )
        raise InputError(
            f"{name} is not an Excel workbook (damaged or another format): {_SAVE_AS}."
        )
    if _looks_like_text(path):
        return "csv"
    raise InputError(
        f"{name} is neither a workbook nor a CSV file: export the list from its program as "
        ".xlsx or .csv."
    )


def _encrypted(path: Path) -> bool:
    """An encrypted .xlsx is an OLE2 file holding an ``EncryptionInfo`` stream."""
    with path.open("rb") as stream:
        return _ENCRYPTION_MARK in stream.read(1 << 20)


def _looks_like_text(path: Path) -> bool:
    """No zero byte in its start, or a byte-order mark that announces text (UTF-16 is full of
    zero bytes)."""
    with path.open("rb") as stream:
        sample = stream.read(4096)
    return b"\x00" not in sample or marked_encoding(sample) is not None


def _check_zip(path: Path, suffix: str) -> None:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(
            f"{name} is damaged (an incomplete download or a broken copy): {_SAVE_AS}, or get the "
            "file again."
        ) from None
    names = {info.filename.replace("\\", "/").lower() for info in infos}
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED:
        raise InputError(
            f"{name} unpacks to more than {MAX_UNCOMPRESSED >> 20} MB, far more than a list "
            "needs: split it into smaller files, or check where it came from."
        )
    if "mimetype" in names and "[content_types].xml" not in names and suffix != ".ods":
        if any(n.startswith("index/") and n.endswith(".iwa") for n in names):
            raise InputError(
                f"{name} is an Apple Numbers document: in Numbers choose File › Export To › "
                "Excel, then import the .xlsx."
            )
        raise InputError(
            f"{name} is an OpenDocument spreadsheet named '{path.suffix}': rename it to .ods, or "
            f"{_SAVE_AS}."
        )
    if any(n.startswith("index/") and n.endswith(".iwa") for n in names):
        raise InputError(
            f"{name} is an Apple Numbers document: in Numbers choose File › Export To › Excel, "
            "then import the .xlsx."
        )
    if suffix in (".xlsx", ".xlsm") and "xl/workbook.bin" in names:
        raise InputError(
            f"{name} is an Excel binary workbook (.xlsb) named '{path.suffix}': rename it to "
            f".xlsb, or {_SAVE_AS}."
        )
