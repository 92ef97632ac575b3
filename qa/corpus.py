"""The corpus folder as an administrator changes it: uploads checked before they are kept, files stored
atomically, replaced and removed files kept aside, and every change written to the admin log.

An upload is parsed in a private temporary folder first, so a broken file is refused with its reason
(file, line) and never reaches the corpus or the index. A file is written beside its final name and
renamed into place (readers and `qa ingest` never see half a file). A replaced or removed file is moved
to `<corpus>/.archive/` (not indexed: only the folder's own files are), where it can be put back by
hand. The log (`<index>/admin-log.jsonl`, one JSON object a line) says when, what, which file and its
sha256, so a changed answer can be traced to the upload that changed it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa.config import Settings
from qa.errors import ParseError, StorageError, UnsupportedFile
from qa.model import Bulletin
from qa.parse import RENAME, SUFFIXES, WHAT, parse_file, sniff

log = logging.getLogger("qa.admin")
ARCHIVE = ".archive"
LOG_NAME = "admin-log.jsonl"
UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"|?*\\/]")
REFUSED_KINDS = {"image", "binary", "zip", "badzip", "encrypted"}
MAX_NAME = 120  # characters of a stored file name
_log_lock = threading.Lock()


# -- names --------------------------------------------------------------------------------------
def safe_name(name: str) -> str:
    """A file name to store an upload under: the last path part only, no control or reserved
    characters, no leading dot (a hidden file would never be indexed), at most MAX_NAME characters."""
    base = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    base = UNSAFE.sub("_", base).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem.strip(" .")[: MAX_NAME - 6] or "bulletin"
    return f"{stem}.{suffix.lower()}" if suffix else stem


# -- an upload, checked ---------------------------------------------------------------------------
@dataclass
class Upload:
    """A file an admin sent, parsed in a private temporary folder and not yet in the corpus."""

    name: str  # the name it will be stored under
    path: Path  # the checked copy (in its temporary folder)
    sha256: str
    size: int
    bulletin: Bulletin

    def discard(self) -> None:
        """Remove the temporary copy (after storing it, or when it is not wanted)."""
        shutil.rmtree(self.path.parent, ignore_errors=True)


def check_upload(data: bytes, filename: str, settings: Settings) -> Upload:
    """The upload parsed as the index would parse it; raises UnsupportedFile (content that is no
    bulletin format) or ParseError naming the uploaded file (and line) for anything unreadable.

    The type comes from the content: a name without one of our suffixes takes the suffix its content
    says (`报告` holding a .docx is stored as `报告.docx`); a name whose suffix the content contradicts is
    refused by the readers (a PNG named .pdf)."""
    name = safe_name(filename)
    limit = settings.max_bulletin_mb * 1024 * 1024
    if len(data) > limit:
        raise ParseError(
            f"file is {len(data) / 1048576:.1f} MB; the limit is {settings.max_bulletin_mb:g} MB "
            "per bulletin (QA_MAX_BULLETIN_MB)",
            name,
        )
    folder = Path(tempfile.mkdtemp(prefix="qa-upload-"))
    try:
        path = folder / name
        path.write_bytes(data)
        kind = sniff(path, data) if data.strip() else "text"
        if kind in REFUSED_KINDS:
            hint = (
                "save a copy without a password and upload that"
                if kind == "encrypted"
                else f"upload a bulletin as {', '.join(SUFFIXES)}"
            )
            raise UnsupportedFile(f"{name}: the content is {WHAT[kind]}; {hint}", field="file")
        if path.suffix.lower() not in SUFFIXES:
            if kind == "text" and path.suffix:
                raise UnsupportedFile(
                    f"{name}: unsupported format {path.suffix!r} (supported: {', '.join(SUFFIXES)})",
                    field="file",
                )
            name = f"{name}{RENAME[kind]}"
            path = path.rename(folder / name)
        try:
            b = parse_file(path)
        except ParseError as e:
            raise ParseError(e.message, name, e.line) from None
        b.file = name
        b.warnings = [w.replace(str(path), name).replace(str(folder) + "/", "") for w in b.warnings]
        digest = hashlib.sha256(data).hexdigest()
        b.sha256 = digest
        return Upload(name, path, digest, len(data), b)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def preview(b: Bulletin) -> dict[str, Any]:
    """What was understood, for a person to check before indexing: the masthead, the articles (with
    their first words), and each table with its row count, columns and the warnings that name it
    (rows skipped, sums that do not add up)."""

    def first(text: str, n: int = 60) -> str:
        return text if len(text) <= n else text[:n] + "…"

    tables = []
    for t in b.tables:
        mark = f"table {t.title!r}"
        tables.append(
            {
                "title": t.title,
                "rows": len(t.rows),
                "total": t.total is not None,
                "columns": [c.name + (f"（{c.unit}）" if c.unit else "") for c in t.columns],
                "data_month": t.data_month,
                "source": t.source,
                "line": t.line,
                "warnings": [w for w in b.warnings if mark in w],
            }
        )
    return {
        "file": b.file,
        "issue": b.issue,
        "title": b.title,
        "running": b.running,
        "edition": b.edition,
        "published": b.published,
        "data_month": b.data_month,
        "publisher": b.publisher,
        "articles": [
            {
                "title": s.title,
                "kind": s.kind,
                "paragraphs": len(s.paragraphs),
                "line": s.line,
                "text": first(s.paragraphs[0].text) if s.paragraphs else "",
            }
            for s in b.sections
            if s.kind in ("article", "brief", "stats")
        ],
        "tables": tables,
        "warnings": list(b.warnings),
    }


# -- changes to the folder --------------------------------------------------------------------------
@dataclass
class Change:
    """What one admin action did to the corpus folder, so that it can be undone when the index
    cannot be built from it (the folder then matches the index still serving)."""

    corpus: Path
    stored: Path | None = None
    archived: list[tuple[Path, Path]] = field(default_factory=list)  # (where it was, where it is)

    def undo(self) -> None:
        if self.stored is not None:
            with contextlib.suppress(FileNotFoundError):
                self.stored.unlink()
        for original, kept in reversed(self.archived):
            with contextlib.suppress(FileNotFoundError):
                os.replace(kept, original)
        _sync(self.corpus)


def _sync(folder: Path) -> None:
    """Flush a folder's entries (renames) to disk where the system allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _archive(corpus: Path, name: str, why: str, change: Change) -> None:
    src = corpus / name
    if not src.is_file():
        return
    keep = corpus / ARCHIVE
    keep.mkdir(exist_ok=True)
    dest = keep / f"{time.strftime('%Y%m%d-%H%M%S')}_{why}_{name}"
    n = 1
    while dest.exists():
        n += 1
        dest = keep / f"{time.strftime('%Y%m%d-%H%M%S')}-{n}_{why}_{name}"
    os.replace(src, dest)
    change.archived.append((src, dest))


