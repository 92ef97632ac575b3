"""Real Chromium against `qa serve` with an admin token: the monthly routine in the browser.

An admin opens /admin, types the token, uploads a Word file of a new issue (built with python-docx
from a text fixture), checks the preview (masthead, articles, tables with row counts), confirms,
watches the progress bar, and the chat — same server process, no restart — answers a question only
the new issue can answer. Without the token the upload is refused. Every request to a host other than
127.0.0.1/localhost fails the test (the `context` fixture of test_browser.py). Screenshots go to the
test's folder, and to QA_SCREENSHOT_DIR when set (QA_SCREENSHOT_DIR=docs refreshes the README's).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from formats import build_docx
from test_attacks import copy_index
from test_browser import ROOT, T, browser, context, free_port, send  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
TOKEN = "browser-admin-token-0123456789"
NEW = Path(__file__).resolve().parent / "fixtures" / "bulletins" / "2025-09_第163期.txt"
Q_NEW = "8月南京鼓楼医院门急诊人次是多少？"
A_NEW = "623965"


@pytest.fixture(scope="module")
def docx(tmp_path_factory) -> Path:
    return build_docx(NEW, tmp_path_factory.mktemp("docx") / "2025年第9期.docx")


@pytest.fixture(scope="module")
def admin_site(seed_settings, tmp_path_factory):
    """`qa serve` on a private copy of the seed index, with QA_ADMIN_TOKEN set."""
    tmp = tmp_path_factory.mktemp("browser-admin")
    s = copy_index(seed_settings, tmp)
    port = free_port()
    app = f"http://127.0.0.1:{port}"
    env = dict(os.environ, QA_ADMIN_TOKEN=TOKEN)
    env.pop("QA_CORPUS_DIR", None)
    log = (tmp / "app.log").open("w")
    cmd = [sys.executable, "-m", "qa", "serve", "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--index", str(s.index_dir), "--corpus", str(s.corpus_dir)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"qa serve exited with {proc.returncode}:\n{(tmp / 'app.log').read_text()}")
            try:
                if httpx.get(f"{app}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.time() > deadline:
                pytest.fail(f"qa serve not healthy after 90 s:\n{(tmp / 'app.log').read_text()}")
            time.sleep(0.3)
        yield {"app": app, "shots": tmp, "proc": proc, "settings": s}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def save(page, site, name: str) -> None:
    """A screenshot of the whole page (the preview is longer than the window)."""
    path = site["shots"] / name
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("QA_SCREENSHOT_DIR"):
        shutil.copy(path, Path(os.environ["QA_SCREENSHOT_DIR"]) / name)


def choose_and_preview(page, docx: Path) -> None:
    page.locator("#file").set_input_files(str(docx))
    page.locator("#preview-btn").click()


def test_without_the_token_the_upload_is_refused(context, admin_site, docx):  # noqa: F811
    from playwright.sync_api import expect

    files = {"file": (docx.name, docx.read_bytes())}
    assert httpx.post(admin_site["app"] + "/api/bulletins", files=files).status_code == 401
    page = context.new_page()
    page.goto(admin_site["app"] + "/admin", wait_until="load")
    expect(page.get_by_role("heading", name="简报问答 · 管理")).to_be_visible(timeout=T)
    choose_and_preview(page, docx)  # no token typed in
    expect(page.locator("#upload-error")).to_contain_text("401", timeout=T)
    expect(page.locator("#preview")).to_be_hidden()
    page.locator("#token").fill("not-" + TOKEN)
    page.locator("#token-form button").click()
    choose_and_preview(page, docx)
    expect(page.locator("#upload-error")).to_contain_text("令牌不正确", timeout=T)
    expect(page.locator("#preview")).to_be_hidden()
    assert not (admin_site["settings"].corpus_dir / docx.name).exists()


def test_an_admin_uploads_a_docx_and_the_chat_answers_it_without_a_restart(context, admin_site, docx):  # noqa: F811
    from playwright.sync_api import expect

    app, proc = admin_site["app"], admin_site["proc"]
    before = httpx.get(app + "/api/health").json()["generation"]

    chat = context.new_page()
    chat.goto(app + "/", wait_until="load")
    send(chat, Q_NEW)
    bot = chat.locator("[data-testid=bot]")
    expect(bot.filter(has_text="未找到").first).to_be_visible(timeout=T)  # August is not indexed yet

    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    page.goto(app + "/admin", wait_until="load")
    page.locator("#token").fill(TOKEN)
    page.locator("#token-form button").click()
    expect(page.locator("#token-state")).to_contain_text("已填写令牌")
    expect(page.locator("#issues tbody tr")).to_have_count(1, timeout=T)

    choose_and_preview(page, docx)
    preview = page.locator("#preview")
    expect(preview).to_be_visible(timeout=T)
    expect(page.locator("#preview-meta")).to_contain_text("2025年第9期")
    expect(page.locator("#preview-meta")).to_contain_text("总第163期")
    expect(page.locator("#preview-meta")).to_contain_text("2025-08")
    expect(page.locator("#preview-articles li").first).to_contain_text("网络与数据安全专项检查")
    rows = page.locator("#preview-tables tbody tr")
    expect(rows).to_have_count(5)
    hospitals = rows.filter(has_text="数据采集情况（医院）")
    expect(hospitals.locator("td").nth(1)).to_have_text("40")
    expect(hospitals.locator("td").nth(4)).to_have_text("通过")
    expect(page.locator("#confirm-btn")).to_have_text("确认收录")
    page.wait_for_timeout(300)
    save(page, admin_site, "screenshot-admin-preview.png")

    # watch the bar: every value it takes while the job runs
    page.evaluate(
        """() => { window.__bar = []; const bar = document.getElementById('bar');
                   new MutationObserver(() => window.__bar.push(+bar.getAttribute('aria-valuenow')))
                     .observe(bar, {attributes: true}); }"""
    )
    page.locator("#confirm-btn").click()
    expect(page.locator("#progress-block")).to_be_visible(timeout=T)
    expect(page.locator("#result")).to_contain_text("已收录 2025年第9期", timeout=120_000)
    seen = page.evaluate("window.__bar")
    assert seen[-1] == 100 and any(0 < v < 100 for v in seen), seen
    assert seen == sorted(seen)
    expect(page.locator("#stage")).to_contain_text("完成")
    expect(page.locator("#issues tbody tr")).to_have_count(2, timeout=T)
    expect(page.locator("#issues")).to_contain_text("2025年第9期.docx")
    page.wait_for_timeout(300)
    save(page, admin_site, "screenshot-admin.png")

    # the chat of the same process, asked again: answered from the new issue
    assert proc.poll() is None
    after = httpx.get(app + "/api/health").json()
    assert after["generation"] != before and after["generation"] == after["current"]
    send(chat, Q_NEW)
    expect(bot.filter(has_text=A_NEW).first).to_be_visible(timeout=T)
    expect(chat.locator(".thought-group").filter(has_text="来源").last).to_be_visible()

    # and removed again from the list
    page.get_by_role("button", name="删除 2025年第9期").click()
    expect(page.locator("#result")).to_contain_text("已删除", timeout=120_000)
    expect(page.locator("#issues tbody tr")).to_have_count(1, timeout=T)
    assert dialogs and "2025年第9期" in dialogs[0]
