"""The line-oriented text every reader produces, and its hand-over to the text parser.

Word and PDF files are turned into the text export's conventions (a paragraph per line, a blank line
between blocks, a table row per tab-separated line, captions above and bracketed notes below) so that
the one `TextParser` applies every table rule to every format. Each line remembers where it came from
(page, paragraph, table row) so warnings and errors name a place a person can find in the original.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from qa.errors import ParseError
from qa.model import Bulletin
from qa.parse.text import TextParser

SPACES_RE = re.compile(r"\s+")


@dataclass
class LineText:
    """Lines of converted text plus, for each, where it came from in the original file."""

    lines: list[str] = field(default_factory=list)
    where: list[str] = field(default_factory=list)

    def add(self, text: str, where: str) -> None:
        self.lines.append(text)
        self.where.append(where)

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.add("", "")

    def paragraph(self, text: str, where: str) -> None:
        """A paragraph as the text export prints it: its line(s), then a blank line."""
        for part in text.split("\n"):
            if part.strip():
                self.add(part.rstrip(), where)
        self.blank()

    def table(self, rows: list[list[str]], where: list[str]) -> None:
        """Table rows as tab-separated lines in a block of their own; empty rows are dropped."""
        self.blank()
        for cells, w in zip(rows, where, strict=True):
            if any(c.strip() for c in cells):
                self.add("\t".join(c.replace("\t", " ") for c in cells), w)
        self.blank()

    def text(self) -> str:
        return "\n".join(self.lines)

    def place(self, line: int) -> str:
        """Where line `line` (1-based) of the converted text came from ('' when unknown)."""
        if 1 <= line <= len(self.where):
            return self.where[line - 1]
        return ""


def cell_text(parts: list[str]) -> str:
    """Pieces of one cell (its paragraphs or wrapped lines) as one string: joined without a space
    (Chinese and numbers do not break at spaces), with one only between two Latin letters or digits."""
    out = ""
    for part in parts:
        part = SPACES_RE.sub(" ", part).strip()
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out


def split_rows(rows: list[list[str]], spans: list[bool]) -> tuple[list[int], list[int]]:
    """Indices of leading and trailing rows that are one cell across the whole table (a caption or a
    note written inside the table's frame): these are printed as paragraphs, not as table rows."""
    lead: list[int] = []
    for i, (cells, wide) in enumerate(zip(rows, spans, strict=True)):
        if wide and sum(1 for c in cells if c.strip()) == 1:
            lead.append(i)
        else:
            break
    trail: list[int] = []
    for i in range(len(rows) - 1, len(lead) - 1, -1):
        if spans[i] and sum(1 for c in rows[i] if c.strip()) == 1:
            trail.insert(0, i)
        else:
            break
    return lead, trail


def emit_table(out: LineText, rows: list[list[str]], spans: list[bool], where: list[str]) -> None:
    """A table with its caption/note rows moved out as paragraphs (see split_rows)."""
    lead, trail = split_rows(rows, spans)
    for i in lead:
        out.paragraph(next(c for c in rows[i] if c.strip()), where[i])
    body = [i for i in range(len(rows)) if i not in lead and i not in trail]
    out.table([rows[i] for i in body], [where[i] for i in body])
    for i in trail:
        out.paragraph(next(c for c in rows[i] if c.strip()), where[i])


LOC_RE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): ")


def parse_lines(conv: LineText, path: Path, data: bytes, kind: str) -> Bulletin:
    """Parse converted text with the text parser; the Bulletin names the original file, carries its
    hash, and its warnings and errors say where in the original they are."""
    name = path.name
    try:
        b = TextParser(conv.text(), name).parse()
    except ParseError as e:
        place = conv.place(e.line) if e.line else ""
        if not conv.lines or not any(ln.strip() for ln in conv.lines):
            raise ParseError(f"no text found in this {kind}", name) from None
        raise ParseError(f"{e.message} (in {place or kind})", name, e.line) from None

    def locate(w: str) -> str:
        m = LOC_RE.match(w)
        if not m or m.group("file") != name:
            return w
        place = conv.place(int(m.group("line")))
        return f"{name}:{m.group('line')} ({place}): {w[m.end() :]}" if place else w

    b.warnings = [locate(w) for w in b.warnings]
    b.file = name
    b.sha256 = hashlib.sha256(data).hexdigest()
    return b
