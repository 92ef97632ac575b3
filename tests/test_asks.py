"""What a question asks for and where a sentence holds it: pure functions over words and jieba's part
of speech, parametrised."""

from __future__ import annotations

import pytest

from qa.asks import Ask, Evidence, asked, clauses, focus_after, holds_title, titles
from qa.inputs import split_questions
from qa.lexicon import normalize
from qa.overview import ordinal_of
from qa.textqa import months_said


@pytest.fixture(scope="module")
def evidence() -> Evidence:
    import jieba
    import jieba.posseg

    jieba.initialize()
    return Evidence(jieba.posseg.dt, jieba.dt.FREQ)


@pytest.mark.parametrize(
    ("q", "kind", "counter"),
    [
        ("会议是谁主持的", "who", ""),
        ("健康档案科科长叫啥", "who", ""),  # a title is named: 叫啥 asks for the person
        ("市级统一支付功能叫什么", "", ""),  # no title: a name, not a person
        ("CHITEC在哪里召开", "where", ""),
        ("会议是几号开的", "day", ""),
        ("招标啥时候完成", "when", ""),
        ("一共培训了多少人", "count", "人"),
        ("有几家医院没做备份", "count", "家"),
        ("哪几家医院通过了六级", "list", "家"),  # which ones (several, counted in 家), not how many
        ("主要有哪几个方面", "list", "个"),
        ("智慧医院评估结果咋样", "result", ""),
        ("承建单位是哪家公司", "org", ""),
        ("总投资多少钱", "money", ""),
        ("合格率是多少", "number", ""),
        ("信息安全检查为啥要搞", "purpose", ""),
        ("平台二期目的是啥", "purpose", ""),
        ("发现的问题原因是啥", "why", ""),
        ("预约来电为啥涨了这么多", "why", ""),
        ("副局长提了啥要求", "said", ""),
        ("下一届在哪里办", "future", ""),
        ("CHITEC的主题是什么", "", ""),
    ],
)
def test_kind_of_answer_asked(q, kind, counter):
    a = asked(normalize(q))
    assert (a.kind, a.counter) == (kind, counter)


@pytest.mark.parametrize(
    ("text", "found", "holds", "lacks"),
    [
        ("中心副主任沈立新主持", ["副主任"], ["副主任"], ["主任"]),  # 主任 is not 副主任
        ("中心主任顾永康汇报,副主任沈立新演示", ["副主任", "主任"], ["主任", "副主任"], []),
        ("市卫生局副局长陈志远出席", ["副局长"], ["副局长"], ["局长"]),
        ("专家组组长黄正平", ["专家", "组长"], ["组长"], ["副组长"]),
    ],
)
def test_titles_are_told_apart(text, found, holds, lacks):
    assert sorted(titles(text)) == sorted(found)
    assert all(holds_title(text, r) for r in holds)
    assert not any(holds_title(text, r) for r in lacks)


@pytest.mark.parametrize(
    ("kind", "counter", "sentence", "held"),
    [
        ("who", "", "会议由市卫生局规划财务处处长李红梅主持。", "处长李红"),
        ("who", "", "全市65家医疗机构的院领导、信息部门负责人及业务骨干共300余人参加培训。", None),
        ("count", "人", "共约120人参加了会议。", "120人"),
        ("count", "人", "来自东南大学等单位的7名专家组成专家组。", "7名"),  # 名 counts people too
        ("count", "个", "平台已汇聚7个城市209家医院的号源。", "7个"),
        ("count", "个", "高淳区通过五级乙等，皮研所通过四级甲等。", None),  # 级 is not a count of 个
        ("count", "家", "共检查了8家医院。", "8家"),
        # a month, a year or an ordinal is no figure: 「11月中旬…」 holds no number to quote
        ("number", "", "11月中旬，市卫生信息中心召开第3期通报会。", None),
        ("number", "", "2025年全市共完成接种52.3万剂次。", "52.3"),
        ("money", "", "二期项目总投资约1850万元。", "1850万元"),
        ("day", "", "3月9日下午，会议召开。", "3月9日"),
        ("day", "", "上半年，测评结果陆续发布。", None),  # a day was asked; 上半年 is none
        ("when", "", "力争于6月底前完成项目招标。", "6月"),
        (
            "purpose",
            "",
            "为切实做好全国两会期间网络与信息安全保障工作，3月1日至7日开展了检查。",
            "为切实做好",
        ),
        ("purpose", "", "为全省提供可复制的经验。", None),  # 为 + a noun: for whom, not what for
        ("purpose", "", "二期项目旨在打通市级平台与各区县平台之间的数据通道。", "旨在"),
        ("why", "", "究其原因，主要是由于人员配备不足。", "由于"),
        ("future", "", "原国家卫生和计划生育委员会副主任金小桃出席。", None),  # 计划 of 计划生育 is no plan
        ("future", "", "下一步，将在全市推广。", "下一步"),
        ("where", "", "会议在市卫生局四楼会议室召开。", "在"),
        ("said", "", "陈志远在讲话中要求，各单位要把信息化建设摆上重要议事日程。", "要求"),
    ],
)
def test_evidence_of_the_kind_asked(evidence, kind, counter, sentence, held):
    spans = evidence.spans(Ask(kind, counter), normalize(sentence))
    texts = [normalize(sentence)[a:b] for a, b in spans]
    if held is None:
        assert spans == [], texts
    else:
        assert any(t.startswith(held) or held in t for t in texts), texts


@pytest.mark.parametrize(
    ("q", "parts"),
    [
        (
            "统一支付结算平台在哪家医院上线的？目前已经在多少家机构运行",
            ["统一支付结算平台在哪家医院上线的", "目前已经在多少家机构运行"],
        ),
        (
            "考核合格率，是多少？",
            ["考核合格率，是多少？"],
        ),  # a piece that names nothing finishes the one before
        ("平台二期为啥要建，目的是啥？", ["平台二期为啥要建，目的是啥？"]),
        ("第10期里，参加的有多少人，请了几位专家？", ["第10期里，参加的有多少人", "请了几位专家"]),
        ("招标啥时候完成？2012年3月那期说的", ["招标啥时候完成？2012年3月那期说的"]),  # asks nothing: one
    ],
)
def test_questions_in_one_message(q, parts):
    # Which pieces name something is the engine's call (its words); here: all but these two.
    assert split_questions(q, lambda piece: piece not in ("是多少", "目的是啥")) == parts


@pytest.mark.parametrize(
    ("q", "months"),
    [
        ("12320热线2012年2月和3月两个月一共", {2, 3}),
        ("2012年2、3月份预约挂号", {2, 3}),
        ("3月比2月多", {2, 3}),
    ],
)
def test_months_a_question_names(q, months):
    assert months_said(normalize(q)) == months


def test_small_helpers():
    assert [sent[a:b] for sent in ["甲，乙；丙。"] for a, b in clauses(sent)] == ["甲，", "乙；", "丙。"]
    assert ordinal_of("第一篇文章讲的是什么") == 1 and ordinal_of("第3篇") == 3 and ordinal_of("文章") == 0
    assert focus_after("提了啥要求", list) == "要"  # words_of splits: here one character at a time


def test_every_kind_has_a_word_for_its_refusal():
    from qa.asks import KINDS
    from qa.textqa import KIND_WORD

    assert set(KINDS) | {"count"} <= set(KIND_WORD)
