"""Real Chromium (issue 12): a month series and a ranking each show a chart in the full chat and in the
widget's panel, with Chinese labels drawn in a CJK font, the downloads and the table browser work, and
nothing is asked of another host (the helpers and fixtures of tests/test_browser.py: every request to
a host other than 127.0.0.1/localhost is aborted and fails the test).

`make screenshots` (QA_SCREENSHOT_DIR=docs) refreshes the README's pictures from this test.
"""

from __future__ import annotations

import base64
import csv
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import test_browser
from test_browser import ROOT, T, free_port, save, send, serve_host_page

from qa.web.charts import FONT, NARROW, WIDE

SERIES = "秦淮区6到9月门急诊收入走势"  # June printed 「/」: a gap
RANKING = "9月各区门急诊人次对比"
CHART = "img[alt^='图表：']"

pytestmark = pytest.mark.browser
browser = test_browser.browser  # the fixtures of tests/test_browser.py: Chromium, and a context that
context = test_browser.context  # aborts every request to another host and fails the test on it


@pytest.fixture(scope="module")
def site(multi_settings, tmp_path_factory):
    """`python app.py` over four bulletins (2025-06 … 2025-09) and an allowed page with the widget."""
    tmp = tmp_path_factory.mktemp("charts")
    port = free_port()
    app = f"http://127.0.0.1:{port}"
    host = serve_host_page(tmp / "host", app, 'data-position="bottom-right"')
    host_url = f"http://127.0.0.1:{host.server_address[1]}"
    env = dict(os.environ, QA_ALLOWED_ORIGINS=host_url)
    log = (tmp / "app.log").open("w")
    cmd = [sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--index", str(multi_settings.index_dir), "--corpus", str(multi_settings.corpus_dir)]
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
        yield {"app": app, "host": host_url, "shots": tmp}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        host.shutdown()


def drawn(img) -> str:
    """The SVG an <img> of the chat shows (its data: URI, decoded)."""
    src = img.get_attribute("src")
    assert src.startswith("data:image/svg+xml;base64,"), src[:60]
    return base64.b64decode(src.split(",", 1)[1]).decode("utf-8")


def shown(img) -> dict:
    """Whether the browser decoded and laid the picture out, and at what size."""
    return img.evaluate(
        "i => ({ok: i.complete && i.naturalWidth > 0, natural: i.naturalWidth, width: i.getBoundingClientRect().width,"
        " box: i.closest('.message-wrap, #qa-chat').getBoundingClientRect().width})"
    )


def cjk_is_legible(page) -> bool:
    """Chinese in the charts' font stack draws glyphs, not the box a missing font leaves: 门 must not
    look like a private-use character no font has."""
    return page.evaluate(
        """font => {
            const draw = ch => { const c = document.createElement('canvas'); c.width = c.height = 40;
                const g = c.getContext('2d'); g.font = '28px ' + font; g.fillText(ch, 4, 32);
                return Array.from(g.getImageData(0, 0, 40, 40).data).join(','); };
            return draw('门') !== draw('\\uE000') && draw('门') !== draw('诊');
        }""",
        FONT,
    )


def check_charts(frame, width: int) -> None:
    """The series and the ranking each as a picture of the right kind, laid out inside the chat."""
    from playwright.sync_api import expect

    charts = frame.locator(f"#qa-chat {CHART}")
    expect(charts).to_have_count(2, timeout=T)
    line, bars = charts.nth(0), charts.nth(1)
    expect(line).to_have_attribute("alt", "图表：秦淮区门急诊收入")
    expect(bars).to_have_attribute("alt", "图表：2025年9月门急诊人次排名")
    for img in (line, bars):
        expect(img).to_be_visible()
        size = shown(img)
        assert size["ok"] and size["natural"] == width and size["width"] <= size["box"], size
        assert size["width"] >= width * 0.9, size  # not shrunk: labels keep their size
    svg = drawn(line)
    for label in ("门急诊收入（千元）", "6月", "7月", "8月", "9月", "2025年", "无数据", "105328.21"):
        assert f">{label}<" in svg, label
    assert ">0<" in svg and "<circle" in svg and svg.count("<circle") == 3  # June: a gap, not a zero
    svg = drawn(bars)
    for label in ("门急诊人次（人次）", "溧水区", "雨花台区", "391783"):
        assert f">{label}<" in svg, label


def test_the_chat_shows_charts_downloads_and_the_table_browser(context, site):
    from playwright.sync_api import expect

    page = context.new_page()
    page.goto(site["app"] + "/", wait_until="load")
    expect(page.get_by_text("已收录 4 期简报")).to_be_visible(timeout=T)
    assert cjk_is_legible(page)
    send(page, SERIES)
    bot = page.locator("[data-testid=bot]")
    expect(bot.filter(has_text="2025年7月 105328.21千元").first).to_be_visible(timeout=T)
    expect(page.locator(f"#qa-chat {CHART}")).to_be_visible()
    page.wait_for_timeout(300)
    save(page, site, "screenshot-chart-chat.png")  # the series, with its gap
    send(page, RANKING)
    expect(bot.filter(has_text="溧水区 391783人次").first).to_be_visible(timeout=T)
    check_charts(page, WIDE)

    # The ranking's rows as CSV, downloaded the way a person does: a click on the link.
    link = page.locator("#qa-chat a", has_text="CSV").last
    with page.expect_download(timeout=T) as got:  # Chromium reports it on the chat's page
        link.click()
    download = got.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["2025年第10期《2025年9月南京市卫生信息平台数据采集情况（区）》"]
    assert "门急诊人次" in rows[1] and "门急诊收入（千元）" in rows[1] and rows[1][-1] == "来源行"
    assert [r[0] for r in rows[2:]][:3] == ["溧水区", "玄武区", "浦口区"] and len(rows) == 14

    # A source of the series opens its table in the browser, at its row.
    sources = page.locator(".thought-group").filter(has_text="来源").first
    sources.locator(".title").click()
    row_link = sources.get_by_role("link", name="第105行")  # June: 秦淮区 in corpus/2025-07_第161期.txt
    href = row_link.get_attribute("href")
    assert href.startswith("/tables/") and "#r" in href
    table = context.new_page()
    table.goto(site["app"] + href, wait_until="load")
    row = table.locator("tr:target")
    expect(row).to_contain_text("秦淮区")
    expect(row).to_contain_text("/")  # June's 门急诊收入 as printed
    expect(table.locator("#lines")).to_contain_text("秦淮区")
    expect(table.get_by_role("columnheader", name="门急诊收入（千元）")).to_be_visible()
    save(table, site, "screenshot-table.png")

    listing = context.new_page()
    listing.goto(site["app"] + "/tables?q=鼓楼医院&per=5", wait_until="load")
    expect(listing.locator("#count")).to_have_text("共 8 张表（搜索「鼓楼医院」）")
    expect(listing.locator("#tables tbody tr")).to_have_count(5)
    listing.get_by_role("link", name="下一页").click()
    expect(listing.locator("#tables tbody tr")).to_have_count(3)
    listing.get_by_role("link", name="上一页").click()
    expect(listing.get_by_text("第 1 / 2 页")).to_be_visible()
    save(listing, site, "screenshot-tables.png")


def test_the_widget_shows_the_same_charts_in_its_panel(context, site):
    from playwright.sync_api import expect

    page = context.new_page()
    page.goto(site["host"] + "/", wait_until="load")
    page.get_by_role("button", name="简报问答").click()
    chat = page.frame_locator("iframe[title=简报问答]")
    send(chat, SERIES)
    bot = chat.locator("[data-testid=bot]")
    expect(bot.filter(has_text="2025年9月 84141.57千元").first).to_be_visible(timeout=T)
    send(chat, RANKING)
    expect(bot.filter(has_text="溧水区 391783人次").first).to_be_visible(timeout=T)
    check_charts(chat, NARROW)  # drawn for the panel's width, so its labels stay readable
    expect(chat.locator("#qa-chat a", has_text="Excel")).to_have_count(2)
    panel = page.locator("iframe[title=简报问答]").bounding_box()
    img = chat.locator(f"#qa-chat {CHART}").last.bounding_box()
    assert panel["x"] <= img["x"] and img["x"] + img["width"] <= panel["x"] + panel["width"]
    page.wait_for_timeout(300)
    save(page, site, "screenshot-chart-widget.png")
