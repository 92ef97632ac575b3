"""The single entry point: routing, extractive text answers with citations, refusals, input hygiene."""

from __future__ import annotations

import re

import pytest

from qa.answer import clean, clean_history
from qa.errors import BadQuestion


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("CHITEC在哪里召开？", "郑州"),
        ("CHITEC大会的主题是什么", "便民、助医、辅政、促研"),
        ("谁作了主旨报告？", "赵麟"),
        ("主旨报告的题目是什么", "数智赋能卫生健康高质量发展"),
        ("哪些医院通过了电子病历六级", "高淳人民医院"),
        ("“4128”是什么", "数智健康整体规划"),
        ("互联网+护理服务城市地图汇聚了多少家医疗机构", "128家"),
        ("简报的责任编辑是谁", "陈颖"),
    ],
)
def test_text_answers_quote_the_bulletin(seed_engine, q, want):
    a = seed_engine.ask(q, [])
    assert a.found and a.route == "text", a.text
    assert want in a.text
    src = a.sources[0]
    assert src.kind == "text" and src.issue == "2025年第7期" and src.line > 0
    # Every number in the answer is in the quoted source (or in the issue/headline it names).
    quoted = " ".join(s.text + s.title + s.issue for s in a.sources)
    for n in re.findall(r"\d+(?:\.\d+)?", a.text):
        assert n in quoted, (n, a.text)
    assert len(a.text) < 700


def test_trimmed_to_what_was_asked(seed_engine):
    a = seed_engine.ask("上半年哪些医院通过了电子病历六级？", [])
    assert "省中医院、中大医院、高淳人民医院" in a.text and "省肿瘤医院" not in a.text
    assert "省肿瘤医院" in a.sources[0].text  # the whole sentence is quoted as the source


@pytest.mark.parametrize(
    "q",
    [
        "江苏省中医院的门诊时间是几点到几点？",
        "上海12320热线6月受理了多少电话",
        "苏州市6月预约挂号量是多少",
        "2025年7月12320热线受理了多少电话",
        "请把这段话翻译成英文",
        "写一首关于春天的诗",
        "今天天气怎么样",
        "鼓楼医院有多少医生",
        "南京市卫生信息中心主任是谁",
        "火箭军总医院6月门急诊人次是多少",  # a hospital named by common words no bulletin prints
        "武警江苏总队医院的住院收入多少",
    ],
)
def test_refusals(seed_engine, q):
    a = seed_engine.ask(q, [])
    assert not a.found and a.route == "none" and a.sources == []
    assert "没有" in a.text and "可以问" in a.text or "现有数据月份" in a.text


def test_text_follow_up_reads_the_previous_question(seed_engine):
    h = [
        {"role": "user", "content": "上半年哪些医院通过了电子病历六级？"},
        {"role": "assistant", "content": "省中医院、中大医院、高淳人民医院。"},
    ]
    a = seed_engine.ask("五级呢？", h)
    assert a.found and "省肿瘤医院" in a.text


def test_html_is_kept_as_text(seed_engine):
    a = seed_engine.ask("<img src=x onerror=alert(1)>省人医门急诊人次", [])
    assert a.question.startswith("<img") and "660405" in a.text


def test_clean_rejects_what_cannot_be_answered():
    with pytest.raises(BadQuestion, match="empty"):
        clean("   \x00\x07  ", 500)
    with pytest.raises(BadQuestion, match="10000 characters"):
        clean("问" * 10000, 500)
    assert clean("省人医\x00门诊\u200b量", 500) == "省人医 门诊 量"


def test_history_accepts_gradio_blocks_and_drops_source_messages():
    h = clean_history(
        [
            {"role": "user", "content": [{"type": "text", "text": "省人医门急诊人次"}]},
            {"role": "assistant", "content": "660405"},
            {"role": "assistant", "content": "来源…", "metadata": {"title": "来源"}},
        ],
        20,
    )
    assert h == [{"role": "user", "content": "省人医门急诊人次"}, {"role": "assistant", "content": "660405"}]
    with pytest.raises(BadQuestion, match="history\\[0\\]"):
        clean_history([{"role": "system", "content": "x"}], 20)
    with pytest.raises(BadQuestion, match="limit is 2"):
        clean_history([{"role": "user", "content": "x"}] * 3, 2)


def test_two_questions_in_one_message(seed_engine):
    a = seed_engine.ask("统一支付结算平台这次在哪家医院上线的？目前已经在多少家机构运行", [])
    assert a.found and "江苏省中医院" in a.text and "52家" in a.text
    a = seed_engine.ask("省人医门诊量多少，住院收入多少？", [])
    assert "660405" in a.text and "543099.4" in a.text and a.route == "table"


@pytest.mark.parametrize(
    ("q", "want"), [("12320热线6月人工服务多少通？", "7407"), ("6月12320热线心理危机干预多少通", "247")]
)
def test_figures_of_a_statistical_paragraph_are_read_like_table_cells(seed_engine, q, want):
    a = seed_engine.ask(q, [])
    assert a.found and a.route == "table" and want in a.text
    assert a.sources and "12320" in a.sources[0].title and a.sources[0].line > 0
