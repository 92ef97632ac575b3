"""Downloads and the table browser (issue 12) against a real index of four bulletins: a table answer's
CSV and Excel read back with its rows, units and sources; /tables lists, searches, sorts and pages
every table; links name rows by content, so they survive a rebuild; the chat shows the chart and the
links; the same Host and frame rules as the chat."""

from __future__ import annotations

import base64
import csv
import io
import re
from contextlib import closing
from dataclasses import replace
from urllib.parse import parse_qs, urlparse

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from qa.web.chat import DOWNLOADS, render, to_history
from qa.web.tables import MAX_PARTS, Links, links_for, load_groups, open_store, parse_parts

BASE = "http://127.0.0.1:7998"
ALLOWED = "http://intranet.example:8080"
SERIES = "江苏省人民医院7到9月门急诊人次走势"
RANKING = "9月各区门急诊人次对比"


@pytest.fixture(scope="module")
def settings(multi_settings):
    return replace(multi_settings, port=7998, allowed_origins=[ALLOWED])


@pytest.fixture(scope="module")
def client(settings):
    """No `with`: these routes read the index database only, so the engine is never warmed."""
    from qa.web.app import create_app

    return TestClient(create_app(settings, build=False), base_url=BASE)


@pytest.fixture(scope="module")
def answers(multi_engine, settings):
    """Real answers with their links, as the chat makes them."""
    out = {}
    with closing(open_store(settings)) as store:
        for q in (SERIES, RANKING):
            a = multi_engine.ask(q, [])
            out[q] = (a, links_for(store, a))
    return out


def read_csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # a BOM: Excel opens UTF-8 CSV as UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def csv_groups(rows: list[list[str]]) -> list[dict]:
    """The CSV back into its tables: a line naming issue and table, the header, the rows."""
    groups, block = [], []
    for r in [*rows, []]:
        if r:
            block.append(r)
        elif block:
            head = re.fullmatch(r"(.+?)《(.+)》", block[0][0])
            groups.append({"issue": head[1], "table": head[2], "columns": block[1], "rows": block[2:]})
            block = []
    return groups


def as_text(groups: list[dict]) -> list[dict]:
    return [{**g, "rows": [[str(v) for v in r] for r in g["rows"]]} for g in groups]


# -- downloads -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("question", [SERIES, RANKING])
def test_csv_of_an_answer_reads_back_with_its_rows_units_and_sources(client, answers, question):
    a, links = answers[question]
    r = client.get(links.csv)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"] and ".csv" in r.headers["content-disposition"]
    got = csv_groups(read_csv(r.content))
    assert got == as_text(a.data)  # the very rows the answer used, in its order
    for g in got:
        assert g["columns"][-1] == "来源行" and "门急诊收入（千元）" in g["columns"]  # units as printed
        assert "门急诊人次" in g["columns"]
    figures = [g["rows"][0][g["columns"].index("门急诊人次")] for g in got]
    if a.chart["kind"] == "line":  # the chart's points are the downloaded cells
        assert [float(x) for x in figures] == a.chart["series"][0]["values"]
        assert [g["issue"] for g in got] == ["2025年第8期", "2025年第9期", "2025年第10期"]
    else:
        assert len(got) == 1 and len(got[0]["rows"]) == len(a.chart["x"]) == 12
        assert [row[0] for row in got[0]["rows"]] == a.chart["x"]


def test_xlsx_of_an_answer_reads_back_like_the_csv(client, answers):
    a, links = answers[SERIES]
    r = client.get(links.xlsx)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(r.content))
    assert len(wb.worksheets) == 3
    for ws, g in zip(wb.worksheets, as_text(a.data), strict=True):
        cells = [[c.value for c in row] for row in ws.iter_rows()]
        assert cells[0] == [f"{g['issue']}《{g['table']}》"] + [None] * (len(cells[0]) - 1)
        assert cells[1] == g["columns"] and cells[2:] == g["rows"]
        assert "住院收入（千元）" in cells[1] and cells[2][0] == "江苏省人民医院"


def test_a_whole_table_downloads_with_every_printed_row(client, settings):
    with closing(open_store(settings)) as store:
        t = next(x for x in store.table_list() if x["title"] == "2025 年 6 月 12320 预约挂号服务统计")
    ref = f"{t['sha']}-{t['seq']}"
    (g,) = csv_groups(read_csv(client.get("/tables/download.csv", params={"t": ref}).content))
    assert g["issue"] == "2025年第7期" and len(g["rows"]) == len(t["labels"])
    assert g["rows"][0][:2] == ["南京鼓楼医院（含分院）", "6052"] and g["rows"][0][-1] == "38"
    assert g["rows"][-1][0] == "合计"  # the printed total row too
    ws = load_workbook(io.BytesIO(client.get("/tables/download.xlsx", params={"t": ref}).content)).active
    assert [c.value for c in ws[3]][:2] == ["南京鼓楼医院（含分院）", "6052"]


