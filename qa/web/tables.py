"""The table browser (`/tables`), downloads (`/tables/download.csv|.xlsx`) and the links the chat puts
under a table answer.

Every table of every indexed issue, as printed: searchable (title, issue, columns, row names),
sortable, paginated, each with its rows' source lines and the printed lines themselves. Read-only:
GET only, and behind the same Host check, frame-ancestors and CORS rules as the chat (qa/web/guard.py
wraps the whole app).

Downloads are stateless: a link names the rows it holds by the bulletin's content hash, the table's
place in the bulletin and the rows' places in the table (`?t=2cd5cde5ddef-3:0,4,7`). It needs no
session or cache, survives a restart and a rebuild of the index, and never changes its meaning.
Re-asking the question would: 「上个月」 moves with every new issue and a follow-up needs its whole
conversation. A link to a bulletin that has since changed answers 404 rather than other figures.
"""

from __future__ import annotations

import functools
import hashlib
import html
import logging
import math
import re
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from qa.config import Settings
from qa.errors import BadInput, IndexMissing, NotFound
from qa.export import groups_csv, groups_xlsx
from qa.lexicon import normalize
from qa.model import Answer, Source
from qa.scope import month_label
from qa.store import Store

log = logging.getLogger("qa.web")
PART = re.compile(r"^([0-9a-f]{12})-(\d{1,4})(?::(\d{1,5}(?:,\d{1,5}){0,1999}))?$")
MAX_PARTS = 40  # tables in one download (a month series over three years is 36)
PER_PAGE = 20
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = {"table": "表格", "paragraph": "正文数字"}
# The pages run no script and load nothing, not even from here: their own policy says so (the app's
# FrameAncestors middleware keeps it and adds the chat's frame-ancestors).
CSP = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'"
}


# -- names of tables and rows -----------------------------------------------------------------------
def ref(sha: str, seq: int) -> str:
    """A table's name in links: its bulletin's content hash (12 hex digits) and its place in it."""
    return f"{sha}-{seq}"


def download_url(fmt: Literal["csv", "xlsx"], parts: Iterable[tuple[str, list[int] | None]]) -> str:
    """The link to download tables (ref, None) or some of their rows (ref, [row seq, …])."""
    query = [("t", r if rows is None else f"{r}:{','.join(str(s) for s in rows)}") for r, rows in parts]
    return f"/tables/download.{fmt}?" + urlencode(query, safe=":,")


def parse_parts(values: list[str]) -> list[tuple[str, int, list[int] | None]]:
    """`t` values → (bulletin hash prefix, table seq, row seqs or None for the whole table)."""
    if not values:
        raise BadInput("name at least one table: ?t=<bulletin>-<table>[:<row>,<row>…] (see /tables)")
    if len(values) > MAX_PARTS:
        raise BadInput(f"{len(values)} tables asked for; one download holds at most {MAX_PARTS}")
    out = []
    for v in values:
        m = PART.match(v)
        if not m:
            raise BadInput(f"not a table reference: {v[:60]!r} (expected <bulletin>-<table>[:<row>,<row>…])")
        out.append((m[1], int(m[2]), [int(s) for s in m[3].split(",")] if m[3] else None))
    return out


def open_store(settings: Settings) -> Store:
    """The current index generation's database, opened read-only for one request (cheap, and no
    connection is shared with the answering engine's threads)."""
    from qa.index import current_dir

    gen = current_dir(settings)
    if gen is None:
        raise IndexMissing(f"no index in {Path(settings.index_dir).name}: build one with `qa ingest`")
    return Store(gen / "bulletins.sqlite")


def group(t: dict[str, Any], seqs: list[int] | None = None) -> dict[str, Any]:
    """Rows of a printed table as `Answer.data` holds them: the label column, every column with its
    unit as printed (门急诊收入（千元）), the source line; all rows, or those named, in that order."""
    rows = t["rows"]
    if seqs is not None:
        by_seq = {r["seq"]: r for r in rows}
        missing = [s for s in seqs if s not in by_seq]
        if missing:
            raise NotFound(f"table {ref(t['sha'], t['seq'])} has no row {missing[0]}")
        rows = [by_seq[s] for s in seqs]
    return {
        "issue": t["issue"],
        "table": t["title"],
        "columns": [
            t["header"] or "名称",
            *(n + (f"（{u}）" if u else "") for n, u in t["columns"]),
            "来源行",
        ],
        "rows": [[r["label"], *(c[0] for c in r["cells"]), r["line"]] for r in rows],
    }


