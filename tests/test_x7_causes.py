"""The causes behind blind round X7's failures, on an issue written here with other words (not a copy of
the round's bulletins): another city's article (他山之石) is not Nanjing's, a document number is a literal
key (follow-ups keep it), what a leader's 批示 says is the quote, lists and parts asked whole, the chair of
a meeting dated in the article's first paragraph, a column's articles, and a paragraph holding two
months' figures."""

from __future__ import annotations

import pytest

from qa.asks import Ask, asked, doc_numbers, same_document

ISSUE = """南京卫生信息化简报

2018年第4期（总第100期）

南京市卫生信息中心            2018年4月28日

专题

全市分级诊疗信息平台建设情况

（一）建设背景

分级诊疗信息平台是推动优质医疗资源下沉、方便群众就近就医的有效手段。为了落实省卫生计生委关于推进分级诊疗制度建设的部署，市卫生计生委于1月启动平台建设。

（二）具体措施

一是统一入口。全市基层医疗机构通过同一个转诊入口向上级医院预约专家号源和检查项目。

二是打通数据。转诊患者的病历摘要和检验结果随转诊单同步推送到接诊医院。

三是考核激励。将转诊及时率纳入各区卫生计生局年度考核。

（三）取得成效

截至3月底，全市已有96家社区卫生服务中心接入平台，累计完成双向转诊1.8万人次。

全市电子病历应用推进会召开

4月20日，全市电子病历应用推进会在市卫生计生委召开，各区卫生计生局分管负责人和市属医院信息科长共90余人参加。

会议由市卫生计生委副主任陈立主持。中心副主任王宁通报了一季度电子病历系统应用评价情况。

中心赴上海学习互联网医院建设经验

4月10日至11日，市卫生信息中心副主任王宁带队赴上海市第六人民医院考察学习互联网医院建设经验。考察组详细了解了线上复诊、处方流转和药品配送等流程。

领导批示

4月3日，副市长刘海涛在市卫生计生委报送的《关于分级诊疗信息平台建设情况的报告》上批示：“平台建设成效明显，要继续扩大基层接入范围，年内实现社区卫生服务中心全覆盖。”

【区县动态】

浦口区上线家庭医生签约App

4月8日，浦口区家庭医生签约App正式上线，居民可在线选择签约医生、预约上门服务。

六合区完成乡村医生信息系统培训

4月中旬，六合区卫生计生局组织全区乡村医生信息系统操作培训，共培训乡村医生215人。下一步，该系统将在竹镇、冶山两个街道推广应用。

政策文件

1.《南京市分级诊疗信息平台管理办法》（宁卫发[2018]15号），市卫生计生委2018年3月12日印发。

2.《关于做好2018年卫生统计工作的通知》（宁卫办（2018）7号），市卫生计生委2018年4月2日印发。

他山之石

苏州：“看病先付费”变“先看病后付费”

近年来，苏州市以信用就医为抓手，持续优化就医流程。目前苏州全市已有205家医疗机构开通先看病后付费服务，患者平均就诊时间缩短至45分钟。苏州的经验值得我市借鉴。

热线动态

据统计，3月份12320卫生热线人工坐席累计接听来电20416通，较2月份的18902通有所增加。从来电类型看，预约挂号类9120通，政策咨询类6233通，投诉建议类1402通，其他类3661通。当月另承接市12345政务服务热线转办工单1688件，按时办结率99%。

责任编辑：王芳

本期印数：260份
"""


# -- reading questions ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("asked_", "printed", "same"),
    [
        ("宁卫发[2018]15号是什么", "《办法》（宁卫发〔2018〕15号）", True),
        ("那个宁卫办（2018）7号", "（宁卫办(2018)7号），4月2日印发", True),
        ("国卫办规划函(2020)第12号", "国卫办规划函〔2020〕12号", True),
        ("宁卫办〔2018〕7号", "宁卫发〔2018〕7号", False),  # another issuer
        ("宁卫办〔2018〕7号", "宁卫办〔2018〕17号", False),
        ("宁卫办〔2018〕7号", "宁卫办〔2019〕7号", False),
    ],
)
def test_a_document_number_is_one_key_whatever_the_brackets(asked_, printed, same):
    (a,), (b,) = doc_numbers(asked_), doc_numbers(printed)
    assert same_document(a, b) is same


