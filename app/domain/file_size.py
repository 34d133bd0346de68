"""A file's size as a person reads it: one formatter, so every screen writes sizes alike."""

from __future__ import annotations


def size_text(size: int) -> str:
    """``840 bytes``, ``12.4 KB``, ``31.2 MB``: a number of bytes always with its unit."""
    if size < 1024:
        return f"{size:,} byte{'s' if size != 1 else ''}"
    if size < 1 << 20:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1 << 20):.1f} MB"
