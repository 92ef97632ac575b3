"""The web layer against a real index of the shipped bulletin: /api, limits, origins, pages, chat rendering."""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from qa.web.chat import md_escape, md_unescape, render, to_history

ALLOWED = "http://intranet.example:8080"
EVIL = "http://evil.example"
BASE = "http://127.0.0.1:7999"  # a served host name (the Host header is checked)
Q = "江苏省人民医院门急诊人次是多少？"
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//(?!testserver|127\.0\.0\.1|localhost)""")


@pytest.fixture(scope="module")
def settings(seed_settings):
    """The seed index with small limits and one extra allowed origin."""
    return replace(seed_settings, port=7999, allowed_origins=[ALLOWED], max_question_chars=60, max_history=6)


@pytest.fixture(scope="module")
def client(settings):
    from qa.web.app import create_app

    app = create_app(settings, build=False)
    with TestClient(app, base_url=BASE) as c:  # `with`: runs startup (engine warm-up)
        deadline = time.time() + 60
        while c.get("/api/health").status_code != 200 and time.time() < deadline:
            time.sleep(0.2)
        yield c


def ask(client, question, history=None, **kw):
    return client.post("/api/ask", json={"question": question, "history": history or []}, **kw)


# -- /api/ask ---------------------------------------------------------------------------------------
def test_ask_returns_the_cli_json(client, settings):
    from qa.answer import engine

    r = ask(client, Q)
    assert r.status_code == 200
    body = r.json()
    assert body == engine(settings).ask(Q, []).to_dict()  # what `qa ask --json` prints
    assert set(body) == {"question", "answer", "found", "route", "sources", "chart"}
    assert "660405" in body["answer"] and body["found"] is True and body["route"] == "table"
    src = body["sources"][0]
    assert src["kind"] == "table" and "660405" in src["text"] and src["issue"] == "2025年第7期"
    assert src["line"] > 0 and "数据采集情况" in src["title"]


def test_follow_up_uses_history_and_skips_sources(client):
    first = ask(client, Q).json()
    history = [
        {"role": "user", "content": Q},
        {"role": "assistant", "content": first["answer"]},
        {"role": "assistant", "content": "来源正文", "metadata": {"title": "来源", "status": "done"}},
    ]
    r = ask(client, "那住院收入呢？", history)
    assert r.status_code == 200 and "543099.4" in r.json()["answer"]
    # Gradio's UI form: content as a list of text blocks.
    blocks = [{"role": t["role"], "content": [{"type": "text", "text": t["content"]}]} for t in history[:2]]
    assert "543099.4" in ask(client, "那住院收入呢？", blocks).json()["answer"]


def test_refusal_is_not_found(client):
    body = ask(client, "上海市第一人民医院的门急诊人次是多少？").json()
    assert body["found"] is False and body["route"] == "none" and body["sources"] == []


def test_text_question(client):
    body = ask(client, "CHITEC大会是谁主办的？").json()
    assert body["found"] is True and body["route"] == "text"
    assert "中国卫生信息与健康医疗大数据学会" in body["answer"]


# -- limits and errors ------------------------------------------------------------------------------
def test_too_long_question_quotes_the_limit(client):
    r = ask(client, "门" * 61)
    assert r.status_code == 400
    assert "61" in r.json()["error"] and "60" in r.json()["error"]


def test_too_much_history_quotes_the_limit(client):
    r = ask(client, "那住院收入呢？", [{"role": "user", "content": Q}] * 7)
    assert r.status_code == 400 and "limit is 6" in r.json()["error"]


def test_empty_question_is_400(client):
    r = ask(client, "   ")
    assert r.status_code == 400 and "empty" in r.json()["error"]


@pytest.mark.parametrize(
    "payload",
    [{}, {"question": 3}, {"question": "x", "history": "no"}, {"question": "x", "history": [{"role": "x"}]}],
)
def test_wrong_types_are_422_with_a_message(client, payload):
    r = client.post("/api/ask", json=payload)
    assert r.status_code == 422 and r.json()["error"].startswith("invalid request")


