"""Charts (issue 12): `chart` in `qa ask --json` holds the table cells of every month asked, gaps as null;
the SVG the chat shows draws months on the axis, the unit in the axis label, gaps as gaps, and
nothing that could reach another host."""

from __future__ import annotations

import base64
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from qa.cli import main
from qa.parse import parse_file
from qa.web.charts import BadChart, bar_svg, check, data_uri, line_svg, svg, ticks

SVG = "{http://www.w3.org/2000/svg}"
HOSPITALS = "数据采集情况（医院）"
DISTRICTS = "数据采集情况（区）"


def ask_json(settings, question: str, capsys) -> dict:
    code = main(
        ["ask", "--json", question, "--index", str(settings.index_dir), "--corpus", str(settings.corpus_dir)]
    )
    assert code == 0
    return json.loads(capsys.readouterr().out)


def printed_cells(settings, title_part: str, label: str, column: str) -> dict[str, str]:
    """data month → the cell as printed, read from the bulletin files themselves (not the index)."""
    out = {}
    for f in sorted(settings.corpus_dir.iterdir()):
        b = parse_file(f)
        for t in b.tables:
            if title_part in t.title:
                row = next(r for r in t.rows if r.label == label)
                out[b.data_month] = row.values[t.column(column)].raw
    return out


def month(m: str) -> str:
    return f"{int(m[:4])}年{int(m[5:])}月"


def test_a_month_series_over_three_issues_charts_the_table_cells(multi_settings, capsys):
    out = ask_json(multi_settings, "江苏省人民医院7到9月门急诊人次走势", capsys)
    chart = out["chart"]
    assert out["found"] and chart["kind"] == "line" and chart["unit"] == "人次"
    cells = printed_cells(multi_settings, HOSPITALS, "江苏省人民医院", "门急诊人次")
    months = ["2025-07", "2025-08", "2025-09"]
    assert chart["x"] == [month(m) for m in months]
    assert chart["series"][0]["values"] == [float(Decimal(cells[m])) for m in months]
    assert {s["issue"] for s in out["sources"]} == {"2025年第8期", "2025年第9期", "2025年第10期"}
    for m in months:  # every figure as printed in the text too, with its month
        assert f"{month(m)} {cells[m]}" in out["answer"]


def test_a_month_printed_as_slash_is_null_in_the_chart(multi_settings, capsys):
    out = ask_json(multi_settings, "秦淮区6到8月住院收入每个月多少", capsys)
    cells = printed_cells(multi_settings, DISTRICTS, "秦淮区", "住院收入")
    assert cells["2025-06"] == "/"
    values = out["chart"]["series"][0]["values"]
    assert values == [None, float(cells["2025-07"]), float(cells["2025-08"])]
    assert out["chart"]["unit"] == "千元"


def test_a_ranking_charts_bars_in_the_answers_order(multi_settings, capsys):
    out = ask_json(multi_settings, "9月门急诊人次最高的前5家医院", capsys)
    chart = out["chart"]
    assert chart["kind"] == "bar" and len(chart["x"]) == 5
    values = chart["series"][0]["values"]
    assert values == sorted(values, reverse=True)
    for name, v in zip(chart["x"], values, strict=True):
        assert re.search(rf"{re.escape(name)} {int(v)}人次", out["answer"])


# -- the picture ------------------------------------------------------------------------------------
LINE = {
    "kind": "line",
    "title": "秦淮区住院收入",
    "unit": "千元",
    "x": ["2025年6月", "2025年7月", "2025年8月", "2025年9月", "2026年1月"],
    "series": [{"name": "秦淮区", "values": [None, 34890.1, 46154.76, 44037.7, 0]}],
}
BAR = {
    "kind": "bar",
    "title": "2025年9月门急诊人次排名",
    "unit": "人次",
    "x": ["溧水区", "玄武区", "雨花台区", "六合区"],
    "series": [{"name": "门急诊人次", "values": [391783.0, 374167.0, None, -5.5]}],
}


def texts(doc: ET.Element) -> list[str]:
    return [t.text or "" for t in doc.iter(SVG + "text")]


