"""FastAPI app factory: `/api`, `/docs`, `/widget.js` and the Gradio chat, behind origin checks.

One process, one uvicorn worker: Gradio keeps sessions and its queue in memory (DESIGN.md pitfall 4).
Framing is limited by a CSP `frame-ancestors` header and browser calls by Starlette's CORSMiddleware,
both from `settings.origins`; Gradio defers to a parent app's CORSMiddleware (pitfall 3). In front of
everything (qa/web/guard.py): the Host check, closed upload routes and the body and history limits.
Every error is `{"error": message}` with no traceback and no absolute path.
"""

from __future__ import annotations

import html
import json
import logging
import re
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

import qa  # (any qa.* import runs qa/__init__ first: offline, no telemetry, before gradio loads)
from qa.config import ROOT, Settings
from qa.errors import AnswerTimeout, QAError
from qa.inputs import check_history, check_question, scrub
from qa.model import Answer
from qa.web.admin import include as include_admin
from qa.web.guard import MAX_BODY, ErrorShape, FrameAncestors, Guard, HostCheck, served_hosts

if TYPE_CHECKING:
    from qa.answer import Engine  # imported lazily at run time: it pulls in torch and chromadb

log = logging.getLogger("qa.web")
STATIC = Path(__file__).resolve().parent / "static"
WARM_QUESTION = "简报介绍了哪些工作？"  # takes the text route, so the embedding model loads too
RETRY_WARM = 10.0  # seconds between attempts to load an engine that failed
API_METHODS = {"/api/ask": "POST", "/api/health": "GET", "/api/bulletins": "GET, POST"}
INTERNAL = "internal error; the server log has the details"
UNREADABLE = "the index cannot be read right now; the server log has the details"
ABS_PATH = re.compile(r"(?<![\w.~:/-])(?:/[^\s'\"`/,;:()（）]+){3,}")


# -- what users may see of an error ---------------------------------------------------------------
def public(message: str, settings: Settings) -> str:
    """An error message fit for a browser: folders by their last name, no absolute path."""
    known = {
        settings.index_dir,
        settings.corpus_dir,
        settings.embedding_model,
        ROOT,
        Path(tempfile.gettempdir()),
    }
    paths = {str(x) for p in known if p for x in (Path(p), Path(p).resolve())}
    for p in sorted(paths, key=len, reverse=True):
        if len(p) > 1:
            message = message.replace(p, Path(p).name or p)
    return ABS_PATH.sub(lambda m: m[0].rsplit("/", 1)[-1], message)


def failure(exc: BaseException, settings: Settings) -> tuple[int, str]:
    """(HTTP status, message) for any exception: a QAError as itself, a storage error as 503, anything
    else as 500. Raw messages of SQLite, Chroma or the OS stay in the server log."""
    if isinstance(exc, QAError):
        return exc.http_status, public(str(exc), settings)
    try:
        from chromadb.errors import ChromaError
    except ImportError:  # pragma: no cover - chromadb is a dependency
        ChromaError = sqlite3.Error  # noqa: N806
    if isinstance(exc, sqlite3.Error | OSError | ChromaError):
        return 503, UNREADABLE
    return 500, INTERNAL


class SafeJSON(JSONResponse):
    """JSON that can always be written: text with a lone surrogate falls back to \\u escapes."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except UnicodeEncodeError:
            return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode()


def _usable(gen: Path) -> bool:
    """The generation's files are still there (cheap: asked before every question)."""
    return (gen / "bulletins.sqlite").is_file() and (gen / "chroma" / "chroma.sqlite3").is_file()