def load_groups(store: Store, parts: list[tuple[str, int, list[int] | None]]) -> list[dict[str, Any]]:
    groups = []
    for sha, seq, rows in parts:
        t = store.printed_table(sha, seq)
        if t is None:
            raise NotFound(
                f"no indexed bulletin has table {ref(sha, seq)}: the bulletin was changed or removed; "
                "ask again or find the table in /tables"
            )
        groups.append(group(t, rows))
    return groups


def filename(groups: list[dict[str, Any]], ext: str) -> str:
    first = f"{groups[0]['issue']}_{groups[0]['table']}"
    name = first if len(groups) == 1 else f"{first}_等{len(groups)}张表"
    return re.sub(r"[\s\\/:*?\"<>|]+", "", name)[:80] + "." + ext


def attachment(data: bytes, media: str, name: str) -> Response:
    ascii_name = "tables" + name[name.rfind(".") :]
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(
        data, media_type=media, headers={"Content-Disposition": disposition, "Cache-Control": "no-store"}
    )


# -- links under a chat answer ----------------------------------------------------------------------
@dataclass
class Links:
    """Where an answer's rows can be downloaded and its tables browsed (None: not in the index)."""

    csv: str = ""
    xlsx: str = ""
    tables: list[tuple[str, str, str]] = field(default_factory=list)  # (issue, title, url)
    sources: list[str | None] = field(default_factory=list)  # per Answer.sources


def links_for(store: Store, ans: Answer) -> Links | None:
    """The download links of an answer's rows (`Answer.data`) and a browser link for each of its
    table sources; None when the answer has no table rows."""
    if not ans.data:
        return None
    parts: list[tuple[str, list[int] | None]] = []
    tables = []
    places: dict[tuple[str, str], tuple[str, int, dict]] = {}
    for g in ans.data:
        place = store.table_place(g["issue"], g["table"])
        if place is None:
            continue
        places[(g["issue"], g["table"])] = place
        sha, seq, rows = place
        seqs = [rows.get((int(r[-1]), str(r[0]))) for r in g["rows"]]
        if any(s is None for s in seqs):
            continue
        parts.append((ref(sha, seq), seqs))
        tables.append((g["issue"], g["table"], f"/tables/{ref(sha, seq)}"))
    if not parts:
        return None
    links = Links(download_url("csv", parts), download_url("xlsx", parts), tables)
    for s in ans.sources:
        links.sources.append(source_link(store, s, places) if s.kind == "table" else None)
    return links


def source_link(store: Store, s: Source, places: dict) -> str | None:
    place = places.get((s.issue, s.title)) or store.table_place(s.issue, s.title)
    if place is None:
        return None
    sha, seq, rows = place
    row = next((v for (line, _), v in rows.items() if line == s.line), None)
    return f"/tables/{ref(sha, seq)}" + (f"#r{row}" if row is not None else "")


# -- searching and sorting ----------------------------------------------------------------------------
def search(tables: list[dict], q: str, kind: str = "all") -> list[tuple[dict, list[str]]]:
    """Tables whose issue, month, title, file, columns or row names hold every word of `q` (full-width,
    traditional and spacing do not matter), each with the row names that matched."""
    terms = [t for t in (normalize(w) for w in q.split()) if t]
    out = []
    for t in tables:
        if kind != "all" and t["source"] != kind:
            continue
        month = month_label(t["month"]) if re.match(r"^\d{4}-\d{2}$", t["month"] or "") else ""
        head = normalize(
            " ".join([t["issue"], month, t["title"], t["file"], *(n + u for n, u in t["columns"])])
        )
        labels = [(label, normalize(label)) for label in t["labels"]]
        if all(term in head or any(term in n for _, n in labels) for term in terms):
            out.append((t, [label for label, n in labels if any(term in n for term in terms)]))
    return out