def test_links_name_rows_by_content_and_survive_a_rebuild(answers, multi_settings, tmp_path):
    """A second database built from the same files in another order has other row ids: the links of
    an answer still name the same rows."""
    from qa.lexicon import Catalogue
    from qa.parse import parse_file
    from qa.store import Store

    a, links = answers[SERIES]
    other = Store(tmp_path / "b.sqlite", create=True)
    cat = Catalogue()
    for f in sorted(multi_settings.corpus_dir.iterdir(), reverse=True):
        other.add_bulletin(parse_file(f), cat)
    other.commit()
    parts = parse_parts(parse_qs(urlparse(links.csv).query)["t"])
    assert as_text(load_groups(other, parts)) == as_text(a.data)


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({}, 400, "at least one table"),
        ({"t": "../../etc/passwd"}, 400, "not a table reference"),
        ({"t": "2cd5cde5ddef-3;DROP"}, 400, "not a table reference"),
        ({"t": "000000000000-3"}, 404, "no indexed bulletin"),
        ({"t": [f"000000000000-{i}" for i in range(MAX_PARTS + 1)]}, 400, f"at most {MAX_PARTS}"),
    ],
)
def test_bad_download_links_are_clear_errors(client, params, status, words):
    r = client.get("/tables/download.csv", params=params)
    assert r.status_code == status and words in r.json()["error"]


def test_a_row_the_table_does_not_have_is_404(client, answers):
    ref = parse_qs(urlparse(answers[SERIES][1].csv).query)["t"][0].split(":")[0]
    r = client.get("/tables/download.xlsx", params={"t": f"{ref}:0,999"})
    assert r.status_code == 404 and "no row 999" in r.json()["error"]
    assert client.get("/tables/download.pdf", params={"t": ref}).status_code == 422


# -- the table browser ---------------------------------------------------------------------------------
def listed(html: str) -> list[str]:
    return re.findall(r"<a href='/tables/([0-9a-f]{12}-\d+)'>", html)


def test_the_browser_lists_every_table_of_every_issue(client, settings):
    with closing(open_store(settings)) as store:
        every = {f"{t['sha']}-{t['seq']}" for t in store.table_list()}
    r = client.get("/tables", params={"per": 100})
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert set(listed(r.text)) == every and len(every) == 20
    assert "共 20 张表" in r.text
    for issue in ("2025年第7期", "2025年第8期", "2025年第9期", "2025年第10期"):
        assert issue in r.text
    assert not re.search(r"""(?:src|href)=['"]?(?:https?:)?//""", r.text)  # nothing from another host


def test_the_browser_pages(client):
    pages = [listed(client.get("/tables", params={"per": 6, "page": p}).text) for p in (1, 2, 3, 4)]
    assert [len(p) for p in pages] == [6, 6, 6, 2]
    assert len({ref for p in pages for ref in p}) == 20  # no table twice, none left out
    page2 = client.get("/tables", params={"per": 6, "page": 2}).text
    assert "第 2 / 4 页" in page2 and "rel='prev'" in page2 and "rel='next'" in page2
    assert "page=3" in page2
    last = client.get("/tables", params={"per": 6, "page": 99}).text  # past the end: the last page
    assert "第 4 / 4 页" in last and "rel='next'" not in last


def test_the_browser_searches_titles_months_and_row_names(client):
    r = client.get("/tables", params={"q": "皮肤病研究所"}).text  # a row name
    assert "共 6 张表" in r and r.count("含：中国医学科学院皮肤病研究所") == 6
    r = client.get("/tables", params={"q": "２０２５年６月 预约"}).text  # full-width digits, two words
    found = listed(r)  # 预约挂号, 线上预约, and the hotline's 电话预约 column: June's issue only
    assert len(found) == 3 and len({ref.split("-")[0] for ref in found}) == 1 and "2025年第8期" not in r
    r = client.get("/tables", params={"q": "12320", "kind": "paragraph"}).text
    assert len(listed(r)) == 4 and "正文数字" in r
    r = client.get("/tables", params={"q": "上海市第一人民医院"}).text
    assert "共 0 张表" in r and "没有找到" in r
    r = client.get("/tables", params={"q": "<script>"}).text
    assert "<script>" not in r and "&lt;script&gt;" in r


def test_the_browser_sorts(client):
    def rows_of(params):
        html = client.get("/tables", params={**params, "per": 100}).text
        return [int(n) for n in re.findall(r"<td class='n'>(\d+)</td>", html)]

    assert rows_of({"sort": "rows", "order": "asc"}) == sorted(rows_of({}))
    assert rows_of({"sort": "rows", "order": "desc"}) == sorted(rows_of({}), reverse=True)
    newest = client.get("/tables").text
    assert newest.index("2025年第10期") < newest.index("2025年第7期")
    oldest = client.get("/tables", params={"order": "asc"}).text
    assert oldest.index("2025年第7期") < oldest.index("2025年第10期")
    assert client.get("/tables", params={"sort": "nonsense"}).status_code == 422


