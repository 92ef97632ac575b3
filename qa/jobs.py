"""Background jobs for work a request must not wait for (indexing an uploaded bulletin), one at a time.

One worker thread runs the jobs in the order they were submitted: two uploads never race for the
corpus folder, and the index's own lock (qa.index.ingest_lock) still keeps `qa ingest` run beside the
server out of the way. A job reports its progress (0…1 and what it is doing) while it runs and ends
`done` with a report or `failed` with the error, in the API's error shape. Jobs live in memory: a
restart forgets them (the corpus folder and the index say what was done).
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from qa.errors import QAError

log = logging.getLogger("qa.jobs")
KEEP = 200  # finished jobs remembered (their reports stay readable until then)

Step = Callable[[float, str], None]  # (fraction done 0…1, what is being done)
Work = Callable[[Step], dict[str, Any]]  # returns the report of a job that succeeded


@dataclass
class Job:
    id: str
    action: str
    file: str = ""
    status: Literal["running", "done", "failed"] = "running"
    progress: float = 0.0
    stage: str = "waiting for the jobs before it"
    report: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    created: float = field(default_factory=time.time)
    finished: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """What `GET /api/jobs/{id}` shows; `report` holds the error's details when it failed."""
        out: dict[str, Any] = {
            "job": self.id,
            "action": self.action,
            "file": self.file,
            "status": self.status,
            "progress": round(self.progress, 3),
            "stage": self.stage,
            "report": self.report,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(self.created)),
        }
        if self.error:
            out["error"] = self.error
        return out


class Jobs:
    """A queue of jobs and the one thread that runs them.

    `describe` turns an exception into (message, details) for users (the web layer's, which hides
    server paths); unexpected exceptions are logged with their traceback and reported as internal."""

    def __init__(self, describe: Callable[[BaseException], tuple[str, dict[str, Any]]] | None = None):
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._work: dict[str, Work] = {}
        self._queue: queue.Queue[str] = queue.Queue()
        self._lock = threading.Lock()
        self._describe = describe or (lambda e: (str(e), {}))
        self._worker: threading.Thread | None = None

    def submit(
        self, action: str, work: Work, file: str = "", announce: Callable[[Job], None] | None = None
    ) -> Job:
        """Queue `work`; it runs after every job submitted before it. `announce(job)` runs first (an
        admin log line naming the job comes before anything the job itself logs)."""
        job = Job(secrets.token_hex(8), action, file)
        if announce is not None:
            announce(job)
        with self._lock:
            self._jobs[job.id] = job
            self._work[job.id] = work
            self._forget_old()
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="qa-jobs", daemon=True)
                self._worker.start()
        self._queue.put(job.id)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _forget_old(self) -> None:
        done = [k for k, j in self._jobs.items() if j.status != "running"]
        for k in done[: max(0, len(done) - KEEP)]:
            del self._jobs[k]

    def _run(self) -> None:
        while True:
            job_id = self._queue.get()
            with self._lock:
                job, work = self._jobs.get(job_id), self._work.pop(job_id, None)
            if job is None or work is None:
                continue
            self._one(job, work)

    def _one(self, job: Job, work: Work) -> None:
        def step(fraction: float, stage: str) -> None:
            job.progress = max(job.progress, min(1.0, fraction))  # never backwards
            job.stage = stage

        step(0.0, "starting")
        try:
            report = work(step)
        except Exception as e:  # every failure ends the job, never the worker
            if not isinstance(e, QAError):
                log.exception("job %s (%s %s) failed", job.id, job.action, job.file)
            message, details = self._describe(e)
            job.report, job.error = {"error": message, **details}, message
            job.status, job.stage = "failed", "failed"
        else:
            job.report = report
            job.progress, job.status, job.stage = 1.0, "done", "done"
        job.finished = time.time()