SORTS: dict[str, Any] = {
    "issue": lambda t: (t["published"] or "", t["file"]),
    "month": lambda t: t["month"] or "",
    "title": lambda t: normalize(t["title"]),
    "rows": lambda t: len(t["labels"]),
}


def sort_tables(found: list[tuple[dict, list[str]]], sort: str, order: str) -> list[tuple[dict, list[str]]]:
    """Sorted by one key; tables equal on it stay in printed order (issue by issue, table by table)."""
    return sorted(found, key=lambda x: SORTS[sort](x[0]), reverse=order == "desc")


def sort_rows(rows: list[dict], sort: str, order: str) -> list[dict]:
    """Rows by their label, a column (numbers as numbers, text as text) or source line; figures
    missing (「/」) last either way, and the table's total row stays at the bottom."""
    body = [r for r in rows if r["total"] != 1]
    totals = [r for r in rows if r["total"] == 1]
    desc = order == "desc"
    if sort == "label":
        body.sort(key=lambda r: normalize(r["label"]), reverse=desc)
    elif sort == "line":
        body.sort(key=lambda r: r["line"], reverse=desc)
    elif sort.startswith("c") and sort[1:].isdigit():
        i = int(sort[1:])
        if body and i < len(body[0]["cells"]):
            nums = [r for r in body if r["cells"][i][2] is not None]
            words = [r for r in body if r["cells"][i][2] is None and r["cells"][i][1] != "missing"]
            rest = [r for r in body if r not in nums and r not in words]
            nums.sort(key=lambda r: r["cells"][i][2], reverse=desc)
            words.sort(key=lambda r: normalize(r["cells"][i][0]), reverse=desc)
            body = nums + words + rest
    return body + totals


# -- the printed lines ------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=8)
def _file_lines(path: str, mtime: int, size: int) -> tuple[str, list[str]]:
    """(sha256, lines) of a corpus file as the parser reads it (Word and PDF converted); cached while
    the file is unchanged, since converting a PDF takes a second."""
    from qa.parse import to_text

    data = Path(path).read_bytes()
    return hashlib.sha256(data).hexdigest(), to_text(path).split("\n")


def printed_lines(settings: Settings, t: dict[str, Any]) -> tuple[int, list[str]] | str:
    """(first line number, lines) of the table in its bulletin file — title, header, rows and the
    notes under them — or why they cannot be shown."""
    path = Path(settings.corpus_dir) / Path(t["file"]).name
    try:
        st = path.stat()
        sha, lines = _file_lines(str(path), st.st_mtime_ns, st.st_size)
    except Exception as e:  # a file gone or unreadable: the page still shows the indexed rows
        log.info("source lines of %s not shown: %s", path.name, e)
        return f"原文文件 {t['file']} 不在语料目录中，无法显示原文。"
    if sha != t["sha256"]:
        return f"语料目录中的 {t['file']} 在建索引后已改变；重新运行 `qa ingest` 后可显示原文。"
    row_lines = [r["line"] for r in t["rows"] if r["line"]]
    first = min([t["line"], *row_lines]) if t["line"] else min(row_lines, default=1)
    last = max([t["line"] or 0, *row_lines])
    title = normalize(t["title"])
    for n in range(first - 1, max(0, first - 6), -1):  # the caption a few lines above the header
        if title and n <= len(lines) and title in normalize(lines[n - 1]):
            first = n
            break
    notes = {normalize(x) for x in t["notes"]}
    while last < len(lines) and last < first + 400:
        nxt = lines[last].strip()  # line last + 1
        if nxt and normalize(nxt) in notes:
            last += 1
        elif not nxt and last + 1 < len(lines) and normalize(lines[last + 1]) in notes:
            last += 2
        else:
            break
    return first, lines[first - 1 : last]