def test_a_table_page_shows_rows_units_source_lines_and_downloads(client, answers, settings):
    a, links = answers[SERIES]
    assert a.sources[1].issue == "2025年第9期"
    url = links.sources[1]
    assert url.startswith("/tables/") and "#r" in url  # a source links to its row
    path, row = url.split("#")
    r = client.get(path)
    assert r.status_code == 200
    html = r.text
    assert "2025年8月南京市卫生信息平台数据采集情况（医院）" in html and "2025年第9期" in html
    assert "门急诊收入（千元）" in html and "住院收入（千元）" in html
    assert f"<tr id='{row}'><td>江苏省人民医院</td>" in html
    ref = path.rsplit("/", 1)[1]
    assert f"/tables/download.csv?t={ref}" in html and f"/tables/download.xlsx?t={ref}" in html
    lines = re.search(r"<pre id='lines'>(.*?)</pre>", html, re.S)[1]
    printed = (settings.corpus_dir / "2025-09_第163期.txt").read_text(encoding="utf-8").split("\n")
    line = a.sources[1].line  # 第9期's row of 江苏省人民医院
    assert f"{line}  {printed[line - 1]}".replace("\t", "&#x9;") in lines.replace("\t", "&#x9;")
    assert "数据采集情况（医院）" in lines and "(截止 2025 年 8 月" in lines  # caption and note


def test_a_table_page_filters_and_sorts_its_rows(client, answers):
    path = answers[RANKING][1].tables[0][2]
    html = client.get(path, params={"sort": "c3", "order": "desc"}).text  # 门急诊人次, high to low
    labels = re.findall(r"<tr id='r\d+'[^>]*><td>([^<]+)</td>", html)
    assert labels == answers[RANKING][0].chart["x"]  # the answer's ranking, read from the page
    html = client.get(path, params={"q": "江宁"}).text
    assert re.findall(r"<tr id='r\d+'[^>]*><td>([^<]+)</td>", html) == ["江宁区"] and "1 / 12 行" in html


def test_a_table_no_bulletin_has_is_404(client):
    for name in ("000000000000-0", "nothing", "2cd5cde5ddef-3:1"):
        r = client.get(f"/tables/{name}")
        assert r.status_code == 404 and "没有这张表" in r.text


def test_the_browser_keeps_the_chats_host_and_frame_rules(client, settings):
    r = client.get("/tables", headers={"Host": "evil.example"})
    assert r.status_code == 400 and "not served here" in r.json()["error"]
    with closing(open_store(settings)) as store:
        first = store.table_list()[0]
    for path in (
        "/tables",
        f"/tables/{first['sha']}-{first['seq']}",
        "/tables/download.csv?t=000000000000-0",
    ):
        csp = client.get(path).headers["content-security-policy"]
        frame = next(d for d in csp.split("; ") if d.startswith("frame-ancestors"))
        assert frame.startswith("frame-ancestors 'self' ") and ALLOWED in frame and "evil" not in csp
        if not path.startswith("/tables/download"):
            assert "default-src 'none'" in csp and "script-src" not in csp  # no script runs there
    r = client.get("/tables", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    assert client.post("/tables").status_code in (404, 405)  # read-only


# -- the chat ------------------------------------------------------------------------------------------------
def test_the_chat_shows_chart_downloads_and_source_links(answers):
    a, links = answers[SERIES]
    answer, data, sources = render(a, links)
    img = re.fullmatch(
        r"!\[图表：(.+)\]\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)\n\n(.+)", data.content, re.S
    )
    assert img and img[1] == "江苏省人民医院门急诊人次"
    drawn = base64.b64decode(img[2]).decode()
    assert "门急诊人次（人次）" in drawn and "9月" in drawn and "521365" in drawn
    assert (
        img[3].startswith(DOWNLOADS)
        and f"[CSV]({links.csv})" in img[3]
        and f"[Excel]({links.xlsx})" in img[3]
    )
    assert (
        sources.metadata["title"] == "来源"
        and f"[第{a.sources[0].line}行]({links.sources[0]})" in sources.content
    )
    # Shown, never history: a follow-up reads the answer's words only.
    chat = [{"role": "user", "content": SERIES}, answer, data, sources]
    assert to_history(chat, 10) == [
        {"role": "user", "content": SERIES},
        {"role": "assistant", "content": a.text},
    ]


def test_the_widget_gets_a_narrow_chart_and_answers_without_rows_no_links(answers, multi_engine):
    a, links = answers[RANKING]
    _, data, _ = render(a, links, chart_width=360)
    drawn = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)\)", data.content)[1]).decode()
    assert 'width="360"' in drawn and "溧水区" in drawn
    text = multi_engine.ask("CHITEC大会是谁主办的？", [])
    assert text.data == [] and len(render(text, None)) == 2  # answer and sources only
    assert links_for(None, text) is None
    assert render(a, Links())[1].content.startswith("![图表：")  # a chart even if links failed
