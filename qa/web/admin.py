"""The admin side of the web app: bulletins uploaded, previewed, replaced and removed from the browser,
indexed in a background job while the server goes on answering, and the admin page that does it.

    POST   /api/bulletins/preview   multipart `file` → 200 what was understood (nothing stored)
    POST   /api/bulletins           multipart `file` [, replace=true] → 202 {"job": id}
    GET    /api/jobs/{id}           {"status": "running"|"done"|"failed", "progress", "stage", "report"}
    DELETE /api/bulletins/{issue}   → 202 {"job": id}   (the issue, 2025年第9期, or its file name)
    GET    /admin                   the page (its calls carry the token the admin types in)

Every admin call needs `Authorization: Bearer <QA_ADMIN_TOKEN>` (401 otherwise, 403 while no token is
set; Guard refuses multipart bodies before they are read). `GET /api/bulletins`, what is indexed,
stays public: the chat says as much on its first line.

A job stores the file in the corpus folder (qa.corpus: atomic, the replaced file kept), builds a new
index generation with qa.index.build (the index's lock, vectors reused, the old generation serving
meanwhile) and reports done only once this server answers from the new generation. When the build
fails, the corpus folder is put back as it was, so it matches the index still serving.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse

from qa import corpus
from qa.config import Settings
from qa.errors import Conflict, NotAllowed, NotFound, ParseError, QAError, Unauthorized
from qa.jobs import Job, Jobs, Step
from qa.web.guard import bearer_ok
from qa.web.limits import AskLimit, RateLimit
from qa.web.pages import LocalPages

if TYPE_CHECKING:
    from qa.web.app import Service

log = logging.getLogger("qa.admin")
STATIC = Path(__file__).resolve().parent / "static"
FOLLOW_TIMEOUT = 300.0  # seconds a job waits for the server to open the generation it built
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'"
)
ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "no `Authorization: Bearer <QA_ADMIN_TOKEN>`, or another token"},
    403: {"description": "QA_ADMIN_TOKEN is not set: the admin API is closed"},
}


def _admin_client(request: Request) -> str:
    """FastAPI dependency: the address of a caller holding the admin token (see Admin.authorize)."""
    return request.app.state.admin.authorize(request)


AdminClient = Annotated[str, Depends(_admin_client)]
BulletinFile = Annotated[UploadFile, File(description="the bulletin: .txt, .docx, .pdf or .doc")]


def include(app: FastAPI, service: Service) -> None:
    """Add the admin API and page, the per-client question limit and the page rewriting to `app`.

    Called before the app's catch-all `/api` route and the Gradio mounts (routes match in order), and
    before its outer middleware, so the question limit runs inside Guard's body limits."""
    settings = service.settings
    admin = Admin(service)
    app.state.admin = admin
    app.state.limiter = limiter = RateLimit(settings.rate_limit)
    app.include_router(admin.router())
    app.add_middleware(AskLimit, limiter=limiter)
    app.add_middleware(LocalPages)


