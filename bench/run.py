"""`make bench`: the numbers for this machine, printed and saved to bench/out/results.json.

Ingest (cold, warm, 24 generated bulletins), `ask` latency per route (warm), cold start to the first
answer, server memory and the load test, and accuracy against the naive LangChain baseline.
Not part of `make test`: it takes a few minutes and measures, it does not assert.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from load import free_port, percentile  # noqa: E402  (bench/load.py)

import qa  # noqa: E402,F401  (offline switches before any dependency is imported)
from qa import evaluate  # noqa: E402
from qa.config import Settings  # noqa: E402
from qa.index import build  # noqa: E402

PY = sys.executable
DEV = ROOT.parent / "shared" / "eval" / "dev_questions.jsonl"
EVAL = ROOT / "tests" / "eval"


def pct(xs: list[float], p: float) -> float:
    return percentile(xs, p)  # the same rounding as the load test


def corpus(dirpath: Path, files: list[Path]) -> Path:
    dirpath.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(f, dirpath / f.name)
    return dirpath


def settings(tmp: Path, name: str, files: list[Path]) -> Settings:
    return Settings.from_env(
        env={}, corpus_dir=str(corpus(tmp / name / "corpus", files)), index_dir=str(tmp / name / "index")
    )


def timed_build(s: Settings) -> tuple[float, object]:
    t = time.perf_counter()
    rep = build(s)
    return time.perf_counter() - t, rep


def bench_ingest(tmp: Path, out: dict) -> tuple[Settings, Settings]:
    import factory

    seed = settings(tmp, "seed", sorted((ROOT / "corpus").glob("*.txt")))
    out["ingest_cold_s"], rep = timed_build(seed)
    out["ingest_cold_chunks"] = rep.chunks
    out["ingest_warm_s"], _ = timed_build(seed)
    multi = settings(
        tmp,
        "multi",
        [
            *sorted((ROOT / "corpus").glob("*.txt")),
            *sorted((ROOT / "tests" / "fixtures" / "bulletins").glob("*.txt")),
        ],
    )
    timed_build(multi)
    c24 = tmp / "c24" / "corpus"
    factory.write_corpus(c24, 24, start=(2024, 1))
    # In a child process, so that its peak memory can be read on its own.
    t = time.perf_counter()
    res = subprocess.run(
        [PY, "-m", "qa", "ingest", "--quiet", "--corpus", str(c24), "--index", str(tmp / "c24" / "index")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    out["ingest_24_s"] = round(time.perf_counter() - t, 1)
    out["ingest_24_summary"] = res.stdout.strip()
    out["ingest_24_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return seed, multi


def bench_search(seed: Settings, out: dict) -> None:
    from qa.index import open_index
    from qa.retrieve import search

    index = open_index(seed)
    search(index, "预热", k=5)
    qs = [g["q"] for f in (EVAL / "seed.jsonl", DEV) if f.exists() for g in evaluate.load(f)]
    times = []
    for q in qs:
        t = time.perf_counter()
        search(index, q, k=5)
        times.append((time.perf_counter() - t) * 1000)
    out["search_ms"] = {
        "n": len(times),
        "p50": round(statistics.median(times), 1),
        "p95": round(pct(times, 95), 1),
    }


def bench_latency(seed: Settings, multi: Settings, out: dict) -> None:
    from qa.answer import engine

    by_route: dict[str, list[float]] = {}
    for s, files in ((seed, [EVAL / "seed.jsonl", DEV]), (multi, [EVAL / "generated.jsonl"])):
        eng = engine(s)
        eng.ask("省人医门急诊人次", [])  # warm: model and caches loaded
        eng.ask("CHITEC在哪里召开", [])
        for f in files:
            if not f.exists():
                continue
            for g in evaluate.load(f):
                t = time.perf_counter()
                try:
                    a = eng.ask(g["q"], g.get("history", []))
                    route = a.route
                except qa.errors.QAError:
                    route = "none"
                by_route.setdefault(route, []).append((time.perf_counter() - t) * 1000)
    out["ask_ms"] = {
        r: {"n": len(v), "p50": round(statistics.median(v), 1), "p95": round(pct(v, 95), 1)}
        for r, v in sorted(by_route.items())
    }
    # The naive baseline on the same questions, for the ratio.
    from qa.baseline import Baseline

    base = Baseline(seed)
    times = []
    for f in (EVAL / "seed.jsonl", DEV):
        for g in evaluate.load(f) if f.exists() else []:
            t = time.perf_counter()
            base.ask(g["q"])
            times.append((time.perf_counter() - t) * 1000)
    out["baseline_ask_ms"] = {
        "n": len(times),
        "p50": round(statistics.median(times), 1),
        "p95": round(pct(times, 95), 1),
    }


def bench_cold_start(seed: Settings, out: dict) -> None:
    for key, q in (("cold_table_s", "省人医门急诊人次"), ("cold_text_s", "CHITEC在哪里召开")):
        t = time.perf_counter()
        subprocess.run(
            [PY, "-m", "qa", "ask", q, "--index", str(seed.index_dir), "--corpus", str(seed.corpus_dir)],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        out[key] = round(time.perf_counter() - t, 2)


def bench_server(seed: Settings, out: dict, users: int, seconds: int) -> None:
    """Start the web app, run the load test against it, read the server's peak memory."""
    if not (ROOT / "app.py").exists():
        out["server"] = "app.py missing"
        return
    port = free_port()
    env = dict(os.environ, QA_INDEX_DIR=str(seed.index_dir), QA_CORPUS_DIR=str(seed.corpus_dir))
    env["QA_RATE_LIMIT"] = "0"  # the load test asks from one address
    t = time.perf_counter()
    proc = subprocess.Popen(
        [PY, "app.py", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        body = json.dumps({"question": "省人医门急诊人次"}).encode()
        while True:
            try:
                req = urllib.request.Request(url + "/api/ask", body, {"Content-Type": "application/json"})
                urllib.request.urlopen(req, timeout=30).read()
                break
            except OSError:
                if time.perf_counter() - t > 120 or proc.poll() is not None:
                    out["server"] = "did not start"
                    return
                time.sleep(0.2)
        out["server_first_answer_s"] = round(time.perf_counter() - t, 2)
        while time.perf_counter() - t < 120:  # the load test starts once the model is warm
            try:
                urllib.request.urlopen(url + "/api/health", timeout=10).read()
                break
            except OSError:
                time.sleep(0.2)
        out["server_ready_s"] = round(time.perf_counter() - t, 2)
        load = ROOT / "bench" / "load.py"
        if load.exists():
            res = subprocess.run(
                [PY, str(load), "--url", url, "--users", str(users), "--seconds", str(seconds), "--json"],
                capture_output=True,
                text=True,
                cwd=ROOT,
                timeout=seconds + 120,
            )
            try:
                out["load"] = json.loads(res.stdout[res.stdout.index("{") :])
            except ValueError:
                out["load"] = {"error": (res.stdout + res.stderr)[-300:]}
        status = Path(f"/proc/{proc.pid}/status").read_text()
        hwm = next(line for line in status.splitlines() if line.startswith("VmHWM"))
        out["server_peak_rss_mb"] = round(int(hwm.split()[1]) / 1024)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def bench_accuracy(seed: Settings, multi: Settings, probe: Settings, out: dict) -> None:
    for name, s, files in (
        ("seed+dev", seed, [EVAL / "seed.jsonl", EVAL / "holdout_seed.jsonl", DEV]),
        ("generated", multi, [EVAL / "generated.jsonl", EVAL / "holdout_multi.jsonl"]),
        ("probe", probe, [EVAL / "probe.jsonl"]),
    ):
        args = [
            PY,
            "-m",
            "qa",
            "eval",
            *[str(f) for f in files if f.exists()],
            "--baseline",
            "--json",
            "--index",
            str(s.index_dir),
            "--corpus",
            str(s.corpus_dir),
        ]
        res = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
        out[f"accuracy_{name}"] = json.loads(res.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--users", type=int, default=8)
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "results.json")
    args = ap.parse_args()
    out: dict = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
    }
    with tempfile.TemporaryDirectory(prefix="qa-bench-") as d:
        tmp = Path(d)
        seed, multi = bench_ingest(tmp, out)
        bench_search(seed, out)
        bench_latency(seed, multi, out)
        bench_cold_start(seed, out)
        bench_server(seed, out, args.users, args.seconds)
        probe = settings(tmp, "probe", sorted((ROOT / "tests" / "fixtures" / "probe").glob("*.txt")))
        build(probe)
        bench_accuracy(seed, multi, probe, out)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
