"""Running the app under uvicorn with limits that slow or idle clients cannot exhaust.

uvicorn (0.54) has no timeout for a request's headers and accepts connections until the process runs
out of file descriptors: 20,000 idle sockets then made every normal request fail. `GuardedH11` adds
what is missing: a deadline for the headers of every request (`QA_REQUEST_TIMEOUT`), a cap on open
connections in all and per client address (`QA_MAX_CONNECTIONS`, `QA_MAX_CONNECTIONS_PER_CLIENT`;
a connection over a cap is closed at once, so it costs no descriptor for long), and h11's 16 KiB limit
on a request head. Behind a reverse proxy, let the proxy apply the same (see README).
"""

from __future__ import annotations

import asyncio
import logging
import resource
from collections import Counter

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from qa.config import Settings

log = logging.getLogger("qa.web")
MAX_HEAD = 16 * 1024  # bytes of request line + headers (h11's incomplete-event limit)
KEEP_ALIVE = 5  # seconds an idle keep-alive connection stays open
RESERVED_FDS = 256  # descriptors kept for the model, SQLite, Chroma and logs
_TIMEOUT_BODY = b'{"error": "request headers not received in time (QA_REQUEST_TIMEOUT)"}'
TIMEOUT_RESPONSE = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\nconnection: close\r\n"
    + f"content-length: {len(_TIMEOUT_BODY)}\r\n\r\n".encode()
    + _TIMEOUT_BODY
)


class Limits:
    """Shared by every connection of one server: the caps and who holds how many connections."""

    def __init__(self, timeout: float, total: int, per_client: int):
        self.timeout, self.total, self.per_client = timeout, total, per_client
        self.open = 0
        self.by_client: Counter[str] = Counter()


def protocol(limits: Limits) -> type[H11Protocol]:
    """An H11Protocol class bound to these limits (uvicorn instantiates it per connection)."""

    class GuardedH11(H11Protocol):
        _head_timer: asyncio.TimerHandle | None = None
        _counted: str | None = None

        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            client = self.client[0] if self.client else ""
            over_total = limits.open >= limits.total
            over_client = limits.per_client and limits.by_client[client] >= limits.per_client
            if over_total or over_client:
                log.warning(
                    "connection from %s refused: %s",
                    client or "?",
                    "too many" if over_total else "per client",
                )
                self.connections.discard(self)  # not counted by uvicorn's limit_concurrency either
                transport.close()
                return
            limits.open += 1
            limits.by_client[client] += 1
            self._counted = client
            self._arm()

        def connection_lost(self, exc) -> None:
            self._disarm()
            if self._counted is not None:
                limits.open -= 1
                limits.by_client[self._counted] -= 1
                if limits.by_client[self._counted] <= 0:
                    del limits.by_client[self._counted]
                self._counted = None
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.conn.their_state is h11.IDLE:
                self._arm()  # part of a request head arrived: it must be complete in time
            else:
                self._disarm()

        def _arm(self) -> None:
            if self._head_timer is None and not self.transport.is_closing():
                self._head_timer = self.loop.call_later(limits.timeout, self._head_timeout)

        def _disarm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_timeout(self) -> None:
            self._head_timer = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                if self.cycle is None or self.cycle.response_complete:
                    self.transport.write(TIMEOUT_RESPONSE)
                self.transport.close()

    return GuardedH11


def fd_budget(settings: Settings) -> int:
    """Connections this process can hold: QA_MAX_CONNECTIONS, lowered (with a warning) to what the
    descriptor limit leaves once RESERVED_FDS are set aside; the soft limit is raised first."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = settings.max_connections + RESERVED_FDS
    if soft != resource.RLIM_INFINITY and soft < want:
        new = want if hard == resource.RLIM_INFINITY else min(want, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))
            soft = new
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY or soft >= want:
        return settings.max_connections
    budget = max(1, soft - RESERVED_FDS)
    log.warning(
        "QA_MAX_CONNECTIONS=%d lowered to %d: the file descriptor limit is %d",
        settings.max_connections,
        budget,
        soft,
    )
    return budget


def config(app, settings: Settings):
    """The uvicorn Config for one worker with our protocol and limits."""
    import uvicorn

    total = fd_budget(settings)
    limits = Limits(settings.request_timeout, total, settings.max_connections_per_client)
    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        workers=1,
        http=protocol(limits),
        h11_max_incomplete_event_size=MAX_HEAD,
        timeout_keep_alive=KEEP_ALIVE,
        limit_concurrency=total + 1,  # uvicorn answers 503 at `>=`: our cap already holds
        log_level="info",
    )


def run(app, settings: Settings) -> None:
    """Serve until interrupted (one process, one worker: Gradio keeps its sessions in memory)."""
    import uvicorn

    uvicorn.Server(config(app, settings)).run()


def serve(settings: Settings) -> int:
    """`qa serve` and `python app.py`: build the index if it needs it, say where the app is, serve."""
    import sys

    from qa.config import url_host
    from qa.web.app import create_app

    application = create_app(settings)
    print(
        f"简报问答: http://{url_host(settings.host)}:{settings.port}/  "
        f"(allowed origins: {', '.join(settings.origins)}; admin page "
        f"{'/admin' if settings.admin_token else 'closed: QA_ADMIN_TOKEN is not set'})",
        file=sys.stdout,
        flush=True,
    )
    run(application, settings)
    return 0
