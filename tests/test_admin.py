"""Issue 11, parts 2–4 against a real index: the admin API (upload, preview, replace, remove, jobs,
token), hot reload without a failed request, the index's own corpus, served pages without outside
hosts, the per-client question limit and the bound on one answer.

The admin tests share one private copy of the seed index served with an admin token; they run in file
order (the upload first, the removal last). Tests that change the index in other ways get their own copy.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import threading
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient
from formats import build_docx
from test_attacks import copy_index, qa, wait_healthy

from qa import corpus
from qa.config import Settings
from qa.errors import (
    AnswerTimeout,
    Conflict,
    IndexBusy,
    NotAllowed,
    ParseError,
    QAError,
    RateLimited,
    StorageError,
    Unauthorized,
)
from qa.index import build, current_dir, read_manifest
from qa.web.limits import RateLimit

TESTS = Path(__file__).resolve().parent
NEW = TESTS / "fixtures" / "bulletins" / "2025-09_第163期.txt"  # 2025年第9期, data of 2025-08
LATER = TESTS / "fixtures" / "bulletins" / "2025-10_第164期.txt"  # 2025年第10期, data of 2025-09
TOKEN = "test-admin-token-" + "0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BASE = "http://127.0.0.1:7999"
Q_NEW = "8月南京鼓楼医院门急诊人次是多少？"  # only the new issue has August
A_NEW = "623965"
Q_OLD = "2025年6月江苏省人民医院门急诊人次是多少？"  # pinned: a newer issue must not change it
Q_TEXT = "CHITEC大会是谁主办的？"
TEXT_ANSWER = "中国卫生信息与健康医疗大数据学会"


def client_for(s: Settings, **kw) -> TestClient:
    from qa.web.app import create_app

    return TestClient(create_app(s, build=False), base_url=BASE, **kw)


def wait_job(c: TestClient, job: str, seconds: float = 300) -> dict:
    """Poll a job until it has ended; every state seen is kept in the result's `seen`."""
    deadline = time.time() + seconds
    seen = []
    while time.time() < deadline:
        r = c.get(f"/api/jobs/{job}", headers=AUTH)
        assert r.status_code == 200, r.text
        j = r.json()
        seen.append((j["progress"], j["stage"]))
        if j["status"] != "running":
            return {**j, "seen": seen}
        time.sleep(0.1)
    pytest.fail(f"job {job} still running after {seconds} s: {seen[-3:]}")


def log_entries(s: Settings) -> list[dict]:
    return corpus.read_log(s, last=1000)


def ask(c: TestClient, question: str) -> dict:
    r = c.post("/api/ask", json={"question": question})
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture(scope="module")
def docx(tmp_path_factory) -> Path:
    """The generated 第163期 as a Word file (as staff receive it)."""
    return build_docx(NEW, tmp_path_factory.mktemp("docx") / "第163期.docx")


@pytest.fixture(scope="module")
def site(seed_settings, tmp_path_factory):
    s = replace(copy_index(seed_settings, tmp_path_factory.mktemp("admin")), admin_token=TOKEN)
    with client_for(s) as c:
        wait_healthy(c)
        yield SimpleNamespace(c=c, s=s)


@pytest.fixture(scope="module")
def uploaded(site, docx):
    """The .docx uploaded through the API while two clients keep asking, table and text questions."""
    c, s = site.c, site.s
    before = {
        "generation": c.get("/api/health").json()["generation"],
        "new": ask(c, Q_NEW),
        "corpus": sorted(p.name for p in s.corpus_dir.iterdir()),
    }
    statuses: list[tuple[str, int, bool]] = []
    stop = threading.Event()

    def asker(question: str, expected: str):
        while not stop.is_set():
            r = c.post("/api/ask", json={"question": question})
            statuses.append(
                (question, r.status_code, r.status_code == 200 and expected in r.json()["answer"])
            )

    askers = [threading.Thread(target=asker, args=a) for a in ((Q_OLD, "660405"), (Q_TEXT, TEXT_ANSWER))]
    for t in askers:
        t.start()
    try:
        r = c.post("/api/bulletins", files={"file": (docx.name, docx.read_bytes())}, headers=AUTH)
        assert r.status_code == 202, r.text
        job = wait_job(c, r.json()["job"])
    finally:
        stop.set()
        for t in askers:
            t.join()
    return SimpleNamespace(before=before, accepted=r.json(), job=job, statuses=statuses)


