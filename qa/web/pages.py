"""Served pages name no outside host.

Gradio's page template carries social-media preview tags (`og:url` https://gradio.app/, `og:image` and
`twitter:image` on raw.githubusercontent.com, `twitter:creator`): nothing fetches them while the page
is shown, but a link preview (a chat client unfurling the intranet address) would, and an intranet page
has no business naming them. LocalPages removes every `og:` and `twitter:` meta tag from the HTML the
app sends; the page title stays. Only complete `text/html` responses are touched (Gradio's event
streams are `text/event-stream` and pass through as they come).
"""

from __future__ import annotations

import re

SOCIAL_META = re.compile(
    rb"""<meta\s[^>]*?(?:property|name)\s*=\s*["'](?:og|twitter):[^>]*>\s*""", re.I | re.S
)


def local_html(body: bytes) -> bytes:
    """The page without its social-preview meta tags."""
    return SOCIAL_META.sub(b"", body)


class LocalPages:
    """ASGI middleware applying local_html to every HTML response (Content-Length recomputed)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start: dict | None = None
        chunks: list[bytes] = []

        async def rewrite(msg):
            nonlocal start
            if msg["type"] == "http.response.start":
                headers = dict(msg.get("headers", []))
                html = headers.get(b"content-type", b"").startswith(b"text/html")
                if html and not headers.get(b"content-encoding"):
                    start = msg
                    return None
                return await send(msg)
            if start is None or msg["type"] != "http.response.body":
                return await send(msg)
            chunks.append(msg.get("body", b""))
            if msg.get("more_body", False):
                return None
            body = local_html(b"".join(chunks))
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            return await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, rewrite)