class Admin:
    """The admin routes of one app and the jobs they start."""

    def __init__(self, service: Service):
        self.service = service
        self.settings: Settings = service.settings
        self.jobs = Jobs(describe=self._describe)

    # -- who may -----------------------------------------------------------------------------------
    def authorize(self, request: Request) -> str:
        """The client address of an admin; NotAllowed (403) while no token is set, Unauthorized (401)
        without it. Refusals are logged (never the token sent)."""
        client = request.client.host if request.client else "?"
        if not self.settings.admin_token:
            raise NotAllowed("the admin API is closed on this server: set QA_ADMIN_TOKEN to open it")
        if not bearer_ok(
            self.settings.admin_token.encode(), request.headers.get("authorization", "").encode()
        ):
            corpus.audit(
                self.settings, "refused", client=client, request=f"{request.method} {request.url.path}"
            )
            raise Unauthorized("admin calls need the admin token (Authorization: Bearer …)")
        return client

    def _describe(self, e: BaseException) -> tuple[str, dict[str, Any]]:
        from qa.web.app import failure

        return failure(e, self.settings)[1], e.details() if isinstance(e, QAError) else {}

    # -- routes ------------------------------------------------------------------------------------
    def router(self) -> APIRouter:
        r = APIRouter()

        @r.get("/admin", include_in_schema=False)
        def page() -> FileResponse:
            return FileResponse(
                STATIC / "admin.html",
                media_type="text/html; charset=utf-8",
                headers={"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-store"},
            )

        @r.get("/admin/{name}", include_in_schema=False, response_model=None)
        def asset(name: str) -> FileResponse | JSONResponse:
            kinds = {"admin.js": "text/javascript", "admin.css": "text/css"}
            if name not in kinds:
                return JSONResponse({"error": f"no admin file {name[:60]!r}"}, status_code=404)
            return FileResponse(STATIC / name, media_type=f"{kinds[name]}; charset=utf-8")

        @r.post("/api/bulletins/preview", tags=["admin"], responses=ADMIN_ERRORS)
        async def preview(client: AdminClient, file: BulletinFile) -> dict[str, Any]:
            """What the parser understood of a bulletin file (masthead, articles, each table with its
            row count and warnings) and which indexed issue it would replace; nothing is stored."""
            up = await self._checked(file)
            try:
                existing = await run_in_threadpool(self._existing, up.bulletin.issue)
            finally:
                up.discard()
            corpus.audit(self.settings, "preview", up.name, up.sha256, issue=up.bulletin.issue, client=client)
            return {
                "preview": corpus.preview(up.bulletin),
                "existing": existing,
                "replace": bool(existing),
                "sha256": up.sha256,
                "size": up.size,
            }

        @r.post("/api/bulletins", status_code=202, tags=["admin"], responses=ADMIN_ERRORS)
        async def upload(
            client: AdminClient,
            file: BulletinFile,
            replace: Annotated[
                bool, Form(description="true: replace the indexed issue of that number")
            ] = False,
            replace_q: Annotated[bool, Query(alias="replace")] = False,
        ) -> dict[str, Any]:
            """Add a bulletin: checked and parsed now (422 naming file and line if it is broken; 409 if
            its issue is indexed and `replace` is not true), then stored and indexed in a job."""
            up = await self._checked(file)
            try:
                existing = await run_in_threadpool(self._existing, up.bulletin.issue)
                if existing and not (replace or replace_q):
                    raise self._conflict(up, existing)
                await run_in_threadpool(self._corpus_holds_index)
            except BaseException:
                up.discard()
                raise
            job = self.jobs.submit(
                "upload",
                lambda step: self._upload(up, replace or replace_q, step),
                up.name,
                announce=lambda job: corpus.audit(
                    self.settings,
                    "upload",
                    up.name,
                    up.sha256,
                    issue=up.bulletin.issue,
                    replace=[e["file"] for e in existing],
                    client=client,
                    job=job.id,
                ),
            )
            return {"job": job.id, "preview": corpus.preview(up.bulletin)}

        @r.delete("/api/bulletins/{issue}", status_code=202, tags=["admin"], responses=ADMIN_ERRORS)
        def delete(issue: str, client: AdminClient) -> dict[str, Any]:
            """Remove an issue (named as indexed, 2025年第9期, or by its file name) from the index; its
            file moves to the corpus folder's .archive."""
            files = self._files_of(issue)
            job = self.jobs.submit(
                "remove",
                lambda step: self._remove(issue, step),
                ", ".join(files),
                announce=lambda job: corpus.audit(
                    self.settings, "remove", ", ".join(files), issue=issue, client=client, job=job.id
                ),
            )
            return {"job": job.id, "files": files}

        @r.get("/api/jobs/{job_id}", tags=["admin"], responses=ADMIN_ERRORS)
        def job(job_id: str, _client: AdminClient) -> dict[str, Any]:
            """A job's status (running, done, failed), progress (0–1), stage and report."""
            found: Job | None = self.jobs.get(job_id)
            if found is None:
                raise NotFound(f"no job {job_id[:40]!r} (jobs are forgotten when the server restarts)")
            return found.to_dict()

        return r

    # -- checks ------------------------------------------------------------------------------------
    async def _checked(self, file: UploadFile) -> corpus.Upload:
        data = await file.read()
        return await run_in_threadpool(corpus.check_upload, data, file.filename or "", self.settings)

    def _existing(self, issue: str) -> list[dict[str, Any]]:
        """The indexed bulletins of this issue (what an upload of it would replace)."""
        self.service.follow(FOLLOW_TIMEOUT)  # judge against the index as it is now
        return [
            {k: b[k] for k in ("issue", "file", "sha256", "published", "data_month")}
            for b in self.service.info()["bulletins"]
            if b["issue"] == issue
        ]

    def _conflict(self, up: corpus.Upload, existing: list[dict[str, Any]]) -> Conflict:
        files = "、".join(e["file"] for e in existing)
        return Conflict(
            f"{up.bulletin.issue} is already indexed (from {files}); send the file again with "
            "replace=true to replace it (the previous file is kept in the corpus folder's .archive)",
            existing,
        )

    def _corpus_holds_index(self) -> None:
        """Refuse to build from a corpus folder that lacks files the index holds: the new index would
        silently drop those issues (a server answering from an index whose corpus is elsewhere)."""
        folder = Path(self.settings.corpus_dir)
        gone = [b["file"] for b in self.service.info()["bulletins"] if not (folder / b["file"]).is_file()]
        if gone:
            raise Conflict(
                f"the corpus folder {folder.name!r} lacks {len(gone)} file(s) the index was built from "
                f"({'、'.join(gone[:5])}); indexing now would drop them: put them back, or serve with "
                "the corpus folder the index was built from (--corpus, QA_CORPUS_DIR)"
            )

    def _files_of(self, key: str) -> list[str]:
        bulletins = self.service.info()["bulletins"]
        files = [b["file"] for b in bulletins if key in (b["issue"], b["file"])]
        if not files:
            issues = "、".join(b["issue"] for b in bulletins) or "none"
            raise NotFound(f"{key[:60]!r} is not indexed (indexed: {issues})")
        if len({b["file"] for b in bulletins}) == len(files):
            raise Conflict(f"{key} is the only issue indexed; upload another before removing it")
        return files

    # -- jobs --------------------------------------------------------------------------------------
    def _upload(self, up: corpus.Upload, replace: bool, step: Step) -> dict[str, Any]:
        try:
            step(0.01, "checking the index")
            existing = self._existing(up.bulletin.issue)  # again: a job before this one may have added it
            if existing and not replace:
                raise self._conflict(up, existing)
            self._corpus_holds_index()
            step(0.03, f"storing {up.name}")
            change = corpus.store(self.settings, up, [e["file"] for e in existing])
        finally:
            up.discard()
        stored = change.stored.name if change.stored else up.name
        for e in existing:
            corpus.audit(self.settings, "replaced", e["file"], e["sha256"], issue=e["issue"], by=stored)
        corpus.audit(self.settings, "stored", stored, up.sha256, issue=up.bulletin.issue)
        rep = self._index(change, step, stored, up.sha256)
        return {
            "issue": up.bulletin.issue,
            "file": stored,
            "sha256": up.sha256,
            "replaced": [e["file"] for e in existing],
            "warnings": list(up.bulletin.warnings),
            **rep,
        }

    def _remove(self, key: str, step: Step) -> dict[str, Any]:
        step(0.01, "checking the index")
        self.service.follow(FOLLOW_TIMEOUT)  # judge against the index as it is now
        files = self._files_of(key)
        shas = {b["file"]: b["sha256"] for b in self.service.info()["bulletins"]}
        step(0.03, f"moving {', '.join(files)} to .archive")
        change = corpus.remove(self.settings, files)
        for f in files:
            corpus.audit(self.settings, "removed", f, shas.get(f, ""), issue=key)
        return {"removed": files, **self._index(change, step, ", ".join(files), "")}

    def _index(self, change: corpus.Change, step: Step, file: str, sha: str) -> dict[str, Any]:
        """Build the index from the changed corpus and switch this server to it; the change is undone
        when the build fails (the previous generation keeps serving)."""
        from qa.index import build

        try:
            rep = build(self.settings, on_progress=lambda f, what: step(0.05 + 0.85 * f, what))
            bad = [f for f in rep.failures if change.stored and f.startswith(change.stored.name + ":")]
            if bad:
                raise ParseError(bad[0].split(": ", 1)[-1], change.stored.name if change.stored else None)
        except BaseException as e:
            change.undo()
            corpus.audit(self.settings, "failed", file, sha, error=self._describe(e)[0], undone=True)
            raise
        step(0.92, "switching the server to the new index")
        serving = self.service.follow(FOLLOW_TIMEOUT)
        if serving != rep.generation:
            corpus.audit(self.settings, "failed", file, sha, generation=rep.generation, serving=serving)
            raise QAError(
                f"the index was rebuilt ({rep.generation}) but this server could not open it and still "
                "answers from the previous one; the server log has the details"
            )
        corpus.audit(self.settings, "indexed", file, sha, generation=rep.generation)
        return {
            "generation": rep.generation,
            "bulletins": rep.bulletins,
            "tables": rep.tables,
            "rows": rep.rows,
            "chunks": rep.chunks,
            "embedded": rep.embedded,
            "seconds": round(rep.seconds, 1),
            "failures": rep.failures,
            "finished": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
