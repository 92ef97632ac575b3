"""Bulletin readers, one per format, behind one function."""

from __future__ import annotations

from pathlib import Path

from qa.errors import ParseError
from qa.model import Bulletin
from qa.parse.text import parse_text_file

READERS = {".txt": parse_text_file}
SUFFIXES = tuple(READERS)


def parse_file(path: str | Path) -> Bulletin:
    """Parse one bulletin file; a ParseError names the file (and line) for anything unreadable."""
    p = Path(path)
    if not p.is_file():
        raise ParseError("no such file", str(p))
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        raise ParseError(f"unsupported format {p.suffix!r} (supported: {', '.join(SUFFIXES)})", str(p))
    return reader(p)