# -- pages ----------------------------------------------------------------------------------------------
STYLE = """
body{font:15px/1.6 'PingFang SC','Microsoft YaHei','Noto Sans CJK SC','WenQuanYi Micro Hei',system-ui,sans-serif;
 margin:1.5rem auto;max-width:76rem;padding:0 1rem;color:#1f2937}
a{color:#c2410c}h1{font-size:1.4rem;margin:.2rem 0 .6rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border-bottom:1px solid #e5e7eb;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f9fafb;white-space:nowrap}th a{color:inherit;text-decoration:none}th a:hover{text-decoration:underline}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.nw{white-space:nowrap}
tr.total td{font-weight:600;background:#fafafa}tr.sub td{font-style:italic}tr:target td{background:#ffedd5}
.muted{color:#6b7280;font-size:.9em}.dl a{margin-right:.7rem}
form{margin:1rem 0;display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}
input[type=search]{flex:1;min-width:14rem;padding:.4rem .6rem;font:inherit}
button,select{font:inherit;padding:.35rem .8rem}
pre{background:#f4f4f5;padding:.75rem;overflow:auto;font-size:13px;line-height:1.5;tab-size:8}
.pages{display:flex;gap:1rem;align-items:center;margin:1rem 0}
"""
e = html.escape


def page(title: str, body: str) -> str:
    """A self-contained page: inline style, system fonts, no script, nothing from another host."""
    return (
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{e(title)}</title><style>{STYLE}</style></head><body>{body}</body></html>"
    )


def _href(path: str, **params: Any) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in ("", None)})
    return e(path + ("?" + query if query else ""))


def downloads(r: str) -> str:
    return (
        f"<span class='dl'>下载：<a href='{e(download_url('csv', [(r, None)]))}'>CSV</a>"
        f"<a href='{e(download_url('xlsx', [(r, None)]))}'>Excel</a></span>"
    )