def test_line_chart_has_months_on_the_axis_the_unit_in_its_label_and_gaps_not_zeros():
    doc = ET.fromstring(line_svg(LINE))
    labels = texts(doc)
    assert "住院收入（千元）" in labels  # the value axis says what and in which unit
    assert [x for x in labels if x.endswith("月") and len(x) <= 3] == ["6月", "7月", "8月", "9月", "1月"]
    assert "2025年" in labels and "2026年" in labels  # the year under its first month
    points = [(float(c.get("cx")), float(c.get("cy"))) for c in doc.iter(SVG + "circle")]
    assert len(points) == 4  # June has no point: 「/」 is no figure
    xs = sorted(x for x, _ in points)
    slot = xs[1] - xs[0]
    assert xs[0] - slot > 0  # the first slot (June) is left empty, not drawn at zero
    assert "无数据" in labels
    # 0 is a figure (January), drawn on the zero line; the gap is not.
    zero_line = max(y for _, y in points)
    assert sum(1 for _, y in points if y == zero_line) == 1
    assert "46154.76" in labels and "0" in labels  # figures as printed


def test_a_gap_inside_a_series_breaks_the_line():
    chart = {**LINE, "series": [{"name": "秦淮区", "values": [1.0, 2.0, None, 4.0, 5.0]}]}
    lines = list(ET.fromstring(line_svg(chart)).iter(SVG + "polyline"))
    assert [len(p.get("points").split()) for p in lines] == [2, 2]


def test_bar_chart_names_every_entity_and_leaves_missing_ones_without_a_bar():
    doc = ET.fromstring(bar_svg(BAR))
    labels = texts(doc)
    for name in BAR["x"]:
        assert name in labels
    assert "门急诊人次（人次）" in labels
    bars = [r for r in doc.iter(SVG + "rect") if r.get("fill") != "#ffffff"]
    assert len(bars) == 3  # 雨花台区 reported nothing: no bar, a 无数据 mark
    assert "无数据" in labels and "-5.5" in labels and "391783" in labels
    widths = [float(r.get("width")) for r in bars]
    assert widths[0] > widths[1] > widths[2]


def test_long_names_are_cut_to_fit_but_titles_and_text_are_escaped():
    chart = {
        **BAR,
        "title": "<script>alert(1)</script>&",
        "x": ["中国医学科学院皮肤病研究所附属医院" * 2, "a", "b", "c"],
    }
    out = svg(chart, 360)
    doc = ET.fromstring(out)  # well-formed: the title is text, not markup
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert any(t.endswith("…") for t in texts(doc))
    assert float(doc.get("width")) == 360


def test_a_chart_refers_to_nothing_outside_itself():
    for chart in (LINE, BAR):
        out = svg(chart)
        assert re.findall(r"https?://[^\"' ]+", out) == ["http://www.w3.org/2000/svg"]  # the namespace only
        assert "href" not in out and "<script" not in out and "<foreignObject" not in out
        uri = data_uri(chart, 360)
        assert uri.startswith("data:image/svg+xml;base64,")
        assert base64.b64decode(uri.split(",", 1)[1]).decode() == svg(chart, 360)


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "pie", "x": ["a"], "series": [{"values": [1]}]},
        {"kind": "line", "x": [], "series": [{"values": []}]},
        {"kind": "line", "x": ["a", "b"], "series": [{"values": [1]}]},
        {"kind": "bar", "x": ["a"], "series": [{"values": ["12"]}]},
        {"kind": "bar", "x": ["a"], "series": [{"values": [float("nan")]}]},
        {"kind": "bar", "x": ["a"], "series": []},
    ],
)
def test_a_dict_of_another_shape_is_refused(bad):
    with pytest.raises(BadChart):
        check(bad)


@pytest.mark.parametrize(
    ("lo", "hi", "step"),
    [(0, 660405, 200000), (0, 57.63, 20), (-7.25, 12.5, 5), (0, 0, 0.2), (0.1, 0.94, 0.2)],
)
def test_axis_ticks_are_round_and_cover_the_values(lo, hi, step):
    values, got = ticks(lo, hi)
    assert got == pytest.approx(step)
    assert values[0] <= lo and values[-1] >= hi
    assert len(values) <= 7