def _free_name(corpus: Path, name: str) -> str:
    """name, or name-2, name-3 … when another file already has it."""
    stem, suffix = os.path.splitext(name)
    n, out = 1, name
    while (corpus / out).exists():
        n += 1
        out = f"{stem}-{n}{suffix}"
    return out


def store(settings: Settings, up: Upload, replacing: list[str] = ()) -> Change:
    """Put a checked upload into the corpus folder: the files it replaces moved to .archive first,
    then the new file written beside its name and renamed into place (atomic). Raises StorageError
    (the folder unchanged) when the folder cannot be written."""
    corpus = Path(settings.corpus_dir)
    change = Change(corpus)
    try:
        corpus.mkdir(parents=True, exist_ok=True)
        for name in replacing:
            _archive(corpus, name, "replaced", change)
        target = corpus / _free_name(corpus, up.name)
        part = corpus / f".{target.name}.{secrets.token_hex(4)}.part"
        try:
            with part.open("wb") as out, up.path.open("rb") as src:
                shutil.copyfileobj(src, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(part, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
        change.stored = target
        _sync(corpus)
    except OSError as e:
        change.undo()
        raise StorageError(
            f"cannot store {up.name} in the corpus folder ({e.strerror or type(e).__name__}); nothing changed"
        ) from None
    return change


def remove(settings: Settings, names: list[str]) -> Change:
    """Move these corpus files to .archive (kept, no longer indexed); StorageError leaves them."""
    corpus = Path(settings.corpus_dir)
    change = Change(corpus)
    try:
        for name in names:
            _archive(corpus, name, "removed", change)
        _sync(corpus)
    except OSError as e:
        change.undo()
        raise StorageError(
            f"cannot move {', '.join(names)} out of the corpus folder ({e.strerror or type(e).__name__})"
        ) from None
    return change


# -- the admin log ----------------------------------------------------------------------------------
def audit(settings: Settings, action: str, file: str = "", sha256: str = "", **extra: Any) -> dict:
    """Append one admin action to `<index>/admin-log.jsonl` (time, action, file, sha256 and what else
    is known) and to the server log. A log that cannot be written is reported in the server log; the
    action itself has happened and is not undone."""
    entry = {
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "action": action,
        "file": file,
        "sha256": sha256,
        **{k: v for k, v in extra.items() if v not in (None, "", [], {})},
    }
    line = json.dumps(entry, ensure_ascii=False)
    log.info("admin: %s", line)
    path = Path(settings.index_dir) / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _log_lock, path.open("a", encoding="utf-8") as f:
            f.write(line + "\n")
    except OSError as e:
        log.error("cannot write the admin log %s: %s", path, e.strerror or e)
    return entry


def read_log(settings: Settings, last: int = 100) -> list[dict]:
    """The latest `last` entries of the admin log, oldest first (none when there is no log yet)."""
    path = Path(settings.index_dir) / LOG_NAME
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    out = []
    for line in lines[-last:]:
        with contextlib.suppress(ValueError):
            out.append(json.loads(line))
    return out
