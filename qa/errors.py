"""One exception hierarchy for the whole package.

Every error carries the exit code the CLI uses and the HTTP status the web layer maps it to, so the
outer layers never need their own tables. Messages quote the offending value.
"""

from __future__ import annotations


class QAError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 1
    http_status = 500


class ConfigError(QAError):
    """A setting has a value we cannot use (names the setting and the value)."""

    exit_code = 2
    http_status = 500


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


class ModelError(QAError):
    """The embedding model cannot be found or loaded."""

    exit_code = 5
    http_status = 503


class BadQuestion(QAError):
    """A question (or its history) we refuse to process: empty, too long, malformed."""

    exit_code = 2
    http_status = 400
