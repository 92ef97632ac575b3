"""The attack battery of issue 10, kept as tests: each attack as it was reproduced, and what holds now.

1 concurrent ingests · 2 anonymous uploads · 3 a server losing its generation · 4 shifted cells ·
5 slow clients · 6 a read-only index · 7 hostile `qa ask --jsonl` lines · 8 hostile /api/ask bodies and
chat messages · 9 the chat's routes skipping the limits · 10 tracebacks, paths and raw messages ·
11 a failed bulletin forgotten · 12 origins and Host headers · 13 huge bulletins.

The concurrency tests run several rounds. Tests that need another user (read-only or unreadable index)
run a child process as `nobody` when the suite runs as root, and use chmod otherwise.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from qa.cli import main
from qa.config import Settings
from qa.errors import ConfigError
from qa.index import build, current_dir, status

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
Q_TABLE = "江苏省人民医院门急诊人次是多少？"
Q_TEXT = "CHITEC大会是谁主办的？"
TEXT_ANSWER = "中国卫生信息与健康医疗大数据学会"
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
ROOT_USER = os.geteuid() == 0


# -- helpers ------------------------------------------------------------------------------------------
def copy_index(seed_settings, dest: Path) -> Settings:
    """A private copy of the seed corpus and index (vectors included: a forced rebuild reuses them)."""
    shutil.copytree(seed_settings.corpus_dir, dest / "corpus")
    shutil.copytree(seed_settings.index_dir, dest / "index", symlinks=True)
    return replace(seed_settings, corpus_dir=dest / "corpus", index_dir=dest / "index")


def qa(*args: str, env: dict | None = None, stdin: bytes | None = None, user: list[str] = (), **kw):
    """`python -m qa …` in a child process (this worktree's package), output as bytes."""
    return subprocess.run(
        [*user, PY, "-m", "qa", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        input=stdin,
        capture_output=True,
        timeout=300,
        **kw,
    )


def incomplete(gen: Path) -> str:
    """What a generation lacks, checked here independently of qa.index: every artifact, readable."""
    for name in ("manifest.json", "bulletins.sqlite", "chroma/chroma.sqlite3"):
        if not (gen / name).is_file():
            return f"{name} is missing"
    return ""


def flags(s: Settings) -> list[str]:
    return ["--index", str(s.index_dir), "--corpus", str(s.corpus_dir)]


@pytest.fixture
def shared(tmp_path):
    """A folder another user can enter (pytest's own temp folders are private to this user)."""
    d = Path(tempfile.mkdtemp(prefix="qa-attack-", dir="/tmp"))
    d.chmod(0o755)
    yield d
    subprocess.run(["chmod", "-R", "u+rwX", str(d)], check=False)
    shutil.rmtree(d, ignore_errors=True)


def as_reader(folder: Path) -> tuple[list[str], dict]:
    """(command prefix, env) for a process that can read but not write `folder`: `nobody` when we
    are root (root writes anything), else ourselves with the folder made read-only."""
    home = folder.parent / "home"  # beside the folder, so the fixture that made it removes it
    home.mkdir(exist_ok=True)
    home.chmod(0o777)
    env = {"HOME": str(home), "GRADIO_TEMP_DIR": str(home / "gradio"), "PYTHONDONTWRITEBYTECODE": "1"}
    if ROOT_USER:
        return NOBODY, env
    subprocess.run(["chmod", "-R", "a-w", str(folder)], check=True)
    return [], env


def client_for(settings: Settings, **kw) -> TestClient:
    from qa.web.app import create_app

    return TestClient(create_app(settings, build=False), base_url="http://127.0.0.1:7999", **kw)


def wait_healthy(c: TestClient, seconds: float = 120) -> dict:
    deadline = time.time() + seconds
    while time.time() < deadline:
        r = c.get("/api/health")
        if r.status_code == 200:
            return r.json()
        time.sleep(0.2)
    pytest.fail(f"not healthy: {r.status_code} {r.text}")


def chat_event(c: TestClient, prefix: str, api_name: str, data: list, session: str = "attack") -> list[dict]:
    """Run one Gradio event through its queue (join, then read the event stream) as the browser does;
    the list of stream messages, ending with process_completed."""
    deps = c.get(f"{prefix}/config").json()["dependencies"]
    dep = next(d for d in deps if d.get("api_name") == api_name)
    body = json.dumps({"data": data, "fn_index": dep["id"], "session_hash": session}).encode()  # \u escapes
    headers = {"Content-Type": "application/json"}
    if not dep.get("queue"):  # queue=False events are one POST, as the browser sends them
        r = c.post(f"{prefix}/gradio_api/run/predict", content=body, headers=headers)
        assert r.status_code == 200, r.text
        return [{"msg": "process_completed", "success": True, "output": r.json()}]
    join = c.post(f"{prefix}/gradio_api/queue/join", content=body, headers=headers)
    assert join.status_code == 200, join.text
    msgs = []
    with c.stream("GET", f"{prefix}/gradio_api/queue/data?session_hash={session}") as stream:
        for line in stream.iter_lines():
            if line.startswith("data:"):
                msgs.append(json.loads(line[5:]))
                if msgs[-1].get("msg") in ("process_completed", "close_stream"):
                    break
    return msgs


def user(text: str) -> dict:
    return {"role": "user", "content": [{"type": "text", "text": text}]}


# == 1. two `qa ingest` at once ==========================================================================
@pytest.mark.parametrize("round_", range(2))
def test_two_ingests_at_once_leave_one_complete_index(seed_settings, tmp_path, round_):
    """Reproduced: one crashed with a chromadb traceback, or both exited 0 with `current` at a generation
    without bulletins.sqlite. Now the second waits for the first, both succeed, `current` is whole."""
    s = copy_index(seed_settings, tmp_path)
    cmd = [PY, "-m", "qa", "ingest", "--force", "--quiet", *flags(s)]
    procs = [
        subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err.decode()
        assert b"Traceback" not in err
    gen = current_dir(s)
    assert gen is not None and incomplete(gen) == ""
    assert status(s) == ("ok", "up to date")
    assert not list(s.index_dir.glob("*.building"))
    r = qa("ask", "--json", Q_TABLE, *flags(s))
    assert r.returncode == 0 and "660405" in json.loads(r.stdout)["answer"]


def test_builds_in_threads_never_show_readers_half_an_index(seed_settings, tmp_path):
    """Several writers in one process, three rounds, while a reader checks `current` all along."""
    s = copy_index(seed_settings, tmp_path)
    errors: list[BaseException] = []
    seen_broken: list[str] = []
    done = threading.Event()

    def reader():
        while not done.is_set():
            gen = current_dir(s)
            why = incomplete(gen) if gen else "no current"
            if why and (gen is None or gen.exists()):  # a generation removed under us is not half an index
                seen_broken.append(why)

    def writer():
        try:
            build(s, force=True)
        except BaseException as e:  # collected: the assertion below names it
            errors.append(e)

    watcher = threading.Thread(target=reader)
    watcher.start()
    try:
        for _ in range(3):
            threads = [threading.Thread(target=writer) for _ in range(3)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    finally:
        done.set()
        watcher.join()
    assert errors == [] and seen_broken == []
    assert status(s)[0] == "ok"
    assert len(list(s.index_dir.glob("gen-*"))) == s.keep_generations  # the newest three, no more


def test_second_ingest_waits_with_a_message_or_gives_up_after_wait(seed_settings, tmp_path):
    from qa.index import ingest_lock

    s = copy_index(seed_settings, tmp_path)
    with ingest_lock(s.index_dir):
        r = qa("ingest", "--wait", "0.5", *flags(s))
        err = r.stderr.decode()
        assert r.returncode == 7 and f"pid {os.getpid()}" in err and "try again" in err
        waiting = subprocess.Popen(
            [PY, "-m", "qa", "ingest", "--quiet", *flags(s)], cwd=ROOT, stderr=subprocess.PIPE
        )
        line = waiting.stderr.readline().decode()
        while "waiting" not in line and line:
            line = waiting.stderr.readline().decode()
        assert "another ingest" in line and f"pid {os.getpid()}" in line
        assert waiting.poll() is None  # still waiting while we hold the lock
    rest = waiting.communicate(timeout=120)[1].decode()
    assert waiting.returncode == 0 and "Traceback" not in rest


@pytest.mark.parametrize("artifact", ["bulletins.sqlite", "chroma/chroma.sqlite3", "manifest.json"])
def test_an_incomplete_generation_is_reported_and_rebuilt(seed_settings, tmp_path, capsys, artifact):
    """Reproduced: `current` without bulletins.sqlite made `qa ingest` say "up to date" and --force
    fail; only deleting the index by hand repaired it."""
    s = copy_index(seed_settings, tmp_path)
    target = current_dir(s) / artifact
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    assert status(s)[0] in ("incomplete", "missing")
    assert main(["ask", Q_TABLE, *flags(s)]) == 4
    assert "qa ingest" in capsys.readouterr().err
    assert main(["ingest", "--quiet", *flags(s)]) == 0
    assert "indexed 1 bulletins" in capsys.readouterr().out
    assert status(s) == ("ok", "up to date")
    assert main(["ask", "--json", Q_TABLE, *flags(s)]) == 0
    assert "660405" in capsys.readouterr().out


# == 2. anonymous uploads ===============================================================================
UPLOAD_PATHS = [
    "/gradio_api/upload",
    "/gradio_api/upload/",
    "/gradio_api//upload",
    "/embed/gradio_api/upload",
    "/embed//gradio_api/upload",
    "/gradio_api/process_recording",
]


def test_upload_routes_are_closed_to_everyone(seed_settings, tmp_path, monkeypatch):
    """Reproduced: any page, any size, written to the temp folder and served back inline."""
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "gradio"))
    marker = b"attack-upload-" + os.urandom(8).hex().encode()
    with client_for(seed_settings) as c:
        for path in UPLOAD_PATHS:
            for origin in ("http://evil.example", None):
                r = c.post(
                    path,
                    files={"files": ("x.txt", marker + b"<script>alert(1)</script>", "text/plain")},
                    headers={"Origin": origin} if origin else {},
                )
                assert r.status_code == 403, (path, r.status_code, r.text)
                assert r.json() == {"error": "uploads are closed on this server"}
        # multipart anywhere else is refused too (the app takes no files)
        r = c.post("/api/ask", files={"question": ("q.txt", b"x", "text/plain")})
        assert r.status_code == 403
    written = [p for p in (tmp_path / "gradio").rglob("*") if p.is_file() and marker in p.read_bytes()]
    assert written == []


def test_only_the_admin_token_opens_the_upload_route(seed_settings, tmp_path, monkeypatch):
    """With QA_ADMIN_TOKEN set, an upload without it (or from a foreign page, which cannot send the
    header) is 401; with it, Gradio stores the file (where the test above looks for one)."""
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "gradio"))
    token = "t0k-" + os.urandom(16).hex()
    s = replace(seed_settings, admin_token=token)
    marker = b"admin-upload-" + os.urandom(8).hex().encode()
    big = b"x" * (300 * 1024)  # over the 256 KiB of other requests, under QA_MAX_BULLETIN_MB
    with client_for(s) as c:
        for headers in (
            {},
            {"Origin": "http://evil.example"},
            {"Authorization": "Bearer wrong-" + token},
            {"Authorization": "Basic " + token},
            {"Authorization": "Bearer " + token[:-1]},
        ):
            r = c.post(
                "/gradio_api/upload", files={"files": ("x.txt", marker, "text/plain")}, headers=headers
            )
            assert r.status_code == 401 and "admin token" in r.json()["error"], (headers, r.text)
            assert r.headers["www-authenticate"] == "Bearer" and token not in r.text
        r = c.post(
            "/gradio_api/upload",
            files={"files": ("x.txt", marker + big, "text/plain")},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert r.status_code == 200, r.text
        over = b"x" * int(s.max_bulletin_mb * 1024 * 1024 + 1)
        r = c.post(
            "/gradio_api/upload",
            files={"files": ("big.txt", over, "text/plain")},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert r.status_code == 413 and "limit" in r.json()["error"]
    written = [p for p in (tmp_path / "gradio").rglob("*") if p.is_file() and marker in p.read_bytes()]
    assert len(written) == 1
    assert token not in repr(s)


@pytest.mark.parametrize("value", ["short", "a" * 15, "has space in the middle 0123456789", "é" * 20])
def test_a_weak_admin_token_is_refused_without_echoing_it(value):
    with pytest.raises(ConfigError, match="QA_ADMIN_TOKEN") as e:
        Settings.from_env(env={"QA_ADMIN_TOKEN": value})
    assert value not in str(e.value)


# == 3. a running server loses its generation ============================================================
def test_server_survives_ingests_that_remove_its_generation(seed_settings, tmp_path):
    """Reproduced: two ingests beside a running server deleted the files it read; text answers were
    500s, intermittently, even after the ingests. Three rounds of ingests with askers running."""
    s = copy_index(seed_settings, tmp_path)
    with client_for(s) as c:
        first = wait_healthy(c)["generation"]
        statuses: list[tuple[int, bool]] = []
        stop = threading.Event()

        def asker():
            while not stop.is_set():
                r = c.post("/api/ask", json={"question": Q_TEXT})
                statuses.append((r.status_code, r.status_code == 200 and TEXT_ANSWER in r.json()["answer"]))

        askers = [threading.Thread(target=asker) for _ in range(2)]
        for t in askers:
            t.start()
        try:
            for _ in range(3):
                build(s, force=True)
        finally:
            stop.set()
            for t in askers:
                t.join()
        assert statuses and set(statuses) == {(200, True)}
        assert not (s.index_dir / first).exists()  # really gone: only the newest three are kept
        for _ in range(3):
            r = c.post("/api/ask", json={"question": Q_TEXT})
            assert r.status_code == 200 and TEXT_ANSWER in r.json()["answer"]
        deadline = time.time() + 60  # it follows `current` (in the background)
        while c.get("/api/health").json().get("generation") != current_dir(s).name:
            assert time.time() < deadline
            time.sleep(0.2)


def open_files_under(folder: Path) -> list[str]:
    """Files this process has open below folder (deleted ones included, as the kernel names them)."""
    out = []
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(folder.resolve())):
            out.append(target)
    return out


def test_a_process_lets_go_of_generations_it_no_longer_reads(seed_settings, tmp_path):
    """Every generation a server had opened stayed loaded for the life of the process (its engine, and
    chromadb's system for each folder an ingest or a reader opened): memory, and open files that kept
    the disk space of removed generations."""
    from qa import answer

    s = replace(copy_index(seed_settings, tmp_path), keep_generations=1)
    first = answer.engine(s).index.gen
    for _ in range(2):
        build(s, force=True)
        eng = answer.engine(s)
        assert eng.ask(Q_TABLE, []).found and TEXT_ANSWER in eng.ask(Q_TEXT, []).text  # vectors open
    assert not first.exists()
    assert [e for e in answer._engines.values() if e.index.gen.parent == s.index_dir.resolve()] == [eng]
    gc.collect()
    assert [f for f in open_files_under(s.index_dir) if "(deleted)" in f] == []


def test_server_reopens_when_only_the_new_generation_is_kept(seed_settings, tmp_path):
    s = replace(copy_index(seed_settings, tmp_path), keep_generations=1)
    with client_for(s) as c:
        wait_healthy(c)
        for _ in range(2):
            build(s, force=True)
            r = c.post("/api/ask", json={"question": Q_TEXT})
            assert r.status_code == 200 and TEXT_ANSWER in r.json()["answer"]
            assert len(list(s.index_dir.glob("gen-*"))) == 1


# == 4. a row with a cell missing ========================================================================
def shifted_bulletin(seed_path: Path, folder: Path) -> Path:
    """The seed bulletin with one cell gone from a plain row, a side-by-side row and a two-level-header
    row, and the 合计 row removed (no sum check to notice)."""
    text = seed_path.read_text(encoding="utf-8")
    edits = [
        ("2\t南京市口腔医院\t747\t79\t0\t546\t1372", "2\t南京市口腔医院\t747\t79\t546\t1372"),
        ("合计\t\t12396\t2051\t74264\t4767\t93478\n", ""),
        (
            "2\t南京卫生 12320 微信\t5179\t5\t南京卫生 12320 网\t278",
            "2\t南京卫生 12320 微信\t5\t南京卫生 12320 网\t278",
        ),
        ("江宁区\t10304604\t30\t12/12\t411424", "江宁区\t10304604\t12/12\t411424"),
    ]
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = folder / "2025-07_shifted.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_row_missing_a_cell_is_skipped_with_a_warning_never_shifted(seed_path, tmp_path, capsys):
    """Reproduced: exit 0, no warning, 南京市口腔医院's 小计 answered as its 第三方 and its 小计 as
    「未上报」; 南京卫生 12320 微信 given 5 appointments (the next record's 序号)."""
    from qa.parse import parse_file

    path = shifted_bulletin(seed_path, tmp_path)
    b = parse_file(path)
    tables = {t.title: {r.label: r for r in t.rows} for t in b.tables}
    appt, online = tables["2025 年 6 月 12320 预约挂号服务统计"], tables["2025 年 6 月线上预约情况统计"]
    district = tables["2025年6月南京市卫生信息平台数据采集情况（区）"]
    assert "南京市口腔医院" not in appt and "江宁区" not in district
    assert "南京卫生 12320 微信" not in online and "南京卫生 12320 网" not in online  # the line's records
    assert len(appt) == 36 and len(online) == 3 and len(district) == 11  # the other rows intact
    assert [v.raw for v in appt["南京市儿童医院"].values] == ["982", "178", "0", "0", "1160"]
    assert [v.raw for v in online["健康南京"].values] == ["6939"]
    assert all("1372" not in [v.raw for v in r.values] for r in appt.values())  # no shifted figure
    lines = path.read_text(encoding="utf-8").splitlines()
    for label in ("南京市口腔医院", "南京卫生 12320 微信", "江宁区"):
        no = next(i for i, line in enumerate(lines, 1) if label in line and "\t" in line)
        assert any(w.startswith(f"{path.name}:{no}: table ") and "skipped" in w for w in b.warnings), label
    assert main(["parse", str(path)]) == 0
    err = capsys.readouterr().err
    assert err.count("warning: 2025-07_shifted.txt:") >= 3 and "skipped" in err


# == 5. slow clients =====================================================================================
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(seed_settings, tmp_path_factory):
    """`python app.py` with small limits and a file-descriptor limit of 512 (so a flood would exhaust
    it): per client 20 connections, 2 s to send a request's headers and body."""
    tmp = tmp_path_factory.mktemp("server")
    s = copy_index(seed_settings, tmp)
    port = free_port()
    env = dict(
        os.environ,
        QA_MAX_CONNECTIONS="200",
        QA_MAX_CONNECTIONS_PER_CLIENT="20",
        QA_REQUEST_TIMEOUT="2",
        QA_ALLOWED_ORIGINS="http://intranet.example:8080",
    )
    log = (tmp / "app.log").open("w")

    def limit_fds():
        resource.setrlimit(resource.RLIMIT_NOFILE, (512, 512))

    proc = subprocess.Popen(
        [PY, "app.py", "--port", str(port), *flags(s)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=limit_fds,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120
        while True:
            assert proc.poll() is None, (tmp / "app.log").read_text()
            try:
                if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.time() < deadline, (tmp / "app.log").read_text()
            time.sleep(0.3)
        yield {"url": url, "port": port, "log": tmp / "app.log"}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def idle_sockets(port: int, n: int) -> list[socket.socket]:
    out = []
    for _ in range(n):
        sock = socket.socket()
        sock.settimeout(5)
        try:
            sock.connect(("127.0.0.1", port))
        except OSError:
            sock.close()
            continue
        out.append(sock)
    return out


def closed_by_server(sock: socket.socket, seconds: float) -> bool:
    sock.settimeout(seconds)
    try:
        data = sock.recv(4096)
        return data == b"" or data.startswith(b"HTTP/1.1 408")
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


@pytest.mark.parametrize("round_", range(2))
def test_idle_connections_cannot_starve_other_clients(server, round_):
    """Reproduced: ~20,000 idle connections exhausted the descriptors and every request failed. Here
    600 idle sockets from one address against a 512-descriptor server: another address is served at
    once, and the idle ones are closed after the 2 s header deadline."""
    socks = idle_sockets(server["port"], 600)
    try:
        other = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"), timeout=10)
        r = other.get(f"{server['url']}/api/health")
        assert r.status_code == 200 and r.json()["loaded"] is True
        other.close()
        kept = [sock for sock in socks if not closed_by_server(sock, 0.05)]
        assert len(kept) <= 20  # the per-client cap: the rest were closed on arrival
        assert all(closed_by_server(sock, 10) for sock in kept)  # no headers within 2 s: closed
    finally:
        for sock in socks:
            sock.close()
    assert httpx.get(f"{server['url']}/api/health", timeout=10).status_code == 200


def test_a_slow_header_is_cut_off(server):
    """A head sent a byte every 0.3 s (about 45 s in all) is closed at the 2 s header deadline, before
    the client has sent it all; uvicorn alone waits for it as long as it keeps coming."""
    sock = socket.create_connection(("127.0.0.1", server["port"]), timeout=10)
    try:
        closed = False
        for ch in b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100:
            try:
                sock.send(bytes([ch]))
            except OSError:
                closed = True
                break
            if closed_by_server(sock, 0.3):
                closed = True
                break
        assert closed
    finally:
        sock.close()


def test_host_header_and_origin_over_real_http(server):
    r = httpx.get(f"{server['url']}/api/health", headers={"Host": "rebind.attacker.example"}, timeout=10)
    assert r.status_code == 400 and "QA_ALLOWED_ORIGINS" in r.json()["error"]
    for host in (f"localhost:{server['port']}", "intranet.example:8080", f"127.0.0.1:{server['port']}"):
        assert httpx.get(f"{server['url']}/api/health", headers={"Host": host}, timeout=10).status_code == 200


# == 6. a read-only index ================================================================================
READ_ONLY_PROBE = """
import json, sys, time
sys.path.insert(0, {root!r})
from dataclasses import replace
from fastapi.testclient import TestClient
from qa.config import Settings
from qa.web.app import create_app
s = Settings.from_env(env={{}}, corpus_dir={corpus!r}, index_dir={index!r})
with TestClient(create_app(s, build=False), base_url="http://127.0.0.1:7860") as c:
    deadline = time.time() + 120
    while c.get("/api/health").status_code == 503 and time.time() < deadline:
        time.sleep(0.3)
    h = c.get("/api/health")
    t = c.post("/api/ask", json={{"question": {text!r}}})
    n = c.post("/api/ask", json={{"question": {table!r}}})
    print(json.dumps({{"health": [h.status_code, h.json()], "text": [t.status_code, t.text],
                      "table": [n.status_code, n.text]}}, ensure_ascii=False))
"""


def test_a_read_only_index_answers_text_questions(seed_settings, shared):
    """Reproduced: table questions answered, every text question a 500 (Chroma writes), while
    /api/health said 200 loaded."""
    s = copy_index(seed_settings, shared)
    prefix, env = as_reader(s.index_dir)
    probe = READ_ONLY_PROBE.format(
        root=str(ROOT), corpus=str(s.corpus_dir), index=str(s.index_dir), text=Q_TEXT, table=Q_TABLE
    )
    r = subprocess.run(
        [*prefix, PY, "-c", probe],
        cwd="/tmp",
        env={**os.environ, **env},
        capture_output=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr.decode()[-3000:]
    out = json.loads(r.stdout.decode().strip().splitlines()[-1])
    assert out["table"][0] == 200 and "660405" in out["table"][1]
    assert out["text"][0] == 200 and TEXT_ANSWER in out["text"][1]
    code, health = out["health"]
    assert code == 200 and health["read_only"] is True and health["loaded"] is True
    assert status(s)[0] == "ok"  # and nothing in the index folder was touched


# == 7. hostile --jsonl lines ==============================================================================
def test_jsonl_survives_every_bad_line(seed_settings):
    """Reproduced: the rest of the batch was lost on these lines, or the output was not UTF-8."""
    good = json.dumps({"id": "ok", "question": Q_TABLE}, ensure_ascii=False).encode()
    lines = [
        good,
        b'{"id": "null-text", "question": "\xe9\x82\xa3\xe4\xbd\x8f\xe9\x99\xa2\xe6\x94\xb6\xe5\x85\xa5\xe5\x91\xa2",'
        b' "history": [{"role": "user", "content": [{"type": "text", "text": null}]}]}',
        b'{"id": "meta-string", "question": "x", "history": [{"role": "user", "content": "a", "metadata": "s"}]}',
        b"[" * 100000 + b"]" * 100000,
        b"{" + b'"a":{' * 50000 + b"}" * 50001,
        b'{"id": "surrogate", "question": "\\udfff"}',
        b'{"id": "role", "question": "x", "history": [{"role": 5, "content": "a"}]}',
        b"\xff\xfe\xfd not utf-8",
        "省人医\udcff门急诊人次".encode("utf-8", "surrogateescape"),
        good.replace(b'"ok"', b'"last"').replace(
            b"}", b', "history": [{"role": "user", "content": "\\ud800"}]}'
        ),
    ]
    r = qa("ask", "--jsonl", *flags(seed_settings), stdin=b"\n".join(lines) + b"\n")
    err = r.stderr.decode()
    assert r.returncode == 0 and "Traceback" not in err, err
    out = r.stdout.decode("utf-8")  # strict: invalid UTF-8 fails here
    rows = [json.loads(x) for x in out.splitlines()]
    assert len(rows) == len(lines)
    assert rows[0]["id"] == "ok" and "660405" in rows[0]["answer"]
    assert rows[-1]["id"] == "last" and "660405" in rows[-1]["answer"]
    for row in rows[1:-1]:
        assert row["found"] is False and row["error"], row
    assert "history[0].content[0].text" in rows[1]["error"] and "null" in rows[1]["error"]
    assert "metadata" in rows[2]["error"]
    assert "limit" in rows[3]["error"]  # not an object: a (much too long) plain-text question
    assert rows[4]["error"] == "bad json" and "nested too deeply" in rows[4]["answer"]
    assert "surrogate" in rows[5]["error"]
    assert "history[0].role" in rows[6]["error"]
    assert "UTF-8" in rows[7]["error"] and "UTF-8" in rows[8]["error"]


# == 8. hostile /api/ask bodies and chat messages ===========================================================
@pytest.fixture(scope="module")
def web(seed_settings):
    with client_for(seed_settings) as c:
        wait_healthy(c)
        yield c


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        (b'{"question": "\\udfff"}', 400, "surrogate"),
        (b'{"question": "\\ud800\\u6c5f"}', 400, "surrogate"),
        (
            b'{"question": "x", "history": [{"role": "user", "content": [{"type": "text", "text": null}]}]}',
            422,
            "text",
        ),
        (
            b'{"question": "x", "history": [{"role": "user", "content": [{"type": "text", "text": 5}]}]}',
            422,
            "text",
        ),
        (b'{"question": "x", "history": [{"role": "user", "content": [{"text": ["a"]}]}]}', 422, "text"),
        (b'{"question": "x", "history": [{"role": "user", "content": null}]}', 422, "content"),
        (
            b'{"question": "x", "history": [{"role": "user", "content": "a", "metadata": "s"}]}',
            422,
            "metadata",
        ),
        (b"[" * 100000 + b"]" * 100000, 422, "nested"),
        (b'{"question": "' + b"\xff\xfe" + b'"}', 422, "invalid request"),
    ],
)
def test_api_ask_answers_every_bad_body_in_json(web, body, status, says):
    """Reproduced: plain-text 500 for a lone surrogate or a history block whose text is not a string."""
    r = web.post("/api/ask", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert says in r.json()["error"]


def test_api_ask_with_a_surrogate_in_history_still_answers(web):
    body = b'{"question": "' + Q_TABLE.encode() + b'", "history": [{"role": "user", "content": "\\udfff"}]}'
    r = web.post("/api/ask", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 200 and "660405" in r.json()["answer"]


@pytest.mark.parametrize("prefix", ["", "/embed"])
def test_chat_stream_survives_lone_surrogates(web, prefix):
    """Reproduced: the chat's event stream broke on a surrogate."""
    history = [user("你好\udfff"), {"role": "assistant", "content": [{"type": "text", "text": "答\ud800"}]}]
    msgs = chat_event(web, prefix, "answer", [[*history, user(Q_TABLE + "\udfff")]])
    done = msgs[-1]
    assert done["msg"] == "process_completed" and done["success"] is True, done
    chat = done["output"]["data"][0]
    text = json.dumps(chat, ensure_ascii=False)
    assert "\ufffd" in text and "660405" in text
    # a question typed with a surrogate: refused in the chat, the stream intact
    msgs = chat_event(web, prefix, "question", ["门急诊\udfff人次", []], session="attack-q")
    done = msgs[-1]
    assert done["success"] is True and "问题无法处理" in json.dumps(done["output"], ensure_ascii=False)


# == 9. the chat's routes skip the limits ===================================================================
MAX_BODY = 256 * 1024  # the documented limits (README), not imported: the test must also fail before


def chat_limit(settings: Settings) -> int:
    """Messages a chat request may carry: 3 per exchange for QA_MAX_HISTORY exchanges, plus 3."""
    return 3 * settings.max_history + 3


@pytest.mark.parametrize("prefix", ["", "/embed"])
def test_chat_routes_have_the_api_limits(web, seed_settings, prefix):
    """Reproduced: a 25 MB body with 5,001 turns was accepted by the chat's Gradio routes."""
    turns = [user("门急诊人次"), {"role": "assistant", "content": [{"type": "text", "text": "1"}]}] * 2500
    for route in ("/gradio_api/queue/join", "/gradio_api/run/predict", "/gradio_api/call/answer"):
        big = {"data": [turns + [user("x" * 5000)] * 5000], "fn_index": 1, "session_hash": "big"}
        r = web.post(
            prefix + route, content=json.dumps(big).encode(), headers={"Content-Type": "application/json"}
        )
        assert r.status_code == 413 and str(MAX_BODY) in r.json()["error"], (route, r.text[:200])
        many = {"data": [[{"role": "user", "content": "a"}] * 5001], "fn_index": 1, "session_hash": "many"}
        body = json.dumps(many, separators=(",", ":")).encode()
        assert len(body) < MAX_BODY
        r = web.post(prefix + route, content=body, headers={"Content-Type": "application/json"})
        limit = chat_limit(seed_settings)
        assert r.status_code == 400 and f"the limit is {limit}" in r.json()["error"], (route, r.text[:200])


def test_the_chat_trims_itself_under_its_limit(web, seed_settings):
    """A long conversation keeps going: the chat drops its oldest exchanges instead of growing."""
    pair = [user(Q_TABLE), {"role": "assistant", "content": [{"type": "text", "text": "660405"}]}]
    limit = chat_limit(seed_settings)
    chat = (pair * limit)[: limit - 1] + [user("那住院收入呢？")]
    assert len(chat) == limit
    done = chat_event(web, "", "answer", [chat], session="long")[-1]
    out = done["output"]["data"][0]
    assert done["success"] is True and len(out) <= 3 * seed_settings.max_history
    assert out[0]["role"] == "user" and "543099.4" in json.dumps(out, ensure_ascii=False)


# == 10. tracebacks, exit codes, paths, raw messages, {"detail"} ===========================================
def test_cli_bad_arguments_are_messages_with_their_codes(seed_settings, tmp_path):
    r = qa("search", "互联网", "--k", "0", "--index", str(seed_settings.index_dir))
    err = r.stderr.decode()
    assert r.returncode == 2 and "--k" in err and "Traceback" not in err
    r = qa("eval", str(tmp_path / "missing.jsonl"), *flags(seed_settings))
    err = r.stderr.decode()
    assert r.returncode == 2 and "missing.jsonl" in err and "Traceback" not in err
    (tmp_path / "bad.jsonl").write_text('{"q": 1}\n', encoding="utf-8")
    r = qa("eval", str(tmp_path / "bad.jsonl"), *flags(seed_settings))
    assert r.returncode == 2 and "bad.jsonl" in r.stderr.decode() and b"Traceback" not in r.stderr
    r = qa("ask", "--json", "门急诊\udcff人次", *flags(seed_settings))  # argv bytes that are not UTF-8
    assert r.returncode == 2 and b"invalid character" in r.stderr and b"Traceback" not in r.stderr


def test_unreadable_index_files_are_exit_4_without_traceback(seed_settings, shared):
    """Reproduced: a traceback and exit 1, the "not found" code."""
    s = copy_index(seed_settings, shared)
    (current_dir(s) / "bulletins.sqlite").chmod(0o600)
    prefix, env = (NOBODY, {"HOME": "/tmp"}) if ROOT_USER else ([], {})
    if not ROOT_USER:
        (current_dir(s) / "bulletins.sqlite").chmod(0o000)
    r = qa("ask", Q_TABLE, *flags(s), user=prefix, env=env)
    err = r.stderr.decode()
    assert r.returncode == 4 and "bulletins.sqlite" in err and "Traceback" not in err, err


def test_a_full_disk_during_ingest_is_exit_6_and_the_old_index_serves(seed_settings, tmp_path):
    """A file-size limit (RLIMIT_FSIZE) makes every write past 64 KB fail as a full disk would."""
    s = copy_index(seed_settings, tmp_path)
    before = current_dir(s)

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    r = qa("ingest", "--force", "--quiet", *flags(s), preexec_fn=small_files)
    err = r.stderr.decode()
    assert r.returncode == 6 and "cannot write" in err and "Traceback" not in err, err
    assert current_dir(s) == before and status(s) == ("ok", "up to date")
    assert not list(s.index_dir.glob("*.building"))


def test_web_errors_show_no_paths_no_raw_messages_and_one_shape(seed_settings, tmp_path):
    s = replace(seed_settings, index_dir=tmp_path / "nowhere" / "index")
    with client_for(s) as c:
        _web_errors(c, tmp_path)


def _web_errors(c: TestClient, tmp_path: Path) -> None:
    r = c.post("/api/ask", json={"question": Q_TABLE})
    assert r.status_code == 503 and "qa ingest" in r.json()["error"]
    h = c.get("/api/health").json()
    for text in (r.text, json.dumps(h)):
        assert str(tmp_path) not in text and "/tmp" not in text
    for method, path, code in [
        ("GET", "/api/nope", 404),
        ("POST", "/api/health", 405),
        ("GET", "/api/ask", 405),
        ("GET", "/no/such/page", 404),
    ]:
        r = c.request(method, path)
        assert r.status_code == code and set(r.json()) == {"error"}, (path, r.text)
    # the chat says the same, without the path
    done = chat_event(c, "", "answer", [[user(Q_TABLE)]], session="nopath")[-1]
    shown = json.dumps(done["output"], ensure_ascii=False)
    assert "服务暂不可用" in shown and str(tmp_path) not in shown


def test_a_broken_vector_store_is_a_503_without_chromadb_words(seed_settings, tmp_path):
    s = copy_index(seed_settings, tmp_path)
    (current_dir(s) / "chroma" / "chroma.sqlite3").write_bytes(b"not a database" * 100)
    with client_for(s) as c:
        r = c.post("/api/ask", json={"question": Q_TEXT})
        assert r.status_code == 503, r.text
        body = r.text.lower()
        for word in ("chromadb", "internalerror", "traceback", str(tmp_path).lower(), "sqlite3"):
            assert word not in body, word
        assert c.post("/api/ask", json={"question": Q_TABLE}).status_code == 200  # tables still answer
        h = c.get("/api/health")
        assert h.status_code == 503 and "chromadb" not in h.text.lower()


# == 11. a failed bulletin stays reported ==================================================================
def test_a_failed_bulletin_is_reported_on_every_ingest_until_removed(seed_settings, tmp_path, capsys):
    """Reproduced: reported once, then "nothing to do" with exit 0."""
    s = copy_index(seed_settings, tmp_path)
    broken = s.corpus_dir / "2025-08_broken.txt"
    broken.write_bytes(b"\x00\x01garbage" * 100)
    for _ in range(3):
        assert main(["ingest", "--quiet", *flags(s)]) == 3
        err = capsys.readouterr().err
        assert "2025-08_broken.txt" in err and "binary" in err
    assert main(["ask", Q_TABLE, *flags(s)]) == 0  # the index itself serves meanwhile
    capsys.readouterr()
    broken.unlink()
    assert main(["ingest", "--quiet", *flags(s)]) == 0
    assert "broken" not in capsys.readouterr().err


# == 12. origins and Host headers ===========================================================================
@pytest.mark.parametrize(
    "origin",
    [
        "https://*",
        "https://*.example.cn",
        "*",
        "https://oa.example.cn/path",
        "https://oa.example.cn/",
        "https://oa.example.cn; script-src *",
        "https://oa.example.cn\nX-Injected: 1",
        "https://oa.example.cn\r\nX-Injected: 1",
        "https://user@oa.example.cn",
        "https://oa.example.cn:99999",
        "https://oa.example.cn?x=1",
        "javascript://oa.example.cn",
        "https://oa example.cn",
        "https://0.0.0.0",
    ],
)
def test_allowed_origins_are_scheme_host_port_only(origin):
    with pytest.raises(ConfigError, match="QA_ALLOWED_ORIGINS") as e:
        Settings.from_env(env={"QA_ALLOWED_ORIGINS": f"https://ok.example.cn,{origin}"})
    assert repr(origin)[1:-1][:20] in str(e.value)


def test_origins_are_normalised_as_browsers_send_them():
    s = Settings.from_env(
        env={"QA_ALLOWED_ORIGINS": "HTTPS://OA.Example.CN:443, http://[::1]:80,http://a.b:8080"}
    )
    assert s.allowed_origins == ["https://oa.example.cn", "http://[::1]", "http://a.b:8080"]
    with pytest.raises(ConfigError, match="QA_HOST"):
        Settings.from_env(env={"QA_HOST": "a.example; frame-ancestors *"})


def test_app_refuses_a_bad_origin_at_start(monkeypatch, capsys):
    import app

    monkeypatch.setenv("QA_ALLOWED_ORIGINS", "https://*")
    assert app.main([]) == 2
    assert "QA_ALLOWED_ORIGINS" in capsys.readouterr().err


def test_foreign_host_headers_are_refused(web):
    """Reproduced: any Host was served (DNS rebinding: a foreign name resolving to the intranet app)."""
    for host in ("attacker.example", "attacker.example:7999", "127.0.0.1.attacker.example", ""):
        r = web.get("/api/health", headers={"Host": host})
        assert r.status_code == 400 and r.json()["error"].startswith("host"), host
        assert web.get("/", headers={"Host": host}).status_code == 400
    # served names, and IP addresses (a browser sends one only when the user typed it: no rebinding)
    for host in ("127.0.0.1:7999", "localhost:7999", "LOCALHOST", "[::1]:7999", "192.168.1.20:7860"):
        assert web.get("/api/health", headers={"Host": host}).status_code == 200, host


def test_bound_to_every_interface_the_machine_name_is_served():
    from qa.web.guard import served_hosts

    hosts = served_hosts(Settings.from_env(env={"QA_HOST": "0.0.0.0"}))
    assert socket.gethostname().lower() in hosts
    if socket.gethostname().lower() != "localhost":
        assert socket.gethostname().lower() not in served_hosts(Settings.from_env(env={}))


# == 13. huge bulletins =====================================================================================
def test_a_bulletin_over_the_size_limit_is_refused_with_the_limit(
    seed_settings, tmp_path, monkeypatch, capsys
):
    """Reproduced: a 50 MB bulletin took 1.5 GB and minutes, with no progress shown."""
    s = copy_index(seed_settings, tmp_path)
    big = s.corpus_dir / "2025-08_huge.txt"
    big.write_bytes(seed_settings.corpus_dir.joinpath("2025-07_第161期.txt").read_bytes() + b"\n" * 1_600_000)
    monkeypatch.setenv("QA_MAX_BULLETIN_MB", "1.5")
    assert main(["ingest", *flags(s)]) == 3
    err = capsys.readouterr().err
    assert "2025-08_huge.txt" in err and "the limit is 1.5 MB per bulletin (QA_MAX_BULLETIN_MB)" in err
    assert "[1/2] parsing 2025-07_第161期.txt" in err and "[2/2] parsing 2025-08_huge.txt" in err
    assert main(["ask", "--json", Q_TABLE, *flags(s)]) == 0  # the others are indexed
    assert main(["parse", str(big)]) == 3
    assert "QA_MAX_BULLETIN_MB" in capsys.readouterr().err
