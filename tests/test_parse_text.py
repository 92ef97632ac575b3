"""The text parser on the shipped bulletin: metadata, sections, repairs, every table."""

from __future__ import annotations

import json

import pytest

from qa.cli import main
from qa.errors import ParseError
from qa.parse import parse_file
from qa.parse.tables import norm
from qa.parse.text import TextParser, decode


def table(b, word):
    return next(t for t in b.tables if word in t.title)


def cells(t, label):
    row = next(r for r in t.rows if r.label == label)
    return {c.name: v.raw for c, v in zip(t.columns, row.values, strict=True)}


def test_metadata(seed):
    assert seed.title == "南京卫生信息化简报"
    assert (seed.year, seed.number, seed.running) == (2025, 7, 161)
    assert seed.publisher == "南京市卫生信息中心"
    assert seed.published == "2025-07-28"
    assert seed.data_month == "2025-06"
    assert seed.issue == "2025年第7期"
    assert seed.warnings == []


def test_sections_and_repaired_paragraph(seed):
    kinds = [s.kind for s in seed.sections]
    assert kinds == ["article", "article", "stats", "brief", "contact"]
    chitec = seed.sections[0]
    assert "CHITEC" in chitec.title and chitec.title.endswith("成功召开")
    text = "".join(p.text for p in chitec.paragraphs)
    assert "国家卫生健康委医院管理研究所医疗信息化研究部主任舒婷作大会主报告。" in text
    assert not any(p.text.startswith("健康委医院管理研究所") for p in chitec.paragraphs)
    assert seed.sections[1].title == "南京国家级信息化测评实现新跃升"
    hotline = seed.sections[2]
    assert "12320" in hotline.title and "27010" in hotline.paragraphs[0].text


def test_brief_items_one_by_one(seed):
    brief = next(s for s in seed.sections if s.kind == "brief")
    assert len(brief.paragraphs) == 3
    assert brief.paragraphs[0].text.startswith("7月23日至24日")
    assert "128家" in brief.paragraphs[1].text
    assert brief.paragraphs[2].text.startswith("近日，南京市统一支付结算平台")
    assert all(not p.text.startswith("-") for p in brief.paragraphs)


def test_contact_block(seed):
    c = seed.contact
    assert c["address"] == "南京市紫竹林3号"
    assert c["postcode"] == "210003"
    assert c["phone"] == "025-83626620"
    assert c["fax"] == "025-83626621"
    assert c["email"] == "njwsxx@163.com"
    assert c["editor"] == "陈颖"
    assert c["print_run"] == "230"


def test_appointment_table_continued_over_page_break(seed):
    t = table(seed, "预约挂号服务统计")
    assert t.title == "2025 年 6 月 12320 预约挂号服务统计"
    assert [c.name for c in t.columns] == ["12320在线预约", "快速预约", "诊间预约", "第三方", "小计"]
    assert len(t.rows) == 37
    assert t.entity_kind == "hospital"
    assert t.rows[0].label == "南京鼓楼医院（含分院）"
    assert cells(t, "南京鼓楼医院（含分院）") == {
        "12320在线预约": "6052",
        "快速预约": "1393",
        "诊间预约": "74264",
        "第三方": "2073",
        "小计": "83782",
    }
    assert cells(t, "南京江北医院")["第三方"] == "38"  # first row after the page break
    assert t.rows[-1].label == "南京医科大学友谊整形外科医院"
    assert t.total is not None and t.total.is_total
    assert [v.raw for v in t.total.values] == ["12396", "2051", "74264", "4767", "93478"]
    assert all(r.label != "合计" for r in t.rows)
    assert t.notes == ["(截止 2025 年 6 月，总预约挂号量为 37624706 次)"]
    assert seed.tables[0].rows[0].seq == 1  # 序号 kept as provenance, not as a column


