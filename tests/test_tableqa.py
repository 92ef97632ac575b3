"""Table questions through the real index: plans, SQL, exact figures, arithmetic, follow-ups, refusals."""

from __future__ import annotations

import re

import pytest


def ask(engine, q, history=()):
    return engine.ask(q, list(history))


def turn(q, a="好的"):
    return [{"role": "user", "content": q}, {"role": "assistant", "content": a}]


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("省人医6月住院收入多少？", ["543099.4", "千元", "2025年6月", "江苏省人民医院"]),
        ("中大医院门诊量", ["195382"]),
        ("市一医院出院人数", ["486"]),
        ("皮研所预约挂号小计", ["472"]),
        ("南京鼓楼医院（含分院）12320在线预约是多少？", ["6052"]),
        ("鼓楼医院诊间预约", ["74264"]),
        ("市儿童医院实时数据表单上传情况", ["5/12"]),
        ("江蘇省人民醫院门急诊人次", ["660405"]),
        ("省人医 inpatient 收入", ["543099.4"]),
        ("第161期江宁区定时数据上传量", ["10304604"]),
        ("６月玄武区实时数据上传天数", ["14"]),
        ("我的南京客户端预约了多少", ["4767"]),
        ("6月第三方预约合计", ["4767", "合计"]),
    ],
)
def test_lookups(seed_engine, q, want):
    a = ask(seed_engine, q)
    assert a.found and a.route == "table", a.text
    for w in want:
        assert w in a.text, (q, a.text)
    assert a.sources and a.sources[0].kind == "table" and a.sources[0].issue == "2025年第7期"
    assert len(a.text) < 400


def test_missing_value_is_not_zero(seed_engine):
    a = ask(seed_engine, "秦淮区门急诊收入")
    assert a.found and "未上报" in a.text and "0 千元" not in a.text


def test_rankings_and_ties(seed_engine):
    a = ask(seed_engine, "哪家医院的门急诊收入最高？")
    assert "江苏省中医院" in a.text and "372995.42" in a.text
    a = ask(seed_engine, "预约挂号小计排名前三的医院")
    assert a.text.index("83782") < a.text.index("1372") < a.text.index("1160") and "864" not in a.text
    assert a.table[0] == ["排名", "医院", "小计"] and len(a.table) == 4
    a = ask(seed_engine, "出院人次排第二的医院")
    assert "南京鼓楼医院" in a.text and "18334" in a.text
    a = ask(seed_engine, "预约挂号量最少的三家医院")  # 3, then 4 and 4 tied: exactly three rows
    assert "友谊整形" in a.text and "中心医院" in a.text and "雨花医院" in a.text and "六合区" not in a.text
    a = ask(seed_engine, "出院人次最少的区是哪个（不算秦淮区）？")
    assert "建邺区" in a.text and "82" in a.text and "不含秦淮区" in a.text


def test_filters_counts_and_units(seed_engine):
    a = ask(seed_engine, "实时数据上传天数少于10天的医院有哪些？")
    assert "共6家" in a.text and "江苏省中医院" not in a.text
    a = ask(seed_engine, "哪些医院实时数据表单是0/12？")
    assert "共3家" in a.text and "泰康仙林鼓楼医院" in a.text
    a = ask(seed_engine, "住院收入超过3亿元的医院有哪些")
    assert "300000千元" in a.text and "江苏省人民医院" in a.text and "南京鼓楼医院" in a.text
    assert "东部战区总医院" not in a.text  # 171154.26 千元 is under 3亿元
    a = ask(seed_engine, "实时数据表单上传情况为12/12的区有几个")
    assert "共4个" in a.text


def test_sums_averages_differences_shares(seed_engine):
    a = ask(seed_engine, "各区出院人次一共多少")
    assert "14716" in a.text and "+" in a.text
    a = ask(seed_engine, "各区门急诊收入合计多少千元（秦淮区未上报）")
    assert "372628.72" in a.text
    a = ask(seed_engine, "江苏省人民医院比南京鼓楼医院门急诊人次多多少？")
    assert "660405 − 514501 = 145904" in a.text
    a = ask(seed_engine, "省人医和鼓楼医院住院收入差多少")
    assert "543099.4 − 433214.46 = 109884.94" in a.text
    a = ask(seed_engine, "12320在线预约合计比快速预约合计多多少")
    assert "12396 − 2051 = 10345" in a.text
    a = ask(seed_engine, "鼓楼医院诊间预约占小计的比例")
    assert "88.64%" in a.text and "74264 ÷ 83782" in a.text
    a = ask(seed_engine, "省中医院每人次门急诊收入多少元？")
    assert "597.2" in a.text and "372995.42千元 × 1000 ÷ 门急诊人次 624574" in a.text
    a = ask(seed_engine, "省人医、鼓楼医院、省中医院三家门急诊人次加起来多少")
    assert "1799480" in a.text


