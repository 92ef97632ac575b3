"""Bulletin readers, one per format, behind one function.

The extension says which format a file should be; its content must agree (a zip with
word/document.xml for .docx, the %PDF- signature for .pdf, an OLE2 or RTF file for .doc), so a renamed
file is a clear error rather than garbage. Word and PDF files are converted to the text export's lines
and read by the text parser, so every format yields the same Bulletin for the same bulletin. A reader
returns a whole Bulletin or raises a ParseError naming the file: nothing is indexed half.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qa.errors import ParseError
from qa.model import Bulletin
from qa.parse.doc import OLE2, is_encrypted_ooxml, parse_doc_file
from qa.parse.docx import parse_docx_file, zip_kind
from qa.parse.pdf import is_pdf, parse_pdf_file
from qa.parse.text import parse_text_file

READERS: dict[str, Callable[..., Bulletin]] = {
    ".txt": parse_text_file,
    ".docx": parse_docx_file,
    ".pdf": parse_pdf_file,
    ".doc": parse_doc_file,
}
SUFFIXES = tuple(READERS)
WHAT = {
    "docx": "a Word .docx document",
    "pdf": "a PDF document",
    "ole2": "a legacy Office file (.doc, .xls …)",
    "encrypted": "a password-protected Office document",
    "rtf": "an RTF document",
    "zip": "a zip archive that is not a Word document",
    "badzip": "a damaged or incomplete zip archive (a .docx cut short?)",
    "image": "an image",
    "text": "text",
    "binary": "binary data",
}
RENAME = {"docx": ".docx", "pdf": ".pdf", "ole2": ".doc", "rtf": ".doc", "text": ".txt"}


def sniff(path: Path, data: bytes) -> str:
    """What the content is, whatever the name says."""
    head = data[:4096]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return zip_kind(path)
    if is_pdf(head):
        return "pdf"
    if head.startswith(OLE2):
        return "encrypted" if is_encrypted_ooxml(data) else "ole2"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


def _mismatch(p: Path, kind: str, expected: str) -> ParseError:
    msg = f"not {expected}: the content is {WHAT[kind]}"
    if kind in RENAME and RENAME[kind] != p.suffix.lower():
        msg += f" (rename it to {RENAME[kind]} if that is what it is)"
    elif kind == "encrypted":
        msg += ": save a copy without a password and add that"
    return ParseError(msg, str(p))


def _open(path: str | Path) -> tuple[Path, bytes, str]:
    """(path, bytes, reader) for a bulletin file: the reader its extension asks for, once the content
    agrees with it; a ParseError naming the file otherwise."""
    p = Path(path)
    if not p.is_file():
        raise ParseError("no such file", str(p))
    suffix = p.suffix.lower()
    if suffix not in READERS:
        raise ParseError(f"unsupported format {p.suffix!r} (supported: {', '.join(SUFFIXES)})", str(p))
    data = p.read_bytes()
    if not data.strip():
        raise ParseError("file is empty", str(p))
    kind = sniff(p, data)
    if suffix == ".txt":
        if kind in ("docx", "pdf", "ole2", "encrypted", "zip", "badzip", "image"):
            raise _mismatch(p, kind, "a text export")
        return p, data, "text"
    if suffix == ".docx":
        if kind != "docx":
            raise _mismatch(p, kind, "a Word .docx file")
        return p, data, "docx"
    if suffix == ".pdf":
        if kind != "pdf":
            raise _mismatch(p, kind, "a PDF file")
        return p, data, "pdf"
    # .doc: legacy Word (OLE2) or RTF go through LibreOffice; a .docx saved under .doc is read directly.
    if kind == "docx":
        return p, data, "docx"
    if kind not in ("ole2", "rtf"):
        raise _mismatch(p, kind, "a Word .doc file")
    return p, data, "doc"


def parse_file(path: str | Path) -> Bulletin:
    """Parse one bulletin file; a ParseError names the file (and line) for anything unreadable."""
    p, data, reader = _open(path)
    try:
        if reader == "text":
            return parse_text_file(p)
        if reader == "docx":
            return parse_docx_file(p, data)
        if reader == "pdf":
            return parse_pdf_file(p, data)
        return parse_doc_file(p, data)
    except ParseError:
        raise
    except Exception as e:  # a damaged file must be a clear error, never a traceback or half a bulletin
        raise ParseError(f"cannot read this file ({type(e).__name__}: {e})", p.name) from e


def to_text(path: str | Path) -> str:
    """The line-oriented text a file is read as (a text export's own text; Word and PDF converted).
    Line numbers in warnings and sources refer to these lines."""
    from qa.parse.doc import doc_lines
    from qa.parse.docx import docx_lines
    from qa.parse.pdf import pdf_lines
    from qa.parse.text import decode

    p, data, reader = _open(path)
    try:
        if reader == "text":
            return decode(data, p.name)
        if reader == "docx":
            return docx_lines(p).text()
        if reader == "pdf":
            return pdf_lines(p).text()
        return doc_lines(p).text()
    except ParseError:
        raise
    except Exception as e:
        raise ParseError(f"cannot read this file ({type(e).__name__}: {e})", p.name) from e
