"""FastAPI app factory: `/api`, `/docs`, `/widget.js` and the Gradio chat, behind origin checks.

One process, one uvicorn worker: Gradio keeps sessions and its queue in memory (DESIGN.md pitfall 4).
Framing is limited by a CSP `frame-ancestors` header and browser calls by Starlette's CORSMiddleware,
both from `settings.origins`; Gradio defers to a parent app's CORSMiddleware (pitfall 3).
"""

from __future__ import annotations

import html
import json
import logging
import sys
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel, Field

import qa  # (any qa.* import runs qa/__init__ first: offline, no telemetry, before gradio loads)
from qa.config import Settings
from qa.errors import QAError
from qa.model import Answer

if TYPE_CHECKING:
    from qa.answer import Engine  # imported lazily at run time: it pulls in torch and chromadb

log = logging.getLogger("qa.web")
STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY = 256 * 1024  # bytes accepted by /api/*: 20 turns of 2,000 characters fit easily
WARM_QUESTION = "简报介绍了哪些工作？"  # takes the text route, so the embedding model loads too


# -- the engine, loaded once in the background --------------------------------------------------
class Service:
    """The answer engine for one app: loaded in a background thread so pages never wait on it.

    Calls are serialised: the engine shares one SQLite connection, jieba and BM25 state between
    threads, and answering is CPU-bound (milliseconds for tables), so a lock costs little.
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        self.error: str = ""
        self._engine = None
        self._info: dict[str, Any] | None = None
        self._load_lock = threading.Lock()
        self._ask_lock = threading.Lock()
        self._start_lock = threading.Lock()
        self._warming: threading.Thread | None = None
        self._warmed = threading.Event()

    @property
    def ready(self) -> bool:
        """Loaded and warmed (the embedding model too): the next answer will not wait."""
        return self._engine is not None and self._warmed.is_set()

    def warm(self) -> None:
        """Start loading the engine (and the embedding model) without waiting for it."""
        with self._start_lock:
            if self._warming is None:
                self._warming = threading.Thread(target=self._warm, name="qa-warm", daemon=True)
                self._warming.start()

    def _warm(self) -> None:
        try:
            eng = self.engine()
            # The slow part (the embedding model, Chroma) loads outside the answer lock, so table
            # questions asked meanwhile are answered at once.
            eng.preload()
            with self._ask_lock:
                eng.ask(WARM_QUESTION, [])
            log.info("engine ready: %s", self.describe())
        except QAError as e:
            log.error("engine not available: %s", e)
        except Exception:  # a bug must not kill the server; questions will show the error
            log.exception("warming the engine failed")
        finally:
            self._warmed.set()

    def engine(self) -> Engine:
        """The loaded engine; raises IndexMissing/IndexStale/ModelError (each carries its HTTP status)."""
        from qa.answer import engine

        with self._load_lock:
            if self._engine is None:
                try:
                    self._engine = engine(self.settings)
                except QAError as e:
                    self.error = str(e)
                    raise
                self.error = ""
        return self._engine

    def ask(self, question: str, history: list | None = None) -> Answer:
        history = history or []
        eng = self.engine()  # its limits are these settings' (the engine cache is keyed by them)
        with self._ask_lock:
            return eng.ask(question, history)

    def info(self) -> dict[str, Any]:
        """What is indexed: bulletins (issue, month, file…) and data months."""
        if self._info is None:
            eng = self.engine()
            with self._ask_lock:  # the store's SQLite connection is shared with answering
                rows = eng.index.store.bulletins()
            bulletins = [
                {
                    "issue": b.issue,
                    "running": b.running,
                    "published": b.published,
                    "data_month": b.data_month,
                    "title": b.title,
                    "file": b.file,
                    "sha256": b.sha256,
                }
                for b in rows
            ]
            self._info = {"bulletins": bulletins, "months": list(eng.months)}
        return self._info

    def describe(self) -> str:
        """One line for people: which issues and data months are indexed."""
        info = self.info()
        issues = "、".join(b["issue"] for b in info["bulletins"]) or "无"
        months = "、".join(_month(m) for m in info["months"]) or "无"
        return f"已收录 {len(info['bulletins'])} 期简报（{issues}），数据月份：{months}。"


def _month(m: str) -> str:
    y, _, mo = m.partition("-")
    return f"{y}年{int(mo)}月" if mo.isdigit() else m


# -- index at start -----------------------------------------------------------------------------
def ensure_index(settings: Settings) -> None:
    """Build the index from the corpus when it is missing or stale, with progress in the terminal."""
    from qa.index import build, status

    state, why = status(settings)
    if state == "ok":
        print(f"index: up to date in {settings.index_dir}", file=sys.stderr)
        return
    print(f"index: {state} ({why}); building from {settings.corpus_dir} …", file=sys.stderr)
    rep = build(settings, progress=True)
    for f in rep.failures:
        print(f"error: {f}", file=sys.stderr)
    print(f"index: {rep.summary()}", file=sys.stderr)


# -- request and response shapes (they also document /docs) -------------------------------------
class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: str | list[dict[str, Any]] = Field(
        "", description="text, or Gradio's list of blocks [{'type': 'text', 'text': ...}]"
    )
    metadata: dict[str, Any] | None = Field(
        None, description="messages whose metadata has a title (the chat's 来源) are skipped"
    )


class AskRequest(BaseModel):
    question: str = Field(..., description="the question (limit: QA_MAX_QUESTION_CHARS, default 500)")
    history: list[Turn] = Field(
        default_factory=list, description="earlier turns, oldest first (limit: QA_MAX_HISTORY, default 20)"
    )

    model_config = {
        "json_schema_extra": {
            "examples": [
                {"question": "江苏省人民医院门急诊人次是多少？", "history": []},
                {
                    "question": "那住院收入呢？",
                    "history": [
                        {"role": "user", "content": "江苏省人民医院门急诊人次是多少？"},
                        {
                            "role": "assistant",
                            "content": "2025年6月，江苏省人民医院门急诊人次为 660405 人次。",
                        },
                    ],
                },
            ]
        }
    }


class SourceOut(BaseModel):
    issue: str
    title: str
    kind: Literal["table", "text"]
    text: str = Field(..., description="the quoted row or sentence")
    line: int


class AnswerOut(BaseModel):
    question: str
    answer: str
    found: bool = Field(..., description="false: a refusal (the bulletins do not say)")
    route: Literal["table", "text", "none"]
    sources: list[SourceOut]
    chart: dict | None = None  # a month series or a comparison as numbers (see README, API)


class ErrorOut(BaseModel):
    error: str


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "question or history refused (too long, empty…)"},
    413: {"model": ErrorOut, "description": f"request body larger than {MAX_BODY} bytes"},
    503: {"model": ErrorOut, "description": "index missing or stale, or the model cannot load"},
}


# -- middleware (pure ASGI: Gradio streams server-sent events, BaseHTTPMiddleware would buffer) ---
class BodyLimit:
    """Refuse /api requests whose body exceeds `limit` bytes with 413, chunked or not."""

    def __init__(self, app, limit: int = MAX_BODY, prefix: str = "/api/"):
        self.app, self.limit, self.prefix = app, limit, prefix

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > self.limit:
            return await self._refuse(int(declared), scope, receive, send)
        body, more = b"", True
        while more:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            body += msg.get("body", b"")
            more = msg.get("more_body", False)
            if len(body) > self.limit:
                return await self._refuse(len(body), scope, receive, send)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, size: int, scope, receive, send) -> None:
        msg = f"request body is {size} bytes or more; the limit is {self.limit} bytes"
        await JSONResponse({"error": msg}, status_code=413)(scope, receive, send)


class FrameAncestors:
    """Only the configured origins may frame our pages (Gradio sends no X-Frame-Options)."""

    def __init__(self, app, origins: list[str]):
        self.app = app
        self.csp = ("frame-ancestors 'self' " + " ".join(origins)).strip().encode()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(msg):
            if msg["type"] == "http.response.start":
                headers = [h for h in msg.get("headers", []) if h[0].lower() != b"content-security-policy"]
                headers += [
                    (b"content-security-policy", self.csp),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                ]
                msg = {**msg, "headers": headers}
            await send(msg)

        await self.app(scope, receive, send_with_headers)


# -- the app ------------------------------------------------------------------------------------
def create_app(settings: Settings | None = None, build: bool = True) -> FastAPI:
    """The whole site as one ASGI app. `build=True` first builds the index if missing or stale."""
    settings = settings or Settings.from_env()
    if build:
        ensure_index(settings)
    service = Service(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        service.warm()
        yield

    app = FastAPI(
        title="简报问答 API",
        version=qa.__version__,
        description="Exact answers, with sources, to questions about the 南京卫生信息化简报.",
        docs_url=None,  # FastAPI's page loads swagger-ui from a CDN; ours is served below, offline
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = service
    app.state.settings = settings

    @app.exception_handler(QAError)
    async def qa_error(_request: Request, exc: QAError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=exc.http_status)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = jsonable_encoder(exc.errors(), exclude={"input", "ctx", "url"})
        where = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', []) if p != 'body') or 'body'}: {e.get('msg', '')}"
            for e in errors
        )
        return JSONResponse({"error": f"invalid request: {where}", "detail": errors}, status_code=422)

    @app.post("/api/ask", response_model=AnswerOut, responses=ERRORS, tags=["api"])
    def ask(req: AskRequest) -> dict[str, Any]:
        """Answer one question; `history` makes follow-ups (「那住院收入呢？」) work. Same JSON as `qa ask --json`."""
        history = [t.model_dump(exclude_none=True) for t in req.history]
        return service.ask(req.question, history).to_dict()

    @app.get("/api/health", tags=["api"], responses={503: {"description": "loading or index unusable"}})
    def health() -> JSONResponse:
        """200 once the index is loaded (with what is indexed); 503 while loading or when unusable."""
        from qa.index import status

        state, why = status(settings)
        if service.ready:
            return JSONResponse({"status": "ok", "loaded": True, "index": state, **service.info()})
        service.warm()
        body = {"status": "error" if service.error else "loading", "loaded": False, "index": state}
        body["error" if service.error else "reason"] = service.error or why
        return JSONResponse(body, status_code=503)

    @app.get("/api/bulletins", tags=["api"], responses={503: {"model": ErrorOut}})
    def bulletins() -> dict[str, Any]:
        """The indexed bulletins (issue, data month, file, hash) and data months."""
        return service.info()

    @app.get("/widget.js", include_in_schema=False)
    def widget() -> FileResponse:
        return FileResponse(
            STATIC / "widget.js",
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=300"},
        )

    @app.get("/widget-demo", include_in_schema=False)
    def widget_demo() -> FileResponse:
        return FileResponse(STATIC / "host.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(api_docs(app.openapi()))

    @app.get("/embed", include_in_schema=False)
    def embed_slash() -> RedirectResponse:
        return RedirectResponse("/embed/")

    _mount_chat(app, service)

    # Added last = outermost: CORS answers preflights and decorates 413s and errors too.
    app.add_middleware(BodyLimit)
    app.add_middleware(FrameAncestors, origins=settings.origins)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
        max_age=600,
    )
    return app


def _mount_chat(app: FastAPI, service: Service) -> None:
    """The full chat at `/` and the compact one for the widget at `/embed/` (mounted first: "/" catches all)."""
    import gradio as gr

    from qa.web.chat import CSS, CSS_COMPACT, build_chat, theme

    s = service.settings
    common = dict(ssr_mode=False, run_history=False, footer_links=[], server_name=s.host, server_port=s.port)
    embed = build_chat(service, compact=True)
    gr.mount_gradio_app(app, embed, path="/embed", theme=theme(), css=CSS_COMPACT, **common)
    gr.mount_gradio_app(app, build_chat(service), path="/", theme=theme(), css=CSS, **common)


def api_docs(spec: dict[str, Any]) -> str:
    """A self-contained API reference rendered from the OpenAPI spec: no swagger-ui, no CDN."""
    e = html.escape
    parts = [
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>",
        f"<title>{e(spec['info']['title'])}</title>",
        "<style>body{font:15px/1.6 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "pre{background:#f4f4f5;padding:.75rem;overflow:auto}code{background:#f4f4f5}"
        "h2{border-top:1px solid #ddd;padding-top:1rem}</style></head><body>",
        f"<h1>{e(spec['info']['title'])} <small>{e(spec['info'].get('version', ''))}</small></h1>",
        f"<p>{e(spec['info'].get('description', ''))}</p>",
        "<p>Machine-readable: <a href='/openapi.json'>/openapi.json</a>. "
        'Errors are JSON <code>{"error": message}</code> with status 400 (bad question), '
        "413 (body too large), 422 (wrong types), 503 (index missing, stale or loading).</p>",
    ]
    schemas = spec.get("components", {}).get("schemas", {})
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            parts.append(f"<h2><code>{e(method.upper())} {e(path)}</code></h2>")
            parts.append(f"<p>{e(op.get('description') or op.get('summary', ''))}</p>")
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            ref = body.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
            if ref in schemas:
                examples = schemas[ref].get("examples") or []
                parts.append(f"<p>Body: <code>{e(ref)}</code></p>")
                parts.append(
                    f"<pre>{e(json.dumps(_fields(schemas, ref), ensure_ascii=False, indent=1))}</pre>"
                )
                for ex in examples[:2]:
                    data = e(json.dumps(ex, ensure_ascii=False))
                    parts.append(
                        f"<pre>curl -s http://HOST:PORT{e(path)} -H 'Content-Type: application/json' "
                        f"-d '{data}'</pre>"
                    )
            for code, resp in op.get("responses", {}).items():
                parts.append(f"<p><b>{e(code)}</b> {e(resp.get('description', ''))}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _fields(schemas: dict, name: str) -> dict[str, str]:
    """field → type/description, one level deep, for the docs page."""
    out = {}
    for k, v in schemas[name].get("properties", {}).items():
        kind = v.get("type") or " | ".join(
            x.get("type", x.get("$ref", "").rsplit("/", 1)[-1]) for x in v.get("anyOf", [])
        )
        out[k] = f"{kind}{' — ' + v['description'] if v.get('description') else ''}"
    return out