def test_follow_ups(seed_engine):
    h = turn("江苏省人民医院门急诊人次是多少？", "2025年6月，江苏省人民医院门急诊人次为 660405 人次。")
    assert "543099.4" in ask(seed_engine, "那住院收入呢？", h).text
    assert "360948" in ask(seed_engine, "高淳区呢？", h).text
    h2 = turn("鼓楼医院预约挂号小计多少", "2025年6月，南京鼓楼医院（含分院）小计为 83782 次。")
    assert "74264" in ask(seed_engine, "其中诊间预约多少？", h2).text
    h3 = turn(
        "哪家医院的门急诊收入最高？", "2025年6月门急诊收入最高的医院是江苏省中医院，为 372995.42 千元。"
    )
    assert "297672.72" in ask(seed_engine, "排第二的呢？", h3).text
    assert "152102.03" in ask(seed_engine, "那它的住院收入呢？", h3).text
    h4 = turn(
        "实时数据上传天数为0的医院有哪些", "泰康仙林鼓楼医院、南京市浦口人民医院、东部战区空军医院，均为0。"
    )
    assert "97833" in ask(seed_engine, "它们的门急诊人次一共多少？", h4).text


@pytest.mark.parametrize(
    ("q", "why"),
    [
        ("2025年5月鼓楼医院的预约挂号量是多少？", "2025年5月"),
        ("南京市第三医院门急诊人次是多少", "南京市第三医院"),
        ("那7月呢？", "7月"),
    ],
)
def test_refusals_name_what_is_missing(seed_engine, q, why):
    history = turn("江苏省人民医院门急诊人次是多少？") if q.startswith("那") else []
    a = ask(seed_engine, q, history)
    assert not a.found and why in a.text
    # No figure in a refusal: only month labels may contain digits.
    assert not re.search(r"\d", re.sub(r"\d{4}年\d{1,2}月|\d{1,2}月", "", a.text)), a.text


@pytest.mark.parametrize(
    ("q", "history"),
    [
        ("高危的有几项", []),  # one character (危) inside a column name (心理危机干预) names no table
        ("推进会一共多少人参加", []),  # the 人 of 多少人 counts; it abbreviates no column (人工服务)
        ("那到6月18号打了多少通", turn("6月人工服务多少通")),  # a day is an event's: tables hold months
    ],
)
def test_fragments_of_column_names_are_not_table_questions(seed_engine, q, history):
    a = ask(seed_engine, q, history)
    assert a.route != "table", a.text
    if not history:
        assert "7407" not in a.text and "247" not in a.text, a.text


def test_near_miss_names_are_not_guessed(seed_engine):
    # 第三 vs 第二: one character, but a different hospital — never answered with the other's figure.
    a = ask(seed_engine, "南京市第三医院出院人次")
    assert not a.found and "5952" not in a.text
    a = ask(seed_engine, "鼓楼医院院长是谁")
    assert not a.found


def test_sql_in_a_question_is_just_text(seed_engine):
    a = ask(seed_engine, "'; DROP TABLE cells;-- 省人医门急诊人次")
    assert a.route in ("table", "none")
    assert "660405" in ask(seed_engine, "省人医门急诊人次").text  # the table is still there


def test_months_across_bulletins(multi_engine):
    a = ask(multi_engine, "省人医2025年8月的门急诊人次比7月增加了多少？")
    assert a.found and "89970" in a.text and "−" in a.text and "2025年8月" in a.text and "2025年7月" in a.text
    # Without a month: the latest month indexed, and the answer says which.
    a = ask(multi_engine, "省人医门急诊人次")
    assert "2025年9月" in a.text
    h = turn("2025年8月省中医院出院人次是多少？", "2025年8月，江苏省中医院出院人次为16714。")
    assert "6218" in ask(multi_engine, "那7月份呢？", h).text
    a = ask(multi_engine, "第163期东部战区总医院定时数据上传量")
    assert "32886696" in a.text


def test_other_hospitals_and_an_extra_column(multi_engine):
    """Nothing is tuned to the seed: hospitals and a column only generated bulletins have."""
    a = ask(multi_engine, "2025年8月江苏省老年病医院出院人次")
    assert a.found and "江苏省老年病医院" in a.text
    a = ask(multi_engine, "2025年9月互联网医院诊疗人次最多的是哪家医院？")
    assert a.found and "互联网医院诊疗人次" in a.text
    a = ask(multi_engine, "2025年6月互联网医院诊疗人次最多的是哪家医院？")
    assert not a.found
