"""One exception hierarchy for the whole package.

Every error carries the exit code the CLI uses and the HTTP status the web layer maps it to, so the
outer layers never need their own tables. Messages quote the offending value.

Exit codes (README): 0 ok, 1 not found / below --min (not an error), 2 bad input or setting, 3 a
bulletin failed to parse, 4 index missing, stale, incomplete or unreadable, 5 model problem, 6 the
index cannot be written (disk full, permissions), 7 busy: another ingest holds the index (on the web
also: too many questions, an answer over its time), 70 internal error.

HTTP: besides `{"error": message}`, an error may name where it is (`details()`: file, line, field) and
carry headers (`headers()`: Retry-After, WWW-Authenticate), so every layer answers in one shape.
"""

from __future__ import annotations

import math
from typing import Any

EXIT_INTERNAL = 70  # an exception we did not expect: a bug (sysexits' EX_SOFTWARE)


class QAError(Exception):
    """Base of every error the library raises on purpose; on its own, a bad input or setting."""

    exit_code = 2
    http_status = 500

    def details(self) -> dict[str, Any]:
        """Where the error is (file, line, field), for the JSON body beside `error`; empty if nowhere."""
        return {}

    def headers(self) -> dict[str, str]:
        """HTTP headers the response must carry (Retry-After, WWW-Authenticate)."""
        return {}


class ConfigError(QAError):
    """A setting has a value we cannot use (names the setting and the value)."""

    exit_code = 2
    http_status = 500


class BadInput(QAError):
    """Something a user gave us (a file argument, a JSON line, a request field) that we cannot use;
    `field` names the request field when there is one (multipart `file`, the query's `replace`)."""

    exit_code = 2
    http_status = 400

    def __init__(self, message: str, field: str | None = None):
        self.field = field
        super().__init__(message)

    def details(self) -> dict[str, Any]:
        return {"field": self.field} if self.field else {}


class UnsupportedFile(BadInput):
    """An uploaded file whose content is no bulletin format we read (an image, a zip, an executable)."""

    http_status = 415


class NotFound(BadInput):
    """A thing asked for by name that does not exist (an issue not indexed, an unknown job)."""

    http_status = 404


class Conflict(BadInput):
    """The request clashes with what exists: an upload of an issue already indexed (send it again with
    replace=true), removing the last issue of the index. `existing` says what is there."""

    http_status = 409

    def __init__(self, message: str, existing: list[dict[str, Any]] | None = None):
        self.existing = existing or []
        super().__init__(message)

    def details(self) -> dict[str, Any]:
        return {"existing": self.existing} if self.existing else {}


class NotAllowed(QAError):
    """An admin route while no QA_ADMIN_TOKEN is set: closed to everyone."""

    exit_code = 2
    http_status = 403


class Unauthorized(NotAllowed):
    """An admin route without the right `Authorization: Bearer <QA_ADMIN_TOKEN>`."""

    http_status = 401

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": "Bearer"}


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

    def details(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": "file"}
        if self.file:
            out["file"] = self.file.replace("\\", "/").rsplit("/", 1)[-1]  # never a server path
        if self.line is not None:
            out["line"] = self.line
        return out


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


class Busy(QAError):
    """Try again later: the message says why, `retry_after` (seconds) when."""

    exit_code = 7
    http_status = 503

    def __init__(self, message: str, retry_after: float | None = None):
        self.retry_after = retry_after
        super().__init__(message)

    def headers(self) -> dict[str, str]:
        if self.retry_after is None:
            return {}
        return {"Retry-After": str(max(1, math.ceil(self.retry_after)))}


class IndexBusy(Busy):
    """Another ingest holds the index folder's lock and did not finish within the wait asked for."""


class RateLimited(Busy):
    """One client asked more questions than QA_RATE_LIMIT allows per minute."""

    http_status = 429


class AnswerTimeout(Busy):
    """An answer did not finish (or could not start) within QA_ANSWER_TIMEOUT seconds; nobody else
    waits behind it for longer."""
