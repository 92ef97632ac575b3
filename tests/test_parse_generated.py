"""The parser against bulletins it has never seen: generated issues with other months, hospitals,
numbers, split points, layouts and an extra column. Every cell must come back exactly as printed."""

from __future__ import annotations

import factory
import pytest

from qa.parse.tables import norm
from qa.parse.text import TextParser

KEYS = {"appointments": "预约挂号服务", "online": "线上预约", "districts": "（区）", "hospitals": "（医院）"}

VARIANTS = [
    dict(seed=11),
    dict(seed=12, split_at=(10, 30)),
    dict(seed=13, split_at=(30, 5), repeat_header=False),
    dict(seed=14, layout="spaces"),
    dict(seed=15, layout="spaces", extra_column=True, split_at=(18, 22)),
    dict(seed=16, extra_column=True, omit_sections=("简讯",)),
    dict(seed=17, omit_sections=("article1",), repeat_header=False, layout="spaces"),
    dict(seed=18, split_at=(1, 38)),
]


def parsed(year, number, **kw):
    issue = factory.make_bulletin(year, number, 150 + number, **kw)
    b = TextParser(issue.text, issue.filename).parse()
    return issue, b


@pytest.mark.parametrize("kw", VARIANTS, ids=[str(v) for v in VARIANTS])
def test_every_cell_round_trips(kw):
    issue, b = parsed(2024, 3 + kw["seed"] % 9, **kw)
    facts = issue.facts
    assert (b.year, b.number, b.running) == (facts["year"], facts["number"], facts["running"])
    assert b.published == facts["published"] and b.data_month == facts["data_month"]
    assert b.warnings == []
    assert len([t for t in b.tables if t.source == "table"]) == 4
    # The hotline paragraph is read into a one-row table, every figure as printed, the 共 figure its total.
    [hotline] = [t for t in b.tables if t.source == "paragraph"]
    assert hotline.data_month == facts["data_month"] and hotline.rows[0].label == "南京12320卫生热线"
    order = ["咨询电话", "咨询类", "医疗投诉", "电话预约", "人工服务", "心理危机干预", "自助语音问答"]
    order += ["市12345工单", "省12345工单", "自接工单"]
    assert [v.raw for v in hotline.rows[0].values] == [str(facts["hotline"][k]) for k in order]
    assert [c.role for c in hotline.columns][:2] == ["total", ""]
    for key, word in KEYS.items():
        want = facts["tables"][key]
        t = next(t for t in b.tables if word in t.title)
        assert t.title == want["title"]
        assert [r.label for r in t.rows] == (want["order"] if "order" in want else list(want["rows"]))
        for r in t.rows:
            got = {norm(c.header): v.raw for c, v in zip(t.columns, r.values, strict=True)}
            exp = {norm(k): v for k, v in want["rows"][r.label].items() if k not in ("序号", "名称", "单位")}
            assert got == exp, (key, r.label)
        if want.get("totals_printed", key in ("appointments", "online")):
            assert t.total is not None


def test_extra_column_is_a_column():
    _, b = parsed(2025, 4, seed=5, extra_column=True)
    t = b.tables[3]
    assert [c.name for c in t.columns][:4] == [
        "定时数据上传量",
        "实时数据上传天数",
        "实时数据表单上传情况",
        "互联网医院诊疗人次",
    ]
    assert [c.name for c in t.columns][-4:] == ["门急诊人次", "门急诊收入", "出院人次", "住院收入"]


def test_missing_section_and_data_month_across_year_end():
    issue, b = parsed(2025, 1, seed=3, omit_sections=("简讯",))
    assert b.data_month == "2024-12"
    assert not any(s.kind == "brief" for s in b.sections)
    assert any(s.kind == "contact" for s in b.sections)


def test_broken_paragraph_is_rejoined():
    issue, b = parsed(2025, 5, seed=21)
    lines = issue.text.split("\n")
    # The generator breaks one paragraph mid-sentence; its two halves must come back as one.
    broken = next(
        ln
        for ln in lines
        if ln and len(ln) > 40 and ln[-1] not in "。；：！？”）)" and "\t" not in ln and "  " not in ln
    )
    texts = [p.text for s in b.sections for p in s.paragraphs]
    assert any(t.startswith(broken) and len(t) > len(broken) for t in texts)
