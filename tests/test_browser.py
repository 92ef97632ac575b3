"""Real Chromium against the real app: the widget on another site, the chat page, and origin checks.

`python app.py` serves the seed index on a free port with one extra allowed origin (a host page on
a second port); a third port serves the same host page from an origin that is NOT allowed. Every
request to a host other than 127.0.0.1/localhost is aborted and fails the test.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
Q = "江苏省人民医院门急诊人次是多少？"
FOLLOW_UP = "那住院收入呢？"
XSS = "<img src=x onerror=alert(1)>"
LOCAL = {"127.0.0.1", "localhost"}
T = 30_000  # ms; answers take milliseconds, but two cores are shared with Chromium

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


HOST_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>内网门户</title></head>
<body style="font-family: 'WenQuanYi Micro Hei', sans-serif; margin: 2rem">
<h1>南京市卫生健康委 · 内网门户</h1><p>（示例页面：右下角是简报问答小部件。）</p>
<script src="{app}/widget.js" defer {attrs}></script></body></html>"""


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve_host_page(folder: Path, app: str, attrs: str) -> ThreadingHTTPServer:
    """A plain site on its own port that embeds the widget with one <script> tag."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(HOST_PAGE.format(app=app, attrs=attrs), encoding="utf-8")
    httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture(scope="module")
def site(seed_settings, tmp_path_factory):
    """The app (started with `python app.py`), an allowed host page and a forbidden one."""
    tmp = tmp_path_factory.mktemp("browser")
    port = free_port()
    app = f"http://127.0.0.1:{port}"
    good = serve_host_page(tmp / "good", app, 'data-position="bottom-right"')
    bad = serve_host_page(tmp / "bad", app, 'data-position="bottom-left" data-title="问答" data-open="true"')
    good_url, bad_url = (f"http://127.0.0.1:{h.server_address[1]}" for h in (good, bad))
    env = dict(os.environ, QA_ALLOWED_ORIGINS=good_url)
    log = (tmp / "app.log").open("w")
    cmd = [sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--index", str(seed_settings.index_dir), "--corpus", str(seed_settings.corpus_dir)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"app.py exited with {proc.returncode}:\n{(tmp / 'app.log').read_text()}")
            try:
                if httpx.get(f"{app}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.time() > deadline:
                pytest.fail(f"app.py not healthy after 90 s:\n{(tmp / 'app.log').read_text()}")
            time.sleep(0.3)
        yield {"app": app, "good": good_url, "bad": bad_url, "shots": tmp}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        good.shutdown()
        bad.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian's chromium + fonts-wqy-microhei)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def context(browser):
    """A fresh context that aborts and records every request to another host."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    ctx.external = []

    def route(r):
        u = urlparse(r.request.url)
        if u.scheme in ("http", "https", "ws", "wss") and u.hostname not in LOCAL:
            ctx.external.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    ctx.route("**/*", route)
    yield ctx
    ctx.close()
    assert ctx.external == [], f"requests to other hosts: {ctx.external}"


def save(page, site, name: str) -> None:
    path = site["shots"] / name
    page.screenshot(path=str(path))
    if os.environ.get("QA_SCREENSHOT_DIR"):  # e.g. QA_SCREENSHOT_DIR=docs to refresh the README images
        shutil.copy(path, Path(os.environ["QA_SCREENSHOT_DIR"]) / name)


def send(frame, text: str) -> None:
    box = frame.locator("#qa-input textarea")
    box.fill(text)
    box.press("Enter")


