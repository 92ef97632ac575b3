"""One exception hierarchy for the whole package.

Every error carries the exit code the CLI uses and the HTTP status the web layer maps it to, so the
outer layers never need their own tables. Messages quote the offending value.

Exit codes (README): 0 ok, 1 not found / below --min (not an error), 2 bad input or setting, 3 a
bulletin failed to parse, 4 index missing, stale, incomplete or unreadable, 5 model problem, 6 the
index cannot be written (disk full, permissions), 7 another ingest holds the index, 70 internal error.
"""

from __future__ import annotations

EXIT_INTERNAL = 70  # an exception we did not expect: a bug (sysexits' EX_SOFTWARE)


class QAError(Exception):
    """Base of every error the library raises on purpose; on its own, a bad input or setting."""

    exit_code = 2
    http_status = 500


class ConfigError(QAError):
    """A setting has a value we cannot use (names the setting and the value)."""

    exit_code = 2
    http_status = 500


class BadInput(QAError):
    """Something a user gave us (a file argument, a JSON line, a request field) that we cannot use."""

    exit_code = 2
    http_status = 400


class BadQuestion(BadInput):
    """A question (or its history) we refuse to process: empty, too long, malformed."""


class ParseError(QAError):
    """A bulletin cannot be read; names the file and, where known, the line."""

    exit_code = 3
    http_status = 422

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        self.file = file
        self.line = line
        self.message = message
        where = file or ""
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        super().__init__(f"{where}: {message}" if where else message)


class IndexMissing(QAError):
    """No usable index at the configured folder."""

    exit_code = 4
    http_status = 503


class IndexStale(IndexMissing):
    """The index was built from other files, another model or another parser version."""


class IndexUnusable(IndexMissing):
    """The index is there but cannot be read: an incomplete generation, unreadable files."""


class ModelError(QAError):
    """The embedding model cannot be found or loaded."""

    exit_code = 5
    http_status = 503


class StorageError(QAError):
    """The index cannot be written (disk full, no permission); the previous index keeps serving."""

    exit_code = 6
    http_status = 503


class IndexBusy(QAError):
    """Another ingest holds the index folder's lock and did not finish within the wait asked for."""

    exit_code = 7
    http_status = 503
