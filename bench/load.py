"""Load test: N concurrent chat users asking /api/ask over loopback; throughput and latency.

    .venv/bin/python bench/load.py                      # starts app.py on a free port, index in a temp dir
    .venv/bin/python bench/load.py --index indexes      # reuse a built index (no 15 s build)
    .venv/bin/python bench/load.py --url http://127.0.0.1:7860 --users 16 --seconds 60

Each user holds a conversation like a person in the chat: a figure, a follow-up that needs the
history, a ranking, a list, a news question and one the bulletins cannot answer, then again.
The run stops at --seconds or after --requests answers, whichever comes first.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CONVERSATION = [
    "江苏省人民医院门急诊人次是多少？",
    "那住院收入呢？",
    "哪家医院的门急诊收入最高？",
    "实时数据上传天数少于10天的医院有哪些？",
    "CHITEC大会是谁主办的？",
    "上海市第一人民医院的门急诊人次是多少？",
]


def percentile(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs)) - 1))]


class Run:
    """Shared budget and results for the user threads."""

    def __init__(self, url: str, budget: int, deadline: float):
        self.url, self.budget, self.deadline = url, budget, deadline
        self.lock = threading.Lock()
        self.results: list[tuple[float, int, str]] = []  # (seconds, status, route)

    def take(self) -> bool:
        with self.lock:
            if self.budget <= 0 or time.time() >= self.deadline:
                return False
            self.budget -= 1
            return True

    def user(self) -> None:
        history: list[dict] = []
        with httpx.Client(timeout=60) as client:
            n = 0
            while self.take():
                q = CONVERSATION[n % len(CONVERSATION)]
                if n % len(CONVERSATION) == 0:
                    history = []  # a new conversation
                t = time.perf_counter()
                try:
                    r = client.post(f"{self.url}/api/ask", json={"question": q, "history": history[-20:]})
                    status = r.status_code
                    body = r.json() if status == 200 else {}
                except httpx.HTTPError:
                    status, body = 0, {}
                dt = time.perf_counter() - t
                with self.lock:
                    self.results.append((dt, status, body.get("route", "error")))
                history += [
                    {"role": "user", "content": q},
                    {"role": "assistant", "content": body.get("answer", "")},
                ]
                n += 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(index: str | None) -> tuple[subprocess.Popen, str]:
    """`python app.py` on a free port; builds the index into a temp dir when none is given."""
    port = free_port()
    index = index or tempfile.mkdtemp(prefix="qa-load-")
    cmd = [sys.executable, str(ROOT / "app.py"), "--port", str(port), "--index", index]
    print(f"starting {' '.join(cmd)}", file=sys.stderr)
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=sys.stderr)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 300
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"app.py exited with {proc.returncode}")
        try:
            if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    proc.terminate()
    raise SystemExit("app.py did not become healthy in 300 s")


def report(run: Run, seconds: float, users: int) -> dict:
    lat = [r[0] for r in run.results]
    ok = [r for r in run.results if r[1] == 200]
    out = {
        "users": users,
        "requests": len(run.results),
        "errors": len(run.results) - len(ok),
        "seconds": round(seconds, 2),
        "throughput_rps": round(len(run.results) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(percentile(lat, 50) * 1000, 1),
        "p95_ms": round(percentile(lat, 95) * 1000, 1),
        "max_ms": round(max(lat, default=0) * 1000, 1),
        "by_route": {},
        "cpus": os.cpu_count(),
    }
    for route in sorted({r[2] for r in run.results}):
        xs = [r[0] for r in run.results if r[2] == route]
        out["by_route"][route] = {
            "n": len(xs),
            "p50_ms": round(percentile(xs, 50) * 1000, 1),
            "p95_ms": round(percentile(xs, 95) * 1000, 1),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--url", help="an app already running (default: start app.py here)")
    p.add_argument("--index", help="index folder for the app started here (default: a new temp dir)")
    p.add_argument("--users", type=int, default=8, help="concurrent chat users (default 8)")
    p.add_argument("--seconds", type=float, default=30.0, help="longest run (default 30)")
    p.add_argument("--requests", type=int, default=2000, help="most answers asked for in all (default 2000)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    args = p.parse_args(argv)

    proc = None
    url = args.url
    if not url:
        proc, url = start_app(args.index)
    try:
        httpx.post(f"{url}/api/ask", json={"question": CONVERSATION[0]}, timeout=60)  # warm connection
        t0 = time.time()
        run = Run(url.rstrip("/"), args.requests, t0 + args.seconds)
        threads = [threading.Thread(target=run.user) for _ in range(args.users)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        out = report(run, time.time() - t0, args.users)
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=20)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(
            f"{out['users']} users, {out['requests']} requests in {out['seconds']} s "
            f"({out['cpus']} CPUs): {out['throughput_rps']} answers/s, p50 {out['p50_ms']} ms, "
            f"p95 {out['p95_ms']} ms, max {out['max_ms']} ms, {out['errors']} errors"
        )
        for route, r in out["by_route"].items():
            print(f"  {route:6} n={r['n']:<5} p50 {r['p50_ms']} ms  p95 {r['p95_ms']} ms")
    return 1 if out["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
