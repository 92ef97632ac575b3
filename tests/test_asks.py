"""What a question asks for and where a sentence holds it: pure functions over words and jieba's part
of speech, parametrised."""

from __future__ import annotations

import pytest

from qa.asks import Ask, Evidence, asked, clauses, focus_after, holds_title, ordinals, titles
from qa.inputs import split_questions
from qa.lexicon import normalize
from qa.overview import ordinal_of
from qa.textqa import months_said
from qa.vocab import Vocab
from qa.words import alike


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
        ("合格率是多少", "share", ""),  # a rate asked: a percentage the sentence prints
        ("信息安全检查为啥要搞", "purpose", ""),
        ("平台二期目的是啥", "purpose", ""),
        ("发现的问题原因是啥", "why", ""),
        ("预约来电为啥涨了这么多", "why", ""),
        ("副局长提了啥要求", "said", ""),
        ("下一届在哪里办", "future", ""),
        ("CHITEC的主题是什么", "", ""),
        # 「哪个处长」: which holder of a title is who holds it
        ("去宁波考察的是哪个处长", "who", ""),
        ("主持培训的科长是哪个", "who", ""),
        ("中心主任是哪个单位的", "org", ""),  # which body, not which person
        # what someone did: asked when nothing more specific is (a plan, a place)
        ("论证会上副主任干了啥", "act", ""),
        ("培训结束后中心做了哪些事", "act", ""),
        ("签约以后中心打算干啥", "future", ""),
        ("检查组在哪干了啥", "where", ""),
        # counters of orders and payments; 单 of 单位 counts nothing
        ("医保移动支付一共完成多少笔", "count", "笔"),
        ("互联网医院药品配送了几单", "count", "单"),
        ("有多少单位参加了培训", "number", ""),
    ],
)
def test_kind_of_answer_asked(q, kind, counter):
    a = asked(normalize(q))
    assert (a.kind, a.counter) == (kind, counter)


@pytest.mark.parametrize(
    ("q", "named"),
    [
        ("三级医院有几家", {(3, "级"): "三级"}),
        ("第十九届在哪办", {(19, "届"): "十九届"}),  # the same round as 第19届
        ("平台二期项目投资多少", {(2, "期"): "二期"}),
        ("搞了2轮演练", {(2, "轮"): "2轮"}),
        ("首批上线的有几家", {(1, "批"): "首批"}),  # 首批 is 第一批
        ("评上五级乙等的是哪家", {(5, "级"): "五级"}),
        ("通过了互联互通哪一级", {}),  # which level: none named
        ("下一届在哪里办", {}),
        ("这一期有哪些新闻", {}),
        ("同一批次有几家", {}),
    ],
)
def test_levels_and_rounds_a_question_names(q, named):
    assert ordinals(normalize(q)) == named


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("连", "联", True),  # a reading in common
        ("珍", "诊", True),
        ("档", "挡", True),
        ("期", "其", True),
        ("己", "已", True),  # a look-alike pair (confusables.txt)
        ("医", "病", False),
        ("主", "副", False),
        ("1", "一", False),  # digits and letters are never slips
        ("a", "b", False),
    ],
)
def test_characters_typed_for_each_other(a, b, same):
    assert alike(a, b) is same


@pytest.mark.parametrize(
    ("toks", "whole"),
    [
        (["副", "主任", "干啥"], ["副主任", "干啥"]),  # 副主任 is asked, not 主任
        (["副", "局长", "讲话"], ["副局长", "讲话"]),
        (["主任", "委员"], ["主任委员"]),
        (["中心", "主任"], ["中心", "主任"]),  # a body before a title stays a word
    ],
)
def test_titles_cut_in_two_are_one_word(toks, whole):
    assert Vocab.titles_whole(toks) == whole


@pytest.mark.parametrize(
    ("toks", "whole"),
    [
        (["上门", "护理", "服务"], ["上门护理", "服务"]),  # a phrase of text_synonyms.tsv, kept whole
        (["承办", "单位"], ["承办单位"]),
        (["平均", "每天"], ["平均每天"]),
        (["护理", "上门"], ["护理", "上门"]),  # only in the phrase's order
    ],
)
def test_synonym_phrases_cut_in_two_are_one_word(toks, whole):
    assert Vocab.phrases(toks) == whole


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