# -- the token ------------------------------------------------------------------------------------
def test_every_admin_call_needs_the_token(site, docx):
    c, s = site.c, site.s
    gen = current_dir(s)
    calls = [
        ("POST", "/api/bulletins", {"files": {"file": (docx.name, docx.read_bytes())}}),
        ("POST", "/api/bulletins/preview", {"files": {"file": (docx.name, docx.read_bytes())}}),
        ("DELETE", "/api/bulletins/2025年第7期", {}),
        ("GET", "/api/jobs/0123456789abcdef", {}),
    ]
    for headers in ({}, {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": f"Basic {TOKEN}"}):
        for method, path, kw in calls:
            r = c.request(method, path, headers=headers, **kw)
            assert r.status_code == 401, (method, path, headers, r.text)
            assert r.headers["www-authenticate"] == "Bearer" and "admin token" in r.json()["error"]
            assert TOKEN not in r.text
    assert current_dir(s) == gen and sorted(p.name for p in s.corpus_dir.iterdir()) == ["2025-07_第161期.txt"]
    refused = [e for e in log_entries(s) if e["action"] == "refused"]
    assert refused and all("time" in e and "client" in e for e in refused)
    assert TOKEN not in (s.index_dir / corpus.LOG_NAME).read_text(encoding="utf-8")


def test_without_an_admin_token_set_the_admin_api_is_closed(seed_settings, docx):
    s = replace(seed_settings, admin_token="")
    with client_for(s) as c:
        for method, path, kw in (
            ("POST", "/api/bulletins", {"files": {"file": (docx.name, b"x")}}),
            ("DELETE", "/api/bulletins/2025年第7期", {}),
            ("GET", "/api/jobs/0123456789abcdef", {}),
        ):
            r = c.request(method, path, headers=AUTH, **kw)
            assert r.status_code == 403, (path, r.text)
        assert c.get("/api/bulletins").status_code == 200  # what is indexed stays public
        assert c.get("/admin").status_code == 200  # the page itself holds no secret


# -- upload ---------------------------------------------------------------------------------------
def test_preview_shows_what_was_understood_and_stores_nothing(site, docx):
    from qa.parse import parse_file

    c, s = site.c, site.s
    r = c.post("/api/bulletins/preview", files={"file": (docx.name, docx.read_bytes())}, headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    p = body["preview"]
    text = parse_file(NEW)  # the text export of the same issue
    assert (p["issue"], p["running"], p["published"], p["data_month"]) == (
        "2025年第9期",
        163,
        "2025-09-25",
        "2025-08",
    )
    assert [a["title"] for a in p["articles"]][:2] == [
        "市卫生健康委开展2025年度网络与数据安全专项检查",
        "江苏省人民医院上线AI智能预问诊服务",
    ]
    assert [(t["title"], t["rows"], t["total"]) for t in p["tables"]] == [
        (t.title, len(t.rows), t.total is not None) for t in text.tables
    ]
    assert "门急诊收入（千元）" in p["tables"][2]["columns"]
    assert body["existing"] == [] and body["replace"] is False
    assert body["sha256"] == hashlib.sha256(docx.read_bytes()).hexdigest()
    assert sorted(x.name for x in s.corpus_dir.iterdir()) == ["2025-07_第161期.txt"]
    assert [e for e in log_entries(s) if e["action"] == "preview"][-1]["sha256"] == body["sha256"]


def test_a_sum_that_does_not_add_up_is_a_warning_of_its_table_in_the_preview(site):
    text = NEW.read_text(encoding="utf-8")
    row = "1\t南京鼓楼医院（含分院）\t4823\t1099\t64139\t2162\t72223"
    assert row in text
    bad = text.replace(row, row.replace("72223", "72224"))
    r = site.c.post(
        "/api/bulletins/preview", files={"file": ("第163期.txt", bad.encode("utf-8"))}, headers=AUTH
    )
    assert r.status_code == 200, r.text
    tables = r.json()["preview"]["tables"]
    warned = [t for t in tables if t["warnings"]]
    assert [t["title"] for t in warned] == ["2025 年 8 月 12320 预约挂号服务统计"]
    assert "72224" in warned[0]["warnings"][0] or "72223" in warned[0]["warnings"][0]


def test_an_upload_is_indexed_in_a_job_and_answered_without_a_restart(site, uploaded, docx):
    c, s = site.c, site.s
    assert uploaded.before["new"]["found"] is False  # August was not indexed
    assert uploaded.accepted["preview"]["issue"] == "2025年第9期"
    job = uploaded.job
    assert job["status"] == "done", job
    assert job["progress"] == 1.0 and job["stage"] == "done"
    progress = [p for p, _ in job["seen"]]
    assert progress == sorted(progress)  # never backwards
    rep = job["report"]
    sha = hashlib.sha256(docx.read_bytes()).hexdigest()
    assert (rep["issue"], rep["file"], rep["sha256"], rep["bulletins"]) == (
        "2025年第9期",
        "第163期.docx",
        sha,
        2,
    )
    assert rep["generation"] == current_dir(s).name != uploaded.before["generation"]
    # no failed request while the index was rebuilt and swapped
    assert uploaded.statuses and {(st, ok) for _, st, ok in uploaded.statuses} == {(200, True)}
    # the same server, no restart: it answers from the new generation
    health = c.get("/api/health").json()
    assert health["generation"] == health["current"] == rep["generation"]
    answer = ask(c, Q_NEW)
    assert answer["found"] and A_NEW in answer["answer"] and answer["sources"][0]["issue"] == "2025年第9期"
    assert [b["issue"] for b in c.get("/api/bulletins").json()["bulletins"]] == ["2025年第7期", "2025年第9期"]
    # stored whole, under its name, and logged with its hash
    assert (s.corpus_dir / "第163期.docx").read_bytes() == docx.read_bytes()
    assert not list(s.corpus_dir.glob(".*.part"))
    actions = [(e["action"], e["file"], e["sha256"]) for e in log_entries(s) if e["sha256"] == sha]
    assert [a for a, _, _ in actions][-3:] == ["upload", "stored", "indexed"]
    assert all(f == "第163期.docx" for _, f, _ in actions)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", e["time"]) for e in log_entries(s))


def test_the_same_issue_asks_to_replace_and_keeps_the_previous_file(site, uploaded, docx):
    c, s = site.c, site.s
    gen = current_dir(s)
    r = c.post("/api/bulletins", files={"file": (NEW.name, NEW.read_bytes())}, headers=AUTH)
    assert r.status_code == 409, r.text
    body = r.json()
    assert "2025年第9期 is already indexed" in body["error"] and "replace=true" in body["error"]
    assert [e["file"] for e in body["existing"]] == ["第163期.docx"]
    assert current_dir(s) == gen and (s.corpus_dir / "第163期.docx").is_file()
    preview = c.post("/api/bulletins/preview", files={"file": (NEW.name, NEW.read_bytes())}, headers=AUTH)
    assert preview.json()["replace"] is True and preview.json()["existing"][0]["file"] == "第163期.docx"

    r = c.post("/api/bulletins?replace=true", files={"file": (NEW.name, NEW.read_bytes())}, headers=AUTH)
    assert r.status_code == 202, r.text
    job = wait_job(c, r.json()["job"])
    assert job["status"] == "done", job
    assert job["report"]["replaced"] == ["第163期.docx"] and job["report"]["bulletins"] == 2
    files = [b["file"] for b in c.get("/api/bulletins").json()["bulletins"]]
    assert files == ["2025-07_第161期.txt", NEW.name]
    kept = list((s.corpus_dir / corpus.ARCHIVE).glob("*_replaced_第163期.docx"))
    assert len(kept) == 1 and kept[0].read_bytes() == docx.read_bytes()
    assert not (s.corpus_dir / "第163期.docx").exists()
    assert A_NEW in ask(c, Q_NEW)["answer"]
    replaced = [e for e in log_entries(s) if e["action"] == "replaced"]
    assert (
        replaced[-1]["file"] == "第163期.docx"
        and replaced[-1]["sha256"] == hashlib.sha256(docx.read_bytes()).hexdigest()
    )


def test_a_failed_build_puts_the_corpus_back_and_the_index_keeps_serving(site, uploaded, docx, monkeypatch):
    """Replacing 第9期 when the new index cannot be written: the job fails with the reason, the
    replaced file is back in the corpus folder, and the previous generation answers as before."""
    import qa.index

    c, s = site.c, site.s
    gen = current_dir(s)
    before = sorted(p.name for p in s.corpus_dir.iterdir())

    def full_disk(*_a, **_k):
        raise StorageError("cannot write the new index in 'index' (No space left on device)")

    monkeypatch.setattr(qa.index, "build", full_disk)
    r = c.post(
        "/api/bulletins",
        data={"replace": "true"},
        files={"file": (docx.name, docx.read_bytes())},
        headers=AUTH,
    )
    assert r.status_code == 202, r.text
    job = wait_job(c, r.json()["job"])
    assert job["status"] == "failed" and "No space left on device" in job["report"]["error"]
    assert sorted(p.name for p in s.corpus_dir.iterdir()) == before
    assert current_dir(s) == gen and c.get("/api/health").json()["generation"] == gen.name
    assert A_NEW in ask(c, Q_NEW)["answer"]
    assert log_entries(s)[-1]["action"] == "failed" and log_entries(s)[-1]["undone"] is True


@pytest.mark.parametrize(
    ("name", "data", "status", "where"),
    [
        ("bad.txt", b"hello world\nthis is not a bulletin\n", 422, {"file": "bad.txt", "line": 1}),
        ("第163期.pdf", NEW.read_bytes(), 422, {"file": "第163期.pdf"}),  # text named .pdf
        ("scan.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, 415, {}),  # an image named .pdf
        ("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, 415, {}),
        ("empty.docx", b"", 422, {"file": "empty.docx"}),
        ("../../etc/第163期.docx", b"PK\x03\x04broken", 415, {}),  # a zip cut short
    ],
)
def test_a_broken_file_is_refused_naming_file_line_and_field(site, name, data, status, where):
    c, s = site.c, site.s
    gen, files = current_dir(s), sorted(p.name for p in s.corpus_dir.iterdir())
    for path in ("/api/bulletins/preview", "/api/bulletins"):
        r = c.post(path, files={"file": (name, data)}, headers=AUTH)
        assert r.status_code == status, (path, r.text)
        body = r.json()
        assert body["field"] == "file" and body["error"]
        assert Path(name).name.split(".")[0] in body["error"]  # names the file, never a server path
        assert "/tmp" not in body["error"] and "qa-upload" not in body["error"]
        for k, v in where.items():
            assert body[k] == v, body
    assert current_dir(s) == gen and sorted(p.name for p in s.corpus_dir.iterdir()) == files
    assert not list(Path(s.corpus_dir).glob(".*.part"))


def test_a_file_named_without_suffix_is_typed_by_its_content(site, docx):
    r = site.c.post("/api/bulletins/preview", files={"file": ("第163期", docx.read_bytes())}, headers=AUTH)
    assert r.status_code == 200, r.text
    assert r.json()["preview"]["file"] == "第163期.docx"


def test_an_upload_larger_than_the_limit_is_refused(site):
    over = b"x" * int(site.s.max_bulletin_mb * 1024 * 1024 + 1)
    r = site.c.post("/api/bulletins", files={"file": ("big.txt", over)}, headers=AUTH)
    assert r.status_code == 413 and "limit" in r.json()["error"]


def test_remove_an_issue_moves_its_file_aside_and_the_answers_go(site, uploaded):
    c, s = site.c, site.s
    assert c.delete("/api/bulletins/2025年第8期", headers=AUTH).status_code == 404
    assert c.get("/api/jobs/ffffffffffffffff", headers=AUTH).status_code == 404
    file = next(b["file"] for b in c.get("/api/bulletins").json()["bulletins"] if b["issue"] == "2025年第9期")
    r = c.delete("/api/bulletins/2025年第9期", headers=AUTH)
    assert r.status_code == 202 and r.json()["files"] == [file]
    job = wait_job(c, r.json()["job"])
    assert job["status"] == "done" and job["report"]["removed"] == [file] and job["report"]["bulletins"] == 1
    assert [b["issue"] for b in c.get("/api/bulletins").json()["bulletins"]] == ["2025年第7期"]
    assert not (s.corpus_dir / file).exists()
    assert list((s.corpus_dir / corpus.ARCHIVE).glob(f"*_removed_{file}"))
    assert ask(c, Q_NEW)["found"] is False and "660405" in ask(c, Q_OLD)["answer"]
    assert [e["action"] for e in log_entries(s)][-3:] == ["remove", "removed", "indexed"]
    # the last issue cannot go: an index needs a bulletin
    r = c.delete("/api/bulletins/2025年第7期", headers=AUTH)
    assert r.status_code == 409 and "only issue" in r.json()["error"]


def test_no_upload_into_a_corpus_folder_that_lacks_the_indexed_files(seed_settings, tmp_path, docx):
    """A server answering from an index whose corpus folder is elsewhere must not build a new index
    from the upload alone (which would drop every other issue)."""
    s = copy_index(seed_settings, tmp_path)
    s = replace(s, corpus_dir=tmp_path / "not-the-corpus", admin_token=TOKEN)
    with client_for(s) as c:
        wait_healthy(c)
        r = c.post("/api/bulletins", files={"file": (docx.name, docx.read_bytes())}, headers=AUTH)
        assert r.status_code == 409 and "lacks 1 file(s) the index was built from" in r.json()["error"]
        assert not (tmp_path / "not-the-corpus").exists()


# -- hot reload -------------------------------------------------------------------------------------
def test_qa_ingest_beside_the_server_is_answered_without_a_restart_or_a_failed_request(
    seed_settings, tmp_path
):
    s = copy_index(seed_settings, tmp_path)
    with client_for(s) as c:
        first = wait_healthy(c)["generation"]
        statuses: list[tuple[int, bool]] = []
        stop = threading.Event()

        def asker(question, expected):
            while not stop.is_set():
                r = c.post("/api/ask", json={"question": question})
                statuses.append((r.status_code, r.status_code == 200 and expected in r.json()["answer"]))

        askers = [threading.Thread(target=asker, args=a) for a in ((Q_OLD, "660405"), (Q_TEXT, TEXT_ANSWER))]
        for t in askers:
            t.start()
        try:
            shutil.copy(LATER, s.corpus_dir / LATER.name)
            rep = build(s)  # what `qa ingest` does, beside the server
            deadline = time.time() + 120
            while c.get("/api/health").json()["generation"] != rep.generation:
                assert time.time() < deadline, "the server did not switch to the new generation"
                time.sleep(0.1)
        finally:
            stop.set()
            for t in askers:
                t.join()
        assert rep.generation != first
        assert statuses and set(statuses) == {(200, True)}
        got = ask(c, "9月南京鼓楼医院门急诊人次是多少？")
        assert got["found"] and got["sources"][0]["issue"] == "2025年第10期"


def test_health_does_not_hash_the_corpus_on_every_probe(site, monkeypatch):
    import qa.index

    c, s = site.c, site.s
    hashed: list[str] = []
    real = qa.index.sha256
    monkeypatch.setattr(qa.index, "sha256", lambda p: hashed.append(p.name) or real(p))
    c.get("/api/health")
    hashed.clear()
    for _ in range(3):
        assert c.get("/api/health").json()["index"] == "ok"
    assert hashed == []
    # a file replaced (another inode, same bytes) is read again, once
    seed = s.corpus_dir / "2025-07_第161期.txt"
    tmp = seed.with_name(".copy")
    shutil.copy(seed, tmp)
    tmp.replace(seed)
    for _ in range(2):
        assert c.get("/api/health").json()["index"] == "ok"
    assert hashed == ["2025-07_第161期.txt"]


# -- the index's own corpus -------------------------------------------------------------------------
def test_qa_ask_index_judges_against_the_corpus_recorded_in_the_manifest(multi_settings, tmp_path):
    """`qa ask --index DIR` (a fresh process each, as people run it) answers from DIR's own corpus."""
    s = copy_index(multi_settings, tmp_path)  # four bulletins; ./corpus holds one
    build(s, force=True)  # recorded: this copy's corpus folder
    assert read_manifest(current_dir(s))["corpus"] == str(s.corpus_dir.resolve())
    flags = ["--index", str(s.index_dir)]
    r = qa("ask", "--json", Q_NEW, *flags)
    assert r.returncode == 0, r.stderr.decode()
    assert A_NEW in json.loads(r.stdout)["answer"]
    # a corpus given explicitly is the one judged (it lacks three of the files: stale, exit 4)
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(TESTS.parent / "corpus" / "2025-07_第161期.txt", other)
    r = qa("ask", Q_NEW, *flags, "--corpus", str(other))
    assert r.returncode == 4 and b"stale" in r.stderr
    r = qa("ask", Q_NEW, *flags, env={"QA_CORPUS_DIR": str(other)})
    assert r.returncode == 4 and b"stale" in r.stderr
    # the corpus folder gone: a good index still answers
    shutil.rmtree(s.corpus_dir)
    r = qa("ask", "--json", Q_NEW, *flags)
    assert r.returncode == 0, r.stderr.decode()
    assert A_NEW in json.loads(r.stdout)["answer"]
    r = qa("search", "--json", "AI智能预问诊", *flags)
    assert r.returncode == 0 and json.loads(r.stdout)[0]["issue"] == "2025年第9期"


# -- pages -----------------------------------------------------------------------------------------
OWN = {"127.0.0.1", "localhost", "testserver", "host"}  # HOST: the placeholder of copy-paste snippets
RESERVED = re.compile(r"(^|\.)(example|invalid|test)$|(^|\.)example\.(com|net|org)$")  # RFC 2606
SOCIAL = re.compile(r"""<meta[^>]+(?:property|name)\s*=\s*["'](?:og|twitter):""", re.I)
URL = re.compile(r"""(?:https?:)?//([a-z0-9][a-z0-9.-]*)""", re.I)


def test_served_pages_name_no_outside_host(site):
    c = site.c
    for path in ("/", "/embed/", "/docs", "/widget-demo", "/admin"):
        r = c.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), path
        hosts = {h.lower().rstrip(".") for h in URL.findall(r.text)}
        outside = {h for h in hosts if h not in OWN and not RESERVED.search(h)}
        assert outside == set(), (path, outside)
        assert not SOCIAL.search(r.text), path
        assert int(r.headers["content-length"]) == len(r.content)
    assert "window.gradio_config" in c.get("/").text  # the page itself is whole


def test_the_admin_page_loads_nothing_from_elsewhere(site):
    r = site.c.get("/admin")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'self'" in csp
    assert (
        site.c.get("/admin/admin.js").status_code == 200 and site.c.get("/admin/admin.css").status_code == 200
    )
    assert site.c.get("/admin/secret.py").status_code == 404
    assert "innerHTML" not in site.c.get("/admin/admin.js").text


# -- one client cannot hold the answers ------------------------------------------------------------
def test_rate_limit_buckets_refill_evenly():
    now = [0.0]
    rl = RateLimit(3, clock=lambda: now[0])
    assert [rl.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert rl.take("a") == pytest.approx(20.0)  # 3 a minute: one every 20 s
    assert rl.take("b") == 0.0  # another address has its own
    now[0] = 10.0
    assert rl.take("a") == pytest.approx(10.0)
    now[0] = 20.0
    assert rl.take("a") == 0.0
    with pytest.raises(RateLimited) as e:
        rl.check("a")
    assert e.value.http_status == 429 and e.value.headers() == {"Retry-After": "20"}
    assert RateLimit(0).take("a") == 0.0  # 0: no limit


def join_answer(c: TestClient, prefix: str, api_name: str, question: str):
    deps = c.get(f"{prefix}/config").json()["dependencies"]
    dep = next(d for d in deps if d.get("api_name") == api_name)
    data = [[{"role": "user", "content": question}]]
    body = {"data": data, "fn_index": dep["id"], "session_hash": f"rl-{api_name}"}
    return c.post(f"{prefix}/gradio_api/queue/join", json=body)


def test_a_client_over_the_limit_gets_429_with_retry_after_on_the_api_and_the_chat(seed_settings):
    s = replace(seed_settings, rate_limit=2)
    with client_for(s) as c:
        wait_healthy(c)
        now = [1000.0]
        c.app.state.limiter.clock = lambda: now[0]
        assert ask(c, Q_OLD)["found"]
        assert join_answer(c, "", "answer", Q_OLD).status_code == 200  # the chat counts too
        r = c.post("/api/ask", json={"question": Q_OLD})
        assert r.status_code == 429 and r.headers["retry-after"] == "30"
        assert "QA_RATE_LIMIT" in r.json()["error"]
        for prefix, name in (("", "answer"), ("/embed", "example_answer")):
            r = join_answer(c, prefix, name, Q_OLD)
            assert r.status_code == 429 and r.headers["retry-after"] == "30", (prefix, name, r.text)
        assert c.post("/gradio_api/call/answer", json={"data": [[]]}).status_code == 429
        # what is not a question is not counted: health, pages, the chat's first line
        assert c.get("/api/health").status_code == 200 and c.get("/").status_code == 200
        assert join_answer(c, "", "describe", "").status_code == 200
        now[0] += 30
        assert ask(c, Q_OLD)["found"]


def test_one_answer_cannot_hold_the_lock_for_everybody(seed_settings):
    s = replace(seed_settings, answer_timeout=0.5)
    with client_for(s) as c:
        wait_healthy(c)
        service = c.app.state.service
        assert service._ask_lock.acquire()  # a question that does not end
        try:
            r = c.post("/api/ask", json={"question": Q_OLD})
        finally:
            service._ask_lock.release()
        assert r.status_code == 503 and r.headers["retry-after"] == "5"
        assert "busy" in r.json()["error"]
        assert ask(c, Q_OLD)["found"]  # the lock free again: answered
    eng = c.app.state.service.engine()
    with pytest.raises(AnswerTimeout, match="QA_ANSWER_TIMEOUT"):
        eng.ask(Q_TEXT, [], deadline=time.monotonic() - 1)  # past its deadline: stops between steps
    assert TEXT_ANSWER in eng.ask(Q_TEXT, [], deadline=time.monotonic() + 60).text


# -- one hierarchy ---------------------------------------------------------------------------------
def test_new_errors_carry_their_exit_code_status_and_headers():
    cases = [
        (RateLimited("x", retry_after=2.1), 7, 429, {"Retry-After": "3"}),
        (AnswerTimeout("x", retry_after=5), 7, 503, {"Retry-After": "5"}),
        (IndexBusy("x"), 7, 503, {}),
        (Unauthorized("x"), 2, 401, {"WWW-Authenticate": "Bearer"}),
        (NotAllowed("x"), 2, 403, {}),
        (Conflict("x", [{"file": "a.txt"}]), 2, 409, {}),
    ]
    for err, code, status, headers in cases:
        assert isinstance(err, QAError)
        assert (err.exit_code, err.http_status, err.headers()) == (code, status, headers), err
    assert Conflict("x", [{"file": "a.txt"}]).details() == {"existing": [{"file": "a.txt"}]}
    assert ParseError("no header", "/srv/x/第9期.docx", 3).details() == {
        "field": "file",
        "file": "第9期.docx",
        "line": 3,
    }