def test_a_text_without_a_document_number_names_none():
    assert doc_numbers("2018年第4期有哪些文件，第3号") == []


@pytest.mark.parametrize(
    ("q", "ask"),
    [
        ("明年计划扩到多少家医院", Ask("future", "家")),
        ("今后打算怎么推广", Ask("future")),
        ("刘海涛批示了什么", Ask("said")),
    ],
)
def test_what_is_asked(q, ask):
    assert asked(q) == ask


# -- answers ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def x7_engine(tmp_path_factory):
    from conftest import engine_of

    return engine_of(tmp_path_factory, "x7causes", {"2018-04_第4期.txt": ISSUE})


def ask(eng, q, prev=None):
    hist = []
    if prev:
        hist = [{"role": "user", "content": prev}, {"role": "assistant", "content": eng.ask(prev).text}]
    return eng.ask(q, hist)


@pytest.mark.parametrize(
    ("q", "prev", "want", "not_in"),
    [
        # another city's article answers only questions naming that city
        ("2018年第4期苏州先看病后付费开通了多少家", None, ["205家"], []),
        # Nanjing news naming another city in passing is Nanjing's
        ("2018年第4期王宁带队去哪考察了", None, ["上海"], []),
        # a document number is a literal key, whatever its brackets; follow-ups keep it
        ("宁卫发(2018)15号是什么文件", None, ["分级诊疗信息平台管理办法"], ["卫生统计"]),
        ("哪天印发的", "宁卫办〔2018〕7号是啥文件", ["2018年4月2日"], ["3月12日"]),
        # what a leader's 批示 says: the quote
        ("2018年第4期刘海涛副市长批示了什么", None, ["社区卫生服务中心全覆盖"], []),
        # lists and parts asked whole
        ("总第100期专题里具体措施有哪几条", None, ["统一入口", "打通数据", "考核激励"], []),
        ("总第100期的专题讲了啥", None, ["建设背景", "96家"], []),
        ("2018年为什么要建分级诊疗信息平台", None, ["优质医疗资源下沉"], []),
        ("2018年第4期乡村医生信息系统下一步要在哪些街道推广", None, ["竹镇", "冶山"], []),
        # the chair of a meeting dated in the article's first paragraph
        ("4月20日那个电子病历推进会是谁主持的", None, ["陈立"], ["王宁"]),
        # a column's articles
        ("2018年第4期区县动态栏目说了啥", None, ["浦口", "六合"], ["分级诊疗"]),
        ("2018年第4期政策文件有哪些文件", None, ["宁卫发", "宁卫办"], []),
        # a paragraph printing two months' figures keeps the month asked
        ("2018年3月12320另外承接了多少件12345工单", None, ["1688件"], []),
    ],
)
def test_x7_causes_answered(x7_engine, q, prev, want, not_in):
    a = ask(x7_engine, q, prev)
    assert a.found, a.text
    assert all(w in a.text for w in want), a.text
    assert not any(w in a.text for w in not_in), a.text


@pytest.mark.parametrize(
    "q",
    [
        "2018年第4期南京先看病后付费开通了多少家医疗机构",  # 苏州's figure
        "2018年第4期我市患者平均就诊时间是多少分钟",
        "2018年第4期说社区接入明年要扩到多少家",  # no such figure planned
    ],
)
def test_x7_refusals(x7_engine, q):
    a = ask(x7_engine, q)
    assert not a.found, a.text


def test_a_phrase_printed_without_its_middle_word_is_carried(x7_engine):
    ov = x7_engine.overviews
    assert ov.carries(["电子", "健康档案"], "电子档案查询开通")
    assert not ov.carries(["电子", "健康档案"], "电子病历")