# -- the engine, loaded once in the background --------------------------------------------------
class Service:
    """The answer engine for one app: loaded in a background thread so pages never wait on it.

    Calls are serialised: the engine shares one SQLite connection, jieba and BM25 state between
    threads, and answering is CPU-bound (milliseconds for tables), so a lock costs little.

    It follows the index: when `qa ingest` points `current` at a new generation, the new one is opened
    in the background and swapped in; when the generation in use has been removed (ingests keep only
    QA_KEEP_GENERATIONS), the current one is opened before answering.
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
        self._reloading: threading.Thread | None = None
        self._unopenable: Path | None = None  # a generation that failed to open: not retried
        self._ready = False
        self._tried = 0.0

    @property
    def ready(self) -> bool:
        """Loaded and warmed (the embedding model too): the next answer will not wait."""
        return self._engine is not None and self._ready

    def warm(self) -> None:
        """Start loading the engine (and the embedding model) without waiting for it; after a failure,
        try again at most every RETRY_WARM seconds."""
        with self._start_lock:
            busy = self._warming is not None and self._warming.is_alive()
            if self._ready or busy or (self._tried and time.monotonic() - self._tried < RETRY_WARM):
                return
            self._tried = time.monotonic()
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
            self._ready, self.error = True, ""
            log.info("engine ready: %s", self.describe())
        except QAError as e:
            self.error = str(e)
            log.error("engine not available: %s", e)
        except Exception as e:  # a bug or a broken index must not kill the server; health reports it
            self.error = f"the engine failed to load ({type(e).__name__}); the server log has the details"
            log.exception("warming the engine failed")

    def engine(self) -> Engine:
        """The loaded engine; raises IndexMissing/IndexStale/ModelError (each carries its HTTP status)."""
        from qa.answer import engine

        with self._load_lock:
            if self._engine is not None and not _usable(self._engine.index.gen):
                log.warning(
                    "index generation %s was removed; opening the current one", self._engine.index.gen.name
                )
                self._engine, self._info = None, None
            if self._engine is None:
                try:
                    self._engine = engine(self.settings)
                except QAError as e:
                    self.error = str(e)
                    raise
                self._info = None
            else:
                self._follow_current(self._engine)
            return self._engine

    def _follow_current(self, eng: Engine) -> None:
        from qa.index import current_dir, incomplete

        cur = current_dir(self.settings)
        if cur is None or cur == eng.index.gen or cur == self._unopenable or incomplete(cur):
            return
        if self._reloading is None or not self._reloading.is_alive():
            self._reloading = threading.Thread(target=self._reload, name="qa-reload", daemon=True)
            self._reloading.start()

    def _reload(self) -> None:
        """Open the generation `current` now points at and swap it in; the old one serves meanwhile."""
        from qa.answer import engine
        from qa.index import current_dir

        cur = current_dir(self.settings)
        try:
            new = engine(self.settings)
            new.preload()
        except Exception as e:  # e.g. stale against a corpus changed since: not retried for this one
            self._unopenable = cur
            log.error("cannot open the new index generation (still serving the previous one): %s", e)
            return
        with self._load_lock:
            self._engine, self._info = new, None
        log.info("now serving index generation %s", new.index.gen.name)

    def ask(self, question: str, history: list | None = None) -> Answer:
        """The answer, within QA_ANSWER_TIMEOUT seconds from now, waiting for its turn included
        (AnswerTimeout otherwise: one slow question does not hold everybody's turn for long)."""
        history = history or []
        deadline = time.monotonic() + self.settings.answer_timeout
        eng = self.engine()  # its limits are these settings' (the engine cache is keyed by them)
        try:
            with self._turn(deadline):
                return eng.ask(question, history, deadline)
        except QAError:
            raise
        except Exception:
            if _usable(eng.index.gen):
                raise
            log.warning("index generation %s went away during a question; asking again", eng.index.gen.name)
        eng = self.engine()
        with self._turn(deadline):
            return eng.ask(question, history, deadline)

    @contextmanager
    def _turn(self, deadline: float) -> Iterator[None]:
        """The answer lock, waited for until `deadline` at most."""
        if not self._ask_lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise AnswerTimeout(
                "the server is busy answering other questions; try again in a few seconds",
                retry_after=5,
            )
        try:
            yield
        finally:
            self._ask_lock.release()

    def follow(self, timeout: float) -> str:
        """Switch to the generation `current` points at now, waiting up to `timeout` seconds, and
        return the name of the one served (an upload's job is done only once it is the new one)."""
        from qa.index import current_dir

        deadline = time.monotonic() + timeout
        while True:
            eng = self.engine()  # starts the switch in the background when `current` has moved
            cur = current_dir(self.settings)
            if cur is None or cur == eng.index.gen or cur == self._unopenable or time.monotonic() > deadline:
                return eng.index.gen.name
            loading = self._reloading
            if loading is not None and loading.is_alive():
                loading.join(max(0.0, deadline - time.monotonic()))
            else:
                time.sleep(0.05)  # `current` is still being completed by its writer

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

    def state(self) -> dict[str, Any]:
        """How the loaded index is read: from a private copy when its folder is read-only, and which
        files failed to parse when it was built."""
        from qa.index import current_dir

        eng = self.engine()
        cur = current_dir(self.settings)
        return {
            "generation": eng.index.gen.name,
            "current": cur.name if cur else None,  # differs from generation while switching
            "read_only": bool(getattr(eng.index, "read_only", False)),
            "failed": sorted(eng.index.manifest.get("failed", {})),
        }

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
    """Build the index from the corpus when it is missing, incomplete or stale, with progress in the
    terminal; parse failures are printed on every start until the file is fixed or removed."""
    from qa.index import build, current_dir, failures_of, read_manifest, status

    state, why = status(settings)
    if state == "ok":  # no lock taken: a read-only index folder is served as it is
        print(f"index: {why} in {settings.index_dir}", file=sys.stderr)  # up to date, or no corpus to judge
        failures = failures_of(read_manifest(current_dir(settings)))
    else:
        print(f"index: {state} ({why}); building from {settings.corpus_dir} …", file=sys.stderr)
        rep = build(settings, progress=True)
        failures = rep.failures
        print(f"index: {rep.summary()}", file=sys.stderr)
    for f in failures:
        print(f"error: {f}", file=sys.stderr)


# -- request and response shapes (they also document /docs) -------------------------------------
class Block(BaseModel):
    """One block of Gradio's list content; blocks without text (files) are ignored."""

    model_config = ConfigDict(extra="allow")
    type: str = "text"
    text: str = ""


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: str | list[Block] = Field(
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
    400: {"model": ErrorOut, "description": "question or history refused (too long, empty, invalid text…)"},
    413: {"model": ErrorOut, "description": f"request body larger than {MAX_BODY} bytes"},
    500: {"model": ErrorOut, "description": "internal error (details in the server log only)"},
    503: {"model": ErrorOut, "description": "index missing, stale or unreadable, or the model cannot load"},
}


# -- the app ------------------------------------------------------------------------------------
def create_app(settings: Settings | None = None, build: bool = True) -> FastAPI:
    """The whole site as one ASGI app. `build=True` first builds the index if missing or stale."""
    if settings is None:  # `uvicorn app:app`: QA_* only; the index's own corpus unless one is set
        import os

        from qa.config import DOC
        from qa.index import reading

        settings = reading(Settings.from_env(), bool(os.environ.get(DOC["corpus_dir"][0])))
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
        default_response_class=SafeJSON,
    )
    app.state.service = service
    app.state.settings = settings

    @app.exception_handler(QAError)
    async def qa_error(_request: Request, exc: QAError) -> JSONResponse:
        status, message = failure(exc, settings)
        body = {"error": message, **scrub(exc.details())}
        return SafeJSON(body, status_code=status, headers=exc.headers())

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = scrub(jsonable_encoder(exc.errors(), exclude={"input", "ctx", "url"}))
        where = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', []) if p != 'body') or 'body'}: {e.get('msg', '')}"
            for e in errors
        )
        return SafeJSON({"error": f"invalid request: {where}", "detail": errors}, status_code=422)

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error", exc_info=exc)
        status, message = failure(exc, settings)
        return SafeJSON({"error": message}, status_code=status)

    @app.post("/api/ask", response_model=AnswerOut, responses=ERRORS, tags=["api"])
    def ask(req: AskRequest) -> Any:
        """Answer one question; `history` makes follow-ups (「那住院收入呢？」) work. Same JSON as `qa ask --json`."""
        question = check_question(req.question)
        history = check_history([t.model_dump(exclude_none=True) for t in req.history], settings.max_history)
        try:
            return scrub(service.ask(question, history).to_dict())
        except QAError:
            raise
        except Exception as e:
            log.exception("answering %r failed", question[:80])
            status, message = failure(e, settings)
            return SafeJSON({"error": message}, status_code=status)

    @app.get("/api/health", tags=["api"], responses={503: {"description": "loading or index unusable"}})
    def health() -> JSONResponse:
        """200 once the index is loaded (with what is indexed); 503 while loading or when unusable."""
        from qa.index import status

        try:
            state, why = status(settings)
        except QAError as e:
            state, why = "error", str(e)
        if service.ready:
            try:
                body = {"status": "ok", "loaded": True, "index": state, **service.state(), **service.info()}
                return SafeJSON(body)
            except Exception as e:  # the index went away under us: say so, reload on the next call
                code, message = failure(e, settings)
                return SafeJSON({"status": "error", "loaded": False, "index": state, "error": message}, code)
        service.warm()
        body = {"status": "error" if service.error else "loading", "loaded": False, "index": state}
        body["error" if service.error else "reason"] = public(service.error or why, settings)
        return SafeJSON(body, status_code=503)

    @app.get("/api/bulletins", tags=["api"], responses={503: {"model": ErrorOut}})
    def bulletins() -> dict[str, Any]:
        """The indexed bulletins (issue, data month, file, hash) and data months."""
        return service.info()

    include_admin(app, service)  # upload, jobs, remove, /admin; question limit (before the catch-all)

    @app.api_route(
        "/api/{rest:path}",
        methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        include_in_schema=False,
    )
    def api_other(request: Request, rest: str) -> JSONResponse:
        """Unknown /api paths and wrong methods, in the API's error shape (not Gradio's 404 page)."""
        path = "/api/" + rest
        if path in API_METHODS:
            allowed = API_METHODS[path]
            return SafeJSON(
                {"error": f"{request.method} is not allowed on {path}; use {allowed}"},
                status_code=405,
                headers={"Allow": allowed},
            )
        return SafeJSON({"error": f"no API endpoint {path[:100]!r}; see /docs"}, status_code=404)

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

    from qa.web.tables import router as tables_router  # /tables and its downloads (issue 12)

    app.include_router(tables_router(settings))
    _mount_chat(app, service)

    # Added last = outermost. The Host check first; CORS then answers preflights and decorates the
    # guard's refusals (413, 403) and errors too.
    app.add_middleware(Guard, settings=settings)
    app.add_middleware(ErrorShape)
    app.add_middleware(FrameAncestors, origins=settings.origins)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
        max_age=600,
    )
    app.add_middleware(HostCheck, hosts=served_hosts(settings))
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
        'Errors are JSON <code>{"error": message}</code> (with <code>file</code>, <code>line</code>, '
        "<code>field</code> where they are known) with status 400 (bad question), 401/403 (admin token "
        "missing or admin closed), 404, 409 (issue already indexed: send again with replace=true), "
        "413 (body too large), 415 (not a bulletin format), 422 (wrong types, a file that does not "
        "parse), 429 (too many questions: Retry-After), 503 (index missing, stale or loading; busy: "
        "Retry-After).</p>",
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