def list_page(tables: list[dict], q: str, kind: str, sort: str, order: str, page_no: int, per: int) -> str:
    found = sort_tables(search(tables, q, kind), sort, order)
    pages = max(1, math.ceil(len(found) / per))
    page_no = min(page_no, pages)
    shown = found[(page_no - 1) * per : page_no * per]
    state = {"q": q, "kind": "" if kind == "all" else kind, "per": "" if per == PER_PAGE else per}

    def head(key: str, text: str) -> str:
        now = sort == key
        flip = "asc" if now and order == "desc" else "desc"
        mark = (" ▼" if order == "desc" else " ▲") if now else ""
        return f"<th><a href='{_href('/tables', **state, sort=key, order=flip)}'>{e(text)}{mark}</a></th>"

    out = [
        "<p class='muted'><a href='/'>← 返回问答</a></p><h1>简报表格浏览</h1>",
        "<p class='muted'>已收录各期简报中的全部表格（含正文里的统计数字），数字与原文一致；"
        "可按期号、月份、表名、单位名称或列名搜索，点列名排序，每张表可下载 CSV 和 Excel。</p>",
        "<form method='get' action='/tables' role='search'>",
        f"<input type='search' name='q' value='{e(q)}' maxlength='100' placeholder='如：鼓楼医院、2025年6月、预约挂号' "
        "aria-label='搜索表格'>",
        "<select name='kind' aria-label='类型'>",
        *(
            f"<option value='{k}'{' selected' if kind == k else ''}>{v}</option>"
            for k, v in (("all", "全部"), ("table", "表格"), ("paragraph", "正文数字"))
        ),
        "</select>",
        f"<input type='hidden' name='sort' value='{e(sort)}'><input type='hidden' name='order' value='{e(order)}'>",
        "<button type='submit'>搜索</button></form>",
        f"<p id='count'>共 {len(found)} 张表" + (f"（搜索「{e(q)}」）" if q else "") + "</p>",
    ]
    if shown:
        out.append("<table id='tables'><thead><tr>")
        out += [head("issue", "期号"), head("month", "数据月份"), head("title", "表名"), "<th>类型</th>"]
        out += [head("rows", "行数"), "<th>原文位置</th><th>下载</th></tr></thead><tbody>"]
        for t, hits in shown:
            r = ref(t["sha"], t["seq"])
            month = month_label(t["month"]) if re.match(r"^\d{4}-\d{2}$", t["month"] or "") else ""
            cols = "、".join(n + (f"（{u}）" if u else "") for n, u in t["columns"])
            found_in = f"<br><span class='muted'>含：{e('、'.join(hits[:5]))}</span>" if hits and q else ""
            out.append(
                f"<tr><td class='nw'>{e(t['issue'])}</td><td class='nw'>{e(month)}</td>"
                f"<td><a href='/tables/{e(r)}'>{e(t['title'])}</a><br><span class='muted'>{e(cols)}</span>"
                f"{found_in}</td><td>{KINDS.get(t['source'], e(t['source']))}</td>"
                f"<td class='n'>{len(t['labels'])}</td><td>{e(t['file'])} 第{t['line']}行</td>"
                f"<td>{downloads(r)}</td></tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append("<p>没有找到符合条件的表格。</p>")
    nav = ["<nav class='pages' aria-label='分页'>"]
    if page_no > 1:
        nav.append(
            f"<a rel='prev' href='{_href('/tables', **state, sort=sort, order=order, page=page_no - 1)}'>上一页</a>"
        )
    nav.append(f"<span>第 {page_no} / {pages} 页</span>")
    if page_no < pages:
        nav.append(
            f"<a rel='next' href='{_href('/tables', **state, sort=sort, order=order, page=page_no + 1)}'>下一页</a>"
        )
    out.append("".join(nav) + "</nav>")
    return page("简报表格浏览", "".join(out))


def table_page(t: dict[str, Any], lines: tuple[int, list[str]] | str, q: str, sort: str, order: str) -> str:
    r = ref(t["sha"], t["seq"])
    terms = [x for x in (normalize(w) for w in q.split()) if x]
    rows = [
        row
        for row in t["rows"]
        if all(
            any(term in normalize(v) for v in (row["label"], *(c[0] for c in row["cells"]))) for term in terms
        )
    ]
    rows = sort_rows(rows, sort, order)
    numeric = [
        sum(1 for row in t["rows"] if row["cells"][i][1] in ("int", "dec", "ratio")) * 2 >= len(t["rows"])
        for i in range(len(t["columns"]))
    ]
    month = month_label(t["month"]) if re.match(r"^\d{4}-\d{2}$", t["month"] or "") else ""

    def head(key: str, text: str) -> str:
        now = sort == key
        flip = "desc" if now and order == "asc" else "asc"
        mark = (" ▼" if order == "desc" else " ▲") if now else ""
        return f"<th><a href='{_href('/tables/' + r, q=q, sort=key, order=flip)}'>{e(text)}{mark}</a></th>"

    out = [
        "<p class='muted'><a href='/tables'>← 全部表格</a> · <a href='/'>返回问答</a></p>",
        f"<h1>{e(t['title'])}</h1>",
        f"<p>{e(t['issue'])}"
        + (f" · 数据月份 {e(month)}" if month else "")
        + f" · {KINDS.get(t['source'], '')} · 原文 {e(t['file'])} 第{t['line']}行 · {downloads(r)}</p>",
        *(f"<p class='muted'>{e(n)}</p>" for n in t["notes"]),
        f"<form method='get' action='/tables/{e(r)}' role='search'>",
        f"<input type='search' name='q' value='{e(q)}' maxlength='100' placeholder='筛选行，如：鼓楼' aria-label='筛选行'>",
        f"<input type='hidden' name='sort' value='{e(sort)}'><input type='hidden' name='order' value='{e(order)}'>",
        "<button type='submit'>筛选</button></form>",
        f"<p id='count'>{len(rows)} / {len(t['rows'])} 行</p>",
        "<table id='rows'><thead><tr>",
        head("label", t["header"] or "名称"),
        *(head(f"c{i}", n + (f"（{u}）" if u else "")) for i, (n, u) in enumerate(t["columns"])),
        head("line", "来源行"),
        "</tr></thead><tbody>",
    ]
    for row in rows:
        cls = " class='total'" if row["total"] == 1 else " class='sub'" if row["total"] == 2 else ""
        cells = "".join(
            f"<td{' class=n' if numeric[i] else ''}>{e(c[0])}</td>" for i, c in enumerate(row["cells"])
        )
        out.append(
            f"<tr id='r{row['seq']}'{cls}><td>{e(row['label'])}</td>{cells}<td class='n'>{row['line']}</td></tr>"
        )
    out.append("</tbody></table>")
    if isinstance(lines, str):
        out.append(f"<p class='muted'>{e(lines)}</p>")
    else:
        first, text = lines
        width = len(str(first + len(text)))
        numbered = "\n".join(f"{first + i:>{width}}  {x}" for i, x in enumerate(text))
        out.append(
            f"<details open><summary>原文（{e(t['file'])} 第{first}–{first + len(text) - 1}行）</summary>"
            f"<pre id='lines'>{e(numbered)}</pre></details>"
        )
    return page(f"{t['title']} · {t['issue']}", "".join(out))


# -- routes ------------------------------------------------------------------------------------------------
def router(settings: Settings) -> APIRouter:
    """`/tables`, `/tables/{ref}` and the downloads, read from the current index generation."""
    r = APIRouter()

    @r.get("/tables", response_class=HTMLResponse, include_in_schema=False)
    def tables(
        q: str = Query("", max_length=100),
        kind: Literal["all", "table", "paragraph"] = "all",
        sort: Literal["issue", "month", "title", "rows"] = "issue",
        order: Literal["asc", "desc"] = "desc",
        page: int = Query(1, ge=1, le=100_000),
        per: int = Query(PER_PAGE, ge=5, le=100),
    ) -> HTMLResponse:
        with closing(open_store(settings)) as store:
            listed = store.table_list()
        return HTMLResponse(list_page(listed, q.strip(), kind, sort, order, page, per), headers=CSP)

    @r.get("/tables/", include_in_schema=False)
    def tables_slash() -> RedirectResponse:
        return RedirectResponse("/tables")

    @r.get(
        "/tables/download.{fmt}",
        tags=["tables"],
        responses={
            400: {"description": "a malformed reference"},
            404: {"description": "no such table or row"},
        },
    )
    def download(fmt: Literal["csv", "xlsx"], t: list[str] = Query(default=[])) -> Response:  # noqa: B008
        """Rows of printed tables as CSV (UTF-8 with BOM) or Excel: `t=<bulletin>-<table>` for a whole
        table, `t=<bulletin>-<table>:<row>,<row>…` for some rows; repeat `t` for several tables. Column
        names carry their units as printed; each table is headed by its issue and title, each row ends
        with its source line. The chat's answers and /tables link here."""
        parts = parse_parts(t)
        with closing(open_store(settings)) as store:
            groups = load_groups(store, parts)
        if fmt == "csv":
            return attachment(groups_csv(groups), "text/csv; charset=utf-8", filename(groups, "csv"))
        return attachment(groups_xlsx(groups), XLSX, filename(groups, "xlsx"))

    @r.get("/tables/{name}", response_class=HTMLResponse, include_in_schema=False)
    def table(
        name: str,
        q: str = Query("", max_length=100),
        sort: str = Query("", max_length=8),
        order: Literal["asc", "desc"] = "asc",
    ) -> HTMLResponse:
        m = PART.match(name)
        if not m or m[3]:
            return HTMLResponse(page("没有这张表", _missing(name)), status_code=404, headers=CSP)
        with closing(open_store(settings)) as store:
            t = store.printed_table(m[1], int(m[2]))
        if t is None:
            return HTMLResponse(page("没有这张表", _missing(name)), status_code=404, headers=CSP)
        return HTMLResponse(table_page(t, printed_lines(settings, t), q.strip(), sort, order), headers=CSP)

    return r


def _missing(name: str) -> str:
    return (
        f"<h1>没有这张表</h1><p>已收录的简报中没有表格 {e(name[:60])}：它所在的简报可能已被修改或移除。</p>"
        "<p><a href='/tables'>查看全部表格</a></p>"
    )