def test_online_booking_side_by_side(seed):
    t = table(seed, "线上预约")
    assert t.title == "2025 年 6 月线上预约情况统计"
    assert [r.label for r in t.rows] == [
        "健康南京",
        "南京卫生 12320 微信",
        "我的南京客户端",
        "12320 快速预约",
        "南京卫生 12320 网",
    ]
    assert [r.values[0].num for r in t.rows] == [6939, 5179, 4767, 2051, 278]
    assert t.total.values[0].raw == "19214"
    assert t.entity_kind == "channel"
    assert t.notes == ["(不包含 12320 电话预约、医院诊间预约、医院自有途径预约)"]


PLATFORM_COLUMNS = [
    ("定时数据上传量", ""),
    ("实时数据上传天数", ""),
    ("实时数据表单上传情况", ""),
    ("门急诊人次", ""),
    ("门急诊收入", "千元"),
    ("出院人次", ""),
    ("住院收入", "千元"),
]


def test_district_table_two_level_header_and_missing(seed):
    t = table(seed, "（区）")
    assert [(c.name, c.unit) for c in t.columns] == PLATFORM_COLUMNS
    assert len(t.rows) == 12 and t.entity_kind == "district"
    assert cells(t, "鼓楼区")["住院收入"] == "2707.53"
    q = next(r for r in t.rows if r.label == "秦淮区")
    by = dict(zip([c.name for c in t.columns], q.values, strict=True))
    assert by["门急诊收入"].kind == "missing" and by["门急诊收入"].num is None
    assert by["门急诊人次"].kind == "int" and by["门急诊人次"].num == 0
    ratio = by["实时数据表单上传情况"]
    assert (ratio.raw, ratio.kind, ratio.num, ratio.den) == ("0/12", "ratio", 0, 12)


def test_hospital_table_merged_despite_header_variant(seed):
    t = table(seed, "（医院）")
    assert [(c.name, c.unit) for c in t.columns] == PLATFORM_COLUMNS
    assert len(t.rows) == 39
    assert cells(t, "江苏省人民医院")["住院收入"] == "543099.4"
    assert cells(t, "南京市六合区人民医院")["门急诊人次"] == "60369"  # first row of the second part
    assert t.rows[-1].label == "南京一民医院" and t.rows[-1].line == 152
    v = t.rows[0].values[4]
    assert (v.kind, v.num) == ("dec", 372995.42)
    assert t.notes == ["(截止 2025 年 6 月, 区及医院累计校验入库数据 319.28 亿条)"]


def test_every_row_knows_its_line(seed, seed_path):
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    for t in seed.tables:
        for r in t.rows:
            # A paragraph's subject is kept without the spaces it was printed with (南京 12320 卫生热线).
            assert norm(r.label.split(" ")[0]) in norm(lines[r.line - 1]), (t.title, r.label, r.line)


