"""ASGI middleware between the network and the app: served host names, closed upload routes, request
size, history length and read-time limits on every route (Gradio's included), and one error shape.

Pure ASGI rather than BaseHTTPMiddleware: Gradio streams server-sent events, which BaseHTTPMiddleware
would buffer. Every refusal here is JSON `{"error": message}`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import json
import re
import socket
from collections.abc import Iterable
from typing import Any

from qa.config import WILDCARD_HOSTS, Settings

MAX_BODY = 256 * 1024  # bytes of any request body: 20 turns of 2,000 characters fit easily
UPLOADS = re.compile(r"/(?:upload|upload_progress|process_recording)/?$")  # Gradio's file routes
GRADIO = "/gradio_api/"


async def send_json(
    send, status: int, body: dict[str, Any], headers: Iterable[tuple[bytes, bytes]] = ()
) -> None:
    """A complete JSON response, written without Starlette (works before routing, on any path)."""
    data = json.dumps(body, ensure_ascii=True).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


def chat_message_limit(settings: Settings) -> int:
    """Most messages a chat request may carry. The chat keeps 3 messages per exchange (question,
    answer, folded sources) for `max_history` exchanges and trims older ones, plus the new question."""
    return 3 * settings.max_history + 3


# -- served names --------------------------------------------------------------------------------
def served_hosts(settings: Settings) -> set[str]:
    """Host names this app answers to: localhost, QA_HOST, the allowed origins' hosts and, when bound
    to every interface, this machine's own names (IP addresses pass anyway, see HostCheck). Any other
    name in a Host header is a DNS-rebinding attempt (a foreign name resolving to us) and is refused."""
    hosts = {"localhost", "127.0.0.1", "::1", settings.host.lower()}
    for origin in settings.allowed_origins:
        hosts.add(_host_of(origin.split("://", 1)[-1]))
    if settings.host in WILDCARD_HOSTS:
        hosts.add(socket.gethostname().lower())
        with contextlib.suppress(OSError):
            hosts.add(socket.getfqdn().lower())
    return {h.strip("[]").rstrip(".") for h in hosts if h}


def _host_of(hostport: str) -> str:
    """The host part of a Host header value or origin authority, lower case, IPv6 without brackets."""
    h = hostport.strip().lower()
    if h.startswith("["):
        return h[1 : h.find("]")] if "]" in h else h
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class HostCheck:
    """400 for a Host header that names none of the served hosts (also with no Host at all).

    An IP address is always accepted: a browser sends one only when the user typed it, and a page can
    then only talk to its own origin, so rebinding needs a name. That keeps http://192.168.1.20:7860
    working on a LAN without listing every address of the machine."""

    def __init__(self, app, hosts: set[str]):
        self.app, self.hosts = app, hosts

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        raw = dict(scope["headers"]).get(b"host", b"")
        host = _host_of(raw.decode("latin-1")).rstrip(".")
        if host in self.hosts or _is_ip(host):
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            return await send({"type": "websocket.close", "code": 1008})
        shown = raw.decode("latin-1")[:100]
        await send_json(
            send,
            400,
            {
                "error": f"host {shown!r} is not served here; add the address users type "
                "(scheme://host[:port]) to QA_ALLOWED_ORIGINS"
            },
        )


# -- requests --------------------------------------------------------------------------------------
def _normal(path: str) -> str:
    return re.sub(r"/{2,}", "/", path)


def bearer_ok(token: bytes, authorization: bytes) -> bool:
    """Whether an Authorization header carries exactly this bearer token (compared in constant time);
    never true for an empty token (admin closed)."""
    scheme, _, given = authorization.partition(b" ")
    return bool(token) and scheme.lower() == b"bearer" and hmac.compare_digest(given.strip(), token)


class Guard:
    """Closed upload routes, and limits on every request body.

    - Gradio's `/gradio_api/upload` (under any mount path) takes any file from anyone, multipart being
      a request any page may send cross-origin: it and every multipart request are refused, 403 while
      no QA_ADMIN_TOKEN is set and 401 without `Authorization: Bearer <QA_ADMIN_TOKEN>` otherwise. A
      page on another origin cannot send that header (CORS allows only Content-Type).
    - A body over `limit` bytes is 413, declared or counted while reading (an admin's upload: over
      QA_MAX_BULLETIN_MB); a body not received within `timeout` seconds is 408, so slow clients do not
      hold a worker (an admin's upload only needs to keep sending: a pause of `timeout` ends it).
    - `/api` JSON nested too deeply is 422; a Gradio request carrying a list longer than `messages`
      (the chat's history) is 400, before Gradio parses it.
    """

    def __init__(self, app, settings: Settings, limit: int = MAX_BODY):
        self.app, self.limit = app, limit
        self.timeout = settings.request_timeout
        self.messages = chat_message_limit(settings)
        self.token = settings.admin_token.encode()
        self.upload_limit = int(settings.max_bulletin_mb * 1024 * 1024)

    def _admin(self, headers: dict[bytes, bytes]) -> tuple[int, str, list] | None:
        """None for an admin (the configured bearer token); otherwise the refusal to send."""
        if not self.token:
            return 403, "uploads are closed on this server", []
        if bearer_ok(self.token, headers.get(b"authorization", b"")):
            return None
        return (
            401,
            "uploads need the admin token (Authorization: Bearer …)",
            [(b"www-authenticate", b"Bearer")],
        )

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = _normal(scope["path"])
        headers = dict(scope["headers"])
        ctype = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        limit, admin = self.limit, False
        if UPLOADS.search(path) or ctype == b"multipart/form-data":
            refusal = self._admin(headers)
            if refusal:
                return await send_json(send, refusal[0], {"error": refusal[1]}, refusal[2])
            limit, admin = self.upload_limit, True
        declared = headers.get(b"content-length")
        if declared is None and b"transfer-encoding" not in headers:
            return await self.app(scope, receive, send)  # no body (GET, SSE streams): nothing to hold
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await self._too_large(int(declared), limit, send)
        body = await self._read(receive, send, limit, admin)
        if body is None:
            return
        problem = self._check(path, ctype, body)
        if problem:
            return await send_json(send, problem[0], {"error": problem[1]})
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _read(self, receive, send, limit: int, admin: bool = False) -> bytes | None:
        """The whole body, or None once a 413/408 has been sent (or the client went away). Everyone
        has `timeout` seconds for the whole body; an admin's upload, `timeout` for each part."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        body, more = b"", True
        while more:
            if admin:
                deadline = loop.time() + self.timeout
            try:
                msg = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                await send_json(
                    send,
                    408,
                    {"error": f"request body not received within {self.timeout:g} s (QA_REQUEST_TIMEOUT)"},
                    [(b"connection", b"close")],
                )
                return None
            if msg["type"] == "http.disconnect":
                return None
            body += msg.get("body", b"")
            more = msg.get("more_body", False)
            if len(body) > limit:
                await self._too_large(len(body), limit, send)
                return None
        return body

    async def _too_large(self, size: int, limit: int, send) -> None:
        msg = f"request body is {size} bytes or more; the limit is {limit} bytes"
        await send_json(send, 413, {"error": msg}, [(b"connection", b"close")])

    def _check(self, path: str, ctype: bytes, body: bytes) -> tuple[int, str] | None:
        api, gradio = path.startswith("/api/"), GRADIO in path
        if not (api or gradio) or ctype != b"application/json" or not body.strip():
            return None
        try:
            data = json.loads(body)
        except RecursionError:
            return 422, "invalid request: JSON nested too deeply"
        except UnicodeDecodeError as e:
            return 422, f"invalid request: the body is not UTF-8 (byte {e.start + 1})"
        except ValueError:
            return None  # FastAPI and Gradio answer malformed JSON themselves (422, with details)
        if gradio and isinstance(data, dict):
            longest = _longest_list(data.get("data"))
            if longest > self.messages:
                return (
                    400,
                    f"the conversation has {longest} messages; the limit is {self.messages} "
                    "(3 per exchange for QA_MAX_HISTORY exchanges): clear the chat to go on",
                )
        return None


def _longest_list(value: Any) -> int:
    """Length of the longest list anywhere inside value (iterative: no recursion limit to hit)."""
    longest, stack = 0, [value]
    while stack:
        v = stack.pop()
        if isinstance(v, list):
            longest = max(longest, len(v))
            stack.extend(v)
        elif isinstance(v, dict):
            stack.extend(v.values())
    return longest


# -- responses -------------------------------------------------------------------------------------
class ErrorShape:
    """Error responses outside Gradio's own protocol as `{"error": …}`: FastAPI's and Starlette's
    `{"detail": "Not Found"}` (e.g. from the catch-all Gradio mount) become `{"error": "Not Found"}`."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or GRADIO in _normal(scope["path"]):
            return await self.app(scope, receive, send)
        start: dict | None = None
        chunks: list[bytes] = []

        async def reshape(msg):
            nonlocal start
            if msg["type"] == "http.response.start":
                ctype = dict(msg.get("headers", [])).get(b"content-type", b"")
                if msg["status"] >= 400 and ctype.startswith(b"application/json"):
                    start = msg
                    return
                return await send(msg)
            if start is None:
                return await send(msg)
            chunks.append(msg.get("body", b""))
            if msg.get("more_body", False):
                return
            body = b"".join(chunks)
            try:
                data = json.loads(body)
            except ValueError:
                data = None
            if isinstance(data, dict) and "detail" in data and "error" not in data:
                detail = data["detail"]
                data = {
                    "error": detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False)
                }
                body = json.dumps(data, ensure_ascii=False).encode()
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, reshape)


class FrameAncestors:
    """Only the configured origins may frame our pages (Gradio sends no X-Frame-Options). The origins
    were validated by qa.config (scheme://host[:port] only), so nothing else can enter the header. A
    page's own policy (the admin page's `default-src 'self'`) is kept; its frame-ancestors is ours."""

    def __init__(self, app, origins: list[str]):
        self.app = app
        self.csp = ("frame-ancestors 'self' " + " ".join(origins)).strip().encode()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(msg):
            if msg["type"] == "http.response.start":
                own = [v for k, v in msg.get("headers", []) if k.lower() == b"content-security-policy"]
                headers = [h for h in msg.get("headers", []) if h[0].lower() != b"content-security-policy"]
                kept = [d.strip() for v in own for d in v.split(b";") if d.strip()]  # a page's own policy
                kept = [d for d in kept if not d.lower().startswith(b"frame-ancestors")]
                headers += [
                    (b"content-security-policy", b"; ".join([*kept, self.csp])),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                ]
                msg = {**msg, "headers": headers}
            await send(msg)

        await self.app(scope, receive, send_with_headers)
