"""One client cannot hold the answer lock for everybody: questions per client address are limited.

Every question costs one token from the asking address's bucket, which holds `QA_RATE_LIMIT` tokens
and refills evenly over a minute; an empty bucket is 429 `{"error"}` with `Retry-After` (seconds until
the next token). Questions are counted where they enter: `POST /api/ask`, and the chat's answering
events (`answer`, `example_answer`) however they are triggered — Gradio's queue (`queue/join`, whose
body names the event by number), `call/…` or `run/…` — under any mount (`/`, `/embed/`). Loading a
page, filling in an example or any other event costs nothing. The chat shows the refusal in its own
error toast. How long one answer may take is bounded by the Service (QA_ANSWER_TIMEOUT).
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from collections.abc import Callable
from typing import Any

from qa.errors import RateLimited
from qa.web.guard import _normal, send_json

ANSWERING = {"answer", "example_answer"}  # api_names of the chat's events that ask the engine
EVENT = re.compile(r"^(?P<mount>.*?)/gradio_api/(?:queue/join|(?:call/(?:v2/)?|run/|api/)(?P<name>[^/]+))/?$")
MAX_CLIENTS = 10_000  # buckets kept before full ones are forgotten


class RateLimit:
    """Token buckets per client address; `clock` is injectable so tests need no waiting."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic):
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # tokens per second
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # client → (tokens, when)
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """Spend one token of `client`: 0.0 when allowed, else the seconds until one is there."""
        if self.capacity <= 0:
            return 0.0
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - then) * self.rate)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                if len(self._buckets) > MAX_CLIENTS:
                    self._forget(now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def check(self, client: str) -> None:
        """Raise RateLimited (429, Retry-After) when `client` has no token left."""
        wait = self.take(client)
        if wait:
            limit = int(self.capacity)
            raise RateLimited(
                f"too many questions from this address: the limit is {limit} a minute (QA_RATE_LIMIT); "
                f"try again in {math.ceil(wait)} s",
                retry_after=wait,
            )

    def _forget(self, now: float) -> None:
        """Drop buckets that have filled up again (their clients are as good as new)."""
        for client, (tokens, then) in list(self._buckets.items()):
            if tokens + (now - then) * self.rate >= self.capacity:
                del self._buckets[client]


def answering_events(app: Any) -> dict[str, set[int]]:
    """Mount path → the numbers of the chat's answering events in that Gradio app (what a queue/join
    body names). Read from the mounted Blocks, so it follows the chat as it is built."""
    from starlette.routing import Mount

    out: dict[str, set[int]] = {}
    for route in getattr(app, "routes", []):
        blocks = getattr(getattr(route, "app", None), "get_blocks", None)
        if isinstance(route, Mount) and blocks is not None:
            fns = blocks().fns
            out[route.path.rstrip("/")] = {i for i, fn in fns.items() if fn.api_name in ANSWERING}
    return out


class AskLimit:
    """ASGI middleware counting questions per client address (see the module docstring). Placed
    inside Guard, so a body it reads has already passed the size and time limits."""

    def __init__(self, app, limiter: RateLimit):
        self.app, self.limiter = app, limiter
        self._events: dict[str, set[int]] | None = None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or self.limiter.capacity <= 0:
            return await self.app(scope, receive, send)
        path = _normal(scope["path"])
        counted, replay = path.rstrip("/") == "/api/ask", receive
        m = None if counted else EVENT.match(path)
        if m and m["name"] is not None:
            counted = m["name"] in ANSWERING
        elif m:  # queue/join: the body says which event
            body, more = b"", True
            while more:
                msg = await receive()
                if msg["type"] == "http.disconnect":
                    return
                body += msg.get("body", b"")
                more = msg.get("more_body", False)
            counted = self._answering(scope, m["mount"], body)
            replay = _replay(body, receive)
        if counted:
            client = (scope.get("client") or ("?", 0))[0]
            try:
                self.limiter.check(client)
            except RateLimited as e:
                headers = [(k.lower().encode(), v.encode()) for k, v in e.headers().items()]
                return await send_json(send, e.http_status, {"error": str(e)}, headers)
        await self.app(scope, replay, send)

    def _answering(self, scope, mount: str, body: bytes) -> bool:
        if self._events is None:
            self._events = answering_events(scope.get("app"))
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            return False  # Gradio refuses it itself
        fn = data.get("fn_index") if isinstance(data, dict) else None
        return isinstance(fn, int) and fn in self._events.get(mount.rstrip("/"), set())


def _replay(body: bytes, receive):
    sent = False

    async def again():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again