def test_encodings_and_line_endings(tmp_path, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    variants = {
        "bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "gb.txt": text.encode("gb18030"),
        "crlf.txt": text.replace("\n", "\r\n").encode("utf-8"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        b = parse_file(tmp_path / name)
        printed = [t for t in b.tables if t.source == "table"]
        assert (b.issue, len(printed), len(printed[3].rows)) == ("2025年第7期", 4, 39), name
        assert b.warnings == [], name


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary" * 50, "binary"),
        ("你好，世界\n没有期号\n".encode(), "issue header"),
    ],
)
def test_bad_input_names_the_file(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(ParseError) as e:
        parse_file(p)
    assert message in str(e.value) and "bad.txt" in str(e.value)


def test_wrong_cell_count_is_a_warning_with_line(seed_path):
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    i = next(k for k, ln in enumerate(lines) if ln.startswith("江苏省人民医院\t"))
    lines[i] += "\t999\t888"
    b = TextParser(decode("\n".join(lines).encode(), "x.txt"), "x.txt").parse()
    assert any(w.startswith(f"x.txt:{i + 1}:") and "'999', '888'" in w for w in b.warnings), b.warnings
    assert len(b.tables[3].rows) == 38  # the bad row is reported and left out, the others stay


def test_sum_mismatch_is_reported(seed_path):
    text = seed_path.read_text(encoding="utf-8").replace("\t4767\t93478", "\t4767\t93479")
    b = TextParser(text, "x.txt").parse()
    assert any("sum mismatch" in w and "小计" in w and "93479" in w for w in b.warnings)


def test_cli_parse_json(seed_path, capsys):
    assert main(["parse", str(seed_path), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["issue"] == "2025年第7期" and d["data_month"] == "2025-06"
    assert d["tables"][3]["columns"][6] == {
        "name": "住院收入",
        "unit": "千元",
        "header": "出院信息/住院收入（千元）",
        "role": "",
    }
    assert len(d["tables"][0]["rows"]) == 37


def test_cli_parse_summary_and_error_exit_code(seed_path, tmp_path, capsys):
    assert main(["parse", str(seed_path)]) == 0
    out = capsys.readouterr().out
    assert "2025年第7期（总第161期）" in out and "37 行" in out
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["parse", str(empty)]) == 3
    assert "empty.txt: file is empty" in capsys.readouterr().err


def test_without_the_statistics_marker_tables_keep_captions_and_notes(seed_path):
    text = "\n".join(ln for ln in seed_path.read_text(encoding="utf-8").split("\n") if ln != "统计数据")
    b = TextParser(text, "x.txt").parse()
    assert [t.title for t in b.tables][1] == "2025 年 6 月线上预约情况统计"
    assert b.tables[1].notes == ["(不包含 12320 电话预约、医院诊间预约、医院自有途径预约)"]
    assert b.tables[0].notes == ["(截止 2025 年 6 月，总预约挂号量为 37624706 次)"]
    assert b.warnings == []


MASTHEAD = (
    "南京卫生信息化简报\n2024年第4期（总第146期）\n南京市卫生信息中心 编印\n2024年4月25日\n\n统计数据\n\n"
)


def parse_tables(body: str):
    return TextParser(MASTHEAD + body, "x.txt").parse()


@pytest.mark.parametrize(
    ("caption", "header", "name", "unit"),
    [
        ("2024年1—3月各区健康档案调阅量（万次）", "区\t1月\t2月\t3月", "健康档案调阅量", "万次"),
        ("2024年1-3月各医院远程会诊例数（例）", "医院\t1月份\t2月份\t3月份", "远程会诊例数", "例"),
        ("全市各区2024年1至3月签约人数", "辖区\t1月\t2月\t3月", "签约人数", ""),
    ],
)
def test_months_as_columns_become_one_column_with_a_month_per_cell(caption, header, name, unit):
    body = f"{caption}\n\n{header}\n甲区\t10\t20\t30\n乙区\t1\t/\t3\n合计\t11\t20\t33\n"
    b = parse_tables(body)
    [t] = b.tables
    assert [(c.name, c.unit) for c in t.columns] == [(name, unit)]
    assert t.data_month == "2024-03"
    cells = {(r.label, r.month): r.values[0].raw for r in t.rows}
    assert cells[("甲区", "2024-02")] == "20" and cells[("乙区", "2024-02")] == "/"
    assert [r.month for r in t.rows if r.is_total] == ["2024-01", "2024-02", "2024-03"]


def test_subtotal_rows_are_named_groups_and_not_summed_twice():
    body = (
        "2024年3月各医院床位情况\n\n医院\t床位（张）\t出院（人）\n"
        "甲医院\t100\t9\n乙医院\t50\t8\n三级医院小计\t150\t17\n丙医院\t30\t5\n二级医院小计\t30\t5\n总计\t180\t22\n"
    )
    b = parse_tables(body)
    [t] = b.tables
    assert not any("sum mismatch" in w for w in b.warnings), b.warnings
    rows = {r.label: (r.subtotal, r.group) for r in t.rows}
    assert rows == {
        "甲医院": (False, "三级医院小计"),
        "乙医院": (False, "三级医院小计"),
        "三级医院小计": (True, ""),
        "丙医院": (False, "二级医院小计"),
        "二级医院小计": (True, ""),
    }
    assert t.total.label == "总计" and t.total.values[0].raw == "180"


def test_months_as_header_groups_become_a_month_per_row():
    body = (
        "2024年9月互联网医院服务情况\n\n序号\t医院\t9月\t\t8月\t\n"
        "\t\t问诊量（人次）\t处方量（张）\t问诊量（人次）\t处方量（张）\n"
        "1\t甲医院\t100\t40\t90\t35\n2\t乙医院\t50\t/\t45\t20\n"
    )
    b = parse_tables(body)
    [t] = b.tables
    assert [(c.name, c.unit) for c in t.columns] == [("问诊量", "人次"), ("处方量", "张")]
    cells = {(r.label, r.month): [v.raw for v in r.values] for r in t.rows}
    assert cells == {
        ("甲医院", "2024-08"): ["90", "35"],
        ("甲医院", "2024-09"): ["100", "40"],
        ("乙医院", "2024-08"): ["45", "20"],
        ("乙医院", "2024-09"): ["50", "/"],
    }
    assert t.data_month == "2024-09" and not b.warnings


def test_a_column_of_words_is_no_slip_but_a_word_among_numbers_is():
    body = "2024年9月考核\n\n医院\t得分（分）\t等级\n甲医院\t96.9\t优秀\n乙医院\t良好\t良好\n"
    b = parse_tables(body)
    assert len(b.warnings) == 1 and "'良好' is not a number" in b.warnings[0] and "乙医院" in b.warnings[0]


@pytest.mark.parametrize("note", ["（单位：万份）", "(计量单位:万份)", "（单位:万份）"])
def test_a_unit_note_under_the_caption_is_the_unit_of_columns_printing_none(note):
    body = f"2024年3月各区建档情况\n{note}\n\n区\t建档数\t建档率（%）\n甲区\t12.5\t80.1\n乙区\t8.25\t77.0\n"
    [t] = parse_tables(body).tables
    assert [(c.name, c.unit) for c in t.columns] == [("建档数", "万份"), ("建档率", "%")]


def test_the_total_leaf_of_a_group_is_a_total_column():
    body = (
        "2024年3月体检情况\n\n机构类型\t体检人数（人）\t\t\t检出率（%）\t\n\t男\t女\t合计\t男\t女\n"
        "三级医院\t10\t20\t30\t5.5\t6.1\n二级医院\t5\t6\t11\t4.0\t3.2\n"
    )
    [t] = parse_tables(body).tables
    assert [(c.name, c.role) for c in t.columns][:3] == [
        ("体检人数男", ""),
        ("体检人数女", ""),
        ("体检人数合计", "total"),
    ]


PARTS = """南京卫生信息化

第2期 总第40期

南京市卫生信息中心编 2012年2月20日

【专稿】

全市区域影像平台建设情况

一、建设进展

截至1月底，已有12家医院接入区域影像平台。

二、存在问题

部分医院影像设备接口不统一。

三、下步打算

年内实现二级以上医院全部接入。

市卫生局召开信息化例会

2月10日，市卫生局召开信息化例会。
"""


def test_an_articles_parts_keep_its_headline_and_column():
    """「一、建设进展」 right under its headline is a part of that article: alone it lost the headline and
    the column above it (「【专稿】」, right under the masthead)."""
    b = TextParser(PARTS, "x.txt").parse()
    assert [s.title for s in b.sections if s.kind == "article"] == [
        "【专稿】｜全市区域影像平台建设情况｜一、建设进展",
        "【专稿】｜全市区域影像平台建设情况｜二、存在问题",
        "【专稿】｜全市区域影像平台建设情况｜三、下步打算",
        "市卫生局召开信息化例会",
    ]