def test_malformed_json_is_422(client):
    r = client.post("/api/ask", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 422


def test_body_too_large_is_413(client):
    from qa.web.app import MAX_BODY

    r = client.post("/api/ask", content=b"x" * (MAX_BODY + 1), headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and str(MAX_BODY) in r.json()["error"]

    def chunks():  # no Content-Length: counted while reading
        for _ in range(MAX_BODY // 4096 + 2):
            yield b" " * 4096

    r = client.post("/api/ask", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_missing_index_is_503(tmp_path, settings):
    from qa.web.app import create_app

    app = create_app(replace(settings, index_dir=tmp_path / "none"), build=False)
    c = TestClient(app, base_url=BASE)
    r = ask(c, Q)
    assert r.status_code == 503 and "qa ingest" in r.json()["error"]
    r = c.get("/api/health")
    assert r.status_code == 503 and r.json()["index"] == "missing"


def test_create_app_builds_a_stale_index(tmp_path, seed_settings, capfd):
    """A corpus that changed since the build: create_app rebuilds it before serving."""
    from qa.index import status
    from qa.web.app import create_app

    shutil.copytree(seed_settings.index_dir, tmp_path / "index", symlinks=True)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in seed_settings.corpus_dir.iterdir():
        shutil.copy(f, corpus / ("renamed-" + f.name))
    s = replace(seed_settings, index_dir=tmp_path / "index", corpus_dir=corpus)
    assert status(s)[0] == "stale"
    create_app(s)
    assert status(s)[0] == "ok"
    err = capfd.readouterr().err
    assert "index: stale" in err and "index: indexed 1 bulletins" in err


# -- health, bulletins, docs, widget ----------------------------------------------------------------
def test_health_and_bulletins(client):
    h = client.get("/api/health").json()
    assert h["status"] == "ok" and h["loaded"] is True and h["index"] == "ok"
    assert h["months"] == ["2025-06"] and h["bulletins"][0]["issue"] == "2025年第7期"
    b = client.get("/api/bulletins").json()
    assert b["bulletins"][0]["data_month"] == "2025-06" and b["bulletins"][0]["running"] == 161


def test_docs_are_offline(client):
    r = client.get("/docs")
    assert r.status_code == 200 and "/api/ask" in r.text and "/openapi.json" in r.text
    assert "http://" not in r.text.replace("http://HOST:PORT", "") and "https://" not in r.text
    spec = client.get("/openapi.json").json()
    assert {"/api/ask", "/api/health", "/api/bulletins"} <= set(spec["paths"])


def test_widget_js_is_self_contained(client):
    r = client.get("/widget.js")
    assert r.status_code == 200 and "javascript" in r.headers["content-type"]
    js = r.text
    assert "document.currentScript" in js and "textContent" in js
    for unsafe in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert unsafe not in js
    urls = set(re.findall(r"https?://[^\s\"')]+", js)) - {
        "http://www.w3.org/2000/svg",
        "http://HOST:7860/widget.js",
    }
    assert not urls, urls
    assert client.get("/widget-demo").status_code == 200


@pytest.mark.parametrize("path", ["/", "/embed/"])
def test_chat_pages_load_nothing_from_other_hosts(client, path):
    r = client.get(path)
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert not EXTERNAL.search(r.text)
    assert "fonts.googleapis" not in r.text and "cdn." not in r.text
    assert '"analytics_enabled":false' in r.text.replace(" ", "")


# -- origins ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/embed/", "/docs"])
def test_frame_ancestors_lists_only_allowed_origins(client, path):
    csp = client.get(path).headers["content-security-policy"]
    assert csp.startswith("frame-ancestors 'self' ")
    assert ALLOWED in csp and "http://127.0.0.1:7999" in csp and "http://localhost:7999" in csp
    assert EVIL not in csp and "*" not in csp


def test_cors_allows_configured_origins_only(client):
    pre = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    ok = client.options("/api/ask", headers={"Origin": ALLOWED, **pre})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == ALLOWED
    bad = client.options("/api/ask", headers={"Origin": EVIL, **pre})
    assert bad.status_code == 400 and "access-control-allow-origin" not in bad.headers
    r = ask(client, Q, headers={"Origin": EVIL})
    assert "access-control-allow-origin" not in r.headers  # the browser hides the answer
    r = ask(client, Q, headers={"Origin": ALLOWED})
    assert r.headers["access-control-allow-origin"] == ALLOWED
    # Gradio's own routes defer to the same policy (no echoing of any Origin).
    g = client.get("/gradio_api/info", headers={"Origin": EVIL})
    assert g.headers.get("access-control-allow-origin") in (None, "")


# -- chat rendering (real answers) ------------------------------------------------------------------
def test_render_puts_sources_in_a_folded_message(client):
    from qa.answer import engine

    eng = engine(client.app.state.settings)
    msgs = render(eng.ask("实时数据上传天数少于10天的医院有哪些？", []))
    answer, chart, sources = msgs  # the chart between answer and sources (tests/test_tables.py)
    assert chart.content.startswith("![图表：2025年6月实时数据上传天数少于")
    assert "| 医院 |" in answer.content and "| 南京市儿童医院 | 9 天 |" in answer.content
    assert sources.metadata == {"title": "来源", "status": "done"}
    assert (
        "第115行" in sources.content
        and "表格《2025年6月南京市卫生信息平台数据采集情况（医院）》" in sources.content
    )
    refusal = render(eng.ask("上海市第一人民医院的门急诊人次是多少？", []))
    assert len(refusal) == 1 and refusal[0].content.startswith("⚠ **未找到**")


def test_history_from_the_chat_drops_sources_and_unescapes():
    chat = [
        {"role": "user", "content": [{"type": "text", "text": md_escape("a<b> [x](y)")}]},
        {"role": "assistant", "content": "答 543099.4"},
        {"role": "assistant", "content": "…", "metadata": {"title": "来源", "status": "done"}},
        {"role": "assistant", "content": "⚠ **未找到**：没有"},
    ]
    assert to_history(chat, 10) == [
        {"role": "user", "content": "a<b> [x](y)"},
        {"role": "assistant", "content": "答 543099.4"},
        {"role": "assistant", "content": "没有"},
    ]
    assert to_history(chat, 1) == [{"role": "assistant", "content": "没有"}]


def test_escape_leaves_no_markup():
    assert md_escape("<img src=x onerror=alert(1)>") == r"\<img src=x onerror=alert(1)\>"
    assert md_escape("[a](javascript:x) *b* `c` |d|") == r"\[a\](javascript:x) \*b\* \`c\` \|d\|"
    assert md_escape("1. x\n# y") == "1\\. x\n\\# y"
    assert md_escape("543099.4 千元") == "543099.4 千元"


@given(st.text())
def test_escape_round_trips(text):
    assert md_unescape(md_escape(text)) == text