def test_widget_on_an_allowed_site_answers_with_sources_and_follow_ups(context, site):
    from playwright.sync_api import expect

    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(site["good"] + "/", wait_until="load")
    button = page.get_by_role("button", name="简报问答")
    expect(button).to_be_visible()
    assert button.bounding_box()["x"] > 640  # data-position="bottom-right"
    button.click()
    chat = page.frame_locator("iframe[title=简报问答]")

    send(chat, Q)
    bot = chat.locator("[data-testid=bot]")
    expect(bot.filter(has_text="660405").first).to_be_visible(timeout=T)
    expect(chat.locator(".thought-group").filter(has_text="来源").first).to_be_visible()

    send(chat, FOLLOW_UP)
    expect(bot.filter(has_text="543099.4").first).to_be_visible(timeout=T)
    sources = chat.locator(".thought-group").filter(has_text="来源")
    expect(sources).to_have_count(2)
    expect(sources.last).not_to_contain_text("第113行")  # folded by default
    sources.last.locator(".title").click()
    expect(sources.last).to_contain_text("第113行")
    expect(sources.last).to_contain_text("住院收入 543099.4 千元")
    page.wait_for_timeout(400)  # let the unfolding animation finish before the screenshot
    save(page, site, "screenshot-widget.png")

    answers = bot.count()
    send(chat, XSS)
    expect(chat.locator("[data-testid=user]").filter(has_text=XSS)).to_have_count(1, timeout=T)  # as text
    expect(bot).not_to_have_count(answers, timeout=T)
    assert chat.locator("#qa-chat img").count() == 0
    assert dialogs == []

    # The allowed site may call the API from the browser too.
    got = page.evaluate(
        """async ([url, q]) => {
            const r = await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'},
                                        body: JSON.stringify({question: q})});
            return [r.status, (await r.json()).answer];
        }""",
        [site["app"] + "/api/ask", Q],
    )
    assert got[0] == 200 and "660405" in got[1]


def test_chat_page_shows_tables_refusals_and_clears(context, site):
    from playwright.sync_api import expect

    page = context.new_page()
    page.goto(site["app"] + "/", wait_until="load")
    expect(page.get_by_role("heading", name="简报问答")).to_be_visible(timeout=T)
    expect(page.get_by_text("已收录 1 期简报（2025年第7期）")).to_be_visible(timeout=T)
    expect(page.get_by_text("哪家医院的门急诊收入最高？").first).to_be_visible()  # examples

    page.locator("#qa-chat").get_by_text("CHITEC大会是谁主办的？").click()  # an example card asks at once
    bot = page.locator("[data-testid=bot]")
    expect(bot.filter(has_text="中国卫生信息与健康医疗大数据学会").first).to_be_visible(timeout=T)
    send(page, "上海市第一人民医院的门急诊人次是多少？")
    expect(bot.filter(has_text="未找到").first).to_be_visible(timeout=T)
    send(page, "实时数据上传天数少于10天的医院有哪些？")
    table = page.locator("#qa-chat table")
    expect(table.get_by_role("cell", name="南京市儿童医院")).to_be_visible(timeout=T)
    expect(table.get_by_role("cell", name="9 天")).to_be_visible()
    save(page, site, "screenshot-chat.png")

    page.locator("#qa-clear").click()
    expect(bot).to_have_count(0)


def test_a_site_not_allowed_can_neither_frame_the_chat_nor_call_the_api(context, site):
    from playwright.sync_api import expect

    csp = httpx.get(site["app"] + "/embed/").headers["content-security-policy"]
    assert site["good"] in csp and site["bad"] not in csp

    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text))
    page.goto(site["bad"] + "/", wait_until="load")
    button = page.get_by_role("button", name="问答")  # data-title
    expect(button).to_be_visible()
    assert button.bounding_box()["x"] < 640  # data-position="bottom-left"
    expect(page.locator("iframe[title=问答]")).to_be_visible()  # data-open="true"

    deadline = time.time() + 15
    while not any(f.url.startswith("chrome-error://") for f in page.frames) and time.time() < deadline:
        page.wait_for_timeout(200)
    assert [f.url for f in page.frames][1:] == ["chrome-error://chromewebdata/"]
    assert any("frame-ancestors" in m for m in console), console
    assert page.frame_locator("iframe[title=问答]").locator("#qa-input").count() == 0

    got = page.evaluate(
        """async (url) => {
            try {
                await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'},
                                  body: JSON.stringify({question: '江苏省人民医院门急诊人次是多少？'})});
                return 'answered';
            } catch (e) { return 'blocked: ' + e; }
        }""",
        site["app"] + "/api/ask",
    )
    assert got.startswith("blocked: TypeError"), got
